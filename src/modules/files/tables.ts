// The files table (migration 0012): uploads kept in PostgreSQL with the rest of a group's work.
import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Database as CoreDatabase } from '../../core/schema.ts';

export interface FilesTable {
  id: Generated<number>;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  data: Buffer;
  uploaded_by: number | null;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

export interface FileTables {
  files: FilesTable;
}

/** What this module's code queries: the core's tables and its own. */
export interface Database extends CoreDatabase, FileTables {}

export type Db = Kysely<Database>;
