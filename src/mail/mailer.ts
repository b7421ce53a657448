// The mail layer: SMTP through nodemailer when SMTP_URL is set; otherwise each message is
// written as a .eml file to the mail folder (HUBWORK_DATA_DIR/mail), which any mail program opens.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';

export type Message = {
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

/** A message as nodemailer takes it: the unsubscribe link as its list headers. */
function toNodemailer({ unsubscribeUrl, ...message }: Message) {
  return unsubscribeUrl
    ? { ...message, list: { unsubscribe: { url: unsubscribeUrl, comment: 'Unsubscribe' } }, headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } }
    : message;
}

export type Mailer = { send(message: Message): Promise<{ messageId: string; file?: string }> };

function fileNameFor(message: Message): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const slug = message.subject.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 50);
  const to = message.to.replace(/[^a-zA-Z0-9@._-]/g, '_');
  return `${stamp}-${to}-${slug}-${Math.random().toString(36).slice(2, 8)}.eml`;
}

export function createMailer(config: Config['mail']): Mailer {
  if (config.smtpUrl) {
    const transport = nodemailer.createTransport(config.smtpUrl);
    return {
      async send(message) {
        const info = await transport.sendMail({ from: config.from, ...toNodemailer(message) });
        return { messageId: info.messageId };
      },
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(message) {
      const info = await transport.sendMail({ from: config.from, ...toNodemailer(message) });
      await mkdir(config.dir, { recursive: true });
      const file = path.join(config.dir, fileNameFor(message));
      await writeFile(file, info.message as Buffer);
      return { messageId: info.messageId, file };
    },
  };
}
