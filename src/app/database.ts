// The one file that puts every module's tables into the Database type: the core's, and each
// module's own tables.ts. The handle made at start (connect.ts, the tests, the bench) is typed with
// it; each module's code asks only for the tables it names.
import type { Kysely } from 'kysely';
import type { Database as CoreDatabase } from '../core/schema.ts';
import type { CommunityTables } from '../modules/community/index.ts';
import type { FileTables } from '../modules/files/index.ts';
import type { ObservationTables } from '../modules/observations/index.ts';
import type { TaskTables } from '../modules/tasks/index.ts';

export interface Database extends CoreDatabase, FileTables, TaskTables, CommunityTables, ObservationTables {}

/** The handle on every table. */
export type AppDb = Kysely<Database>;
