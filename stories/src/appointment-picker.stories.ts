import type { ZheliAppointmentPicker } from '@zheli/elements';
import { HttpResponse } from 'msw';
import { expect, waitFor } from 'storybook/test';
import preview from '../.storybook/preview.js';
import {
  atTime,
  dark,
  elder,
  english,
  find,
  narrow,
  part,
  parts,
  retriesAfterOutage,
  signedIn,
  signedOut,
  textOf,
  traditional,
  unconfigured,
  withHandlers,
} from './helpers.js';
import { handle, outage, pending, problem } from './mocks/api.js';
import { bookingDay, bookings, fullDay, longSites, storyNow } from './mocks/booking.js';
import { anji, anjiInspectionSite, vehicleInspection } from './mocks/seed.js';

type UserEvent = {
  click(element: Element): Promise<void>;
  keyboard(text: string): Promise<void>;
};

const meta = preview.meta({
  title: 'Elements/Appointment picker',
  component: 'zheli-appointment-picker',
  args: { serviceId: vehicleInspection, siteId: anjiInspectionSite },
  ...signedIn,
  // Every story on the same clock (Wednesday 16 September 2026, 09:30), and without a choice kept
  // from a sign-in in an earlier story.
  beforeEach() {
    for (const key of Object.keys(sessionStorage)) {
      if (key.startsWith('zheli-appointment:')) sessionStorage.removeItem(key);
    }
    return atTime(storyNow).beforeEach();
  },
});

/** The 09:00 slot of the booking day at the Dipu station: 2 of 4 places left. */
const nineOClock = 'slot-anji-inspection-1-202609180900';
/** 08:30 the same day: full. */
const halfPastEight = 'slot-anji-inspection-1-202609180830';

function picker(canvas: HTMLElement): ZheliAppointmentPicker {
  return find(canvas, 'zheli-appointment-picker');
}

function day(element: ZheliAppointmentPicker, date: string): HTMLElement {
  const cell = element.shadowRoot?.querySelector<HTMLElement>(`[part~="day"][data-date="${date}"]`);
  if (!cell) throw new Error(`No day ${date} in the calendar`);
  return cell;
}

function slot(element: ZheliAppointmentPicker, id: string): HTMLElement {
  const button = element.shadowRoot?.querySelector<HTMLElement>(
    `[part~="slot"][data-slot="${id}"]`,
  );
  if (!button) throw new Error(`No slot ${id}`);
  return button;
}

function heading(element: ZheliAppointmentPicker): string {
  return textOf(part(element, 'heading'));
}

/** The month is shown and the booking day can be chosen. */
async function calendarShown(element: ZheliAppointmentPicker): Promise<void> {
  await waitFor(() => expect(day(element, bookingDay).getAttribute('aria-disabled')).toBe('false'));
}

async function chooseDay(
  element: ZheliAppointmentPicker,
  userEvent: UserEvent,
  date = bookingDay,
): Promise<void> {
  await calendarShown(element);
  await userEvent.click(day(element, date));
  await waitFor(() => expect(parts(element, 'slot').length).toBeGreaterThan(0));
}

async function chooseSlot(
  element: ZheliAppointmentPicker,
  userEvent: UserEvent,
  id = nineOClock,
): Promise<void> {
  await chooseDay(element, userEvent);
  await userEvent.click(slot(element, id));
  await waitFor(() => expect(heading(element)).toBe('确认预约信息'));
}

/** Books the 09:00 slot and waits for the ticket and its QR code. */
async function book(element: ZheliAppointmentPicker, userEvent: UserEvent): Promise<void> {
  await chooseSlot(element, userEvent);
  await waitFor(() => expect(parts(element, 'confirm')).toHaveLength(1));
  await userEvent.click(part(element, 'confirm'));
  await ticketShown(element);
}

async function ticketShown(element: ZheliAppointmentPicker): Promise<void> {
  await waitFor(() => expect(parts(element, 'ticket')).toHaveLength(1));
  const code = element.shadowRoot?.querySelector('zheli-qr-code');
  if (!code) throw new Error('No QR code on the ticket');
  await waitFor(() => expect(part(code, 'code').localName).toBe('svg'));
}

/** Without a site: the sites of Anji that handle vehicle inspection, to choose from. */
export const Default = meta.story({
  args: { siteId: undefined, region: anji },
  async play({ canvasElement }) {
    const element = picker(canvasElement);
    await waitFor(() => expect(parts(element, 'site')).toHaveLength(2));
    expect(textOf(part(element, 'sites'))).toContain('安吉县机动车检测站（递铺）');
    expect(textOf(part(element, 'sites'))).toContain('安吉县机动车检测站（孝丰）');
  },
});

