// Over 400 lines, on purpose: what is left is the element itself, the booking flow's state
// (site → calendar → slot → confirm → ticket, and the problems on the way) and the steps that
// change it together (start and resume, loading months, booking, cancelling, rescheduling), with
// the templates of the steps that read it. Split further, each piece would take a dozen of that
// state's fields as options, and the entry would pay for the plumbing (it has 155 B left of its
// 21 KB budget). Apart, each with its own tests: calendar-grid.ts (the month grid and its APG
// keyboard, a controller), slot-list.ts (the day's slots and their details popover, a
// controller), kept-choice.ts, booking.ts, day-reasons.ts, summary.ts, time.ts, ics.ts; behind
// views.ts (loaded on the way to the confirm step) ticket.ts and problems.ts; and in
// ../internal/ the form-control controller and the loader.
import { problemCode } from '@zheli/client/helpers';
import type { Schemas } from '@zheli/contract';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import {
  ZheliBookedEvent,
  ZheliCancelledEvent,
  ZheliSlotSelectEvent,
} from '../events/appointment.js';
import { ZheliElement } from '../internal/base-element.js';
import { loadService, type ZheliData } from '../internal/data.js';
import { FormControlController } from '../internal/form-control.js';
import { Loader } from '../internal/loader.js';
import { commonMessages, appointmentMessages as t } from '../internal/messages.js';
import { UserController } from '../internal/user.js';
import { styles } from './appointment-picker.styles.js';
import { Booking, bookingFailure } from './booking.js';
import { CalendarGrid } from './calendar-grid.js';
import { reasonText } from './day-reasons.js';
import { forget, type Kept, keep, parseKept, recall } from './kept-choice.js';
import type { Problem, ProblemView } from './problems.js';
import { loadQrCode } from './qr-loader.js';
import { headingLevel, localized, SlotList } from './slot-list.js';
import { renderSummary } from './summary.js';
import {
  formatDay,
  formatFullDay,
  formatMonth,
  formatRange,
  monthEnd,
  monthStart,
  shanghaiDate,
} from './time.js';

type Site = Schemas['Site'];
type Slot = Schemas['Slot'];
type SlotDay = Schemas['SlotDay'];
type Appointment = Schemas['Appointment'];
type Views = typeof import('./views.js');

/** Where the person is in the flow. */
type Step = 'site' | 'calendar' | 'confirm' | 'booked' | 'cancelled';
/** What the element is doing or showing besides the step. */
type Phase = 'idle' | 'loading' | 'error' | 'not-configured' | 'no-service';
/** The outcome shown on the confirm step. */
type Outcome = 'none' | 'signed-out';
/** The client's site operations, with the one the picker needs now (else it cannot work). */
function sitesOf(data: ZheliData, needed: 'list' | 'get' | 'slots') {
  const sites = data.sites;
  if (sites?.[needed] === undefined) throw new Error(`This client lacks sites.${needed}`);
  return sites as Required<typeof sites>;
}

/** The ticket's and the problems' views, loaded on the way to the confirm step. */
const loadViews = (): Promise<Views> => import('./views.js');

/**
 * Keyboard (the WAI-ARIA APG date picker; one day of the grid is in the tab order):
 *
 * | key | where | what it does |
 * |---|---|---|
 * | ArrowRight / ArrowLeft | calendar | next / previous day |
 * | ArrowDown / ArrowUp | calendar | same day next / previous week |
 * | Home / End | calendar | first (Monday) / last (Sunday) day of the week |
 * | PageDown / PageUp | calendar | same day next / previous month |
 * | Shift + PageDown / PageUp | calendar | same day next / previous year |
 * | Enter / Space | calendar | choose the day, focus on its first free slot |
 * | Escape | calendar, rescheduling | stop rescheduling: the ticket again, focus on its reschedule button |
 * | Escape | calendar, site chosen from the list | back to the sites, focus on the chosen one |
 * | Escape | calendar, fixed `site-id` | nothing: left to the page (a dialog around the picker may close) |
 * | Escape | slots | back to the chosen day |
 * | Escape | slot details | close them, focus back on their button |
 *
 * An Escape the picker acts on is stopped there; one it does not act on reaches the page untouched.
 *
 * @tagname zheli-appointment-picker
 * @summary Books a service at a site: site → month calendar → time slot → confirm → ticket,
 * keyboard-complete (WAI-ARIA APG date-picker grid), in Asia/Shanghai time whatever the
 * browser's zone, idempotent, and form-associated.
 * @since 0.2.0
 *
 * @event {ZheliSlotSelectEvent} zheli-slot-select - The person chose a time slot. `detail: { slot, site, date }`.
 * @event {ZheliBookedEvent} zheli-booked - An appointment was booked or moved. `detail: { appointment }`.
 * @event {ZheliCancelledEvent} zheli-cancelled - The person cancelled the appointment. `detail: { appointment }`.
 * @event {ZheliErrorEvent} zheli-error - Loading, booking or cancelling failed. `detail: { error }`.
 *
 * @csspart base - The wrapper.
 * @csspart heading - The heading of each step.
 * @csspart sites - The list of sites to choose from.
 * @csspart site - One site button.
 * @csspart site-name - The chosen site's name above the calendar.
 * @csspart calendar - The month calendar: header and grid.
 * @csspart month - The month's name.
 * @csspart nav - The previous and next month buttons.
 * @csspart grid - The `role="grid"` table of days.
 * @csspart day - One day cell.
 * @csspart reason - Why a day cannot be booked, in the day cell.
 * @csspart slots - The list of the chosen day's time slots.
 * @csspart slot - One time slot button.
 * @csspart slot-details - The button that opens a slot's details.
 * @csspart popover - The floating slot details panel.
 * @csspart summary - The facts of the booking (confirm step and ticket).
 * @csspart button - Every action button, besides its own part below.
 * @csspart confirm - The button that books (or moves) the chosen slot.
 * @csspart back - The button back from the confirm step to the slots.
 * @csspart sign-in - The sign-in button shown to a signed-out person on the confirm step.
 * @csspart calendar-file - The add-to-calendar (.ics) button on the ticket.
 * @csspart reschedule - The button that picks a new time for the appointment.
 * @csspart keep-time - The button that stops rescheduling and keeps the appointment's time.
 * @csspart cancel - The button that asks to cancel the appointment.
 * @csspart cancel-yes - The button that confirms the cancellation.
 * @csspart cancel-no - The button that keeps the appointment.
 * @csspart retry - The retry button of the error state.
 * @csspart ticket - The booked state with its QR code.
 * @csspart message - Loading, error, signed-out, slot-taken and not-configured messages.
 * @csspart live - The visually hidden live region that announces changes.
 *
 * @cssproperty [--inline-size=26em] - The picker's width.
 */
