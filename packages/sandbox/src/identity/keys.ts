import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';

/** The algorithms the provider signs with: ES256 by default, RS256 for clients that ask for it. */
const signingAlgorithms = ['ES256', 'RS256'] as const;
type SigningAlgorithm = (typeof signingAlgorithms)[number];

/** A private signing JWK as stored: always carries `kid`, `alg` and `use: 'sig'`. */
interface SigningJwk extends JWK {
  kid: string;
  alg: SigningAlgorithm;
  use: 'sig';
}

interface SecretsFile {
  /** Keys that sign the provider's cookies; the first one signs, all verify. */
  cookieKeys: string[];
  /** Binds the interaction pages' form posts to the interaction (CSRF). */
  formSecret: string;
}

/** How many key generations stay in the key set (the current one and two before it). */
const generationsKept = 3;
const jwksFile = 'jwks.json';
const secretsFile = 'secrets.json';

/**
 * The provider's signing keys and cookie secrets, persisted in `dir` when one is given.
 * The key set is ordered newest first: oidc-provider signs with the first key of an algorithm,
 * and publishes the public half of every key, so a rotated-out key still verifies old tokens.
 */
export interface KeyRing {
  /** Private JWKs, newest generation first. */
  keys(): SigningJwk[];
  /** The public JWKS (what `/oidc/jwks` serves). */
  publicJwks(): { keys: JWK[] };
  cookieKeys(): string[];
  formSecret(): string;
  /** Adds a new generation (one ES256 and one RS256 key) in front and persists it. */
  rotate(): Promise<{ kid: string }>;
}

/** Writes a file so that readers see the old or the new content, never half of it. */
export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporary, data, { mode: 0o600 });
  await rename(temporary, path);
}

async function readJson(path: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function generateSigningKey(alg: SigningAlgorithm): Promise<SigningJwk> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { ...jwk, kid, alg, use: 'sig' };
}

async function generateGeneration(): Promise<SigningJwk[]> {
  return Promise.all(signingAlgorithms.map((alg) => generateSigningKey(alg)));
}

const privateMembers = new Set(['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k']);

/** The public half of a JWK. */
function publicJwk(jwk: JWK): JWK {
  return Object.fromEntries(Object.entries(jwk).filter(([name]) => !privateMembers.has(name)));
}

function isSigningJwks(value: unknown): value is { keys: SigningJwk[] } {
  if (typeof value !== 'object' || value === null) return false;
  const { keys } = value as { keys?: unknown };
  return (
    Array.isArray(keys) &&
    keys.length > 0 &&
    keys.every(
      (key: Partial<SigningJwk>) =>
        typeof key.kid === 'string' &&
        typeof key.d === 'string' &&
        signingAlgorithms.includes(key.alg as SigningAlgorithm),
    )
  );
}

function isSecrets(value: unknown): value is SecretsFile {
  if (typeof value !== 'object' || value === null) return false;
  const { cookieKeys, formSecret } = value as Partial<SecretsFile>;
  return Array.isArray(cookieKeys) && cookieKeys.length > 0 && typeof formSecret === 'string';
}

/**
 * Loads the key ring from `dir` (creating it on first start, files readable by the owner only),
 * or makes one in memory when `dir` is `null`.
 */
export async function openKeyRing(dir: string | null): Promise<KeyRing> {
  let keys: SigningJwk[];
  let secrets: SecretsFile;

  if (dir !== null) {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const storedKeys = await readJson(join(dir, jwksFile));
    if (storedKeys !== undefined && !isSigningJwks(storedKeys)) {
      throw new Error(`${join(dir, jwksFile)} is not a private signing JWKS (kid, alg, d on each)`);
    }
    const storedSecrets = await readJson(join(dir, secretsFile));
    if (storedSecrets !== undefined && !isSecrets(storedSecrets)) {
      throw new Error(`${join(dir, secretsFile)} lacks cookieKeys or formSecret`);
    }
    keys = storedKeys?.keys ?? (await generateGeneration());
    secrets = storedSecrets ?? newSecrets();
    if (storedKeys === undefined) await persistKeys();
    if (storedSecrets === undefined) {
      await writeFileAtomic(join(dir, secretsFile), `${JSON.stringify(secrets, null, 2)}\n`);
    }
  } else {
    keys = await generateGeneration();
    secrets = newSecrets();
  }

  async function persistKeys(): Promise<void> {
    if (dir === null) return;
    await writeFileAtomic(join(dir, jwksFile), `${JSON.stringify({ keys }, null, 2)}\n`);
  }

  return {
    keys: () => keys,
    publicJwks: () => ({ keys: keys.map(publicJwk) }),
    cookieKeys: () => secrets.cookieKeys,
    formSecret: () => secrets.formSecret,
    async rotate() {
      const generation = await generateGeneration();
      keys = [...generation, ...keys].slice(0, generationsKept * signingAlgorithms.length);
      await persistKeys();
      return { kid: (generation[0] as SigningJwk).kid };
    },
  };
}

function newSecrets(): SecretsFile {
  return {
    cookieKeys: [randomBytes(32).toString('base64url')],
    formSecret: randomBytes(32).toString('base64url'),
  };
}
