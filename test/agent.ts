// A small browser-like client for HTTP tests: keeps cookies, reads pages with cheerio, and
// submits forms with the CSRF token the page gave it — all in-process through app.inject().
import * as cheerio from 'cheerio';
import type { FastifyInstance } from 'fastify';

export type Page = { status: number; $: cheerio.CheerioAPI; body: string; headers: Record<string, unknown>; location?: string };

export class Agent {
  private cookies = new Map<string, string>();

  constructor(private readonly app: FastifyInstance) {}

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
    }
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** A form's fields; a list sends the field once per value, as checkboxes do. */
  async request(method: 'GET' | 'POST', url: string, form?: Record<string, string | string[]>): Promise<Page> {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(form ?? {})) for (const v of [value].flat()) body.append(name, v);
    const response = await this.app.inject({
      method,
      url,
      headers: {
        cookie: this.cookieHeader(),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      payload: form ? body.toString() : undefined,
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

  /** Fills in the page's form (the one posting to `action`, or the first) and submits it. */
  async submit(page: Page, fields: Record<string, string | string[]>, action?: string): Promise<Page> {
    const form = action ? page.$(`form[action="${action}"]`) : page.$('main form').first();
    if (!form.length) throw new Error(`No form${action ? ` posting to ${action}` : ''} on the page`);
    const values: Record<string, string | string[]> = {};
    form.find('input[type="hidden"]').each((_, input) => {
      const name = page.$(input).attr('name');
      if (name) values[name] = page.$(input).attr('value') ?? '';
    });
    return this.request('POST', form.attr('action') ?? '', { ...values, ...fields });
  }
}
