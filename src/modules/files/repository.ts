// The SQL of uploaded files: kept whole in PostgreSQL (bytea), written inside the caller's
// transaction so a file exists only with the post, submission or resource it belongs to.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { FileTables } from './tables.ts';
import type { CheckedFile } from './check.ts';

/** Any module's handle (or transaction) whose tables include the files table, as the files table's. */
const asFiles = <T extends FileTables>(db: Kysely<T>) => db as unknown as Kysely<FileTables>;

/** Saves a checked file; returns its id. `db` may be a transaction. */
export async function saveFile<T extends FileTables>(db: Kysely<T>, file: CheckedFile, uploadedBy: number | null): Promise<number> {
  const { id } = await asFiles(db)
    .insertInto('files')
    .values({
      name: file.name,
      content_type: file.contentType,
      size: file.bytes.length,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
      data: file.bytes,
      uploaded_by: uploadedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** A file with its content, by id (the caller has checked the reader may see it). */
export async function readFile<T extends FileTables>(db: Kysely<T>, id: number) {
  return asFiles(db).selectFrom('files').select(['id', 'name', 'content_type', 'size', 'data', 'created_at']).where('id', '=', id).executeTakeFirst();
}

