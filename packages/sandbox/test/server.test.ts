// The whole sandbox: one HTTP server for the identity provider and the API, and the CLI.
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseMismatch } from '../src/api/app.js';
import { type Sandbox, startSandbox } from '../src/server.js';
import { key } from './helpers.js';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
describe('startSandbox', () => {
  let sandbox: Sandbox | undefined;
  const mismatches: ResponseMismatch[] = [];
  beforeAll(async () => {
    sandbox = await startSandbox({
      port: 0,
      memory: true,
      onResponseMismatch: (m) => mismatches.push(m),
    });
  });
  afterAll(() => sandbox?.stop());

  // Two starts on a data dir (each opens a PGlite database): slow on a loaded 2-core machine.
  it('keeps a data dir for one sandbox at a time, and frees it on stop', {
    timeout: 120_000,
  }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zheli-lock-'));
    try {
      const first = await startSandbox({ port: 0, dataDir: dir });
      await expect(startSandbox({ port: 0, dataDir: dir })).rejects.toThrow(/in use/);
      await first.stop();
      const second = await startSandbox({ port: 0, dataDir: dir });
      await second.stop();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('serves discovery and the API on one origin, with the issuer at that origin', async () => {
    if (!sandbox) throw new Error('the sandbox did not start');
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.issuer).toBe(sandbox.url);
    const discovery = await (await fetch(`${sandbox.url}/.well-known/openid-configuration`)).json();
    expect(discovery.issuer).toBe(sandbox.issuer);
    const regions = await fetch(`${sandbox.url}/v1/regions`);
    expect(regions.status).toBe(200);
    expect(mismatches).toEqual([]);
  });

  it('accepts the identity provider’s access tokens and books with them', async () => {
    if (!sandbox) throw new Error('the sandbox did not start');
    const token = await sandbox.mintAccessToken({
      sub: 'p-anji-driver',
      scope: ['openid', 'appointments'],
    });
    const slots = await (
      await fetch(
        `${sandbox.url}/v1/sites/site-anji-inspection-1/slots?service=svc-330523-vehicle-inspection-booking`,
      )
    ).json();
    const open = slots.days
      .flatMap((d: { slots: { id: string; remaining: number }[] }) => d.slots)
      .find((s: { remaining: number }) => s.remaining > 0);
    const res = await fetch(`${sandbox.url}/v1/appointments`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        'Idempotency-Key': key(),
      },
      body: JSON.stringify({
        serviceId: 'svc-330523-vehicle-inspection-booking',
        siteId: 'site-anji-inspection-1',
        slotId: open.id,
      }),
    });
    expect(res.status).toBe(201);
    const wrongScope = await sandbox.mintAccessToken({ sub: 'p-anji-driver', scope: ['openid'] });
    const forbidden = await fetch(`${sandbox.url}/v1/appointments`, {
      headers: { Authorization: `Bearer ${wrongScope}` },
    });
    expect(forbidden.status).toBe(403);
    expect(mismatches).toEqual([]);
  });

  it('shares its fault switches with /__sandbox/faults', async () => {
    if (!sandbox) throw new Error('the sandbox did not start');
    sandbox.faults.add({ operationId: 'listRegions', kind: 'status', status: 503 });
    const listed = await (await fetch(`${sandbox.url}/__sandbox/faults`)).json();
    expect(listed.items).toHaveLength(1);
    expect((await fetch(`${sandbox.url}/v1/regions`)).status).toBe(503);
  });
});

describe('the zheli-sandbox CLI', () => {
  it('runs as built JavaScript and lists the personas', async () => {
    if (!existsSync(cli)) throw new Error('dist/cli.js is not built: run `npm run build` first');
    const { stdout } = await run(process.execPath, [cli, 'personas']);
    expect(stdout).toContain('p-anji-driver');
    const help = await run(process.execPath, [cli, '--help']);
    expect(help.stdout).toContain('rotate-keys');
  });

  it('refuses an unknown command and bad options', async () => {
    if (!existsSync(cli)) throw new Error('dist/cli.js is not built: run `npm run build` first');
    await expect(run(process.execPath, [cli, 'explode'])).rejects.toMatchObject({ code: 2 });
    await expect(run(process.execPath, [cli, '--port', 'x'])).rejects.toMatchObject({ code: 2 });
    await expect(run(process.execPath, [cli, '--max-in-flight', '0'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--max-in-flight must be an integer ≥ 1'),
    });
    await expect(run(process.execPath, [cli, '--max-queue', 'many'])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--max-queue must be an integer ≥ 0'),
    });
  });

  it('refuses a rate limit that is not <requests>/<window>, or one given with --no-rate-limit', async () => {
    if (!existsSync(cli)) throw new Error('dist/cli.js is not built: run `npm run build` first');
    for (const bad of ['600', '600/60', '0/1m', '10/fortnight', '5/0s']) {
      await expect(run(process.execPath, [cli, '--rate-limit', bad])).rejects.toMatchObject({
        code: 2,
        stderr: expect.stringContaining('--rate-limit: '),
      });
    }
    await expect(
      run(process.execPath, [cli, '--rate-limit', '5/1m', '--no-rate-limit']),
    ).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--rate-limit and --no-rate-limit exclude each other'),
    });
  });

  it('starts on a data dir, prints its URLs, rate limit and load bounds, and stops on SIGINT keeping the data', async () => {
    if (!existsSync(cli)) throw new Error('dist/cli.js is not built: run `npm run build` first');
    const dir = await mkdtemp(join(tmpdir(), 'zheli-cli-'));
    try {
      const child = spawn(
        process.execPath,
        [
          cli,
          ...['--port', '0', '--data-dir', dir, '--rate-limit', '30/1m'],
          ...['--max-in-flight', '4', '--max-queue', '2'],
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
      });
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 60_000);
        child.stdout.on('data', () => {
          const match = /Open API\s+(http:\/\/\S+)\/v1/.exec(out);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      expect((await fetch(`${url}/v1/regions`)).status).toBe(200);
      expect(out).toContain('Rate limit   30 per 60 s per person, 1200 per 60 s per client');
      expect(out).toContain('Load         4 requests at once, 2 more queued; past that 503');
      const exited = new Promise<number | null>((resolve) =>
        child.on('exit', (code) => resolve(code)),
      );
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(existsSync(join(dir, 'pgdata', 'PG_VERSION'))).toBe(true);
      expect(existsSync(join(dir, 'sandbox.pid'))).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
