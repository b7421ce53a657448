// The emails gap tasks send, as plain text: a task set or withdrawn (to each participant of the
// group) and feedback given (to whoever submitted for the school). Built here, queued by the service in the
// transaction of the change.
import type { Message } from '../../platform/mail/mailer.ts';
import { longDateWithDay } from '../../platform/lib/london-time.ts';

type Group = { title: string; hub_name: string | null };

const signOff = (group: Group) => ['', `${group.title}`, group.hub_name ?? 'Maths Hubs'].join('\n');

export function taskSet(
  to: { name: string; email: string },
  c: { group: Group; title: string; dueOn: string; setBy: string; afterWorkshop: number | null; link: string },
): Message {
  return {
    to: to.email,
    subject: `New gap task: ${c.title}`,
    text: [
      `Dear ${to.name},`,
      '',
      `${c.setBy} has set a gap task for ${c.group.title}${c.afterWorkshop ? `, to do after workshop ${c.afterWorkshop}` : ''}:`,
      '',
      c.title,
      '',
      `It is due on ${longDateWithDay(c.dueOn)}. Each school sends one submission, which anyone from the school can add to until then.`,
      '',
      'Read the instructions and submit for your school here (sign in with the email address your school registered you with):',
      c.link,
      signOff(c.group),
    ].join('\n'),
  };
}

export function taskWithdrawn(to: { name: string; email: string }, c: { group: Group; title: string; lead: string; link: string }): Message {
  return {
    to: to.email,
    subject: `Gap task withdrawn: ${c.title}`,
    text: [
      `Dear ${to.name},`,
      '',
      `${c.lead} has withdrawn the gap task “${c.title}” for ${c.group.title}: it was set by mistake, and there is nothing to do for it.`,
      '',
      'The group’s gap tasks are here:',
      c.link,
      signOff(c.group),
    ].join('\n'),
  };
}

export function feedbackGiven(
  to: { name: string; email: string },
  c: { group: Group; title: string; schoolName: string; lead: string; feedback: string; link: string; changed: boolean },
): Message {
  return {
    to: to.email,
    subject: `${c.changed ? 'Feedback updated' : 'Feedback'} on your gap task: ${c.title}`,
    text: [
      `Dear ${to.name},`,
      '',
      `${c.lead} has ${c.changed ? 'updated their' : 'given'} feedback on ${c.schoolName}’s submission to the gap task “${c.title}”:`,
      '',
      c.feedback,
      '',
      'See your submission and the feedback here:',
      c.link,
      signOff(c.group),
    ].join('\n'),
  };
}
