// The benchmark's last line of defence: a small process of its own (its own session, so
// Ctrl+C does not reach it) that cleans up if bench/run.ts dies without doing so — when
// tsx force-kills a busy process on Ctrl+C, say, or someone uses kill -9.
//
// run.ts writes to our stdin, one line each:
//   dir <path>             a throwaway PostgreSQL data folder: stop its server, remove it
//   db <admin url> <name>  a throwaway database: drop it
//   done                   run.ts cleaned up itself: exit and do nothing
// If stdin closes without `done`, run.ts is gone: we clean up what it told us about.
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { dropDatabase } from '../src/platform/db/admin.ts';

const dirs: string[] = [];
const databases: { adminUrl: string; name: string }[] = [];
let done = false;

for (const signal of ['SIGINT', 'SIGHUP', 'SIGTERM'] as const) process.on(signal, () => {});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function stopServerOn(dir: string): Promise<void> {
  const pidFile = `${dir}/postmaster.pid`;
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  // Fast shutdown; then, if it lingers, immediate shutdown.
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && isAlive(pid); i++) await sleep(100);
  if (isAlive(pid)) process.kill(pid, 'SIGQUIT');
  for (let i = 0; i < 50 && isAlive(pid); i++) await sleep(100);
}

async function cleanUp(): Promise<void> {
  for (const { adminUrl, name } of databases) {
    await dropDatabase(adminUrl, name).catch((error: unknown) => process.stderr.write(`reaper: could not drop ${name}: ${String(error)}\n`));
  }
  for (const dir of dirs) {
    await stopServerOn(dir).catch(() => {});
    await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }).catch((error: unknown) =>
      process.stderr.write(`reaper: could not remove ${dir}: ${String(error)}\n`),
    );
  }
  if (dirs.length || databases.length) process.stderr.write('reaper: cleaned up after an interrupted benchmark\n');
}

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const [command, ...args] = line.split(' ');
  if (command === 'dir' && args[0]) dirs.push(args.join(' '));
  else if (command === 'db' && args[0] && args[1]) databases.push({ adminUrl: args[0], name: args[1] });
  else if (command === 'done') done = true;
});
lines.on('close', () => {
  if (done) process.exit(0);
  // Give the parent's own server-stopping a moment to finish before we step in.
  void sleep(500)
    .then(cleanUp)
    .finally(() => process.exit(0));
});
