// Sendmail (`sendmail[pid]:`, `sm-mta[pid]:` on Debian, `sm-msp-queue`, or the process title it
// sets, `sm-acceptingconnections`): a delivery attempt is `QID: to=<r>[,<r2>…], …, mailer=M, …,
// relay=host. [ip], dsn=X.Y.Z, stat=Sent (…)|Deferred: …|<why it failed>`; one line may name several
// recipients of the same host. An arrival is `QID: from=<s>, size=…, nrcpts=…, msgid=<…>, relay=…`.
// This server's refusals: `ruleset=check_rcpt, arg1=<r>, relay=…, reject=550 5.7.1 …`, milter
// `reject=`, `QID: <r>... User unknown` (a recipient refused at RCPT, no code logged). The
// notification it sends: `QID: NEWQID: DSN: why` (`Cannot send message for 5 days` when the message
// expired in the queue). Read with plain string search.
import type { Direction, FamilyReader, LineRead, TrailIds } from '../types';
import { angleValue, fieldValue, idEnd } from './fields';

interface Head {
  /** Where the record starts (after `]: `). */
  rest: number;
}

/** Finds `sendmail[pid]: ` or `sm-…[pid]: ` near the start of the line. */
function head(line: string): Head | null {
  let p = line.indexOf(' sendmail[');
  if (p < 0 || p > 160) {
    p = line.indexOf(' sm-');
    if (p < 0 || p > 160) return null;
  }
  const bracket = line.indexOf('[', p + 1);
  if (bracket < 0 || bracket > p + 40) return null;
  for (let i = p + 1; i < bracket; i++) {
    const c = line.charCodeAt(i);
    // A program name: letters, digits, `-`, `_`, `.`.
    if (!(c === 45 || c === 46 || c === 95 || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122))) return null;
  }
  const close = line.indexOf(']: ', bracket);
  if (close < 0 || close > bracket + 12) return null;
  // The syslog tag ends at the line's first `: ` (a host named `sm-…` later in another program's line is not it).
  if (line.indexOf(': ') !== close + 1) return null;
  return { rest: close + 3 };
}

/** A sendmail queue ID at `at` followed by `: ` (`4AB1cD2e022248`, older `e6FFrpW22493`): its end, or -1. */
function queueIdEnd(line: string, at: number): number {
  const e = idEnd(line, at, 20);
  if (e - at < 8 || line.charCodeAt(e) !== 58 || line.charCodeAt(e + 1) !== 32) return -1;
  // Words such as `ruleset` are lower case; a queue ID mixes digits in.
  for (let i = at; i < e; i++) {
    const c = line.charCodeAt(i);
    if (c >= 48 && c <= 57) return e;
  }
  return -1;
}

/** `mx.example.net. [192.0.2.25]` → `mx.example.net[192.0.2.25]`; `[192.0.2.25]` stays. */
function relayHost(line: string, at: number): string | null {
  const i = line.indexOf('relay=', at);
  if (i < 0) return null;
  const start = i + 6;
  let end = line.indexOf(', ', start);
  if (end < 0) end = line.length;
  let value = line.slice(start, Math.min(end, start + 300));
  // `(may be forged)` is sendmail's remark on the name, not part of it.
  const remark = value.indexOf(' (');
  if (remark > 0) value = value.slice(0, remark);
  const space = value.indexOf(' [');
  if (space > 0) value = `${value.slice(0, space).replace(/\.$/, '')}${value.slice(space + 1)}`;
  else value = value.replace(/\.$/, '');
  return value || null;
}

/** The recipients of a `to=` field: `<a@x>,<b@x>` or `user`, up to the field's end (`, `). */
function recipients(line: string, at: number): { list: string[]; end: number } {
  const start = at + 3;
  let end = line.indexOf(', ', start);
  if (end < 0) end = line.length;
  end = Math.min(end, start + 2000);
  const list: string[] = [];
  for (let i = start; i < end && list.length < 50; ) {
    let comma = line.indexOf(',', i);
    if (comma < 0 || comma > end) comma = end;
    let r = line.slice(i, Math.min(comma, i + 320)).trim();
    if (r.startsWith('<') && r.endsWith('>')) r = r.slice(1, -1);
    if (r) list.push(r);
    i = comma + 1;
  }
  return { list, end };
}

const LOCAL_MAILERS = new Set(['local', 'prog', '*file*', '*include*', 'cyrus', 'cyrusv2', 'procmail', 'lmtp', 'dovecot']);

function rejection(line: string, queueId: string | null, at: number, words: [number, number], recipient: string | null, text: string): LineRead {
  const ruleset = fieldValue(line, 'ruleset=', at);
  // `ruleset=check_mail, arg1=<s>`: the refused one is the sender.
  const arg1 = angleValue(line, 'arg1=<', at);
  return {
    kind: 'outcome',
    verdict: 'rejected',
    queueId,
    recipient: recipient ?? (ruleset === 'check_rcpt' ? arg1 : angleValue(line, 'to=<', at)),
    sender: ruleset === 'check_mail' ? arg1 : null,
    remote: relayHost(line, at),
    direction: 'inbound',
    scope: 'recipient',
    words,
    replyFrom: words[0],
    text,
    temporary: false,
    hop: null,
  };
}

