// Starting and stopping the servers under test: each a node process of its own that
// prints `ready <url>` on stdout once it listens. Every child is tracked, so an
// interrupted benchmark can still kill them all.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

export const benchDir = import.meta.dirname;
export const projectRoot = path.resolve(benchDir, '..');

export type Server = { name: string; url: string; pid: number; stop(): Promise<void> };

const running = new Set<ChildProcess>();
let silenced = false;

/** From now on, drop what the servers print (for an interrupted run). */
export function silenceServers(): void {
  silenced = true;
}

/** Kills every child still running, at once, without waiting (for signal and exit handlers). */
export function killAllChildrenNow(): void {
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  running.clear();
}

function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

export async function startServer(
  name: string,
  script: string,
  args: string[],
  options: { nodeArgs?: string[]; readyTimeoutMs?: number; log: (message: string) => void },
): Promise<Server> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', path.join(benchDir, script), ...args], {
    cwd: projectRoot,
    // stdin stays open as a lifeline: the child stops when it closes (see child-lifecycle.ts).
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    if (!(await exited(child, 10_000))) {
      options.log(`${name} did not stop within 10 s; killing it`);
      child.kill('SIGKILL');
      await exited(child, 5_000);
    }
    running.delete(child);
  };

  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${name} did not start within ${(options.readyTimeoutMs ?? 60_000) / 1000} s`)),
        options.readyTimeoutMs ?? 60_000,
      );
      const lines = createInterface({ input: child.stdout! });
      let ready = false;
      lines.on('line', (line) => {
        const match = /^ready (http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
        if (!ready && match?.[1]) {
          ready = true;
          clearTimeout(timer);
          resolve(match[1]);
        } else if (!silenced) options.log(`[${name}] ${line}`);
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        if (!ready) reject(new Error(`${name} exited before it was ready (${signal ?? `code ${code}`})`));
      });
    });
    options.log(`${name} ready at ${url} (pid ${child.pid})`);
    return { name, url, pid: child.pid ?? -1, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

export type Reaper = { tell(line: string): void; done(): void };

/**
 * Starts bench/reaper.ts in a session of its own: it cleans up whatever it is told about
 * if this process dies without saying `done` (see reaper.ts).
 */
export function startReaper(): Reaper {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(benchDir, 'reaper.ts')], {
    cwd: projectRoot,
    detached: true,
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  child.unref();
  child.stdin?.on('error', () => {});
  let finished = false;
  return {
    tell: (line) => {
      if (!finished) child.stdin?.write(`${line}\n`);
    },
    done: () => {
      if (finished) return;
      finished = true;
      child.stdin?.end('done\n');
    },
  };
}
