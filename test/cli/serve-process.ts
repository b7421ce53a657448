// `npm run hubwork -- serve` as an operator runs it, in a child process, for the tests that stop,
// kill and starve it: start it, wait for it, send it a form, watch it go.
import { type ChildProcess, spawn } from 'node:child_process';
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export type Running = { child: ChildProcess; output: () => string; ready: Promise<number> };

/** A new, empty HUBWORK_DATA_DIR that PostgreSQL's own user can reach. */
export async function dataFolder(prefix = 'hubwork-serve-'): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  await chmod(dir, 0o755);
  return dir;
}

/**
 * Starts `serve --demo` with only the settings given (and PATH, HOME). `detached` puts it in a
 * process group of its own, as a terminal does, so a test can send Ctrl+C's SIGINT to the group.
 */
export function startServe(env: Record<string, string>, options: { detached?: boolean } = {}): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--demo'], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  });
  let output = '';
  const startedAt = Date.now();
  const ready = new Promise<number>((resolve, reject) => {
    child.stdout?.on('data', (chunk) => {
      output += chunk;
      if (output.includes('hubwork is ready at')) resolve(Date.now() - startedAt);
    });
    child.stderr?.on('data', (chunk) => {
      output += chunk;
    });
    child.on('exit', (code) => reject(new Error(`hubwork exited (${code}) before it was ready:\n${output}`)));
  });
  return { child, output: () => output, ready };
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
  return new Promise((resolve) => child.on('exit', (code) => resolve(code)));
}

export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return check();
}

/** Asks for a password reset through the form (with its CSRF cookie and token), as a browser would. */
export async function askForPasswordReset(port: number, email: string): Promise<number> {
  const form = await fetch(`http://127.0.0.1:${port}/password-reset`);
  const cookie = form.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const token = /name="_csrf"[^>]*value="([^"]*)"/.exec(await form.text())?.[1] ?? '';
  const sent = await fetch(`http://127.0.0.1:${port}/password-reset`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, email }),
  });
  return sent.status;
}
