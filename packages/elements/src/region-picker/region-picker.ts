// `<zheli-region-picker>`: about 400 lines because the combobox, its listbox's keyboard (APG,
// with type-ahead) and the levels it walks share the element's state; the popup is internal/popup.ts.
import type { Schemas } from '@zheli/contract';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { ZheliRegionChangeEvent } from '../events/region-change.js';
import { ZheliElement } from '../internal/base-element.js';
import { commonMessages, regionMessages } from '../internal/messages.js';
import { PopupController } from '../internal/popup.js';
import { styles } from './region-picker.styles.js';

type Region = Schemas['Region'];
type Detail = Schemas['RegionDetail'];

/** One row of the listbox: the viewed region itself ("整个湖州市") or one of its children. */
interface Option {
  id: string;
  region: Region;
  whole: boolean;
}

const typeaheadPause = 600;

/**
 * @tagname zheli-region-picker
 * @summary Picks a region: province → city → county, in a popup listbox that works from the
 * keyboard (WAI-ARIA APG select-only combobox) with typeahead.
 * @since 0.1.0
 *
 * @event {ZheliRegionChangeEvent} zheli-region-change - The person picked a region. `detail: { region, path }`.
 * @event {ZheliErrorEvent} zheli-error - Regions could not be loaded. `detail: { error }`.
 *
 * @csspart base - The wrapper.
 * @csspart label - The visible label.
 * @csspart combobox - The button-like control that opens the list.
 * @csspart value - The chosen region's path, or the placeholder.
 * @csspart popup - The floating panel.
 * @csspart heading - The region whose children are listed, at the top of the panel.
 * @csspart up - The button that goes back to the parent level.
 * @csspart listbox - The list of regions.
 * @csspart option - One region in the list.
 * @csspart message - Loading, error and not-configured messages.
 * @csspart retry - The retry button of the error state.
 *
 * @cssproperty [--inline-size=20em] - The control's width.
 */
export class ZheliRegionPicker extends ZheliElement {
  static override styles = [styles];

  private popup = new PopupController(this, {
    anchor: () => this.combobox,
    floating: () => this.panel,
  });
  private details = new Map<string, Detail>();
  private typed = '';
  private typedAt = 0;
  private request = 0;

  @query('[part~="combobox"]') private combobox: HTMLElement | undefined;
  @query('[part~="popup"]') private panel: HTMLElement | undefined;

  @state() private expanded = false;
  @state() private view: Detail | undefined;
  @state() private active = 0;
  @state() private chosen: Detail | undefined;
  @state() private status: 'idle' | 'loading' | 'error' = 'idle';

  /** The chosen region's code (GB/T 2260), e.g. `330523`. */
  @property({ reflect: true }) value: string | undefined;

  /** The region whose children are offered first. */
  @property() root = '330000';

  /** The visible label; defaults to "所在地区" in the active language. */
  @property() label: string | undefined;

  override willUpdate(changed: PropertyValues): void {
    if (changed.has('value') || changed.has('config')) void this.loadValue();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.expanded = false;
  }

  private onComboboxClick = (): void => {
    if (this.expanded) this.close();
    else void this.open();
  };

  private onKeyDown = (event: KeyboardEvent): void => {
    const key = event.key;
    if (!this.expanded) {
      if (['ArrowDown', 'ArrowUp', 'Enter', ' ', 'Home', 'End'].includes(key)) {
        event.preventDefault();
        void this.open(key === 'End' ? 'last' : key === 'Home' ? 'first' : undefined);
      } else if (this.isPrintable(event)) {
        event.preventDefault();
        void this.open().then(() => this.typeahead(key));
      }
      return;
    }
    const count = this.options.length;
    switch (key) {
      case 'ArrowDown':
        this.moveTo(Math.min(this.active + 1, count - 1));
        break;
      case 'ArrowUp':
        this.moveTo(Math.max(this.active - 1, 0));
        break;
      case 'Home':
        this.moveTo(0);
        break;
      case 'End':
        this.moveTo(count - 1);
        break;
      case 'PageDown':
        this.moveTo(Math.min(this.active + 10, count - 1));
        break;
      case 'PageUp':
        this.moveTo(Math.max(this.active - 10, 0));
        break;
      case 'Enter':
      case ' ':
        this.choose(this.options[this.active]);
        break;
      case 'ArrowRight': {
        const option = this.options[this.active];
        if (option !== undefined && !option.whole && option.region.hasChildren) {
          void this.show(option.region.code, 'first');
        }
        break;
      }
      case 'ArrowLeft':
      case 'Backspace':
        void this.up();
        break;
      case 'Escape':
        this.close();
        break;
      case 'Tab':
        this.close();
        return;
      default:
        if (this.isPrintable(event)) this.typeahead(key);
        else return;
    }
    event.preventDefault();
  };

