import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt } from 'jose';
import { type Browser, chromium } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, findChromium } from '../../../../scripts/chromium.mjs';
import { containerPath } from './container.js';
import { type RunningIdentity, startIdentity, tokenRequest } from './test-support.js';
import { ticketTokenType, tokenExchangeGrant } from './tickets.js';

let run: RunningIdentity;
let browser: Browser;
let partner: Server;
let partnerUrl: string;

/**
 * A partner page on another origin (`localhost`) that includes the sandbox's bridge.js and,
 * once the bridge is ready, calls it and writes what it got into the page.
 */
function partnerPage(issuer: string): string {
  return `<!doctype html><html><head><title>partner</title>
<script src="${issuer}${containerPath}/bridge.js"></script></head><body>
<pre id="out">waiting</pre>
<pre id="locales"></pre>
<script>
const out = document.getElementById('out');
document.addEventListener('ZWJSBridgeLocaleChange', (event) => {
  document.getElementById('locales').textContent += event.detail.locale + ' ';
});
const inside = () => new Promise((resolve) => {
  if (window.ZWJSBridge) return resolve(true);
  document.addEventListener('ZWJSBridgeReady', () => resolve(true), { once: true });
  setTimeout(() => resolve(false), 2000);
});
inside().then(async (ready) => {
  if (!ready) { out.textContent = JSON.stringify({ inside: false }); return; }
  const bridge = window.ZWJSBridge;
  const style = await bridge.getUiStyle();
  const locale = await bridge.getLocale();
  const { ticket } = await bridge.getTicket({ clientId: 'partner-server' });
  const scan = await bridge.scan({ type: 'qrCode' }).catch((error) => error);
  await bridge.setTitle({ title: '预约' });
  const missing = await bridge.getTicket({ clientId: 'nobody' }).catch((error) => error);
  out.textContent = JSON.stringify({ inside: true, style, locale, ticket, scan, missing });
});
</script></body></html>`;
}

beforeAll(async () => {
  run = await startIdentity();
  partner = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(partnerPage(run.url));
  });
  await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve));
  partnerUrl = `http://localhost:${(partner.address() as AddressInfo).port}/app`;
  browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
});
afterAll(async () => {
  await browser?.close();
  partner.closeAllConnections();
  await new Promise((resolve) => partner.close(resolve));
  await run?.stop();
});

async function openedPartner(query: Record<string, string>, holdEmulator = false) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (holdEmulator) {
    // The emulator's script arrives only once the framed page has loaded, its bridge.js run and
    // its greeting sent (and lost): as on a busy machine, where the partner page can be quicker.
    await context.route(`**${containerPath}/emulator.js`, async (route) => {
      await expect
        .poll(() =>
          page
            .frames()
            .find((frame) => frame.url().startsWith(partnerUrl))
            ?.evaluate(() => document.readyState),
        )
        .toBe('complete');
      await route.continue();
    });
  }
  await page.goto(`${run.url}${containerPath}?${new URLSearchParams(query)}`);
  const frame = page.frameLocator('#app');
  // Up to the page's own 2 s wait for the bridge, and more on a busy machine.
  await expect
    .poll(() => frame.locator('#out').textContent(), { timeout: 15_000 })
    .not.toBe('waiting');
  const result = JSON.parse((await frame.locator('#out').textContent()) ?? '{}');
  return { context, page, result };
}

describe('the container emulator', () => {
  it('answers the framed page’s bridge: the persona’s ticket, the elder style, the scan, the title', async () => {
    const { context, page, result } = await openedPartner({
      url: partnerUrl,
      persona: 'p-xihu-elder',
      uiStyle: 'elder',
      scan: 'ZJVENUE:330523',
    });
    expect(result).toMatchObject({
      inside: true,
      style: { uiStyle: 'elder' },
      scan: { text: 'ZJVENUE:330523' },
      missing: { errorCode: 'TICKET_REFUSED' },
    });
    expect(await page.locator('#title').textContent()).toBe('预约');
    expect(await page.locator('#calls li').allTextContents()).toEqual([
      'getUiStyle ✓',
      'getLocale ✓',
      'getTicket ✓',
      'scan ✓',
      'setTitle ✓',
      'getTicket ✗ TICKET_REFUSED',
    ]);
    // The ticket signs the chosen persona in at the partner's server.
    const tokens = await tokenRequest(
      run.url,
      {
        grant_type: tokenExchangeGrant,
        subject_token: result.ticket,
        subject_token_type: ticketTokenType,
        client_id: 'partner-server',
      },
      { secret: 'sandbox-secret' },
    );
    expect(decodeJwt(String(tokens.body.id_token)).sub).toBe('p-xihu-elder');
    await context.close();
  });

  it('answers a scan with no chosen code as cancelled, and the normal style', async () => {
    const { context, result } = await openedPartner({ url: partnerUrl });
    expect(result).toMatchObject({
      inside: true,
      style: { uiStyle: 'normal' },
      locale: { locale: 'zh-CN' },
      scan: { errorCode: 'USER_CANCEL' },
    });
    await context.close();
  });

  it('answers the app’s language from its control, and tells the open page when it switches', async () => {
    const { context, page, result } = await openedPartner({ url: partnerUrl, locale: 'zh-TW' });
    expect(result).toMatchObject({ inside: true, locale: { locale: 'zh-TW' } });
    await page.locator('select[name="locale"]').selectOption('en');
    await page.locator('select[name="locale"]').selectOption('zh-CN');
    const locales = page.frameLocator('#app').locator('#locales');
    await expect.poll(() => locales.textContent()).toBe('en zh-CN ');
    expect(await page.locator('#calls li').allTextContents()).toEqual(
      expect.arrayContaining(['getLocale ✓', 'locale → en', 'locale → zh-CN']),
    );
    await context.close();
  });

  it('answers a page whose bridge greeted it before the emulator’s own script ran', async () => {
    const { context, page, result } = await openedPartner({ url: partnerUrl }, true);
    expect(result).toMatchObject({ inside: true, style: { uiStyle: 'normal' } });
    expect(await page.locator('#calls li').first().textContent()).toBe('getUiStyle ✓');
    await context.close();
  });

  it('installs no bridge in the page outside the emulator', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(partnerUrl);
    // Not framed: bridge.js returns at once, greeting nobody.
    expect(await page.evaluate(() => 'ZWJSBridge' in window)).toBe(false);
    await context.close();
  });

  it('refuses a partner URL that is not http or https', async () => {
    const response = await fetch(`${run.url}${containerPath}?url=javascript:alert(1)`);
    expect(response.status).toBe(400);
  });
});
