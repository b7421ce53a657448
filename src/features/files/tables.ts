// The files table (migration 0012): uploads kept in PostgreSQL with the rest of a group's work.
import type { ColumnType, Generated } from 'kysely';

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