  private onOptionClick = (event: MouseEvent): void => {
    const index = Number((event.currentTarget as HTMLElement).dataset.index);
    this.active = index;
    this.choose(this.options[index]);
  };

  private onUpClick = (): void => {
    void this.up();
  };

  private keepFocus = (event: MouseEvent): void => {
    event.preventDefault();
  };

  private onFocusOut = (event: FocusEvent): void => {
    const next = event.relatedTarget as Node | null;
    if (next === null || !this.shadowRoot?.contains(next)) this.close();
  };

  private onRetry = (): void => {
    if (this.view !== undefined || this.expanded) void this.show(this.view?.code ?? this.root);
    else void this.loadValue();
  };

  private isPrintable(event: KeyboardEvent): boolean {
    return (
      event.key.length === 1 &&
      event.key !== ' ' &&
      !event.ctrlKey &&
      !event.metaKey &&
      !event.altKey
    );
  }

  private name(region: Region): string {
    if (this.locale === 'en') return region.nameEn;
    if (this.locale === 'zh-TW') return region.nameTw;
    return region.name;
  }

  private get options(): Option[] {
    const view = this.view;
    if (view === undefined) return [];
    return [
      { id: `option-${view.code}-whole`, region: view, whole: true },
      ...view.children.map((region) => ({ id: `option-${region.code}`, region, whole: false })),
    ];
  }

  private async detail(code: string): Promise<Detail> {
    const cached = this.details.get(code);
    if (cached !== undefined) return cached;
    const data = this.config?.client;
    if (data === undefined) throw new Error('No client configured');
    const fetched = await data.regions.get(code);
    this.details.set(code, fetched);
    return fetched;
  }

  private async loadValue(): Promise<void> {
    const code = this.value;
    if (code === undefined || code === '' || this.config?.client === undefined) {
      this.chosen = undefined;
      return;
    }
    if (this.chosen?.code === code) return;
    try {
      this.chosen = await this.detail(code);
    } catch (error) {
      this.status = 'error';
      this.reportError(error);
    }
  }

  private async open(position?: 'first' | 'last'): Promise<void> {
    if (this.config?.client === undefined) return;
    this.expanded = true;
    await this.updateComplete;
    this.popup.open();
    const chosen = this.chosen;
    const parent = chosen?.parentCode ?? this.root;
    const start = chosen !== undefined && chosen.code !== this.root ? parent : this.root;
    await this.show(start, position ?? (chosen !== undefined ? chosen.code : 'first'));
  }

  private close(): void {
    if (!this.expanded) return;
    this.expanded = false;
    this.popup.close();
  }

  /** Lists `code`'s children and makes `focus` (a code, `first` or `last`) the active option. */
  private async show(code: string, focus: string = 'first'): Promise<void> {
    const ticket = ++this.request;
    this.status = 'loading';
    try {
      const view = await this.detail(code);
      if (ticket !== this.request) return;
      this.view = view;
      this.status = 'idle';
      const options = this.options;
      const index =
        focus === 'last'
          ? options.length - 1
          : focus === 'first'
            ? Math.min(1, options.length - 1)
            : options.findIndex((option) => !option.whole && option.region.code === focus);
      this.moveTo(Math.max(index, 0));
    } catch (error) {
      if (ticket !== this.request) return;
      this.status = 'error';
      this.reportError(error);
    }
  }

  private async up(): Promise<void> {
    const view = this.view;
    if (view === undefined || view.code === this.root || view.parentCode === null) return;
    await this.show(view.parentCode, view.code);
  }

  private moveTo(index: number): void {
    this.active = index;
    void this.updateComplete.then(() => {
      const option = this.shadowRoot?.querySelector(`[data-index="${index}"]`);
      option?.scrollIntoView({ block: 'nearest' });
    });
  }

  private choose(option: Option | undefined): void {
    const view = this.view;
    if (option === undefined || view === undefined) return;
    if (!option.whole && option.region.hasChildren) {
      void this.show(option.region.code, 'first');
      return;
    }
    const path = option.whole ? view.path : [...view.path, this.asRegion(view)];
    const region = option.whole ? this.asRegion(view) : option.region;
    this.value = region.code;
    this.chosen = option.whole ? view : { ...region, path, children: [] };
    this.details.set(region.code, this.chosen);
    this.close();
    this.dispatchEvent(new ZheliRegionChangeEvent({ region, path }));
  }

