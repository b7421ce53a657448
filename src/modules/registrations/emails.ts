// Every email registration sends, as plain text: what happened, what happens next, the
// reference, and whom to ask. Built here, sent by the job queue.
import type { Message } from '../../platform/mail/mailer.ts';
import { londonDate, londonShortDate } from '../../platform/lib/london-time.ts';

export type MailContext = {
  reference: string;
  groupTitle: string;
  groupUrl: string;
  hubName: string | null;
  enquiriesEmail: string | null;
  schoolName: string;
  participants: { name: string; email: string }[];
  headteacherName: string;
  headteacherEmail: string;
  /** Registrations made with this one (linked projects): they go together, both or neither. */
  linked?: { title: string; reference: string }[];
  /** Who registered the school, where known. */
  registeredBy?: { name: string; email: string } | null;
};

/** How every email about a school's place ends: its reference (and any made with it), the group, whom to ask. */
export const signOff = (c: Pick<MailContext, 'reference' | 'groupUrl' | 'hubName' | 'enquiriesEmail' | 'linked'>) =>
  [
    '',
    `Your reference: ${c.reference}`,
    ...(c.linked?.length
      ? [
          `Registered together with: ${c.linked.map((l) => `${l.title} (reference ${l.reference})`).join('; ')}. Schools take part in both or neither, so places are held, confirmed and released together.`,
        ]
      : []),
    `The Work Group: ${c.groupUrl}`,
    ...(c.enquiriesEmail ? [`Questions: ${c.hubName ?? 'the Maths Hub'}, ${c.enquiriesEmail}`] : []),
    '',
    c.hubName ?? 'Maths Hubs',
  ].join('\n');

/** An .ics attachment's type: no method, as hubwork's calendars have no METHOD (calendars/ics.ts). */
export const CALENDAR_TYPE = 'text/calendar; charset=utf-8';

const toParticipants = (c: MailContext, subject: string, body: string[]): Message[] =>
  c.participants.map((p) => ({ to: p.email, subject, text: [`Dear ${p.name},`, '', ...body, signOff(c)].join('\n') }));

const manageLines = (link: string) => ['', 'Keep this email. To see your registration, or to withdraw your school, use this link:', link];

export function registrationReceived(c: MailContext, holdExpiresAt: Date, manageLink: string): Message[] {
  return toParticipants(c, `Registration received: ${c.groupTitle}`, [
    `${c.schoolName} has registered for ${c.groupTitle}, with these participants:`,
    ...c.participants.map((p) => `- ${p.name}`),
    '',
    `A place is held for your school. We have asked your headteacher, ${c.headteacherName}, to approve releasing you for every workshop.`,
    `The place is confirmed once they approve. If they have not answered by ${londonDate(holdExpiresAt)}, the place is released.`,
    ...manageLines(manageLink),
  ]);
}

export function consentRequested(c: MailContext, link: string, holdExpiresAt: Date): Message {
  return {
    to: c.headteacherEmail,
    subject: `Please approve: ${c.schoolName} on ${c.groupTitle}`,
    text: [
      `Dear ${c.headteacherName},`,
      '',
      `${c.registeredBy ? `${c.registeredBy.name} (${c.registeredBy.email})` : 'A colleague'} registered ${c.schoolName} for ${c.groupTitle}, naming ${c.participants.length > 1 ? 'these participants' : 'this participant'}: ${c.participants.map((p) => p.name).join(' and ')}.`,
      '',
      'A place is held for your school. Please say whether you will release the named teachers to attend every workshop:',
      link,
      '',
      `The place is held until ${londonDate(holdExpiresAt)}. If you do not answer by then, it is released to the next school.`,
      signOff(c),
    ].join('\n'),
  };
}

/** To the hub: a headteacher approved from an address the school is not known by; staff confirm or refuse it. */
export function approvalToCheck(c: MailContext, hubEmail: string, staffLink: string): Message {
  return {
    to: hubEmail,
    subject: `Headteacher not verified: ${c.schoolName} on ${c.groupTitle}`,
    text: [
      `${c.headteacherName} approved releasing ${c.schoolName}'s participants for ${c.groupTitle}, from ${c.headteacherEmail}.`,
      '',
      'This is not an address the school is known by: it is not at the domain of the school’s website in the schools register, and the hub has not recorded it for the school.',
      ...(c.registeredBy ? [`The school was registered by ${c.registeredBy.name} (${c.registeredBy.email}).`] : []),
      '',
      'The place stays held until you check with the school that this is its headteacher, then confirm the place or refuse it, here:',
      staffLink,
      signOff(c),
    ].join('\n'),
  };
}

