// An in-test implementation of the elements' own data interface (`ZheliData`), for component
// state tests. It fakes no network: the real client and sandbox are exercised in
// `sandbox.browser.test.ts`.
import type { Schemas } from '@zheli/contract';
import type {
  CallOptions,
  RegionCode,
  RegionQuery,
  ServiceId,
  ServiceQuery,
  ZheliData,
} from '../src/internal/data.js';

type Summary = Schemas['ServiceSummary'];
type Region = Schemas['Region'];

export function service(overrides: Partial<Summary> = {}): Summary {
  return {
    id: 'svc-330523-vehicle-inspection-booking',
    code: '330523-JT-0012',
    name: '机动车检验预约',
    nameEn: 'Vehicle inspection booking',
    summary: '预约机动车安全技术检验，到站即检，30分钟办结。',
    department: {
      id: 'dept-330523-public_security',
      name: '安吉县公安局',
      nameEn: 'Anji County Public Security Bureau',
    },
    level: 'county',
    region: { code: '330523', name: '安吉县' },
    audience: 'person',
    category: 'transport',
    onlineLevel: 'fully_online',
    maxVisits: 0,
    promisedDays: 3,
    fee: { amount: 5000, currency: 'CNY', note: null },
    bookable: true,
    rating: { score: 4.9, count: 12873 },
    ...overrides,
  };
}

function region(
  code: string,
  name: string,
  parentCode: string | null,
  level: Region['level'],
  hasChildren: boolean,
  nameEn = name,
): Region {
  return { code, name, nameTw: name, nameEn, level, parentCode, hasChildren };
}

/** A small Zhejiang: the province, three cities, and counties under Huzhou and Hangzhou. */
const regions: Region[] = [
  region('330000', '浙江省', null, 'province', true, 'Zhejiang Province'),
  region('330100', '杭州市', '330000', 'city', true, 'Hangzhou'),
  region('330200', '宁波市', '330000', 'city', false, 'Ningbo'),
  region('330500', '湖州市', '330000', 'city', true, 'Huzhou'),
  region('330106', '西湖区', '330100', 'county', false, 'Xihu District'),
  region('330110', '余杭区', '330100', 'county', false, 'Yuhang District'),
  region('330112', '临安区', '330100', 'county', false, "Lin'an District"),
  region('330502', '吴兴区', '330500', 'county', false, 'Wuxing District'),
  region('330521', '德清县', '330500', 'county', false, 'Deqing County'),
  region('330523', '安吉县', '330500', 'county', false, 'Anji County'),
];

export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(reason: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A `ZheliData` over an array of services and `regions`, recording every call. */
export class FakeData implements ZheliData {
  readonly calls: { method: string; args: unknown[] }[] = [];
  /** When set, every call waits for it (and fails if it rejects). */
  gate: Promise<unknown> | undefined;
  services: ZheliData['services'];
  regions: ZheliData['regions'];

  readonly catalog: Summary[];

  constructor(catalog: Summary[] = [service()]) {
    this.catalog = catalog;
    this.services = {
      getMany: async (ids: readonly ServiceId[], _options?: CallOptions) => {
        this.calls.push({ method: 'services.getMany', args: [ids] });
        await this.gate;
        return {
          items: ids.flatMap((id) => this.catalog.filter((item) => item.id === id)),
          missing: ids.filter((id) => !this.catalog.some((item) => item.id === id)),
        };
      },
      search: async (query: ServiceQuery, _options?: CallOptions) => {
        this.calls.push({ method: 'services.search', args: [query] });
        await this.gate;
        const words = query.q?.trim() ?? '';
        const matching = this.catalog.filter(
          (item) =>
            (words === '' ||
              item.name.includes(words) ||
              item.nameEn.toLowerCase().includes(words.toLowerCase())) &&
            (query.category === undefined || item.category === query.category) &&
            (query.audience === undefined || item.audience === query.audience),
        );
        const sorted =
          query.sort === 'name'
            ? [...matching].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
            : matching;
        const start = query.cursor === undefined ? 0 : Number(query.cursor);
        const limit = query.limit ?? 20;
        const items = sorted.slice(start, start + limit);
        const next = start + limit < sorted.length ? String(start + limit) : null;
        return { items, nextCursor: next, total: sorted.length };
      },
    };
    this.regions = {
      list: async (query?: RegionQuery, _options?: CallOptions) => {
        this.calls.push({ method: 'regions.list', args: [query] });
        await this.gate;
        return { items: regions.filter((item) => item.parentCode === (query?.parent ?? null)) };
      },
      get: async (code: RegionCode, _options?: CallOptions) => {
        this.calls.push({ method: 'regions.get', args: [code] });
        await this.gate;
        const found = regions.find((item) => item.code === code);
        if (found === undefined) throw new Error(`No region ${code}`);
        const path: Region[] = [];
        let parent = found.parentCode;
        while (parent !== null) {
          const up = regions.find((item) => item.code === parent);
          if (up === undefined) break;
          path.unshift(up);
          parent = up.parentCode;
        }
        return { ...found, path, children: regions.filter((item) => item.parentCode === code) };
      },
    };
  }

  count(method: string): number {
    return this.calls.filter((call) => call.method === method).length;
  }
}
