// The main pages of the static Storybook, opened the way a reviewer opens them: each element's
// default story, the catalog search, the booking calendar and ticket, elder mode, dark theme and
// a docs page. Each test checks that the element really rendered (it upgraded: its shadow root
// holds the documented parts with the expected content), so a static build that registers no
// elements fails here, then saves a screenshot to test-results/screenshots/.
import { expect, type Page, test } from '@playwright/test';

const screenshots = new URL('../test-results/screenshots/', import.meta.url);

function storybookUrl(): string {
  const url = process.env.ZHELI_STORYBOOK_URL;
  if (url === undefined) throw new Error('ZHELI_STORYBOOK_URL is not set (global setup)');
  return url;
}

/** Errors the page threw or logged while the story ran. */
const problems = new WeakMap<Page, string[]>();

test.beforeEach(({ page }) => {
  const seen: string[] = [];
  problems.set(page, seen);
  page.on('pageerror', (error) => seen.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') seen.push(`console.error: ${message.text()}`);
  });
});

test.afterEach(({ page }) => {
  expect(problems.get(page) ?? []).toEqual([]);
});

/** Opens a story alone in its frame, as Storybook's "open canvas in new tab" does. */
async function openStory(page: Page, id: string): Promise<void> {
  await page.goto(`${storybookUrl()}/iframe.html?id=${id}&viewMode=story`);
  await expect(page.locator('#storybook-root .zheli-story')).toBeAttached();
}

/**
 * The text of the first `[part~=name]` in the shadow root of the first `tag` on the page, or
 * `null` when the element has no shadow root (it never upgraded) or no such part.
 */
function shadowPart(page: Page, tag: string, name: string): Promise<string | null> {
  return page.evaluate(
    ([tag, name]) => {
      const host = document.querySelector(tag ?? '');
      const found = host?.shadowRoot?.querySelector(`[part~="${name}"]`);
      return found ? (found.textContent ?? '').replace(/\s+/g, ' ').trim() : null;
    },
    [tag, name],
  );
}

/** How many `[part~=name]` the shadow root of the first `tag` holds. */
function shadowPartCount(page: Page, tag: string, name: string): Promise<number> {
  return page.evaluate(
    ([tag, name]) =>
      document.querySelector(tag ?? '')?.shadowRoot?.querySelectorAll(`[part~="${name}"]`).length ??
      0,
    [tag, name],
  );
}

async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: new URL(`${name}.png`, screenshots).pathname, fullPage: true });
}

test('the service card story shows the Anji vehicle inspection card', async ({ page }) => {
  await openStory(page, 'elements-service-card--default');
  await expect.poll(() => shadowPart(page, 'zheli-service-card', 'name')).toBe('机动车检验预约');
  expect(await shadowPartCount(page, 'zheli-service-card', 'badge')).toBeGreaterThan(0);
  await screenshot(page, 'service-card');
});

test('the service catalog story lists Anji county services', async ({ page }) => {
  await openStory(page, 'elements-service-catalog--default');
  await expect
    .poll(() => shadowPartCount(page, 'zheli-service-catalog', 'item'))
    .toBeGreaterThan(5);
  expect(await shadowPartCount(page, 'zheli-service-catalog', 'search')).toBe(1);
  await screenshot(page, 'service-catalog');
});

test('the catalog search story finds 机动车检验预约 first', async ({ page }) => {
  await openStory(page, 'elements-service-catalog--search');
  const firstName = () =>
    page.evaluate(() => {
      const catalog = document.querySelector('zheli-service-catalog');
      const card = catalog?.shadowRoot?.querySelector('[part~="item"] zheli-service-card');
      return card?.shadowRoot?.querySelector('[part~="name"]')?.textContent?.trim() ?? null;
    });
  await expect.poll(firstName).toBe('机动车检验预约');
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          document
            .querySelector('zheli-service-catalog')
            ?.shadowRoot?.querySelector<HTMLInputElement>('[part~="search"]')?.value,
      ),
    )
    .toBe('机动车检验');
  await screenshot(page, 'service-catalog-search');
});

test('the region picker story shows its combobox with Zhejiang', async ({ page }) => {
  await openStory(page, 'elements-region-picker--default');
  await expect.poll(() => shadowPartCount(page, 'zheli-region-picker', 'combobox')).toBe(1);
  expect(await shadowPart(page, 'zheli-region-picker', 'label')).not.toBe('');
  await screenshot(page, 'region-picker');
});

test('the login button story offers to sign in', async ({ page }) => {
  await openStory(page, 'elements-login-button--signed-out');
  await expect.poll(() => shadowPart(page, 'zheli-login-button', 'button')).toBe('登录');
  await screenshot(page, 'login-button');
});

test('the QR code story draws the code as an SVG', async ({ page }) => {
  await openStory(page, 'elements-qr-code--default');
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          document.querySelector('zheli-qr-code')?.shadowRoot?.querySelector('[part~="code"]')
            ?.localName ?? null,
      ),
    )
    .toBe('svg');
  await screenshot(page, 'qr-code');
});