export class ZheliAppointmentPicker extends ZheliElement {
  static override styles = [styles];
  /**
   * Makes the picker a form-associated custom element: inside a `<form>` it submits `value` (the
   * chosen slot's id) under its `name`, fails `required` without one, and is reset and restored
   * with the form.
   */
  static formAssociated = true;

  private formControl = new FormControlController(this, {
    value: () => this.value || null,
    // The state back/forward navigation or autofill gives back: the kept choice.
    state: () => this.keptChoice(),
    required: () => t.apptRequired(),
    anchor: () =>
      this.shadowRoot?.querySelector<HTMLElement>('[part~="day"][tabindex="0"]') ?? undefined,
    restore: (state) => {
      const kept = parseKept(state);
      if (kept === undefined) return;
      this.restoring = kept;
      void this.start();
    },
  });
  private calendar = new CalendarGrid(this, {
    headingLevel: () => this.headingLevel,
    min: () => this.minDate,
    max: () => this.to,
    days: () => this.days,
    loaded: () => this.loadedMonths,
    disabled: () => this.formControl.disabled,
    choose: (date) => this.chooseDay(date),
    monthChanged: (date) => {
      this.slotList.close();
      this.announce(formatMonth(date, this.locale));
      void this.showMonth(date);
    },
    // Leaves the calendar for what opened it, focus returned there. With a fixed site-id
    // nothing did: the key is left to the page (a dialog around the picker may close).
    escape: () => {
      if (this.rescheduling !== undefined) this.onKeepTime();
      else if (this.siteId === undefined) void this.onChangeSite();
      else return false;
      return true;
    },
  });
  private slotList = new SlotList(this, {
    headingLevel: () => this.headingLevel,
    choose: (slot) => this.chooseSlot(slot),
    // Focus return: back to the chosen day in the grid.
    escape: () => this.calendar.focus(),
  });
  /** Every load (sites, months) goes through it: a failure shows the error with a retry. */
  private loads = new Loader((error) => {
    this.phase = 'error';
    this.reportError(error);
  });
  private loadingMonths = new Set<string>();
  private loadedMonths = new Set<string>();
  private request = 0;
  /** The booking flow's writes and their idempotency keys. */
  private bookings = new Booking();
  private restored = false;
  /** A form's restored state, waiting for the site and month to load. */
  private restoring: Kept | undefined;
  private focusAfterRender: string | undefined;
  /** On the confirm step, follows a sign-in or sign-out, also one that completes later. */
  private session = new UserController(this, () => this.config?.auth, {
    onChange: (user) => {
      if (this.step === 'confirm' && (user === null || this.outcome === 'signed-out'))
        this.outcome = user === null ? 'signed-out' : 'none';
    },
    onError: (error) => this.reportError(error),
  });
  /** The ticket's and the problems' views, once loaded. */
  private views: Views | undefined;

