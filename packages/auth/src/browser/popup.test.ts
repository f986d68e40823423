import { afterEach, describe, expect, it, vi } from 'vitest';
import { runPopup } from './popup.js';

afterEach(() => {
  vi.useRealTimers();
});

/** A popup window as `runPopup` sees it: where it was sent, and whether it is closed. */
function fakePopup(closed: boolean): Window {
  return { closed, location: { href: '' } } as unknown as Window;
}

const response = 'http://localhost:5173/callback?code=c&state=s-1';
const arrivesAfter = (ms: number) =>
  new Promise<string>((resolve) => setTimeout(() => resolve(response), ms));

describe('runPopup', () => {
  it('takes a response that lands just after the callback page closed itself', async () => {
    vi.useFakeTimers();
    // Closed before the first check; the response it sent lands between the first and second.
    const run = runPopup(fakePopup(true), 'https://op.example/auth', arrivesAfter(250), 60_000);
    await vi.advanceTimersByTimeAsync(250);
    await expect(run).resolves.toBe(response);
  });

  it('rejects with popup_closed once the popup is seen closed on two checks in a row', async () => {
    vi.useFakeTimers();
    const run = runPopup(fakePopup(true), 'https://op.example/auth', new Promise(() => {}), 60_000);
    const settled = expect(run).rejects.toMatchObject({ code: 'popup_closed' });
    await vi.advanceTimersByTimeAsync(400);
    await settled;
  });

  it('rejects with timeout when the popup stays open without a response', async () => {
    vi.useFakeTimers();
    const run = runPopup(fakePopup(false), 'https://op.example/auth', new Promise(() => {}), 5_000);
    const settled = expect(run).rejects.toMatchObject({ code: 'timeout' });
    await vi.advanceTimersByTimeAsync(5_000);
    await settled;
  });
});
