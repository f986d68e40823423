// The OpenID Provider the browser and server tests run against: the real sandbox
// (`@zheli/sandbox`) or, with ZHELI_AUTH_OP=fake, the small fake that speaks its interface.
import { type FakeOp, startFakeOp } from './fake-op.ts';

export interface TestOp {
  /** The origin, serving discovery, /oidc/*, /interaction/* and /v1/*. */
  url: string;
  issuer: string;
  kind: 'sandbox' | 'fake';
  /** Arms an OIDC fault for the next matching flow(s). */
  addFault(kind: string, times?: number): Promise<void>;
  clearFaults(): Promise<void>;
  rotateKeys(): Promise<void>;
  stop(): Promise<void>;
}

export async function startOp(): Promise<TestOp> {
  const fake: FakeOp = await startFakeOp();
  return {
    url: fake.url,
    issuer: fake.issuer,
    kind: 'fake',
    addFault: async (kind, times = 1) => fake.oidcFaults.add({ kind, times }),
    clearFaults: async () => fake.oidcFaults.clear(),
    rotateKeys: async () => {
      await fake.rotateKeys();
    },
    stop: () => fake.stop(),
  };
}
