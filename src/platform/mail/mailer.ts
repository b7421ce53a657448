// The mail layer: SMTP through nodemailer when SMTP_URL is set; otherwise each message is
// written as a .eml file to the mail folder (HUBWORK_DATA_DIR/mail), which any mail program opens.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { parseConnectionUrl } from 'nodemailer/lib/shared/index.js';
import type { Config } from '../config.ts';

export type Message = {
  /**
   * The email's stable key, made when it is queued (jobs/queue.ts): the left part of its
   * Message-ID, the same on every attempt, so a resend after a lost acknowledgement is
   * recognisable, and the key under which the worker records it as sent.
   */
  id?: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: { filename: string; content: string; contentType: string }[];
  /**
   * A link that stops this kind of email without signing in: sent as List-Unsubscribe with
   * List-Unsubscribe-Post (RFC 8058), so mail programs offer one-click unsubscribe.
   */
  unsubscribeUrl?: string;
};

/**
 * How long hubwork waits for the mail server, in ms: to connect, for its greeting, and for any
 * answer once talking. nodemailer's own defaults (2 minutes, 30 s, 10 minutes) let one stalled
 * server hold every job slot for ten minutes.
 */
export const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** The domain of the From address, for Message-IDs (`<key@domain>`). */
function fromDomain(from: string): string {
  return /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'hubwork.localhost';
}

/** A message as nodemailer takes it: the unsubscribe link as its list headers, the key as its Message-ID. */
function toNodemailer({ unsubscribeUrl, id, ...message }: Message, domain: string) {
  const messageId = id ? { messageId: `<${id}@${domain}>` } : {};
  return unsubscribeUrl
    ? {
        ...message,
        ...messageId,
        list: { unsubscribe: { url: unsubscribeUrl, comment: 'Unsubscribe' } },
        headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      }
    : { ...message, ...messageId };
}

export type Mailer = { send(message: Message): Promise<{ messageId: string; file?: string }> };

function fileNameFor(message: Message): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const slug = message.subject.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 50);
  const to = message.to.replace(/[^a-zA-Z0-9@._-]/g, '_');
  return `${stamp}-${to}-${slug}-${Math.random().toString(36).slice(2, 8)}.eml`;
}

export function createMailer(config: Config['mail']): Mailer {
  const domain = fromDomain(config.from);
  if (config.smtpUrl) {
    // Timeouts given in the address's query (smtp://host?socketTimeout=60000) win over ours.
    const transport = nodemailer.createTransport({ ...SMTP_TIMEOUTS, ...parseConnectionUrl(config.smtpUrl) });
    return {
      async send(message) {
        const info = await transport.sendMail({ from: config.from, ...toNodemailer(message, domain) });
        return { messageId: info.messageId };
      },
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      const info = await transport.sendMail({ from: config.from, ...toNodemailer(message, domain) });
      await mkdir(config.dir, { recursive: true });
      const file = path.join(config.dir, fileNameFor(message));
      await writeFile(file, info.message as Buffer);
      return { messageId: info.messageId, file };
    },
  };
}
