import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import {
  type FakeApiError,
  FakeAuth,
  FakeBooking,
  FakeApiError as ProblemError,
  serviceId,
} from '../../test/fake-booking.js';
import { deferred } from '../../test/fake-data.js';
import {
  axeViolations,
  cleanup,
  fixture,
  part,
  parts,
  textOf,
  useLocale,
} from '../../test/fixture.js';
import { active, onBookingClock, until } from '../../test/picker-setup.js';
import type {
  ZheliBookedEvent,
  ZheliCancelledEvent,
  ZheliSlotSelectEvent,
} from '../events/appointment.js';
import type { ZheliConfiguration } from '../internal/config.js';
import type { ZheliAppointmentPicker } from './appointment-picker.js';
import './define.js';

const site1 = 'site-anji-inspection-1';

onBookingClock();

function cell(picker: ZheliAppointmentPicker, date: string): HTMLElement {
  const found = picker.shadowRoot?.querySelector<HTMLElement>(`[part~="day"][data-date="${date}"]`);
  if (found == null) throw new Error(`No day ${date}`);
  return found;
}

function slotButton(picker: ZheliAppointmentPicker, id: string): HTMLButtonElement {
  const found = picker.shadowRoot?.querySelector<HTMLButtonElement>(
    `[part~="slot"][data-slot="${id}"]`,
  );
  if (found == null) throw new Error(`No slot ${id}`);
  return found;
}

/** The Escape keydowns that reach the page, and whether something had handled them. */
function escapesOnPage(): { seen: boolean[]; stop: () => void } {
  const seen: boolean[] = [];
  const listener = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') seen.push(event.defaultPrevented);
  };
  document.addEventListener('keydown', listener);
  return { seen, stop: () => document.removeEventListener('keydown', listener) };
}

/** Every button in the picker's shadow root. */
function buttons(picker: ZheliAppointmentPicker): HTMLButtonElement[] {
  return [...(picker.shadowRoot?.querySelectorAll('button') ?? [])];
}

/** Disabled by its own attribute or by a disabled fieldset around it. */
function isDisabled(element: Element): boolean {
  return element.matches(':disabled');
}

function live(picker: ZheliAppointmentPicker): string {
  return part(picker, 'live').textContent?.trim() ?? '';
}

async function settle(picker: ZheliAppointmentPicker): Promise<void> {
  for (let i = 0; i < 5; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    await picker.updateComplete;
  }
}

async function calendarAt(
  data = new FakeBooking(),
  extra: Partial<ZheliConfiguration> = {},
  attributes: { siteId?: string; region?: string } = { siteId: site1 },
): Promise<{ picker: ZheliAppointmentPicker; data: FakeBooking }> {
  const picker = await fixture<ZheliAppointmentPicker>(
    html`<zheli-appointment-picker
      service-id=${serviceId}
      site-id=${ifDefined(attributes.siteId)}
      region=${ifDefined(attributes.region)}
    ></zheli-appointment-picker>`,
    { client: data, ...extra },
  );
  await until(() => {
    if (attributes.siteId !== undefined) expect(parts(picker, 'grid')).toHaveLength(1);
    else expect(parts(picker, 'site').length).toBeGreaterThan(0);
  });
  await settle(picker);
  return { picker, data };
}

/** Chooses 24 Nov 08:30 by mouse and waits for the confirm step. */
async function chooseFirstSlot(picker: ZheliAppointmentPicker): Promise<void> {
  await userEvent.click(cell(picker, '2026-11-24'));
  await settle(picker);
  await userEvent.click(slotButton(picker, 'slot-anji-inspection-1-202611240830'));
  await settle(picker);
  await until(() => expect(parts(picker, 'confirm')).toHaveLength(1));
}