/**
 * The Dipu station's September: days before today 已过, Thursday 17th 约满 (已约满), Sundays 休息
 * (不开放), the Mid-Autumn Festival 假日 (节假日); the rest can be booked. Each cell shows the
 * short reason and reads the full one to screen readers.
 */
export const Calendar = meta.story({
  async play({ canvasElement }) {
    const element = picker(canvasElement);
    await calendarShown(element);
    const reason = (date: string) =>
      (day(element, date).querySelector('[part~="reason"]')?.textContent ?? '').trim();
    expect(reason('2026-09-15')).toBe('已过');
    expect(reason(fullDay)).toBe('约满');
    expect(reason('2026-09-20')).toBe('休息');
    expect(reason('2026-09-25')).toBe('假日');
    expect(textOf(day(element, fullDay))).toContain('已约满');
    expect(textOf(day(element, '2026-09-25'))).toContain('节假日');
    for (const date of ['2026-09-15', fullDay, '2026-09-20', '2026-09-25']) {
      expect(day(element, date).getAttribute('aria-disabled')).toBe('true');
    }
    expect(day(element, '2026-09-16').getAttribute('aria-current')).toBe('date');
    expect(textOf(part(element, 'month'))).toBe('2026年9月');
  },
});

/** Friday 18th chosen: its slots with the places left; 08:30 is full and cannot be chosen. */
export const Slots = meta.story({
  async play({ canvasElement, userEvent }) {
    const element = picker(canvasElement);
    await chooseDay(element, userEvent);
    expect(textOf(slot(element, nineOClock))).toContain('剩余 2 个名额');
    expect(textOf(slot(element, halfPastEight))).toContain('已约满');
    expect(slot(element, halfPastEight).getAttribute('aria-disabled')).toBe('true');
    expect(element.shadowRoot?.activeElement).toBe(slot(element, nineOClock));
  },
});

/** "详情" of the 09:00 slot: time, places, site, address and phone in a popover. */
export const SlotDetails = meta.story({
  async play({ canvasElement, userEvent }) {
    const element = picker(canvasElement);
    await chooseDay(element, userEvent);
    const details = element.shadowRoot?.querySelector<HTMLElement>(
      `[part~="slot-details"][data-slot="${nineOClock}"]`,
    );
    if (!details) throw new Error('No details button');
    await userEvent.click(details);
    const popover = part(element, 'popover');
    await waitFor(() => expect(popover.matches(':popover-open')).toBe(true));
    expect(textOf(popover)).toContain('剩余 2 个，共 4 个名额');
    expect(textOf(popover)).toContain('安吉县递铺街道天目路88号 · 0572-5123456');
    expect(details.getAttribute('aria-expanded')).toBe('true');
  },
});

/** Signed out at the confirm step: a sign-in prompt instead of the confirm button. */
export const ConfirmSignedOut = meta.story({
  ...signedOut,
  async play({ canvasElement, userEvent }) {
    const element = picker(canvasElement);
    await chooseSlot(element, userEvent);
    await waitFor(() => expect(parts(element, 'sign-in')).toHaveLength(1));
    expect(textOf(part(element, 'sign-in'))).toBe('登录后预约');
    expect(parts(element, 'confirm')).toHaveLength(0);
  },
});

/** Signed in at the confirm step: service, site, day and time, and the confirm button. */
export const ConfirmSignedIn = meta.story({
  async play({ canvasElement, userEvent }) {
    const element = picker(canvasElement);
    await chooseSlot(element, userEvent);
    const summary = textOf(part(element, 'summary'));
    expect(summary).toContain('安吉县机动车检测站（递铺）');
    expect(summary).toContain('09:00');
    await waitFor(() => expect(textOf(part(element, 'summary'))).toContain('机动车检验预约'));
    expect(textOf(part(element, 'confirm'))).toBe('确认预约');
    expect(element.value).toBe(nineOClock);
  },
});

/** The booking is being sent: the buttons wait (a double click books once). */
export const BookingInProgress = meta.story({
  ...withHandlers(pending('post', '/v1/appointments')),
  async play({ canvasElement, userEvent }) {
    const element = picker(canvasElement);
    await chooseSlot(element, userEvent);
    await userEvent.click(part(element, 'confirm'));
    await waitFor(() => expect(textOf(part(element, 'confirm'))).toBe('正在提交…'));
    expect(part<HTMLButtonElement>(element, 'confirm').disabled).toBe(true);
    expect(part<HTMLButtonElement>(element, 'back').disabled).toBe(true);
  },
});

/**
 * Someone else takes the last places of 09:00 while the person confirms: the platform answers
 * 409 slot_full, the slots are fetched again (09:00 now 已约满) and focus moves to 09:30.
 */
