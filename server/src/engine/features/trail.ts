// A message's story in words, for the hover on a queue ID and for `smtp-codes trace`: where it
// came from, its sender, Message-ID and size, each recipient's outcome (code, time, line), its
// removal, and the messages linked to it. Plain text lines here; the hover escapes them for
// Markdown, the CLI for the terminal.
import type { LogFamily } from '../outcomes/types';
import { lineTime, trailCode, type Trail, type TrailLine, type TrailMessage, type TrailRecipient, type TrailResult } from '../outcomes/trail';
import { escapeMarkdown, formatCount } from './render';

const MTA: Partial<Record<LogFamily, string>> = { postfix: 'Postfix', exim: 'Exim', sendmail: 'Sendmail', qmail: 'qmail', exchange: 'Exchange', m365: 'Microsoft 365', ses: 'Amazon SES', sendgrid: 'SendGrid' };

/** Where a line is, as shown: `line 20` in the same text, `mail.log.1:20` elsewhere. */
export type LineName = (l: TrailLine) => string;

/** The sender as people read it: `<>` for the null sender of a notification. */
export function senderText(sender: string | null): string | null {
  if (sender === null) return null;
  return sender === '' ? '<> (a notification)' : sender;
}

/** `Message EF20920E37E (Postfix)` and its facts: received from, sender, Message-ID, size. */
export function messageHead(m: TrailMessage): { title: string; facts: string[] } {
  const facts: string[] = [];
  if (m.client) facts.push(`received from ${m.client}`);
  const sender = senderText(m.sender);
  if (sender) facts.push(`sender ${sender}`);
  if (m.messageId) facts.push(`Message-ID <${m.messageId}>`);
  if (m.size !== null) facts.push(`${formatCount(m.size)} bytes`);
  const mta = m.family ? MTA[m.family] : null;
  return { title: `Message ${m.id}${mta ? ` (${mta})` : ''}`, facts };
}

/** One recipient's outcome: `ana@example.net: bounced, 550 5.1.1, at Dec 06 00:42:47 (line 20)`. */
export function recipientText(r: TrailRecipient, where: LineName): string {
  const parts: string[] = [r.verdict];
  const code = trailCode(r);
  if (code) parts.push(code);
  if (r.attempts > 1) parts.push(`after ${r.attempts} attempts`);
  return `${r.recipient}: ${parts.join(', ')}${r.time ? ` at ${r.time}` : ''} (${where(r.last)})`;
}

/** The story of one message as lines of plain text (the caller escapes them). */
export function messageStory(m: TrailMessage, where: LineName): string[] {
  const head = messageHead(m);
  const out = [`${head.title}${m.time ? `, first seen ${m.time}` : ''} (${where(m.first)})`];
  if (head.facts.length) out.push(head.facts.join(', '));
  for (const r of m.recipients) out.push(recipientText(r, where));
  if (m.removed) {
    const at = lineTime(m.removed.text);
    out.push(`removed from the queue${at ? ` at ${at}` : ''} (${where(m.removed)})`);
  }
  else if (m.logsRemoval) out.push('not removed from the queue in these lines (still queued, or it left in another log)');
  if (m.linked.length) out.push(`linked: ${m.linked.join(', ')}`);
  return out;
}

const HOVER_RECIPIENTS = 8;

/** The trail a queue ID's message is in (the one holding a message with that ID), if any. */
export function trailOf(result: TrailResult, id: string): { trail: Trail; message: TrailMessage } | null {
  for (const trail of result.trails) {
    const message = trail.messages.find((m) => m.id === id);
    if (message) return { trail, message };
  }
  return null;
}

/**
 * The hover on a queue ID: the message's story, then its linked messages in a line each, and how
 * many lines the trail has (Find All References lists them).
 */
export function trailHoverMarkdown(result: TrailResult, id: string, where: LineName): string | null {
  const found = trailOf(result, id);
  if (!found) return null;
  const { trail, message } = found;
  // A few lines: at most HOVER_RECIPIENTS recipients (Find All References lists every line).
  const shown = message.recipients.length > HOVER_RECIPIENTS ? { ...message, recipients: message.recipients.slice(0, HOVER_RECIPIENTS) } : message;
  const story = messageStory(shown, where);
  const items = story.slice(1);
  // After the recipients: before the removal line and the linked messages.
  if (shown !== message) items.splice(items.length - 1 - (message.linked.length ? 1 : 0), 0, `… and ${formatCount(message.recipients.length - HOVER_RECIPIENTS)} more recipients`);
  const out: string[] = [`**${escapeMarkdown(story[0])}**`, ''];
  for (const line of items) out.push(`- ${escapeMarkdown(line)}`);
  const others = trail.messages.filter((m) => m !== message);
  if (others.length) {
    out.push('', 'Linked messages:', '');
    for (const m of others) {
      const ends = m.recipients.map((r) => `${r.recipient} ${r.verdict}`).join(', ');
      const sender = senderText(m.sender);
      out.push(`- ${escapeMarkdown(`${m.id}${sender ? `, sender ${sender}` : ''}${ends ? `: ${ends}` : ''} (${where(m.first)})`)}`);
    }
  }
  out.push('', `${formatCount(trail.lines.length)} lines in this trail${result.truncated ? ' (more left out)' : ''}: Find All References lists them.`);
  return out.join('\n');
}
