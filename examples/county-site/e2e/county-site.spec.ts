// The Anji county portal against the real platform: what a visitor sees, under the strict CSP.

import type { Page } from '@playwright/test';
import { createClient, verifyCode } from '@zheli/client';
import {
  applyTextSpacing,
  axeViolations,
  cancelAnjiBookings,
  catalogRows,
  cumulativeLayoutShift,
  elderMetrics,
  expect,
  focusPath,
  forcedColours,
  inspectionCard,
  layoutShifts,
  sandboxUrl,
  screenshot,
  signInAs,
  siteUrl,
  test,
  textContrast,
  textLayout,
  violations,
  waitForContent,
} from './fixtures.ts';

const landmarkSelectors = [
  '#services .hero__panel',
  '#inspection',
  '#notices',
  '#inspection .steps',
  '#venue',
  '#footer',
];

/**
 * Starts recording where the page's landmarks sit (document coordinates) in every frame from now
 * on, and answers whether the elements were still undefined at the first record: one evaluation,
 * so the drop-in cannot arrive between the check and the first measurement. Shifts below the fold
 * count too, which the Layout Instability API leaves out.
 */
function recordLandmarks(page: Page): Promise<{ definedAtStart: boolean; first: number[] }> {
  return page.evaluate((selectors) => {
    const measure = () =>
      selectors.map((selector) => {
        const element = document.querySelector(selector);
        return element ? element.getBoundingClientRect().top + window.scrollY : -1;
      });
    const first = measure();
    const seen = new Map<string, number[]>([[first.join(), first]]);
    const frame = () => {
      const now = measure();
      seen.set(now.join(), now);
      if (!(window as { stopLandmarks?: boolean }).stopLandmarks) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    Object.assign(window, { landmarksSeen: seen });
    return { definedAtStart: customElements.get('zheli-service-catalog') !== undefined, first };
  }, landmarkSelectors);
}

/** Stops the recording and answers every distinct set of landmark positions it saw. */
function recordedLandmarks(page: Page): Promise<number[][]> {
  return page.evaluate(() => {
    const global = window as unknown as {
      stopLandmarks: boolean;
      landmarksSeen: Map<string, number[]>;
    };
    global.stopLandmarks = true;
    return [...global.landmarksSeen.values()];
  });
}

test('shows the county catalog and the inspection card with no layout shift, even when the drop-in arrives late', async ({
  page,
}) => {
  // A slow network: the drop-in is held until the page has painted without it, however long
  // that takes on a busy machine.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(`${siteUrl}/zheli/zheli-elements.js`, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(siteUrl, { waitUntil: 'commit' });
  await page.locator('#footer').waitFor({ state: 'attached' });
  // Two frames: the page without the elements has been laid out and painted.
  await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
  );
  const start = await recordLandmarks(page);
  expect(start.definedAtStart, 'the drop-in arrived before the first measurement').toBe(false);
  release();
  await waitForContent(page);
  expect(await page.locator(catalogRows).count()).toBeGreaterThan(3);
  await expect(page.locator('zheli-service-catalog [part~="count"]')).toContainText('221');
  await expect(page.locator(`${inspectionCard} [part~="name"]`)).toContainText('机动车检验');
  await expect(page.locator(`${inspectionCard} [part~="department"]`)).toContainText('安吉县');
  await page.getByRole('img', { name: /场所码/ }).waitFor();
  expect(await cumulativeLayoutShift(page), (await layoutShifts(page)).join('\n')).toBe(0);
  const heights = await page.evaluate(() =>
    ['#venue zheli-qr-code', 'zheli-appointment-picker', '#notices', '#inspection'].map(
      (selector) =>
        `${selector} ${document.querySelector(selector)?.getBoundingClientRect().height}`,
    ),
  );
  // In every frame from before the script to now, loading states included, nothing moved.
  expect(await recordedLandmarks(page), `heights after loading: ${heights.join(', ')}`).toEqual([
    start.first,
  ]);
  await screenshot(page, 'county-site-home');
  expect(await violations(page)).toEqual([]);
});

test('finds the vehicle inspection service when searching 机动车检验', async ({ page }) => {
  await page.goto(siteUrl);
  await waitForContent(page);
  await page.locator('zheli-service-catalog [part~="search"]').fill('机动车检验');
  await expect(page.locator(catalogRows).first()).toContainText('机动车检验');
  await screenshot(page, 'county-site-search');
  expect(await violations(page)).toEqual([]);
});