export const SlotTaken = meta.story({
  async play({ canvasElement, userEvent }) {
    const element = picker(canvasElement);
    await chooseSlot(element, userEvent);
    bookings.takenNow.add(nineOClock);
    await userEvent.click(part(element, 'confirm'));
    await waitFor(() =>
      expect(element.shadowRoot?.querySelector('[role="alert"]')?.textContent?.trim()).toBe(
        '您选的时段刚刚被约满了，可预约时段已刷新，请另选一个。',
      ),
    );
    await waitFor(() => expect(textOf(slot(element, nineOClock))).toContain('已约满'));
    await waitFor(() =>
      expect(element.shadowRoot?.activeElement).toBe(
        slot(element, 'slot-anji-inspection-1-202609180930'),
      ),
    );
    expect(bookings.appointments.size).toBe(0);
  },
});

/**
 * The platform fails the booking once (503): the choice stays, and confirming again books with
 * the same Idempotency-Key: one appointment.
 */
export const BookingFailedThenRetry = meta.story({
  ...withHandlers(
    handle(
      'post',
      '/v1/appointments',
      ({ request }) => {
        bookings.writes.push({ operation: 'book', key: request.headers.get('idempotency-key') });
        return problem(503, 'service_unavailable', '服务繁忙，请稍后再试');
      },
      { once: true },
    ),
  ),
  async play({ canvasElement, userEvent }) {
    const element = picker(canvasElement);
    await chooseSlot(element, userEvent);
    await userEvent.click(part(element, 'confirm'));
    // The problem's words, with focus on them and the live region saying them.
    const words = '预约没有成功，请重试；您的选择已保留，重试不会重复预约。';
    await waitFor(() => expect(element.shadowRoot?.activeElement?.id).toBe('problem'));
    expect(textOf(part(element, 'message'))).toContain(words);
    await waitFor(() => expect(part(element, 'live').textContent?.trim()).toBe(words));
    expect(heading(element)).toBe('确认预约信息');
    await userEvent.click(part(element, 'confirm'));
    await ticketShown(element);
    const keys = bookings.writes.map((write) => write.key);
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[A-Za-z0-9._:-]{8,255}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(bookings.appointments.size).toBe(1);
  },
});

/** Booked: the ticket with its reference and the signed QR code to show at the station. */
export const Ticket = meta.story({
  async play({ canvasElement, userEvent }) {
    const element = picker(canvasElement);
    await book(element, userEvent);
    expect(heading(element)).toBe('预约成功');
    expect(textOf(part(element, 'summary'))).toContain('YY20260918-0031');
    expect(element.appointment?.status).toBe('booked');
  },
});

/** Booked, then cancelled after the question: the place is freed. */
export const Cancelled = meta.story({
  async play({ canvasElement, userEvent }) {
    const element = picker(canvasElement);
    await book(element, userEvent);
    await userEvent.click(part(element, 'cancel'));
    await userEvent.click(part(element, 'cancel-yes'));
    await waitFor(() => expect(textOf(part(element, 'message'))).toContain('预约已取消。'));
    expect(element.appointment?.status).toBe('cancelled');
    expect(bookings.writes.map((write) => write.operation)).toEqual(['book', 'cancel']);
  },
});

/** Booked, then moved to Monday 21st 10:00 (改约): a new ticket, the old place freed. */
export const Reschedule = meta.story({
  async play({ canvasElement, userEvent }) {
    const element = picker(canvasElement);
    await book(element, userEvent);
    await userEvent.click(part(element, 'reschedule'));
    await chooseDay(element, userEvent, '2026-09-21');
    await userEvent.click(slot(element, 'slot-anji-inspection-1-202609211000'));
    await waitFor(() => expect(textOf(part(element, 'confirm'))).toBe('确认改约'));
    await userEvent.click(part(element, 'confirm'));
    await ticketShown(element);
    expect(element.appointment?.slot.id).toBe('slot-anji-inspection-1-202609211000');
    expect(bookings.writes.map((write) => write.operation)).toEqual(['book', 'reschedule']);
  },
});

/**
 * Rescheduling (改约): the notice and "保留原时间", which stops rescheduling and goes back to the
 * ticket with focus on 改约 (Escape in the calendar does the same). 改约 again leaves the state
 * here for QA.
 */