  @state() private step: Step = 'site';
  @state() private phase: Phase = 'idle';
  @state() private outcome: Outcome = 'none';
  @state() private sites: Site[] = [];
  @state() private site: Site | undefined;
  @state() private serviceName: { name: string; nameEn: string } | undefined;
  @state() private days = new Map<string, SlotDay>();
  @state() private day: string | undefined;
  @state() private chosen: Slot | undefined;
  @state() private booking = false;
  /** The chosen slot was taken meanwhile, or is no longer offered: the day's slots again. */
  @state() private slotTaken: 'slot-taken' | 'slot-gone' | undefined;
  @state() private confirmingCancel = false;
  @state() private problem: Problem | undefined;
  /** The person's booked appointment for the service, found after sign-in or a refusal. */
  @state() private existing: Appointment | undefined;
  @state() private rescheduling: Appointment | undefined;
  @state() private announcement = '';
  @state() private current: Appointment | undefined;

  /** The service to book, e.g. `svc-330523-vehicle-inspection-booking` (required). */
  @property({ attribute: 'service-id' }) serviceId: string | undefined;

  /** The site to book at; without it the picker first offers the sites that handle the service. */
  @property({ attribute: 'site-id' }) siteId: string | undefined;

  /** Only offer sites in this region (GB/T 2260 code) when choosing a site. */
  @property() region: string | undefined;

  /** The first bookable day, `YYYY-MM-DD` in Asia/Shanghai; never before today. */
  @property() from: string | undefined;

  /** The last bookable day, `YYYY-MM-DD` in Asia/Shanghai. */
  @property() to: string | undefined;

  /** The form field name: the chosen slot's id is submitted under it. */
  @property({ reflect: true }) name: string | undefined;

  /** A slot must be chosen for the form to be valid. */
  @property({ type: Boolean, reflect: true }) required = false;

  /** Sign in in a popup window instead of redirecting the page. */
  @property({ type: Boolean, reflect: true }) popup = false;

  /** Every control inert and the choice left out of the form's data, as for a disabled field. */
  @property({ type: Boolean, reflect: true }) disabled = false;

  /**
   * The level of the picker's headings (each step's and the site's name; the month and the
   * slots are one below), 1 to 5: set it one below the heading of the page's section the
   * picker sits in.
   */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  override willUpdate(changed: PropertyValues): void {
    if (changed.has('serviceId') || changed.has('siteId') || changed.has('region')) {
      this.restored = false;
      void this.start();
    } else if (changed.has('config')) {
      void this.start();
    }
    if (this.formControl.disabled) this.slotList.close();
  }

  override updated(changed: PropertyValues): void {
    // The ticket's QR code element is loaded on the way to the ticket, not with the picker.
    if (changed.has('step') && (this.step === 'confirm' || this.step === 'booked')) {
      void loadQrCode().catch((error: unknown) => this.reportError(error));
      void this.loadViews().catch((error: unknown) => this.reportError(error));
    }
    const target = this.focusAfterRender;
    if (target !== undefined) {
      this.focusAfterRender = undefined;
      this.shadowRoot?.querySelector<HTMLElement>(target)?.focus();
    }
  }

  /** Form-associated: the form's reset button clears the choice. */
  formResetCallback(): void {
    this.clearChoice();
    forget(this.serviceId);
    if (this.step === 'confirm') this.step = 'calendar';
  }

  /** Form-associated: the `disabled` attribute or a disabled `<fieldset>` around the picker. */
  formDisabledCallback(_disabled: boolean): void {
    this.formControl.disabledChanged();
  }

  /**
   * Form-associated: back/forward navigation or autofill (either `mode`) gives back the state
   * the picker gave with its value (the kept choice: site, day, slot and key), and the picker
   * returns to that choice.
   */
  formStateRestoreCallback(state: unknown, _mode?: 'restore' | 'autocomplete'): void {
    // Either mode returns to the choice: the hook needs no mode.
    this.formControl.restoreState(state);
  }

  // Handlers

  /** Runs the load that failed again: a month's, or the whole start. */
  private onRetry = async (): Promise<void> => {
    this.phase = 'loading';
    const loaded = await (this.loads.retry() ?? this.start());
    if (loaded && this.phase === 'loading') this.phase = 'idle';
  };

  private onSiteClick = (event: Event): void => {
    const id = (event.currentTarget as HTMLElement).dataset.site;
    const site = this.sites.find((item) => item.id === id);
    if (site !== undefined) void this.chooseSite(site);
  };

  /** Back to the site list, focus on the site that was chosen (also Escape in the grid). */
  private onChangeSite = async (): Promise<void> => {
    const chosen = this.site?.id;
    this.clearChoice();
    this.step = 'site';
    // Came straight to the calendar (a kept choice): the list loads first.
    if (this.sites.length === 0) await this.loads.run(() => this.loadSites());
    this.focusAfterRender = `[part~="site"][data-site="${chosen}"]`;
    this.requestUpdate();
  };

  /** Stops rescheduling: the ticket again, focus on its reschedule button (also Escape). */
  private onKeepTime = (): void => {
    // After a redirect sign-in only the kept appointment is known.
    this.current ??= this.rescheduling;
    this.rescheduling = undefined;
    this.clearChoice();
    forget(this.serviceId);
    this.step = 'booked';
    this.focusAfterRender = '[part~="reschedule"]';
    this.announce(t.apptRescheduleKept());
  };

