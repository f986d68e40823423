import { html } from 'lit';
import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import {
  FakeAuth,
  FakeBooking,
  FakeApiError as Problem,
  serviceId,
} from '../../test/fake-booking.js';
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
import type { ZheliConfiguration } from '../internal/config.js';
import type { ZheliAppointmentPicker } from './appointment-picker.js';
import './define.js';

const site1 = 'site-anji-inspection-1';
const first = 'slot-anji-inspection-1-202611240830';
const kept = `zheli-appointment:${serviceId}`;

onBookingClock();

function live(picker: ZheliAppointmentPicker): string {
  return part(picker, 'live').textContent?.trim() ?? '';
}

/** The buttons of the problem's message, by their words. */
function nextSteps(picker: ZheliAppointmentPicker): string[] {
  const message = picker.shadowRoot?.getElementById('problem');
  return [...(message?.querySelectorAll('button') ?? [])].map((button) => textOf(button));
}

function stepButton(picker: ZheliAppointmentPicker, words: string): HTMLButtonElement {
  const found = [...(picker.shadowRoot?.querySelectorAll('button') ?? [])].find(
    (button) => textOf(button) === words,
  );
  if (found === undefined) throw new Error(`No button ${words}`);
  return found;
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
): Promise<ZheliAppointmentPicker> {
  const picker = await fixture<ZheliAppointmentPicker>(
    html`<zheli-appointment-picker service-id=${serviceId} site-id=${site1}></zheli-appointment-picker>`,
    { client: data, ...extra },
  );
  await until(() => expect(parts(picker, 'grid')).toHaveLength(1));
  await settle(picker);
  return picker;
}

/** Chooses 24 Nov 08:30 (or `slot` that day) and waits for the confirm step (or sign-in). */
async function choose(picker: ZheliAppointmentPicker, slot = first): Promise<void> {
  picker.shadowRoot?.querySelector<HTMLElement>('[data-date="2026-11-24"]')?.click();
  await settle(picker);
  picker.shadowRoot?.querySelector<HTMLElement>(`[part~="slot"][data-slot="${slot}"]`)?.click();
  await until(() => expect(parts(picker, 'summary')).toHaveLength(1));
  await settle(picker);
}

/** Books 24 Nov 08:30 and waits for the ticket. */
async function booked(
  data = new FakeBooking(),
  extra: Partial<ZheliConfiguration> = {},
): Promise<ZheliAppointmentPicker> {
  const picker = await calendarAt(data, extra);
  await choose(picker);
  await userEvent.click(part(picker, 'confirm'));
  await until(() => expect(parts(picker, 'ticket')).toHaveLength(1));
  await settle(picker);
  return picker;
}

/** The problem's message: focused, said in the live region, its words and next steps. */
async function shownProblem(picker: ZheliAppointmentPicker, words: string): Promise<string[]> {
  await until(() => expect(active(picker)?.id).toBe('problem'));
  expect(textOf(active(picker) as HTMLElement)).toContain(words);
  await until(() => expect(live(picker)).toBe(words));
  return nextSteps(picker);
}

