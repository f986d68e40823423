import type { Schemas } from '@zheli/contract';
import { html, LitElement } from 'lit';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { cleanup, fixture, part, parts, textOf, useLocale } from '../../test/fixture.js';
import { styles } from './appointment-picker.styles.js';
import { SlotList } from './slot-list.js';

const site = {
  id: 'site-anji-inspection-1',
  name: '安吉县机动车检测站（递铺）',
  nameEn: 'Anji inspection station (Dipu)',
  address: '递铺街道天目路 1 号',
  addressEn: '1 Tianmu Road, Dipu',
  phone: '0572-5123456',
} as Schemas['Site'];

function slot(time: string, remaining: number): Schemas['Slot'] {
  const end = time === '08:30' ? '09:00' : time === '09:00' ? '09:30' : '10:00';
  return {
    id: `slot-${time.replace(':', '')}`,
    start: `2026-11-24T${time}:00+08:00`,
    end: `2026-11-24T${end}:00+08:00`,
    capacity: 2,
    remaining,
  };
}

/** A tiny host: the list alone, its calls to the host written down. */
class SlotHost extends LitElement {
  static override styles = styles;
  static override properties = { date: { attribute: false }, chosen: { attribute: false } };
  declare date: string | undefined;
  declare chosen: string | undefined;
  slots = [slot('08:30', 2), slot('09:00', 0), slot('09:30', 1)];
  readonly log: string[] = [];
  readonly list = new SlotList(this, {
    choose: (chosen) => this.log.push(`choose ${chosen.id}`),
    escape: () => this.log.push('escape'),
  });

  constructor() {
    super();
    this.date = '2026-11-24';
  }

  override render() {
    return this.list.render(this.date, this.slots, this.chosen, site);
  }
}
customElements.define('test-slot-host', SlotHost);

afterEach(async () => {
  await cleanup();
});

function until<T>(check: () => T): Promise<T> {
  return vi.waitFor(check, { timeout: 5_000, interval: 20 });
}

function active(host: SlotHost): Element | null {
  return host.shadowRoot?.activeElement ?? null;
}

/** The Escape keydowns that reach the page, and whether something had handled them. */
async function escapesReaching(work: () => Promise<void>): Promise<boolean[]> {
  const seen: boolean[] = [];
  const listener = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') seen.push(event.defaultPrevented);
  };
  document.addEventListener('keydown', listener);
  try {
    await work();
  } finally {
    document.removeEventListener('keydown', listener);
  }
  return seen;
}

async function list(): Promise<SlotHost> {
  return fixture<SlotHost>(html`<test-slot-host></test-slot-host>`);
}

