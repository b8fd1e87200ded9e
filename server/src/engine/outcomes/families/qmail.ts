// qmail (qmail-send, as its qmail-log(5) describes): `starting delivery N: msg M to local|remote r`
// begins a delivery; `delivery N: success|deferral|failure: text` ends it and names only N, so its
// message and recipient come from the line that started it (the reader returns what each line says;
// read.ts resolves N through the context). `info msg M: bytes B from <s> qp Q uid U` records the
// sender, `bounce msg M qp Q` the notification (queued with the long-term ID `qp Q`), `end msg M`
// the message leaving the queue. qmail-remote writes the remote's reply with `_` for spaces and `/`
// between lines. Lines come through syslog (`qmail: 1157520813.485077 …`), multilog (a TAI64N
// stamp, `@4000000065…`) or bare. This server's refusals: rblsmtpd's and qmail-smtpd's coded replies.
import type { Direction, FamilyReader, LineRead, TrailIds, Verdict } from '../types';

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** After `1157520813.485077 ` (an accustamp/splogger time) at `at`, or `at` when there is none. */
function afterEpoch(line: string, at: number): number {
  let i = at;
  while (i < line.length && i - at < 11 && isDigit(line.charCodeAt(i))) i++;
  if (i - at < 9 || line.charCodeAt(i) !== 46) return at;
  const frac = ++i;
  while (i < line.length && i - frac < 10 && isDigit(line.charCodeAt(i))) i++;
  return i > frac && line.charCodeAt(i) === 32 ? i + 1 : at;
}

/** Where a qmail record starts: after a TAI64N stamp, a syslog `qmail:` tag (and its time), or a bare time; -1 if the line is not qmail's. */
function recordStart(line: string): { at: number; program: string } {
  // multilog: `@` and 24 hex digits.
  if (line.charCodeAt(0) === 64 && line.charCodeAt(25) === 32) {
    for (let i = 1; i < 25; i++) if (!isHex(line.charCodeAt(i))) return { at: -1, program: '' };
    return { at: 26, program: '' };
  }
  // syslog: the tag ends at the line's first `: ` (`qmail:`, `qmail-send[12]:`, `rblsmtpd[12]:`…).
  const colon = line.indexOf(': ');
  if (colon > 0 && colon < 160) {
    let tagEnd = colon;
    if (line.charCodeAt(tagEnd - 1) === 93) tagEnd = line.lastIndexOf('[', tagEnd);
    const tagStart = line.lastIndexOf(' ', tagEnd) + 1;
    const tag = line.slice(tagStart, tagEnd);
    if (tag === 'qmail' || tag.startsWith('qmail-') || tag === 'rblsmtpd') return { at: afterEpoch(line, colon + 2), program: tag };
  }
  const at = afterEpoch(line, 0);
  return { at: at > 0 ? at : -1, program: '' };
}

/** The number after `key` at `at` and its end, or null. */
function numberAt(line: string, at: number): { value: string; end: number } | null {
  let i = at;
  while (i < line.length && i - at < 20 && isDigit(line.charCodeAt(i))) i++;
  return i > at ? { value: line.slice(at, i), end: i } : null;
}

const RESULTS = new Map<string, Verdict>([
  ['success', 'delivered'],
  ['deferral', 'deferred'],
  ['failure', 'bounced'],
]);

