// The gap tasks' tables (migration 0013).
import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Database as CoreDatabase } from '../../core/schema.ts';
import type { FileTables } from '../files/index.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A DATE column: read back as 'YYYY-MM-DD' (see db/database.ts). */
type DateOnly = ColumnType<string, string, string>;

export interface GapTasksTable {
  id: Generated<number>;
  work_group_id: number;
  title: string;
  /** Plain text: shown with its line breaks, never as HTML. */
  instructions: string;
  due_on: DateOnly;
  after_workshop_id: number | null;
  set_by: number | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface GapTaskResourcesTable {
  task_id: number;
  file_id: number;
}

export interface GapTaskSubmissionsTable {
  id: Generated<number>;
  task_id: number;
  school_urn: number;
  body: string;
  /** 1 on the first save, one more on each save after it. */
  version: Generated<number>;
  submitted_by: number | null;
  submitted_at: Timestamp;
  updated_by: number | null;
  updated_at: Timestamp;
  feedback: string | null;
  feedback_by: number | null;
  feedback_at: Timestamp | null;
  /** The version of the submission the feedback was given on. */
  feedback_on_version: number | null;
  shared: Generated<boolean>;
}

export interface GapTaskSubmissionFilesTable {
  submission_id: number;
  file_id: number;
}

export interface GapTaskHeldFilesTable {
  file_id: number;
  user_id: number;
  work_group_id: number;
  held_at: Timestamp;
}

export interface TaskTables {
  gap_tasks: GapTasksTable;
  gap_task_resources: GapTaskResourcesTable;
  gap_task_submissions: GapTaskSubmissionsTable;
  gap_task_submission_files: GapTaskSubmissionFilesTable;
  gap_task_held_files: GapTaskHeldFilesTable;
}

/** What this module's code queries: the core's tables and its own, and the files its posts and tasks carry. */
export interface Database extends CoreDatabase, TaskTables, FileTables {}

export type Db = Kysely<Database>;
