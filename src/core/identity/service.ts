// Signing in and out: passwords (argon2id), one-time sign-in links and password resets by
// email, sessions held in the database, and throttling per account and per address.
import { newToken, tokenHash } from '../../platform/lib/tokens.ts';
import { hash, verify } from '@node-rs/argon2';
import type { Role } from '../schema.ts';
import type { Message } from '../../platform/mail/mailer.ts';
import type { AuthRepository, EmailedLinkPurpose, RoleRow, ThrottlePolicy, TokenPurpose } from './repository.ts';

import { type PasswordHashing, passwordHashing, SESSION_DAYS } from '../../platform/config.ts';

/**
 * The password throttle. By account *and* address together: 5 wrong passwords, then each further
 * attempt waits a minute after the last, then 2, 4, 8… up to an hour; by address alone (across
 * every account): 20, then the same. Forgotten 24 hours after the last wrong password, and the
 * account's count at an address starts again when it signs in there. Nobody is locked out from
 * elsewhere, so a stranger's guesses only hold the stranger back; the emailed link always works.
 */
export const PASSWORD_THROTTLE: ThrottlePolicy = { freePerAccount: 5, freePerAddress: 20, maxWaitMinutes: 60, forgetHours: 24 };
export const THROTTLE_WINDOW_MINUTES = 15;

/**
 * How long sign-in keeps what it records (the daily clean-up; README and the privacy notice):
 * a checked password's record (email, address, outcome) 30 days; the throttle's counts until it
 * forgets them, 24 hours after the last wrong password; a session until it expires (14 days after
 * the last visit, or at sign-out); an emailed link a day after it was used or expired.
 */
export const RETENTION = { attemptsDays: 30, throttleHours: PASSWORD_THROTTLE.forgetHours, linksDays: 1 };
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
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryInSeconds: number };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

const minutesAhead = (now: Date, minutes: number) => new Date(now.getTime() + minutes * 60_000);

// A hash to verify against when the account does not exist, so both answers take as long.
let dummyHash: Promise<string> | undefined;