describe('<zheli-appointment-picker>', () => {
  describe('the flow', () => {
    it('names the site in a heading and puts its headings at heading-level, the month and slots one below', async () => {
      /** Each heading's level and text, as the accessibility tree gets them. */
      const outline = (picker: ZheliAppointmentPicker) =>
        [...(picker.shadowRoot?.querySelectorAll('h1, h2, h3, h4, h5, h6') ?? [])].map(
          (heading) =>
            `${heading.getAttribute('aria-level') ?? heading.localName.slice(1)} ${textOf(heading)}`,
        );
      const { picker } = await calendarAt();
      await userEvent.click(cell(picker, '2026-11-24'));
      await settle(picker);
      expect(outline(picker).map((line) => line.slice(0, 1))).toEqual(['2', '2', '3', '3']);
      expect(part(picker, 'site-name').localName).toBe('h2');
      picker.headingLevel = 3;
      await settle(picker);
      expect(outline(picker).map((line) => line.slice(0, 1))).toEqual(['3', '3', '4', '4']);
      expect(outline(picker)[1]).toContain('选择日期');
    });

    it('offers the sites that handle the service in the region, then shows the chosen site’s month', async () => {
      const { picker, data } = await calendarAt(new FakeBooking(), {}, { region: '330523' });
      expect(data.calls.find((call) => call.method === 'sites.list')?.args[0]).toEqual({
        service: serviceId,
        region: '330523',
        limit: 100,
      });
      expect(parts(picker, 'site')).toHaveLength(2);
      await userEvent.click(parts(picker, 'site')[1] as HTMLElement);
      await until(() => expect(parts(picker, 'grid')).toHaveLength(1));
      expect(textOf(part(picker, 'site-name'))).toBe('安吉县机动车检测站（孝丰）');
      expect(textOf(part(picker, 'month'))).toBe('2026年11月');
      const slotsCall = data.calls.find((call) => call.method === 'sites.slots');
      expect(slotsCall?.args).toEqual([
        'site-anji-inspection-2',
        { service: serviceId, from: '2026-11-23', to: '2026-11-30' },
      ]);
    });

    it('disables days without capacity and says why: closed, fully booked, past', async () => {
      const { picker } = await calendarAt();
      const full = cell(picker, '2026-11-25');
      expect(full.getAttribute('aria-disabled')).toBe('true');
      expect(textOf(full)).toContain('已约满');
      const sunday = cell(picker, '2026-11-29');
      expect(sunday.getAttribute('aria-disabled')).toBe('true');
      expect(textOf(sunday)).toContain('不开放');
      expect(textOf(cell(picker, '2026-11-20'))).toContain('已过');
      const open = cell(picker, '2026-11-24');
      expect(open.getAttribute('aria-disabled')).toBe('false');
      expect(cell(picker, '2026-11-23').getAttribute('aria-current')).toBe('date');
      // Choosing a full day (a pointer can still click it) keeps the slots closed and says why.
      full.click();
      await settle(picker);
      expect(parts(picker, 'slots')).toHaveLength(0);
      expect(live(picker)).toContain('已约满');
    });

    it('lists a day’s slots with the places left, a full slot disabled, in Shanghai time', async () => {
      const { picker } = await calendarAt();
      await userEvent.click(cell(picker, '2026-11-24'));
      await settle(picker);
      const slots = parts(picker, 'slot');
      expect(slots.map((slot) => textOf(slot))).toEqual([
        '08:30–09:00 剩余 2 个名额',
        '09:00–09:30 已约满',
        '09:30–10:00 剩余 2 个名额',
      ]);
      expect(slots[1]?.getAttribute('aria-disabled')).toBe('true');
      expect(live(picker)).toBe('11月24日星期二：2 个可预约时段');
    });

    it('shows slot details in a popover placed by floating-ui, closed by Escape with focus returned', async () => {
      const { picker } = await calendarAt();
      await userEvent.click(cell(picker, '2026-11-24'));
      await settle(picker);
      const opener = parts(picker, 'slot-details')[0] as HTMLElement;
      await userEvent.click(opener);
      await settle(picker);
      const popover = part(picker, 'popover');
      await until(() => expect(popover.matches(':popover-open')).toBe(true));
      expect(opener.getAttribute('aria-expanded')).toBe('true');
      expect(textOf(popover)).toContain('剩余 2 个，共 2 个名额');
      expect(textOf(popover)).toContain('安吉县机动车检测站（递铺）');
      await until(() => expect(popover.style.top).not.toBe(''));
      const placed = popover.getBoundingClientRect();
      expect(placed.top).toBeGreaterThanOrEqual(opener.getBoundingClientRect().bottom - 1);
      expect(await axeViolations(picker)).toEqual([]);
      await userEvent.keyboard('{Escape}');
      await settle(picker);
      expect(popover.matches(':popover-open')).toBe(false);
      expect(active(picker)).toBe(opener);
    });

    it('books the chosen slot once, fires zheli-slot-select and zheli-booked, and shows the ticket', async () => {
      const { picker, data } = await calendarAt();
      const selected: ZheliSlotSelectEvent[] = [];
      const booked: ZheliBookedEvent[] = [];
      picker.addEventListener('zheli-slot-select', (event) => selected.push(event));
      picker.addEventListener('zheli-booked', (event) => booked.push(event));
      await chooseFirstSlot(picker);
      expect(selected).toHaveLength(1);
      expect(selected[0]?.detail.slot.id).toBe('slot-anji-inspection-1-202611240830');
      expect(selected[0]?.detail.date).toBe('2026-11-24');
      expect(selected[0]?.bubbles && selected[0]?.composed).toBe(true);
      expect(textOf(part(picker, 'summary'))).toContain('2026年11月24日星期二 08:30–09:00');
      expect(await axeViolations(picker)).toEqual([]);
      await userEvent.click(part(picker, 'confirm'));
      await until(() => expect(parts(picker, 'ticket')).toHaveLength(1));
      expect(data.count('appointments.book')).toBe(1);
      expect(booked).toHaveLength(1);
      expect(booked[0]?.detail.appointment.slot.id).toBe('slot-anji-inspection-1-202611240830');
      expect(textOf(part(picker, 'ticket'))).toContain('YY20261124-0001');
      const qr = part(picker, 'ticket').querySelector('zheli-qr-code');
      expect(qr?.getAttribute('kind')).toBe('appointment');
      expect(qr?.getAttribute('appointment-id')).toBe('apt-fake1');
      await until(() => expect(qr?.shadowRoot?.querySelector('[part~="code"]')).not.toBeNull());
      expect(picker.appointment?.id).toBe('apt-fake1');
      expect(await axeViolations(picker)).toEqual([]);
    });
  });

  describe('booking safely', () => {
    it('sends one booking for a double click, and disables the button while it is sent', async () => {
      const data = new FakeBooking();
      const gate = deferred<void>();
      data.bookGate = gate.promise;
      const { picker } = await calendarAt(data);
      await chooseFirstSlot(picker);
      const confirm = part<HTMLButtonElement>(picker, 'confirm');
      confirm.click();
      confirm.click();
      await settle(picker);
      expect(part<HTMLButtonElement>(picker, 'confirm').disabled).toBe(true);
      expect(textOf(part(picker, 'confirm'))).toBe('正在提交…');
      part<HTMLButtonElement>(picker, 'confirm').click();
      gate.resolve();
      await until(() => expect(parts(picker, 'ticket')).toHaveLength(1));
      expect(data.count('appointments.book')).toBe(1);
      expect(data.booked.size).toBe(1);
    });

    it('retries a failed booking with the same idempotency key, and a new choice gets a new key', async () => {
      const data = new FakeBooking();
      data.bookFailures.push(new ProblemError(503, 'service_unavailable'));
      const errors: unknown[] = [];
      const { picker } = await calendarAt(data);
      picker.addEventListener('zheli-error', (event) => errors.push(event.detail.error));
      await chooseFirstSlot(picker);
      await userEvent.click(part(picker, 'confirm'));
      await until(() => expect(textOf(picker)).toContain('预约没有成功，请重试'));
      expect(errors).toHaveLength(1);
      await userEvent.click(part(picker, 'confirm'));
      await until(() => expect(parts(picker, 'ticket')).toHaveLength(1));
      expect(data.keys).toHaveLength(2);
      expect(data.keys[0]).toBe(data.keys[1]);
      expect(data.booked.size).toBe(1);
      // Cancel and book again: a new choice, a new key.
      await userEvent.click(part(picker, 'cancel'));
      await userEvent.click(part(picker, 'cancel-yes'));
      await until(() => expect(textOf(picker)).toContain('预约已取消'));
      await userEvent.click(part(picker, 'button'));
      await until(() => expect(parts(picker, 'grid')).toHaveLength(1));
      await settle(picker);
      await chooseFirstSlot(picker);
      await userEvent.click(part(picker, 'confirm'));
      await until(() => expect(parts(picker, 'ticket')).toHaveLength(1));
      expect(new Set(data.keys.filter((key) => key !== data.keys[0])).size).toBe(1);
    });

    it('on slot_full refreshes the slots, keeps the day, and says clearly what happened', async () => {
      const data = new FakeBooking();
      const { picker } = await calendarAt(data);
      await chooseFirstSlot(picker);
      // Someone else takes both places meanwhile.
      data.remaining.set('slot-anji-inspection-1-202611240830', 0);
      const slotsBefore = data.count('sites.slots');
      const errors: FakeApiError[] = [];
      picker.addEventListener('zheli-error', (event) =>
        errors.push(event.detail.error as FakeApiError),
      );
      await userEvent.click(part(picker, 'confirm'));
      await until(() => expect(parts(picker, 'grid')).toHaveLength(1));
      await settle(picker);
      expect(errors.map((error) => error.code)).toEqual(['slot_full']);
      expect(data.count('sites.slots')).toBe(slotsBefore + 1);
      const alert = picker.shadowRoot?.querySelector('[role="alert"]');
      expect(alert?.textContent).toContain('您选的时段刚刚被约满了');
      expect(cell(picker, '2026-11-24').getAttribute('aria-selected')).toBe('true');
      expect(textOf(slotButton(picker, 'slot-anji-inspection-1-202611240830'))).toContain('已约满');
      // Focus lands on the next free slot of the same day.
      expect(active(picker)?.dataset.slot).toBe('slot-anji-inspection-1-202611240930');
      expect(picker.value).toBe('');
      expect(await axeViolations(picker)).toEqual([]);
    });
  });

  describe('signing in', () => {
    it('asks a signed-out person to sign in, and after a popup sign-in books from the same step', async () => {
      const data = new FakeBooking();
      data.signedIn = false;
      const auth = new FakeAuth(data);
      const { picker } = await calendarAt(data, { auth });
      picker.popup = true;
      await chooseFirstSlot(picker).catch(() => undefined);
      await until(() => expect(parts(picker, 'sign-in')).toHaveLength(1));
      expect(textOf(picker)).toContain('预约需要先登录');
      expect(parts(picker, 'confirm')).toHaveLength(0);
      expect(await axeViolations(picker)).toEqual([]);
      await userEvent.click(part(picker, 'sign-in'));
      await until(() => expect(parts(picker, 'confirm')).toHaveLength(1));
      expect(auth.calls).toEqual(['signIn:popup']);
      expect(textOf(part(picker, 'summary'))).toContain('08:30–09:00');
      await userEvent.click(part(picker, 'confirm'));
      await until(() => expect(parts(picker, 'ticket')).toHaveLength(1));
    });

    it('keeps the choice through a redirect sign-in and comes back to the confirm step', async () => {
      const data = new FakeBooking();
      data.signedIn = false;
      const auth = new FakeAuth(data);
      // A redirect: the page would leave; here nothing happens until a new page loads.
      auth.onSignIn = async () => undefined;
      const first = await calendarAt(data, { auth });
      await userEvent.click(cell(first.picker, '2026-11-24'));
      await settle(first.picker);
      await userEvent.click(slotButton(first.picker, 'slot-anji-inspection-1-202611240930'));
      await until(() => expect(parts(first.picker, 'sign-in')).toHaveLength(1));
      await userEvent.click(part(first.picker, 'sign-in'));
      expect(auth.calls).toEqual(['signIn:redirect']);
      const kept = JSON.parse(sessionStorage.getItem(`zheli-appointment:${serviceId}`) ?? '{}');
      expect(kept.slotId).toBe('slot-anji-inspection-1-202611240930');
      await cleanup();
      // Back from the platform, signed in: a fresh page with a fresh picker.
      data.signedIn = true;
      const picker = await fixture<ZheliAppointmentPicker>(
        html`<zheli-appointment-picker service-id=${serviceId} site-id=${site1}></zheli-appointment-picker>`,
        { client: data, auth: new FakeAuth(data) },
      );
      await until(() => expect(parts(picker, 'confirm')).toHaveLength(1));
      expect(textOf(part(picker, 'summary'))).toContain('09:30–10:00');
      // Focus comes back to the step, so a keyboard or screen-reader user goes on from there.
      await until(() => expect(active(picker)?.id).toBe('confirm-heading'));
      await userEvent.click(part(picker, 'confirm'));
      await until(() => expect(parts(picker, 'ticket')).toHaveLength(1));
      // The key chosen before sign-in is the one sent.
      expect(data.keys).toEqual([kept.key]);
      expect(sessionStorage.getItem(`zheli-appointment:${serviceId}`)).toBeNull();
    });
  });

  describe('after booking', () => {
    async function booked(): Promise<{ picker: ZheliAppointmentPicker; data: FakeBooking }> {
      const made = await calendarAt();
      await chooseFirstSlot(made.picker);
      await userEvent.click(part(made.picker, 'confirm'));
      await until(() => expect(parts(made.picker, 'ticket')).toHaveLength(1));
      return made;
    }

    it('cancels through the client after asking, and fires zheli-cancelled', async () => {
      const { picker, data } = await booked();
      const cancelled: ZheliCancelledEvent[] = [];
      picker.addEventListener('zheli-cancelled', (event) => cancelled.push(event));
      await userEvent.click(part(picker, 'cancel'));
      expect(textOf(picker)).toContain('确定要取消这次预约吗？');
      expect(active(picker)).toBe(part(picker, 'cancel-no'));
      expect(await axeViolations(picker)).toEqual([]);
      await userEvent.click(part(picker, 'cancel-yes'));
      await until(() => expect(textOf(picker)).toContain('预约已取消'));
      expect(data.count('appointments.cancel')).toBe(1);
      const call = data.calls.find((item) => item.method === 'appointments.cancel');
      expect(call?.args[0]).toBe('apt-fake1');
      expect((call?.args[2] as { idempotencyKey?: string } | undefined)?.idempotencyKey).toMatch(
        /^[\w-]{8,}$/,
      );
      expect(cancelled[0]?.detail.appointment.status).toBe('cancelled');
      expect(await axeViolations(picker)).toEqual([]);
    });

    it('reschedules to another slot through the client, with a new ticket', async () => {
      const { picker, data } = await booked();
      const booked2: ZheliBookedEvent[] = [];
      picker.addEventListener('zheli-booked', (event) => booked2.push(event));
      await userEvent.click(part(picker, 'reschedule'));
      await until(() => expect(parts(picker, 'grid')).toHaveLength(1));
      expect(textOf(picker)).toContain('正在改约');
      await settle(picker);
      await userEvent.click(cell(picker, '2026-11-26'));
      await settle(picker);
      await userEvent.click(slotButton(picker, 'slot-anji-inspection-1-202611260930'));
      await until(() => expect(parts(picker, 'confirm')).toHaveLength(1));
      expect(textOf(part(picker, 'confirm'))).toBe('确认改约');
      await userEvent.click(part(picker, 'confirm'));
      await until(() => expect(parts(picker, 'ticket')).toHaveLength(1));
      const call = data.calls.find((item) => item.method === 'appointments.reschedule');
      expect(call?.args.slice(0, 2)).toEqual([
        'apt-fake1',
        { slotId: 'slot-anji-inspection-1-202611260930' },
      ]);
      expect(booked2[0]?.detail.appointment.slot.start).toBe('2026-11-26T09:30:00+08:00');
      expect(data.left('slot-anji-inspection-1-202611240830')).toBe(2);
    });

    it('stops rescheduling with Escape in the grid: the ticket again, focus on 改约, said aloud', async () => {
      const { picker, data } = await booked();
      const page = escapesOnPage();
      await userEvent.click(part(picker, 'reschedule'));
      await until(() => expect(parts(picker, 'grid')).toHaveLength(1));
      await settle(picker);
      expect(active(picker)?.dataset.date).toBe('2026-11-24');
      expect(textOf(part(picker, 'keep-time'))).toBe('保留原时间');
      expect(await axeViolations(picker)).toEqual([]);
      // A day and its slots first: Escape goes back one layer at a time.
      await userEvent.keyboard('{ArrowRight}{ArrowRight}{Enter}');
      await settle(picker);
      expect(active(picker)?.dataset.slot).toBe('slot-anji-inspection-1-202611260830');
      await userEvent.keyboard('{Escape}');
      await settle(picker);
      expect(active(picker)?.dataset.date).toBe('2026-11-26');
      await userEvent.keyboard('{Escape}');
      await until(() => expect(parts(picker, 'ticket')).toHaveLength(1));
      await settle(picker);
      expect(active(picker)).toBe(part(picker, 'reschedule'));
      await until(() => expect(live(picker)).toBe('已保留原时间。'));
      expect(textOf(part(picker, 'summary'))).toContain('2026年11月24日星期二 08:30–09:00');
      expect(picker.appointment?.slot.id).toBe('slot-anji-inspection-1-202611240830');
      expect(data.count('appointments.reschedule')).toBe(0);
      // Handled inside, so a dialog around the picker stays open.
      expect(page.seen).toEqual([]);
      page.stop();
      // Rescheduling again starts afresh.
      await userEvent.click(part(picker, 'reschedule'));
      await until(() => expect(parts(picker, 'grid')).toHaveLength(1));
      expect(parts(picker, 'slots')).toHaveLength(0);
    });

    it('stops rescheduling with 保留原时间 (mouse and touch), in three languages', async () => {
      const expected = [
        ['zh-CN', '保留原时间', '已保留原时间。'],
        ['zh-TW', '保留原時間', '已保留原時間。'],
        ['en', 'Keep the current time', 'Kept the current time.'],
      ] as const;
      for (const [locale, button, said] of expected) {
        await useLocale(locale);
        const { picker } = await booked();
        await userEvent.click(part(picker, 'reschedule'));
        await until(() => expect(parts(picker, 'keep-time')).toHaveLength(1));
        await settle(picker);
        expect(textOf(part(picker, 'keep-time'))).toBe(button);
        expect(parts(picker, 'button').some((item) => textOf(item) === '更换地点')).toBe(false);
        expect(await axeViolations(picker)).toEqual([]);
        await userEvent.click(part(picker, 'keep-time'));
        await until(() => expect(parts(picker, 'ticket')).toHaveLength(1));
        await settle(picker);
        expect(active(picker)).toBe(part(picker, 'reschedule'));
        await until(() => expect(live(picker)).toBe(said));
        await cleanup();
      }
    });

    it('downloads an .ics file for the appointment', async () => {
      const { picker } = await booked();
      const blobs: Blob[] = [];
      const create = URL.createObjectURL.bind(URL);
      vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
        blobs.push(blob as Blob);
        return create(blob as Blob);
      });
      const clicked: HTMLAnchorElement[] = [];
      vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
        this: HTMLAnchorElement,
      ) {
        clicked.push(this);
      });
      await userEvent.click(part(picker, 'calendar-file'));
      // The .ics writer loads on that click.
      await until(() => expect(clicked[0]?.download).toBe('YY20261124-0001.ics'));
      const text = await blobs[0]?.text();
      expect(blobs[0]?.type).toBe('text/calendar;charset=utf-8');
      expect(text).toContain('DTSTART:20261124T003000Z');
      expect(text).toContain('SUMMARY:机动车检验预约');
    });

    describe('when the month then fails to load', () => {
      /** From now on every month load fails, until `heal()`; the rejections nobody handled. */
      function failMonths(data: FakeBooking): { unhandled: unknown[]; heal: () => void } {
        const slots = data.sites.slots;
        data.sites.slots = async (...args) => {
          data.calls.push({ method: 'sites.slots', args });
          throw new ProblemError(503, 'service_unavailable');
        };
        const unhandled: unknown[] = [];
        const listener = (event: PromiseRejectionEvent): void => {
          unhandled.push(event.reason);
          event.preventDefault();
        };
        window.addEventListener('unhandledrejection', listener);
        return {
          unhandled,
          heal: () => {
            data.sites.slots = slots;
            window.removeEventListener('unhandledrejection', listener);
          },
        };
      }

      /**
       * Makes month loads fail, presses `button`, and checks the error path: one zheli-error,
       * the retry button, no unhandled rejection; then retries with the months loading again.
       */
      async function failThenRetry(
        picker: ZheliAppointmentPicker,
        data: FakeBooking,
        button: string,
      ): Promise<void> {
        const errors: unknown[] = [];
        picker.addEventListener('zheli-error', (event) => errors.push(event.detail.error));
        const months = failMonths(data);
        await userEvent.click(part(picker, button));
        await until(() => expect(parts(picker, 'retry')).toHaveLength(1));
        await settle(picker);
        expect(errors).toHaveLength(1);
        expect(months.unhandled).toEqual([]);
        months.heal();
        await userEvent.click(part(picker, 'retry'));
        await until(() => expect(parts(picker, 'grid')).toHaveLength(1));
        expect(picker.shadowRoot?.querySelectorAll('[part~="day"].loading')).toHaveLength(0);
      }

      it('shows the error with a retry after 改约, fires zheli-error, and leaves no rejection unhandled', async () => {
        const { picker, data } = await booked();
        await failThenRetry(picker, data, 'reschedule');
        expect(textOf(picker)).toContain('正在改约');
      });

      it('shows the error with a retry after 再约一次, fires zheli-error, and leaves no rejection unhandled', async () => {
        const { picker, data } = await booked();
        await userEvent.click(part(picker, 'cancel'));
        await userEvent.click(part(picker, 'cancel-yes'));
        await until(() => expect(textOf(picker)).toContain('预约已取消'));
        // 再约一次 is the cancelled message's only button.
        await failThenRetry(picker, data, 'button');
      });
    });
  });

  describe('keyboard (WAI-ARIA APG date picker grid)', () => {
    async function focusedGrid(): Promise<ZheliAppointmentPicker> {
      const { picker } = await calendarAt();
      cell(picker, '2026-11-23').focus();
      return picker;
    }

    it('keeps one day in the tab order (roving tabindex), today at first', async () => {
      const { picker } = await calendarAt();
      const tabbable = parts(picker, 'day').filter((day) => day.getAttribute('tabindex') === '0');
      expect(tabbable).toHaveLength(1);
      expect(tabbable[0]?.getAttribute('data-date')).toBe('2026-11-23');
    });

    it('moves a day with ArrowRight and ArrowLeft, a week with ArrowDown and ArrowUp', async () => {
      const picker = await focusedGrid();
      await userEvent.keyboard('{ArrowRight}');
      await settle(picker);
      expect(active(picker)?.dataset.date).toBe('2026-11-24');
      await userEvent.keyboard('{ArrowDown}');
      await settle(picker);
      expect(active(picker)?.dataset.date).toBe('2026-12-01');
      expect(live(picker)).toBe('2026年12月');
      expect(textOf(part(picker, 'month'))).toBe('2026年12月');
      await userEvent.keyboard('{ArrowUp}');
      await settle(picker);
      expect(active(picker)?.dataset.date).toBe('2026-11-24');
      await userEvent.keyboard('{ArrowLeft}');
      await settle(picker);
      expect(active(picker)?.dataset.date).toBe('2026-11-23');
      expect(
        parts(picker, 'day').filter((day) => (day as HTMLElement).tabIndex === 0),
      ).toHaveLength(1);
    });

    it('moves to the first and last day of the week with Home and End', async () => {
      const picker = await focusedGrid();
      await userEvent.keyboard('{ArrowRight}{ArrowRight}');
      await settle(picker);
      await userEvent.keyboard('{End}');
      await settle(picker);
      expect(active(picker)?.dataset.date).toBe('2026-11-29');
      await userEvent.keyboard('{Home}');
      await settle(picker);
      expect(active(picker)?.dataset.date).toBe('2026-11-23');
    });

    it('moves a month with PageDown and PageUp and a year with Shift+PageDown, loading the new month', async () => {
      const { picker, data } = await calendarAt(new FakeBooking());
      cell(picker, '2026-11-23').focus();
      await userEvent.keyboard('{PageDown}');
      await settle(picker);
      expect(active(picker)?.dataset.date).toBe('2026-12-23');
      expect(live(picker)).toBe('2026年12月');
      await until(() =>
        expect(data.calls.filter((call) => call.method === 'sites.slots').at(-1)?.args[1]).toEqual({
          service: serviceId,
          from: '2026-12-01',
          to: '2026-12-31',
        }),
      );
      await settle(picker);
      expect(textOf(cell(picker, '2026-12-18'))).toContain('节假日');
      await userEvent.keyboard('{Shift>}{PageDown}{/Shift}');
      await settle(picker);
      expect(active(picker)?.dataset.date).toBe('2027-12-23');
      expect(live(picker)).toBe('2027年12月');
      await userEvent.keyboard('{Shift>}{PageUp}{/Shift}');
      await settle(picker);
      expect(active(picker)?.dataset.date).toBe('2026-12-23');
      await userEvent.keyboard('{PageUp}');
      await settle(picker);
      expect(active(picker)?.dataset.date).toBe('2026-11-23');
      // Not before this month: the past is not bookable.
      await userEvent.keyboard('{PageUp}');
      await settle(picker);
      expect(active(picker)?.dataset.date).toBe('2026-11-01');
    });

    it('chooses a day with Enter, moves focus to its first free slot, and Escape returns to the day', async () => {
      const picker = await focusedGrid();
      await userEvent.keyboard('{ArrowRight}');
      await settle(picker);
      await userEvent.keyboard('{Enter}');
      await settle(picker);
      expect(cell(picker, '2026-11-24').getAttribute('aria-selected')).toBe('true');
      expect(active(picker)?.dataset.slot).toBe('slot-anji-inspection-1-202611240830');
      await userEvent.keyboard('{Escape}');
      await settle(picker);
      expect(active(picker)?.dataset.date).toBe('2026-11-24');
    });

    it('leaves Escape in the grid to the page with a fixed site-id, so a dialog around it closes', async () => {
      const data = new FakeBooking();
      const dialog = await fixture<HTMLDialogElement>(
        html`<dialog aria-label="预约">
          <zheli-appointment-picker service-id=${serviceId} site-id=${site1}></zheli-appointment-picker>
        </dialog>`,
        { client: data },
      );
      dialog.showModal();
      const picker = dialog.querySelector('zheli-appointment-picker') as ZheliAppointmentPicker;
      await until(() => expect(parts(picker, 'grid')).toHaveLength(1));
      await settle(picker);
      cell(picker, '2026-11-23').focus();
      const page = escapesOnPage();
      await userEvent.keyboard('{Escape}');
      page.stop();
      expect(page.seen).toEqual([false]);
      await until(() => expect(dialog.open).toBe(false));
      expect(parts(picker, 'grid')).toHaveLength(1);
    });

    it('goes back to the site list with Escape in the grid, focus on the site chosen, as 更换地点 does', async () => {
      const { picker } = await calendarAt(new FakeBooking(), {}, { region: '330523' });
      await userEvent.click(parts(picker, 'site')[1] as HTMLElement);
      await until(() => expect(parts(picker, 'grid')).toHaveLength(1));
      await settle(picker);
      expect(active(picker)?.dataset.date).toBe('2026-11-23');
      const page = escapesOnPage();
      await userEvent.keyboard('{Escape}');
      await until(() => expect(parts(picker, 'grid')).toHaveLength(0));
      await settle(picker);
      expect(active(picker)?.dataset.site).toBe('site-anji-inspection-2');
      expect(page.seen).toEqual([]);
      page.stop();
      expect(await axeViolations(picker)).toEqual([]);
      // The same by mouse: 更换地点.
      await userEvent.keyboard('{Enter}');
      await until(() => expect(parts(picker, 'grid')).toHaveLength(1));
      await settle(picker);
      const change = parts(picker, 'button').find((item) => textOf(item) === '更换地点');
      await userEvent.click(change as HTMLElement);
      await until(() => expect(parts(picker, 'grid')).toHaveLength(0));
      await settle(picker);
      expect(active(picker)?.dataset.site).toBe('site-anji-inspection-2');
    });

    it('chooses a day with Space, and a slot with Enter, then focus goes to the confirm step', async () => {
      const picker = await focusedGrid();
      await userEvent.keyboard('{ArrowRight}');
      await settle(picker);
      await userEvent.keyboard(' ');
      await settle(picker);
      await userEvent.keyboard('{Enter}');
      await settle(picker);
      expect(active(picker)).toBe(part(picker, 'heading'));
      expect(picker.value).toBe('slot-anji-inspection-1-202611240830');
      // Back returns focus to the chosen slot.
      await userEvent.click(part(picker, 'back'));
      await settle(picker);
      expect(active(picker)?.dataset.slot).toBe('slot-anji-inspection-1-202611240830');
    });
  });

  describe('in a form', () => {
    it('submits the chosen slot under its name, is invalid while required and empty, and resets', async () => {
      const data = new FakeBooking();
      const form = await fixture<HTMLFormElement>(
        html`<form>
          <zheli-appointment-picker name="slot" required service-id=${serviceId} site-id=${site1}></zheli-appointment-picker>
          <button type="reset">reset</button>
        </form>`,
        { client: data },
      );
      const picker = form.querySelector('zheli-appointment-picker') as ZheliAppointmentPicker;
      await until(() => expect(parts(picker, 'grid')).toHaveLength(1));
      await settle(picker);
      expect(picker.form).toBe(form);
      expect(new FormData(form).get('slot')).toBeNull();
      expect(form.checkValidity()).toBe(false);
      expect(picker.validity.valueMissing).toBe(true);
      expect(picker.validationMessage).toBe('请选择预约时段。');
      await chooseFirstSlot(picker);
      expect(new FormData(form).get('slot')).toBe('slot-anji-inspection-1-202611240830');
      expect(form.checkValidity()).toBe(true);
      form.reset();
      await settle(picker);
      expect(new FormData(form).get('slot')).toBeNull();
      expect(picker.validity.valueMissing).toBe(true);
      expect(parts(picker, 'grid')).toHaveLength(1);
    });
  });

  describe('disabled', () => {
    async function inFieldset(): Promise<{
      form: HTMLFormElement;
      fieldset: HTMLFieldSetElement;
      picker: ZheliAppointmentPicker;
    }> {
      const form = await fixture<HTMLFormElement>(
        html`<form>
          <fieldset>
            <legend>预约</legend>
            <zheli-appointment-picker name="slot" required service-id=${serviceId} site-id=${site1}></zheli-appointment-picker>
          </fieldset>
        </form>`,
        { client: new FakeBooking() },
      );
      const picker = form.querySelector('zheli-appointment-picker') as ZheliAppointmentPicker;
      await until(() => expect(parts(picker, 'grid')).toHaveLength(1));
      await settle(picker);
      return { form, fieldset: form.querySelector('fieldset') as HTMLFieldSetElement, picker };
    }

    it('makes every control inert inside a disabled fieldset, and enabling it gives them back', async () => {
      const { fieldset, picker } = await inFieldset();
      await userEvent.click(cell(picker, '2026-11-24'));
      await settle(picker);
      await userEvent.click(parts(picker, 'slot-details')[0] as HTMLElement);
      await until(() => expect(part(picker, 'popover').matches(':popover-open')).toBe(true));
      fieldset.disabled = true;
      await settle(picker);
      expect(picker.matches(':disabled')).toBe(true);
      expect(part(picker, 'popover').matches(':popover-open')).toBe(false);
      expect(part(picker, 'grid').getAttribute('aria-disabled')).toBe('true');
      expect(buttons(picker).length).toBeGreaterThan(5);
      expect(buttons(picker).filter((button) => !isDisabled(button))).toEqual([]);
      expect(parts(picker, 'day').filter((day) => day.getAttribute('tabindex') === '0')).toEqual(
        [],
      );
      expect(
        parts(picker, 'day').filter((day) => day.getAttribute('aria-disabled') === 'false'),
      ).toEqual([]);
      // Neither a click nor the keyboard chooses a day or moves in the grid.
      await userEvent.click(cell(picker, '2026-11-26'), { force: true });
      await settle(picker);
      expect(cell(picker, '2026-11-26').getAttribute('aria-selected')).toBe('false');
      cell(picker, '2026-11-24').focus();
      await userEvent.keyboard('{ArrowRight}{Enter}');
      await settle(picker);
      expect(active(picker)?.dataset.date).toBe('2026-11-24');
      expect(cell(picker, '2026-11-25').getAttribute('aria-selected')).toBe('false');
      expect(cell(picker, '2026-11-24').getAttribute('aria-selected')).toBe('true');
      expect(await axeViolations(picker)).toEqual([]);
      fieldset.disabled = false;
      await settle(picker);
      expect(picker.matches(':disabled')).toBe(false);
      expect(part(picker, 'grid').getAttribute('aria-disabled')).toBe('false');
      // Only what was disabled before: the month before this one.
      expect(buttons(picker).filter(isDisabled)).toEqual([parts(picker, 'nav')[0]]);
      expect(cell(picker, '2026-11-26').getAttribute('aria-disabled')).toBe('false');
      expect(
        parts(picker, 'day').filter((day) => day.getAttribute('tabindex') === '0'),
      ).toHaveLength(1);
      await userEvent.click(cell(picker, '2026-11-26'));
      await settle(picker);
      expect(cell(picker, '2026-11-26').getAttribute('aria-selected')).toBe('true');
    });

    it('leaves a disabled picker out of FormData and validation, by fieldset or its own attribute', async () => {
      const { form, fieldset, picker } = await inFieldset();
      await chooseFirstSlot(picker);
      expect(new FormData(form).get('slot')).toBe('slot-anji-inspection-1-202611240830');
      fieldset.disabled = true;
      await settle(picker);
      expect(new FormData(form).has('slot')).toBe(false);
      expect(isDisabled(part(picker, 'confirm'))).toBe(true);
      expect(isDisabled(part(picker, 'back'))).toBe(true);
      // A disabled button takes no click: still on the confirm step, nothing booked.
      part(picker, 'back').click();
      part(picker, 'confirm').click();
      await settle(picker);
      expect(parts(picker, 'confirm')).toHaveLength(1);
      expect(picker.appointment).toBeUndefined();
      fieldset.disabled = false;
      await settle(picker);
      expect(new FormData(form).get('slot')).toBe('slot-anji-inspection-1-202611240830');
      expect(isDisabled(part(picker, 'confirm'))).toBe(false);
      // The property reflects to the attribute, which the platform honours as on native fields.
      picker.disabled = true;
      await settle(picker);
      expect(picker.hasAttribute('disabled')).toBe(true);
      expect(picker.matches(':disabled')).toBe(true);
      expect(new FormData(form).has('slot')).toBe(false);
      expect(buttons(picker).filter((button) => !isDisabled(button))).toEqual([]);
      expect(await axeViolations(picker)).toEqual([]);
      // Barred from validation while disabled, as a disabled native field is.
      form.reset();
      await settle(picker);
      expect(picker.validity.valueMissing).toBe(true);
      expect(form.checkValidity()).toBe(true);
      picker.removeAttribute('disabled');
      await settle(picker);
      expect(picker.disabled).toBe(false);
      expect(form.checkValidity()).toBe(false);
      expect(part(picker, 'grid').getAttribute('aria-disabled')).toBe('false');
    });
  });

  describe('restoring a form', () => {
    /** Chooses a slot in a form and returns the state the picker gave the form with its value. */
    async function submittedState(data: FakeBooking): Promise<string> {
      const states: unknown[] = [];
      const setFormValue = ElementInternals.prototype.setFormValue;
      vi.spyOn(ElementInternals.prototype, 'setFormValue').mockImplementation(function (
        this: ElementInternals,
        value,
        state,
      ) {
        states.push(state);
        setFormValue.call(this, value, state);
      });
      const { picker } = await calendarAt(data, {}, { region: '330523' });
      await userEvent.click(parts(picker, 'site')[1] as HTMLElement);
      await until(() => expect(parts(picker, 'grid')).toHaveLength(1));
      await settle(picker);
      await userEvent.click(cell(picker, '2026-11-24'));
      await settle(picker);
      await userEvent.click(slotButton(picker, 'slot-anji-inspection-2-202611240930'));
      await until(() => expect(parts(picker, 'confirm')).toHaveLength(1));
      await settle(picker);
      vi.mocked(ElementInternals.prototype.setFormValue).mockRestore();
      await cleanup();
      const state = states.at(-1);
      if (typeof state !== 'string') throw new Error('No form state was given');
      return state;
    }

    async function freshPicker(data: FakeBooking): Promise<{
      form: HTMLFormElement;
      picker: ZheliAppointmentPicker;
    }> {
      const form = await fixture<HTMLFormElement>(
        html`<form>
          <zheli-appointment-picker name="slot" service-id=${serviceId} region="330523"></zheli-appointment-picker>
        </form>`,
        { client: data },
      );
      const picker = form.querySelector('zheli-appointment-picker') as ZheliAppointmentPicker;
      await until(() => expect(parts(picker, 'site').length).toBeGreaterThan(0));
      return { form, picker };
    }

    it('comes back to the site, day and slot of the state it submitted (back/forward, autofill)', async () => {
      const data = new FakeBooking();
      const state = await submittedState(data);
      const given = JSON.parse(state);
      expect(given).toMatchObject({
        siteId: 'site-anji-inspection-2',
        date: '2026-11-24',
        slotId: 'slot-anji-inspection-2-202611240930',
      });
      const { form, picker } = await freshPicker(data);
      const outside = document.createElement('button');
      document.body.append(outside);
      outside.focus();
      picker.formStateRestoreCallback(state, 'restore');
      await until(() => expect(parts(picker, 'confirm')).toHaveLength(1));
      await settle(picker);
      expect(textOf(part(picker, 'summary'))).toContain('安吉县机动车检测站（孝丰）');
      expect(textOf(part(picker, 'summary'))).toContain('2026年11月24日星期二 09:30–10:00');
      expect(picker.value).toBe('slot-anji-inspection-2-202611240930');
      expect(new FormData(form).get('slot')).toBe('slot-anji-inspection-2-202611240930');
      // The page keeps its focus: restoring is not something the person did in the picker.
      expect(document.activeElement).toBe(outside);
      outside.remove();
      // Back from the confirm step: the restored day with its slots.
      await userEvent.click(part(picker, 'back'));
      await settle(picker);
      expect(cell(picker, '2026-11-24').getAttribute('aria-selected')).toBe('true');
      expect(active(picker)?.dataset.slot).toBe('slot-anji-inspection-2-202611240930');
      // The same choice keeps its idempotency key: a booking sent before leaving the page is
      // replayed, not made twice.
      await userEvent.click(slotButton(picker, 'slot-anji-inspection-2-202611240930'));
      await until(() => expect(parts(picker, 'confirm')).toHaveLength(1));
      await userEvent.click(part(picker, 'confirm'));
      await until(() => expect(parts(picker, 'ticket')).toHaveLength(1));
      expect(data.keys).toEqual([given.key]);
    });

    it('restores a state given as the browser does, connected and configured but not yet rendered', async () => {
      const data = new FakeBooking();
      const state = await submittedState(data);
      const picker = document.createElement('zheli-appointment-picker');
      picker.setAttribute('name', 'slot');
      picker.setAttribute('service-id', serviceId);
      const form = await fixture<HTMLFormElement>(html`<form></form>`, { client: data });
      form.append(picker);
      // Its first render (which starts loading too) is still to come.
      expect(picker.hasUpdated).toBe(false);
      picker.formStateRestoreCallback(state, 'restore');
      await until(() => expect(parts(picker, 'confirm')).toHaveLength(1));
      expect(textOf(part(picker, 'summary'))).toContain('09:30–10:00');
      expect(new FormData(form).get('slot')).toBe('slot-anji-inspection-2-202611240930');
    });

    it('lands on that day’s slots with the slot-taken message when the restored slot is full or gone', async () => {
      const data = new FakeBooking();
      const state = await submittedState(data);
      data.remaining.set('slot-anji-inspection-2-202611240930', 0);
      const full = await freshPicker(data);
      full.picker.formStateRestoreCallback(state, 'autocomplete');
      await until(() => expect(parts(full.picker, 'slots')).toHaveLength(1));
      await settle(full.picker);
      expect(textOf(part(full.picker, 'site-name'))).toBe('安吉县机动车检测站（孝丰）');
      expect(cell(full.picker, '2026-11-24').getAttribute('aria-selected')).toBe('true');
      const alert = full.picker.shadowRoot?.querySelector('[role="alert"]');
      expect(alert?.textContent).toContain('您选的时段刚刚被约满了');
      expect(textOf(slotButton(full.picker, 'slot-anji-inspection-2-202611240930'))).toContain(
        '已约满',
      );
      expect(full.picker.value).toBe('');
      expect(await axeViolations(full.picker)).toEqual([]);
      await cleanup();
      const gone = JSON.stringify({ ...JSON.parse(state), slotId: 'slot-withdrawn' });
      const restored = await freshPicker(data);
      restored.picker.formStateRestoreCallback(gone, 'restore');
      await until(() => expect(parts(restored.picker, 'slots')).toHaveLength(1));
      await settle(restored.picker);
      expect(textOf(restored.picker)).toContain('您选的时段刚刚被约满了');
      expect(restored.picker.value).toBe('');
    });
  });

  describe('states', () => {
    it('asks for a service-id when there is none', async () => {
      const picker = await fixture<ZheliAppointmentPicker>(
        html`<zheli-appointment-picker></zheli-appointment-picker>`,
        { client: new FakeBooking() },
      );
      expect(textOf(part(picker, 'message'))).toContain('service-id');
      expect(await axeViolations(picker)).toEqual([]);
    });

    it('explains what to do when no configuration is found', async () => {
      const picker = await fixture<ZheliAppointmentPicker>(
        html`<zheli-appointment-picker service-id=${serviceId}></zheli-appointment-picker>`,
      );
      expect(textOf(part(picker, 'message'))).toContain('configure()');
      expect(await axeViolations(picker)).toEqual([]);
    });

    it('shows loading, then an error with a retry that loads again', async () => {
      const data = new FakeBooking();
      const gate = deferred<void>();
      data.gate = gate.promise;
      const errors: unknown[] = [];
      const picker = await fixture<ZheliAppointmentPicker>(
        html`<zheli-appointment-picker service-id=${serviceId} site-id=${site1} @zheli-error=${(
          event: Event,
        ) => errors.push(event)}></zheli-appointment-picker>`,
        { client: data },
      );
      expect(textOf(part(picker, 'message'))).toBe('正在加载可预约信息…');
      expect(await axeViolations(picker)).toEqual([]);
      gate.reject(new ProblemError(503, 'service_unavailable'));
      await until(() => expect(parts(picker, 'retry')).toHaveLength(1));
      expect(errors.length).toBeGreaterThan(0);
      expect(await axeViolations(picker)).toEqual([]);
      data.gate = undefined;
      await userEvent.click(part(picker, 'retry'));
      await until(() => expect(parts(picker, 'grid')).toHaveLength(1));
    });

    it('offers only the days between from and to, and no month after the last', async () => {
      const picker = await fixture<ZheliAppointmentPicker>(
        html`<zheli-appointment-picker
          service-id=${serviceId}
          site-id=${site1}
          from="2026-11-25"
          to="2026-11-27"
        ></zheli-appointment-picker>`,
        { client: new FakeBooking() },
      );
      await until(() => expect(parts(picker, 'grid')).toHaveLength(1));
      await settle(picker);
      expect(cell(picker, '2026-11-24').getAttribute('aria-disabled')).toBe('true');
      expect(textOf(cell(picker, '2026-11-24'))).toContain('不可预约');
      expect(cell(picker, '2026-11-26').getAttribute('aria-disabled')).toBe('false');
      expect(textOf(cell(picker, '2026-11-28'))).toContain('不可预约');
      const [previous, next] = parts(picker, 'nav') as HTMLButtonElement[];
      expect(previous?.disabled).toBe(true);
      expect(next?.disabled).toBe(true);
      expect(await axeViolations(picker)).toEqual([]);
    });

    it('says so when no site handles the service in the region', async () => {
      const data = new FakeBooking();
      const picker = await fixture<ZheliAppointmentPicker>(
        html`<zheli-appointment-picker service-id=${serviceId} region="330106"></zheli-appointment-picker>`,
        { client: data },
      );
      await until(() => expect(textOf(picker)).toContain('附近暂无办理该事项的地点'));
    });
  });

  describe('languages, elder mode and dark colours', () => {
    it('speaks English and Traditional Chinese, dates and times included', async () => {
      await useLocale('en');
      const { picker } = await calendarAt();
      expect(textOf(part(picker, 'month'))).toBe('November 2026');
      expect(textOf(cell(picker, '2026-11-25'))).toContain('Fully booked');
      await userEvent.click(cell(picker, '2026-11-24'));
      await settle(picker);
      expect(textOf(parts(picker, 'slot')[0] as Element)).toBe('08:30–09:00 2 places left');
      expect(await axeViolations(picker)).toEqual([]);
      await cleanup();
      await useLocale('zh-TW');
      const tw = await calendarAt();
      expect(textOf(cell(tw.picker, '2026-11-25'))).toContain('已約滿');
      expect(textOf(tw.picker)).toContain('時間均為北京時間');
      expect(await axeViolations(tw.picker)).toEqual([]);
    });

    it('has 48 px targets, 18 px text and 7:1 contrast in elder mode, on every step', async () => {
      const { picker } = await calendarAt(new FakeBooking(), { mode: 'elder' });
      const day = cell(picker, '2026-11-24');
      expect(day.getBoundingClientRect().height).toBeGreaterThanOrEqual(48);
      expect(Number.parseFloat(getComputedStyle(day).fontSize)).toBeGreaterThanOrEqual(18);
      expect(await axeViolations(picker, true)).toEqual([]);
      await userEvent.click(day);
      await settle(picker);
      const slot = parts(picker, 'slot')[0] as HTMLElement;
      expect(slot.getBoundingClientRect().height).toBeGreaterThanOrEqual(48);
      expect(await axeViolations(picker, true)).toEqual([]);
      await userEvent.click(slot);
      await until(() => expect(parts(picker, 'confirm')).toHaveLength(1));
      expect(part(picker, 'confirm').getBoundingClientRect().height).toBeGreaterThanOrEqual(48);
      expect(await axeViolations(picker, true)).toEqual([]);
      await userEvent.click(part(picker, 'confirm'));
      await until(() => expect(parts(picker, 'ticket')).toHaveLength(1));
      expect(await axeViolations(picker, true)).toEqual([]);
    });

    it('keeps every week the same height, with or without reasons, in standard and elder mode', async () => {
      for (const mode of ['standard', 'elder'] as const) {
        const data = new FakeBooking();
        const { picker } = await calendarAt(data, { mode });
        const rows = () =>
          [...part(picker, 'grid').querySelectorAll('tbody tr')].map(
            (row) => row.getBoundingClientRect().height,
          );
        // A week of reasons (past, full, closed) and a week of open days with dots.
        expect(cell(picker, '2026-11-20').querySelector('[part~="reason"]')).not.toBeNull();
        expect(new Set(rows()).size).toBe(1);
        // The next month, whose days are first shown without reasons while they load.
        const month = deferred<void>();
        data.gate = month.promise;
        await userEvent.click(parts(picker, 'nav')[1] as HTMLElement);
        await settle(picker);
        const loading = rows();
        month.resolve();
        await until(() =>
          expect(part(picker, 'grid').querySelector('[part~="reason"]')).not.toBeNull(),
        );
        await settle(picker);
        expect(new Set([...loading, ...rows()]).size).toBe(1);
        await cleanup();
      }
    });

    it('shows reasons short enough for a 48 px day on a 375 px phone in elder mode, in three languages', async () => {
      for (const locale of ['zh-CN', 'zh-TW', 'en'] as const) {
        await useLocale(locale);
        const { picker } = await calendarAt(new FakeBooking(), { mode: 'elder' });
        picker.style.setProperty('--inline-size', '375px');
        part(picker, 'base').style.padding = '0';
        await settle(picker);
        const reasons = parts(picker, 'reason');
        expect(reasons.length).toBeGreaterThan(3);
        for (const reason of reasons) {
          const day = reason.closest('td') as HTMLElement;
          expect(day.getBoundingClientRect().width).toBeGreaterThanOrEqual(48);
          // Not cut off: the text fits its box without an ellipsis.
          expect(reason.scrollWidth, `${locale} ${reason.textContent}`).toBeLessThanOrEqual(
            reason.clientWidth,
          );
        }
        // The full reason is still in the cell for screen readers.
        const full = { 'zh-CN': '已约满', 'zh-TW': '已約滿', en: 'Fully booked' }[locale];
        expect(textOf(cell(picker, '2026-11-25'))).toContain(full);
        expect(await axeViolations(picker, true)).toEqual([]);
        await cleanup();
      }
    });

    it('is axe clean in dark colours, with the site chooser and the calendar', async () => {
      const data = new FakeBooking();
      const picker = await fixture<ZheliAppointmentPicker>(
        html`<zheli-appointment-picker class="dark" service-id=${serviceId}></zheli-appointment-picker>`,
        { client: data },
      );
      picker.style.setProperty('--zheli-color-scheme', 'dark');
      await until(() => expect(parts(picker, 'site').length).toBeGreaterThan(0));
      const base = part(picker, 'base');
      expect(getComputedStyle(base).colorScheme).toBe('dark');
      expect(await axeViolations(picker)).toEqual([]);
      await userEvent.click(parts(picker, 'site')[0] as HTMLElement);
      await until(() => expect(parts(picker, 'grid')).toHaveLength(1));
      await settle(picker);
      await userEvent.click(cell(picker, '2026-11-24'));
      await settle(picker);
      expect(await axeViolations(picker)).toEqual([]);
    });
  });
});
