import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApi, testApi } from './helpers.js';

let t: TestApi;
beforeAll(async () => {
  t = await testApi();
});
afterAll(() => t.close());

describe('regions', () => {
  it('lists the province without a parent and a city’s counties with one', async () => {
    const top = await t.get('/v1/regions');
    expect(top.status).toBe(200);
    expect(top.body.items.map((r: { code: string }) => r.code)).toEqual(['330000']);
    const huzhou = await t.get('/v1/regions?parent=330500');
    expect(huzhou.body.items.map((r: { code: string }) => r.code)).toEqual([
      '330502',
      '330503',
      '330521',
      '330522',
      '330523',
    ]);
    expect(huzhou.body.items[0]).toMatchObject({
      name: '吴兴区',
      level: 'county',
      hasChildren: false,
    });
  });

  it('answers 404 for an unknown parent and 400 for a malformed one', async () => {
    expect((await t.get('/v1/regions?parent=339999')).body.code).toBe('not_found');
    const bad = await t.get('/v1/regions?parent=abc');
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      expect.objectContaining({ field: 'query.parent', code: 'pattern' }),
    ]);
  });

  it('gets a region with its ancestors from the province down and its children', async () => {
    const anji = await t.get('/v1/regions/330523');
    expect(anji.body.path.map((r: { code: string }) => r.code)).toEqual(['330000', '330500']);
    expect(anji.body.children).toEqual([]);
    const city = await t.get('/v1/regions/330500');
    expect(city.body.children).toHaveLength(5);
    expect((await t.get('/v1/regions/339999')).status).toBe(404);
    const bad = await t.get('/v1/regions/33');
    expect(bad.body.errors[0].field).toBe('path.code');
  });
});

describe('categories', () => {
  it('counts the services offered in a region: its own, its city’s and the province’s', async () => {
    const all = await t.get('/v1/categories');
    expect(all.body.items).toHaveLength(16);
    const anji = await t.get('/v1/categories?region=330523');
    const total = anji.body.items.reduce(
      (n: number, c: { serviceCount: number }) => n + c.serviceCount,
      0,
    );
    expect(total).toBe(221);
    expect(
      anji.body.items.find((c: { id: string }) => c.id === 'transport').serviceCount,
    ).toBeGreaterThan(0);
    expect((await t.get('/v1/categories?region=339999')).body.errors[0].field).toBe('query.region');
  });
});

