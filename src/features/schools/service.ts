// The schools register import: read the GIAS file, then write every good row in ONE
// transaction, so a database failure part-way leaves the register exactly as it was.
import type { Readable } from 'node:stream';
import type { Db } from '../../db/database.ts';
import { parseGias, type Rejection, type SchoolRecord } from './gias.ts';
import { createSchoolsRepository, type UpsertCounts } from './repository.ts';

export { GiasFileError } from './gias.ts';
export type { Rejection } from './gias.ts';

export type ImportSummary = UpsertCounts & {
  /** Data rows in the file. */
  rows: number;
  /** Rows left out, in file order, each with its row number and reason. */
  rejected: Rejection[];
};

/** Called with the schools saved so far and the number to save (rejected rows are not counted). */
export type ImportProgress = (done: number, total: number) => void;

/**
 * Imports a GIAS establishment CSV. Throws GiasFileError (nothing written) when the file cannot
 * be used at all; otherwise saves the good rows and returns what happened to each row.
 */
export async function importSchools(db: Db, input: Buffer | Readable, onProgress?: ImportProgress): Promise<ImportSummary> {
  const parsed = await parseGias(input);
  const counts = await saveSchools(db, parsed.schools, { onProgress });
  return { rows: parsed.rows, ...counts, rejected: parsed.rejected };
}

/** Upserts validated schools by URN, all or nothing. */
export async function saveSchools(
  db: Db,
  schools: readonly SchoolRecord[],
  options: { onProgress?: ImportProgress; chunkSize?: number } = {},
): Promise<UpsertCounts> {
  const total = schools.length;
  options.onProgress?.(0, total);
  if (total === 0) return { added: 0, updated: 0, unchanged: 0 };
  return db.transaction().execute(async (trx) => {
    const schoolsRepository = createSchoolsRepository(trx);
    await schoolsRepository.lockForImport();
    return schoolsRepository.upsert(schools, {
      chunkSize: options.chunkSize,
      onChunk: (done) => options.onProgress?.(done, total),
    });
  });
}
