import { html } from 'lit';
import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { deferred, FakeData, service } from '../../test/fake-data.js';
import {
  axeViolations,
  cleanup,
  fixture,
  part,
  parts,
  textOf,
  useLocale,
} from '../../test/fixture.js';
import type { ServiceQuery } from '../internal/data.js';
import type { ZheliServiceCard } from '../service-card/service-card.js';
import './define.js';
import type { ZheliServiceCatalog } from './service-catalog.js';

afterEach(cleanup);

function catalogOf(count: number) {
  return Array.from({ length: count }, (_, index) =>
    service({
      id: `svc-test-${index}`,
      name: `服务${String(index).padStart(5, '0')}`,
      nameEn: `Service ${index}`,
      category: index % 2 === 0 ? 'transport' : 'housing',
      audience: index % 3 === 0 ? 'enterprise' : 'person',
    }),
  );
}

function cardNames(catalog: ZheliServiceCatalog): string[] {
  return parts(catalog, 'item').map((item) => {
    const card = item.querySelector('zheli-service-card');
    return card ? textOf(part(card, 'name')) : '';
  });
}

function searches(data: FakeData): ServiceQuery[] {
  return data.calls
    .filter((call) => call.method === 'services.search')
    .map((call) => call.args[0] as ServiceQuery);
}

/** Runs `then` as if the page were still loading (`document.readyState` `interactive`). */
async function whileLoading(then: () => Promise<void>): Promise<void> {
  Object.defineProperty(document, 'readyState', { configurable: true, get: () => 'interactive' });
  try {
    await then();
  } finally {
    delete (document as { readyState?: unknown }).readyState;
  }
}

async function ready(catalog: ZheliServiceCatalog): Promise<void> {
  await expect.poll(() => parts(catalog, 'item').length).toBeGreaterThan(0);
}

/** Two frames: the virtualizer lays out rows in one and shows them by the next. */
const twoFrames = () =>
  new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

async function scrollToEnd(catalog: ZheliServiceCatalog): Promise<void> {
  const list = part(catalog, 'list');
  list.scrollTop = list.scrollHeight;
  list.dispatchEvent(new Event('scroll'));
  await twoFrames();
}

/** Scrolls to the end again on every poll (a page's rows may render a frame after its request). */
async function scrollUntilSearched(
  catalog: ZheliServiceCatalog,
  data: FakeData,
  count: number,
): Promise<void> {
  await expect
    .poll(
      async () => {
        await scrollToEnd(catalog);
        return searches(data).length;
      },
      { timeout: 5000 },
    )
    .toBeGreaterThanOrEqual(count);
}

