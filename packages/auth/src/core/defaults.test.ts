import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { browserDefaults, resolveAuthOptions } from '../browser/options.js';
import { sharedDefaults } from './defaults.js';

/** The `@default` tag in the TSDoc just above the option `name` in `file`. */
async function documentedDefault(file: string, name: string): Promise<string | undefined> {
  const source = await readFile(new URL(file, import.meta.url), 'utf8');
  const before = source.slice(0, source.indexOf(`\n  ${name}?:`));
  const doc = before.slice(before.lastIndexOf('/**'));
  return /@default ('[^']*'|\S+)/.exec(doc)?.[1];
}

describe('shared defaults', () => {
  it('are what browser mode and server mode document for their options', async () => {
    for (const file of ['../browser/options.ts', '../server/options.ts']) {
      expect(await documentedDefault(file, 'clockSkewSeconds')).toBe('360');
      expect(await documentedDefault(file, 'renewBeforeExpirySeconds')).toBe('60');
      expect(await documentedDefault(file, 'requestTimeoutMs')).toBe('10000');
      expect(await documentedDefault(file, 'scope')).toBe(`'${sharedDefaults.scope}'`);
    }
    expect(sharedDefaults).toMatchObject({
      clockSkewSeconds: 360,
      renewBeforeExpirySeconds: 60,
      requestTimeoutMs: 10_000,
    });
  });

  it('fill every option the app leaves out in browser mode', () => {
    const resolved = resolveAuthOptions({
      authority: 'https://auth.example',
      clientId: 'partner-app',
      redirectUri: 'https://app.example/callback',
    });
    expect(resolved).toMatchObject({ ...sharedDefaults, ...browserDefaults });
    expect(resolved.popupTimeoutMs).toBe(300_000);
    expect(resolved.silentTimeoutMs).toBe(10_000);
    expect(resolved.tabSyncTimeoutMs).toBe(150);
    expect(resolved.fetch).toBeTypeOf('function');
    expect(resolved.now()).toBeInstanceOf(Date);
    expect(resolved.logger).toEqual({});
  });

  it('give way to the options the app sets', () => {
    const chosen = {
      scope: 'openid',
      clockSkewSeconds: 0,
      renewBeforeExpirySeconds: 5,
      requestTimeoutMs: 1,
      popupTimeoutMs: 2,
      silentTimeoutMs: 3,
      tabSyncTimeoutMs: 4,
      now: () => new Date(0),
    };
    const resolved = resolveAuthOptions({
      authority: 'https://auth.example',
      clientId: 'partner-app',
      redirectUri: 'https://app.example/callback',
      ...chosen,
    });
    expect(resolved).toMatchObject(chosen);
  });
});
