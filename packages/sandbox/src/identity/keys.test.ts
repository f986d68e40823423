import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import {
  authorize,
  exchangeCode,
  type RunningIdentity,
  refresh,
  startIdentity,
} from './test-support.js';

let dir: string | undefined;
const running: RunningIdentity[] = [];

afterEach(async () => {
  for (const run of running.splice(0)) await run.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function start(options: Parameters<typeof startIdentity>[0] = {}) {
  const run = await startIdentity(options);
  running.push(run);
  return run;
}

async function jwksOf(url: string) {
  return (await (await fetch(`${url}/oidc/jwks`)).json()) as { keys: { kid: string }[] };
}

describe('signing keys', () => {
  it('creates a private JWKS in keysDir on first start, readable by its owner only', async () => {
    dir = await mkdtemp(join(tmpdir(), 'zheli-keys-'));
    const run = await start({ keysDir: dir });
    const file = join(dir, 'jwks.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(await readFile(file, 'utf8')) as { keys: Record<string, unknown>[] };
    expect(stored.keys.map((key) => key.alg)).toEqual(['ES256', 'RS256']);
    expect(stored.keys.every((key) => typeof key.d === 'string')).toBe(true);
    const published = await jwksOf(run.url);
    expect(published.keys.map((key) => key.kid)).toEqual(stored.keys.map((key) => key.kid));
  });

  it('keeps tokens and sessions valid across a restart with the same keysDir', async () => {
    dir = await mkdtemp(join(tmpdir(), 'zheli-keys-'));
    const before = await start({ keysDir: dir });
    const port = Number(new URL(before.url).port);
    const flow = await authorize(before.url);
    const tokens = await exchangeCode(before.url, flow);
    const minted = await before.identity.mintAccessToken({ sub: 'p-xihu-elder', scope: ['codes'] });
    const keysBefore = await jwksOf(before.url);
    await before.stop();
    running.splice(0);

    const after = await start({ keysDir: dir, port });
    expect(after.url).toBe(before.url);
    expect(await jwksOf(after.url)).toEqual(keysBefore);
    expect(await after.identity.verifyAccessToken(tokens.access_token)).toMatchObject({
      sub: 'p-anji-driver',
    });
    expect(await after.identity.verifyAccessToken(minted)).toMatchObject({ sub: 'p-xihu-elder' });
    // The grant and its refresh token survived (the file-backed store)...
    const renewed = await refresh(after.url, tokens.refresh_token ?? '');
    expect(renewed.status).toBe(200);
    // ...and so did the browser session: a new authorization needs no sign-in.
    const again = await flow.jar.fetch(
      flow.authorizeUrl.replace('prompt=consent', 'prompt=none').replace('+offline_access', ''),
    );
    const location = new URL(again.headers.get('location') ?? '', after.url);
    expect(location.origin).toBe('http://127.0.0.1:5173');
    expect(location.searchParams.get('code')).toEqual(expect.any(String));
  });

  it('starts with fresh keys when keysDir is null, so another instance’s tokens fail', async () => {
    const one = await start();
    const two = await start({ issuer: one.url });
    const token = await one.identity.mintAccessToken({ sub: 'p-anji-driver', scope: ['codes'] });
    expect(await two.identity.verifyAccessToken(token)).toBeNull();
  });

  it('rotates to a new signing key and keeps the previous one published and verifying', async () => {
    const run = await start();
    const flow = await authorize(run.url);
    const oldTokens = await exchangeCode(run.url, flow);
    const oldKid = decodeProtectedHeader(oldTokens.id_token ?? '').kid;

    const { kid } = await run.identity.rotateKeys();
    expect(kid).not.toBe(oldKid);
    const published = await jwksOf(run.url);
    expect(published.keys.map((key) => key.kid)).toEqual(expect.arrayContaining([kid, oldKid]));
    expect(published.keys[0]?.kid).toBe(kid);

    // Old access and ID tokens still verify...
    expect(await run.identity.verifyAccessToken(oldTokens.access_token)).not.toBeNull();
    const jwks = createLocalJWKSet(published);
    await expect(
      jwtVerify(oldTokens.id_token ?? '', jwks, { issuer: run.url }),
    ).resolves.toBeTruthy();
    // ...and new ones are signed with the new key; the session survives the rotation.
    const renewed = await refresh(run.url, oldTokens.refresh_token ?? '');
    expect(renewed.status).toBe(200);
    expect(decodeProtectedHeader(String(renewed.body.id_token)).kid).toBe(kid);
    expect(decodeProtectedHeader(String(renewed.body.access_token)).kid).toBe(kid);
    const newFlow = await authorize(run.url, { jar: flow.jar });
    expect(newFlow.callback.searchParams.get('code')).toEqual(expect.any(String));
  });

  it('persists a rotation: after a restart the new key signs and the old one still verifies', async () => {
    dir = await mkdtemp(join(tmpdir(), 'zheli-keys-'));
    const before = await start({ keysDir: dir });
    const oldToken = await before.identity.mintAccessToken({
      sub: 'p-anji-driver',
      scope: ['codes'],
    });
    const { kid } = await before.identity.rotateKeys();
    await before.stop();
    running.splice(0);

    const after = await start({ keysDir: dir, issuer: before.url });
    expect(await after.identity.verifyAccessToken(oldToken)).not.toBeNull();
    const newToken = await after.identity.mintAccessToken({
      sub: 'p-anji-driver',
      scope: ['codes'],
    });
    expect(decodeProtectedHeader(newToken).kid).toBe(kid);
  });
});
