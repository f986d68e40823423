// <zheli-appointment-picker> end to end in Chromium against the real sandbox (`@zheli/sandbox`, in
// memory, ephemeral port) through the real `@zheli/auth` and `@zheli/client`: the Anji car owner
// signs in on the way (redirect and back to the same step), books a vehicle inspection, the
// ticket's QR decodes (jsQR) to a code that verifies offline, and cancels; then two people race
// for the last place of a slot.
import { createClient, verifyCode } from '@zheli/client';
import type { Sandbox } from '@zheli/sandbox';
import type { Browser, BrowserContext, Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import { signInAs } from '../../../../scripts/sign-in-as.ts';
import { readQrCode, withSandboxHarness } from '../../test/sandbox-harness.js';
import { formatRange } from './time.js';

const serviceId = 'svc-330523-vehicle-inspection-booking';

let sandbox: Sandbox;
let browser: Browser;
let origin: string;

withSandboxHarness(
  {
    sandbox: { rateLimit: false },
    scripts: { '/page.js': 'test/pages/appointment-sandbox-page.ts' },
    html: (url, { sandbox }) => {
      const site = url.searchParams.get('site');
      const attributes = site === null ? 'region="330523"' : `site-id="${site}"`;
      return `<!doctype html><html lang="zh-CN" data-api="${sandbox.url}"><head><meta charset="utf-8">
<title>预约</title><script type="module" src="/page.js"></script></head>
<body><main><zheli-appointment-picker service-id="${serviceId}" ${attributes}></zheli-appointment-picker></main></body></html>`;
    },
  },
  (started) => {
    ({ sandbox, browser, origin } = started);
  },
);

/** A browser context in which every sign-in at the sandbox signs `persona` in. */
async function personaContext(persona: string, timezoneId: string): Promise<BrowserContext> {
  const context = await browser.newContext({ timezoneId, locale: 'zh-CN' });
  await signInAs(context, persona);
  return context;
}

const picker = 'zheli-appointment-picker';

/** Chooses `date` and `slotId` (or the first free ones), signs in when asked, and waits for confirm. */
async function choose(page: Page, date?: string, slotId?: string): Promise<string> {
  const day = date
    ? page.locator(`${picker} [part~="day"][data-date="${date}"]`)
    : page.locator(`${picker} [part~="day"][aria-disabled="false"]`).first();
  await day.click({ timeout: 20_000 });
  const slot = slotId
    ? page.locator(`${picker} [part~="slot"][data-slot="${slotId}"]`)
    : page.locator(`${picker} [part~="slot"][aria-disabled="false"]`).first();
  const text = (await slot.locator('.time').textContent()) ?? '';
  await slot.click();
  // Signed out: the picker asks, the platform signs the persona in, and the page comes back.
  await page.locator(`${picker} [part~="sign-in"]`).click({ timeout: 15_000 });
  await page.waitForURL(/\/callback\?/, { timeout: 20_000 });
  await page.locator(`${picker} [part~="confirm"]`).waitFor({ timeout: 20_000 });
  return text;
}

describe('<zheli-appointment-picker> against the sandbox', () => {
  it('books an inspection as the Anji car owner after signing in, shows a ticket that verifies offline, and cancels', async () => {
    // A browser on the other side of the world: the times shown must still be Shanghai's.
    const context = await personaContext('p-anji-driver', 'America/Los_Angeles');
    const page = await context.newPage();
    await page.goto(`${origin}/`);
    expect(await page.evaluate(() => new Date().getTimezoneOffset())).toBeGreaterThanOrEqual(420);
    await page.locator(`${picker} [part~="site"]`).first().click({ timeout: 20_000 });
    const chosen = await choose(page);
    // Back on the same step after the round trip through the platform, with the same choice.
    expect(await page.locator(`${picker} [part~="summary"]`).textContent()).toContain(chosen);
    // The platform books and then the connection drops before the answer; and the person
    // double-clicks. The client retries with the same idempotency key and gets the stored answer.
    sandbox.faults.add({ operationId: 'bookAppointment', kind: 'drop-after', times: 1 });
    await page.locator(`${picker} [part~="confirm"]`).dblclick();
    await page.locator(`${picker} [part~="ticket"]`).waitFor({ timeout: 30_000 });
    expect(sandbox.faults.list()).toEqual([]);

    const appointment = await page.evaluate(
      () =>
        (
          document.querySelector('zheli-appointment-picker') as unknown as {
            appointment: {
              id: string;
              slot: { id: string; start: string; end: string };
              status: string;
            };
          }
        ).appointment,
    );
    expect(appointment.status).toBe('booked');
    // The ticket shows the slot in Shanghai time, computed here independently of the page.
    const range = formatRange(appointment.slot.start, appointment.slot.end, 'zh-CN');
    expect(range).toBe(chosen);
    expect(await page.locator(`${picker} [part~="ticket"]`).textContent()).toContain(range);

    // The ticket's QR decodes to a token the sandbox signed, verified offline with its keys.
    await page.locator(`${picker} zheli-qr-code [part~="code"]`).waitFor({ timeout: 20_000 });
    const decoded = await readQrCode(page.locator(`${picker} zheli-qr-code`));
    expect(decoded.text).toBeDefined();
    const client = createClient({ baseUrl: sandbox.url });
    const result = await verifyCode(decoded.text ?? '', {
      jwks: () => client.codes.keys(),
      issuer: sandbox.issuer,
      kind: 'appointment',
    });
    expect(result.valid).toBe(true);
    if (result.valid) {
      expect(result.claims.sub).toBe('p-anji-driver');
      expect(result.claims.ref).toBe(appointment.id);
    }

    // One booking for that slot, not two.
    const token = await sandbox.mintAccessToken({ sub: 'p-anji-driver', scope: ['appointments'] });
    const mine = createClient({ baseUrl: sandbox.url, getAccessToken: async () => token });
    const booked = await mine.appointments.list({ status: 'booked' });
    expect(booked.items.filter((item) => item.slot.id === appointment.slot.id)).toHaveLength(1);

    // Cancel, through the client, and the platform agrees.
    await page.locator(`${picker} [part~="cancel"]`).click();
    await page.locator(`${picker} [part~="cancel-yes"]`).click();
    await page
      .locator(`${picker} [part~="message"]`, { hasText: '预约已取消。' })
      .waitFor({ timeout: 20_000 });
    expect((await mine.appointments.get(appointment.id)).status).toBe('cancelled');
    await context.close();
  }, 180_000);

  it('lets exactly one of two people racing for the last place book it, and the other recover from slot_full', async () => {
    const site = 'site-anji-inspection-2';
    const client = createClient({ baseUrl: sandbox.url });
    const calendar = await client.sites.slots(site, { service: serviceId });
    // The last bookable day of the month on show, and a slot nobody has booked yet.
    const open = calendar.days.filter((item) => item.available);
    const month = open[0]?.date.slice(0, 7);
    const day = open.filter((item) => item.date.startsWith(month ?? '-')).at(-1);
    const slot = day?.slots.find((item) => item.remaining === item.capacity && item.capacity >= 2);
    if (day === undefined || slot === undefined) throw new Error('No free slot to race for');
    // Others take every place but one (capacity 3 at this station).
    const fillers = ['p-xihu-elder', 'p-deqing-parent', 'p-linan-newborn', 'p-yuhang-renter'];
    for (const sub of fillers.slice(0, slot.capacity - 1)) {
      const token = await sandbox.mintAccessToken({ sub, scope: ['appointments'] });
      await createClient({
        baseUrl: sandbox.url,
        getAccessToken: async () => token,
      }).appointments.book({
        serviceId,
        siteId: site,
        slotId: slot.id,
      });
    }
    const before = await client.sites.slots(site, {
      service: serviceId,
      from: day.date,
      to: day.date,
    });
    expect(before.days[0]?.slots.find((item) => item.id === slot.id)?.remaining).toBe(1);

    const racers = await Promise.all(
      ['p-anji-driver', 'p-gaojiatang-villager'].map(async (persona) => {
        const context = await personaContext(persona, 'Asia/Shanghai');
        const page = await context.newPage();
        await page.goto(`${origin}/?site=${site}`);
        return { persona, context, page };
      }),
    );
    for (const racer of racers) await choose(racer.page, day.date, slot.id);
    // Both press confirm at once.
    await Promise.all(
      racers.map((racer) => racer.page.locator(`${picker} [part~="confirm"]`).click()),
    );
    const outcomes = await Promise.all(
      racers.map(async ({ page }) => {
        const ticket = page.locator(`${picker} [part~="ticket"]`);
        const taken = page.locator(`${picker} [role="alert"]`, { hasText: '刚刚被约满' });
        await ticket.or(taken).first().waitFor({ timeout: 30_000 });
        return (await ticket.count()) > 0 ? 'booked' : 'slot_full';
      }),
    );
    expect([...outcomes].sort()).toEqual(['booked', 'slot_full']);

    // The one who lost stays on the slot step of the same day, with the slot shown as full and
    // the other slots still offered.
    const loser = racers[outcomes.indexOf('slot_full')];
    if (loser === undefined) throw new Error('No loser');
    const lost = loser.page.locator(`${picker} [part~="slot"][data-slot="${slot.id}"]`);
    // The message shows at once; the day's fresh slots follow once they have loaded.
    await expect.poll(() => lost.getAttribute('aria-disabled'), { timeout: 10_000 }).toBe('true');
    expect(await lost.textContent()).toContain('已约满');
    expect(
      await loser.page
        .locator(`${picker} [part~="day"][data-date="${day.date}"]`)
        .getAttribute('aria-selected'),
    ).toBe('true');

    const after = await client.sites.slots(site, {
      service: serviceId,
      from: day.date,
      to: day.date,
    });
    expect(after.days[0]?.slots.find((item) => item.id === slot.id)?.remaining).toBe(0);
    for (const racer of racers) {
      const token = await sandbox.mintAccessToken({ sub: racer.persona, scope: ['appointments'] });
      const mine = await createClient({
        baseUrl: sandbox.url,
        getAccessToken: async () => token,
      }).appointments.list({ status: 'booked' });
      const count = mine.items.filter((item) => item.slot.id === slot.id).length;
      expect(count).toBe(outcomes[racers.indexOf(racer)] === 'booked' ? 1 : 0);
    }
    for (const racer of racers) await racer.context.close();
  }, 240_000);
});