  private asRegion(detail: Detail): Region {
    const { path: _path, children: _children, ...region } = detail;
    return region;
  }

  private typeahead(key: string): void {
    const now = Date.now();
    this.typed = now - this.typedAt > typeaheadPause ? key : this.typed + key;
    this.typedAt = now;
    const wanted = this.typed.toLocaleLowerCase();
    const options = this.options;
    const matches = (option: Option) =>
      !option.whole &&
      [this.name(option.region), option.region.nameEn].some((name) =>
        name.toLocaleLowerCase().startsWith(wanted),
      );
    const after = options.findIndex((option, index) => index > this.active && matches(option));
    const first = options.findIndex(matches);
    const current = options[this.active];
    const from =
      this.typed.length > 1 && current !== undefined && matches(current) ? this.active : after;
    const index = from >= 0 ? from : first;
    if (index >= 0) this.moveTo(index);
  }

  private renderValue(): string {
    const chosen = this.chosen;
    if (chosen === undefined) return regionMessages.regionPlaceholder();
    return [...chosen.path, chosen].map((region) => this.name(region)).join(' / ');
  }

  private renderList(): TemplateResult {
    const view = this.view;
    if (this.status === 'error') {
      return html`<div part="message" class="message error" role="alert">
        <p>${commonMessages.loadFailed()}</p>
        <button part="retry" class="button" type="button" tabindex="-1" @mousedown=${this.keepFocus} @click=${this.onRetry}>
          ${commonMessages.retry()}
        </button>
      </div>`;
    }
    if (view === undefined) {
      return html`<p part="message" class="message" role="status">${regionMessages.regionLoading()}</p>`;
    }
    const canGoUp = view.code !== this.root && view.parentCode !== null;
    const parent = view.path[view.path.length - 1];
    return html`
      <div part="heading" class="heading">
        ${
          canGoUp && parent !== undefined
            ? html`<button part="up" class="button up" type="button" tabindex="-1" @mousedown=${this.keepFocus} @click=${this.onUpClick}>
                ${regionMessages.regionUp(this.name(parent))}
              </button>`
            : nothing
        }
      </div>
      <ul part="listbox" class="listbox" role="listbox" id="listbox" aria-labelledby="label" aria-busy=${this.status === 'loading' ? 'true' : 'false'}>
        ${this.options.map(
          (option, index) => html`<li
            part="option"
            class=${classMap({ option: true, active: index === this.active, parent: !option.whole && option.region.hasChildren })}
            role="option"
            id=${option.id}
            data-index=${index}
            aria-selected=${option.region.code === this.value && (option.whole || !option.region.hasChildren) ? 'true' : 'false'}
            @mousedown=${this.keepFocus}
            @click=${this.onOptionClick}
          >
            ${option.whole ? regionMessages.regionWhole(this.name(option.region)) : this.name(option.region)}
          </li>`,
        )}
      </ul>
    `;
  }

  override render(): TemplateResult {
    const configured = this.config?.client !== undefined;
    const activeOption = this.expanded ? this.options[this.active] : undefined;
    return html`<div part="base" class=${classMap({ base: true, elder: this.elder })} lang=${this.locale}>
      <span part="label" class="label" id="label">${this.label ?? regionMessages.regionLabel()}</span>
      ${
        configured
          ? html`<div
              part="combobox"
              class="combobox"
              role="combobox"
              tabindex="0"
              aria-labelledby="label value"
              aria-haspopup="listbox"
              aria-controls=${ifDefined(this.expanded ? 'listbox' : undefined)}
              aria-expanded=${this.expanded ? 'true' : 'false'}
              aria-activedescendant=${ifDefined(activeOption?.id)}
              @click=${this.onComboboxClick}
              @keydown=${this.onKeyDown}
              @focusout=${this.onFocusOut}
            >
              <span part="value" class=${classMap({ value: true, placeholder: this.chosen === undefined })} id="value">${this.renderValue()}</span>
            </div>`
          : html`<p part="message" class="message" role="status">${commonMessages.notConfigured()}</p>`
      }
      <div part="popup" class="popup" popover="manual">
        ${this.expanded ? this.renderList() : nothing}
      </div>
    </div>`;
  }
}
