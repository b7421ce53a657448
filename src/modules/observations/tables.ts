// Lesson observations' tables (migrations 0015 and 0016).
import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Database as CoreDatabase } from '../../core/schema.ts';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type Focus = 'coherence' | 'representation_structure' | 'mathematical_thinking' | 'fluency' | 'variation' | 'other';

export interface LessonObservationsTable {
  id: Generated<number>;
  work_group_id: number;
  school_urn: number;
  offered_by: number;
  starts_at: Timestamp;
  ends_at: Timestamp;
  class_name: string;
  focus: Focus;
  focus_other: string | null;
  arrival: string;
  observer_limit: number;
  observers_count: Generated<number>;
  notes: string | null;
  notes_by: number | null;
  notes_at: Date | null;
  cancelled_at: Date | null;
  cancelled_by: number | null;
  cancel_reason: string | null;
  created_at: Timestamp;
  /** The iCalendar SEQUENCE of the latest copy of the lesson sent to observers (migration 0016). */
  calendar_sequence: Generated<number>;
  changed_at: Date | null;
  changed_by: number | null;
}

export interface LessonObserversTable {
  observation_id: number;
  user_id: number;
  signed_up_at: Timestamp;
}

export interface ObservationTables {
  lesson_observations: LessonObservationsTable;
  lesson_observers: LessonObserversTable;
}

/** What this module's code queries: the core's tables and its own. */
export interface Database extends CoreDatabase, ObservationTables {}

export type Db = Kysely<Database>;
