// Postfix: `postfix/smtp[pid]: QUEUEID: to=<r>, relay=h[ip]:25, …, dsn=X.Y.Z, status=sent|deferred|bounced (…)`,
// the queue manager's `status=expired, returned to sender`, and this server's own refusals
// (`smtpd`/`postscreen`/`cleanup` `reject:`, `milter-reject:`). Programs may carry an instance or
// service name (`postfix-out/smtp`, `postfix/submission/smtpd`). Read with plain string search.
import type { Direction, FamilyReader, LineRead, TrailIds, Verdict } from '../types';
import { angleValue, fieldValue, idEnd } from './fields';

/** Postfix's `status=` values and their verdicts; address verification probes (`deliverable`) are not deliveries. */
const STATUS: ReadonlyArray<readonly [string, Verdict | 'other']> = [
  ['sent', 'delivered'],
  ['deferred', 'deferred'],
  ['bounced', 'bounced'],
  ['expired', 'expired'],
  ['SOFTBOUNCE', 'deferred'],
  ['deliverable', 'other'],
  ['undeliverable', 'other'],
];

/** The verdict of the `status=` value at `at` (compared in place), and where the value ends. */
function statusAt(line: string, at: number): { verdict: Verdict | 'other'; end: number } | null {
  for (const [value, verdict] of STATUS) {
    if (!line.startsWith(value, at)) continue;
    const after = line.charCodeAt(at + value.length);
    if (Number.isNaN(after) || after === 32 || after === 44) return { verdict, end: at + value.length };
  }
  return null;
}

/** Delivery agents that deliver on this host. */
const LOCAL_AGENTS = ['local', 'virtual', 'lmtp', 'pipe', 'maildrop', 'dovecot'];

interface Head {
  /** Where the program after `postfix…/` starts (its last path part: `smtp`, `smtpd`, `qmgr`…) and ends. */
  program: number;
  programEnd: number;
  /** Where the message part starts (after `]: `). */
  rest: number;
}

/** `host[192.0.2.1]:25` → `host[192.0.2.1]`. */
function withoutPort(relay: string): string {
  const colon = relay.lastIndexOf(':');
  return colon > 0 && relay.charCodeAt(colon - 1) === 93 ? relay.slice(0, colon) : relay;
}

/** Finds `postfix[-name]/…/program[pid]: ` in the line. */
function head(line: string): Head | null {
  const p = line.indexOf('postfix');
  if (p < 0 || p > 200) return null;
  const slash = line.indexOf('/', p + 7);
  if (slash < 0 || slash > p + 40) return null;
  const bracket = line.indexOf('[', slash);
  if (bracket < 0 || bracket > slash + 60) return null;
  const close = line.indexOf(']: ', bracket);
  if (close < 0 || close > bracket + 12) return null;
  const last = line.lastIndexOf('/', bracket);
  return { program: last + 1, programEnd: bracket, rest: close + 3 };
}

/** Whether the program of a head delivers on this host (compared in place). */
function isLocalAgent(line: string, h: Head): boolean {
  const n = h.programEnd - h.program;
  for (const agent of LOCAL_AGENTS) if (agent.length === n && line.startsWith(agent, h.program)) return true;
  return false;
}

/**
 * A queue ID at `at`, followed by `: ` (short hex IDs, long mixed-case ones): its end, or -1.
 * A word of lower-case letters there is Postfix's `warning:`, `fatal:`, `statistics:`…, never an ID.
 */
function queueIdEnd(line: string, at: number): number {
  const i = idEnd(line, at, 21);
  if (i === at || line.charCodeAt(i) !== 58 || line.charCodeAt(i + 1) !== 32) return -1;
  for (let k = at; k < i; k++) {
    const c = line.charCodeAt(k);
    if (c < 97 || c > 122) return i;
  }
  return -1;
}

function readReject(line: string, queueId: string | null, at: number, words: number): LineRead {
  // `reject: RCPT from host[ip]: 554 …; from=<s> to=<r> proto=…` (postscreen: `from=<s>, to=<r>,`).
  const from = line.indexOf(' from ', at);
  let remote: string | null = null;
  if (from >= 0) {
    const end = line.indexOf(': ', from + 6);
    const semi = line.indexOf(';', from + 6);
    const stop = end >= 0 && (semi < 0 || end < semi) ? end : semi;
    if (stop > from) remote = line.slice(from + 6, Math.min(stop, from + 300));
  }
  return {
    kind: 'outcome',
    verdict: 'rejected',
    queueId,
    recipient: angleValue(line, 'to=<', at),
    sender: angleValue(line, 'from=<', at),
    remote,
    direction: 'inbound',
    scope: 'recipient',
    words: [words, words + (line.startsWith('milter-reject:', words) ? 14 : 7)],
    replyFrom: at,
    text: '',
    temporary: false,
    hop: null,
  };
}

