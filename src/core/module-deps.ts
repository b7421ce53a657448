// What the core gives every module that runs part of a group's year (tasks, community,
// observations): the database, the service's clock, the address for links in emails, and the one
// answer to "may this person use this group's pages?". Emails go through platform/jobs' enqueueMail.
import type { MembershipService } from './membership/service.ts';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** `Tables`: the tables the module queries (the handle app/compose.ts passes has them all). */
export type ModuleDeps<Tables = Database> = { db: Kysely<Tables>; clock: () => Date; baseUrl: string; membership: MembershipService };