describe('<zheli-service-catalog>', () => {
  describe('loading', () => {
    it('asks the server for the region’s first page and shows the count and compact cards', async () => {
      const data = new FakeData(catalogOf(45));
      const catalog = await fixture<ZheliServiceCatalog>(
        html`<zheli-service-catalog region="330523"></zheli-service-catalog>`,
        { client: data },
      );
      await ready(catalog);
      expect(searches(data)).toEqual([{ region: '330523', sort: 'popularity', limit: 20 }]);
      expect(textOf(part(catalog, 'count'))).toBe('共 45 项服务');
      expect(cardNames(catalog)[0]).toBe('服务00000');
      expect(part(catalog, 'item').getAttribute('aria-setsize')).toBe('45');
    });

    it('renders the rows of its first screen first, and the rows beyond the view in later tasks', async () => {
      const data = new FakeData(catalogOf(45));
      const gate = deferred<void>();
      data.gate = gate.promise;
      const catalog = await fixture<ZheliServiceCatalog>(
        html`<zheli-service-catalog></zheli-service-catalog>`,
        { client: data },
      );
      // The rows in the page at the end of each task's changes (a mutation record batch).
      const batches: number[] = [];
      const observer = new MutationObserver(() => {
        const rows = parts(catalog, 'item').length;
        if (rows > 0 && rows !== batches.at(-1)) batches.push(rows);
      });
      observer.observe(catalog.shadowRoot as ShadowRoot, { childList: true, subtree: true });
      gate.resolve();
      await expect.poll(() => parts(catalog, 'item').length).toBeGreaterThanOrEqual(15);
      observer.disconnect();
      // The list is 480 px high and a compact row about 100 px: five or six rows, not fifteen.
      expect(batches[0]).toBeGreaterThanOrEqual(5);
      expect(batches[0]).toBeLessThanOrEqual(6);
      expect(searches(data)).toHaveLength(1);
    });

    it('shows its first screen without making an Intl number format (the page’s first loads the number data)', async () => {
      const Real = Intl.NumberFormat;
      let made = 0;
      Intl.NumberFormat = new Proxy(Real, {
        construct(target, args, newTarget) {
          made += 1;
          return Reflect.construct(target, args, newTarget);
        },
      });
      try {
        const catalog = await fixture<ZheliServiceCatalog>(
          html`<zheli-service-catalog></zheli-service-catalog>`,
          { client: new FakeData(catalogOf(1234)) },
        );
        await ready(catalog);
        const cards = parts(catalog, 'item').map((item) =>
          item.querySelector<ZheliServiceCard>('zheli-service-card'),
        );
        await Promise.all(cards.map((card) => card?.updateComplete));
        expect(textOf(part(catalog, 'count'))).toBe('共 1,234 项服务');
        expect(textOf(part(cards[0] as ZheliServiceCard, 'promised-days'))).toMatch(/\d/);
        expect(made).toBe(0);
      } finally {
        Intl.NumberFormat = Real;
      }
    });

    /**
     * A catalog added while its first page is held back (`gate`), after the rest of the task that
     * added it (its microtasks): by then its one request is out.
     */
    async function addedWithFirstPageHeld() {
      const data = new FakeData(catalogOf(45));
      const gate = deferred<void>();
      data.gate = gate.promise;
      const added = fixture<ZheliServiceCatalog>(
        html`<zheli-service-catalog></zheli-service-catalog>`,
        { client: data },
      );
      const catalog = document.querySelector<ZheliServiceCatalog>(
        'zheli-service-catalog:last-of-type',
      ) as ZheliServiceCatalog;
      for (let turn = 0; turn < 20; turn += 1) await Promise.resolve();
      expect(searches(data)).toHaveLength(1);
      return { data, gate, added, catalog };
    }

    it('asks for its first page in the task that adds it while the page loads, and renders in the next frame', async () => {
      await whileLoading(async () => {
        const { data, gate, added, catalog } = await addedWithFirstPageHeld();
        expect(catalog.shadowRoot?.childElementCount).toBe(0);
        await added;
        expect(parts(catalog, 'skeleton').length).toBeGreaterThan(0);
        gate.resolve();
        await ready(catalog);
        expect(searches(data)).toHaveLength(1);
      });
    });

    it('renders at once once the page has loaded, its request already out', async () => {
      const { data, gate, added, catalog } = await addedWithFirstPageHeld();
      expect(parts(catalog, 'skeleton').length).toBeGreaterThan(0);
      await added;
      gate.resolve();
      await ready(catalog);
      expect(searches(data)).toHaveLength(1);
    });

    it('renders no skeleton rows when its first page arrives before its first render', async () => {
      await whileLoading(async () => {
        const data = new FakeData(catalogOf(45));
        let skeletons = 0;
        const observer = new MutationObserver((records) => {
          for (const record of records) {
            for (const node of record.addedNodes) {
              if (node instanceof Element) {
                skeletons += node.querySelectorAll('[part~="skeleton"]').length;
              }
            }
          }
        });
        const added = fixture<ZheliServiceCatalog>(
          html`<zheli-service-catalog></zheli-service-catalog>`,
          { client: data },
        );
        const catalog = document.querySelector('zheli-service-catalog:last-of-type');
        observer.observe(catalog?.shadowRoot as ShadowRoot, { childList: true, subtree: true });
        await added;
        await ready(catalog as ZheliServiceCatalog);
        observer.disconnect();
        expect(skeletons).toBe(0);
        expect(cardNames(catalog as ZheliServiceCatalog)[0]).toBe('服务00000');
        expect(searches(data)).toHaveLength(1);
      });
    });

    it('shows skeleton rows of the final height while the first page loads', async () => {
      const data = new FakeData(catalogOf(5));
      const gate = deferred<void>();
      data.gate = gate.promise;
      const catalog = await fixture<ZheliServiceCatalog>(
        html`<zheli-service-catalog></zheli-service-catalog>`,
        { client: data },
      );
      expect(parts(catalog, 'skeleton').length).toBeGreaterThan(0);
      const height = catalog.getBoundingClientRect().height;
      expect(await axeViolations(catalog)).toEqual([]);
      gate.resolve();
      await ready(catalog);
      expect(catalog.getBoundingClientRect().height).toBe(height);
    });

    it('loads the next page with the cursor when scrolled to the end', async () => {
      const data = new FakeData(catalogOf(45));
      const catalog = await fixture<ZheliServiceCatalog>(
        html`<zheli-service-catalog></zheli-service-catalog>`,
        { client: data },
      );
      await ready(catalog);
      await scrollUntilSearched(catalog, data, 2);
      expect(searches(data)[1]?.cursor).toBe('20');
      await scrollUntilSearched(catalog, data, 3);
      expect(searches(data)[2]?.cursor).toBe('40');
      await expect
        .poll(async () => {
          await scrollToEnd(catalog);
          return cardNames(catalog).at(-1);
        })
        .toBe('服务00044');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(searches(data)).toHaveLength(3);
    });

    it('keeps the DOM small while scrolling through 10,000 services', async () => {
      const data = new FakeData(catalogOf(10_000));
      const catalog = await fixture<ZheliServiceCatalog>(
        html`<zheli-service-catalog page-size="100"></zheli-service-catalog>`,
        { client: data },
      );
      await ready(catalog);
      // How fast it scrolls is the benchmark's (`npm run bench`): here, what holds on any machine.
      for (let pages = 2; pages <= 100; pages += 1) await scrollUntilSearched(catalog, data, pages);
      await expect
        .poll(async () => {
          await scrollToEnd(catalog);
          return cardNames(catalog).includes('服务09999');
        })
        .toBe(true);
      expect(parts(catalog, 'item').length).toBeLessThan(40);
      expect(searches(data)).toHaveLength(100);
      expect(textOf(part(catalog, 'count'))).toBe('共 10,000 项服务');
    }, 60_000);
  });

  describe('out of view', () => {
    /** A page taller than the window with the catalog at its top, scrolled to its bottom. */
    async function scrolledPast(catalog: ZheliServiceCatalog): Promise<void> {
      const spacer = document.createElement('div');
      spacer.className = 'spacer';
      spacer.style.blockSize = '300vh';
      catalog.after(spacer);
      window.scrollTo(0, document.documentElement.scrollHeight);
      window.dispatchEvent(new Event('scroll'));
      await twoFrames();
      expect(catalog.getBoundingClientRect().bottom).toBeLessThan(0);
    }

    afterEach(() => {
      for (const spacer of document.querySelectorAll('.spacer')) spacer.remove();
      window.scrollTo(0, 0);
    });

    it('keeps the rows where the list was last seen once the page scrolls past it (find in page, browse mode)', async () => {
      const data = new FakeData(catalogOf(45));
      const catalog = await fixture<ZheliServiceCatalog>(
        html`<zheli-service-catalog page-size="100"></zheli-service-catalog>`,
        { client: data },
      );
      await ready(catalog);
      // Halfway down the list (its height grows as rows are measured, so set again on each poll).
      const list = part(catalog, 'list');
      await expect
        .poll(async () => {
          list.scrollTop = 2500;
          list.dispatchEvent(new Event('scroll'));
          await new Promise((resolve) => requestAnimationFrame(resolve));
          return cardNames(catalog).includes('服务00000');
        })
        .toBe(false);
      // The virtualizer measures the rows it has just added and may shift them for a few frames
      // (more so on a busy machine): the rows seen are those that held over two frames running.
      let seen: string[] = [];
      await expect
        .poll(async () => {
          const before = cardNames(catalog);
          await twoFrames();
          seen = cardNames(catalog);
          return seen.join() === before.join() && !seen.includes('服务00000');
        })
        .toBe(true);
      await scrolledPast(catalog);
      // Still the rows around where the person left the list, not an empty list.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(cardNames(catalog)).toEqual(seen);
      expect(parts(catalog, 'item').every((item) => item.getAttribute('role') === 'listitem')).toBe(
        true,
      );
    });

    it('renders its first rows when it starts below the fold', async () => {
      const data = new FakeData(catalogOf(45));
      const wrapper = await fixture<HTMLDivElement>(
        html`<div><div class="spacer" style="block-size: 300vh"></div><zheli-service-catalog></zheli-service-catalog></div>`,
        { client: data },
      );
      const catalog = wrapper.querySelector('zheli-service-catalog') as ZheliServiceCatalog;
      await ready(catalog);
      expect(catalog.getBoundingClientRect().top).toBeGreaterThan(window.innerHeight);
      expect(cardNames(catalog)[0]).toBe('服务00000');
    });

    it('says in the list’s description that the search box finds a service', async () => {
      await useLocale('en');
      const catalog = await fixture<ZheliServiceCatalog>(
        html`<zheli-service-catalog></zheli-service-catalog>`,
        { client: new FakeData(catalogOf(3)) },
      );
      await ready(catalog);
      const list = part(catalog, 'list');
      const description = catalog.shadowRoot?.getElementById(
        list.getAttribute('aria-describedby') ?? '',
      );
      expect(textOf(description as HTMLElement)).toContain('use the search box');
    });
  });

  describe('search, filters and sort', () => {
    it('searches on the server once the person stops typing', async () => {
      const data = new FakeData(catalogOf(30));
      const catalog = await fixture<ZheliServiceCatalog>(
        html`<zheli-service-catalog search-delay="500"></zheli-service-catalog>`,
        { client: data },
      );
      await ready(catalog);
      const changes: ServiceQuery[] = [];
      catalog.addEventListener('zheli-catalog-change', (event) => changes.push(event.detail.query));
      await userEvent.type(part(catalog, 'search'), '服务0001');
      await expect.poll(() => searches(data).length, { timeout: 5000 }).toBe(2);
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(searches(data)).toHaveLength(2);
      expect(searches(data)[1]?.q).toBe('服务0001');
      expect(changes).toEqual([{ q: '服务0001', sort: 'popularity' }]);
      await expect
        .poll(() => cardNames(catalog))
        .toEqual(Array.from({ length: 10 }, (_, index) => `服务0001${index}`));
    });

    it('filters by category and audience and sorts, from the keyboard', async () => {
      const data = new FakeData(catalogOf(30));
      const catalog = await fixture<ZheliServiceCatalog>(
        html`<zheli-service-catalog></zheli-service-catalog>`,
        { client: data },
      );
      await ready(catalog);
      await userEvent.selectOptions(part(catalog, 'category'), 'housing');
      await userEvent.selectOptions(part(catalog, 'audience'), 'enterprise');
      await userEvent.selectOptions(part(catalog, 'sort'), 'name');
      await expect.poll(() => searches(data).length).toBe(4);
      expect(searches(data)[3]).toEqual({
        category: 'housing',
        audience: 'enterprise',
        sort: 'name',
        limit: 20,
      });
      await expect
        .poll(() => cardNames(catalog))
        .toEqual(['服务00003', '服务00009', '服务00015', '服务00021', '服务00027']);
    });

    it('sizes its filters by the toolbar, not by their options (its layout measures no option text)', async () => {
      const catalog = await fixture<ZheliServiceCatalog>(
        html`<zheli-service-catalog></zheli-service-catalog>`,
        { client: new FakeData(catalogOf(3)) },
      );
      await ready(catalog);
      const category = part(catalog, 'category') as HTMLSelectElement;
      const width = category.getBoundingClientRect().width;
      // A select's own width is its widest option's: a field at least as wide as its content
      // made every layout of the toolbar measure the text of every option.
      category.append(new Option('长'.repeat(200), 'long'));
      expect(category.getBoundingClientRect().width).toBe(width);
      const toolbar = part(catalog, 'toolbar');
      expect(toolbar.scrollWidth).toBe(toolbar.clientWidth);
    });

    it('reaches search, filters, sort, the skip button and the list with Tab', async () => {
      const catalog = await fixture<ZheliServiceCatalog>(
        html`<zheli-service-catalog></zheli-service-catalog>`,
        { client: new FakeData(catalogOf(3)) },
      );
      await ready(catalog);
      part(catalog, 'search').focus();
      const order: string[] = [];
      for (let step = 0; step < 5; step += 1) {
        await userEvent.keyboard('{Tab}');
        order.push(catalog.shadowRoot?.activeElement?.getAttribute('part') ?? '');
      }
      expect(order).toEqual(['category', 'audience', 'sort', 'skip', 'list']);
    });

    it('lets Tab leave an endless list: the skip button, shown on focus, moves past it', async () => {
      const catalog = await fixture<ZheliServiceCatalog>(
        html`<zheli-service-catalog></zheli-service-catalog>`,
        { client: new FakeData(catalogOf(10_000)) },
      );
      // What the page has after the catalog.
      const after = document.createElement('button');
      after.textContent = 'after';
      catalog.after(after);
      await ready(catalog);
      part(catalog, 'sort').focus();
      const skip = part(catalog, 'skip');
      // Hidden until focused, and out of the flow, so showing it moves nothing.
      expect(skip.getBoundingClientRect().width).toBeLessThanOrEqual(1);
      const listTop = part(catalog, 'list').getBoundingClientRect().top;
      await userEvent.keyboard('{Tab}');
      expect(catalog.shadowRoot?.activeElement).toBe(skip);
      expect(skip.getBoundingClientRect().width).toBeGreaterThan(40);
      expect(part(catalog, 'list').getBoundingClientRect().top).toBe(listTop);
      expect(textOf(skip)).toBe('跳过服务列表');
      await userEvent.keyboard('{Enter}');
      expect(catalog.shadowRoot?.activeElement).toBe(part(catalog, 'end'));
      expect(textOf(part(catalog, 'end'))).toBe('服务列表结束');
      await userEvent.keyboard('{Tab}');
      expect(document.activeElement).toBe(after);
      // Not a tab stop of its own once left.
      expect(part(catalog, 'end').getAttribute('tabindex')).toBe('-1');
      after.remove();
    });

    it('keeps search, filters and sort in the URL with url-state', async () => {
      const original = location.href;
      history.replaceState(
        null,
        '',
        `${location.pathname}?zheli_q=${encodeURIComponent('服务')}&zheli_category=housing&other=1`,
      );
      try {
        const data = new FakeData(catalogOf(10));
        const catalog = await fixture<ZheliServiceCatalog>(
          html`<zheli-service-catalog url-state></zheli-service-catalog>`,
          { client: data },
        );
        await ready(catalog);
        expect(searches(data)[0]).toEqual({
          q: '服务',
          category: 'housing',
          sort: 'popularity',
          limit: 20,
        });
        expect((part(catalog, 'category') as HTMLSelectElement).value).toBe('housing');
        await userEvent.selectOptions(part(catalog, 'sort'), 'rating');
        const params = new URLSearchParams(location.search);
        expect(params.get('zheli_sort')).toBe('rating');
        expect(params.get('zheli_category')).toBe('housing');
        expect(params.get('other')).toBe('1');
      } finally {
        history.replaceState(null, '', original);
      }
    });
  });

  describe('states', () => {
    it('says when nothing matches', async () => {
      const catalog = await fixture<ZheliServiceCatalog>(
        html`<zheli-service-catalog q="不存在"></zheli-service-catalog>`,
        { client: new FakeData(catalogOf(3)) },
      );
      await expect.poll(() => textOf(catalog)).toContain('没有符合条件的服务');
      expect(await axeViolations(catalog)).toEqual([]);
    });

    it('shows an error with a retry when the first page fails', async () => {
      const data = new FakeData(catalogOf(3));
      const failed = Promise.reject(new Error('down'));
      failed.catch(() => {});
      data.gate = failed;
      const catalog = await fixture<ZheliServiceCatalog>(
        html`<zheli-service-catalog></zheli-service-catalog>`,
        { client: data },
      );
      await expect.poll(() => parts(catalog, 'retry').length).toBe(1);
      expect(await axeViolations(catalog)).toEqual([]);
      data.gate = undefined;
      await userEvent.click(part(catalog, 'retry'));
      await ready(catalog);
    });

    it('keeps the loaded services and retries the next page after it fails', async () => {
      const data = new FakeData(catalogOf(45));
      const catalog = await fixture<ZheliServiceCatalog>(
        html`<zheli-service-catalog></zheli-service-catalog>`,
        { client: data },
      );
      await ready(catalog);
      const failed = Promise.reject(new Error('down'));
      failed.catch(() => {});
      data.gate = failed;
      await scrollToEnd(catalog);
      await expect.poll(() => parts(catalog, 'retry').length).toBe(1);
      expect(parts(catalog, 'item').length).toBeGreaterThan(0);
      data.gate = undefined;
      await userEvent.click(part(catalog, 'retry'));
      await expect.poll(() => searches(data).at(-1)?.cursor).toBe('20');
      await expect.poll(() => parts(catalog, 'retry').length).toBe(0);
    });

    it('explains what to do when no configuration is found', async () => {
      const catalog = await fixture<ZheliServiceCatalog>(
        html`<zheli-service-catalog></zheli-service-catalog>`,
      );
      expect(textOf(catalog)).toContain('configure()');
    });
  });

  describe('accessibility', () => {
    it.each(['zh-CN', 'zh-TW', 'en'] as const)(
      'has no axe violation with results in %s',
      async (locale) => {
        await useLocale(locale);
        const catalog = await fixture<ZheliServiceCatalog>(
          html`<zheli-service-catalog></zheli-service-catalog>`,
          { client: new FakeData(catalogOf(30)) },
        );
        await ready(catalog);
        expect(await axeViolations(catalog)).toEqual([]);
      },
    );

    it('uses 48 px controls and 7:1 contrast in elder mode, passed down to its cards', async () => {
      const catalog = await fixture<ZheliServiceCatalog>(
        html`<zheli-service-catalog mode="elder"></zheli-service-catalog>`,
        { client: new FakeData(catalogOf(30)) },
      );
      await ready(catalog);
      for (const name of ['search', 'category', 'audience', 'sort']) {
        expect(part(catalog, name).getBoundingClientRect().height).toBeGreaterThanOrEqual(48);
      }
      const card = part(catalog, 'item').querySelector('zheli-service-card') as Element;
      expect(part(card, 'base').classList.contains('elder')).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await axeViolations(catalog, true)).toEqual([]);
    });
  });
});
