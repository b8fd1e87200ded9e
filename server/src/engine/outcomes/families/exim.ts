// Exim's main log: `DATE TIME [+ZONE] [[pid]] MESSAGEID FLAG address …` where the flag is `<=`
// (arrival), `=>` (delivered), `->` (another address of the same delivery), `>>` (cutthrough
// delivery), `**` (bounced), `==` (deferred), `*>` (delivery suppressed); `Completed` ends a
// message. Refusals by this server's ACLs name no message: `H=… F=<s> rejected RCPT <r>: why`
// (`temporarily rejected` for a `defer` verb). Exim logs them without the SMTP code it sent.
// Also read when Exim logs through syslog (`… exim[pid]: MESSAGEID …`).
import type { FamilyReader, LineRead, TrailIds, Verdict } from '../types';
import { angleValue, fieldValue, idEnd, isIdChar } from './fields';

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Where the record starts after Exim's own timestamp (and zone, and pid), or -1 if the line has none. */
function afterStamp(line: string): number {
  // `2026-11-24 10:15:02` (+ `.123`) — checked on characters.
  let i = 0;
  const syslog = line.indexOf(' exim');
  if (syslog >= 0 && syslog < 120) {
    // `Nov 24 10:15:02 host exim[123]: …` (Exim logging to syslog): the record follows `]: `.
    const close = line.indexOf(']: ', syslog);
    if (close > 0 && close < syslog + 20) i = close + 3;
  }
  if (!(isDigit(line.charCodeAt(i)) && line.charCodeAt(i + 4) === 45 && line.charCodeAt(i + 7) === 45 && line.charCodeAt(i + 10) === 32 && line.charCodeAt(i + 13) === 58)) {
    return i > 0 ? i : -1;
  }
  i += 19;
  if (line.charCodeAt(i) === 46) {
    i++;
    while (isDigit(line.charCodeAt(i))) i++;
  }
  if (line.charCodeAt(i) === 32 && (line.charCodeAt(i + 1) === 43 || line.charCodeAt(i + 1) === 45) && isDigit(line.charCodeAt(i + 2))) i += 6;
  if (line.charCodeAt(i) === 32 && line.charCodeAt(i + 1) === 91) {
    const close = line.indexOf('] ', i);
    if (close > 0 && close < i + 14) i = close + 1;
  }
  return line.charCodeAt(i) === 32 ? i + 1 : -1;
}

/** An Exim message ID at `at` (`1tXyZa-000Abc-AB`, or the 4.97 form `10HmaX-000000005vi-0000`): its end, or -1. */
function messageIdEnd(line: string, at: number): number {
  const a = idEnd(line, at, 7);
  if (a - at !== 6 || line.charCodeAt(a) !== 45) return -1;
  const b = idEnd(line, a + 1, 12);
  if (b - a - 1 < 6 || b - a - 1 > 11 || line.charCodeAt(b) !== 45) return -1;
  const c = idEnd(line, b + 1, 5);
  if (c - b - 1 < 2 || c - b - 1 > 4 || isIdChar(line.charCodeAt(c))) return -1;
  return c;
}

const FLAGS: Record<string, Verdict | 'other'> = { '=>': 'delivered', '->': 'delivered', '>>': 'delivered', '**': 'bounced', '==': 'deferred', '<=': 'other', '*>': 'other' };

/** The `H=host [ip]` of a record (up to the next field), or null. */
function hostField(line: string, from: number): string | null {
  const h = line.indexOf(' H=', from);
  if (h < 0) return null;
  let end = line.indexOf(']', h);
  if (end < 0 || end > h + 300) {
    end = line.indexOf(' ', h + 3);
    if (end < 0) end = line.length;
  } else {
    end++;
  }
  return line.slice(h + 3, end);
}

/** The MTA's words without the fields Exim appends after them (`DT=0s`, `QT=1m`). */
function withoutTrailingFields(text: string): string {
  let end = text.length;
  for (;;) {
    const space = text.lastIndexOf(' ', end - 1);
    const token = text.slice(space + 1, end);
    const eq = token.indexOf('=');
    if (space < 0 || eq < 1 || eq > 3 || !/^[A-Z]+$/.test(token.slice(0, eq))) break;
    end = space;
  }
  return text.slice(0, end);
}

function readRejection(line: string, at: number, queueId: string | null): LineRead | null {
  const r = line.indexOf(' rejected ', at - 1);
  if (r < 0) return null;
  const temporary = line.startsWith('temporarily', r - 11);
  const wordsStart = temporary ? r - 11 : r + 1;
  const colon = line.indexOf(': ', r);
  const recipient = line.startsWith(' rejected RCPT ', r) ? angleValue(line, '<', r) : null;
  return {
    kind: 'outcome',
    verdict: 'rejected',
    queueId,
    recipient,
    sender: angleValue(line, ' F=<', at - 1),
    remote: hostField(line, at - 1),
    direction: 'inbound',
    scope: 'recipient',
    words: [wordsStart, colon > r ? colon : r + 9],
    replyFrom: colon > r ? colon : r,
    text: colon > r ? line.slice(colon + 2, Math.min(line.length, colon + 402)) : '',
    temporary,
    hop: null,
  };
}

