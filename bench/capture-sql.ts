// Records the SQL that hubwork's real repositories send, without a database: a Kysely
// handle whose driver keeps each compiled query and answers with no rows (or with the rows
// it is given, for code that needs one to go on, such as an INSERT … RETURNING id). The
// baseline server runs the recorded text, so it asks PostgreSQL exactly what the app asks.
import {
  type CompiledQuery,
  type DatabaseConnection,
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryResult,
} from 'kysely';
import type { AppDb as Db, Database } from '../src/app/database.ts';

export type RecordedQuery = { sql: string; parameters: unknown[] };

class RecordingDriver extends DummyDriver {
  constructor(
    private readonly recorded: RecordedQuery[],
    private readonly rows: Record<string, unknown>[],
  ) {
    super();
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const { recorded, rows } = this;
    return {
      async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
        recorded.push({ sql: query.sql, parameters: [...query.parameters] });
        return { rows: rows.map((row) => ({ ...row })) as R[] };
      },
      // biome-ignore lint/correctness/useYield: nothing is ever streamed here
      async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
        throw new Error('streaming is not recorded');
      },
    };
  }
}

/**
 * Every query `work` sends through the handle it is given, in order. Each query is answered
 * with `rows` (none unless given).
 */
export async function recordQueries(work: (db: Db) => Promise<unknown>, rows: Record<string, unknown>[] = []): Promise<RecordedQuery[]> {
  const recorded: RecordedQuery[] = [];
  const db = new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new RecordingDriver(recorded, rows),
      createIntrospector: (kysely) => new PostgresIntrospector(kysely),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  try {
    await work(db);
  } finally {
    await db.destroy();
  }
  return recorded;
}

/** A recorded query whose placeholder parameters are swapped for real values at run time. */
export function withParameters(query: RecordedQuery, values: Map<unknown, unknown>): unknown[] {
  return query.parameters.map((p) => (values.has(p) ? values.get(p) : p));
}
