// All the SQL of gap tasks: a group's tasks and their resource files (and deleting a task set by
// mistake), each school's submission with its files, the lead's feedback, sharing, and the files
// held for a form sent back with a problem. Writes go through a Writer, inside one transaction with the emails they cause.
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database, Db } from './tables.ts';
import type { CheckedFile } from '../files/index.ts';
import { saveFile } from '../files/index.ts';
import { activeAccounts } from '../../core/identity/accounts-repository.ts';
import { workshopsOf } from '../../core/work-groups/workshops-repository.ts';

export type TaskValues = { title: string; instructions: string; due_on: string; after_workshop_id: number | null };

/** What a list shows of a file (no content). */
const FILE_COLUMNS = ['f.id', 'f.name', 'f.content_type', 'f.size', 'f.sha256'] as const;

function taskQuery(db: Kysely<Database>) {
  return db
    .selectFrom('gap_tasks as t')
    .leftJoin('workshops as s', 's.id', 't.after_workshop_id')
    .leftJoin('users as u', 'u.id', 't.set_by')
    .select([
      't.id',
      't.work_group_id',
      't.title',
      't.instructions',
      't.due_on',
      't.after_workshop_id',
      't.created_at',
      't.updated_at',
      's.workshop_number as after_workshop',
      's.title as after_title',
      'u.name as set_by_name',
    ]);
}

function submissionQuery(db: Kysely<Database>) {
  return db
    .selectFrom('gap_task_submissions as sub')
    .innerJoin('schools as sc', 'sc.urn', 'sub.school_urn')
    .leftJoin('users as first', 'first.id', 'sub.submitted_by')
    .leftJoin('users as last', 'last.id', 'sub.updated_by')
    .leftJoin('users as reviewer', 'reviewer.id', 'sub.feedback_by')
    .select([
      'sub.id',
      'sub.task_id',
      'sub.school_urn',
      'sc.name as school_name',
      'sub.body',
      'sub.version',
      'sub.submitted_by',
      'sub.submitted_at',
      'sub.updated_by',
      'sub.updated_at',
      'sub.feedback',
      'sub.feedback_at',
      'sub.feedback_on_version',
      'sub.shared',
      'first.name as submitted_by_name',
      'last.name as updated_by_name',
      'reviewer.name as feedback_by_name',
    ]);
}

export type TaskRow = Awaited<ReturnType<ReturnType<typeof taskQuery>['executeTakeFirstOrThrow']>>;
export type SubmissionRow = Awaited<ReturnType<ReturnType<typeof submissionQuery>['executeTakeFirstOrThrow']>>;

async function filesOfSubmissions(db: Kysely<Database>, submissionIds: number[]) {
  if (!submissionIds.length) return [];
  return db
    .selectFrom('gap_task_submission_files as sf')
    .innerJoin('files as f', 'f.id', 'sf.file_id')
    .select(['sf.submission_id', ...FILE_COLUMNS])
    .where('sf.submission_id', 'in', submissionIds)
    .orderBy('f.id')
    .execute();
}

