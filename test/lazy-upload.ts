// A large multipart/form-data body that is made only as the app reads it, counting how much it
// read: a test can tell a request refused before its body was read from one read to the end.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Agent } from './agent.ts';

const CHUNK = 64 * 1024;

export type LazyUpload = { status: number; body: string; total: number; read: number };

/**
 * POSTs `fields` (in order) then `files` files of `fileBytes` bytes each to `url`, with the
 * agent's cookies (none for a visitor). `read`: the bytes the app pulled from the body.
 */
export async function lazyUpload(
  app: FastifyInstance,
  url: string,
  options: { agent?: Agent; fields?: readonly (readonly [string, string])[]; files?: number; fileBytes: number },
): Promise<LazyUpload> {
  const boundary = `----hubworkLazy${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    (options.fields ?? []).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`).join(''),
  );
  const fileHead = (n: number) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="big-${n}.txt"\r\nContent-Type: text/plain\r\n\r\n`);
  const pieces: (Buffer | number)[] = [head];
  for (let n = 0; n < (options.files ?? 1); n++) pieces.push(fileHead(n), options.fileBytes, Buffer.from('\r\n'));
  pieces.push(Buffer.from(`--${boundary}--\r\n`));
  const total = pieces.reduce<number>((sum, p) => sum + (typeof p === 'number' ? p : p.length), 0);

  let read = 0;
  let index = 0;
  let left = -1;
  const stream = new Readable({
    highWaterMark: CHUNK,
    read() {
      const piece = pieces[index];
      if (piece === undefined) return void this.push(null);
      if (typeof piece !== 'number') {
        index++;
        read += piece.length;
        return void this.push(piece);
      }
      if (left < 0) left = piece;
      const size = Math.min(CHUNK, left);
      left -= size;
      if (left === 0) {
        index++;
        left = -1;
      }
      read += size;
      this.push(Buffer.alloc(size, 0x61));
    },
  });
  const cookie = options.agent ? ['_csrf', 'hubwork_session'].flatMap((name) => (options.agent!.cookie(name) ? [`${name}=${options.agent!.cookie(name)}`] : [])).join('; ') : '';
  const response = await app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, ...(cookie ? { cookie } : {}) },
    payload: stream,
  });
  stream.destroy();
  return { status: response.statusCode, body: response.body, total, read };
}
