// Whose approval counts at once: an address the school is known by, after folding case and +tags.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { approvalCheck, foldEmail, websiteDomain } from './domain.ts';

test('an address folds to its mailbox: case and +tags do not make another person', () => {
  assert.equal(foldEmail(' Gina+Head@School.ORG '), 'gina@school.org');
  assert.equal(foldEmail('gina@school.org'), 'gina@school.org');
  assert.equal(foldEmail('not-an-address'), 'not-an-address');
});

test('a website’s domain, without www', () => {
  assert.equal(websiteDomain('https://www.oakfield.leeds.sch.uk/contact'), 'oakfield.leeds.sch.uk');
  assert.equal(websiteDomain('oakfield.org.uk'), 'oakfield.org.uk');
  assert.equal(websiteDomain(null), null);
  assert.equal(websiteDomain('localhost'), null);
});

test('an approval counts at once from the school’s domain, a recorded address or its headteacher account; not from anywhere else', () => {
  const known = { website: 'http://www.oakfield.org.uk/', addresses: ['bursar.head@gmail.com'], accounts: ['Helen.Marsh@trust.example'] };
  assert.equal(approvalCheck('head@oakfield.org.uk', known), 'website');
  assert.equal(approvalCheck('head@staff.oakfield.org.uk', known), 'website', 'a subdomain of the school’s');
  assert.equal(approvalCheck('head@notoakfield.org.uk', known), 'unverified', 'a domain that only ends the same');
  assert.equal(approvalCheck('head@org.uk', known), 'unverified');
  assert.equal(approvalCheck('Bursar.Head+x@gmail.com', known), 'known_address');
  assert.equal(approvalCheck('helen.marsh@trust.example', known), 'account');
  assert.equal(approvalCheck('gina+head@gmail.com', known), 'unverified');
  assert.equal(approvalCheck('head@oakfield.org.uk', { website: null, addresses: [], accounts: [] }), 'unverified');
});
