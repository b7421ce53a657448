// A small browser-like client for HTTP tests: keeps cookies, reads pages with cheerio, and
// submits forms (file uploads too) with the CSRF token the page gave it — all in-process through app.inject().
import * as cheerio from 'cheerio';
import type { FastifyInstance } from 'fastify';

/** A file to upload; with no name and no content it is what a browser sends when no file was chosen. */
export type UploadFile = { name: string; content: Buffer | string; type?: string };

export type Page = { status: number; $: cheerio.CheerioAPI; body: string; headers: Record<string, unknown>; location?: string };

export class Agent {
  private cookies = new Map<string, string>();
  /** The cookies set with Max-Age or Expires: the ones a browser keeps when it is closed. */
  private persistent = new Set<string>();

  /** `ip`: the address the requests come from (127.0.0.1 unless given). */
  constructor(
    private readonly app: FastifyInstance,
    private readonly options: { ip?: string } = {},
  ) {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  private remember(setCookie: unknown) {
    const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
    for (const header of list as string[]) {
      const [pair, ...attributes] = header.split(';');
      const [name, ...rest] = (pair ?? '').split('=');
      if (!name) continue;
      const value = rest.join('=');
      const expired = attributes.some((a) => /^\s*(max-age=0|expires=thu, 01 jan 1970)/i.test(a));
      if (expired || value === '') this.cookies.delete(name.trim());
      else this.cookies.set(name.trim(), value);
      if (attributes.some((a) => /^\s*(max-age|expires)=/i.test(a))) this.persistent.add(name.trim());
      else this.persistent.delete(name.trim());
    }
  }

  /** Drops one cookie, as a browser that lost it would. */
  forgetCookie(name: string): void {
    this.cookies.delete(name);
  }

  /** As closing the browser and opening it again: session cookies are gone, persistent ones kept. */
  restartBrowser(): void {
    for (const name of [...this.cookies.keys()]) if (!this.persistent.has(name)) this.cookies.delete(name);
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** A form's fields; a list sends the field once per value, as checkboxes do. */
  async request(method: 'GET' | 'POST', url: string, form?: Record<string, string | string[]>): Promise<Page> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(form ?? {})) for (const v of [value].flat()) body.append(name, v);
    return this.send(method, url, form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}, form ? body.toString() : undefined);
  }

  /** A multipart/form-data POST, as a form with `enctype="multipart/form-data"` sends it: fields, then files. */
  async multipart(url: string, fields: Record<string, string>, files: Record<string, UploadFile> = {}): Promise<Page> {
    const boundary = `----hubworkTestBoundary${Math.random().toString(16).slice(2)}`;
    const quote = (value: string) => value.replace(/[\r\n"]/g, (c) => encodeURIComponent(c));
    const parts: Buffer[] = [];
    for (const [name, value] of Object.entries(fields)) {
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`));
    }
    for (const [name, file] of Object.entries(files)) {
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"; filename="${quote(file.name)}"\r\n` +
            `Content-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
        ),
        Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
        Buffer.from('\r\n'),
      );
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return this.send('POST', url, { 'content-type': `multipart/form-data; boundary=${boundary}` }, Buffer.concat(parts));
  }

  /** A JSON POST, as a script (never a browser's form) might send it to any address. */
  async json(url: string, body: unknown): Promise<Page> {
    return this.send('POST', url, { 'content-type': 'application/json' }, JSON.stringify(body));
  }

  private async send(method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: string | Buffer): Promise<Page> {
    const response = await this.app.inject({
      method,
      url,
      headers: { cookie: this.cookieHeader(), ...headers },
      payload,
      remoteAddress: this.options.ip ?? '127.0.0.1',
    });
    this.remember(response.headers['set-cookie']);
    return {
      status: response.statusCode,
      $: cheerio.load(response.body),
      body: response.body,
      headers: response.headers,
      location: response.headers.location as string | undefined,
    };
  }

  get(url: string) {
    return this.request('GET', url);
  }

  /** Fills in the page's POST form (the one posting to `action`, or the first) and submits it. */
  async submit(page: Page, fields: Record<string, string | string[]>, action?: string): Promise<Page> {
    const form = action ? page.$(`form[method="post"][action="${action}"]`) : page.$('main form[method="post"]').first();
    if (!form.length) throw new Error(`No form${action ? ` posting to ${action}` : ''} on the page`);
    const values: Record<string, string | string[]> = {};
    form.find('input[type="hidden"]').each((_, input) => {
      const name = page.$(input).attr('name');
      if (name) values[name] = page.$(input).attr('value') ?? '';
    });
    return this.request('POST', form.attr('action') ?? '', { ...values, ...fields });
  }

  /** Fills in the page's file-upload form (multipart/form-data) with its hidden fields and `files`, and submits it. */
  async upload(page: Page, files: Record<string, UploadFile>, action?: string, fields: Record<string, string> = {}): Promise<Page> {
    const form = action ? page.$(`form[action="${action}"]`) : page.$('main form[enctype="multipart/form-data"]').first();
    if (!form.length) throw new Error(`No upload form${action ? ` posting to ${action}` : ''} on the page`);
    if (form.attr('enctype') !== 'multipart/form-data') throw new Error('The form does not send multipart/form-data');
    const values: Record<string, string> = {};
    form.find('input[type="hidden"]').each((_, input) => {
      const name = page.$(input).attr('name');
      if (name) values[name] = page.$(input).attr('value') ?? '';
    });
    return this.multipart(form.attr('action') ?? '', { ...values, ...fields }, files);
  }
}
