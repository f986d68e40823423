import type { RangeChangedEvent } from '@lit-labs/virtualizer/events.js';
import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import type { Schemas } from '@zheli/contract';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { classMap } from 'lit/directives/class-map.js';
import { live } from 'lit/directives/live.js';
import { ZheliCatalogChangeEvent } from '../events/catalog-change.js';
import { ZheliElement } from '../internal/base-element.js';
import type { ServiceQuery } from '../internal/data.js';
import { formatInteger } from '../internal/integer.js';
import { catalogMessages, categoryIds, commonMessages } from '../internal/messages.js';
import { KeptFlowLayout } from './kept-layout.js';
import { styles } from './service-catalog.styles.js';

type Summary = Schemas['ServiceSummary'];
type Sort = Schemas['ServiceSort'];
type Audience = Schemas['Audience'];
type Category = Schemas['CategoryId'];

const sorts: readonly Sort[] = ['popularity', 'relevance', 'rating', 'name'];
const audiences: readonly Audience[] = ['person', 'enterprise'];
/**
 * The count, without `Intl` (see `formatInteger`); a count the contract does not allow (not a
 * whole number, beyond 2^53) falls back to `Intl`.
 */
const formatCount = (locale: string, count: number): string =>
  formatInteger(count) ?? new Intl.NumberFormat(locale).format(count);
const urlKeys = {
  q: 'zheli_q',
  category: 'zheli_category',
  audience: 'zheli_audience',
  sort: 'zheli_sort',
} as const;

/**
 * @tagname zheli-service-catalog
 * @summary A region's government services: server-side search, category and audience filters,
 * sort, cursor pagination with infinite scroll, and a virtualized list that stays smooth at
 * 10,000 services.
 * @since 0.1.0
 *
 * @event {ZheliCatalogChangeEvent} zheli-catalog-change - The person changed the search text, a filter or the sort.
 *   `detail: { query }`.
 * @event {ZheliErrorEvent} zheli-error - A page could not be loaded. `detail: { error }`.
 * @event {ZheliApplyEvent} zheli-apply - From a card inside (see `<zheli-service-card>`).
 * @event {ZheliBookEvent} zheli-book - From a card inside (see `<zheli-service-card>`).
 *
 * @csspart base - The wrapper.
 * @csspart toolbar - The row of search field and filters.
 * @csspart search - The search field.
 * @csspart category - The category filter.
 * @csspart audience - The audience filter.
 * @csspart sort - The sort order.
 * @csspart count - The number of services found.
 * @csspart skip - The "skip the list" button, shown while it has focus: Tab alone cannot pass an endless list.
 * @csspart end - The end of the list (visually hidden) where the skip button sends focus.
 * @csspart list - The scrolling, virtualized list.
 * @csspart item - One row of the list (holds a compact `<zheli-service-card>`).
 * @csspart skeleton - A placeholder row while the first page loads.
 * @csspart message - The empty, error and not-configured messages.
 * @csspart retry - The retry button of the error state.
 * @csspart more - The "loading more" notice at the end of the list.
 *
 * @cssproperty [--block-size=480px] - The list's fixed height (it scrolls inside).
 */
export class ZheliServiceCatalog extends ZheliElement {
  static override styles = [styles];

  private request: AbortController | undefined;
  /** The client and query of the request started when connected, until the first update. */
  private early: { client: object; query: string } | undefined;
  private debounce: ReturnType<typeof setTimeout> | undefined;

  @state() private items: Summary[] = [];
  @state() private total: number | undefined;
  @state() private nextCursor: string | null = null;
  @state() private status: 'idle' | 'loading' | 'more' | 'ready' | 'error' = 'idle';

  /** Only services offered in this region (its own, its city's and the province's). */
  @property({ reflect: true }) region: string | undefined;

  /** The search text. */
  @property() q = '';

  /** Only services of this category. */
  @property() category: Category | undefined;

  /** Only services for people (`person`) or for enterprises (`enterprise`). */
  @property() audience: Audience | undefined;

  /** The order: `popularity` (default), `relevance`, `rating` or `name`. */
  @property() sort: Sort = 'popularity';

