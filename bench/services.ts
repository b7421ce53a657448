// hubwork's real services for the benchmark. The pages under load send no mail, so the
// mailer refuses: a message sent during a run would be a bug worth hearing about.
import type { AppDb as Db } from '../src/app/database.ts';
import type { Mailer } from '../src/platform/mail/mailer.ts';
import { createServices, type Services } from '../src/app/compose.ts';

const noMail: Mailer = {
  async send(message) {
    throw new Error(`The benchmark sends no mail (asked to send "${message.subject}")`);
  },
};

export function benchServices(db: Db): Services {
  return createServices(db, { mailer: noMail, baseUrl: 'http://127.0.0.1' });
}
