// Typed errors a handler can throw; the one error handler in app.ts turns each into a page.
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
