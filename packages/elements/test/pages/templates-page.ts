// The page of `minified-render.test.ts`: every element on in-memory data (the component tests'
// fakes), bundled once with the build's template minifiers and once without them.
import { configure } from '../../src/internal/configure.js';
import type { Locale } from '../../src/internal/localize.js';
import '../../src/define.js';
import { FakeAuth, FakeBooking } from '../fake-booking.js';
import { service } from '../fake-data.js';

/** The instant the test fixes the page's clock at (`tab.clock.setFixedTime`): the code's issue. */
const now = '2026-11-23T10:00:00+08:00';

const data = new FakeBooking();
data.catalog.push(
  service({
    id: 'svc-2',
    name: '个体工商户设立登记',
    nameEn: 'Sole proprietor registration',
    bookable: false,
    onlineLevel: 'visit_once',
    maxVisits: 1,
  }),
  // Runs of spaces and a line break in the data: shown as the browser collapses them either way.
  service({ id: 'svc-3', nameEn: 'Housing fund   withdrawal', summary: '多个   空格\n与换行' }),
);
data.sites = {
  ...data.sites,
  venueCode: async (siteId) => ({
    kind: 'venue',
    token: `eyJhbGciOiJFUzI1NiJ9.${btoa(siteId)}.c2ln`,
    status: 'green',
    issuedAt: now,
    expiresAt: '2026-11-24T10:00:00+08:00',
    refreshAfter: null,
  }),
};
const locale = (new URLSearchParams(location.search).get('locale') ?? 'zh-CN') as Locale;
configure({ client: data, auth: new FakeAuth(data), locale });
