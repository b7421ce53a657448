// The community's emails, as plain text: a new post (for members who asked for every post), an
// announcement, a mention, and the daily digest. Each ends with the link that stops that
// space's emails without signing in, and the page where the member chooses how often.
import type { Message } from '../../platform/mail/mailer.ts';
import { londonDate, londonTime } from '../../platform/lib/london-time.ts';
import { excerpt } from './markdown.ts';

export type MailSpace = { name: string; url: string };
export type MailPost = { author: string; threadTitle: string; body: string; url: string; postedAt: Date };

function footer(space: MailSpace, unsubscribeUrl: string): string[] {
  return [
    '',
    '---',
    `You are getting this because you are a member of ${space.name} on hubwork.`,
    `Stop emails from ${space.name}: ${unsubscribeUrl}`,
    `Choose how often you get them: ${space.url}/notifications`,
  ];
}

const when = (date: Date) => `${londonDate(date)} at ${londonTime(date)}`;

/** An email about one post: who did what, the post (cut to `length`), the link, and how to stop them. */
function aboutPost(to: string, subject: string, opening: string, text: string, length: number, post: MailPost, space: MailSpace, unsubscribeUrl: string): Message {
  return {
    to,
    unsubscribeUrl,
    subject,
    text: [opening, '', text, '', excerpt(post.body, length), '', `Read it and reply: ${post.url}`, ...footer(space, unsubscribeUrl)]
      .filter((line, i, lines) => !(line === '' && lines[i - 1] === ''))
      .join('\n'),
  };
}

export function newPost(to: string, space: MailSpace, post: MailPost, unsubscribeUrl: string): Message {
  const opening = `${post.author} posted in “${post.threadTitle}” (${space.name}), ${when(post.postedAt)}:`;
  return aboutPost(to, `${space.name}: ${post.author} posted in “${post.threadTitle}”`, opening, '', 1000, post, space, unsubscribeUrl);
}

export function announcement(to: string, space: MailSpace, post: MailPost, unsubscribeUrl: string): Message {
  const opening = `${post.author} made an announcement to ${space.name}, ${when(post.postedAt)}:`;
  return aboutPost(to, `Announcement from ${space.name}: ${post.threadTitle}`, opening, post.threadTitle, 2000, post, space, unsubscribeUrl);
}

export function mention(to: string, space: MailSpace, post: MailPost, unsubscribeUrl: string): Message {
  const opening = `${post.author} mentioned you in “${post.threadTitle}” (${space.name}), ${when(post.postedAt)}:`;
  return aboutPost(to, `${post.author} mentioned you in “${post.threadTitle}”`, opening, '', 1000, post, space, unsubscribeUrl);
}

export type DigestSpace = MailSpace & {
  unsubscribeUrl: string;
  threads: { title: string; url: string; posts: number; authors: string[]; isNew: boolean }[];
};

export function digest(to: string, name: string, spaces: DigestSpace[], day: Date): Message {
  const posts = spaces.reduce((n, s) => n + s.threads.reduce((m, t) => m + t.posts, 0), 0);
  const lines = [`Hello ${name},`, '', `Here is what was posted in your communities up to ${when(day)}.`];
  for (const space of spaces) {
    lines.push('', space.name.toUpperCase(), '');
    for (const thread of space.threads) {
      const who = thread.authors.length > 3 ? `${thread.authors.slice(0, 3).join(', ')} and others` : thread.authors.join(', ');
      lines.push(`- ${thread.isNew ? 'New thread: ' : ''}“${thread.title}”: ${thread.posts} ${thread.posts === 1 ? 'post' : 'posts'} by ${who}`, `  ${thread.url}`);
    }
    lines.push('', `Stop emails from ${space.name}: ${space.unsubscribeUrl}`, `Choose how often you get them: ${space.url}/notifications`);
  }
  lines.push('', '---', 'You get this daily digest because you are a member of these communities on hubwork.');
  return {
    to,
    subject: `Your communities today: ${posts} new ${posts === 1 ? 'post' : 'posts'}`,
    text: lines.join('\n'),
    // One-click unsubscribe stops one community's emails: offered when the digest is about one.
    ...(spaces.length === 1 ? { unsubscribeUrl: spaces[0]!.unsubscribeUrl } : {}),
  };
}
