// The partner app as several instances behind a load balancer, on one machine, to see shared
// sessions work: a throwaway Redis (Debian's `redis-server`, in a temp dir, on a free port), N
// instances of the backend, each its own Node process (`node server.mjs --redis …`, with its own
// connection to Redis through `createRedisSessionStore` and an encryption key made for this run),
// and a round-robin proxy in front, the one URL people use. Each instance prints its name and pid;
// every response says which instance answered in `X-Partner-Instance`. Kill one instance's
// process (`kill <pid>`) and the proxy sends everything to the others: nobody is signed out.
//
//   node scaled.mjs [--scale 2] [--port 5174] [--host 127.0.0.1] [--sandbox http://127.0.0.1:4010]
//   (or `npm start -- --scale 2` from the repository root, with the sandbox and the county site)
//
// Nothing is kept: the sessions go with the Redis server when it stops.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const serverScript = fileURLToPath(new URL('./server.mjs', import.meta.url));

/**
 * @typedef {{ id: string, pid: number, address: string, exited: Promise<void>,
 *   kill: (signal?: NodeJS.Signals) => Promise<void> }} Instance
 *   One backend process: its name (`X-Partner-Instance`), its pid, where it listens; `kill`
 *   resolves once the process has exited (SIGKILL by default, as when a machine dies).
 */

/**
 * Starts Redis, `scale` backend processes and the round-robin proxy in front of them.
 * @param {{ scale?: number, port?: number, host?: string, sandboxUrl?: string,
 *   output?: (line: string) => void }} [options]
 *   `port` is the proxy's (0 picks a free one); the instances and Redis take free ports.
 *   `output` receives what the instances print (by default nothing is shown).
 * @returns {Promise<{ url: string, sandboxUrl: string, instances: Instance[],
 *   stop: () => Promise<void> }>} `url` is the proxy.
 */
export async function startScaledPartnerApp(options = {}) {
  const scale = options.scale ?? 2;
  if (!Number.isInteger(scale) || scale < 1) throw new Error(`--scale must be ≥ 1, not ${scale}`);
  const host = options.host ?? '127.0.0.1';
  /** @type {(() => Promise<void>)[]} */
  const stops = [];
  const stop = async () => {
    for (const each of stops.splice(0).reverse()) await each().catch(() => {});
  };
  try {
    const redis = await startRedis();
    stops.push(redis.stop);
    const proxy = await startRoundRobin({ port: options.port ?? 5174, host });
    stops.push(proxy.stop);
    // One key for this run, 32 random bytes: every instance seals and opens records with it.
    const sessionKey = randomBytes(32).toString('base64');
    const started = [];
    for (let i = 1; i <= scale; i += 1) {
      const instance = startInstance({
        id: String(i),
        args: ['--port', '0', '--host', host, '--public-url', proxy.url, '--redis', redis.url],
        sandboxUrl: options.sandboxUrl,
        sessionKey,
        output: options.output,
      });
      started.push(instance);
      stops.push(() => instance.then((each) => each.kill('SIGTERM')));
    }
    const instances = await Promise.all(started);
    proxy.backends.push(...instances.map((each) => each.address));
    const platform = new URL(options.sandboxUrl ?? 'http://127.0.0.1:4010').origin;
    return { url: proxy.url, sandboxUrl: platform, instances, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * One backend in a Node process of its own: `node server.mjs … --instance <id>`, the session key
 * in its environment. It says where it listens over the IPC channel, and exits when that channel
 * closes, so no instance outlives this process.
 * @returns {Promise<Instance>}
 */
function startInstance({ id, args, sandboxUrl, sessionKey, output }) {
  const child = spawn(
    process.execPath,
    [serverScript, ...args, '--instance', id, ...(sandboxUrl ? ['--sandbox', sandboxUrl] : [])],
    {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...process.env, ZHELI_SESSION_KEYS: sessionKey },
    },
  );
  let printed = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8');
    stream.on('data', (text) => {
      printed += text;
      for (const line of text.split('\n').filter(Boolean)) output?.(line);
    });
  }
  /** @type {Promise<void>} */
  const exited = new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const kill = async (signal = /** @type {NodeJS.Signals} */ ('SIGKILL')) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  return new Promise((resolve, reject) => {
    child.once('message', (message) => {
      const { address } = /** @type {{ address: string }} */ (message);
      resolve({ id, pid: /** @type {number} */ (child.pid), address, exited, kill });
    });
    child.once('exit', (code, signal) =>
      reject(
        new Error(
          `partner app instance ${id} exited (${signal ?? code}) before it listened:\n${printed}`,
        ),
      ),
    );
    child.once('error', reject);
  });
}

/**
 * Debian's `redis-server` (`apt-get install redis-server`), on the PATH or in /usr/bin, or
 * undefined.
 */
export function findRedisServer() {
  const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/bin', '/usr/local/bin'];
  return dirs.map((dir) => join(dir, 'redis-server')).find((path) => existsSync(path));
}

/** A Redis server on a free port in a temp dir, without persistence; `stop` removes both. */
async function startRedis() {
  const bin = findRedisServer();
  if (!bin) {
    throw new Error(
      'The scaled partner app needs redis-server: install it (Debian: `apt-get install redis-server`, macOS: `brew install redis`).',
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'zheli-partner-redis-'));
  const port = await freePort();
  const child = spawn(
    bin,
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''],
    { stdio: 'ignore' },
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      await new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      });
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await untilPong(port, child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `redis://127.0.0.1:${port}`, stop };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once Redis answers PING, polling every 25 ms (at most 5 s). */
async function untilPong(port, child) {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
    const pong = await new Promise((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' }, () => socket.write('PING\r\n'));
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('+PONG'));
      });
      socket.once('error', () => resolve(false));
    });
    if (pong) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`redis-server did not answer on port ${port}`);
}

