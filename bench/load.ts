// One load run with autocannon, and the figures the benchmark reports from it.
//
// The warm-up and the measured run are one continuous autocannon run on the same
// connections; only responses completed after the warm-up count. (Two separate runs would
// open 50 fresh connections at the start of the measured one, and the first response on
// each of those arrives late — up to a second on a saturated server — which on its own
// decides the p99.)
import { performance } from 'node:perf_hooks';
import autocannon, { type Request } from 'autocannon';

export type Figures = {
  rps: number;
  p50: number;
  p99: number;
  /** responses completed in the measured window */
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
};

export type LoadResult = {
  measured: Figures;
  /** non-2xx answers plus errors (connection errors, timeouts) over the whole run, warm-up included */
  failedInRun: number;
};

/**
 * A latency goal and the steady load it is measured at. Under the saturating run's closed loop
 * a request's time is mostly its wait behind the other connections' (Little's law: p99 grows
 * with connections ÷ throughput), so a p99 goal is measured again at a fixed rate the server
 * keeps up with: what a person waits for on a busy day, not at the point of overload.
 */
export type Paced = { rps: number; connections: number; goalP99Ms: number };

let stopCurrent: (() => void) | undefined;

/** Stops the run in progress, if any (for an interrupted benchmark). */
export function stopLoad(): void {
  stopCurrent?.();
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
}

/** The figures of a measured window: its latencies (sorted here) and what failed. */
export function figures(latencies: number[], window: { windowS: number } & Omit<Figures, 'rps' | 'p50' | 'p99' | 'requests'>): Figures {
  const { windowS, ...failed } = window;
  latencies.sort((a, b) => a - b);
  const requests = latencies.length + failed.non2xx;
  return { rps: windowS > 0 ? requests / windowS : 0, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), requests, ...failed };
}

export async function load(options: {
  baseUrl: string;
  paths: string[];
  connections: number;
  warmupS: number;
  durationS: number;
  /** Called when the measured window opens (e.g. to start CPU meters). */
  onMeasureStart?: () => void;
  /** Requests to send instead of GETs of the paths (a method, headers, a body). */
  requests?: Request[];
  /** Which answers count as served (default: 2xx; a form's POST answers 303). */
  ok?: (status: number) => boolean;
}): Promise<LoadResult> {
  const ok = options.ok ?? ((status: number) => status >= 200 && status < 300);
  const instance = autocannon({
    url: options.baseUrl,
    connections: options.connections,
    duration: options.warmupS + options.durationS,
    timeout: 10,
    // Each connection cycles through the paths (or requests) in turn.
    requests: options.requests ?? options.paths.map((path) => ({ method: 'GET', path })),
  });
  stopCurrent = () => instance.stop();

  let measuring = false;
  let windowStart = 0;
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let non2xx = 0;
  let errors = 0;
  let timeouts = 0;
  let failedAnswers = 0;
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (!ok(statusCode)) failedAnswers++;
    if (!measuring) return;
    statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
    if (ok(statusCode)) latencies.push(responseTime);
    else non2xx++;
  });
  instance.on('reqError', (error) => {
    if (!measuring) return;
    errors++;
    if (/timed out/.test(error.message)) timeouts++;
  });
  const opening = setTimeout(() => {
    measuring = true;
    windowStart = performance.now();
    options.onMeasureStart?.();
  }, options.warmupS * 1000);

  try {
    const result = await instance;
    const windowS = measuring ? (performance.now() - windowStart) / 1000 : 0;
    measuring = false;
    return {
      measured: figures(latencies, { windowS, non2xx, errors, timeouts, statusCodes }),
      failedInRun: failedAnswers + result.errors + result.mismatches,
    };
  } finally {
    clearTimeout(opening);
    stopCurrent = undefined;
  }
}
