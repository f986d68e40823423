import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  authorize,
  exchangeCode,
  type RunningIdentity,
  refresh,
  startIdentity,
  tokenRequest,
} from './test-support.js';

const day = 24 * 60 * 60;
let run: RunningIdentity | undefined;
let dir: string | undefined;

afterEach(async () => {
  vi.useRealTimers();
  await run?.stop();
  run = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

interface StoredEntry {
  payload: Record<string, unknown>;
  expiresAt: number | null;
}

async function stored(model: string): Promise<StoredEntry[]> {
  const text = await readFile(join(dir ?? '', 'store', `${model}.json`), 'utf8');
  return Object.values(JSON.parse(text) as Record<string, StoredEntry>);
}

describe('refresh tokens', () => {
  it('rotates on every use, and a reused refresh token revokes the whole grant', async () => {
    run = await startIdentity();
    const flow = await authorize(run.url);
    const first = await exchangeCode(run.url, flow);
    expect(first.refresh_token).toEqual(expect.any(String));

    const second = await refresh(run.url, first.refresh_token ?? '');
    expect(second.status).toBe(200);
    const rotated = String(second.body.refresh_token);
    expect(rotated).not.toBe(first.refresh_token);
    expect(decodeJwt(String(second.body.id_token)).sub).toBe('p-anji-driver');
    const accessToken = String(second.body.access_token);
    expect(await run.identity.verifyAccessToken(accessToken)).not.toBeNull();

    // Reuse of the first (already rotated) token: refused, and the grant is revoked...
    const reuse = await refresh(run.url, first.refresh_token ?? '');
    expect(reuse.status).toBe(400);
    expect(reuse.body.error).toBe('invalid_grant');
    // ...so the legitimate rotated token stops working too.
    const afterReuse = await refresh(run.url, rotated);
    expect(afterReuse.status).toBe(400);
    expect(afterReuse.body.error).toBe('invalid_grant');
  });

  it('issues no refresh token without offline_access', async () => {
    run = await startIdentity();
    const flow = await authorize(run.url, { scope: 'openid profile' });
    const tokens = await exchangeCode(run.url, flow);
    expect(tokens.refresh_token).toBeUndefined();
  });

  it('rotates a confidential client’s refresh token as well', async () => {
    run = await startIdentity();
    const flow = await authorize(run.url, {
      clientId: 'partner-server',
      redirectUri: 'http://127.0.0.1:8080/auth/callback',
    });
    const code = flow.callback.searchParams.get('code') ?? '';
    const basic = `Basic ${Buffer.from('partner-server:sandbox-secret').toString('base64')}`;
    const post = (body: Record<string, string>) =>
      fetch(`${run?.url}/oidc/token`, {
        method: 'POST',
        headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(body),
      }).then((r) => r.json() as Promise<Record<string, unknown>>);
    const tokens = await post({
      grant_type: 'authorization_code',
      code,
      redirect_uri: flow.redirectUri,
      code_verifier: flow.verifier,
    });
    const renewed = await post({
      grant_type: 'refresh_token',
      refresh_token: String(tokens.refresh_token),
    });
    expect(renewed.refresh_token).toEqual(expect.any(String));
    expect(renewed.refresh_token).not.toBe(tokens.refresh_token);
  });

  it.each([
    { clientId: 'county-site', redirectUri: 'http://127.0.0.1:5173/callback' },
    { clientId: 'partner-server', redirectUri: 'http://127.0.0.1:8080/auth/callback' },
  ])(
    'never lets a rotated refresh token of $clientId outlive the grant it came from',
    async ({ clientId, redirectUri }) => {
      dir = await mkdtemp(join(tmpdir(), 'zheli-identity-'));
      vi.useFakeTimers({ toFake: ['Date'] });
      const start = new Date('2026-11-01T08:00:00Z');
      vi.setSystemTime(start);
      const t0 = Math.floor(start.getTime() / 1000);
      run = await startIdentity({ keysDir: dir });

      const secret = clientId === 'partner-server' ? 'sandbox-secret' : undefined;
      const flow = await authorize(run.url, { clientId, redirectUri });
      const exchanged = await tokenRequest(
        run.url,
        {
          grant_type: 'authorization_code',
          code: flow.callback.searchParams.get('code') ?? '',
          redirect_uri: redirectUri,
          code_verifier: flow.verifier,
          client_id: clientId,
        },
        { secret },
      );
      const refreshWith = (token: string) =>
        tokenRequest(
          run?.url ?? '',
          { grant_type: 'refresh_token', refresh_token: token, client_id: clientId },
          { secret },
        );
      const [grant] = await stored('Grant');
      expect(grant?.payload.exp).toBe(t0 + 14 * day);
      const [firstRefresh] = await stored('RefreshToken');
      expect(firstRefresh?.payload.exp).toBe(t0 + 14 * day);

      // Thirteen days later the token still works and rotates...
      vi.setSystemTime(new Date(start.getTime() + 13 * day * 1000));
      const renewed = await refreshWith(String(exchanged.body.refresh_token));
      expect(renewed.status).toBe(200);
      const latest = (await stored('RefreshToken')).find((entry) => entry.payload.rotations === 1);
      // ...but the rotated token ends with the grant (day 14), not 14 days after the rotation.
      expect(latest?.payload.exp).toBe(t0 + 14 * day);

      vi.setSystemTime(new Date(start.getTime() + (14 * day + 1) * 1000));
      const late = await refreshWith(String(renewed.body.refresh_token));
      expect(late.status).toBe(400);
      expect(late.body.error).toBe('invalid_grant');
    },
  );
});