test('shows the service centre venue code, signed by the platform and verifiable offline', async ({
  page,
}) => {
  await page.goto(siteUrl);
  await page.getByRole('img', { name: /安吉县政务服务中心场所码/ }).waitFor();
  await page.locator('zheli-qr-code [part~="payload"] summary').click();
  const token = (await page.locator('zheli-qr-code .payload-text').textContent())?.trim() ?? '';
  const client = createClient({ baseUrl: sandboxUrl });
  const result = await verifyCode(token, {
    jwks: () => client.codes.keys(),
    issuer: sandboxUrl,
    kind: 'venue',
  });
  expect(result.valid && result.claims.ref).toBe('site-anji-service-hall');
  expect(await violations(page)).toEqual([]);
});

test('signs the Anji driver in through the real provider and shows the masked name', async ({
  page,
}) => {
  await page.goto(siteUrl);
  await waitForContent(page);
  await signInAs(page, 'p-anji-driver');
  await page.locator('zheli-login-button [part~="button"]').click();
  await page.waitForURL(`${siteUrl}/callback**`);
  const name = page.locator('zheli-login-button [part~="name"]');
  await expect(name).toHaveText(/已登录：\p{Script=Han}\*+\p{Script=Han}?/u);
  expect(new URL(page.url()).search).toBe('');
  await waitForContent(page);
  await screenshot(page, 'county-site-signed-in');
  expect(await violations(page)).toEqual([]);
});

// What a test books is cancelled even when it stops halfway.
test.afterEach(cancelAnjiBookings);

test('books a vehicle inspection with the picker, signing in on the way, and cancels it', async ({
  page,
}) => {
  await page.goto(siteUrl);
  await waitForContent(page);
  await signInAs(page, 'p-anji-driver');
  const picker = 'zheli-appointment-picker';
  await page.locator(`${picker} [part~="site"]`).first().click();
  await page.locator(`${picker} [part~="day"][aria-disabled="false"]`).first().click();
  const slot = page.locator(`${picker} [part~="slot"][aria-disabled="false"]`).first();
  const time = (await slot.locator('.time').textContent()) ?? '';
  await slot.click();
  // Signed out: the picker asks; the platform returns to /callback on the same step.
  await page.locator(`${picker} [part~="sign-in"]`).click();
  await page.waitForURL(`${siteUrl}/callback**`);
  await page.locator(`${picker} [part~="confirm"]`).click();
  // <zheli-config>'s client sends the sign-in's token: the booking and the ticket go through.
  await expect(page.locator(`${picker} [part~="ticket"]`)).toBeVisible();
  await expect(page.locator(`${picker} [part~="summary"]`)).toContainText(time);
  await page.locator(`${picker} zheli-qr-code [part~="code"]`).waitFor();
  await screenshot(page, 'county-site-booked');
  await page.locator(`${picker} [part~="cancel"]`).click();
  await page.locator(`${picker} [part~="cancel-yes"]`).click();
  await expect(page.locator(`${picker} [part~="message"]`)).toContainText('预约已取消。');
  expect(await violations(page)).toEqual([]);
});

test('has no axe violations, in standard and in elder mode', async ({ page }) => {
  for (const path of ['/', '/?_uiStyle=elder']) {
    await page.goto(`${siteUrl}${path}`);
    await waitForContent(page);
    expect(await axeViolations(page)).toEqual([]);
    expect(await violations(page)).toEqual([]);
  }
});

test('switches to elder mode (长辈版) and back from the top bar', async ({ page }) => {
  await page.goto(siteUrl);
  await waitForContent(page);
  const fontSize = (selector: string) =>
    page
      .locator(selector)
      .first()
      .evaluate((element) => Number.parseFloat(getComputedStyle(element).fontSize));
  const standardSize = await fontSize(`${inspectionCard} [part~="name"]`);
  await page.getByRole('link', { name: '长辈版', exact: true }).click();
  await page.waitForURL(/_uiStyle=elder/);
  await waitForContent(page);
  await expect(page.locator('html')).toHaveClass(/\belder\b/);
  const elderSize = await fontSize(`${inspectionCard} [part~="name"]`);
  expect(elderSize).toBeGreaterThanOrEqual(24);
  expect(elderSize).toBeGreaterThan(standardSize);
  expect(await fontSize('body')).toBeGreaterThanOrEqual(18);
  await screenshot(page, 'county-site-elder');
  expect(await violations(page)).toEqual([]);
  // The choice is kept: the next page (a reload, the way back from sign-in) is elder too.
  await page.goto(`${siteUrl}/callback`);
  await expect(page.locator('html')).toHaveClass(/\belder\b/);
  await page.getByRole('link', { name: '标准版', exact: true }).click();
  await page.waitForURL(`${siteUrl}/?_uiStyle=standard`);
  await expect(page.locator('html')).not.toHaveClass(/\belder\b/);
  await page.goto(siteUrl);
  await expect(page.locator('html')).not.toHaveClass(/\belder\b/);
});

