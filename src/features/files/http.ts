// Files over HTTP: reading a multipart form (fields and files, its `_csrf` put on request.body
// before the app's CSRF check runs), and sending a stored file so that no upload can run as a
// page: always a download, never sniffed, sandboxed.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../../web/errors.ts';
import { MAX_FILE_BYTES, MAX_FILE_MB, type Upload } from './check.ts';

/** What readMultipart leaves on request.body: the text fields (each name's values) and the files. */
export type MultipartBody = { _csrf?: string; fields: Record<string, string[]>; files: Record<string, Upload[]> };

/**
 * Lets this plugin's routes (and only them: Fastify plugins are encapsulated) read multipart
 * bodies. A file over the size limit is cut short and marked `tooLarge`, for a message by the field.
 */
export async function acceptUploads(app: FastifyInstance, limits: { files: number } = { files: 5 }): Promise<void> {
  await app.register(multipart, {
    limits: { fileSize: MAX_FILE_BYTES, files: limits.files, fields: 50, fieldSize: 1_000_000, parts: limits.files + 50 },
    throwFileSizeLimit: false,
  });
}

/** The bodies readMultipart made: only they hold files (a JSON body could name "files" of its own). */
const multipartBodies = new WeakSet<object>();

/** A preValidation hook: reads the whole multipart body into request.body (see MultipartBody). */
export async function readMultipart(request: FastifyRequest): Promise<void> {
  if (!request.isMultipart()) return;
  const body: MultipartBody = { fields: {}, files: {} };
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (typeof part.value !== 'string') continue;
        if (part.fieldname === '_csrf') body._csrf = part.value;
        else body.fields[part.fieldname] = [...(body.fields[part.fieldname] ?? []), part.value];
        continue;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) chunks.push(chunk as Buffer);
      const tooLarge = part.file.truncated;
      // A file input left empty still sends a part, with no name and no bytes.
      if (!part.filename && !chunks.length) continue;
      const upload = { fileName: part.filename, bytes: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge };
      body.files[part.fieldname] = [...(body.files[part.fieldname] ?? []), upload];
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    const status = (error as { statusCode?: number }).statusCode === 413 ? 413 : 400;
    throw new HttpError(status, 'Sorry, we could not read that upload', [`Go back and choose files of ${MAX_FILE_MB} MB or less. Nothing has been saved.`]);
  }
  multipartBodies.add(body);
  request.body = body;
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
