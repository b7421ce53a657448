// What hubwork accepts as an upload (gap-task submissions, community files, resources): a
// short list of document and image types, told by the file's extension *and* its first bytes,
// never by what the browser claims; at most MAX_FILE_MB. Anything else gets a plain message.
import { extname } from 'node:path';

export const MAX_FILE_MB = 10;
export const MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024;

const ZIP = (b: Buffer) => b.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
const PDF = (b: Buffer) => b.subarray(0, 5).toString('latin1') === '%PDF-';
const PNG = (b: Buffer) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
const JPEG = (b: Buffer) => b.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]));
/** Plain text: valid UTF-8 with no NUL bytes. */
const TEXT = (b: Buffer) => !b.includes(0) && Buffer.from(b.toString('utf8'), 'utf8').equals(b);

/** Each accepted extension: the type it is served as, and how its content is recognised. */
const ACCEPTED: Record<string, { type: string; looksRight: (bytes: Buffer) => boolean }> = {
  '.pdf': { type: 'application/pdf', looksRight: PDF },
  '.docx': { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', looksRight: ZIP },
  '.xlsx': { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', looksRight: ZIP },
  '.pptx': { type: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', looksRight: ZIP },
  '.odt': { type: 'application/vnd.oasis.opendocument.text', looksRight: ZIP },
  '.ods': { type: 'application/vnd.oasis.opendocument.spreadsheet', looksRight: ZIP },
  '.odp': { type: 'application/vnd.oasis.opendocument.presentation', looksRight: ZIP },
  '.png': { type: 'image/png', looksRight: PNG },
  '.jpg': { type: 'image/jpeg', looksRight: JPEG },
  '.jpeg': { type: 'image/jpeg', looksRight: JPEG },
  '.txt': { type: 'text/plain; charset=utf-8', looksRight: TEXT },
  '.csv': { type: 'text/csv; charset=utf-8', looksRight: TEXT },
};

export const ACCEPTED_LIST = 'PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), OpenDocument, PNG, JPEG, text or CSV';

/** A file name fit to keep and show: no folders, no control characters, not too long. */
export function cleanFileName(raw: string): string {
  const base = raw.split(/[\\/]/).pop() ?? '';
  // Control characters, and the direction marks that could show "cod.exe" as "exe.doc".
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const cleaned = base.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069"<>|*?:]/g, '').trim();
  return (cleaned || 'file').slice(-120);
}

export type Upload = { fileName: string; bytes: Buffer; tooLarge: boolean };
export type CheckedFile = { name: string; contentType: string; bytes: Buffer };

/** The upload if hubwork accepts it, or the message to show next to the file field. */
export function checkUpload(upload: Upload): { ok: true; file: CheckedFile } | { ok: false; message: string } {
  if (upload.tooLarge) return { ok: false, message: `The selected file must be smaller than ${MAX_FILE_MB} MB` };
  if (upload.bytes.length === 0) return { ok: false, message: 'The selected file is empty' };
  const name = cleanFileName(upload.fileName);
  const kind = ACCEPTED[extname(name).toLowerCase()];
  if (!kind) return { ok: false, message: `The selected file must be a ${ACCEPTED_LIST} file` };
  if (!kind.looksRight(upload.bytes)) return { ok: false, message: `The selected file’s content is not a ${extname(name).slice(1).toUpperCase()} file` };
  return { ok: true, file: { name, contentType: kind.type, bytes: upload.bytes } };
}
