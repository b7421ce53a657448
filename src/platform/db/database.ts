// Opens a Kysely handle on a PostgreSQL server. Nothing imports a global handle:
// the handle is made once at start and passed to the repositories.
import { Kysely, PostgresDialect, type QueryExecutorProvider, sql, type Transaction } from 'kysely';
import pg from 'pg';

// DATE columns stay 'YYYY-MM-DD' strings: a calendar date has no time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

/**
 * What a repository function runs its statements on: the handle, or the caller's transaction,
 * typed by the tables it may name (a handle over more tables is accepted).
 */
export type Executor<Tables> = Kysely<Tables> | Transaction<Tables>;

/** What raw SQL (Kysely's sql`…`) runs on: any handle or transaction, whatever its tables. */
export type SqlExecutor = QueryExecutorProvider;

/**
 * How long the web process waits for PostgreSQL before it gives up and answers 503. A database
 * that is down refuses at once; one that is frozen (or behind a broken network) would otherwise
 * hold each request for minutes.
 */
export type DatabaseTimeouts = {
  /** To open a connection (TCP and PostgreSQL's start-up), in ms; a request waits for a free one up to statementMs. */
  connectMs: number;
  /**
   * For one statement, in ms: PostgreSQL cancels it (statement_timeout), and the client stops
   * waiting a little later (query_timeout) in case the server cannot even do that.
   */
  statementMs: number;
};

export const DEFAULT_TIMEOUTS: DatabaseTimeouts = { connectMs: 5000, statementMs: 10_000 };

/** How much longer than the server's statement timeout the client waits for an answer. */
const CLIENT_GRACE_MS = 2000;

export type DatabaseOptions = {
  /** `false` for operators' long-running work (migrations, imports from the command line, seeding). */
  timeouts?: DatabaseTimeouts | false;
  /** Told about each connection lost under the pool (the pool replaces it); by default nothing is said. */
  onConnectionError?: (error: Error) => void;
};

export function createDatabase<Tables>(connectionString: string, poolSize = 10, options: DatabaseOptions = {}): Kysely<Tables> {
  const timeouts = options.timeouts === undefined ? DEFAULT_TIMEOUTS : options.timeouts;
  // pg's pool uses one setting both for connecting and for waiting for a free connection. Under a
  // burst (a registration storm) requests queue for a connection for longer than a connection
  // takes to open: they wait up to a statement's time, while each new connection gets connectMs.
  const connectMs = timeouts ? timeouts.connectMs : 0;
  // A connection whose statement got no answer in time (the server frozen, or cut off), or that
  // the server ended (a restart, pg_terminate_backend), is closed and left out of the pool at
  // once, not handed to the next request to fail on or wait on too: the pool opens a new one
  // (which fails within connectMs while the server stays away).
  class TimedClient extends pg.Client {
    constructor(config: pg.ClientConfig) {
      super({ ...config, connectionTimeoutMillis: connectMs });
    }
    // biome-ignore lint/suspicious/noExplicitAny: pg's query has a dozen overloads; this passes them all through.
    override query(...args: any[]): any {
      // biome-ignore lint/suspicious/noExplicitAny: as above.
      const result = (super.query as (...a: any[]) => any)(...args);
      if (result && typeof result.catch === 'function') {
        // Attached before the caller's await, so it runs before the connection is released.
        result.catch((error: unknown) => {
          if (!isConnectionLost(error)) return;
          const self = this as unknown as { _queryable: boolean; connection?: { stream?: { destroy(): void } } };
          self._queryable = false;
          self.connection?.stream?.destroy();
        });
      }
      return result;
    }
  }
  const pool = new pg.Pool({
    connectionString,
    max: poolSize,
    application_name: 'hubwork',
    ...(timeouts && {
      // pg's types say the pool's Client takes no arguments; pg-pool gives it the pool's options.
      Client: TimedClient as unknown as new () => pg.ClientBase,
      connectionTimeoutMillis: Math.max(timeouts.statementMs, timeouts.connectMs),
      statement_timeout: timeouts.statementMs,
      query_timeout: timeouts.statementMs + CLIENT_GRACE_MS,
      // A transaction left open by a request that died holds its locks no longer than this.
      idle_in_transaction_session_timeout: timeouts.statementMs * 6,
    }),
  });
  const lost = (error: Error) => options.onConnectionError?.(error);
  // A connection that dies, idle or in use (a restart, pg_terminate_backend, a network cut), must
  // never end the process: an 'error' event with no listener would. pg's pool listens to idle
  // connections itself and removes them; a connection in use is listened to here, from its
  // creation, and its query fails with the error, which the request turns into a 503.
  pool.on('error', lost);
  pool.on('connect', (client) => client.on('error', lost));
  return new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
}

/** PostgreSQL's SQLSTATEs (and pg's and Node's errors) that say the database cannot be reached now. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01', // admin_shutdown: the server is stopping, or pg_terminate_backend
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '57014', // query_canceled: the statement timeout
  '53300', // too_many_connections
  '25P03', // idle_in_transaction_session_timeout
]);

const UNAVAILABLE_MESSAGES = [
  /timeout exceeded when trying to connect/i, // waiting for a free connection (pg-pool)
  /^timeout expired$/, // opening a connection (pg's client)
  /connection terminated/i,
  /query read timeout/i,
  /not queryable/i,
  /terminating connection/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /Connection closed|connection is closed/i,
];

/**
 * Is this error PostgreSQL being away (down, restarting, frozen, out of connections), rather than
 * a mistake in a query? Such a request is answered 503 and may be tried again.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    if (typeof current !== 'object') return false;
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
    // AggregateError (a connection refused on both IPv4 and IPv6) carries its reasons in errors.
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.some((inner) => isDatabaseUnavailable(inner))) return true;
    current = cause;
  }
  return false;
}

/** The connection itself is gone or unusable (not merely a statement cancelled by its timeout). */
function isConnectionLost(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03';
  return /^Query read timeout$|connection terminated|not queryable/i.test(error.message);
}

/** Whether the database answers now, within the time given (for /readyz). */
export async function databaseAnswers(db: SqlExecutor, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    const answered = sql`SELECT 1`
      .execute(db)
      .then(() => true, () => false);
    return await Promise.race([answered, late]);
  } finally {
    clearTimeout(timer);
  }
}
