// A path parameter that names a row by its number: read once, the same everywhere. Anything but
// a plain number that fits PostgreSQL's integer names nothing: a 404, before any query.
import { NotFoundError } from './errors.ts';

const ID = /^\d{1,9}$/;

/** The id in the address, or undefined when it cannot be one. */
export function idOrUndefined(text: string | undefined): number | undefined {
  return text !== undefined && ID.test(text) ? Number(text) : undefined;
}

/** The id in the address; a 404 naming `what` ("gap task", "post") when it cannot be one. */
export function idParam(text: string | undefined, what: string): number {
  const id = idOrUndefined(text);
  if (id === undefined) throw new NotFoundError(what);
  return id;
}