test('the evaluation story shows the five levels to rate the handled inspection', async ({
  page,
}) => {
  await openStory(page, 'elements-evaluation--default');
  await expect.poll(() => shadowPartCount(page, 'zheli-evaluation', 'level')).toBe(5);
  expect(await shadowPart(page, 'zheli-evaluation', 'matter')).toContain('机动车检验预约');
  await screenshot(page, 'evaluation');
});

test('the config story makes a working county page from attributes', async ({ page }) => {
  await openStory(page, 'elements-config--county-page');
  await expect.poll(() => shadowPart(page, 'zheli-service-card', 'name')).toBe('机动车检验预约');
  await screenshot(page, 'config-county-page');
});

test('the appointment picker story offers the two Anji inspection stations', async ({ page }) => {
  await openStory(page, 'elements-appointment-picker--default');
  await expect.poll(() => shadowPartCount(page, 'zheli-appointment-picker', 'site')).toBe(2);
  expect(await shadowPart(page, 'zheli-appointment-picker', 'sites')).toContain(
    '安吉县机动车检测站（递铺）',
  );
  await screenshot(page, 'appointment-picker-sites');
});

test('the picker calendar story shows why days cannot be booked', async ({ page }) => {
  await openStory(page, 'elements-appointment-picker--calendar');
  const reasons = () =>
    page.evaluate(() => [
      ...new Set(
        [
          ...(document
            .querySelector('zheli-appointment-picker')
            ?.shadowRoot?.querySelectorAll('[part~="reason"]') ?? []),
        ].map((reason) => reason.textContent?.trim()),
      ),
    ]);
  // The short reasons a day cell shows (the full ones are read to screen readers).
  await expect.poll(reasons).toEqual(expect.arrayContaining(['已过', '约满', '休息', '假日']));
  expect(await shadowPart(page, 'zheli-appointment-picker', 'month')).toBe('2026年9月');
  await screenshot(page, 'appointment-picker-calendar');
});

test('the picker ticket story books and shows the ticket with its QR code', async ({ page }) => {
  await openStory(page, 'elements-appointment-picker--ticket');
  await expect.poll(() => shadowPartCount(page, 'zheli-appointment-picker', 'ticket')).toBe(1);
  await expect
    .poll(() =>
      page.evaluate(
        () =>
          document
            .querySelector('zheli-appointment-picker')
            ?.shadowRoot?.querySelector('zheli-qr-code')
            ?.shadowRoot?.querySelector('[part~="code"]')?.localName ?? null,
      ),
    )
    .toBe('svg');
  expect(await shadowPart(page, 'zheli-appointment-picker', 'summary')).toContain(
    'YY20260918-0031',
  );
  await screenshot(page, 'appointment-picker-ticket');
});

test('the picker in elder mode shows the day’s slots with large targets', async ({ page }) => {
  await openStory(page, 'elements-appointment-picker--elder-mode');
  await expect
    .poll(() => shadowPartCount(page, 'zheli-appointment-picker', 'slot'))
    .toBeGreaterThan(3);
  const height = await page.evaluate(
    () =>
      document
        .querySelector('zheli-appointment-picker')
        ?.shadowRoot?.querySelector('[part~="slot"]')
        ?.getBoundingClientRect().height ?? 0,
  );
  expect(height).toBeGreaterThanOrEqual(48);
  await screenshot(page, 'appointment-picker-elder');
});

test('the catalog in dark theme renders light text on a dark page', async ({ page }) => {
  await openStory(page, 'elements-service-catalog--dark-theme');
  await expect
    .poll(() => shadowPartCount(page, 'zheli-service-catalog', 'item'))
    .toBeGreaterThan(5);
  const colour = await page.evaluate(() => {
    const base = document
      .querySelector('zheli-service-catalog')
      ?.shadowRoot?.querySelector('[part~="base"]');
    return base ? getComputedStyle(base).color : '';
  });
  const [r = 0, g = 0, b = 0] = (colour.match(/\d+/g) ?? []).map(Number);
  expect((r + g + b) / 3).toBeGreaterThan(160);
  await screenshot(page, 'service-catalog-dark');
});

test('the picker’s docs page lists its properties from the manifest', async ({ page }) => {
  await page.goto(
    `${storybookUrl()}/iframe.html?id=elements-appointment-picker--docs&viewMode=docs`,
  );
  const docs = page.locator('.sbdocs-content');
  await expect(docs.locator('h1')).toHaveText('Appointment picker');
  await expect(docs.getByText('serviceId', { exact: true }).first()).toBeVisible();
  await expect(docs.getByText('zheli-booked', { exact: true }).first()).toBeVisible();
  // The docs page shows each story in its own frame; the first one's picker renders its sites.
  const frame = page.frameLocator('.sbdocs-content iframe').first();
  await expect(frame.locator('zheli-appointment-picker [part~="site"]').first()).toBeVisible();
  await screenshot(page, 'appointment-picker-docs');
});
