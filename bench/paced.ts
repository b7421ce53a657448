// An open-loop load at a steady rate, for latency goals (run.ts, a workload's `paced`).
//
// autocannon's own rate limit sends each connection's share of a second's requests together
// at the start of the second, a burst that queues behind itself; and a closed loop measures
// how long requests wait behind one another at saturation. Here requests arrive as a Poisson
// process at the given rate, whatever the server is doing (as people's clicks do), over a
// pool of keep-alive connections; each one's time runs from when it was due, so a request that
// waits for a free connection counts that wait (no coordinated omission).
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Request } from 'autocannon';
import { type Figures, figures } from './load.ts';

let stopCurrent: (() => void) | undefined;

/** Stops the paced run in progress, if any. */
export function stopPaced(): void {
  stopCurrent?.();
}

export async function pacedLoad(options: {
  baseUrl: string;
  requests: Request[];
  ok: (status: number) => boolean;
  rps: number;
  connections: number;
  warmupS: number;
  durationS: number;
}): Promise<Figures> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const base = new URL(options.baseUrl);
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let non2xx = 0;
  let errors = 0;
  let timeouts = 0;
  let next = 0;
  let stopped = false;
  const inFlight = new Set<Promise<void>>();

  const start = performance.now();
  const measureFrom = start + options.warmupS * 1000;
  const end = measureFrom + options.durationS * 1000;

  function send(due: number): Promise<void> {
    const template = options.requests[next++ % options.requests.length]!;
    const request = template.setupRequest ? template.setupRequest({ ...template }, {}) : template;
    const counted = due >= measureFrom;
    return new Promise<void>((resolve) => {
      const req = http.request(
        { host: base.hostname, port: base.port, agent, method: request.method ?? 'GET', path: request.path ?? '/', headers: request.headers, timeout: 10_000 },
        (response) => {
          response.resume();
          response.on('end', () => {
            const status = response.statusCode ?? 0;
            if (counted) {
              statusCodes[status] = (statusCodes[status] ?? 0) + 1;
              if (options.ok(status)) latencies.push(performance.now() - due);
              else non2xx++;
            }
            resolve();
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('request timed out')));
      req.on('error', (error) => {
        if (counted) {
          errors++;
          if (/timed out/.test(error.message)) timeouts++;
        }
        resolve();
      });
      req.end(request.body);
    });
  }

  // Arrivals: exponential gaps with mean 1/rps; each request is sent when it is due.
  await new Promise<void>((resolve) => {
    let due = start;
    stopCurrent = () => {
      stopped = true;
      resolve();
    };
    const tick = () => {
      if (stopped) return;
      const now = performance.now();
      while (due <= now && due < end) {
        const sent = send(due);
        inFlight.add(sent);
        void sent.then(() => inFlight.delete(sent));
        due += (-Math.log(1 - Math.random()) / options.rps) * 1000;
      }
      if (due >= end) return resolve();
      setTimeout(tick, Math.max(0, due - performance.now()));
    };
    tick();
  });
  await Promise.all(inFlight);
  stopCurrent = undefined;
  agent.destroy();

  return figures(latencies, { windowS: options.durationS, non2xx, errors, timeouts, statusCodes });
}
