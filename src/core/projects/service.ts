// Saving a project with its required projects, audited in the same transaction.
import type { FieldErrors } from '../../platform/http/forms.ts';
import { changedFields } from '../audit/changes.ts';
import type { ProjectRepository, ProjectValues } from './repository.ts';

export function createProjectService(deps: { projects: ProjectRepository }) {
  return {
    /** Creates a project (`existing` null) or changes one; a change's audit entry has each changed field's old and new value. */
    async save(actorId: number, existing: ({ id: number; ncp_code: string } & Record<string, unknown>) | null, values: ProjectValues): Promise<{ ok: true } | { ok: false; errors: FieldErrors }> {
      const ids = await deps.projects.idsByCode(values.requires);
      const missing = values.requires.filter((code) => !ids.has(code));
      if (missing.length) return { ok: false, errors: { requires: `There is no project ${missing.join(', ')}` } };
      const { requires, ...columns } = values;
      try {
        await deps.projects.inTransaction(async (w) => {
          if (existing) await w.update(existing.id, columns, [...ids.values()]);
          else await w.insert(columns, [...ids.values()]);
          await w.audit({
            actorUserId: actorId,
            action: existing ? 'project.updated' : 'project.created',
            subjectType: 'project',
            subjectId: values.ncp_code,
            hubId: null,
            changes: existing ? changedFields({ ...existing, requires: existing.requires ?? [] }, values) : values,
          });
        });
        return { ok: true };
      } catch (error) {
        if ((error as { code?: string }).code === '23505') return { ok: false, errors: { ncp_code: 'A project with this NCP code already exists' } };
        throw error;
      }
    },
  };
}

export type ProjectService = ReturnType<typeof createProjectService>;