describe('searchServices', () => {
  it('finds a service by its Chinese name, most relevant first', async () => {
    const res = await t.get(`/v1/services?q=${encodeURIComponent('机动车检验')}&region=330523`);
    expect(res.status).toBe(200);
    expect(res.body.items[0].id).toBe('svc-330523-vehicle-inspection-booking');
    expect(res.body.total).toBeGreaterThanOrEqual(res.body.items.length);
  });

  it('finds services by English words, keywords and department', async () => {
    const english = await t.get('/v1/services?q=vehicle%20inspection&region=330523');
    expect(english.body.items[0].id).toBe('svc-330523-vehicle-inspection-booking');
    const keyword = await t.get(`/v1/services?q=${encodeURIComponent('车检')}&region=330523`);
    expect(keyword.body.items.map((s: { id: string }) => s.id)).toContain(
      'svc-330523-vehicle-inspection-booking',
    );
    const department = await t.get(
      `/v1/services?q=${encodeURIComponent('安吉县公安局')}&region=330523`,
    );
    expect(department.body.total).toBeGreaterThan(5);
    for (const s of department.body.items) expect(s.department.name).toBe('安吉县公安局');
  });

  it('matches a run of Chinese words that appear in different fields', async () => {
    const res = await t.get(`/v1/services?q=${encodeURIComponent('安吉机动车')}`);
    expect(res.body.items.map((s: { id: string }) => s.id)).toContain(
      'svc-330523-vehicle-inspection-booking',
    );
  });

  it('returns the region’s own, its city’s and the province’s services for a region filter', async () => {
    const res = await t.get('/v1/services?region=330523&limit=100');
    expect(res.body.total).toBe(221);
    const regions = new Set<string>();
    let cursor: string | null = null;
    do {
      const page: { body: { items: { region: { code: string } }[]; nextCursor: string | null } } =
        await t.get(`/v1/services?region=330523&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      for (const s of page.body.items) regions.add(s.region.code);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect([...regions].sort()).toEqual(['330000', '330500', '330523']);
  });

  it('filters by category, audience, online level and bookability', async () => {
    const res = await t.get(
      '/v1/services?region=330523&category=transport&audience=person&onlineLevel=visit_once&bookable=true',
    );
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const s of res.body.items) {
      expect(s).toMatchObject({
        category: 'transport',
        audience: 'person',
        onlineLevel: 'visit_once',
        bookable: true,
      });
    }
  });

  it('pages with opaque cursors without repeating or skipping', async () => {
    const first = await t.get('/v1/services?region=330106&sort=name&limit=7');
    const second = await t.get(
      `/v1/services?region=330106&sort=name&limit=7&cursor=${first.body.nextCursor}`,
    );
    const both = await t.get('/v1/services?region=330106&sort=name&limit=14');
    expect([...first.body.items, ...second.body.items].map((s: { id: string }) => s.id)).toEqual(
      both.body.items.map((s: { id: string }) => s.id),
    );
    expect(first.body.total).toBe(221);
  });

  it('refuses a cursor used with other filters, or a made-up one', async () => {
    const first = await t.get('/v1/services?region=330106&limit=5');
    const other = await t.get(`/v1/services?region=330523&limit=5&cursor=${first.body.nextCursor}`);
    expect(other.status).toBe(400);
    expect(other.body.errors[0]).toMatchObject({ field: 'query.cursor', code: 'invalid' });
    expect((await t.get('/v1/services?cursor=nonsense')).body.errors[0].field).toBe('query.cursor');
  });

  it.each(['null', '7', '[]', '"o"'])(
    'refuses a cursor that decodes to the JSON %s with 400 naming it (found by the fuzz test)',
    async (json) => {
      const res = await t.get(`/v1/services?cursor=${Buffer.from(json).toString('base64url')}`);
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toMatchObject({ field: 'query.cursor', code: 'invalid' });
    },
  );

  it('orders by rating and by popularity', async () => {
    const rated = await t.get('/v1/services?region=330106&sort=rating&limit=50');
    const scores = rated.body.items.map(
      (s: { rating: { score: number | null } }) => s.rating.score ?? 0,
    );
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const popular = await t.get('/v1/services?region=330106&limit=3');
    expect(popular.body.items).toHaveLength(3);
  });

  it('names every invalid query parameter, unknown ones included', async () => {
    const res = await t.get('/v1/services?limit=500&audience=robot&bookable=perhaps&colour=red');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const fields = res.body.errors.map(
      (e: { field: string; code: string }) => `${e.field}:${e.code}`,
    );
    expect(fields.sort()).toEqual([
      'query.audience:enum',
      'query.bookable:type',
      'query.colour:unknown',
      'query.limit:maximum',
    ]);
    expect(res.body.traceId).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('batchGetServices', () => {
  it('returns the services in the order asked and lists the missing ids', async () => {
    const res = await t.get(
      '/v1/services/batch?ids=svc-330106-old-age-allowance,svc-330523-unknown,svc-330523-vehicle-inspection-booking',
    );
    expect(res.body.items.map((s: { id: string }) => s.id)).toEqual([
      'svc-330106-old-age-allowance',
      'svc-330523-vehicle-inspection-booking',
    ]);
    expect(res.body.missing).toEqual(['svc-330523-unknown']);
  });

  it('accepts 100 ids and refuses 101', async () => {
    const ids = Array.from({ length: 101 }, (_, i) => `svc-330523-x${i}`);
    expect(
      (await t.get(`/v1/services/batch?ids=${ids.slice(0, 100).join(',')}`)).body.missing,
    ).toHaveLength(100);
    const res = await t.get(`/v1/services/batch?ids=${ids.join(',')}`);
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe('query.ids');
    expect((await t.get('/v1/services/batch')).body.errors[0]).toMatchObject({
      field: 'query.ids',
      code: 'required',
    });
  });
});

describe('getService', () => {
  it('returns materials, conditions, sites and the bundles the service is part of', async () => {
    const res = await t.get('/v1/services/svc-330523-vehicle-inspection-booking');
    expect(res.body.materials.length).toBeGreaterThan(0);
    expect(res.body.sites.map((s: { id: string }) => s.id)).toEqual([
      'site-anji-inspection-1',
      'site-anji-inspection-2',
    ]);
    expect(res.body.applyUrl).toBe(
      'https://www.zjzwfw.gov.cn/apply/svc-330523-vehicle-inspection-booking',
    );
    const newCar = await t.get('/v1/services/svc-330523-new-car-registration');
    expect(newCar.body.bundleIds).toEqual(['bnd-new-car-plate']);
  });

  it('answers 404 for an unknown service and 400 naming the path for a malformed id', async () => {
    const missing = await t.get('/v1/services/svc-330523-unknown');
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({
      code: 'not_found',
      status: 404,
      instance: '/v1/services/svc-330523-unknown',
    });
    const bad = await t.get('/v1/services/NOT_AN_ID');
    expect(bad.body.errors[0]).toMatchObject({ field: 'path.serviceId', code: 'pattern' });
  });
});

describe('bundles', () => {
  it('lists the bundles offered in a region with the services offered there', async () => {
    const res = await t.get('/v1/bundles?region=330521');
    const school = res.body.items.find((b: { id: string }) => b.id === 'bnd-school-enrollment');
    expect(school.services[0].id).toBe('svc-330521-school-enrollment-registration');
    expect(res.body.nextCursor).toBeNull();
    const enterprise = await t.get('/v1/bundles?audience=enterprise');
    for (const b of enterprise.body.items) expect(b.audience).toBe('enterprise');
  });

  it('lists no county bundle for a city, whose own catalog has no county services', async () => {
    const res = await t.get('/v1/bundles?region=330500');
    expect(res.body.items.map((b: { id: string }) => b.id)).not.toContain('bnd-school-enrollment');
  });

  it('gets a bundle with its services in order, and 404 for an unknown one', async () => {
    const res = await t.get('/v1/bundles/bnd-school-enrollment');
    expect(res.body.services).toHaveLength(6);
    expect(res.body.services[0].name).toBe('义务教育入学报名');
    expect((await t.get('/v1/bundles/bnd-nothing')).status).toBe(404);
  });

  it('names a malformed or unknown region and a malformed bundle id', async () => {
    expect((await t.get('/v1/bundles?region=339999')).body.errors[0]).toMatchObject({
      field: 'query.region',
    });
    expect((await t.get('/v1/bundles/BND')).body.errors[0]).toMatchObject({
      field: 'path.bundleId',
      code: 'pattern',
    });
  });

  it('pages bundles', async () => {
    const first = await t.get('/v1/bundles?limit=3');
    const second = await t.get(`/v1/bundles?limit=3&cursor=${first.body.nextCursor}`);
    expect(first.body.items).toHaveLength(3);
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
  });
});

describe('unknown routes', () => {
  it('answer a 404 problem with a trace id', async () => {
    const res = await t.get('/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'not_found', status: 404 });
    expect((await t.request('DELETE', '/v1/services')).status).toBe(404);
  });
});
