import type { Auth } from '@zheli/auth';
import type { ZheliClient } from '@zheli/client';
import { describe, expectTypeOf, it } from 'vitest';
import type { ZheliAuth, ZheliConfiguration, ZheliData } from '../src/index.js';

describe('configure() takes the real packages as they are', () => {
  it('accepts a @zheli/client client as the data and a @zheli/auth auth as the sign-in', () => {
    expectTypeOf<ZheliClient>().toExtend<ZheliData>();
    expectTypeOf<Auth>().toExtend<ZheliAuth>();
    expectTypeOf<{ client: ZheliClient; auth: Auth }>().toExtend<ZheliConfiguration>();
    expectTypeOf<{ client: { services: object } }>().not.toExtend<ZheliConfiguration>();
  });
});
