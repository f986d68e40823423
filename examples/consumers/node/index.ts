// A Node script with @zheli/client, written from docs/client.md: public reads, a booking with a
// person's token, the ticket verified offline, the cancellation; then what a relative baseUrl
// says in Node. Prints one JSON line of results for the matrix to check.
// ZHELI_API: the platform's origin; ZHELI_TOKEN: an access token with `appointments codes`.
import { createClient, isZheliApiError, verifyCode } from '@zheli/client';

const baseUrl = process.env.ZHELI_API ?? 'http://127.0.0.1:4010';
const token = process.env.ZHELI_TOKEN;
const client = createClient({ baseUrl, getAccessToken: async () => token });

let bookable = 0;
for await (const service of client.services.searchAll({ region: '330523', bookable: true })) {
  if (service.id) bookable++;
}

const service = 'svc-330523-vehicle-inspection-booking';
const siteId = 'site-anji-inspection-1';
const calendar = await client.sites.slots(siteId, { service });
const slot = calendar.days.flatMap((day) => day.slots).find((each) => each.remaining > 0);
if (!slot) throw new Error('No free slot at the Anji inspection station');

const appointment = await client.appointments.book({ serviceId: service, siteId, slotId: slot.id });
const ticket = await client.codes.issue({ kind: 'appointment', appointmentId: appointment.id });
const { issuer } = await client.identity.configuration();
const verified = await verifyCode(ticket.token, {
  jwks: () => client.codes.keys(),
  issuer,
  kind: 'appointment',
});
const cancelled = await client.appointments.cancel(appointment.id);

let notFound = '';
try {
  await client.services.get('svc-330523-no-such-service');
} catch (error) {
  if (!isZheliApiError(error)) throw error;
  notFound = `${error.status} ${error.code}`;
}

// docs/auth.md's browser client, `createClient({ baseUrl: '/api' })`, run in Node: creating it
// must not throw (server rendering creates it), but a request has no page to resolve it against,
// so it must reject saying that an origin is needed.
let relative = '';
try {
  await createClient({ baseUrl: '/api' }).regions.list();
  relative = 'accepted';
} catch (error) {
  relative = error instanceof Error ? error.message : String(error);
}

process.stdout.write(
  `${JSON.stringify({
    bookable,
    booked: appointment.status,
    ticket: verified.valid ? verified.claims.ref === appointment.id : verified.reason,
    cancelled: cancelled.status,
    notFound,
    relative,
  })}\n`,
);