  /** Services per request (1 to 100). */
  @property({ attribute: 'page-size', type: Number }) pageSize = 20;

  /** Milliseconds to wait after typing before searching. */
  @property({ attribute: 'search-delay', type: Number }) searchDelay = 300;

  /** Keep the search, filters and sort in the page URL (`zheli_q`, `zheli_category`, …). */
  @property({ attribute: 'url-state', type: Boolean }) urlState = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.urlState) this.readUrl();
    // The first page is asked for now, before the first render (see `scheduleUpdate`).
    const client = this.config?.client;
    if (!this.hasUpdated && client !== undefined) {
      void this.load(false);
      this.early = { client, query: this.loadQuery() };
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.debounce);
    this.request?.abort();
  }

  /**
   * While the page loads, the first render waits for the next frame (in its animation frame
   * callbacks, so that frame shows it and no painted frame shows the catalog empty): the browser
   * lays out the page at the end of parsing, in the task of the script that added the catalog,
   * and the toolbar's first render, style and layout (the page's first text, its fonts) would
   * make that one long task. Once the page has loaded (a drop-in that arrives late, a catalog
   * added later) it renders at once, as every element does: its layout comes with the next frame
   * anyway, and a page that reads its layout in that frame finds it rendered. The first page is
   * already on its way (see `connectedCallback`); when it arrives first, the first render shows
   * its rows without skeleton rows first.
   */
  protected override scheduleUpdate(): Promise<unknown> | undefined {
    if (this.hasUpdated || document.readyState === 'complete') {
      super.scheduleUpdate();
      return undefined;
    }
    return new Promise((resolve) => requestAnimationFrame(resolve)).then(() =>
      super.scheduleUpdate(),
    );
  }

  override willUpdate(changed: PropertyValues): void {
    const inputs = ['config', 'region', 'q', 'category', 'audience', 'sort', 'pageSize'];
    const early = this.early;
    this.early = undefined;
    // The request started when connected is for these very inputs: not asked for twice.
    if (early?.client === this.config?.client && early?.query === this.loadQuery()) return;
    if (inputs.some((key) => changed.has(key))) {
      clearTimeout(this.debounce);
      void this.load(false);
    }
  }

  private onSearchInput = (event: Event): void => {
    const value = (event.target as HTMLInputElement).value;
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.q = value;
      this.changed();
    }, this.searchDelay);
  };

  private onSearchSubmit = (event: Event): void => {
    event.preventDefault();
    clearTimeout(this.debounce);
    const input = this.shadowRoot?.querySelector<HTMLInputElement>('[part~="search"]');
    if (input !== null && input !== undefined && input.value !== this.q) {
      this.q = input.value;
      this.changed();
    }
  };

  private onCategory = (event: Event): void => {
    const value = (event.target as HTMLSelectElement).value;
    this.category = (categoryIds as string[]).includes(value) ? (value as Category) : undefined;
    this.changed();
  };

  private onAudience = (event: Event): void => {
    const value = (event.target as HTMLSelectElement).value;
    this.audience = (audiences as string[]).includes(value) ? (value as Audience) : undefined;
    this.changed();
  };

  private onSort = (event: Event): void => {
    const value = (event.target as HTMLSelectElement).value;
    this.sort = (sorts as string[]).includes(value) ? (value as Sort) : 'popularity';
    this.changed();
  };

  private onRangeChanged = (event: RangeChangedEvent): void => {
    if (event.last >= this.items.length - 5) this.loadMore();
  };

  private onRetry = (): void => {
    void this.load(this.items.length > 0);
  };

  /** The query the catalog shows, without cursor and limit. */
  get query(): ServiceQuery {
    const query: ServiceQuery = { sort: this.sort };
    if (this.q.trim() !== '') query.q = this.q.trim();
    if (this.region) query.region = this.region;
    if (this.category) query.category = this.category;
    if (this.audience) query.audience = this.audience;
    return query;
  }

  private changed(): void {
    if (this.urlState) this.writeUrl();
    this.dispatchEvent(new ZheliCatalogChangeEvent({ query: this.query }));
  }

  private readUrl(): void {
    const params = new URLSearchParams(location.search);
    const q = params.get(urlKeys.q);
    const category = params.get(urlKeys.category);
    const audience = params.get(urlKeys.audience);
    const sort = params.get(urlKeys.sort);
    if (q !== null) this.q = q;
    if (category !== null && (categoryIds as string[]).includes(category))
      this.category = category as Category;
    if (audience !== null && (audiences as string[]).includes(audience))
      this.audience = audience as Audience;
    if (sort !== null && (sorts as string[]).includes(sort)) this.sort = sort as Sort;
  }

  private writeUrl(): void {
    const url = new URL(location.href);
    const values = {
      q: this.q.trim(),
      category: this.category,
      audience: this.audience,
      sort: this.sort === 'popularity' ? undefined : this.sort,
    };
    for (const [key, name] of Object.entries(urlKeys)) {
      const value = values[key as keyof typeof values];
      if (value) url.searchParams.set(name, value);
      else url.searchParams.delete(name);
    }
    history.replaceState(history.state, '', url);
  }

  private loadMore(): void {
    if (
      this.nextCursor === null ||
      this.status === 'more' ||
      this.status === 'loading' ||
      this.status === 'error'
    )
      return;
    void this.load(true);
  }

  /** The query of the first page, with its size. */
  private loadQuery(): string {
    return `${this.pageSize} ${JSON.stringify(this.query)}`;
  }

  private async load(more: boolean): Promise<void> {
    const data = this.config?.client;
    this.request?.abort();
    if (data === undefined) {
      this.status = 'idle';
      return;
    }
    const controller = new AbortController();
    this.request = controller;
    const cursor = more ? this.nextCursor : null;
    if (!more) {
      this.items = [];
      this.total = undefined;
      this.nextCursor = null;
    }
    this.status = more ? 'more' : 'loading';
    const query: ServiceQuery = { ...this.query, limit: Math.min(100, Math.max(1, this.pageSize)) };
    if (cursor !== null) query.cursor = cursor;
    try {
      const page = await data.services.search(query, { signal: controller.signal });
      if (controller.signal.aborted) return;
      this.items = more ? [...this.items, ...page.items] : page.items;
      this.nextCursor = page.nextCursor;
      this.total = page.total;
      this.status = 'ready';
    } catch (error) {
      if (controller.signal.aborted) return;
      this.status = 'error';
      this.reportError(error);
    }
  }

  private renderToolbar(): TemplateResult {
    return html`<form part="toolbar" class="toolbar" role="search" @submit=${this.onSearchSubmit}>
      <label class="field search-field">
        <span class="field-label">${catalogMessages.catalogSearchLabel()}</span>
        <input
          part="search"
          class="input"
          type="search"
          .value=${live(this.q)}
          placeholder=${catalogMessages.catalogSearchPlaceholder()}
          @input=${this.onSearchInput}
        />
      </label>
      <label class="field">
        <span class="field-label">${catalogMessages.catalogCategory()}</span>
        <select part="category" class="input" @change=${this.onCategory}>
          <option value="" ?selected=${this.category === undefined}>${catalogMessages.catalogCategoryAll()}</option>
          ${categoryIds.map((id) => html`<option value=${id} ?selected=${this.category === id}>${catalogMessages.category(id)}</option>`)}
        </select>
      </label>
      <label class="field">
        <span class="field-label">${catalogMessages.catalogAudience()}</span>
        <select part="audience" class="input" @change=${this.onAudience}>
          <option value="" ?selected=${this.audience === undefined}>${catalogMessages.catalogAudienceAll()}</option>
          <option value="person" ?selected=${this.audience === 'person'}>${catalogMessages.audiencePerson()}</option>
          <option value="enterprise" ?selected=${this.audience === 'enterprise'}>${catalogMessages.audienceEnterprise()}</option>
        </select>
      </label>
      <label class="field">
        <span class="field-label">${catalogMessages.catalogSort()}</span>
        <select part="sort" class="input" @change=${this.onSort}>
          <option value="popularity" ?selected=${this.sort === 'popularity'}>${catalogMessages.sortPopularity()}</option>
          <option value="relevance" ?selected=${this.sort === 'relevance'}>${catalogMessages.sortRelevance()}</option>
          <option value="rating" ?selected=${this.sort === 'rating'}>${catalogMessages.sortRating()}</option>
          <option value="name" ?selected=${this.sort === 'name'}>${catalogMessages.sortName()}</option>
        </select>
      </label>
    </form>`;
  }

  private renderItem = (item: Summary, index: number): TemplateResult =>
    html`<div part="item" class="item" role="listitem" aria-setsize=${this.total ?? this.items.length} aria-posinset=${index + 1}>
      <zheli-service-card variant="compact" .service=${item} .mode=${this.mode}></zheli-service-card>
    </div>`;

  private renderList(): TemplateResult {
    if (this.status === 'loading') {
      return html`<div class="list" aria-busy="true">
        <span class="visually-hidden">${catalogMessages.catalogLoading()}</span>
        ${[0, 1, 2, 3].map(() => html`<span part="skeleton" class="skeleton row" aria-hidden="true"></span>`)}
      </div>`;
    }
    if (this.status === 'error' && this.items.length === 0) {
      return html`<div class="list">${this.renderError()}</div>`;
    }
    if (this.items.length === 0 && this.status === 'ready') {
      return html`<div class="list"><p part="message" class="message">${catalogMessages.catalogEmpty()}</p></div>`;
    }
    // The list loads more as focus moves down it, so Tab alone would never leave it: the first
    // stop offers to skip to its end (shown when focused), from where Tab goes on in the page.
    return html`<button part="skip" class="button skip" type="button" @click=${this.onSkip}>${catalogMessages.catalogSkip()}</button>
      <div part="list" class="list scroller" role="list" tabindex="0" aria-label=${catalogMessages.catalogLabel()} aria-describedby="list-help" @rangeChanged=${this.onRangeChanged}>
        ${virtualize({ items: this.items, renderItem: this.renderItem, keyFunction: (item: Summary) => item.id, scroller: true, layout: { type: KeptFlowLayout } })}
      </div>
      <span id="list-help" class="visually-hidden">${catalogMessages.catalogListHelp()}</span>`;
  }

  /**
   * Focus to the end of the list, a tab stop only while it holds focus: Tab then goes on to what
   * follows the catalog (from a `tabindex="-1"` element in a shadow root, Chrome would restart
   * at the top of the element).
   */
  private readonly onSkip = (): void => {
    const end = this.shadowRoot?.querySelector<HTMLElement>('.end');
    if (!end) return;
    end.tabIndex = 0;
    end.addEventListener('blur', () => end.setAttribute('tabindex', '-1'), { once: true });
    end.focus();
  };

  private renderError(): TemplateResult {
    return html`<div part="message" class="message error" role="alert">
      <p>${commonMessages.loadFailed()}</p>
      <button part="retry" class="button" type="button" @click=${this.onRetry}>${commonMessages.retry()}</button>
    </div>`;
  }

  override render(): TemplateResult {
    const configured = this.config?.client !== undefined;
    const count = this.total ?? (this.status === 'ready' ? this.items.length : undefined);
    return html`<section part="base" class=${classMap({ base: true, elder: this.elder })} lang=${this.locale} aria-label=${catalogMessages.catalogLabel()}>
      ${
        configured
          ? html`${this.renderToolbar()}
              <p part="count" class="count" role="status">
                ${count === undefined ? '' : catalogMessages.catalogCount(formatCount(this.locale, count))}
              </p>
              ${this.renderList()}
              <div class="footer">
                <span part="end" class="end visually-hidden" tabindex="-1">${catalogMessages.catalogEnd()}</span>
                ${this.status === 'more' ? html`<p part="more" class="more" role="status">${catalogMessages.catalogLoadingMore()}</p>` : nothing}
                ${this.status === 'error' && this.items.length > 0 ? this.renderError() : nothing}
              </div>`
          : html`<p part="message" class="message" role="status">${commonMessages.notConfigured()}</p>`
      }
    </section>`;
  }
}
