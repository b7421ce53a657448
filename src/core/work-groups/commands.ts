// Commands that change a hub's programme. Each runs in one transaction with its audit-log
// entry (who, when, what changed), so a change is never recorded without happening or the reverse.
import type { Publication } from '../schema.ts';
import { changedFields } from '../audit/changes.ts';
import type { FieldErrors as Errors } from '../../platform/http/forms.ts';
import type { SessionValues, WorkGroupValues } from './values.ts';
import type { AuthoringRepository } from './authoring-repository.ts';

type Group = NonNullable<Awaited<ReturnType<AuthoringRepository['groupByCode']>>>;
export type Outcome = { ok: true } | { ok: false; errors: Errors };

/** PostgreSQL's unique_violation: another row already has this value. */
function isDuplicate(error: unknown): boolean {
  return (error as { code?: string })?.code === '23505';
}

/** Which publication changes a hub can make, and what each is called. */
export const TRANSITIONS: Record<'publish' | 'close' | 'archive', { from: Publication[]; to: Publication; done: string }> = {
  publish: { from: ['draft', 'closed'], to: 'published', done: 'Published: the Work Group is in the public catalogue' },
  close: { from: ['published'], to: 'closed', done: 'Closed to new registrations' },
  archive: { from: ['draft', 'published', 'closed'], to: 'archived', done: 'Archived: the Work Group is no longer public' },
};

/** What each state is called in a sentence ("restored to …"). */
export const PUBLICATION_WORDS: Record<Publication, string> = { draft: 'a draft', published: 'published', closed: 'closed to registrations', archived: 'archived' };

/** The state an archived group is restored to (the repository's restore() decides it the same way). */
export function restoresTo(group: { archived_from: Exclude<Publication, 'archived'> | null; places_taken: number }): Exclude<Publication, 'archived'> {
  return group.archived_from ?? (group.places_taken > 0 ? 'closed' : 'draft');
}

const CHANGED_MEANWHILE = 'The Work Group was changed while you were looking at it. Check its state and try again.';

function changed(before: Record<string, unknown>, after: Record<string, unknown>) {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, value] of Object.entries(after)) {
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(value ?? null)) out[key] = { from: before[key] ?? null, to: value };
  }
  return out;
}

