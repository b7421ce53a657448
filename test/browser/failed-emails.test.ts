// The national administrator finds an email hubwork could not send, reads the mail server's
// answer, and sends it again: on a laptop and on a phone-width screen, checked by axe-core.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { DEMO_ACCOUNTS } from '../../src/seed/accounts.ts';
import { enqueueMail } from '../../src/platform/jobs/queue.ts';
import { browserSuite, expectAccessible, signInWithPassword } from './support.ts';

const suite = browserSuite();

test('an email that failed for good is found from Administration, read and sent again', async () => {
  // A confirmation the mail server refused 25 times.
  const id = await enqueueMail(
    suite.site.db,
    { to: 'deputy.head@school.example', subject: 'Your place on Secondary Subject Leadership Community is confirmed', text: 'Hello.' },
    { runAt: new Date(Date.now() + 3_600_000) },
  );
  await sql`UPDATE graphile_worker._private_jobs SET attempts = max_attempts, run_at = now(), last_error = '550 5.1.1 <deputy.head@school.example>: Recipient address rejected' WHERE id = ${id}::bigint`.execute(suite.site.db);

  const context = await suite.browser.newContext({ viewport: { width: 320, height: 800 } });
  const page = await context.newPage();
  await signInWithPassword(page, suite.site.baseUrl, DEMO_ACCOUNTS.find((a) => a.role === 'national_admin')!);

  // Administration says so, and links to the list.
  await page.goto(`${suite.site.baseUrl}/admin`);
  await page.getByText('1 email could not be sent.').waitFor();
  await page.getByRole('link', { name: 'See the emails and try again' }).click();
  await page.getByRole('heading', { name: 'Emails that could not be sent', level: 1 }).waitFor();
  await expectAccessible(page, 'the list of emails that could not be sent');
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 320, 'no sideways scrolling at 320 px');

  const card = page.locator('[data-testid="troubled-email"]');
  await card.getByText('deputy.head@school.example').first().waitFor();
  await card.getByText('Recipient address rejected').waitFor();
  await card.getByText('None: failed for good').waitFor();

  // The address was mended at the school's end: try again.
  await page.getByRole('button', { name: /Try again now/ }).click();
  await page.getByText('The email will be sent again in a moment.').waitFor();
  await expectAccessible(page, 'after trying again');
  await suite.site.waitForJobs();
  const [mail] = await suite.site.mailsTo('deputy.head@school.example');
  assert.equal(mail?.subject, 'Your place on Secondary Subject Leadership Community is confirmed');
  await page.reload();
  await page.getByText('Every email has been sent, or is on its way.').waitFor();
  await context.close();
});