  private onBack = (): void => {
    const slot = this.chosen;
    this.step = 'calendar';
    this.outcome = 'none';
    this.problem = undefined;
    this.focusAfterRender =
      slot === undefined ? undefined : `[data-slot="${slot.id}"][part~="slot"]`;
  };

  private onConfirm = (): void => {
    void this.book();
  };

  private onSignIn = async (): Promise<void> => {
    const auth = this.config?.auth;
    if (auth === undefined) return;
    keep(this.serviceId, this.keptChoice(this.owner));
    // A popup signs in here; a redirect leaves the page and the choice comes back from storage.
    await this.signIn(async () => {
      if ((await auth.getUser()) !== null) {
        this.outcome = 'none';
        this.problem = undefined;
        this.focusAfterRender = this.step === 'confirm' ? '[part~="confirm"]' : '[part~="heading"]';
        await this.findExisting();
      }
    }, this.popup);
  };

  private onAddToCalendar = (): void => {
    const appointment = this.current;
    if (appointment === undefined) return;
    void this.views
      ?.downloadIcs(appointment, localized(appointment.service, 'name'), t, this.shadowRoot)
      .catch((error: unknown) => this.reportError(error));
  };

  private onReschedule = (): void => {
    const appointment = this.current;
    if (appointment === undefined) return;
    this.rescheduling = appointment;
    this.clearChoice();
    this.step = 'calendar';
    const date = this.calendar.clamp(appointment.slot.start.slice(0, 10));
    this.calendar.focused = date;
    // Loaded again: the places left have changed since (this booking took one).
    void this.showMonth(date, true);
    this.calendar.focus();
  };

  private onAskCancel = (): void => {
    this.confirmingCancel = true;
    this.bookings.askCancel();
    this.focusAfterRender = '[part~="cancel-no"]';
  };

  private onKeep = (): void => {
    this.confirmingCancel = false;
    this.focusAfterRender = '[part~="cancel"]';
  };

  private onCancel = (): void => {
    void this.cancel();
  };

  /** Shows the person's existing appointment: its ticket, to move or cancel it. */
  private onViewExisting = (): void => {
    this.current = this.existing;
    this.existing = undefined;
    this.rescheduling = undefined;
    this.clearChoice();
    forget(this.serviceId);
    this.bookings.resetCancel();
    this.confirmingCancel = false;
    this.step = 'booked';
    this.focusAfterRender = '[part~="heading"]';
  };

  private onBookAgain = (): void => {
    this.current = undefined;
    this.rescheduling = undefined;
    this.bookings.resetCancel();
    this.clearChoice();
    this.step = this.site === undefined ? 'site' : 'calendar';
    if (this.site !== undefined) void this.showMonth(this.calendar.focused, true);
  };

  // Flow

  private get data(): ZheliData | undefined {
    return this.config?.client;
  }

  /** The first day that can be chosen: today in Shanghai, or `from` when later. */
  private get minDate(): string {
    const today = shanghaiDate(new Date());
    return this.from !== undefined && this.from > today ? this.from : today;
  }

  /**
   * Loads the service's sites, or its site and month (and a kept choice), through the loader; a
   * retry starts again. A start replaced by a newer one fails silently.
   */
  private start(): Promise<boolean> {
    return this.loads.run(async () => {
      const ticket = ++this.request;
      try {
        await this.begin(ticket);
      } catch (error) {
        if (ticket === this.request) throw error;
      }
    });
  }

  private async begin(ticket: number): Promise<void> {
    this.slotList.close();
    if (this.serviceId === undefined || this.serviceId === '') {
      this.phase = 'no-service';
      return;
    }
    const data = this.data;
    if (data === undefined) {
      this.phase = 'not-configured';
      return;
    }
    this.phase = 'loading';
    const serviceId = this.serviceId;
    void loadService(data, serviceId).then(
      (service) => {
        if (service !== undefined) this.serviceName = service;
      },
      () => undefined,
    );
    const restoring = this.restoring;
    const kept = restoring ?? (this.restored ? undefined : recall(this.serviceId, this.owner));
    this.restored = true;
    const siteId = this.siteId ?? kept?.siteId;
    if (siteId === undefined) {
      await this.loadSites();
      if (ticket !== this.request) return;
      this.step = 'site';
      this.phase = 'idle';
      return;
    }
    const site =
      this.sites.find((item) => item.id === siteId) ?? (await sitesOf(data, 'get').get(siteId));
    if (ticket !== this.request) return;
    this.site = site;
    const date = this.calendar.clamp(kept?.date ?? this.minDate);
    this.calendar.focused = date;
    this.days = new Map();
    this.loadedMonths.clear();
    await this.loadMonth(date);
    if (ticket !== this.request) return;
    this.step = 'calendar';
    this.phase = 'idle';
    if (kept !== undefined && kept.siteId === site.id) await this.resume(kept);
    if (this.restoring === restoring) this.restoring = undefined;
  }

