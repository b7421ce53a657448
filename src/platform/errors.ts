// What a service throws when it refuses: a DomainError, which knows nothing of HTTP. The server
// alone turns one into a page (platform/http/errors.ts's httpErrorOf), and the JSON API into an
// answer; a service never chooses a status code.

/** Why a service refused: nothing there, not this person's to do, or not possible now. */
export type Refusal = 'not-found' | 'forbidden' | 'refused';

export class DomainError extends Error {
  constructor(
    readonly refusal: Refusal,
    /** What the person is told, as a heading ("This community is read-only"). */
    readonly title: string,
    /** What they are told under it: why, and what they can do. */
    readonly paragraphs: string[] = [],
  ) {
    super(title);
    this.name = 'DomainError';
  }
}

/** Nothing of this kind at this address (a group, a post, a file…): `what` names it. */
export class NotFound extends DomainError {
  constructor(readonly what = 'page') {
    super('not-found', 'Page not found', [
      `There is no ${what} at this address. If you typed the web address, check it is correct.`,
      'If you pasted the web address, check you copied the entire address.',
    ]);
  }
}

/** Not this person's to see or do. */
export class Forbidden extends DomainError {
  constructor() {
    super('forbidden', 'You cannot see this page', [
      'Your account does not have a role that allows this.',
      'If you think it should, ask your Maths Hub lead to give you the role.',
    ]);
  }
}

/** Not possible now, for a reason the person is told (a year ended, a post hidden, a member removed). */
export class Refused extends DomainError {
  constructor(title: string, paragraphs: string[] = []) {
    super('refused', title, paragraphs);
  }
}

/** A refusal that is gone, not forbidden: said with the page's own title (a post deleted). */
export class Gone extends DomainError {
  constructor(title: string, paragraphs: string[] = []) {
    super('not-found', title, paragraphs);
  }
}