/**
 * The load balancer: each request goes to the next instance in turn, headers (Host included)
 * and body as they came; an instance that refuses the connection is skipped.
 */
async function startRoundRobin({ port, host }) {
  /** @type {string[]} */
  const backends = [];
  let next = 0;
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    // The next instance in turn; one that refuses the connection is skipped for the one after it
    // (not for the shared turn, which other requests move meanwhile).
    const attempt = (index, left) => {
      const target = new URL(req.url ?? '/', backends[index % backends.length]);
      // A new connection each time (no keep-alive pool): a dead instance then refuses it, rather
      // than failing the request on a socket kept from before.
      const upstream = request(
        target,
        { method: req.method, headers: req.headers, agent: false },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.once('error', (error) => {
        if (/** @type {NodeJS.ErrnoException} */ (error).code === 'ECONNREFUSED' && left > 1) {
          attempt(index + 1, left - 1);
        } else if (!res.headersSent) res.writeHead(502).end();
        else res.destroy();
      });
      upstream.end(body);
    };
    if (backends.length === 0) res.writeHead(503, { 'retry-after': '1' }).end();
    else {
      next += 1;
      attempt(next - 1, backends.length);
    }
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(undefined));
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://${host}:${address.port}`,
    backends,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === normalize(process.argv[1]);
if (isMain) {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '2' },
      port: { type: 'string', default: process.env.PARTNER_PORT ?? '5174' },
      host: { type: 'string', default: process.env.PARTNER_HOST ?? '127.0.0.1' },
      sandbox: { type: 'string', default: process.env.SANDBOX_URL ?? 'http://127.0.0.1:4010' },
    },
  });
  const partner = await startScaledPartnerApp({
    scale: Number(values.scale),
    port: Number(values.port),
    host: values.host,
    sandboxUrl: values.sandbox,
    output: (line) => process.stdout.write(`${line}\n`),
  }).catch((error) => {
    process.stderr.write(`${error instanceof Error ? error.message : error}\n`);
    process.exit(1);
  });
  process.stdout.write(
    [
      `安吉顺达汽车服务 partner app  ${partner.url}   (platform: ${partner.sandboxUrl})`,
      `  ${partner.instances.length} instances, each its own process, behind a round-robin proxy, sessions in Redis:`,
      ...partner.instances.map(
        ({ id, pid, address }) => `  instance ${id}  pid ${pid}  ${address}`,
      ),
      '',
    ].join('\n'),
  );
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      partner.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}
