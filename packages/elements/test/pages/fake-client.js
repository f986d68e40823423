// A page-side implementation of the elements' data interface, for the CSP and CLS pages
// (served under strict CSP, so it is a file, not an inline script). Answers after `delay` ms.
const delay = Number(new URLSearchParams(location.search).get('delay') ?? '0');
const wait = () => new Promise((resolve) => setTimeout(resolve, delay));

export function service(id, name) {
  return {
    id,
    code: `330523-T-${id.length}`,
    name,
    nameEn: name,
    summary: '',
    department: {
      id: 'dept-1',
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
    fee: { amount: 0, currency: 'CNY', note: null },
    bookable: true,
    rating: { score: 4.8, count: 120 },
  };
}

const services = [
  service('svc-hostile', '<img src=x onerror=alert(1)>'),
  ...Array.from({ length: 40 }, (_, index) => service(`svc-${index}`, `服务${index}`)),
];
const region = (code, name, parentCode, level, hasChildren) => ({
  code,
  name,
  nameTw: name,
  nameEn: name,
  level,
  parentCode,
  hasChildren,
});
const regions = [
  region('330000', '浙江省', null, 'province', true),
  region('330500', '湖州市', '330000', 'city', true),
  region('330523', '安吉县', '330500', 'county', false),
];

export const requests = [];

export const client = {
  services: {
    async getMany(ids) {
      requests.push(['getMany', ids.length]);
      await wait();
      return { items: services.filter((item) => ids.includes(item.id)), missing: [] };
    },
    async search(query) {
      requests.push(['search']);
      await wait();
      const start = Number(query.cursor ?? 0);
      const items = services.slice(start, start + (query.limit ?? 20));
      return {
        items,
        nextCursor: start + items.length < services.length ? String(start + items.length) : null,
        total: services.length,
      };
    },
  },
  regions: {
    async list(query) {
      await wait();
      return { items: regions.filter((item) => item.parentCode === (query?.parent ?? null)) };
    },
    async get(code) {
      await wait();
      const found = regions.find((item) => item.code === code);
      const path = regions.filter(
        (item) => item.code !== code && code.startsWith(item.code.replace(/0+$/, '')),
      );
      return { ...found, path, children: regions.filter((item) => item.parentCode === code) };
    },
  },
  sites: {
    async venueCode(siteId) {
      await wait();
      const at = Date.now();
      return {
        kind: 'venue',
        token: `eyJhbGciOiJFUzI1NiJ9.${btoa(siteId)}.c2ln`,
        status: 'green',
        issuedAt: new Date(at).toISOString(),
        expiresAt: new Date(at + 86_400_000).toISOString(),
        refreshAfter: null,
      };
    },
  },
};

export const auth = {
  async signIn() {},
  async signOut() {},
  async getUser() {
    return { sub: 'p-1', claims: { name: '王小明' } };
  },
};
