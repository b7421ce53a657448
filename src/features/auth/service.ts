// Signing in and out: passwords (argon2id), one-time sign-in links and password resets by
// email, sessions held in the database, and throttling per account and per address.
import { newToken, tokenHash } from '../../lib/tokens.ts';
import { hash, verify } from '@node-rs/argon2';
import type { Role } from '../../db/schema.ts';
import type { Message } from '../../mail/mailer.ts';
import type { AuthRepository, RoleRow, TokenPurpose } from './repository.ts';

export const SESSION_DAYS = 14;
export const THROTTLE_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;
export const MAX_EMAILS_PER_WINDOW = 3;
const TOKEN_MINUTES: Record<TokenPurpose, number> = { 'sign-in': 15, 'password-reset': 60, invitation: 7 * 24 * 60 };

export type RoleAssignment = {
  role: Role;
  hubId: number | null;
  hubName: string | null;
  hubSlug: string | null;
  workGroupId: number | null;
  workGroupCode: string | null;
  workGroupTitle: string | null;
  /** The hub that runs the group a work-group role is for (null: the national programme). */
  workGroupHubId: number | null;
  schoolUrn: number | null;
  schoolName: string | null;
};

export type CurrentUser = { id: number; email: string; name: string; schoolUrn: number | null; roles: RoleAssignment[] };

export type PasswordTokenPurpose = 'password-reset' | 'invitation';

export type SignInResult =
  | { ok: true; sessionToken: string; user: CurrentUser }
  | { ok: false; reason: 'invalid' | 'throttled' };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}


const minutesAgo = (now: Date, minutes: number) => new Date(now.getTime() - minutes * 60_000);
const minutesAhead = (now: Date, minutes: number) => new Date(now.getTime() + minutes * 60_000);

