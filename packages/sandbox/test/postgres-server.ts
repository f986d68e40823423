// Starts a throwaway PostgreSQL server for the tests: initdb + pg_ctl in a temp dir on a free
// port, as the `postgres` OS user when running as root (postgres refuses root).
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../../scripts/free-port.ts';
import { openDatabase } from '../src/db/open.js';
import { silentLogger } from '../src/logger.js';
import { loadPersonas } from '../src/personas.js';

const run = promisify(execFile);

export interface PostgresServer {
  url: string;
  /** Shuts the server down cleanly and starts it again on the same port and data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** The folder of `initdb` and `pg_ctl`: `ZHELI_PG_BIN`, Debian's layout, or the PATH. */
function findBinDir(): string | null {
  const fromEnv = process.env.ZHELI_PG_BIN;
  if (fromEnv && existsSync(join(fromEnv, 'pg_ctl'))) return fromEnv;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => existsSync(join(debian, v, 'bin', 'pg_ctl')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(debian, versions[0], 'bin');
  }
  for (const dir of (process.env.PATH ?? '').split(':')) {
    if (dir && existsSync(join(dir, 'pg_ctl')) && existsSync(join(dir, 'initdb'))) return dir;
  }
  return null;
}

/** `runuser` is in sbin, which a non-login PATH may lack. */
function findRunuser(): string {
  const dirs = [...(process.env.PATH ?? '').split(':'), '/usr/sbin', '/sbin', '/usr/bin', '/bin'];
  return dirs.map((dir) => join(dir, 'runuser')).find((path) => existsSync(path)) ?? 'runuser';
}

/** Starts a server, or says why it cannot (no server binaries on this machine). */
export async function startPostgres(): Promise<PostgresServer | { skip: string }> {
  const bin = findBinDir();
  if (!bin) {
    return {
      skip: 'no PostgreSQL server binaries (initdb, pg_ctl) found; install Debian `postgresql` or set ZHELI_PG_BIN',
    };
  }
  const root = process.getuid?.() === 0;
  const dir = await mkdtemp(join(tmpdir(), 'zheli-pg-'));
  const data = join(dir, 'data');
  if (root) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const as = (command: string, args: string[]) =>
    root
      ? run(findRunuser(), ['-u', 'postgres', '--', join(bin, command), ...args])
      : run(join(bin, command), args);
  await as('initdb', [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    '-c listen_addresses=127.0.0.1',
    `-c unix_socket_directories=${dir}`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=200',
  ].join(' ');
  const start = () =>
    as('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', 'start']);
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async restart() {
      await as('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      await start();
    },
    async stop() {
      await as('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A throwaway server as `startPostgres` starts it, with the sandbox's migrations and seed applied
 * once, so that a test's pools open on a ready database. Without PostgreSQL, the reason to skip,
 * also printed as a warning.
 */
export async function startSeededPostgres(): Promise<PostgresServer | { skip: string }> {
  const started = await startPostgres();
  if ('skip' in started) {
    process.emitWarning(`PostgreSQL tests SKIPPED: ${started.skip}`);
    return started;
  }
  const opened = await openDatabase({
    databaseUrl: started.url,
    personas: await loadPersonas(),
    logger: silentLogger,
  });
  await opened.db.close();
  return started;
}