/** The program's words, readable: `_` back to spaces, `/` between reply lines. */
function words(raw: string): string {
  return raw.replace(/_/g, ' ').replace(/\/$/, '').replace(/\//g, ' / ');
}

/** The host a remote delivery's text starts with (`192.0.2.25_accepted_message.`), or null. */
function remoteHost(line: string, at: number): string | null {
  let i = at;
  while (i < line.length && i - at < 45) {
    const c = line.charCodeAt(i);
    if (!(isHex(c) || c === 46 || c === 58)) break;
    i++;
  }
  return i > at && line.charCodeAt(i) === 95 && line.slice(at, i).includes('.') ? line.slice(at, i) : null;
}

function readDelivery(line: string, at: number): LineRead | null {
  // `delivery N: success: …`
  const n = numberAt(line, at + 9);
  if (!n || line.charCodeAt(n.end) !== 58) return null;
  const resultAt = n.end + 2;
  const colon = line.indexOf(': ', resultAt);
  let verdict: Verdict | undefined = colon > resultAt ? RESULTS.get(line.slice(resultAt, colon)) : undefined;
  let wordsEnd = colon;
  if (!verdict && line.startsWith('report mangled, will defer', resultAt)) {
    verdict = 'deferred';
    wordsEnd = resultAt + 26;
  }
  if (!verdict) return { kind: 'other', queueId: null };
  const textAt = colon + 2;
  const text = verdict === 'delivered' || wordsEnd !== colon ? '' : words(line.slice(textAt, Math.min(line.length, textAt + 400)));
  return {
    kind: 'outcome',
    verdict,
    // The message and recipient are on `starting delivery N`: resolved by read.ts.
    queueId: null,
    recipient: null,
    sender: null,
    remote: wordsEnd === colon ? remoteHost(line, textAt) : null,
    direction: 'outbound',
    scope: 'recipient',
    words: [resultAt, wordsEnd],
    replyFrom: resultAt,
    text,
    temporary: false,
    hop: null,
    attempt: n.value,
  };
}

function readStart(line: string, at: number): LineRead | null {
  // `starting delivery N: msg M to local|remote r`
  const n = numberAt(line, at + 18);
  if (!n || !line.startsWith(': msg ', n.end)) return null;
  const m = numberAt(line, n.end + 6);
  if (!m) return null;
  let direction: Direction;
  let r: number;
  if (line.startsWith(' to remote ', m.end)) {
    direction = 'outbound';
    r = m.end + 11;
  } else if (line.startsWith(' to local ', m.end)) {
    direction = 'local';
    r = m.end + 10;
  } else return null;
  let end = r;
  while (end < line.length && end - r < 320 && line.charCodeAt(end) !== 32) end++;
  return { kind: 'start', attempt: n.value, queueId: m.value, recipient: line.slice(r, end), direction };
}

/** This server's refusal: `rblsmtpd: 192.0.2.7 pid 123 list: 451 …`, `qmail-smtpd: 421 …`. */
function readRefusal(line: string, at: number, program: string): LineRead | null {
  let codeAt = at;
  let remote: string | null = null;
  let rest = at;
  if (line.startsWith('rblsmtpd: ', at)) rest = at + 10;
  else if (line.startsWith('qmail-smtpd: ', at)) rest = at + 13;
  else if (program !== 'rblsmtpd') return null;
  if (line.startsWith('qmail-smtpd: ', at)) codeAt = rest;
  else {
    // `IP pid N list: CODE text`
    const sp = line.indexOf(' ', rest);
    if (sp > rest && sp - rest < 46) remote = line.slice(rest, sp);
    const c = line.indexOf(': ', rest);
    if (c < 0) return null;
    codeAt = c + 2;
  }
  const first = line.charCodeAt(codeAt);
  if (!(first === 52 || first === 53) || !isDigit(line.charCodeAt(codeAt + 1)) || !isDigit(line.charCodeAt(codeAt + 2))) return null;
  return {
    kind: 'outcome',
    verdict: 'rejected',
    queueId: null,
    recipient: null,
    sender: null,
    remote,
    direction: 'inbound',
    scope: 'recipient',
    words: [codeAt, codeAt + 3],
    replyFrom: codeAt,
    text: '',
    temporary: first === 52,
    hop: null,
  };
}

function trail(line: string): TrailIds | null {
  const { at } = recordStart(line);
  if (at < 0) return null;
  for (const key of ['info msg ', 'bounce msg ', 'end msg ', 'new msg ']) {
    if (!line.startsWith(key, at)) continue;
    const m = numberAt(line, at + key.length);
    if (!m) return null;
    // The long-term queue ID (`qp Q`) joins a message to its notification: `bounce msg M qp Q`, then `info msg M2: … qp Q`.
    const qp = line.indexOf(' qp ', m.end);
    const q = qp > 0 ? numberAt(line, qp + 4) : null;
    return { queueId: m.value, links: q ? [`qp ${q.value}`] : [], messageId: null };
  }
  if (line.startsWith('starting delivery ', at)) {
    const r = readStart(line, at);
    if (r && r.kind === 'start') return { queueId: r.queueId, links: [], messageId: null };
  }
  return { queueId: null, links: [], messageId: null };
}

export const qmail: FamilyReader = {
  family: 'qmail',
  logsMessageEnd: true,
  finalVerdicts: ['delivered', 'bounced'],
  claims: (line) => line.charCodeAt(0) === 64 || line.includes('qmail') || line.includes('rblsmtpd') || line.includes('delivery '),
  trail,
  read(line: string): LineRead | null {
    const { at, program } = recordStart(line);
    if (at < 0) return null;
    if (line.startsWith('starting delivery ', at)) return readStart(line, at);
    if (line.startsWith('delivery ', at)) return readDelivery(line, at);
    if (line.startsWith('end msg ', at)) {
      const m = numberAt(line, at + 8);
      return m ? { kind: 'end', queueId: m.value } : null;
    }
    for (const key of ['info msg ', 'bounce msg ', 'new msg ']) {
      if (line.startsWith(key, at)) {
        const m = numberAt(line, at + key.length);
        return m ? { kind: 'other', queueId: m.value } : null;
      }
    }
    const refusal = readRefusal(line, at, program);
    if (refusal) return refusal;
    // Other lines of a qmail program (`status: local 0/10 remote 1/20`…) record no outcome.
    return program || line.charCodeAt(0) === 64 ? { kind: 'other', queueId: null } : null;
  },
};