function writer(trx: Transaction<Database>) {
  return {
    /** For the emails queued with the change (jobs/queue's enqueueMail). */
    trx,

    async insertTask(workGroupId: number, values: TaskValues, userId: number, now: Date): Promise<number> {
      const { id } = await trx
        .insertInto('gap_tasks')
        .values({ work_group_id: workGroupId, ...values, set_by: userId, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },

    async updateTask(taskId: number, values: TaskValues, now: Date): Promise<void> {
      await trx.updateTable('gap_tasks').set({ ...values, updated_at: now }).where('id', '=', taskId).execute();
    },

    /**
     * Deletes the task, unless a school has submitted for it: the task's row is locked first, so a
     * submission cannot go in between the count and the delete. Its resource files go with it (a
     * resource file belongs to one task only, like removeResources). Returns how many schools had
     * submitted (nothing deleted then), or undefined if the task is gone already.
     */
    async deleteTask(taskId: number): Promise<{ deleted: true } | { deleted: false; submitted: number } | undefined> {
      const locked = await trx.selectFrom('gap_tasks').select('id').where('id', '=', taskId).forUpdate().executeTakeFirst();
      if (!locked) return undefined;
      const { count } = await trx
        .selectFrom('gap_task_submissions')
        .select((eb) => eb.fn.countAll<string>().as('count'))
        .where('task_id', '=', taskId)
        .executeTakeFirstOrThrow();
      if (Number(count) > 0) return { deleted: false, submitted: Number(count) };
      await trx.deleteFrom('files').where('id', 'in', trx.selectFrom('gap_task_resources').select('file_id').where('task_id', '=', taskId)).execute();
      await trx.deleteFrom('gap_tasks').where('id', '=', taskId).execute();
      return { deleted: true };
    },

    /** Saves checked files; returns their ids. */
    async saveFiles(files: CheckedFile[], userId: number): Promise<number[]> {
      const ids: number[] = [];
      for (const file of files) ids.push(await saveFile(trx, file, userId));
      return ids;
    },

    async linkResources(taskId: number, fileIds: number[]): Promise<void> {
      if (!fileIds.length) return;
      await trx.insertInto('gap_task_resources').values(fileIds.map((file_id) => ({ task_id: taskId, file_id }))).execute();
    },

    /** Deletes the task's resources with these ids (and their content); others' ids are ignored. */
    async removeResources(taskId: number, fileIds: number[]): Promise<void> {
      if (!fileIds.length) return;
      await trx
        .deleteFrom('files')
        .where('id', 'in', trx.selectFrom('gap_task_resources').select('file_id').where('task_id', '=', taskId).where('file_id', 'in', fileIds))
        .execute();
    },

    /** Keeps files chosen on a form that was sent back, for the person's next try. */
    async holdFiles(fileIds: number[], userId: number, workGroupId: number, now: Date): Promise<void> {
      if (!fileIds.length) return;
      await trx
        .insertInto('gap_task_held_files')
        .values(fileIds.map((file_id) => ({ file_id, user_id: userId, work_group_id: workGroupId, held_at: now })))
        .execute();
    },

    /** Takes the person's held files with these ids (held since `since`) off hold; returns the ids taken. */
    async claimHeld(fileIds: number[], userId: number, workGroupId: number, since: Date): Promise<number[]> {
      if (!fileIds.length) return [];
      const rows = await trx
        .deleteFrom('gap_task_held_files')
        .where('file_id', 'in', fileIds)
        .where('user_id', '=', userId)
        .where('work_group_id', '=', workGroupId)
        .where('held_at', '>=', since)
        .returning('file_id')
        .execute();
      return rows.map((r) => r.file_id);
    },

    /** Deletes files held since before `before` and never used. */
    async dropStaleHeld(before: Date): Promise<void> {
      await trx
        .deleteFrom('files')
        .where('id', 'in', trx.selectFrom('gap_task_held_files').select('file_id').where('held_at', '<', before))
        .execute();
    },

    /** The school's submission to the task, locked until the transaction ends. */
    async lockSubmission(taskId: number, schoolUrn: number) {
      return trx
        .selectFrom('gap_task_submissions')
        .select(['id', 'version', 'body', 'updated_by', 'updated_at'])
        .where('task_id', '=', taskId)
        .where('school_urn', '=', schoolUrn)
        .forUpdate()
        .executeTakeFirst();
    },

    /** A school's first submission; undefined if a colleague's went in first. */
    async insertSubmission(taskId: number, schoolUrn: number, body: string, userId: number, now: Date): Promise<number | undefined> {
      const row = await trx
        .insertInto('gap_task_submissions')
        .values({ task_id: taskId, school_urn: schoolUrn, body, submitted_by: userId, submitted_at: now, updated_by: userId, updated_at: now })
        .onConflict((oc) => oc.columns(['task_id', 'school_urn']).doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id;
    },

    async updateSubmission(submissionId: number, body: string, userId: number, now: Date): Promise<void> {
      await trx
        .updateTable('gap_task_submissions')
        .set({ body, updated_by: userId, updated_at: now, version: sql`version + 1` })
        .where('id', '=', submissionId)
        .execute();
    },

    submissionFiles: (submissionId: number) => filesOfSubmissions(trx, [submissionId]),

    async linkSubmissionFiles(submissionId: number, fileIds: number[]): Promise<void> {
      if (!fileIds.length) return;
      await trx.insertInto('gap_task_submission_files').values(fileIds.map((file_id) => ({ submission_id: submissionId, file_id }))).execute();
    },

    /** Deletes the submission's files with these ids (and their content). */
    async removeSubmissionFiles(submissionId: number, fileIds: number[]): Promise<void> {
      if (!fileIds.length) return;
      await trx
        .deleteFrom('files')
        .where(
          'id',
          'in',
          trx.selectFrom('gap_task_submission_files').select('file_id').where('submission_id', '=', submissionId).where('file_id', 'in', fileIds),
        )
        .execute();
    },

    /** The lead's feedback on the submission as it stands; returns what it replaced and who submitted. */
    async setFeedback(submissionId: number, feedback: string, userId: number, now: Date) {
      const before = await trx
        .selectFrom('gap_task_submissions')
        .select(['feedback', 'submitted_by', 'updated_by'])
        .where('id', '=', submissionId)
        .forUpdate()
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('gap_task_submissions')
        .set({ feedback, feedback_by: userId, feedback_at: now, feedback_on_version: sql`version` })
        .where('id', '=', submissionId)
        .execute();
      return before;
    },

    async setShared(submissionId: number, shared: boolean): Promise<void> {
      await trx.updateTable('gap_task_submissions').set({ shared }).where('id', '=', submissionId).execute();
    },

    /** Names and addresses of accounts, by id. */
    async users(ids: number[]) {
      return activeAccounts(trx, ids);
    },
  };
}

export type TaskWriter = ReturnType<typeof writer>;

export function createTaskRepository(db: Db) {
  return {
    async inTransaction<T>(work: (w: TaskWriter) => Promise<T>): Promise<T> {
      return db.transaction().execute((trx) => work(writer(trx)));
    },

    /** The group's workshops in order, for "set after workshop…". */
    async sessions(workGroupId: number) {
      return workshopsOf(db, workGroupId);
    },

    /** The group's tasks, soonest due first. */
    async tasks(workGroupId: number) {
      return taskQuery(db).where('t.work_group_id', '=', workGroupId).orderBy('t.due_on').orderBy('t.id').execute();
    },

    /** One of the group's tasks (undefined if the id is another group's, or none). */
    async task(workGroupId: number, taskId: number) {
      return taskQuery(db).where('t.work_group_id', '=', workGroupId).where('t.id', '=', taskId).executeTakeFirst();
    },

    async resources(taskId: number) {
      return db
        .selectFrom('gap_task_resources as r')
        .innerJoin('files as f', 'f.id', 'r.file_id')
        .select(FILE_COLUMNS)
        .where('r.task_id', '=', taskId)
        .orderBy('f.id')
        .execute();
    },

    /** For each of these groups, the school the person takes part for (by their registered email). */
    async schoolsInGroups(workGroupIds: number[], email: string) {
      if (!workGroupIds.length) return [];
      return db
        .selectFrom('registration_participants as p')
        .innerJoin('registrations as r', 'r.id', 'p.registration_id')
        .select(['r.work_group_id', 'r.school_urn'])
        .where('r.work_group_id', 'in', workGroupIds)
        .where('r.status', '=', 'confirmed')
        .where(sql`lower(p.email)`, '=', email.toLowerCase())
        .orderBy('r.id')
        .execute();
    },

    /** Every submission to these tasks (no files). */
    async submissions(taskIds: number[]) {
      if (!taskIds.length) return [];
      return submissionQuery(db).where('sub.task_id', 'in', taskIds).orderBy('sc.name').execute();
    },

    /** One submission to the task (undefined if the id is another task's, or none). */
    async submission(taskId: number, submissionId: number) {
      return submissionQuery(db).where('sub.task_id', '=', taskId).where('sub.id', '=', submissionId).executeTakeFirst();
    },

    async submissionOfSchool(taskId: number, schoolUrn: number) {
      return submissionQuery(db).where('sub.task_id', '=', taskId).where('sub.school_urn', '=', schoolUrn).executeTakeFirst();
    },

    submissionFiles: (submissionIds: number[]) => filesOfSubmissions(db, submissionIds),

    /** What a file is to the task: one of its resources, or a file of one of its submissions. */
    async fileOfTask(taskId: number, fileId: number) {
      const resource = await db
        .selectFrom('gap_task_resources')
        .select('file_id')
        .where('task_id', '=', taskId)
        .where('file_id', '=', fileId)
        .executeTakeFirst();
      if (resource) return { kind: 'resource' as const };
      const submission = await db
        .selectFrom('gap_task_submission_files as sf')
        .innerJoin('gap_task_submissions as sub', 'sub.id', 'sf.submission_id')
        .select(['sub.id', 'sub.school_urn', 'sub.shared'])
        .where('sub.task_id', '=', taskId)
        .where('sf.file_id', '=', fileId)
        .executeTakeFirst();
      return submission ? { kind: 'submission' as const, submission } : undefined;
    },

    /** The person's files held for their next try on one of the group's forms (held since `since`). */
    async heldFiles(fileIds: number[], userId: number, workGroupId: number, since: Date) {
      if (!fileIds.length) return [];
      return db
        .selectFrom('gap_task_held_files as h')
        .innerJoin('files as f', 'f.id', 'h.file_id')
        .select(FILE_COLUMNS)
        .where('h.file_id', 'in', fileIds)
        .where('h.user_id', '=', userId)
        .where('h.work_group_id', '=', workGroupId)
        .where('h.held_at', '>=', since)
        .orderBy('f.id')
        .execute();
    },

    /** Tasks of these groups due on or after the date, with their group, soonest first. */
    async tasksDueFrom(workGroupIds: number[], fromDate: string) {
      if (!workGroupIds.length) return [];
      return db
        .selectFrom('gap_tasks as t')
        .innerJoin('work_groups as wg', 'wg.id', 't.work_group_id')
        .select(['t.id', 't.title', 't.due_on', 't.work_group_id', 'wg.code', 'wg.title as group_title'])
        .where('t.work_group_id', 'in', workGroupIds)
        .where('t.due_on', '>=', fromDate)
        .orderBy('t.due_on')
        .orderBy('t.id')
        .execute();
    },

    /** Which of these schools have submitted to which of these tasks. */
    async submittedSchools(taskIds: number[]) {
      if (!taskIds.length) return [];
      return db.selectFrom('gap_task_submissions').select(['task_id', 'school_urn']).where('task_id', 'in', taskIds).execute();
    },

    /**
     * Tasks of these groups with submissions waiting for the lead: no feedback yet, or changed
     * since the feedback was given. Soonest due first.
     */
    async awaitingFeedback(workGroupIds: number[]) {
      if (!workGroupIds.length) return [];
      return db
        .selectFrom('gap_task_submissions as sub')
        .innerJoin('gap_tasks as t', 't.id', 'sub.task_id')
        .innerJoin('work_groups as wg', 'wg.id', 't.work_group_id')
        .select(['t.id', 't.title', 't.due_on', 'wg.code', 'wg.title as group_title', (eb) => eb.fn.countAll<string>().as('count')])
        .where('t.work_group_id', 'in', workGroupIds)
        .where((eb) => eb.or([eb('sub.feedback_on_version', 'is', null), eb('sub.feedback_on_version', '<', eb.ref('sub.version'))]))
        .groupBy(['t.id', 't.title', 't.due_on', 'wg.code', 'wg.title'])
        .orderBy('t.due_on')
        .orderBy('t.id')
        .execute();
    },
  };
}

export type TaskRepository = ReturnType<typeof createTaskRepository>;
