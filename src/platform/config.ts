// The only module that reads process.env. Every setting is validated here, at start,
// and a bad or missing one stops hubwork with a list of what to fix.
import path from 'node:path';
import { z } from 'zod';

const emptyToUndefined = (value: unknown) => (value === '' ? undefined : value);

const port = z.coerce.number().int().min(1).max(65535);

/** Who runs this copy of hubwork, as its contact, privacy and accessibility pages name them. */
export type Contact = {
  /** Where people write for help, feedback, accessibility problems and requests about their data. */
  email: string;
  /** The organisation that runs the service (and is the data controller), as a sentence names it. */
  operator: string;
};

/** How long a sign-in lasts without use (days): the session cookie's and the CSRF cookie's life. */
export const SESSION_DAYS = 14;

/** argon2id's cost for a new password hash (a hash keeps its own, so a hash made at either cost verifies). */
export type PasswordHashing = { memoryCost: number; timeCost: number };

/** OWASP's argon2id settings (19 MiB, two passes): the cost everywhere but the tests. */
export const STANDARD_PASSWORD_HASHING: PasswordHashing = { memoryCost: 19_456, timeCost: 2 };
/** For the tests only (NODE_ENV=test): a hash in well under a millisecond, thousands of sign-ins a run. */
const LOW_PASSWORD_HASHING: PasswordHashing = { memoryCost: 256, timeCost: 1 };

export const DEFAULT_CONTACT: Contact = { email: 'support@hubwork.localhost', operator: 'the Maths Hubs programme' };

const schema = z.object({
  NODE_ENV: z.preprocess(emptyToUndefined, z.enum(['development', 'production', 'test']).default('development')),
  HOST: z.preprocess(emptyToUndefined, z.string().default('127.0.0.1')),
  PORT: z.preprocess(emptyToUndefined, port.default(3000)),
  BASE_URL: z.preprocess(emptyToUndefined, z.url().optional()),
  DATABASE_URL: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// connection string')
      .optional(),
  ),
  DATABASE_POOL_SIZE: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(200).default(10)),
  DATABASE_CONNECT_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(100).max(120_000).default(5000)),
  DATABASE_STATEMENT_TIMEOUT_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(100).max(600_000).default(10_000)),
  HUBWORK_DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./data')),
  EMBEDDED_PG_PORT: z.preprocess(emptyToUndefined, port.default(54329)),
  SMTP_URL: z.preprocess(
    emptyToUndefined,
    z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// address, e.g. smtp://user:pass@mail.example.org:587').optional(),
  ),
  MAIL_FROM: z.preprocess(emptyToUndefined, z.string().default('hubwork <no-reply@hubwork.localhost>')),
  MAIL_DIR: z.preprocess(emptyToUndefined, z.string().optional()),
  SUPPORT_EMAIL: z.preprocess(emptyToUndefined, z.email('must be an email address, e.g. workgroups@example.org').default(DEFAULT_CONTACT.email)),
  OPERATOR_NAME: z.preprocess(emptyToUndefined, z.string().max(200).default(DEFAULT_CONTACT.operator)),
  PASSWORD_HASH_COST: z.preprocess(emptyToUndefined, z.enum(['standard', 'low']).optional()),
  JOB_CONCURRENCY: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(50).default(2)),
  TRUST_PROXY: z.preprocess(emptyToUndefined, z.enum(['true', 'false']).default('false')),
  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ),
});

export type Config = {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  baseUrl: string;
  /** Set when hubwork should use an existing PostgreSQL server instead of its embedded one. */
  databaseUrl: string | undefined;
  databasePoolSize: number;
  /** How long a request waits for PostgreSQL before it is answered 503 (src/platform/db/database.ts). */
  databaseTimeouts: { connectMs: number; statementMs: number };
  dataDir: string;
  embeddedPostgres: { dataDir: string; port: number };
  /** SMTP when smtpUrl is set; otherwise every message is written as an .eml file to dir. */
  mail: { smtpUrl: string | undefined; from: string; dir: string };
  /** Named on the contact, privacy, cookies and accessibility pages. */
  contact: Contact;
  /** argon2id's cost for new password hashes: standard, or low under NODE_ENV=test. */
  passwordHashing: PasswordHashing;
  /** Jobs (emails) the serve process runs at once; its worker holds this many connections plus two. */
  jobConcurrency: number;
  /** Cookies are marked Secure when hubwork is served over HTTPS. */
  secureCookies: boolean;
  /** Believe X-Forwarded-For (only behind a proxy that sets it), for the client address used by throttling. */
  trustProxy: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`hubwork cannot start, these settings need fixing:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const value = parsed.data;
  if (value.PASSWORD_HASH_COST === 'low' && value.NODE_ENV !== 'test') {
    throw new ConfigError(['PASSWORD_HASH_COST: low is for the tests only (NODE_ENV=test); leave it unset']);
  }
  const dataDir = path.resolve(value.HUBWORK_DATA_DIR);
  const baseUrl = value.BASE_URL ?? `http://localhost:${value.PORT}`;
  return {
    env: value.NODE_ENV,
    host: value.HOST,
    port: value.PORT,
    baseUrl,
    databaseUrl: value.DATABASE_URL,
    databasePoolSize: value.DATABASE_POOL_SIZE,
    databaseTimeouts: { connectMs: value.DATABASE_CONNECT_TIMEOUT_MS, statementMs: value.DATABASE_STATEMENT_TIMEOUT_MS },
    dataDir,
    embeddedPostgres: { dataDir: path.join(dataDir, 'postgres'), port: value.EMBEDDED_PG_PORT },
    mail: {
      smtpUrl: value.SMTP_URL,
      from: value.MAIL_FROM,
      dir: path.resolve(value.MAIL_DIR ?? path.join(dataDir, 'mail')),
    },
    contact: { email: value.SUPPORT_EMAIL, operator: value.OPERATOR_NAME },
    passwordHashing: passwordHashing(env),
    jobConcurrency: value.JOB_CONCURRENCY,
    secureCookies: baseUrl.startsWith('https://'),
    trustProxy: value.TRUST_PROXY === 'true',
    logLevel: value.LOG_LEVEL,
  };
}

/**
 * The password-hashing cost this process uses, from NODE_ENV and PASSWORD_HASH_COST (as
 * loadConfig reads them), for code that hashes without a Config to hand (the demo data, tests).
 */
export function passwordHashing(env: Record<string, string | undefined> = process.env): PasswordHashing {
  const test = env.NODE_ENV === 'test';
  // Low only under test, and there unless asked for standard: loadConfig refuses low anywhere else.
  return test && env.PASSWORD_HASH_COST !== 'standard' ? LOW_PASSWORD_HASHING : STANDARD_PASSWORD_HASHING;
}