for (const width of [320, 375]) {
  test(`keeps elder mode's promises on a ${width} px phone: 18 px text, 48 px targets, 7:1 contrast`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`${siteUrl}/?_uiStyle=elder`);
    await waitForContent(page);
    const metrics = await elderMetrics(page);
    expect(metrics.smallText).toEqual([]);
    expect(metrics.smallTargets).toEqual([]);
    const contrast = await textContrast(page, 7);
    expect(contrast.checked).toBeGreaterThan(20);
    expect(contrast.below).toEqual([]);
  });
}

test('follows the browser’s default font size, in standard and in elder mode', async ({ page }) => {
  // The visitor's "font size" setting: Chromium's default (standard) font size, 16 px out of the box.
  const session = await page.context().newCDPSession(page);
  await session.send('Page.setFontSizes', { fontSizes: { standard: 24 } });
  const size = (selector: string) =>
    page
      .locator(selector)
      .first()
      .evaluate((element) => Number.parseFloat(getComputedStyle(element).fontSize));
  await page.goto(siteUrl);
  await waitForContent(page);
  expect(await size('body')).toBe(24);
  expect(await size('.brand__name')).toBe(54);
  await page.goto(`${siteUrl}/?_uiStyle=elder`);
  await waitForContent(page);
  expect(await size('body')).toBe(30);
  await page.goto(`${siteUrl}/?_uiStyle=standard`);
});

test('keeps every text in a landmark and marks the English name as English', async ({ page }) => {
  await page.goto(siteUrl);
  await waitForContent(page);
  const outside = await page.evaluate(() => {
    const landmarks = 'header, nav, main, footer, aside, [role=banner], [role=navigation]';
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!node.textContent?.trim() || !parent?.checkVisibility()) continue;
      if (parent.closest('.skip-link')) continue;
      if (!parent.closest(landmarks)) found.push(node.textContent.trim().slice(0, 20));
    }
    return found;
  });
  expect(outside).toEqual([]);
  await expect(page.getByText("Anji County People's Government")).toHaveAttribute('lang', 'en');
});

test('keeps its text whole under text spacing and its states in forced colours', async ({
  page,
}) => {
  for (const path of ['/', '/?_uiStyle=elder']) {
    await page.goto(`${siteUrl}${path}`);
    await waitForContent(page);
    await page.emulateMedia({ forcedColors: 'active', colorScheme: 'dark' });
    expect((await forcedColours(page)).alike).toEqual([]);
    await page.emulateMedia({ forcedColors: 'none', colorScheme: null });
    await applyTextSpacing(page);
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    const layout = await textLayout(page);
    expect(layout.checked).toBeGreaterThan(20);
    expect(layout.clipped).toEqual([]);
    expect(layout.overlapping).toEqual([]);
  }
  await page.goto(`${siteUrl}/?_uiStyle=standard`);
});

test('reaches the login button and then the catalog search with Tab alone', async ({ page }) => {
  await page.goto(siteUrl);
  await waitForContent(page);
  const reached: string[] = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    reached.push(await focusPath(page));
    if (reached.at(-1)?.includes('[search]')) break;
  }
  const login = reached.findIndex((path) => path.startsWith('zheli-login-button'));
  const search = reached.findIndex((path) =>
    path.includes('zheli-service-catalog > input[search]'),
  );
  expect(login).toBeGreaterThanOrEqual(0);
  expect(search).toBeGreaterThan(login);
});

test('fits a phone screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(siteUrl);
  await waitForContent(page);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBe(0);
  await screenshot(page, 'county-site-phone');
});

test('the server sends the strict CSP and the security headers, and serves only its own files', async ({
  request,
}) => {
  const response = await request.get(`${siteUrl}/`);
  const headers = response.headers();
  const csp = headers['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("style-src 'self'");
  expect(csp).toContain("require-trusted-types-for 'script'");
  expect(csp).toContain('trusted-types lit-html');
  expect(csp).toContain(`connect-src 'self' ${sandboxUrl}`);
  expect(csp).not.toContain('unsafe');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['x-frame-options']).toBe('DENY');
  const html = await response.text();
  expect(html).toContain(`base-url="${sandboxUrl}"`);
  expect(html).toContain(`redirect-uri="${siteUrl}/callback"`);
  expect(html.match(/<script/g)).toHaveLength(1);
  expect(html).not.toMatch(/style=|<style/);
  expect((await request.get(`${siteUrl}/zheli/zheli-elements.js`)).status()).toBe(200);
  expect((await request.get(`${siteUrl}/zheli/%2e%2e/package.json`)).status()).toBe(404);
  expect((await request.get(`${siteUrl}/server.mjs`)).status()).toBe(404);
  expect((await request.post(`${siteUrl}/`)).status()).toBe(405);
});
