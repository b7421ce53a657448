// Files over HTTP: reading a multipart form (fields and files, its `_csrf` put on request.body
// before the app's CSRF check runs), and sending a stored file so that no upload can run as a
// page: always a download, never sniffed, sandboxed.
//
// A multipart body is read only as far as the request has shown it may send one: a route that
// takes uploads checks sign-in and membership in an onRequest hook (before any of the body is
// read); the form's CSRF token is its first field (the hidden input every form starts with) and
// is checked as soon as it has arrived, before any file; the rest is streamed part by part and
// refused once it passes the route's limit. A visitor, a non-member or a forged form is answered
// having sent at most its first field.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../../platform/http/errors.ts';
import { DomainError } from '../../platform/errors.ts';
import { MAX_FILE_BYTES, MAX_FILE_MB, type Upload } from './check.ts';

/** Room for a form's text fields on top of its files. */
const FIELDS_BYTES = 1024 * 1024;

/** What readMultipart leaves on request.body: the text fields (each name's values) and the files. */
export type MultipartBody = { _csrf?: string; fields: Record<string, string[]>; files: Record<string, Upload[]> };

/** A preValidation hook that reads a multipart body (see readMultipart). */
export type ReadMultipart = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;

/**
 * Lets this plugin's routes (and only them: Fastify plugins are encapsulated) read multipart
 * bodies, and gives the preValidation hook that reads them. A file over the size limit is cut
 * short and marked `tooLarge`, for a message by the field. `files`: how many file parts are read;
 * `keep`: how many a form may keep, which with room for the text fields is the most a whole
 * request may send (a legitimate form never needs more).
 */
export async function acceptUploads(app: FastifyInstance, limits: { files: number; keep?: number }): Promise<ReadMultipart> {
  await app.register(multipart, {
    limits: { fileSize: MAX_FILE_BYTES, files: limits.files, fields: 50, fieldSize: 1_000_000, parts: limits.files + 50 },
    throwFileSizeLimit: false,
  });
  const requestLimit = (limits.keep ?? limits.files) * MAX_FILE_BYTES + FIELDS_BYTES;
  return (request, reply) => readMultipart(app, request, reply, requestLimit);
}

/**
 * The app's CSRF check, run now on a token read from the start of a multipart body (the app's
 * preHandler runs it again once the whole body is read). False if it refused: it has answered
 * with the app's "This form has expired" page.
 */
export function csrfPasses(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, token: string | undefined): boolean {
  const before = request.body;
  request.body = { _csrf: token };
  let passed = false;
  app.csrfProtection(request, reply, () => {
    passed = true;
  });
  request.body = before;
  return passed;
}

/** The whole request is over its limit: nothing is kept. */
export const tooLargeRequest = (what = `choose fewer files, each of ${MAX_FILE_MB} MB or less. Nothing has been saved.`) =>
  new HttpError(413, 'Sorry, that upload is too large', [`Go back and ${what}`]);

/** The bodies readMultipart made: only they hold files (a JSON body could name "files" of its own). */
const multipartBodies = new WeakSet<object>();

/**
 * Streams the multipart body into request.body (see MultipartBody), part by part: its first
 * part must be the form's CSRF token, checked before anything else is read; and it stops with a
 * 413 page as soon as the request has sent more than `limit` bytes, so no request holds more
 * than that in memory.
 */
async function readMultipart(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, limit: number): Promise<FastifyReply | undefined> {
  if (!request.isMultipart()) return;
  // A browser says how much it will send: refuse too much before reading any of it.
  if (Number(request.headers['content-length']) > limit) throw tooLargeRequest();
  let received = 0;
  const count = (bytes: number) => {
    received += bytes;
    if (received > limit) throw tooLargeRequest();
  };
  const body: MultipartBody = { fields: {}, files: {} };
  let first = true;
  try {
    for await (const part of request.parts()) {
      if (first) {
        first = false;
        const token = part.type === 'field' && part.fieldname === '_csrf' && typeof part.value === 'string' ? part.value : undefined;
        // Refused having read this part only; the rest of the body is left unread.
        if (!csrfPasses(app, request, reply, token)) return reply;
      }
      if (part.type === 'field') {
        if (typeof part.value !== 'string') continue;
        count(Buffer.byteLength(part.value));
        if (part.fieldname === '_csrf') body._csrf = part.value;
        else body.fields[part.fieldname] = [...(body.fields[part.fieldname] ?? []), part.value];
        continue;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) {
        count((chunk as Buffer).length);
        // A file cut short at the size limit is not kept: no need to hold what came of it.
        if (!part.file.truncated) chunks.push(chunk as Buffer);
      }
      const tooLarge = part.file.truncated;
      // A file input left empty still sends a part, with no name and no bytes.
      if (!part.filename && !chunks.length) continue;
      const upload = { fileName: part.filename, bytes: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge };
      body.files[part.fieldname] = [...(body.files[part.fieldname] ?? []), upload];
    }
  } catch (error) {
    if (error instanceof HttpError || error instanceof DomainError) throw error;
    const status = (error as { statusCode?: number }).statusCode === 413 ? 413 : 400;
    throw new HttpError(status, 'Sorry, we could not read that upload', [`Go back and choose files of ${MAX_FILE_MB} MB or less. Nothing has been saved.`]);
  }
  multipartBodies.add(body);
  request.body = body;
  return undefined;
}

/** The first value of a field in a form that was sent either as multipart or as urlencoded. */
export function fieldOf(body: unknown, name: string): string {
  const b = body as Partial<MultipartBody> & Record<string, unknown>;
  const value = b?.fields ? b.fields[name]?.[0] : b?.[name];
  return typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : '';
}

/** The files sent in a multipart field (none from any other kind of body). */
export function filesOf(body: unknown, name: string): Upload[] {
  if (typeof body !== 'object' || body === null || !multipartBodies.has(body)) return [];
  return (body as MultipartBody).files[name] ?? [];
}

/** Sends a stored file as a download that a browser will never run or render as a page. */
export function sendFile(reply: FastifyReply, file: { name: string; content_type: string; data: Buffer }) {
  const ascii = file.name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply
    .header('content-type', file.content_type)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, no-store')
    .send(file.data);
}