/** An argon2id hash of the password, at this process's cost (platform/config: standard, low in tests). */
export function hashPassword(password: string, cost: PasswordHashing = passwordHashing()): Promise<string> {
  return hash(password, { ...cost, parallelism: 1 });
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
    await deps.auth.createSession(tokenHash(token), userId, SESSION_DAYS);
    return token;
  }

  /** The emails carrying a link, by purpose. */
  const linkEmails: Record<EmailedLinkPurpose, (user: { email: string; name: string }, token: string) => Message> = {
    'sign-in': (user, token) => ({
      to: user.email,
      subject: 'Your hubwork sign-in link',
      text: [
        `Hello ${user.name},`,
        '',
        'Use this link to sign in to hubwork. It works once, within 15 minutes, and only until you ask for another:',
        '',
        `${deps.baseUrl}/sign-in/link/${token}`,
        '',
        'If you did not ask to sign in, you can ignore this email: nobody can sign in without the link.',
      ].join('\n'),
    }),
    'password-reset': (user, token) => ({
      to: user.email,
      subject: 'Reset your hubwork password',
      text: [
        `Hello ${user.name},`,
        '',
        'Use this link to choose a new password. It works once, within an hour, and only until you ask for another:',
        '',
        `${deps.baseUrl}/password-reset/${token}`,
        '',
        'If you did not ask to reset your password, you can ignore this email; your password has not changed.',
      ].join('\n'),
    }),
  };

  return {
    loadUser,

    async signInWithPassword(emailInput: string, password: string, ip: string): Promise<SignInResult> {
      const email = normaliseEmail(emailInput);
      // Counted first, as a wrong password, in one statement that says whether it may go ahead:
      // guesses sent in parallel are counted one after another, and only the allowed are checked.
      if (!(await deps.auth.countAttempt(email, ip, PASSWORD_THROTTLE))) {
        return { ok: false, reason: 'throttled', retryInSeconds: await deps.auth.throttleWait(email, ip, PASSWORD_THROTTLE) };
      }
      const user = await deps.auth.userByEmail(email);
      dummyHash ??= hashPassword('not a real password');
      const passwordOk = await verify(user?.password_hash ?? (await dummyHash), password).catch(() => false);
      const ok = Boolean(user && !user.disabled && user.password_hash && passwordOk);
      await deps.auth.recordAttempt(email, ip, ok);
      if (!ok || !user) return { ok: false, reason: 'invalid' };
      await deps.auth.clearFailures(email, ip);
      const current = await loadUser(user.id);
      if (!current) return { ok: false, reason: 'invalid' };
      return { ok: true, sessionToken: await startSession(user.id), user: current };
    },

    /**
     * Asks for a sign-in link to be emailed. The request only queues a job, the same for every
     * address, so that whether the account exists shows neither in the answer nor in its timing;
     * the job (emailLink) does the rest.
     */
    sendSignInLink: (emailInput: string) => deps.auth.queueLinkEmail(normaliseEmail(emailInput), 'sign-in'),

    /** As sendSignInLink, for a password-reset link. */
    sendPasswordReset: (emailInput: string) => deps.auth.queueLinkEmail(normaliseEmail(emailInput), 'password-reset'),

    /**
     * The queued job: if the address has an enabled account, a new link (the only live one of its
     * kind) and the email carrying it, in one transaction; at most 3 of a kind in 15 minutes.
     */
    async emailLink(email: string, purpose: EmailedLinkPurpose): Promise<void> {
      const user = await deps.auth.userByEmail(normaliseEmail(email));
      if (!user || user.disabled) return;
      const token = newToken();
      await deps.auth.issueToken({
        tokenHash: tokenHash(token),
        userId: user.id,
        purpose,
        expiresAt: minutesAhead(now(), TOKEN_MINUTES[purpose]),
        windowMinutes: THROTTLE_WINDOW_MINUTES,
        max: MAX_EMAILS_PER_WINDOW,
        mail: linkEmails[purpose](user, token),
      });
    },

    async signInLinkHolder(token: string) {
      return deps.auth.peekToken(tokenHash(token), 'sign-in', now());
    },

    async signInWithLink(token: string): Promise<string | undefined> {
      const userId = await deps.auth.consumeToken(tokenHash(token), 'sign-in', now());
      return userId === undefined ? undefined : startSession(userId);
    },

    /** Who a password-reset or invitation link belongs to, while it is live. */
    async passwordTokenHolder(token: string, purpose: PasswordTokenPurpose) {
      return deps.auth.peekToken(tokenHash(token), purpose, now());
    },

    /**
     * Sets the password chosen through a reset or invitation link; undefined if the link is spent
     * or expired. Every other session of the person ends and every link emailed to them stops
     * working; the browser that made the change stays signed in when it was signed in as them
     * (`current`: its session token and person), and is signed in otherwise.
     */
    async choosePassword(
      token: string,
      password: string,
      purpose: PasswordTokenPurpose,
      current?: { sessionToken: string; userId: number },
    ): Promise<{ userId: number; sessionToken: string; newSession: boolean } | undefined> {
      const userId = await deps.auth.consumeToken(tokenHash(token), purpose, now());
      if (userId === undefined) return undefined;
      const keep = current?.userId === userId ? current.sessionToken : undefined;
      await deps.auth.setPassword(userId, await hashPassword(password), keep ? tokenHash(keep) : undefined);
      return keep ? { userId, sessionToken: keep, newSession: false } : { userId, sessionToken: await startSession(userId), newSession: true };
    },

    /** The signed-in user for a session cookie's token, or undefined. Slides the expiry along. */
    async userForSession(token: string): Promise<CurrentUser | undefined> {
      const hashed = tokenHash(token);
      const row = await deps.auth.sessionUser(hashed);
      if (!row) return undefined;
      // Refresh at most once an hour, so most requests only read.
      if (row.stale) {
        await deps.auth.touchSession(hashed, SESSION_DAYS);
      }
      // The session's row has the person and their roles (one round trip on every signed-in request).
      return { id: row.id, email: row.email, name: row.name, schoolUrn: row.school_urn, roles: rolesOf(row.roles) };
    },

    /** The daily clean-up's part for sign-in (RETENTION). */
    deleteExpired: () => deps.auth.deleteExpired(RETENTION),

    /** A person with their roles, by id (for an API token's owner). */
    userById: (id: number) => loadUser(id),

    async signOut(token: string): Promise<void> {
      await deps.auth.deleteSession(tokenHash(token));
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
