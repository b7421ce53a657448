// Attendance keeps its marks in the core's attendance table (migration 0011); it also reads the
// gap tasks' tables (a school's completion can require every task submitted).
import type { Kysely } from 'kysely';
import type { Database as CoreDatabase } from '../../core/schema.ts';
import type { TaskTables } from '../tasks/index.ts';

/** What this module's code queries: the core's tables and the gap tasks'. */
export interface Database extends CoreDatabase, TaskTables {}

export type Db = Kysely<Database>;