export const Rescheduling = meta.story({
  async play({ canvasElement, userEvent }) {
    const element = picker(canvasElement);
    await book(element, userEvent);
    await userEvent.click(part(element, 'reschedule'));
    await waitFor(() => expect(textOf(part(element, 'keep-time'))).toBe('保留原时间'));
    await userEvent.click(part(element, 'keep-time'));
    await waitFor(() =>
      expect(element.shadowRoot?.activeElement).toBe(part(element, 'reschedule')),
    );
    expect(element.appointment?.slot.id).toBe(nineOClock);
    await userEvent.click(part(element, 'reschedule'));
    await calendarShown(element);
    expect(textOf(element)).toContain('正在改约');
    expect(bookings.writes.map((write) => write.operation)).toEqual(['book']);
  },
});

/**
 * Disabled (the attribute, or a disabled fieldset around it): every button disabled, the grid
 * `aria-disabled`, no day in the tab order, and the picker out of its form's data.
 */
export const Disabled = meta.story({
  args: { disabled: true },
  async play({ canvasElement }) {
    const element = picker(canvasElement);
    await waitFor(() => expect(part(element, 'grid').getAttribute('aria-disabled')).toBe('true'));
    expect(element.matches(':disabled')).toBe(true);
    const buttons = [...(element.shadowRoot?.querySelectorAll('button') ?? [])];
    expect(buttons.filter((button) => !button.matches(':disabled'))).toEqual([]);
    expect(element.shadowRoot?.querySelector('[part~="day"][tabindex="0"]')).toBeNull();
  },
});

/**
 * QA's flow: choose the Dipu station, move through the calendar with the keyboard to Friday 18th
 * (past the full Thursday), choose 09:00, confirm, and see the ticket with its QR code.
 */
export const BookASlot = meta.story({
  args: { siteId: undefined, region: anji },
  async play({ canvasElement, userEvent }) {
    const element = picker(canvasElement);
    const booked: string[] = [];
    element.addEventListener('zheli-booked', (event) =>
      booked.push(event.detail.appointment.slot.id),
    );
    await waitFor(() => expect(parts(element, 'site')).toHaveLength(2));
    await userEvent.click(parts(element, 'site')[0] as HTMLElement);
    await calendarShown(element);
    await waitFor(() => expect(element.shadowRoot?.activeElement).toBe(day(element, '2026-09-16')));
    await userEvent.keyboard('{ArrowRight}{ArrowRight}');
    expect(element.shadowRoot?.activeElement).toBe(day(element, bookingDay));
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(element.shadowRoot?.activeElement).toBe(slot(element, nineOClock)));
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(heading(element)).toBe('确认预约信息'));
    await waitFor(() => expect(parts(element, 'confirm')).toHaveLength(1));
    await userEvent.click(part(element, 'confirm'));
    await ticketShown(element);
    expect(booked).toEqual([nineOClock]);
    expect(bookings.writes).toHaveLength(1);
  },
});

export const Loading = meta.story(withHandlers(pending('get', '/v1/sites/{siteId}/slots')));

/** The platform is busy (503) when the month's slots load; once it is back, retry loads them. */
const slotsOutage = outage('get', '/v1/sites/{siteId}/slots');
export const ErrorWithRetry = meta.story(
  retriesAfterOutage(slotsOutage, 'zheli-appointment-picker', calendarShown),
);

/** No site handles the service in the region (Jiaxing has no inspection station in the seed). */
export const NoSites = meta.story({
  args: { siteId: undefined, region: '330400' },
  async play({ canvasElement }) {
    const element = picker(canvasElement);
    await waitFor(() => expect(textOf(element)).toContain('附近暂无办理该事项的地点。'));
  },
});

/** No `service-id`: the message names the attribute to set. */
export const Empty = meta.story({ args: { serviceId: undefined } });

export const NotConfigured = meta.story(unconfigured);

/** Names and addresses as long as a county writes them, wrapping in the list and the calendar. */
export const LongChineseText = meta.story({
  args: { siteId: undefined, region: anji },
  ...withHandlers(
    handle('get', '/v1/sites', () => HttpResponse.json({ items: longSites, nextCursor: null })),
  ),
  async play({ canvasElement }) {
    const element = picker(canvasElement);
    await waitFor(() => expect(parts(element, 'site')).toHaveLength(2));
  },
});

/** The day's slots shown, in each of the page's states below. */
async function slotsShown({
  canvasElement,
  userEvent,
}: {
  canvasElement: HTMLElement;
  userEvent: UserEvent;
}): Promise<void> {
  await chooseDay(picker(canvasElement), userEvent);
}

export const ElderMode = meta.story({ ...elder, play: slotsShown });
export const DarkTheme = meta.story({ ...dark, play: slotsShown });
export const English = meta.story({ ...english, play: slotsShown });
export const TraditionalChinese = meta.story({ ...traditional, play: slotsShown });
export const NarrowPhone = meta.story({ ...narrow, play: slotsShown });