describe('<zheli-appointment-picker> problems', () => {
  describe('booking', () => {
    it('on appointment_exists says so, shows the appointment held that day, and offers another day', async () => {
      const data = new FakeBooking();
      const held = await data.appointments.book({
        serviceId,
        siteId: site1,
        slotId: 'slot-anji-inspection-1-202611240930',
      });
      data.bookFailures.push(new Problem(409, 'appointment_exists'));
      const picker = await calendarAt(data);
      await choose(picker);
      await userEvent.click(part(picker, 'confirm'));
      const steps = await shownProblem(
        picker,
        '您这一天已有该事项的预约，每人每天只能约一次。请查看已有的预约，或另选一天。',
      );
      expect(steps).toEqual(['查看已有预约', '另选一天']);
      expect(await axeViolations(picker)).toEqual([]);
      await userEvent.click(stepButton(picker, '查看已有预约'));
      await until(() => expect(parts(picker, 'ticket')).toHaveLength(1));
      expect(picker.appointment?.id).toBe(held.id);
      expect(textOf(part(picker, 'summary'))).toContain(held.reference);
      await until(() => expect(active(picker)?.id).toBe('booked-heading'));
    });

    it('on appointment_exists goes back to the day’s slots with 另选一天', async () => {
      const data = new FakeBooking();
      data.bookFailures.push(new Problem(409, 'appointment_exists'));
      const picker = await calendarAt(data);
      await choose(picker);
      await userEvent.click(part(picker, 'confirm'));
      // No appointment found to show (the client lists none): only the other day.
      expect(
        await shownProblem(
          picker,
          '您这一天已有该事项的预约，每人每天只能约一次。请查看已有的预约，或另选一天。',
        ),
      ).toEqual(['另选一天']);
      await userEvent.click(stepButton(picker, '另选一天'));
      await until(() => expect(parts(picker, 'grid')).toHaveLength(1));
      expect(picker.shadowRoot?.getElementById('problem')).toBeNull();
    });

    it('on insufficient_scope asks to sign in again, keeping the choice, and books after it', async () => {
      const data = new FakeBooking();
      const auth = new FakeAuth(data);
      data.bookFailures.push(new Problem(403, 'insufficient_scope'));
      const picker = await calendarAt(data, { auth });
      picker.popup = true;
      await choose(picker);
      await userEvent.click(part(picker, 'confirm'));
      const steps = await shownProblem(
        picker,
        '当前登录没有预约的授权。请重新登录并同意授权，您的选择会保留。',
      );
      expect(steps).toEqual(['重新登录']);
      await userEvent.click(stepButton(picker, '重新登录'));
      await until(() => expect(active(picker)).toBe(part(picker, 'confirm')));
      expect(auth.calls).toEqual(['signIn:popup']);
      expect(picker.shadowRoot?.getElementById('problem')).toBeNull();
      await userEvent.click(part(picker, 'confirm'));
      await until(() => expect(parts(picker, 'ticket')).toHaveLength(1));
      // The same choice, the same key: the platform books it once.
      expect(new Set(data.keys).size).toBe(1);
    });

    it.each([
      ['slot_unavailable', 409],
      ['not_found', 404],
    ])(
      'on %s refreshes the day’s slots and asks for another, focus on the next free one',
      async (code, status) => {
        const data = new FakeBooking();
        data.bookFailures.push(new Problem(status, code));
        const picker = await calendarAt(data);
        await choose(picker);
        const before = data.count('sites.slots');
        await userEvent.click(part(picker, 'confirm'));
        await until(() => expect(parts(picker, 'grid')).toHaveLength(1));
        const words = '这个时段已不能预约，可预约时段已刷新，请另选一个。';
        await until(() => expect(live(picker)).toBe(words));
        expect(textOf(picker.shadowRoot?.querySelector('[role="alert"]') as HTMLElement)).toBe(
          words,
        );
        expect(data.count('sites.slots')).toBe(before + 1);
        await until(() => expect(active(picker)?.dataset.slot).toBe(first));
        expect(picker.value).toBe('');
      },
    );

    it('on a failure a retry may mend (503, 429, in progress) says to retry, focused and said', async () => {
      for (const [status, code] of [
        [503, 'service_unavailable'],
        [429, 'rate_limited'],
        [409, 'idempotency_in_progress'],
      ] as const) {
        const data = new FakeBooking();
        data.bookFailures.push(new Problem(status, code));
        const picker = await calendarAt(data);
        await choose(picker);
        await userEvent.click(part(picker, 'confirm'));
        // The confirm button is the retry, with the same key.
        expect(
          await shownProblem(picker, '预约没有成功，请重试；您的选择已保留，重试不会重复预约。'),
        ).toEqual([]);
        await cleanup();
        sessionStorage.clear();
      }
    });

    it('on 401 asks to sign in, focus and words on the request', async () => {
      const data = new FakeBooking();
      const auth = new FakeAuth(data);
      data.bookFailures.push(new Problem(401, 'unauthenticated'));
      const picker = await calendarAt(data, { auth });
      await choose(picker);
      await userEvent.click(part(picker, 'confirm'));
      await shownProblem(picker, '预约需要先登录。登录后会回到这一步，您的选择会保留。');
      expect(parts(picker, 'sign-in')).toHaveLength(1);
    });

    it('says each problem in Traditional Chinese and English too', async () => {
      const expected = [
        ['zh-TW', '目前登入沒有預約的授權。請重新登入並同意授權，您的選擇會保留。', '重新登入'],
        [
          'en',
          'Your sign-in does not allow booking. Please sign in again and allow it; your choice is kept.',
          'Sign in again',
        ],
      ] as const;
      for (const [locale, words, next] of expected) {
        await useLocale(locale);
        const data = new FakeBooking();
        data.bookFailures.push(new Problem(403, 'insufficient_scope'));
        const picker = await calendarAt(data, { auth: new FakeAuth(data) });
        await choose(picker);
        await userEvent.click(part(picker, 'confirm'));
        expect(await shownProblem(picker, words)).toEqual([next]);
        await cleanup();
        sessionStorage.clear();
      }
    });
  });

  describe('rescheduling', () => {
    it('on appointment_not_cancellable says the appointment has begun, and offers to keep its time', async () => {
      const data = new FakeBooking();
      const picker = await booked(data);
      await userEvent.click(part(picker, 'reschedule'));
      await until(() => expect(parts(picker, 'grid')).toHaveLength(1));
      await settle(picker);
      data.bookFailures.push(new Problem(409, 'appointment_not_cancellable'));
      await choose(picker, 'slot-anji-inspection-1-202611240930');
      await userEvent.click(part(picker, 'confirm'));
      expect(await shownProblem(picker, '这个预约已开始或已办结，不能再改约或取消。')).toEqual([
        '保留原时间',
      ]);
      await userEvent.click(stepButton(picker, '保留原时间'));
      await until(() => expect(parts(picker, 'ticket')).toHaveLength(1));
      expect(picker.appointment?.slot.id).toBe(first);
    });
  });

  describe('cancelling', () => {
    async function cancelFails(data: FakeBooking, error: unknown): Promise<ZheliAppointmentPicker> {
      const picker = await booked(data);
      data.appointments.cancel = async () => {
        throw error;
      };
      await userEvent.click(part(picker, 'cancel'));
      await userEvent.click(part(picker, 'cancel-yes'));
      return picker;
    }

    it('on appointment_not_cancellable says why and closes the question', async () => {
      const picker = await cancelFails(
        new FakeBooking(),
        new Problem(409, 'appointment_not_cancellable'),
      );
      expect(await shownProblem(picker, '这个预约已开始或已办结，不能再改约或取消。')).toEqual([]);
      expect(parts(picker, 'cancel-yes')).toHaveLength(0);
      expect(parts(picker, 'ticket')).toHaveLength(1);
    });

    it('on not_found says the appointment is gone and offers to book again', async () => {
      const picker = await cancelFails(new FakeBooking(), new Problem(404, 'not_found'));
      expect(await shownProblem(picker, '找不到这个预约，它可能已被取消。')).toEqual(['重新预约']);
      await userEvent.click(stepButton(picker, '重新预约'));
      await until(() => expect(parts(picker, 'grid')).toHaveLength(1));
    });

    it('on 401 says the sign-in expired and offers to sign in again', async () => {
      const data = new FakeBooking();
      const auth = new FakeAuth(data);
      const picker = await booked(data, { auth });
      picker.popup = true;
      data.appointments.cancel = async () => {
        throw new Problem(401, 'unauthenticated');
      };
      await userEvent.click(part(picker, 'cancel'));
      await userEvent.click(part(picker, 'cancel-yes'));
      expect(await shownProblem(picker, '登录已过期，请重新登录后再试。')).toEqual(['重新登录']);
      await userEvent.click(stepButton(picker, '重新登录'));
      await until(() => expect(auth.calls).toEqual(['signIn:popup']));
      await until(() => expect(picker.shadowRoot?.getElementById('problem')).toBeNull());
    });

    it('on a failure a retry may mend says to retry, keeping the question open', async () => {
      const picker = await cancelFails(new FakeBooking(), new Problem(503, 'service_unavailable'));
      expect(await shownProblem(picker, '取消没有成功，请重试。')).toEqual([]);
      expect(parts(picker, 'cancel-yes')).toHaveLength(1);
    });
  });

  describe('after sign-in', () => {
    it('shows the person’s appointment for the service, with a way to it', async () => {
      const data = new FakeBooking();
      const held = await data.appointments.book({
        serviceId,
        siteId: site1,
        slotId: 'slot-anji-inspection-1-202611270830',
      });
      data.signedIn = false;
      const auth = new FakeAuth(data);
      const picker = await calendarAt(data, { auth });
      picker.popup = true;
      await choose(picker);
      await until(() => expect(parts(picker, 'sign-in')).toHaveLength(1));
      expect(textOf(picker)).not.toContain('您已有该事项的预约');
      await userEvent.click(part(picker, 'sign-in'));
      await until(() =>
        expect(textOf(picker)).toContain(
          '您已有该事项的预约：2026年11月27日星期五 08:30–09:00，安吉县机动车检测站（递铺）。',
        ),
      );
      expect(await axeViolations(picker)).toEqual([]);
      await userEvent.click(stepButton(picker, '查看已有预约'));
      await until(() => expect(parts(picker, 'ticket')).toHaveLength(1));
      expect(picker.appointment?.id).toBe(held.id);
    });

    it('resumes the choice in the picker that kept it, not in another for the same service', async () => {
      const data = new FakeBooking();
      data.signedIn = false;
      const auth = new FakeAuth(data);
      // A redirect: the page would leave; here nothing happens until a new page loads.
      auth.onSignIn = async () => undefined;
      const twoPickers = () => html`<div>
        <zheli-appointment-picker service-id=${serviceId} site-id=${site1}></zheli-appointment-picker>
        <zheli-appointment-picker service-id=${serviceId} site-id=${site1}></zheli-appointment-picker>
      </div>`;
      const page = await fixture<HTMLElement>(twoPickers(), { client: data, auth });
      const [, second] = [...page.querySelectorAll('zheli-appointment-picker')];
      const used = second as ZheliAppointmentPicker;
      await until(() => expect(parts(used, 'grid')).toHaveLength(1));
      await settle(used);
      await choose(used);
      await until(() => expect(parts(used, 'sign-in')).toHaveLength(1));
      await userEvent.click(part(used, 'sign-in'));
      expect(sessionStorage.getItem(kept)).not.toBeNull();
      await cleanup();
      // Back from the platform, signed in: a fresh page with both pickers again.
      data.signedIn = true;
      const back = await fixture<HTMLElement>(twoPickers(), {
        client: data,
        auth: new FakeAuth(data),
      });
      const [one, two] = [
        ...back.querySelectorAll('zheli-appointment-picker'),
      ] as ZheliAppointmentPicker[];
      await until(() => expect(parts(two as ZheliAppointmentPicker, 'confirm')).toHaveLength(1));
      await settle(one as ZheliAppointmentPicker);
      expect(parts(one as ZheliAppointmentPicker, 'confirm')).toHaveLength(0);
      expect(parts(one as ZheliAppointmentPicker, 'grid')).toHaveLength(1);
      expect(one?.value).toBe('');
      expect(two?.value).toBe(first);
    });
  });

  describe('in a form', () => {
    it('keeps the booked slot as its value after 改约 and then 保留原时间', async () => {
      const data = new FakeBooking();
      const form = await fixture<HTMLFormElement>(
        html`<form><zheli-appointment-picker name="slot" service-id=${serviceId} site-id=${site1}></zheli-appointment-picker></form>`,
        { client: data },
      );
      const picker = form.querySelector('zheli-appointment-picker') as ZheliAppointmentPicker;
      await until(() => expect(parts(picker, 'grid')).toHaveLength(1));
      await settle(picker);
      await choose(picker);
      await userEvent.click(part(picker, 'confirm'));
      await until(() => expect(parts(picker, 'ticket')).toHaveLength(1));
      expect(new FormData(form).get('slot')).toBe(first);
      await userEvent.click(part(picker, 'reschedule'));
      await until(() => expect(parts(picker, 'keep-time')).toHaveLength(1));
      await settle(picker);
      // Still booked at its time while a new one is being chosen.
      expect(new FormData(form).get('slot')).toBe(first);
      await userEvent.click(part(picker, 'keep-time'));
      await until(() => expect(parts(picker, 'ticket')).toHaveLength(1));
      await settle(picker);
      expect(picker.value).toBe(first);
      expect(new FormData(form).get('slot')).toBe(first);
    });
  });
});
