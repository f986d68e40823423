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
  retriesAfterOutage,
  textOf,
  traditional,
  unconfigured,
  withHandlers,
} from './helpers.js';
import { handle, outage, pending } from './mocks/api.js';
import { longService, serviceById, vehicleInspection } from './mocks/seed.js';

const meta = preview.meta({
  title: 'Elements/Service card',
  component: 'zheli-service-card',
  args: { serviceId: vehicleInspection },
});

/** 机动车检验预约 in Anji, loaded by id through `GET /v1/services/batch`. */
export const Default = meta.story({
  async play({ canvasElement }) {
    const card = find(canvasElement, 'zheli-service-card');
    await waitFor(() => expect(textOf(part(card, 'name'))).toBe('机动车检验预约'));
  },
});

export const Compact = meta.story({ args: { variant: 'compact' } });

export const Loading = meta.story(withHandlers(pending('get', '/v1/services/batch')));

/** An id the platform does not know: the card says so. */
export const Empty = meta.story({ args: { serviceId: 'svc-330523-no-such-service' } });

const batchOutage = outage('get', '/v1/services/batch');
/** The first request fails (503); the retry button loads the service. */
export const ErrorWithRetry = meta.story(
  retriesAfterOutage(batchOutage, 'zheli-service-card', (card) =>
    waitFor(() => expect(textOf(part(card, 'name'))).toBe('机动车检验预约')),
  ),
);

/** A service passed as an object (`.service`): no request at all. */
export const FromObject = meta.story({
  args: { serviceId: undefined, service: serviceById('svc-330523-no-criminal-record') },
});

export const LongChineseText = meta.story({
  args: { serviceId: undefined, service: longService },
});

export const NotConfigured = meta.story(unconfigured);
export const ElderMode = meta.story(elder);
export const DarkTheme = meta.story(dark);
export const English = meta.story(english);
export const TraditionalChinese = meta.story(traditional);
export const NarrowPhone = meta.story({
  ...narrow,
  args: { service: longService, serviceId: undefined },
});

/** The platform is up but answers slowly: the skeleton holds the card's final size. */
export const SlowNetwork = meta.story(
  withHandlers(
    handle('get', '/v1/services/batch', async ({ request }) => {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const ids = (new URL(request.url).searchParams.get('ids') ?? '').split(',');
      const items = ids.map(serviceById).filter((s) => s !== undefined);
      return HttpResponse.json({ items, missing: [] });
    }),
  ),
);
