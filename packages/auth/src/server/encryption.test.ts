import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { recordCipher } from './encryption.js';
import type { LoginTransaction } from './store.js';

const record: LoginTransaction = {
  kind: 'login',
  state: 's',
  nonce: 'n',
  codeVerifier: 'verifier-secret',
  returnTo: '/',
  createdAt: 0,
};
const key = () => randomBytes(32).toString('base64');

describe('recordCipher', () => {
  it('seals with AES-256-GCM so the stored text holds none of the record', () => {
    const cipher = recordCipher([key()]);
    const sealed = cipher.seal('login:a', record);
    expect(sealed).toMatch(/^z1\.[\w-]{8}\.[\w-]+$/);
    expect(sealed).not.toContain('verifier-secret');
    expect(cipher.open('login:a', sealed)).toEqual(record);
  });

  it('opens records sealed under an older key after rotation, and seals under the newest', () => {
    const [older, newer] = [key(), key()];
    const before = recordCipher([older]).seal('login:a', record);
    const rotated = recordCipher([newer, older]);
    expect(rotated.open('login:a', before)).toEqual(record);
    const after = rotated.seal('login:a', record);
    expect(recordCipher([newer]).open('login:a', after)).toEqual(record);
    expect(recordCipher([older]).open('login:a', after)).toBeUndefined();
  });

  it('fails closed on another key, a record moved to another store key, or a changed byte', () => {
    const cipher = recordCipher([key()]);
    const sealed = cipher.seal('session:a', record);
    expect(recordCipher([key()]).open('session:a', sealed)).toBeUndefined();
    expect(cipher.open('session:b', sealed)).toBeUndefined();
    // A character inside the tag (the last one may carry only padding bits).
    const at = sealed.length - 6;
    const changed = sealed[at] === 'A' ? 'B' : 'A';
    expect(cipher.open('session:a', sealed.slice(0, at) + changed + sealed.slice(at + 1))).toBe(
      undefined,
    );
    expect(cipher.open('session:a', 'plain text')).toBeUndefined();
  });

  it('refuses a key that is not 32 bytes, or no key', () => {
    expect(() => recordCipher(['c2hvcnQ='])).toThrow(/32/);
    expect(() => recordCipher([])).toThrow(/at least one/);
    expect(() => recordCipher([new Uint8Array(32)])).not.toThrow();
  });
});
