// Type tests (checked by `tsc --noEmit` and Vitest): the generated props and callbacks carry the
// elements' own types.
import type {
  ZheliBookEvent,
  ZheliCodeRefreshEvent,
  ZheliErrorEvent,
  ZheliRegionChangeEvent,
} from '@zheli/elements';
import type { Ref } from 'react';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  ZheliQrCodeProps,
  ZheliRegionPickerProps,
  ZheliServiceCard,
  ZheliServiceCardProps,
} from './index.js';

type Card = ZheliServiceCardProps;

describe('generated component types', () => {
  it('type props from the element class', () => {
    expectTypeOf<Card['serviceId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Card['variant']>().toEqualTypeOf<'full' | 'compact' | undefined>();
    expectTypeOf<ZheliQrCodeProps['size']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<NonNullable<Card['service']>['id']>().toBeString();
    // @ts-expect-error: not a property of the card
    expectTypeOf<Card['serviceID']>();
  });

  it('type each callback with its event class', () => {
    expectTypeOf<NonNullable<Card['onZheliBook']>>().parameter(0).toEqualTypeOf<ZheliBookEvent>();
    expectTypeOf<NonNullable<Card['onZheliError']>>().parameter(0).toEqualTypeOf<ZheliErrorEvent>();
    expectTypeOf<NonNullable<ZheliRegionPickerProps['onZheliRegionChange']>>()
      .parameter(0)
      .toEqualTypeOf<ZheliRegionChangeEvent>();
    expectTypeOf<NonNullable<ZheliQrCodeProps['onZheliCodeRefresh']>>()
      .parameter(0)
      .toEqualTypeOf<ZheliCodeRefreshEvent>();
  });

  it('forward refs to the element', () => {
    expectTypeOf<Card['ref']>().toExtend<Ref<HTMLElement> | undefined>();
    expectTypeOf<typeof ZheliServiceCard>().toBeObject();
  });
});
