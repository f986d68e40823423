import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type CryptoKey, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

/** How long a retired key stays published: longer than any code it signed lives (venue codes). */
const retiredKeyRetentionMs = 400 * 24 * 60 * 60 * 1000;

interface StoredKey {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
  createdAt: string;
  retiredAt: string | null;
}

interface LoadedKey extends StoredKey {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
}

/**
 * The ES256 keys that sign codes. The newest signs; retired ones stay in the JWKS until every code
 * they signed has expired. Persisted as a JSON file in the data dir, or kept in memory.
 */
export class CodeKeys {
  readonly #file: string | null;
  readonly #now: () => Date;
  #keys: LoadedKey[] = [];

  private constructor(file: string | null, now: () => Date) {
    this.#file = file;
    this.#now = now;
  }

  /** Loads the keys from `file` (created with a first key when missing), or makes one in memory. */
  static async open(file: string | null, now: () => Date = () => new Date()): Promise<CodeKeys> {
    const keys = new CodeKeys(file, now);
    let stored: StoredKey[] = [];
    if (file) {
      try {
        stored = (JSON.parse(await readFile(file, 'utf8')) as { keys: StoredKey[] }).keys;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    keys.#keys = await Promise.all(stored.map(load));
    if (keys.#keys.length === 0) await keys.rotate();
    return keys;
  }

  /** The key that signs new codes. */
  get current(): { kid: string; privateKey: CryptoKey } {
    const key = this.#keys.at(-1);
    if (!key) throw new Error('No code signing key');
    return key;
  }

  /** The public keys to publish: the current one and the retired ones still in use. */
  publicJwks(): JWK[] {
    const cutoff = this.#now().getTime() - retiredKeyRetentionMs;
    return this.#keys
      .filter((k) => k.retiredAt === null || Date.parse(k.retiredAt) > cutoff)
      .reverse()
      .map((k) => k.publicJwk);
  }

  /** The public key named by `kid`, if it is published. */
  publicKey(kid: string): CryptoKey | undefined {
    const published = new Set(this.publicJwks().map((k) => k.kid));
    return published.has(kid) ? this.#keys.find((k) => k.kid === kid)?.publicKey : undefined;
  }

  /** Makes a new signing key; the previous one is retired but stays published. */
  async rotate(): Promise<{ kid: string }> {
    const now = this.#now();
    const stamp = now.toISOString().slice(0, 10).replace(/-/g, '');
    const kid = `code-${stamp}-${randomBytes(3).toString('hex')}`;
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'ES256', use: 'sig' };
    const { d: _d, ...publicJwk } = privateJwk;
    for (const key of this.#keys) key.retiredAt ??= now.toISOString();
    this.#keys.push(
      await load({ kid, privateJwk, publicJwk, createdAt: now.toISOString(), retiredAt: null }),
    );
    await this.#save();
    return { kid };
  }

  async #save(): Promise<void> {
    if (!this.#file) return;
    const stored: StoredKey[] = this.#keys.map(({ privateKey: _p, publicKey: _k, ...k }) => k);
    await mkdir(dirname(this.#file), { recursive: true });
    const temp = `${this.#file}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify({ keys: stored }, null, 2)}\n`, { mode: 0o600 });
    await rename(temp, this.#file);
  }
}

async function load(key: StoredKey): Promise<LoadedKey> {
  return {
    ...key,
    privateKey: (await importJWK(key.privateJwk, 'ES256')) as CryptoKey,
    publicKey: (await importJWK(key.publicJwk, 'ES256')) as CryptoKey,
  };
}
