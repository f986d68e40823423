// <zheli-qr-code> in Chromium against the real sandbox (`@zheli/sandbox`, in memory, ephemeral
// port) through the real `@zheli/client`: the venue code it fetches decodes (jsQR) to a token
// that verifies offline with the sandbox's keys, in the page through `verify()` and in Node.
import { createClient, verifyCode } from '@zheli/client';
import type { Sandbox } from '@zheli/sandbox';
import type { Browser } from 'playwright';
import { describe, expect, it } from 'vitest';
import { readQrCode, withSandboxHarness } from '../../test/sandbox-harness.js';

let sandbox: Sandbox;
let browser: Browser;
let origin: string;

withSandboxHarness(
  {
    scripts: { '/page.js': 'test/pages/qr-sandbox-page.ts' },
    html: () =>
      '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>QR</title></head><body></body></html>',
  },
  (started) => {
    ({ sandbox, browser, origin } = started);
  },
);

describe('<zheli-qr-code> against the sandbox', () => {
  it('shows a venue code that decodes to a token the sandbox signed, verified offline', async () => {
    const client = createClient({ baseUrl: sandbox.url });
    const venue = (await client.sites.list({ kind: 'venue' })).items[0];
    if (venue === undefined) throw new Error('The sandbox has no venue site');

    const page = await browser.newPage();
    await page.goto(`${origin}/?api=${encodeURIComponent(sandbox.url)}`);
    await page.addScriptTag({ url: '/page.js', type: 'module' });
    await page.evaluate((siteId) => {
      const qr = document.createElement('zheli-qr-code');
      qr.setAttribute('kind', 'venue');
      qr.setAttribute('site-id', siteId);
      document.body.append(qr);
    }, venue.id);
    await page.locator('zheli-qr-code [part~="code"]').waitFor({ timeout: 15_000 });

    const drawn = await readQrCode(page.locator('zheli-qr-code'));
    const token = drawn.text;
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(drawn.label).toBe('场所码（绿码：有效）');

    const offline = await verifyCode(token ?? '', {
      jwks: () => client.codes.keys(),
      issuer: sandbox.issuer,
      kind: 'venue',
    });
    expect(offline).toMatchObject({ valid: true, claims: { kind: 'venue', ref: venue.id } });

    const inPage = await page.evaluate(
      (issuer) => document.querySelector('zheli-qr-code')?.verify({ issuer }),
      sandbox.issuer,
    );
    expect(inPage).toMatchObject({ valid: true, claims: { kind: 'venue', ref: venue.id } });
    await page.close();
  }, 60_000);
});
