// The OpenID Provider the browser and server tests run against: the real sandbox
// (`@zheli/sandbox`, in memory on an ephemeral port).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadClients, type RegisteredClient, startSandbox } from '@zheli/sandbox';

export interface TestOp {
  /** The origin, serving discovery, /oidc/*, /interaction/* and /v1/*. */
  url: string;
  issuer: string;
  /** Arms an OIDC fault for the next matching flow(s). */
  addFault(kind: string, times?: number): Promise<void>;
  clearFaults(): Promise<void>;
  /** Makes a new ID token signing key (the provider signs with it from now on). */
  rotateKeys(): Promise<void>;
  stop(): Promise<void>;
}

export interface TestOpOptions {
  /** Clients to register beside the sandbox's own (`data/clients.json`). */
  extraClients?: RegisteredClient[];
  /** Turn the API's per-person rate limit off (tests that call it more than its budget). */
  noRateLimit?: boolean;
  /** The sandbox's clock (tickets expire on it). */
  now?: () => Date;
}

export async function startOp(options: TestOpOptions = {}): Promise<TestOp> {
  let clientsDir: string | undefined;
  let clientsFile: string | undefined;
  if (options.extraClients?.length) {
    clientsDir = await mkdtemp(join(tmpdir(), 'zheli-auth-clients-'));
    clientsFile = join(clientsDir, 'clients.json');
    const clients = [...(await loadClients()), ...options.extraClients];
    await writeFile(clientsFile, JSON.stringify(clients));
  }
  const sandbox = await startSandbox({
    port: 0,
    memory: true,
    clientsFile,
    ...(options.noRateLimit ? { rateLimit: false as const } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    url: sandbox.url,
    issuer: sandbox.issuer,
    // Through the HTTP control, as a developer would.
    addFault: async (kind, times = 1) => {
      const response = await fetch(`${sandbox.url}/__sandbox/oidc-faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-zheli-sandbox': '1' },
        body: JSON.stringify({ kind, times }),
      });
      if (!response.ok) throw new Error(`Fault ${kind} refused: ${response.status}`);
    },
    clearFaults: async () => sandbox.oidcFaults.clear(),
    rotateKeys: async () => {
      await sandbox.rotateSigningKeys();
    },
    stop: async () => {
      await sandbox.stop();
      if (clientsDir) await rm(clientsDir, { recursive: true, force: true });
    },
  };
}
