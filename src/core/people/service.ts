// The hub's people: its directory of LLMEs and specialists (with bios), invitations that give
// someone a role, and the leaders of each Work Group. Every change is audited in its transaction.
import type { Role } from '../schema.ts';
import { newToken, tokenHash } from '../../platform/lib/tokens.ts';
import { changedFields } from '../audit/changes.ts';
import { ROLE_NAMES } from '../identity/policy.ts';
import type { PeopleRepository } from './repository.ts';

export const INVITATION_DAYS = 7;

export const INVITABLE_ROLES: Partial<Record<Role, string>> = Object.fromEntries(
  (['hub_lead', 'assistant_hub_lead', 'hub_admin', 'work_group_lead'] as const).map((role) => [role, ROLE_NAMES[role]]),
);

export type PersonValues = { name: string; email: string | null; role_title: string | null; bio: string };

export function createPeopleService(deps: { people: PeopleRepository; baseUrl: string; clock?: () => Date }) {
  const now = () => deps.clock?.() ?? new Date();

  return {
    async addPerson(actorId: number, hub: { id: number | null }, values: PersonValues): Promise<number> {
      return deps.people.inTransaction(async (w) => {
        const id = await w.insertPerson({ ...values, hub_id: hub.id });
        await w.audit({ actorUserId: actorId, action: 'person.added', subjectType: 'person', subjectId: String(id), hubId: hub.id, changes: values });
        return id;
      });
    },

    /** Changes a person's entry; the audit entry has each changed field's old and new value (and the name, to say who). */
    async updatePerson(actorId: number, person: { id: number; hub_id: number | null } & PersonValues, values: PersonValues): Promise<void> {
      const changes = changedFields(person, values);
      await deps.people.inTransaction(async (w) => {
        await w.updatePerson(person.id, values);
        if (Object.keys(changes).length) {
          await w.audit({ actorUserId: actorId, action: 'person.updated', subjectType: 'person', subjectId: String(person.id), hubId: person.hub_id, changes: { ...changes, name: changes.name ?? person.name } });
        }
      });
    },

    async setLeaders(actorId: number, group: { id: number; code: string; hub_id: number | null }, personIds: number[]): Promise<void> {
      await deps.people.inTransaction(async (w) => {
        await w.replaceLeaders(group.id, personIds);
        await w.audit({ actorUserId: actorId, action: 'work_group.leaders', subjectType: 'work_group', subjectId: group.code, hubId: group.hub_id, changes: { leaders: personIds } });
      });
    },

    /**
     * Gives a person a role in the hub. Someone new gets an account and an emailed invitation
     * to choose a password; someone who already has an account is told of the new role. The
     * email is queued in the transaction that gives the role (src/jobs sends it).
     */
    async invite(
      actorId: number,
      hub: { id: number | null; name: string },
      invitation: { name: string; email: string; role: Role; workGroup: { id: number; code: string; title: string } | null },
    ): Promise<{ alreadyHadRole: boolean }> {
      const token = newToken();
      const roleName = INVITABLE_ROLES[invitation.role] ?? invitation.role;
      const what = invitation.workGroup ? `${roleName} of ${invitation.workGroup.title}` : `${roleName} at ${hub.name}`;
      return deps.people.inTransaction(async (w) => {
        const existing = await w.userByEmail(invitation.email);
        const userId = existing?.id ?? (await w.insertUser(invitation.email, invitation.name));
        const isGroupRole = invitation.role === 'work_group_lead';
        const added = await w.assignRole({
          userId,
          role: invitation.role,
          hubId: isGroupRole ? null : hub.id,
          workGroupId: isGroupRole ? (invitation.workGroup?.id ?? null) : null,
          by: actorId,
        });
        const needsPassword = !existing?.password_hash;
        if (added && needsPassword) await w.createToken(tokenHash(token), userId, new Date(now().getTime() + INVITATION_DAYS * 86_400_000));
        if (!added) return { alreadyHadRole: true };
        await w.audit({
          actorUserId: actorId,
          action: 'role.assigned',
          subjectType: 'user',
          subjectId: invitation.email,
          hubId: hub.id,
          changes: { role: invitation.role, workGroup: invitation.workGroup?.code ?? null },
        });
        await w.enqueueMail({
          to: invitation.email,
          subject: needsPassword ? `You are invited to hubwork: ${what}` : `You have a new role in hubwork: ${what}`,
          text: needsPassword
            ? [
                `Hello ${invitation.name},`,
                '',
                `${hub.name} has invited you to hubwork as ${what}.`,
                '',
                `Choose your password here within ${INVITATION_DAYS} days:`,
                '',
                `${deps.baseUrl}/invitation/${token}`,
              ].join('\n')
            : [`Hello ${invitation.name},`, '', `${hub.name} has made you ${what} in hubwork.`, '', `Sign in at ${deps.baseUrl}/sign-in`].join('\n'),
        });
        return { alreadyHadRole: false };
      });
    },
  };
}

export type PeopleService = ReturnType<typeof createPeopleService>;
