// /admin/schools — the schools register: what it holds, and importing the DfE's GIAS
// establishment CSV from the browser (the same import as `import-schools` on the command line).
// National administrator only. The upload is multipart/form-data, parsed only on this plugin's
// routes, and only as far as the request has shown it may send one: a visitor or anyone but the
// national administrator is answered before any of it is read, and the form's CSRF token (its
// first field) is checked before the file is (files/http.ts: csrfPasses).
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { createSchoolsService } from './service.ts';
import { ForbiddenError, HttpError } from '../../platform/http/errors.ts';
import { DomainError } from '../../platform/errors.ts';
import { errorList, type FieldErrors } from '../../platform/http/forms.ts';
import { policy } from '../../core/identity/policy.ts';
import { GiasFileError, type ImportSummary } from './service.ts';
import { requireSignIn, SIGNED_IN } from '../../core/identity/session.ts';
import { csrfPasses } from '../files/index.ts';

/** What these pages use of the services (app/compose.ts makes them). */
export type RouteServices = { schools: ReturnType<typeof createSchoolsService> };

/** The full GIAS establishment file is about 60 MB. */
export const UPLOAD_LIMIT_MB = 100;
/** Rejection reasons listed on the result page; the rest are counted. */
export const REJECTIONS_LISTED = 50;
/** The file input's name (and id, for the error summary's link). */
const FILE_FIELD = 'file';

/** What the upload's preValidation hook leaves on request.body. */
type UploadBody = {
  _csrf?: string;
  upload?: { fileName: string; bytes: Buffer; tooLarge: boolean };
};

const number = new Intl.NumberFormat('en-GB');

/** A file name fit for the audit log and the page: no folders, no control characters, not too long. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).at(-1) ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  const clean = base.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').trim();
  return clean.length > 200 ? `${clean.slice(0, 199)}…` : clean || 'unnamed file';
}

/** Visitors to sign in; anyone but the national administrator a 403 — before any upload is read. */
async function mayImport(request: FastifyRequest, reply: FastifyReply) {
  if (!requireSignIn(request, reply)) return reply;
  if (!policy.importSchools(request.user)) throw new ForbiddenError();
}

/**
 * Reads the multipart body: the `_csrf` field (first, checked before the file is read) and the
 * one file, held in memory (as the CLI does; the encoding can only be told from the whole file).
 * A file over the limit is cut off by busboy and marked `tooLarge`; other files and fields are
 * drained and ignored.
 */
async function readUpload(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (!request.isMultipart()) return;
  const body: UploadBody = {};
  let first = true;
  try {
    for await (const part of request.parts()) {
      if (first) {
        first = false;
        const token = part.type === 'field' && part.fieldname === '_csrf' && typeof part.value === 'string' ? part.value : undefined;
        if (!csrfPasses(app, request, reply, token)) return reply;
      }
      if (part.type === 'field') {
        if (part.fieldname === '_csrf' && typeof part.value === 'string') body._csrf = part.value;
        continue;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of part.file) {
        if (part.file.truncated) chunks.length = 0;
        else chunks.push(chunk as Buffer);
      }
      if (part.fieldname !== FILE_FIELD || body.upload) continue;
      const tooLarge = part.file.truncated;
      body.upload = { fileName: part.filename, bytes: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge };
    }
  } catch (error) {
    if (error instanceof HttpError || error instanceof DomainError) throw error;
    // A malformed or oversized multipart body (too many files or fields): never a 500.
    const status = (error as { statusCode?: number }).statusCode === 413 ? 413 : 400;
    throw new HttpError(status, 'Sorry, we could not read that upload', [
      `Go back and choose one GIAS CSV file of ${UPLOAD_LIMIT_MB} MB or less. Nothing has been imported.`,
    ]);
  }
  request.body = body;
  return undefined;
}

export async function schoolsRoutes(app: FastifyInstance, { services }: { services: RouteServices }) {
  // Only this plugin's routes accept multipart/form-data (the plugin is encapsulated).
  await app.register(multipart, {
    limits: { fileSize: UPLOAD_LIMIT_MB * 1024 * 1024, files: 1, fields: 5, fieldSize: 4096, parts: 10 },
    // A file over the limit is cut short and marked truncated, so the page can say so by the field.
    throwFileSizeLimit: false,
  });

  async function renderRegister(reply: FastifyReply, errors: FieldErrors = {}, status = 200) {
    const stats = await services.schools.stats();
    return reply.code(status).renderForm('schools/views/register.njk', {
      pageTitle: 'Schools register',
      section: 'admin',
      stats: {
        schools: number.format(stats.schools),
        stateFunded: number.format(stats.stateFunded),
        open: number.format(stats.open),
        lastChanged: stats.lastChanged,
      },
      uploadLimitMb: UPLOAD_LIMIT_MB,
      errors,
      errorList: errorList(errors),
    });
  }

  app.get('/admin/schools', SIGNED_IN, async (request, reply) => {
    if (!policy.importSchools(request.user)) throw new ForbiddenError();
    return renderRegister(reply);
  });

  app.post('/admin/schools/import', { onRequest: mayImport, preValidation: (request, reply) => readUpload(app, request, reply) }, async (request, reply) => {
    const upload = (request.body as UploadBody | undefined)?.upload;
    const refuse = (message: string) => renderRegister(reply, { [FILE_FIELD]: message }, 400);
    if (!upload || (upload.fileName === '' && upload.bytes.length === 0)) return refuse('Select a GIAS establishment CSV file');
    if (upload.tooLarge) return refuse(`The selected file must be smaller than ${UPLOAD_LIMIT_MB} MB`);

    const fileName = cleanFileName(upload.fileName);
    let summary: ImportSummary;
    try {
      summary = await services.schools.importUpload(request.user!.id, fileName, upload.bytes);
    } catch (error) {
      if (error instanceof GiasFileError) return refuse(error.message);
      throw error;
    }
    request.log.info({ file: fileName, added: summary.added, updated: summary.updated, rejected: summary.rejected.length }, 'schools imported');
    return reply.render('schools/views/imported.njk', {
      pageTitle: 'Schools register imported',
      section: 'admin',
      fileName,
      counts: {
        rows: number.format(summary.rows),
        added: number.format(summary.added),
        updated: number.format(summary.updated),
        unchanged: number.format(summary.unchanged),
        rejected: number.format(summary.rejected.length),
      },
      rejections: summary.rejected.slice(0, REJECTIONS_LISTED).map((r) => [
        { text: String(r.row) },
        { text: r.reason.replace(/^Row \d+: /, '') },
      ]),
      moreRejected: summary.rejected.length > REJECTIONS_LISTED ? number.format(summary.rejected.length - REJECTIONS_LISTED) : undefined,
    });
  });
}