// A hash to verify against when the account does not exist, so both answers take as long.
let dummyHash: Promise<string> | undefined;

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export function createAuthService(deps: { auth: AuthRepository; baseUrl: string; clock?: () => Date }) {
  const now = () => deps.clock?.() ?? new Date();

  /** A person's roles, as the policy reads them. */
  function rolesOf(rows: RoleRow[]): CurrentUser['roles'] {
    return rows.map((r) => ({
      role: r.role,
      hubId: r.hub_id,
      hubName: r.hub_name,
      hubSlug: r.hub_slug,
      workGroupId: r.work_group_id,
      workGroupCode: r.work_group_code,
      workGroupTitle: r.work_group_title,
      workGroupHubId: r.work_group_hub_id,
      schoolUrn: r.school_urn,
      schoolName: r.school_name,
    }));
  }

  async function loadUser(id: number): Promise<CurrentUser | undefined> {
    const user = await deps.auth.userById(id);
    if (!user || user.disabled) return undefined;
    return { id: user.id, email: user.email, name: user.name, schoolUrn: user.school_urn, roles: rolesOf(await deps.auth.rolesOf(id)) };
  }

  async function startSession(userId: number): Promise<string> {
    const token = newToken();
    await deps.auth.createSession(tokenHash(token), userId, minutesAhead(now(), SESSION_DAYS * 24 * 60));
    return token;
  }

  /**
   * Creates a one-time token and queues the email carrying it (src/jobs: sent by the worker), in
   * one transaction. Nothing when the account already had its emails for this window.
   */
  async function issueToken(userId: number, purpose: TokenPurpose, mail: (token: string) => Message): Promise<void> {
    const sent = await deps.auth.recentTokens(userId, purpose, minutesAgo(now(), THROTTLE_WINDOW_MINUTES));
    if (sent >= MAX_EMAILS_PER_WINDOW) return;
    const token = newToken();
    await deps.auth.createToken(tokenHash(token), userId, purpose, minutesAhead(now(), TOKEN_MINUTES[purpose]), mail(token));
  }

  return {
    loadUser,

    async signInWithPassword(emailInput: string, password: string, ip: string): Promise<SignInResult> {
      const email = normaliseEmail(emailInput);
      const failures = await deps.auth.recentFailures(email, ip, minutesAgo(now(), THROTTLE_WINDOW_MINUTES));
      if (failures.byEmail >= MAX_FAILURES_PER_ACCOUNT || failures.byIp >= MAX_FAILURES_PER_ADDRESS) {
        return { ok: false, reason: 'throttled' };
      }
      const user = await deps.auth.userByEmail(email);
      dummyHash ??= hash('not a real password');
      const passwordOk = await verify(user?.password_hash ?? (await dummyHash), password).catch(() => false);
      const ok = Boolean(user && !user.disabled && user.password_hash && passwordOk);
      await deps.auth.recordAttempt(email, ip, ok);
      if (!ok || !user) return { ok: false, reason: 'invalid' };
      const current = await loadUser(user.id);
      if (!current) return { ok: false, reason: 'invalid' };
      return { ok: true, sessionToken: await startSession(user.id), user: current };
    },

    /** Emails a one-time sign-in link when the account exists. The caller says the same either way. */
    async sendSignInLink(emailInput: string): Promise<void> {
      const user = await deps.auth.userByEmail(normaliseEmail(emailInput));
      if (!user || user.disabled) return;
      await issueToken(user.id, 'sign-in', (token) => ({
        to: user.email,
        subject: 'Your hubwork sign-in link',
        text: [
          `Hello ${user.name},`,
          '',
          'Use this link to sign in to hubwork. It works once, within 15 minutes:',
          '',
          `${deps.baseUrl}/sign-in/link/${token}`,
          '',
          'If you did not ask to sign in, you can ignore this email: nobody can sign in without the link.',
        ].join('\n'),
      }));
    },

    async signInLinkHolder(token: string) {
      return deps.auth.peekToken(tokenHash(token), 'sign-in', now());
    },

    async signInWithLink(token: string): Promise<string | undefined> {
      const userId = await deps.auth.consumeToken(tokenHash(token), 'sign-in', now());
      return userId === undefined ? undefined : startSession(userId);
    },

    async sendPasswordReset(emailInput: string): Promise<void> {
      const user = await deps.auth.userByEmail(normaliseEmail(emailInput));
      if (!user || user.disabled) return;
      await issueToken(user.id, 'password-reset', (token) => ({
        to: user.email,
        subject: 'Reset your hubwork password',
        text: [
          `Hello ${user.name},`,
          '',
          'Use this link to choose a new password. It works once, within an hour:',
          '',
          `${deps.baseUrl}/password-reset/${token}`,
          '',
          'If you did not ask to reset your password, you can ignore this email; your password has not changed.',
        ].join('\n'),
      }));
    },

    /** Who a password-reset or invitation link belongs to, while it is live. */
    async passwordTokenHolder(token: string, purpose: PasswordTokenPurpose) {
      return deps.auth.peekToken(tokenHash(token), purpose, now());
    },

    /**
     * Sets the password chosen through a reset or invitation link and signs out every other
     * session; undefined if the link is spent or expired.
     */
    async choosePassword(token: string, password: string, purpose: PasswordTokenPurpose): Promise<string | undefined> {
      const userId = await deps.auth.consumeToken(tokenHash(token), purpose, now());
      if (userId === undefined) return undefined;
      await deps.auth.setPassword(userId, await hashPassword(password));
      await deps.auth.deleteSessionsOf(userId);
      return startSession(userId);
    },

    /** The signed-in user for a session cookie's token, or undefined. Slides the expiry along. */
    async userForSession(token: string): Promise<CurrentUser | undefined> {
      const hashed = tokenHash(token);
      const row = await deps.auth.sessionUser(hashed, now());
      if (!row) return undefined;
      // Refresh at most once an hour, so most requests only read.
      if (now().getTime() - new Date(row.last_seen_at).getTime() > 3_600_000) {
        await deps.auth.touchSession(hashed, minutesAhead(now(), SESSION_DAYS * 24 * 60));
      }
      // The session's row has the person and their roles (one round trip on every signed-in request).
      return { id: row.id, email: row.email, name: row.name, schoolUrn: row.school_urn, roles: rolesOf(row.roles) };
    },

    /** A person with their roles, by id (for an API token's owner). */
    userById: (id: number) => loadUser(id),

    async signOut(token: string): Promise<void> {
      await deps.auth.deleteSession(tokenHash(token));
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