function deliveries(line: string, queueId: string, at: number): LineRead[] | LineRead {
  const to = line.indexOf('to=', at);
  const { list, end } = recipients(line, to);
  const stat = line.indexOf(', stat=', end - 1);
  if (stat < 0) return { kind: 'other', queueId };
  const value = stat + 7;
  const dsn = fieldValue(line, 'dsn=', end);
  let valueEnd = line.length;
  const open = line.indexOf(' (', value);
  const colon = line.indexOf(': ', value);
  let verdict: 'delivered' | 'deferred' | 'bounced';
  let wordsEnd: number;
  if (line.startsWith('Sent', value)) {
    verdict = 'delivered';
    wordsEnd = value + 4;
  } else if (line.startsWith('Deferred', value)) {
    verdict = 'deferred';
    wordsEnd = value + 8;
  } else if (line.startsWith('queued', value) || line.startsWith('quarantined', value)) {
    // Queued for a later run (or held): no attempt was made.
    return { kind: 'other', queueId };
  } else {
    // `stat=User unknown`, `stat=Service unavailable`, `stat=Host unknown (…)`: a failure; its dsn says whether for good.
    verdict = dsn && dsn.startsWith('4') ? 'deferred' : 'bounced';
    wordsEnd = open > value ? open : Math.min(line.length, value + 200);
  }
  valueEnd = Math.min(line.length, value + 400);
  const mailer = fieldValue(line, 'mailer=', end);
  const remote = relayHost(line, end);
  const direction: Direction = mailer && LOCAL_MAILERS.has(mailer) ? 'local' : 'outbound';
  // The MTA's words: `Deferred: Connection refused by …`, `User unknown`, `Sent (Ok: queued as X)`.
  let text = '';
  if (verdict === 'deferred' && colon === wordsEnd) text = line.slice(colon + 2, valueEnd);
  else if (verdict === 'bounced') text = line.slice(value, valueEnd);
  let hop: string | null = null;
  if (verdict === 'delivered') {
    const q = line.indexOf('queued as ', value);
    if (q > 0) {
      const e = idEnd(line, q + 10, 20);
      if (e > q + 10) hop = line.slice(q + 10, e);
    }
  }
  const reads: LineRead[] = list.map((recipient) => ({
    kind: 'outcome',
    verdict,
    queueId,
    recipient,
    sender: null,
    remote: remote && remote !== 'local' ? remote : null,
    direction,
    scope: 'recipient',
    words: [value, wordsEnd],
    replyFrom: value,
    text,
    temporary: false,
    hop,
  }));
  return reads.length > 0 ? reads : { kind: 'other', queueId };
}

/** `QID: NEWQID: DSN: why` (also `return to sender:`, `postmaster notify:`): the notification's ID and its words. */
function notification(line: string, at: number): { id: string; words: number } | null {
  const e = queueIdEnd(line, at);
  if (e < 0) return null;
  for (const key of ['DSN: ', 'return to sender: ', 'postmaster notify: ']) {
    if (line.startsWith(key, e + 2)) return { id: line.slice(at, e), words: e + 2 + key.length };
  }
  return null;
}

function trail(line: string): TrailIds | null {
  const h = head(line);
  if (!h) return null;
  const e = queueIdEnd(line, h.rest);
  if (e < 0) return { queueId: null, links: [], messageId: null };
  const queueId = line.slice(h.rest, e);
  const links: string[] = [];
  const n = notification(line, e + 2);
  if (n && n.id !== queueId) links.push(n.id);
  const mid = angleValue(line, 'msgid=<', e);
  return { queueId, links, messageId: mid || null };
}

export const sendmail: FamilyReader = {
  family: 'sendmail',
  // Sendmail logs no message end; a recipient sent or bounced is not tried again.
  finalVerdicts: ['delivered', 'bounced'],
  claims: (line) => line.includes(' sendmail[') || line.includes(' sm-'),
  trail,
  read(line: string): LineRead | readonly LineRead[] | null {
    const h = head(line);
    if (!h) return null;
    let at = h.rest;
    let queueId: string | null = null;
    const e = queueIdEnd(line, at);
    if (e > 0) {
      queueId = line.slice(at, e);
      at = e + 2;
    }
    const reject = line.indexOf('reject=', at);
    if (reject >= 0 && (line.charCodeAt(reject - 1) === 32 || line.charCodeAt(reject - 1) === 44)) {
      return rejection(line, queueId, at, [reject + 7, Math.min(line.length, reject + 7 + 200)], null, '');
    }
    if (line.startsWith('rejecting commands from ', at)) {
      return rejection(line, queueId, at, [at, at + 23], null, line.slice(at, Math.min(line.length, at + 300)));
    }
    // `<r>... User unknown`: a recipient this server refused at RCPT.
    if (line.charCodeAt(at) === 60) {
      const close = line.indexOf('>... ', at);
      if (close > at && close - at < 320) {
        const why = line.slice(close + 5, Math.min(line.length, close + 305));
        return rejection(line, queueId, at, [close + 5, close + 5 + why.length], line.slice(at + 1, close), why);
      }
    }
    if (!queueId) return { kind: 'other', queueId: null };
    if (line.startsWith('to=', at)) return deliveries(line, queueId, at);
    const n = notification(line, at);
    if (n) {
      const why = line.slice(n.words, Math.min(line.length, n.words + 300));
      // The queue time ran out: every recipient still waiting is returned.
      if (why.startsWith('Cannot send message for') || why.startsWith('delivery time expired')) {
        return {
          kind: 'outcome',
          verdict: 'expired',
          queueId,
          recipient: null,
          sender: null,
          remote: null,
          direction: 'outbound',
          scope: 'message',
          words: [n.words, n.words + why.length],
          replyFrom: -1,
          text: why,
          temporary: false,
          hop: null,
        };
      }
    }
    return { kind: 'other', queueId };
  },
};
