// The client in Node 22+ (global fetch, nothing else needed). Start the sandbox first
// (`npx zheli-sandbox`), then: node examples/node.mjs [baseUrl]
import { createClient, isZheliApiError, verifyCode } from '@zheli/client';

const baseUrl = process.argv[2] ?? 'http://127.0.0.1:4010';
const client = createClient({ baseUrl, locale: 'en' });
const print = (line) => process.stdout.write(`${line}\n`);

// Every bookable service offered in Anji county, page after page.
let bookable = 0;
for await (const service of client.services.searchAll({ region: '330523', bookable: true })) {
  bookable++;
  if (bookable === 1) print(`first: ${service.id} ${service.nameEn}`);
}
print(`bookable in Anji: ${bookable}`);

// The inspection station's free places in the coming days.
const calendar = await client.sites.slots('site-anji-inspection-1', {
  service: 'svc-330523-vehicle-inspection-booking',
});
const free = calendar.days.flatMap((day) => day.slots).filter((slot) => slot.remaining > 0);
print(`free slots: ${free.length}`);

// Errors carry the platform's problem details.
try {
  await client.services.get('svc-330523-no-such-service');
} catch (error) {
  if (!isZheliApiError(error)) throw error;
  print(`error: ${error.status} ${error.code} (trace ${error.traceId})`);
}

// A venue code, verified offline against the platform's published keys.
const { issuer } = await client.identity.configuration();
const venue = await client.sites.list({ kind: 'venue', limit: 1 });
const code = await client.sites.venueCode(venue.items[0].id);
const result = await verifyCode(code.token, { jwks: () => client.codes.keys(), issuer });
print(`venue code: ${result.valid ? `valid, ${result.claims.kind}` : result.reason}`);