  /**
   * Back to a kept choice, after sign-in or from a form's restored state: the same day, slot and
   * key. A slot gone or full since shows that day's slots with the slot-taken message. Focus
   * moves to the step, but not for a restored form: the page keeps its own.
   */
  private async resume(kept: Kept): Promise<void> {
    this.rescheduling = kept.rescheduling;
    const slot = this.slotById(kept.slotId);
    if (slot === undefined || slot.remaining === 0) {
      // A day no longer offered (past, outside the range) is not chosen: the month shows.
      const offered = this.days.has(kept.date);
      this.day = offered ? kept.date : undefined;
      this.slotTaken = offered ? 'slot-taken' : undefined;
      forget(this.serviceId);
      return;
    }
    this.day = kept.date;
    this.chosen = slot;
    this.bookings.key = kept.key;
    // Focus goes to the step's heading with the render that shows it (set before the step, as
    // the render happens while the session is checked).
    if (this.restoring === undefined) this.focusAfterRender = '[part~="heading"]';
    this.step = 'confirm';
    // Back from signing in: the person's appointment for the service, if they hold one.
    if (await this.checkSignedIn()) await this.findExisting();
  }

  /**
   * Which picker of the service on the page keeps a choice across a sign-in, so that only that
   * one resumes it: its `id`, else its place among the service's pickers.
   */
  private get owner(): string {
    if (this.id) return this.id;
    const pickers = (this.getRootNode() as ParentNode).querySelectorAll<ZheliAppointmentPicker>(
      this.localName,
    );
    return String(
      [...pickers].filter((picker) => picker.serviceId === this.serviceId).indexOf(this),
    );
  }

  /** Finds the person's booked appointment for the service (see `existingAppointment`). */
  private async findExisting(day?: string): Promise<void> {
    try {
      const { existingAppointment } = await this.loadViews();
      this.existing = await existingAppointment(this.data, this.serviceId, this.rescheduling, day);
    } catch (error) {
      this.reportError(error);
    }
  }

  /** Loads the views of the steps after choosing a slot: the ticket and the problems. */
  private async loadViews(): Promise<Views> {
    this.views ??= await loadViews();
    this.requestUpdate();
    return this.views;
  }

  /**
   * Shows the problem `error` is for the person, with its next step, moves focus to it and says
   * it. Should its words fail to load (offline), the network's load-failed message shows.
   */
  private async showProblem(error: unknown, cancelling = false): Promise<void> {
    let problem: Problem = cancelling ? 'cancel-failed' : 'failed';
    let text = commonMessages.loadFailed();
    try {
      const problems = await this.loadViews();
      problem = problems.problemOf(problemCode(error), bookingFailure(error), cancelling);
      text = problems.problemText(problem);
      if (problem === 'exists') await this.findExisting(this.day);
    } catch (failure) {
      this.reportError(failure);
    }
    this.problem = problem;
    this.focusAfterRender = '#problem';
    this.announce(text);
  }

  private async loadSites(): Promise<void> {
    const data = this.data;
    if (data === undefined || this.serviceId === undefined) return;
    const page = await sitesOf(data, 'list').list({
      service: this.serviceId,
      ...(this.region === undefined ? {} : { region: this.region }),
      limit: 100,
    });
    this.sites = page.items;
  }

  private async chooseSite(site: Site): Promise<void> {
    this.site = site;
    this.clearChoice();
    this.days = new Map();
    this.loadedMonths.clear();
    const date = this.calendar.clamp(this.minDate);
    this.calendar.focused = date;
    this.step = 'calendar';
    this.calendar.focus();
    await this.showMonth(date);
  }

  /** Loads the month of `date` through the loader: a failure shows the error with a retry. */
  private showMonth(date: string, force = false): Promise<boolean> {
    return this.loads.run(() => this.loadMonth(date, force));
  }

  /** Loads the month of `date` (from today at the earliest); `force` loads it again. */
  private async loadMonth(date: string, force = false): Promise<void> {
    const data = this.data;
    const site = this.site;
    const month = monthStart(date);
    if (data === undefined || site === undefined || this.serviceId === undefined) return;
    if (!force && (this.loadedMonths.has(month) || this.loadingMonths.has(month))) return;
    // Dates as `YYYY-MM-DD` compare as strings: the later of the month's start and the first bookable day.
    const from = [month, this.minDate].sort()[1] ?? month;
    const end = monthEnd(month);
    const to = this.to !== undefined && this.to < end ? this.to : end;
    if (from > to) return;
    this.loadingMonths.add(month);
    try {
      const calendar = await sitesOf(data, 'slots').slots(site.id, {
        service: this.serviceId,
        from,
        to,
      });
      const days = new Map(this.days);
      for (const day of calendar.days) days.set(day.date, day);
      this.days = days;
      this.loadedMonths.add(month);
    } finally {
      this.loadingMonths.delete(month);
    }
  }

