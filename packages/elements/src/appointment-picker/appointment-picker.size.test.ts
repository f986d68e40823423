import { describe, expect, it } from 'vitest';
import { bundleGraph, measure } from '../../scripts/size.mjs';

describe('<zheli-appointment-picker> bundle size (gzip, bundled and minified)', () => {
  // The budget: what a page loads with the picker entry, the client and configure.
  it('loads the picker entry with Lit, @zheli/client, ky and configure within 35 KB (hard budget)', async () => {
    const rows = await measure();
    const size = (name: string) => rows.find((row) => row.name === name)?.gzip ?? Number.NaN;
    const withClient = size('appointment-picker/define.js + @zheli/client + configure');
    expect(withClient).toBeLessThanOrEqual(35 * 1024);
    expect(withClient).toBeGreaterThan(size('appointment-picker/define.js'));
    // The entry alone: 21 KB until the picker followed the auth's changes (internal/user.ts,
    // +0.3 KB, issue 17), 21,667 B since; a guard 0.5 KB above it.
    expect(size('appointment-picker/define.js')).toBeLessThanOrEqual(21.5 * 1024);
  }, 60_000);

  // Not the 35 KB: with the chunks loaded on the way (floating-ui when slot details
  // open, 6.6 KB; the QR code element and lean-qr for the ticket, 5.7 KB; the views of the ticket
  // and of the problems, 2.0 KB) the whole booking flow measures 48,496 B. Libraries alone are
  // 27 KB of it. Decided, each written down: every problem a booking, a move or a cancellation can
  // meet has its own words and next step (issue 17), 2.4 KB more on the way to the confirm step
  // and nothing more at first render (the ticket's view left the entry to make room for them);
  // the client resolving a relative `baseUrl` and waiting out `409 idempotency_in_progress`
  // (+345 B); following the auth's changes (internal/user.ts, +0.3 KB), so the confirm step sees
  // a sign-in that completes after the picker connected. A hard guard about 0.5 KB above the
  // figure reached, so a larger flow is a decision.
  it('keeps the whole booking flow, with the chunks loaded on the way, within 48 KB (hard guard)', async () => {
    const rows = await measure();
    const row = rows.find(
      (item) => item.name === 'appointment-picker/define.js + @zheli/client + configure',
    );
    expect(row?.flow?.chunks.length).toBe(3);
    expect(row?.flow?.total ?? Number.NaN).toBeLessThanOrEqual(48 * 1024);
    expect(row?.flow?.total ?? 0).toBeGreaterThan(row?.gzip ?? Number.NaN);
  }, 60_000);

  it('loads floating-ui, the QR code element, lean-qr, jose and the ticket and problem views on demand, not with the entry', async () => {
    const graph = await bundleGraph('scripts/entries/appointment-with-client.ts');
    const eager = graph.inputsOf(graph.eager);
    const all = graph.inputsOf(Object.keys(graph.outputs));
    for (const lazy of [
      'node_modules/jose/',
      '@floating-ui/dom',
      'lean-qr',
      'src/qr-code/qr-code.ts',
      'src/appointment-picker/ticket.ts',
      'src/appointment-picker/problems.ts',
      'src/appointment-picker/problem-messages.ts',
    ]) {
      expect(eager.filter((input) => input.includes(lazy))).toEqual([]);
      // Still in the build, behind a dynamic import.
      expect(all.some((input) => input.includes(lazy))).toBe(true);
    }
    // What the first render needs stays eager: the client, ky, Lit and the picker.
    for (const part of [
      'client/dist/index.js',
      'node_modules/ky/',
      'lit-html',
      'appointment-picker.ts',
    ]) {
      expect(eager.some((input) => input.includes(part))).toBe(true);
    }
  }, 60_000);
});
