import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { StoredRecord } from './store.js';

/**
 * A 256-bit key for records at rest: 32 bytes, or their base64 / base64url text (what
 * `openssl rand -base64 32` prints).
 */
export type EncryptionKey = string | Uint8Array;

/** Seals records for a shared store and opens them again. */
export interface RecordCipher {
  /** AES-256-GCM under the newest key, bound to `storeKey` (a record moved to another key fails). */
  seal(storeKey: string, record: StoredRecord): string;
  /** The record, or undefined when no key opens it or it was tampered with (fail closed). */
  open(storeKey: string, sealed: string): StoredRecord | undefined;
}

const version = 'z1';
const ivBytes = 12;
const tagBytes = 16;

function keyBytes(key: EncryptionKey, index: number): Buffer {
  const bytes = typeof key === 'string' ? Buffer.from(key, 'base64') : Buffer.from(key);
  if (bytes.length !== 32) {
    throw new TypeError(
      `encryptionKeys[${index}] is ${bytes.length} bytes; AES-256-GCM needs 32 (openssl rand -base64 32)`,
    );
  }
  return bytes;
}

/**
 * A cipher over `keys`, newest first: the first key seals, every key opens, so a key is rotated
 * by putting a new one in front and dropping the old one once the records it sealed have
 * expired (the session TTL at most). Each sealed value names its key by a short hash.
 */
export function recordCipher(keys: readonly EncryptionKey[]): RecordCipher {
  if (keys.length === 0) throw new TypeError('encryptionKeys needs at least one key');
  const byId = new Map<string, Buffer>();
  const ids: string[] = [];
  keys.forEach((key, index) => {
    const bytes = keyBytes(key, index);
    const id = createHash('sha256').update(bytes).digest('base64url').slice(0, 8);
    byId.set(id, bytes);
    ids.push(id);
  });
  const [sealingId = ''] = ids;
  const sealingKey = byId.get(sealingId) as Buffer;

  return {
    seal(storeKey, record) {
      const iv = randomBytes(ivBytes);
      const cipher = createCipheriv('aes-256-gcm', sealingKey, iv, { authTagLength: tagBytes });
      cipher.setAAD(Buffer.from(storeKey));
      const body = Buffer.concat([cipher.update(JSON.stringify(record), 'utf8'), cipher.final()]);
      const sealed = Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
      return `${version}.${sealingId}.${sealed}`;
    },
    open(storeKey, text) {
      const [tag, id, sealed, extra] = text.split('.');
      const key = id ? byId.get(id) : undefined;
      if (tag !== version || !key || !sealed || extra !== undefined) return undefined;
      const bytes = Buffer.from(sealed, 'base64url');
      if (bytes.length < ivBytes + tagBytes) return undefined;
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, ivBytes), {
          authTagLength: tagBytes,
        });
        decipher.setAAD(Buffer.from(storeKey));
        decipher.setAuthTag(bytes.subarray(bytes.length - tagBytes));
        const plain = Buffer.concat([
          decipher.update(bytes.subarray(ivBytes, bytes.length - tagBytes)),
          decipher.final(),
        ]);
        return JSON.parse(plain.toString('utf8')) as StoredRecord;
      } catch {
        return undefined;
      }
    },
  };
}

/** The index name of a subject: a hash, so the store's keys name no person. */
export function subjectHash(sub: string): string {
  return createHash('sha256').update(sub).digest('base64url');
}