  private chooseDay(date: string): void {
    if (!this.calendar.available(date)) {
      const reason = this.calendar.reason(date);
      if (reason !== undefined)
        this.announce(`${formatDay(date, this.locale)}：${reasonText(reason)}`);
      return;
    }
    this.day = date;
    this.chosen = undefined;
    this.slotList.close();
    this.slotTaken = undefined;
    const open = this.days.get(date)?.slots.filter((slot) => slot.remaining > 0) ?? [];
    this.announce(t.apptAnnounceDay(formatDay(date, this.locale), String(open.length)));
    if (open[0] !== undefined) this.focusAfterRender = `[part~="slot"][data-slot="${open[0].id}"]`;
  }

  private slotById(id: string | undefined): Slot | undefined {
    if (id === undefined) return undefined;
    for (const day of this.days.values()) {
      const found = day.slots.find((slot) => slot.id === id);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  private chooseSlot(slot: Slot): void {
    const site = this.site;
    const date = this.day;
    if (site === undefined || date === undefined) return;
    if (this.chosen?.id !== slot.id) this.bookings.choose();
    this.chosen = slot;
    this.slotTaken = undefined;
    this.slotList.close();
    this.outcome = 'none';
    this.step = 'confirm';
    this.focusAfterRender = '[part~="heading"]';
    this.announce(
      t.apptAnnounceSelected(
        formatDay(date, this.locale),
        formatRange(slot.start, slot.end, this.locale),
      ),
    );
    this.dispatchEvent(new ZheliSlotSelectEvent({ slot, site, date }));
    void this.checkSignedIn();
  }

  /** Whether the person is signed in (`true` without sign-in configured); asks them when not. */
  private async checkSignedIn(): Promise<boolean> {
    if (this.config?.auth === undefined) return true;
    // The session controller reports a read error, and marks the confirm step signed out.
    const user = await this.session.refresh();
    return user !== null && user !== undefined;
  }

  private clearChoice(): void {
    this.day = undefined;
    this.chosen = undefined;
    this.slotList.close();
    this.bookings.key = undefined;
    this.slotTaken = undefined;
    this.outcome = 'none';
    this.problem = undefined;
  }

  /**
   * The choice as JSON: the form's state, and with its `owner` kept across a sign-in. `null`
   * without one.
   */
  private keptChoice(owner?: string): string | null {
    const { site, day, chosen: slot } = this;
    const key = this.bookings.key;
    if (site === undefined || day === undefined || slot === undefined || key === undefined)
      return null;
    const kept: Kept = {
      siteId: site.id,
      date: day,
      slotId: slot.id,
      key,
      rescheduling: this.rescheduling,
      owner,
    };
    return JSON.stringify(kept);
  }

  /** Books (or moves) with the choice's one idempotency key: a double click or retry books once. */
  private async book(): Promise<void> {
    const data = this.data;
    const { site, chosen: slot, serviceId } = this;
    if (this.booking || data === undefined || site === undefined || slot === undefined) return;
    if (serviceId === undefined) return;
    const appointments = data.appointments;
    if (appointments === undefined) {
      const error = new Error('This client lacks appointments');
      this.reportError(error);
      void this.showProblem(error);
      return;
    }
    this.bookings.ensureKey();
    // Kept before sending: a reload mid-request retries with the same key and gets the replay.
    keep(this.serviceId, this.keptChoice(this.owner));
    this.booking = true;
    this.outcome = 'none';
    this.problem = undefined;
    try {
      const appointment = await this.bookings.book(
        appointments,
        { serviceId, siteId: site.id, slotId: slot.id },
        this.rescheduling,
      );
      forget(this.serviceId);
      // The ticket's view, loaded on the way here: waited for, so focus lands on its heading.
      await this.loadViews().catch((error: unknown) => this.reportError(error));
      this.current = appointment;
      this.rescheduling = undefined;
      this.bookings.resetCancel();
      this.confirmingCancel = false;
      this.step = 'booked';
      this.focusAfterRender = '[part~="heading"]';
      this.announce(t.apptBookedHeading());
      this.dispatchEvent(new ZheliBookedEvent({ appointment }));
    } catch (error) {
      this.reportError(error);
      const failure = bookingFailure(error);
      if (failure === 'slot-taken' || failure === 'slot-gone') {
        // Someone else took the place, or the slot is gone: fresh slots, same day, a clear
        // message, a new choice.
        forget(this.serviceId);
        this.chosen = undefined;
        this.bookings.key = undefined;
        this.slotTaken = failure;
        this.step = 'calendar';
        this.announce(
          failure === 'slot-gone' && this.views !== undefined
            ? this.views.slotGoneText()
            : t.apptSlotTaken(),
        );
        await this.showMonth(this.day ?? this.calendar.focused, true);
        const open = this.days.get(this.day ?? '')?.slots.find((item) => item.remaining > 0);
        this.focusAfterRender =
          open === undefined
            ? '[part~="day"][tabindex="0"]'
            : `[part~="slot"][data-slot="${open.id}"]`;
      } else if (failure === 'signed-out') {
        this.outcome = failure;
        this.focusAfterRender = '#problem';
        this.announce(t.apptSignInPrompt());
      } else {
        await this.showProblem(error);
      }
    } finally {
      this.booking = false;
    }
  }

  private async cancel(): Promise<void> {
    const appointment = this.current;
    const appointments = this.data?.appointments;
    if (appointment === undefined || appointments === undefined || this.booking) return;
    this.booking = true;
    this.problem = undefined;
    try {
      const cancelled = await this.bookings.cancel(appointments, appointment);
      this.current = cancelled;
      this.confirmingCancel = false;
      this.step = 'cancelled';
      this.focusAfterRender = '[part~="message"]';
      this.announce(t.apptCancelled());
      this.dispatchEvent(new ZheliCancelledEvent({ appointment: cancelled }));
    } catch (error) {
      this.reportError(error);
      await this.showProblem(error, true);
      // Only a failure a retry may mend keeps the question open.
      this.confirmingCancel &&= this.problem === 'cancel-failed';
    } finally {
      this.booking = false;
    }
  }

  private announce(text: string): void {
    // Cleared first, so the same words said twice are announced twice.
    this.announcement = '';
    void this.updateComplete.then(() => {
      this.announcement = text;
    });
  }

  // Form association

  /**
   * The chosen slot's id, else the booked appointment's slot id (`''` when neither): what the
   * form submits under `name`.
   */
  get value(): string {
    const { current } = this;
    return this.chosen?.id ?? (current?.status === 'booked' ? current.slot.id : '');
  }

  /** The form this picker belongs to. */
  get form(): HTMLFormElement | null {
    return this.formControl.form;
  }

  /** The validity state (`valueMissing` when `required` and no slot is chosen). */
  get validity(): ValidityState {
    return this.formControl.validity;
  }

  /** The message a browser shows for an invalid picker. */
  get validationMessage(): string {
    return this.formControl.validationMessage;
  }

  /** The appointment booked (or cancelled) in this picker, once there is one. */
  get appointment(): Appointment | undefined {
    return this.current;
  }

  /** Whether the picker's value satisfies its constraints (fires `invalid` when not). */
  checkValidity(): boolean {
    return this.formControl.checkValidity();
  }

  /** Like `checkValidity()`, and shows the browser's message when invalid. */
  reportValidity(): boolean {
    return this.formControl.reportValidity();
  }

  // Rendering

  private get problemView(): ProblemView {
    const { existing, locale } = this;
    const slot = existing?.slot;
    return {
      t,
      existing,
      existingTime:
        slot === undefined
          ? ''
          : `${formatFullDay(slot.start.slice(0, 10), locale)} ${formatRange(slot.start, slot.end, locale)}`,
      canSignIn: this.config?.auth !== undefined,
      rescheduling: this.rescheduling !== undefined,
      onViewExisting: this.onViewExisting,
      onOtherDay: this.onBack,
      onSignIn: this.onSignIn,
      onBookAgain: this.onBookAgain,
      onKeepTime: this.onKeepTime,
    };
  }

  /**
   * The problem the last write met, with its next step: focused and said when it shows. The
   * message stays the same element while its words arrive, so focus stays on it.
   */
  private renderProblem(): TemplateResult | typeof nothing {
    const { problem, views } = this;
    if (problem === undefined) return nothing;
    return html`<div part="message" id="problem" class="message error" tabindex="-1">${
      views === undefined
        ? html`<p>${commonMessages.loadFailed()}</p>`
        : views.renderProblem(problem, this.problemView)
    }</div>`;
  }

  /** The person's booked appointment for the service, found after sign-in. */
  private renderExisting(): TemplateResult | typeof nothing {
    if (this.existing === undefined || this.problem === 'exists') return nothing;
    return this.views?.renderExisting(this.problemView) ?? nothing;
  }

  private renderSites(): TemplateResult {
    return html`<section aria-labelledby="sites-heading">
      <h2 part="heading" id="sites-heading" class="heading" tabindex="-1" aria-level=${headingLevel(this.headingLevel, 2)}>${t.apptSiteHeading()}</h2>
      ${
        this.sites.length === 0
          ? html`<p part="message" class="message" role="status">${t.apptSitesEmpty()}</p>`
          : html`<ul part="sites" class="sites">
              ${this.sites.map(
                (site) => html`<li>
                  <button part="site" class="site" type="button" data-site=${site.id} @click=${this.onSiteClick}>
                    <span class="site-name">${localized(site, 'name')}</span>
                    <span class="muted">${localized(site, 'address')}</span>
                  </button>
                </li>`,
              )}
            </ul>`
      }
    </section>`;
  }

  private renderCalendar(site: Site): TemplateResult {
    return html`${
      this.rescheduling === undefined
        ? nothing
        : html`<p part="message" class="message notice" role="status">${t.apptRescheduling()}</p>`
    }
      <div class="site-row">
        <h2 part="site-name" class="site-name" aria-level=${headingLevel(this.headingLevel, 2)}>${localized(site, 'name')}</h2>
        ${
          this.rescheduling !== undefined
            ? html`<button part="button keep-time" class="button" type="button" @click=${this.onKeepTime}>
                ${t.apptKeepTime()}
              </button>`
            : this.siteId === undefined
              ? html`<button part="button" class="button" type="button" @click=${this.onChangeSite}>
                  ${t.apptChangeSite()}
                </button>`
              : nothing
        }
      </div>
      ${
        this.slotTaken === undefined
          ? this.renderExisting()
          : html`<p part="message" class="message error" role="alert">${
              this.slotTaken === 'slot-gone' && this.views !== undefined
                ? this.views.slotGoneText()
                : t.apptSlotTaken()
            }</p>`
      }
      ${this.calendar.render(this.day)} ${this.slotList.render(this.day, this.days.get(this.day ?? '')?.slots ?? [], this.chosen?.id, site)}`;
  }

  private renderConfirm(site: Site, slot: Slot): TemplateResult {
    const service =
      this.serviceName === undefined ? (this.serviceId ?? '') : localized(this.serviceName, 'name');
    const signedOut = this.outcome === 'signed-out';
    return html`<section aria-labelledby="confirm-heading">
      <h2 part="heading" id="confirm-heading" class="heading" tabindex="-1" aria-level=${headingLevel(this.headingLevel, 2)}>${t.apptConfirmHeading()}</h2>
      ${renderSummary(this.locale, service, { name: localized(site, 'name'), address: localized(site, 'address') }, slot)}
      <p class="muted small">${t.apptTimeZone()}</p>
      ${
        signedOut
          ? html`<div part="message" id="problem" class="message" tabindex="-1">
              <p>${t.apptSignInPrompt()}</p>
              ${
                this.config?.auth === undefined
                  ? nothing
                  : html`<button part="button sign-in" class="button primary" type="button" @click=${this.onSignIn}>
                      ${t.apptSignIn()}
                    </button>`
              }
            </div>`
          : nothing
      }
      ${this.renderProblem()} ${this.renderExisting()}
      <div class="actions">
        ${
          signedOut
            ? nothing
            : html`<button
                part="button confirm"
                class="button primary"
                type="button"
                ?disabled=${this.booking}
                @click=${this.onConfirm}
              >
                ${
                  this.booking
                    ? t.apptBooking()
                    : this.rescheduling === undefined
                      ? t.apptConfirm()
                      : t.apptConfirmReschedule()
                }
              </button>`
        }
        <button part="button back" class="button" type="button" ?disabled=${this.booking} @click=${this.onBack}>
          ${t.apptBack()}
        </button>
      </div>
    </section>`;
  }

  private renderBody(): TemplateResult {
    switch (this.phase) {
      case 'no-service':
        return html`<p part="message" class="message" role="status">${t.apptNoService()}</p>`;
      case 'not-configured':
        return html`<p part="message" class="message" role="status">${commonMessages.notConfigured()}</p>`;
      case 'loading':
        return html`<p part="message" class="message" role="status">${t.apptLoading()}</p>`;
      case 'error':
        return html`<div part="message" class="message error" role="alert">
          <p>${commonMessages.loadFailed()}</p>
          <button part="button retry" class="button" type="button" @click=${this.onRetry}>
            ${commonMessages.retry()}
          </button>
        </div>`;
      default:
        break;
    }
    const { site, chosen: slot, current } = this;
    if (this.step === 'booked' && current !== undefined) {
      // The heading and the facts of the booking with its reference: the ticket's top, and all
      // that shows should the ticket's view fail to load.
      const head = html`<h2 part="heading" id="booked-heading" class="heading success" tabindex="-1" aria-level=${headingLevel(this.headingLevel, 2)}>${t.apptBookedHeading()}</h2>
        ${renderSummary(this.locale, localized(current.service, 'name'), current.site, current.slot, current.reference)}`;
      return (
        this.views?.renderTicket(current, {
          t,
          mode: this.mode,
          head,
          problem: this.renderProblem(),
          confirmingCancel: this.confirmingCancel,
          busy: this.booking,
          onCancel: this.onCancel,
          onKeep: this.onKeep,
          onAddToCalendar: this.onAddToCalendar,
          onReschedule: this.onReschedule,
          onAskCancel: this.onAskCancel,
        }) ?? head
      );
    }
    if (this.step === 'cancelled') {
      return html`<div part="message" class="message" tabindex="-1">
        <p>${t.apptCancelled()}</p>
        <button part="button" class="button primary" type="button" @click=${this.onBookAgain}>
          ${t.apptBookAgain()}
        </button>
      </div>`;
    }
    if (this.step === 'confirm' && site !== undefined && slot !== undefined) {
      return this.renderConfirm(site, slot);
    }
    if (this.step !== 'site' && site !== undefined) return this.renderCalendar(site);
    return this.renderSites();
  }

  override render(): TemplateResult {
    // A disabled picker disables every button inside at once, as a disabled <fieldset> does.
    return html`<div part="base" class=${classMap({ base: true, elder: this.elder })} lang=${this.locale}>
      <fieldset role="none" ?disabled=${this.formControl.disabled}>${this.renderBody()}</fieldset>
      <p part="live" class="visually-hidden" role="status" aria-live="polite">${this.announcement}</p>
    </div>`;
  }
}
