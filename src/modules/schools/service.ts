// The schools register import: read the GIAS file, then write every good row in ONE
// transaction, so a database failure part-way leaves the register exactly as it was.
import type { Readable } from 'node:stream';
import type { Db } from '../../core/schema.ts';
import { writeAudit } from '../../core/audit/repository.ts';
import { parseGias, type Rejection, type SchoolRecord } from './gias.ts';
import { createSchoolsRepository, type RegisterStats, type UpsertCounts } from '../../core/schools/repository.ts';

export { GiasFileError } from './gias.ts';
export type { Rejection } from './gias.ts';
export type { RegisterStats } from '../../core/schools/repository.ts';

export type ImportSummary = UpsertCounts & {
  /** Data rows in the file. */
  rows: number;
  /** Rows left out, in file order, each with its row number and reason. */
  rejected: Rejection[];
};

/** Called with the schools saved so far and the number to save (rejected rows are not counted). */
export type ImportProgress = (done: number, total: number) => void;

/**
 * Runs inside the import's transaction once the schools are saved (an audit entry, say): if it
 * throws, the import is undone with it.
 */
export type AfterImport = (trx: Db, summary: ImportSummary) => Promise<void>;

/**
 * Imports a GIAS establishment CSV. Throws GiasFileError (nothing written) when the file cannot
 * be used at all; otherwise saves the good rows and returns what happened to each row.
 */
export async function importSchools(
  db: Db,
  input: Buffer | Readable,
  onProgress?: ImportProgress,
  options: { afterImport?: AfterImport } = {},
): Promise<ImportSummary> {
  const parsed = await parseGias(input);
  const { afterImport } = options;
  const summaryOf = (counts: UpsertCounts): ImportSummary => ({ rows: parsed.rows, ...counts, rejected: parsed.rejected });
  const counts = await saveSchools(db, parsed.schools, {
    onProgress,
    afterSave: afterImport && ((trx, saved) => afterImport(trx, summaryOf(saved))),
  });
  return summaryOf(counts);
}

/**
 * Upserts validated schools by URN, all or nothing. `afterSave` runs in the same transaction
 * (even when there is nothing to save), so what it writes stands or falls with the schools.
 */
export async function saveSchools(
  db: Db,
  schools: readonly SchoolRecord[],
  options: { onProgress?: ImportProgress; chunkSize?: number; afterSave?: (trx: Db, counts: UpsertCounts) => Promise<void> } = {},
): Promise<UpsertCounts> {
  const total = schools.length;
  options.onProgress?.(0, total);
  if (total === 0 && !options.afterSave) return { added: 0, updated: 0, unchanged: 0 };
  return db.transaction().execute(async (trx) => {
    const schoolsRepository = createSchoolsRepository(trx);
    await schoolsRepository.lockForImport();
    const counts = await schoolsRepository.upsert(schools, {
      chunkSize: options.chunkSize,
      onChunk: (done) => options.onProgress?.(done, total),
    });
    await options.afterSave?.(trx, counts);
    return counts;
  });
}

/** The register for the administration pages: what it holds, and imports audited to the person who ran them. */
export function createSchoolsService(db: Db) {
  const schools = createSchoolsRepository(db);
  return {
    stats(): Promise<RegisterStats> {
      return schools.stats();
    },

    /**
     * Imports an uploaded GIAS file for `actorUserId`; the audit entry (action `schools.imported`,
     * subject the file's name) is written in the import's transaction. Throws GiasFileError as
     * importSchools does, and then nothing is written, audit included.
     */
    importUpload(actorUserId: number, fileName: string, bytes: Buffer): Promise<ImportSummary> {
      return importSchools(db, bytes, undefined, {
        afterImport: (trx, summary) =>
          writeAudit(trx, {
            actorUserId,
            action: 'schools.imported',
            subjectType: 'schools',
            subjectId: fileName,
            hubId: null,
            changes: { added: summary.added, updated: summary.updated, rejected: summary.rejected.length },
          }),
      });
    },
  };
}

export type SchoolsService = ReturnType<typeof createSchoolsService>;
