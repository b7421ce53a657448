// Secrets in links and cookies: 32 random bytes, base64url; the database keeps only their
// SHA-256, so a copy of the database opens nothing. One place for sessions, sign-in links,
// consent and school links, calendar feeds and API tokens.
import { createHash, randomBytes } from 'node:crypto';

/** What a token looks like in a URL or cookie; anything else is refused before any lookup. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{20,100}$/;

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
