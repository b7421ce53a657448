// Typed errors a handler can throw; the one error handler in app/server.ts turns each into a page,
// and a service's DomainError (platform/errors.ts) into one of them first.
import type { DomainError } from '../errors.ts';
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly title: string,
    readonly paragraphs: string[] = [],
    readonly problems: string[] = [],
  ) {
    super(title);
    this.name = 'HttpError';
  }
}

export class NotFoundError extends HttpError {
  constructor(what = 'page') {
    super(404, 'Page not found', [
      `There is no ${what} at this address. If you typed the web address, check it is correct.`,
      'If you pasted the web address, check you copied the entire address.',
    ]);
  }
}

export class BadRequestError extends HttpError {
  constructor(problems: string[]) {
    super(400, 'There is a problem with this web address', ['We could not show this page because:'], problems);
  }
}

export class ForbiddenError extends HttpError {
  constructor() {
    super(403, 'You cannot see this page', [
      'Your account does not have a role that allows this.',
      'If you think it should, ask your Maths Hub lead to give you the role.',
    ]);
  }
}

/** What a 503 tells browsers and clients to wait, in seconds, before trying again. */
export const RETRY_AFTER_SECONDS = 30;

/** PostgreSQL is away for now: nothing was changed, and the same request will work again. */
export class ServiceUnavailableError extends HttpError {
  constructor() {
    super(503, 'Sorry, the service is unavailable', [
      'You will be able to use the service again in a few minutes.',
      'Anything you had already saved has been kept. If you were sending a form, nothing was sent: go back and send it again later.',
    ]);
  }
}

const STATUS: Record<DomainError['refusal'], number> = { 'not-found': 404, forbidden: 403, refused: 403 };

/** A service's refusal as the page (or API answer) the server sends. */
export function httpErrorOf(error: DomainError): HttpError {
  return new HttpError(STATUS[error.refusal], error.title, error.paragraphs);
}