export function createAuthoringCommands(deps: { repository: AuthoringRepository }) {
  const repo = deps.repository;

  /** A tampered form can name a project that does not exist: say so by the field, never a 500. */
  async function unknownProject(values: WorkGroupValues): Promise<Outcome | undefined> {
    const projects = await repo.projects();
    return projects.some((p) => p.id === values.project_id)
      ? undefined
      : { ok: false, errors: { project_id: 'Select the project this Work Group belongs to' } };
  }

  return {
    async createWorkGroup(actorId: number, hubId: number | null, code: string, values: WorkGroupValues): Promise<Outcome> {
      const badProject = await unknownProject(values);
      if (badProject) return badProject;
      if (await repo.codeExists(code)) return { ok: false, errors: { code: 'A Work Group with this code already exists' } };
      try {
        await repo.inTransaction(async (w) => {
          await w.insertWorkGroup(code, hubId, values);
          await w.audit({ actorUserId: actorId, action: 'work_group.created', subjectType: 'work_group', subjectId: code, hubId, changes: values });
        });
        return { ok: true };
      } catch (error) {
        if (isDuplicate(error)) return { ok: false, errors: { code: 'A Work Group with this code already exists' } };
        throw error;
      }
    },

    async updateWorkGroup(actorId: number, group: Group, values: WorkGroupValues): Promise<Outcome> {
      const badProject = await unknownProject(values);
      if (badProject) return badProject;
      const outcomes = await repo.outcomesOf(group.id);
      const before = {
        ...group,
        outcomes: outcomes.map((o) => ({ area: o.area, lead_in: o.lead_in, items: o.items })),
      } as Record<string, unknown>;
      const diff = changed(before, values as unknown as Record<string, unknown>);
      if (!Object.keys(diff).length) return { ok: true };
      await repo.inTransaction(async (w) => {
        await w.updateWorkGroup(group.id, values);
        await w.audit({ actorUserId: actorId, action: 'work_group.updated', subjectType: 'work_group', subjectId: group.code, hubId: group.hub_id, changes: diff });
      });
      return { ok: true };
    },

    async transition(actorId: number, group: Group, action: keyof typeof TRANSITIONS): Promise<Outcome> {
      const rule = TRANSITIONS[action];
      if (!rule.from.includes(group.publication)) {
        return { ok: false, errors: { form: `A ${group.publication} Work Group cannot be changed that way` } };
      }
      if (action === 'publish' && !(await repo.sessionsOf(group.id)).length) {
        return { ok: false, errors: { form: 'Add at least one workshop before publishing (its date can be "to be confirmed")' } };
      }
      const moved = await repo.inTransaction(async (w) => {
        if (!(await w.setPublication(group.id, rule.from, rule.to))) return false;
        await w.audit({
          actorUserId: actorId,
          action: `work_group.${action}`,
          subjectType: 'work_group',
          subjectId: group.code,
          hubId: group.hub_id,
          changes: { publication: { from: group.publication, to: rule.to } },
        });
        return true;
      });
      return moved ? { ok: true } : { ok: false, errors: { form: CHANGED_MEANWHILE } };
    },

    /** An archived group back to the state it was archived from (see restoresTo), audited. */
    async restore(actorId: number, group: Group): Promise<Outcome> {
      if (group.publication !== 'archived') return { ok: false, errors: { form: 'Only an archived Work Group can be restored' } };
      const restored = await repo.inTransaction(async (w) => {
        const to = await w.restore(group.id);
        if (!to) return false;
        await w.audit({
          actorUserId: actorId,
          action: 'work_group.restore',
          subjectType: 'work_group',
          subjectId: group.code,
          hubId: group.hub_id,
          changes: { publication: { from: 'archived', to } },
        });
        return true;
      });
      return restored ? { ok: true } : { ok: false, errors: { form: CHANGED_MEANWHILE } };
    },

    async saveSession(actorId: number, group: Group, existingNumber: number | null, values: SessionValues): Promise<Outcome> {
      // A change is recorded with each changed field's old and new value.
      const before = existingNumber === null ? undefined : (await repo.sessionsOf(group.id)).find((s) => s.workshop_number === existingNumber);
      try {
        await repo.inTransaction(async (w) => {
          if (existingNumber === null) await w.insertSession(group.id, values);
          else await w.updateSession(group.id, existingNumber, values);
          await w.audit({
            actorUserId: actorId,
            action: existingNumber === null ? 'session.added' : 'session.updated',
            subjectType: 'work_group',
            subjectId: group.code,
            hubId: group.hub_id,
            changes: { workshop: existingNumber ?? values.workshop_number, ...(before ? changedFields(before, values) : values) },
          });
        });
        return { ok: true };
      } catch (error) {
        if (isDuplicate(error)) return { ok: false, errors: { workshop_number: `There is already a workshop ${values.workshop_number}` } };
        throw error;
      }
    },

    /** Removes a workshop, but never one whose register has marks: they count towards schools' completion. */
    async removeSession(actorId: number, group: Group, workshopNumber: number): Promise<Outcome> {
      const removed = await repo.inTransaction(async (w) => {
        if (!(await w.deleteSessionWithoutMarks(group.id, workshopNumber))) return false;
        await w.audit({ actorUserId: actorId, action: 'session.removed', subjectType: 'work_group', subjectId: group.code, hubId: group.hub_id, changes: { workshop: workshopNumber } });
        return true;
      });
      return removed ? { ok: true } : { ok: false, errors: { remove: `Workshop ${workshopNumber} cannot be removed because its register has been taken` } };
    },
  };
}

export type AuthoringCommands = ReturnType<typeof createAuthoringCommands>;
