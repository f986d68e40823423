import type { ZheliServiceCatalog } from '@zheli/elements';
import { HttpResponse } from 'msw';
import { expect, waitFor } from 'storybook/test';
import preview from '../.storybook/preview.js';
import {
  dark,
  elder,
  english,
  find,
  narrow,
  part,
  parts,
  retriesAfterOutage,
  textOf,
  traditional,
  unconfigured,
  withHandlers,
} from './helpers.js';
import { handle, outage, pending } from './mocks/api.js';
import { anji, longService, servicesIn, summary } from './mocks/seed.js';

const meta = preview.meta({
  title: 'Elements/Service catalog',
  component: 'zheli-service-catalog',
  args: { region: anji },
});

/** The names on the compact cards the catalog shows. */
function cardNames(catalog: ZheliServiceCatalog): string[] {
  return parts(catalog, 'item').map((item) => {
    const card = item.querySelector('zheli-service-card');
    return card ? textOf(part(card, 'name')) : '';
  });
}

async function loaded(catalog: ZheliServiceCatalog): Promise<void> {
  await waitFor(() => expect(parts(catalog, 'item').length).toBeGreaterThan(0));
}

/** Anji county's services (its own, Huzhou's and the province's), most used first. */
export const Default = meta.story({
  async play({ canvasElement }) {
    await loaded(find(canvasElement, 'zheli-service-catalog'));
  },
});

/** QA's flow: type 机动车检验 in the search field; the platform is asked once typing stops. */
export const Search = meta.story({
  async play({ canvasElement, userEvent }) {
    const catalog = find(canvasElement, 'zheli-service-catalog');
    await loaded(catalog);
    const queries: (string | undefined)[] = [];
    catalog.addEventListener('zheli-catalog-change', (event) => queries.push(event.detail.query.q));
    await userEvent.type(part(catalog, 'search'), '机动车检验');
    await waitFor(() => expect(cardNames(catalog)[0]).toBe('机动车检验预约'), { timeout: 5000 });
    expect(cardNames(catalog).every((name) => name.includes('机动车') || name.includes('车'))).toBe(
      true,
    );
    expect(queries.at(-1)).toBe('机动车检验');
  },
});

/** Filters and sort from the keyboard: housing services for enterprises, by name. */
export const FilterAndSort = meta.story({
  async play({ canvasElement, userEvent }) {
    const catalog = find(canvasElement, 'zheli-service-catalog');
    await loaded(catalog);
    await userEvent.selectOptions(part(catalog, 'category'), 'transport');
    await userEvent.selectOptions(part(catalog, 'sort'), 'name');
    const expected = servicesIn(anji)
      .filter((s) => s.category === 'transport')
      .map((s) => s.name)
      .sort((a, b) => a.localeCompare(b, 'zh-CN'));
    await waitFor(() => expect(cardNames(catalog)[0]).toBe(expected[0]));
  },
});

export const Loading = meta.story(withHandlers(pending('get', '/v1/services')));

/** Nothing matches the search. */
export const Empty = meta.story({
  args: { q: '不存在的事项' },
  async play({ canvasElement }) {
    const catalog = find(canvasElement, 'zheli-service-catalog');
    await waitFor(() => expect(textOf(catalog)).toContain('没有符合条件的服务'));
  },
});

const searchOutage = outage('get', '/v1/services');
/** The first page fails (503); the retry button loads it. */
export const ErrorWithRetry = meta.story(
  retriesAfterOutage(searchOutage, 'zheli-service-catalog', loaded),
);

/** Long names and departments, as county catalogs really have them, wrap without overflow. */
export const LongChineseText = meta.story(
  withHandlers(
    handle('get', '/v1/services', () => {
      const items = [longService, ...servicesIn(anji).slice(0, 5).map(summary)];
      return HttpResponse.json({ items, nextCursor: null, total: items.length });
    }),
  ),
);

export const NotConfigured = meta.story(unconfigured);
export const ElderMode = meta.story(elder);
export const DarkTheme = meta.story(dark);
export const English = meta.story(english);
export const TraditionalChinese = meta.story(traditional);
export const NarrowPhone = meta.story(narrow);
