import type { Schemas } from '@zheli/contract';
import {
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import { getLocale } from '../internal/localize.js';
import { appointmentMessages as t } from '../internal/messages.js';
import { PopupController } from '../internal/popup.js';
import { formatDay, formatFullDay, formatRange } from './time.js';

type Slot = Schemas['Slot'];
type Site = Schemas['Site'];

/** What the slot list tells its host. */
/**
 * The `aria-level` of a heading drawn as `<h{native}>` when the picker's headings start at
 * `level` (its `heading-level`, 2 by default): none when the tag already says it.
 */
export const headingLevel = (level: number, native: number): number | typeof nothing =>
  level === 2 ? nothing : level + native - 2;

interface SlotListOptions {
  /** The level of the picker's step headings (the slots' heading is one below). */
  headingLevel?(): number;
  /** The person chose a slot with places left. */
  choose(slot: Slot): void;
  /** Escape in the list (no details open): back to the day. */
  escape(): void;
}

/** The contract's text in two languages (`name` and `nameEn`, `address` and `addressEn`) in the locale. */
export function localized<K extends 'name' | 'address'>(
  item: Record<K | `${K}En`, string>,
  key: K,
): string {
  return item[getLocale() === 'en' ? (`${key}En` as const) : key];
}

const detailsOf = (id: string): string => `[part~="slot-details"][data-slot="${id}"]`;

/**
 * A day's time slots, each a button with the places left (a full one disabled) and a details
 * button that opens a floating panel (`PopupController`, in the top layer): the slot's day and
 * time, places, site, address and phone. Escape closes the details, focus back on their button;
 * Escape in the list goes back to the day.
 */
export class SlotList implements ReactiveController {
  /** The slot whose details are open. */
  private details: Slot | undefined;
  private shown: Slot | undefined;
  private focusAfter: string | undefined;
  /** What the last render showed. */
  private slots: readonly Slot[] = [];
  private site: Site | undefined;
  private readonly host: ReactiveControllerHost & Element;
  private readonly options: SlotListOptions;
  private readonly popup: PopupController;

  constructor(host: ReactiveControllerHost & Element, options: SlotListOptions) {
    this.host = host;
    this.options = options;
    this.popup = new PopupController(host, {
      anchor: () =>
        this.details === undefined ? undefined : this.query(detailsOf(this.details.id)),
      floating: () => this.query('[part~="popover"]'),
      placement: 'bottom-end',
    });
    host.addController(this);
  }

  hostDisconnected(): void {
    this.details = undefined;
    this.shown = undefined;
  }

  hostUpdated(): void {
    let shown: Promise<void> | undefined;
    // A list on show: the details may open soon, their positioning code loads now.
    if (this.slots.length > 0) this.popup.prepare();
    if (this.details !== this.shown) {
      // Another slot's details: closed first, then placed against their own button.
      this.popup.close();
      this.shown = this.details;
      if (this.details !== undefined) shown = this.popup.open();
    }
    const target = this.focusAfter;
    this.focusAfter = undefined;
    if (target === undefined) return;
    // Into the panel only once it is placed and visible.
    const focus = () => this.query(target)?.focus();
    if (shown === undefined) focus();
    else void shown.then(focus);
  }

  /** Closes the details, if open, leaving focus where it is. */
  close(): void {
    if (this.details === undefined) return;
    this.details = undefined;
    this.host.requestUpdate();
  }

  private query(selector: string): HTMLElement | null | undefined {
    return this.host.shadowRoot?.querySelector<HTMLElement>(selector);
  }

  private slotOf(event: Event): Slot | undefined {
    const id = (event.currentTarget as HTMLElement).dataset.slot;
    return this.slots.find((slot) => slot.id === id);
  }

  private onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || this.details !== undefined) return;
    event.preventDefault();
    event.stopPropagation();
    this.options.escape();
  };

  private onSlotClick = (event: Event): void => {
    const slot = this.slotOf(event);
    if (slot !== undefined && slot.remaining > 0) this.options.choose(slot);
  };

  private onDetailsClick = (event: Event): void => {
    const slot = this.slotOf(event);
    this.details = slot === undefined || this.details?.id === slot.id ? undefined : slot;
    if (this.details !== undefined) this.focusAfter = '[part~="popover"] button';
    this.host.requestUpdate();
  };

  private onPopoverKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    this.onClose();
  };

  private onClose = (): void => {
    const open = this.details;
    this.close();
    if (open !== undefined) this.focusAfter = detailsOf(open.id);
  };

  private renderPopover(): TemplateResult {
    const slot = this.details;
    const site = this.site;
    const locale = getLocale();
    return html`<div
      part="popover"
      class="popover"
      id="slot-popover"
      popover="manual"
      role="dialog"
      aria-labelledby="popover-heading"
      @keydown=${this.onPopoverKeyDown}
    >
      ${
        slot === undefined || site === undefined
          ? nothing
          : html`<p id="popover-heading" class="subheading">
                ${formatFullDay(slot.start.slice(0, 10), locale)}
                ${formatRange(slot.start, slot.end, locale)}
              </p>
              <p>${t.apptDetailsCapacity(String(slot.remaining), String(slot.capacity))}</p>
              <p>${localized(site, 'name')}</p>
              <p class="muted">${localized(site, 'address')} · ${site.phone}</p>
              <p class="muted">${t.apptTimeZone()}</p>
              <button part="button" class="button" type="button" @click=${this.onClose}>
                ${t.apptClose()}
              </button>`
      }
    </div>`;
  }

  /**
   * The list of `date`'s `slots` at `site` (no list without a date), `chosen` the chosen slot's
   * id, and the details panel.
   */
  render(
    date: string | undefined,
    slots: readonly Slot[],
    chosen: string | undefined,
    site: Site | undefined,
  ): TemplateResult {
    const locale = getLocale();
    this.slots = date === undefined ? [] : slots;
    this.site = site;
    return html`${
      date === undefined
        ? nothing
        : html`<section class="slots-section" aria-labelledby="slots-heading" @keydown=${this.onKeyDown}>
      <h3 id="slots-heading" class="subheading" aria-level=${headingLevel(this.options.headingLevel?.() ?? 2, 3)}>${t.apptSlotsHeading(formatDay(date, locale))}</h3>
      ${
        slots.length === 0
          ? html`<p part="message" class="message">${t.apptNoSlots()}</p>`
          : html`<ul part="slots" class="slots">
              ${slots.map((slot) => {
                const full = slot.remaining === 0;
                const range = formatRange(slot.start, slot.end, locale);
                return html`<li class="slot-row">
                  <button
                    part="slot"
                    class=${classMap({ slot: true, full, chosen: chosen === slot.id })}
                    type="button"
                    data-slot=${slot.id}
                    aria-disabled=${String(full)}
                    aria-pressed=${String(chosen === slot.id)}
                    @click=${this.onSlotClick}
                  >
                    <span class="time">${range}</span>
                    <span class="remaining">${full ? t.apptSlotFull() : t.apptSlotRemaining(String(slot.remaining))}</span>
                  </button>
                  <button
                    part="slot-details"
                    class="button details"
                    type="button"
                    data-slot=${slot.id}
                    aria-label=${t.apptSlotDetails(range)}
                    aria-expanded=${String(this.details?.id === slot.id)}
                    aria-controls="slot-popover"
                    @click=${this.onDetailsClick}
                  >
                    ${t.apptDetails()}
                  </button>
                </li>`;
              })}
            </ul>`
      }
    </section>`
    } ${this.renderPopover()}`;
  }
}