export function waitlisted(c: MailContext, position: number, manageLink: string): Message[] {
  return toParticipants(c, `On the waiting list: ${c.groupTitle}`, [
    `${c.groupTitle} is full. ${c.schoolName} is on its waiting list, number ${position}.`,
    '',
    'If a place becomes free, we will offer it to the schools on the list in order, by email. Your headteacher will then be asked to approve releasing you.',
    ...manageLines(manageLink),
  ]);
}

export function offered(c: MailContext, holdExpiresAt: Date): Message[] {
  return toParticipants(c, `A place is now free: ${c.groupTitle}`, [
    `A place on ${c.groupTitle} has become free and it is offered to ${c.schoolName}.`,
    '',
    `We have asked your headteacher, ${c.headteacherName}, to approve releasing you for every workshop. The place is confirmed once they approve, and is offered to the next school if they have not answered by ${londonDate(holdExpiresAt)}.`,
  ]);
}

export function confirmed(
  c: MailContext,
  participant: { name: string; email: string },
  firstSession: Date | null,
  feedLink: string,
  ics: string,
  signInLink: string,
): Message {
  return {
    to: participant.email,
    subject: `Place confirmed: ${c.groupTitle}`,
    text: [
      `Dear ${participant.name},`,
      '',
      `Your headteacher has approved your release, and ${c.schoolName}'s place on ${c.groupTitle} is confirmed.`,
      '',
      firstSession ? `The first workshop is on ${londonShortDate(firstSession)}. Joining details will be sent before it.` : 'Joining details will be sent before the first workshop.',
      '',
      'The workshops are attached as a calendar file. To keep your calendar up to date when a date, time or joining link changes, subscribe to your own calendar feed instead:',
      feedLink,
      '',
      `The group's own pages (its tasks between workshops, its community and lesson observations) are on hubwork. Sign in with this email address, ${participant.email}: ask for a sign-in link, no password needed:`,
      signInLink,
      signOff(c),
    ].join('\n'),
    attachments: [{ filename: 'workshops.ics', content: ics, contentType: CALENDAR_TYPE }],
  };
}

export function declined(c: MailContext): Message[] {
  return toParticipants(c, `Place released: ${c.groupTitle}`, [
    `Your headteacher did not approve releasing you for ${c.groupTitle}, so ${c.schoolName}'s place has been released.`,
    '',
    'If this is a mistake, talk to your headteacher and register again while places are available.',
  ]);
}

export function expired(c: MailContext): Message[] {
  return toParticipants(c, `Place released: ${c.groupTitle}`, [
    `Your headteacher did not answer in time, so ${c.schoolName}'s place on ${c.groupTitle} has been released.`,
    '',
    'You can register again while places are available.',
  ]);
}

export function ended(c: MailContext, how: 'withdrawn' | 'cancelled', reason?: string): Message[] {
  return toParticipants(c, `${how === 'withdrawn' ? 'Withdrawn' : 'Registration cancelled'}: ${c.groupTitle}`, [
    how === 'withdrawn'
      ? `${c.schoolName} has withdrawn from ${c.groupTitle}. Its place, or its place on the waiting list, has been released.`
      : `${c.hubName ?? 'The Maths Hub'} has cancelled ${c.schoolName}'s registration for ${c.groupTitle}.${reason ? ` The reason given: ${reason}` : ''}`,
    '',
    'If this is a mistake, contact the Maths Hub.',
  ]);
}

/** Hub staff moved the school's registration to another group of the same project. */
export function moved(
  c: MailContext,
  from: string,
  status: 'pending_consent' | 'confirmed' | 'waitlisted',
  options: { headteacher: boolean; reason: string; ics?: string; holdExpiresAt?: Date | null },
): Message[] {
  const next =
    status === 'confirmed'
      ? 'The place is confirmed on the new group. Its workshops are attached as a calendar file, and your calendar feed now follows the new group.'
      : status === 'pending_consent'
        ? `A place is held for the school on the new group${options.holdExpiresAt ? ` until ${londonDate(options.holdExpiresAt)}` : ''}, and is confirmed once the headteacher approves releasing the participants.`
        : 'The school is on the new group’s waiting list. If a place becomes free, it is offered to the schools on the list in order, by email.';
  const people = [...c.participants, ...(options.headteacher ? [{ name: c.headteacherName, email: c.headteacherEmail }] : [])];
  return people.map((p) => ({
    to: p.email,
    subject: `Moved to ${c.groupTitle}`,
    text: [`Dear ${p.name},`, '', `${c.hubName ?? 'The Maths Hub'} has moved ${c.schoolName}'s registration from ${from} to ${c.groupTitle}. The reason given: ${options.reason}`, '', next, signOff(c)].join('\n'),
    ...(options.ics ? { attachments: [{ filename: 'workshops.ics', content: options.ics, contentType: CALENDAR_TYPE }] } : {}),
  }));
}