function trail(line: string): TrailIds | null {
  const at = afterStamp(line);
  if (at < 0) return null;
  const end = messageIdEnd(line, at);
  if (end < 0) return { queueId: null, links: [], messageId: null };
  const links: string[] = [];
  // A bounce (`<= <> R=PARENT`) names the message it reports.
  const r = line.indexOf(' R=', end);
  if (line.startsWith(' <= ', end) && r > 0) {
    const e = messageIdEnd(line, r + 3);
    if (e > 0) links.push(line.slice(r + 3, e));
  }
  // An arrival records the Message-ID header: ` id=<local@host>` (brackets as logged).
  let messageId: string | null = null;
  const id = line.startsWith(' <= ', end) ? line.indexOf(' id=', end) : -1;
  if (id > 0) {
    let e = line.indexOf(' ', id + 4);
    if (e < 0) e = line.length;
    messageId = line.slice(id + 4, Math.min(e, id + 300)).replace(/^<|>$/g, '') || null;
  }
  const ids: TrailIds = { queueId: line.slice(at, end), links, messageId };
  if (line.startsWith(' <= ', end)) {
    // The arrival: `<= sender H=host [ip] … S=size` (`<= <>` for a bounce, `U=user P=local` for local mail).
    let e = line.indexOf(' ', end + 4);
    if (e < 0) e = line.length;
    const sender = line.slice(end + 4, Math.min(e, end + 324));
    ids.sender = sender === '<>' ? '' : sender;
    const host = hostField(line, end);
    const user = host ? null : fieldValue(line, 'U=', end);
    ids.client = host ?? (user ? `local (${user})` : null);
    const size = fieldValue(line, 'S=', end);
    if (size && /^\d{1,15}$/.test(size)) ids.size = Number(size);
  }
  return ids;
}

export const exim: FamilyReader = {
  family: 'exim',
  logsMessageEnd: true,
  // No final verdicts: one address can have several deliveries (an alias's targets, one per router
  // that accepts it), each logged under it; a story ends only with its message (`Completed`).
  claims: (line) => (isDigit(line.charCodeAt(0)) && line.charCodeAt(4) === 45) || line.includes(' exim'),
  trail,
  read(line: string): LineRead | null {
    const at = afterStamp(line);
    if (at < 0) return null;
    const idEndAt = messageIdEnd(line, at);
    if (idEndAt < 0) {
      // Records that name no message: connections, and this server's refusals.
      if (line.startsWith('H=', at) || line.startsWith('SMTP ', at) || line.includes(' rejected ', at)) return readRejection(line, at, null) ?? { kind: 'other', queueId: null };
      return null;
    }
    const queueId = line.slice(at, idEndAt);
    const flagAt = idEndAt + 1;
    if (line.startsWith('Completed', flagAt)) return { kind: 'end', queueId };
    const flag = line.slice(flagAt, flagAt + 2);
    const verdict = line.charCodeAt(flagAt + 2) === 32 ? FLAGS[flag] : undefined;
    if (!verdict) {
      // `H=… rejected after DATA: …` carries the message ID.
      return readRejection(line, flagAt, queueId) ?? { kind: 'other', queueId };
    }
    if (verdict === 'other') return { kind: 'other', queueId };
    // Queue runs that did not try the address are not attempts.
    if (verdict === 'deferred' && (line.includes('retry time not reached') || line.includes('queue_smtp_domains'))) return { kind: 'skip', queueId };
    const addrStart = flagAt + 3;
    let addrEnd = addrStart;
    while (addrEnd < line.length && line.charCodeAt(addrEnd) !== 32 && addrEnd - addrStart < 320) addrEnd++;
    let recipient = line.slice(addrStart, addrEnd);
    if (recipient.endsWith(':')) recipient = recipient.slice(0, -1);
    if (recipient.startsWith('<') && recipient.endsWith('>')) recipient = recipient.slice(1, -1);
    // `=> sender <sender@example.com> R=…`: a local delivery names the original address after the local part.
    if (line.charCodeAt(addrEnd + 1) === 60) {
      const original = angleValue(line, '<', addrEnd);
      if (original) recipient = original;
    }
    const remote = hostField(line, addrEnd);
    // The MTA's words: after the first `: ` that follows the address and its routing fields.
    const colon = line.indexOf(': ', addrEnd - 1);
    const text = verdict !== 'delivered' && colon >= 0 ? withoutTrailingFields(line.slice(colon + 2, Math.min(line.length, colon + 402))) : '';
    const expired = verdict === 'bounced' && text.includes('retry timeout exceeded');
    const confirmation = line.indexOf(' C="', addrEnd);
    return {
      kind: 'outcome',
      verdict: expired ? 'expired' : verdict,
      queueId,
      recipient: recipient || null,
      sender: null,
      remote,
      direction: remote || line.includes(' T=remote_smtp', addrEnd) ? 'outbound' : 'local',
      scope: 'recipient',
      words: text && colon >= 0 ? [colon + 2, Math.min(line.length, colon + 2 + text.length)] : [flagAt, flagAt + 2],
      replyFrom: confirmation >= 0 ? confirmation : colon >= 0 ? colon : addrEnd,
      text,
      temporary: false,
      hop: null,
    };
  },
};