describe('SlotList', () => {
  describe('rendering', () => {
    it('lists the day’s slots with the places left, a full one disabled, the chosen one pressed', async () => {
      const host = await list();
      host.chosen = 'slot-0930';
      await host.updateComplete;
      expect(textOf(host)).toContain('11月24日星期二 可预约时段');
      const slots = parts(host, 'slot');
      expect(slots.map((button) => textOf(button))).toEqual([
        '08:30–09:00 剩余 2 个名额',
        '09:00–09:30 已约满',
        '09:30–10:00 剩余 1 个名额',
      ]);
      expect(slots.map((button) => button.getAttribute('aria-disabled'))).toEqual([
        'false',
        'true',
        'false',
      ]);
      expect(slots.map((button) => button.getAttribute('aria-pressed'))).toEqual([
        'false',
        'false',
        'true',
      ]);
      expect(
        parts(host, 'slot-details').map((button) => button.getAttribute('aria-label')),
      ).toEqual(['08:30–09:00 时段详情', '09:00–09:30 时段详情', '09:30–10:00 时段详情']);
    });

    it('shows no list without a day, and says so when the day has no slots', async () => {
      const host = await list();
      host.date = undefined;
      await host.updateComplete;
      expect(parts(host, 'slots')).toHaveLength(0);
      expect(host.shadowRoot?.querySelector('.slots-section')).toBeNull();
      host.date = '2026-11-24';
      host.slots = [];
      await host.updateComplete;
      expect(textOf(part(host, 'message'))).toBe('当天没有可预约的时段，请选择其他日期。');
    });
  });

  describe('choosing', () => {
    it('tells the host the slot chosen by mouse or keyboard, never a full one', async () => {
      const host = await list();
      // A full slot is shown as such (a pointer may still reach it): clicked as a script would.
      (parts(host, 'slot')[1] as HTMLElement).click();
      await userEvent.click(parts(host, 'slot')[0] as HTMLElement);
      (parts(host, 'slot')[2] as HTMLElement).focus();
      await userEvent.keyboard('{Enter}');
      expect(host.log).toEqual(['choose slot-0830', 'choose slot-0930']);
    });

    it('hands Escape in the list to the host (back to the day), stopped there', async () => {
      const host = await list();
      (parts(host, 'slot')[0] as HTMLElement).focus();
      const seen = await escapesReaching(() => userEvent.keyboard('{Escape}'));
      expect(host.log).toEqual(['escape']);
      expect(seen).toEqual([]);
    });
  });

  describe('details', () => {
    it('opens a slot’s details below their button, focus inside, and Escape closes them with focus back', async () => {
      const host = await list();
      const opener = parts(host, 'slot-details')[0] as HTMLElement;
      await userEvent.click(opener);
      const popover = part(host, 'popover');
      await until(() => expect(popover.matches(':popover-open')).toBe(true));
      await until(() => expect(active(host)?.closest('[part~="popover"]')).toBe(popover));
      expect(opener.getAttribute('aria-expanded')).toBe('true');
      expect(textOf(popover)).toContain('11月24日星期二 08:30–09:00');
      expect(textOf(popover)).toContain('剩余 2 个，共 2 个名额');
      expect(textOf(popover)).toContain('安吉县机动车检测站（递铺）');
      expect(textOf(popover)).toContain('递铺街道天目路 1 号 · 0572-5123456');
      expect(popover.getBoundingClientRect().top).toBeGreaterThanOrEqual(
        opener.getBoundingClientRect().bottom - 1,
      );
      const seen = await escapesReaching(() => userEvent.keyboard('{Escape}'));
      await until(() => expect(popover.matches(':popover-open')).toBe(false));
      await until(() => expect(active(host)).toBe(opener));
      expect(opener.getAttribute('aria-expanded')).toBe('false');
      // Closing the details is all that Escape did: the host was not asked to leave the list.
      expect(seen).toEqual([]);
      expect(host.log).toEqual([]);
    });

    it('moves the details to another slot against its own button, and the close button closes them', async () => {
      const host = await list();
      const [first, , third] = parts(host, 'slot-details') as HTMLElement[];
      await userEvent.click(first as HTMLElement);
      const popover = part(host, 'popover');
      await until(() => expect(popover.matches(':popover-open')).toBe(true));
      // The open panel may cover the other button: a click as assistive technology sends it.
      third?.click();
      await until(() => expect(textOf(popover)).toContain('09:30–10:00'));
      await until(() =>
        expect(popover.getBoundingClientRect().top).toBeGreaterThanOrEqual(
          (third as HTMLElement).getBoundingClientRect().bottom - 1,
        ),
      );
      expect(first?.getAttribute('aria-expanded')).toBe('false');
      expect(third?.getAttribute('aria-expanded')).toBe('true');
      await until(() => expect(active(host)?.closest('[part~="popover"]')).toBe(popover));
      await userEvent.click(popover.querySelector('button') as HTMLElement);
      await until(() => expect(popover.matches(':popover-open')).toBe(false));
      await until(() => expect(active(host)).toBe(third));
    });

    it('closes the details when the host asks, leaving focus where it is, and speaks English', async () => {
      await useLocale('en');
      const host = await list();
      await userEvent.click(parts(host, 'slot-details')[0] as HTMLElement);
      const popover = part(host, 'popover');
      await until(() => expect(popover.matches(':popover-open')).toBe(true));
      expect(textOf(popover)).toContain('Anji inspection station (Dipu)');
      expect(textOf(popover)).toContain('1 Tianmu Road, Dipu');
      const slotButton = parts(host, 'slot')[0] as HTMLElement;
      slotButton.focus();
      host.list.close();
      await host.updateComplete;
      await until(() => expect(popover.matches(':popover-open')).toBe(false));
      expect(active(host)).toBe(slotButton);
    });
  });
});
