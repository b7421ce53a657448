// The rules of registration that need no database: what a reference looks like, how emails are
// compared, and whose address counts as the headteacher's. (How each status reads is
// core/membership/registration-status.ts.)

/** HW-7K3P-9QXM (no 0/O or 1/I to misread on the phone). */
export const REFERENCE_PATTERN = /^HW-[0-9A-Z]{4}-[0-9A-Z]{4}$/;

/**
 * An email address as its mailbox: lower case, without a +tag (gina+head@school.org and
 * Gina@School.org reach the same person as gina@school.org).
 */
export function foldEmail(email: string): string {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at < 1) return address;
  return `${address.slice(0, at).split('+')[0]}${address.slice(at)}`;
}

/** A website's domain, without "www.": 'https://www.oakfield.org.uk/home' → 'oakfield.org.uk'; null if none. */
export function websiteDomain(website: string | null | undefined): string | null {
  if (!website) return null;
  try {
    const host = new URL(/^https?:\/\//i.test(website) ? website : `http://${website}`).hostname.toLowerCase();
    const domain = host.replace(/^www\./, '');
    return domain.includes('.') ? domain : null;
  } catch {
    return null;
  }
}

/** What the school is known by: its website (GIAS), addresses the hub recorded, its headteacher accounts. */
export type KnownBy = { website: string | null; addresses: string[]; accounts: string[] };

/**
 * Whether a headteacher's approval from this address counts at once: the address is at the
 * domain of the school's website (or a subdomain of it), the hub has recorded it for the school, or
 * it is the address of the school's headteacher account. Otherwise 'unverified': hub staff check it.
 */
export function approvalCheck(email: string, known: KnownBy): 'website' | 'known_address' | 'account' | 'unverified' {
  const folded = foldEmail(email);
  if (known.accounts.some((a) => foldEmail(a) === folded)) return 'account';
  if (known.addresses.some((a) => foldEmail(a) === folded)) return 'known_address';
  const domain = websiteDomain(known.website);
  const at = folded.slice(folded.lastIndexOf('@') + 1);
  if (domain && (at === domain || at.endsWith(`.${domain}`))) return 'website';
  return 'unverified';
}

/** How each check reads to hub staff, after "The headteacher approved from …". */
export const APPROVAL_CHECKS = {
  website: 'an address at the school’s website’s domain',
  known_address: 'an address the hub has recorded for the school',
  account: 'the address of the school’s headteacher account',
  unverified: 'an address the school is not known by',
  hub_confirmed: 'an address the hub checked with the school',
} as const;
