// Test-only settings, shared by the runner and the harness.
export const TEMPLATE_DATABASE = 'hubwork_test_template';
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** Set by test/run.ts for every test process. */
export function adminUrl(): string {
  const url = process.env.HUBWORK_TEST_ADMIN_URL;
  if (!url) throw new Error('Run the tests with `npm test` (it starts the database they need).');
  return url;
}