/** The ID after one of `keys` in the line (`queued as X`, `notification: X`), or null. */
function idAfter(line: string, key: string, from: number): string | null {
  const i = line.indexOf(key, from);
  if (i < 0) return null;
  const e = idEnd(line, i + key.length, 20);
  return e > i + key.length ? line.slice(i + key.length, e) : null;
}

function trail(line: string): TrailIds | null {
  const h = head(line);
  if (!h) return null;
  // `NOQUEUE: reject: …`: refused before it had a queue ID.
  const end = line.startsWith('NOQUEUE: ', h.rest) ? -1 : queueIdEnd(line, h.rest);
  const queueId = end > 0 ? line.slice(h.rest, end) : null;
  const from = end > 0 ? end : h.rest;
  const links: string[] = [];
  for (const key of ['queued as ', 'non-delivery notification: ', 'delay notification: ', 'delivery status notification: ', 'success notification: ']) {
    const id = idAfter(line, key, from);
    if (id && id !== queueId) links.push(id);
  }
  const mid = angleValue(line, 'message-id=<', from);
  const ids: TrailIds = { queueId, links, messageId: mid || null };
  if (queueId) {
    // smtpd `client=host[ip]`, qmgr `from=<s>, size=N`, pickup `uid=N from=<s>`.
    const client = fieldValue(line, 'client=', from);
    if (client) ids.client = client;
    const sender = angleValue(line, 'from=<', from);
    if (sender !== null) ids.sender = sender;
    const size = fieldValue(line, 'size=', from);
    if (size && /^\d{1,15}$/.test(size)) ids.size = Number(size);
  }
  return ids;
}

export const postfix: FamilyReader = {
  family: 'postfix',
  logsMessageEnd: true,
  // A recipient delivered or bounced is done (its message may still wait for others).
  finalVerdicts: ['delivered', 'bounced'],
  claims: (line) => line.includes('postfix'),
  trail,
  read(line: string, hasCodes = false): LineRead | null {
    const h = head(line);
    if (!h) return null;
    let at = h.rest;
    let queueId: string | null = null;
    if (line.startsWith('NOQUEUE: ', at)) {
      at += 9;
    } else {
      const end = queueIdEnd(line, at);
      if (end > 0) {
        queueId = line.slice(at, end);
        at = end + 2;
      }
    }
    if (line.startsWith('reject: ', at) || line.startsWith('milter-reject: ', at)) return readReject(line, queueId, at, at);
    if (!queueId) return { kind: 'other', queueId: null };
    if (line.startsWith('removed', at) && line.length - at <= 8) return { kind: 'end', queueId };
    const status = line.indexOf('status=', at);
    if (status < 0) return { kind: 'other', queueId };
    const value = statusAt(line, status + 7);
    if (!value || value.verdict === 'other') return { kind: 'other', queueId };
    const verdict = value.verdict;
    const valueEnd = value.end;
    const recipient = angleValue(line, 'to=<', at);
    const relay = fieldValue(line, 'relay=', at);
    if (verdict === 'expired' && !recipient) {
      // qmgr: `from=<s>, status=expired, returned to sender`: the message's still-deferred recipients.
      return {
        kind: 'outcome',
        verdict,
        queueId,
        recipient: null,
        sender: angleValue(line, 'from=<', at),
        remote: null,
        direction: 'outbound',
        scope: 'message',
        words: [status, valueEnd],
        replyFrom: -1,
        text: line.slice(valueEnd, Math.min(line.length, valueEnd + 200)).replace(/^[, ]+/, ''),
        temporary: false,
        hop: null,
      };
    }
    const local = isLocalAgent(line, h) || relay === 'local' || relay === 'virtual';
    const direction: Direction = local ? 'local' : 'outbound';
    const open = line.indexOf('(', valueEnd);
    let text = '';
    if (open >= 0 && !hasCodes) {
      text = line.slice(open + 1, Math.min(line.length, open + 400));
      if (text.endsWith(')')) text = text.slice(0, -1);
    }
    // The next server queued it as another ID: a content filter on this host, whose ID goes on in this
    // log (the trail follows it), or the remote server's own.
    let hop: string | null = null;
    if (verdict === 'delivered') {
      const q = line.lastIndexOf('queued as ');
      if (q > valueEnd) {
        const e = idEnd(line, q + 10, 20);
        if (e > q + 10) hop = line.slice(q + 10, e);
      }
    }
    return {
      kind: 'outcome',
      verdict,
      queueId,
      recipient,
      sender: null,
      remote: relay && relay !== 'none' ? withoutPort(relay) : null,
      direction,
      scope: 'recipient',
      words: [status, valueEnd],
      replyFrom: open >= 0 ? open : valueEnd,
      text,
      temporary: false,
      hop,
    };
  },
};
