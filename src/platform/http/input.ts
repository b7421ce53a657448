// What a request sends, made safe to read once, for every route: no text value (query, path
// parameters, body) carries a control character (lib/control-characters.ts), and a page's form
// body holds only text: each field a string or a list of strings, as a browser's form sends.
// A field sent as anything else (a JSON object or number where text was expected) is dropped,
// so the form says what it says when the field is missing — never a 500. The JSON API
// (/api/v1/) keeps its bodies' shapes: its schemas check them and answer in JSON.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { cleanStrings } from '../lib/control-characters.ts';

/** Each field a string or a list of strings; anything else left out. */
export function formFieldsOnly(body: Record<string, unknown>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'string') out[key] = value;
    else if (Array.isArray(value)) out[key] = value.filter((v): v is string => typeof v === 'string');
  }
  return out;
}

const isApi = (request: FastifyRequest) => request.routeOptions.url?.startsWith('/api/v1/') ?? false;
const isMultipart = (request: FastifyRequest) => request.headers['content-type']?.toLowerCase().startsWith('multipart/') ?? false;

/**
 * Registers the hooks: the query and path parameters before anything reads them (onRequest),
 * the body once every parser has made it (preHandler: after the routes' own multipart reading,
 * and before the app's CSRF check).
 */
export function registerInputCleaning(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    request.query = cleanStrings(request.query);
    request.params = cleanStrings(request.params);
  });
  app.addHook('preHandler', async (request) => {
    const body = request.body;
    if (body === null || typeof body !== 'object') {
      // A page's form is fields, never a bare JSON string or number.
      if (body !== undefined && !isApi(request)) request.body = {};
      else request.body = cleanStrings(body);
      return;
    }
    // A multipart body is known to files/http.ts by its identity: cleaned in place.
    if (isApi(request) || isMultipart(request)) cleanStrings(body);
    else request.body = cleanStrings(formFieldsOnly(Array.isArray(body) ? {} : (body as Record<string, unknown>)));
  });
}
