// The trail of a message (engine/outcomes/trail.ts) on the real Postfix and Exim logs of
// test/fixtures/mta: from each queue ID, the lines are exactly those of its message and of the
// messages linked to it (its notifications, a content filter's hop, an Exim bounce's parent),
// computed here independently from expected.json (which the generator read from the MTAs' own
// fields) and a plain word split of the log; from a Message-ID and an address too. Streams in
// any pieces, edited documents and one-pass reading agree with reading the whole text; the work
// grows with the text, not with its square (counted, never timed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  analyzeEmail,
  bounceTrailTokenAt,
  EDITOR_LIMITS,
  parseTrailQuery,
  STREAM_LIMITS,
  traceTexts,
  TrailCollector,
  trailHoverMarkdown,
  trailTokenAt,
  type TrailLimits,
  type TrailQuery,
  type TrailResult,
} from '../../server/src/engine/index';
import { searchLines, useSimdSearch, simdSearchAvailable } from '../../server/src/engine/outcomes/find';
import { LineDocument } from '../../server/src/lsp/lineDocument';
import { repoRoot } from '../support/shared';

const MTA = join(repoRoot, 'test', 'fixtures', 'mta');
interface ExpectedMessage {
  queueId: string;
  messageId: string | null;
  notifications: { id: string }[];
  queuedAs?: { id: string; inThisLog: boolean }[];
  notificationFor?: string;
}
const expected = JSON.parse(readFileSync(join(MTA, 'expected.json'), 'utf8')) as {
  logs: Record<string, { messages: Record<string, ExpectedMessage> }>;
  bounces: Record<string, { queueId: string | null; originalEnvelopeId: string | null; returnedMessageId: string | null }>;
};
const read = (name: string) => readFileSync(join(MTA, name), 'utf8');
const LOGS = Object.keys(expected.logs).filter((name) => Object.keys(expected.logs[name].messages).length > 0);

/** The messages linked to `id` in expected.json (notifications both ways, hops the log has), transitively. */
function linkedIds(messages: Record<string, ExpectedMessage>, id: string): Set<string> {
  const edges = new Map<string, Set<string>>();
  const edge = (a: string, b: string) => {
    for (const [x, y] of [[a, b], [b, a]]) {
      if (!edges.has(x)) edges.set(x, new Set());
      edges.get(x)!.add(y);
    }
  };
  for (const m of Object.values(messages)) {
    for (const n of m.notifications) edge(m.queueId, n.id);
    for (const h of m.queuedAs ?? []) if (h.inThisLog) edge(m.queueId, h.id);
    if (m.notificationFor) edge(m.queueId, m.notificationFor);
  }
  const seen = new Set([id]);
  const todo = [id];
  while (todo.length) for (const next of edges.get(todo.pop()!) ?? []) if (!seen.has(next)) todo.push(next), seen.add(next);
  return seen;
}

/** 1-based lines holding one of the IDs as a word (split on anything but letters, digits and `-`). */
function linesHolding(text: string, ids: Set<string>): number[] {
  const out: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.split(/[^A-Za-z0-9-]+/).some((w) => ids.has(w))) out.push(i + 1);
  });
  return out;
}

const lineNumbers = (r: TrailResult) => [...new Set(r.trails.flatMap((t) => t.lines.map((l) => l.line + 1)))].sort((a, b) => a - b);

for (const name of LOGS) {
  test(`${name}: from each queue ID, exactly the lines of its message and of its linked messages`, () => {
    const text = read(name);
    const { messages } = expected.logs[name];
    for (const id of Object.keys(messages)) {
      const want = linesHolding(text, linkedIds(messages, id));
      const r = traceTexts([text], { value: id, kind: 'id' });
      assert.equal(r.trails.length, 1, id);
      assert.deepEqual(lineNumbers(r), want, id);
      assert.deepEqual(new Set(r.trails[0].messages.map((m) => m.id)), linkedIds(messages, id), id);
      // The same from the cursor on any of its lines.
      const anchored = traceTexts([text], { value: id, kind: 'id' }, { source: 0, line: want[want.length - 1] - 1 });
      assert.deepEqual(lineNumbers(anchored), want, `${id} anchored`);
      assert.equal(r.truncated || r.incomplete, false);
    }
  });
}

test('a content filter hop is followed: the message queued again on this host as 3798B20E44E', () => {
  const text = read('postfix/mail.log');
  const m = expected.logs['postfix/mail.log'].messages['1754E20E44A'];
  const hop = m.queuedAs!.find((h) => h.inThisLog)!.id;
  assert.equal(hop, '3798B20E44E');
  const r = traceTexts([text], parseTrailQuery('1754E20E44A')!);
  const ids = r.trails[0].messages.map((x) => x.id);
  assert.deepEqual(ids, ['1754E20E44A', hop]);
  // The remote server's own ID (`queued as 8CDAC5D005`) is named but not in the log: not a message.
  assert.ok(r.trails[0].lines.some((l) => l.text.includes('queued as 8CDAC5D005')));
  const story = r.trails[0].messages[1];
  assert.equal(story.recipients[0].recipient, 'ok-filter@deliver.test');
  assert.equal(story.recipients[0].verdict, 'delivered');
  assert.equal(story.messageId, m.messageId);
});

test("an Exim bounce leads to its parent, and the parent to all its notifications", () => {
  const text = read('exim/mainlog');
  const { messages } = expected.logs['exim/mainlog'];
  const child = '1xa0Mw-0008Lu-23';
  const parent = messages[child].notificationFor!;
  const r = traceTexts([text], parseTrailQuery(child)!);
  const ids = new Set(r.trails[0].messages.map((m) => m.id));
  assert.ok(ids.has(parent));
  for (const n of messages[parent].notifications) assert.ok(ids.has(n.id), n.id);
  const p = r.trails[0].messages.find((m) => m.id === parent)!;
  assert.equal(p.sender, 'sender@example.com');
  assert.equal(p.messageId, messages[parent].messageId);
  // Its recipients end as the MTA says: one expired after retries, one delivered after greylisting.
  const byRcpt = new Map(p.recipients.map((x) => [x.recipient, x.verdict]));
  assert.equal(byRcpt.get('full@bounce.test'), 'expired');
  assert.equal(byRcpt.get('grey-mixed@greylist.test'), 'delivered');
  assert.equal(byRcpt.get('unknown-mixed@bounce.test'), 'bounced');
});

test('from a Message-ID: the message that recorded it (and both IDs of a content-filter hop)', () => {
  const text = read('postfix/mail.log');
  const { messages } = expected.logs['postfix/mail.log'];
  for (const m of Object.values(messages)) {
    if (!m.messageId) continue;
    const r = traceTexts([text], { value: m.messageId, kind: 'message-id' });
    // Every message that recorded this Message-ID, with its linked ones.
    const owners = Object.values(messages).filter((x) => x.messageId === m.messageId);
    const want = new Set<string>();
    for (const o of owners) for (const id of linkedIds(messages, o.queueId)) want.add(id);
    assert.deepEqual(lineNumbers(r), linesHolding(text, want), m.messageId);
  }
});

test('from an address: every message it is the sender or a recipient of, and refusals that name it', () => {
  const text = read('postfix/mail.log');
  const { messages } = expected.logs['postfix/mail.log'];
  const r = traceTexts([text], parseTrailQuery('unknown@bounce.test')!);
  assert.deepEqual(lineNumbers(r), linesHolding(text, linkedIds(messages, 'EF20920E37E')));
  const grey = traceTexts([text], parseTrailQuery('<grey-mixed@greylist.test>')!);
  assert.deepEqual(lineNumbers(grey), linesHolding(text, linkedIds(messages, '840C220E43A')));
  // Refused by this server before it had a queue ID: the refusal on its own.
  const refused = traceTexts([text], parseTrailQuery('x@nowhere.invalid')!);
  assert.equal(refused.trails.length, 1);
  assert.deepEqual(refused.trails[0].messages, []);
  assert.match(refused.trails[0].lines[0].text, /NOQUEUE: reject: RCPT/);
  assert.deepEqual(
    refused.trails[0].outcomes.map((o) => [o.recipient, o.verdict, o.reply, o.enhanced]),
    [['x@nowhere.invalid', 'rejected', '550', '5.1.2']],
  );
  // The sender of every message: one trail per message group, each holding the address.
  const sender = traceTexts([text], parseTrailQuery('sender@example.com')!, undefined, { ...EDITOR_LIMITS, maxIds: 1000 });
  assert.ok(sender.trails.length >= 20, String(sender.trails.length));
  for (const t of sender.trails) assert.ok(t.lines.some((l) => l.text.includes('sender@example.com')));
});

test("a message's story: received from, sender, Message-ID, size, each recipient's outcome with code, time and line, removed", () => {
  const text = read('postfix/mail.log');
  const r = traceTexts([text], parseTrailQuery('840C220E43A')!);
  const m = r.trails[0].messages.find((x) => x.id === '840C220E43A')!;
  assert.equal(m.client, 'localhost[127.0.0.1]');
  assert.equal(m.sender, 'sender@example.com');
  assert.equal(m.messageId, 'p07.mixed-recipients@client.example.com');
  assert.equal(m.size, 516);
  assert.equal(m.removed?.line, 301);
  assert.deepEqual(
    m.recipients.map((x) => [x.recipient, x.verdict, x.attempts, x.reply, x.enhanced, x.last.line + 1]),
    [
      ['ok-mixed@deliver.test', 'delivered', 1, '250', '2.0.0', 63],
      ['full@bounce.test', 'expired', 6, '452', '4.2.2', 296],
      ['overquota@bounce.test', 'bounced', 1, '552', '5.2.2', 65],
      ['unknown-mixed@bounce.test', 'bounced', 1, '550', '5.1.1', 66],
      ['grey-mixed@greylist.test', 'delivered', 3, '250', '2.0.0', 192],
    ],
  );
  assert.equal(m.recipients[0].time, 'Dec 06 00:42:47');
  const md = trailHoverMarkdown(r, '840C220E43A', (l) => `line ${l.line + 1}`)!;
  // Read as the Markdown shows it.
  const shown = md.replace(/\\(.)/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  assert.match(shown, /^\*\*Message 840C220E43A \(Postfix\), first seen Dec 06 00:42:47 \(line 59\)\*\*/);
  assert.match(shown, /- received from localhost\[127\.0\.0\.1\], sender sender@example\.com, Message-ID <p07\.mixed-recipients@client\.example\.com>, 516 bytes/);
  assert.match(shown, /- full@bounce\.test: expired, 452 4\.2\.2, after 6 attempts at Dec 06 00:43:35 \(line 296\)/);
  assert.match(shown, /- removed from the queue at Dec 06 00:43:35 \(line 302\)/);
  assert.match(shown, /- 9FA5820E43E, sender <> \(a notification\): sender@example\.com delivered \(line 68\)/);
  assert.match(shown, /37 lines in this trail/);
});

test('a queue ID used again later is another message: the anchor picks the run it is in', () => {
  const text = read('postfix/mail.log');
  const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  const twice = text + text;
  const once = lineNumbers(traceTexts([text], parseTrailQuery('EF20920E37E')!));
  const second = traceTexts([twice], parseTrailQuery('EF20920E37E')!, { source: 0, line: lines + once[0] - 1 });
  assert.deepEqual(lineNumbers(second), once.map((n) => n + lines));
  // Without an anchor, each run is a message of its own.
  const both = traceTexts([twice], parseTrailQuery('EF20920E37E')!);
  assert.equal(both.trails.length, 2);
});

test('texts in reading order: a message that goes on in the next rotated log is one trail', () => {
  const text = read('postfix/mail.log');
  const split = text.split('\n');
  const older = split.slice(0, 150).join('\n') + '\n';
  const newer = split.slice(150).join('\n');
  const whole = lineNumbers(traceTexts([text], parseTrailQuery('840C220E43A')!));
  const r = traceTexts([older, newer], parseTrailQuery('840C220E43A')!);
  const got = r.trails[0].lines.map((l) => (l.source === 0 ? l.line + 1 : l.line + 151));
  assert.deepEqual(got, whole);
});

/** The collector fed by pieces cut anywhere, as a stream would give them. */
function collect(texts: string[], query: TrailQuery, cut: (s: string) => string[], limits: TrailLimits, rereadable = true): { result: TrailResult; collector: TrailCollector } {
  const c = new TrailCollector(query, limits);
  for (;;) {
    c.beginPass();
    texts.forEach((t, i) => {
      c.beginSource(i);
      for (const piece of cut(t)) if (!c.done) c.push(piece);
      c.endSource();
    });
    if (!c.endPass(rereadable)) break;
  }
  return { result: c.result(), collector: c };
}

function cutter(seed: number): (s: string) => string[] {
  let x = seed;
  return (s) => {
    const out: string[] = [];
    for (let at = 0; at < s.length; ) {
      x = (x * 1103515245 + 12345) % 2147483648;
      const n = 1 + (x % 700);
      out.push(s.slice(at, at + n));
      at += n;
    }
    return out;
  };
}

test('streams cut anywhere (CRLF too) and documents with edits give the same trail as the whole text', () => {
  const text = read('postfix/mail.log');
  const crlf = text.replace(/\n/g, '\r\n');
  for (const id of ['EF20920E37E', '840C220E43A', '1754E20E44A', 'C333E20E266']) {
    const q = parseTrailQuery(id)!;
    const whole = traceTexts([text], q);
    for (const seed of [1, 7, 42]) {
      assert.deepEqual(collect([text], q, cutter(seed), STREAM_LIMITS).result.trails, whole.trails, `${id} seed ${seed}`);
      assert.deepEqual(lineNumbers(collect([crlf], q, cutter(seed), STREAM_LIMITS).result), lineNumbers(whole), `${id} CRLF seed ${seed}`);
    }
    // Read once with a ring that reaches back far enough: the same, complete.
    const once = collect([text], q, cutter(3), { ...STREAM_LIMITS, ring: 1 << 20 }, false);
    assert.deepEqual(lineNumbers(once.result), lineNumbers(whole));
    assert.equal(once.result.incomplete, false);
  }
  // An edited document: its pieces (lines as opened, edited lines) read like its text.
  const doc = new LineDocument(text);
  doc.apply({ range: { start: { line: 20, character: 0 }, end: { line: 21, character: 0 } }, text: 'edited line EF20920E37E: nothing\n' });
  doc.apply({ range: { start: { line: 5, character: 3 }, end: { line: 5, character: 3 } }, text: 'x' });
  doc.apply({ range: { start: { line: 100, character: 0 }, end: { line: 102, character: 0 } }, text: '' });
  const fromPieces = traceTexts([{ pieces: () => doc.pieces() }], parseTrailQuery('EF20920E37E')!);
  const fromText = traceTexts([doc.getText()], parseTrailQuery('EF20920E37E')!);
  assert.deepEqual(fromPieces.trails, fromText.trails);
  assert.ok(fromPieces.trails[0].lines.some((l) => l.text.startsWith('edited line')));
  // A reader that pauses between pieces reads the document as it was when it began, edits or not.
  const before = [...doc.pieces()].join('');
  const reading = doc.pieces(true);
  const parts = [reading.next().value as string];
  doc.apply({ range: { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } }, text: '' });
  for (let r = reading.next(); !r.done; r = reading.next()) parts.push(r.value);
  assert.equal(parts.join(''), before);
  assert.notEqual([...doc.pieces()].join(''), before);
});

test('read once with a short ring: an ID whose earlier lines are out of reach makes the result incomplete', () => {
  const text = read('exim/mainlog');
  // The child bounce is found after its parent's arrival; with no ring, that arrival is missed.
  const q = parseTrailQuery('1xa0N6-0008Nv-0E')!;
  const once = collect([text], q, cutter(5), { ...STREAM_LIMITS, ring: 0 }, false).result;
  assert.equal(once.incomplete, true);
  const twice = collect([text], q, cutter(5), { ...STREAM_LIMITS, ring: 0 }, true).result;
  assert.equal(twice.incomplete, false);
  assert.ok(lineNumbers(once).length < lineNumbers(twice).length);
});

test('the work grows with the text, not with its square: lines read stay those of the trail', () => {
  const text = read('postfix/mail.log');
  // The same message in the middle of more and more unrelated traffic.
  const filler = read('postfix/mail-multi.log');
  const costs: { searched: number; read: number; size: number; passes: number }[] = [];
  for (const copies of [1, 4, 16]) {
    const big = filler.repeat(copies) + text + filler.repeat(copies);
    const c = collect([big], parseTrailQuery('840C220E43A')!, (s) => [s], EDITOR_LIMITS).collector;
    costs.push({ searched: c.stats.searched, read: c.stats.linesRead, size: big.length, passes: c.stats.passes });
  }
  // Each pass searches the text once; an ID found on the way is looked for again only in the block
  // it was found in (at most a megabyte): the characters searched stay a small multiple of the size.
  for (const c of costs) {
    assert.ok(c.passes <= 3, JSON.stringify(c));
    assert.ok(c.searched <= c.passes * c.size + 8 * (1 << 20), JSON.stringify(c));
  }
  assert.ok(costs[2].searched / costs[2].size <= costs[0].searched / costs[0].size + 1, JSON.stringify(costs));
  // Only the lines that hold one of the message's IDs are read by the family readers.
  assert.equal(costs[0].read, costs[2].read);
  assert.equal(costs[0].read, lineNumbers(traceTexts([text], parseTrailQuery('840C220E43A')!)).length);
});

test('limits: lines and IDs are bounded, and the result says so', () => {
  const text = read('postfix/mail-multi.log');
  const r = traceTexts([text], parseTrailQuery('sender@example.com')!, undefined, { ...EDITOR_LIMITS, maxLines: 50, maxIds: 10 });
  assert.equal(r.truncated, true);
  assert.ok(r.trails.reduce((n, t) => n + t.lines.length, 0) <= 50);
});

test('the token under the cursor: a queue ID, a linked ID, a Message-ID or an address; nothing else', () => {
  const line = 'Dec 06 00:42:47 mx postfix/bounce[29202]: EF20920E37E: sender non-delivery notification: 2B34C20E044';
  assert.deepEqual(trailTokenAt(line, 45), { value: 'EF20920E37E', kind: 'id', start: 42, end: 53 });
  assert.deepEqual(trailTokenAt(line, line.length), { value: '2B34C20E044', kind: 'id', start: line.length - 11, end: line.length });
  assert.equal(trailTokenAt(line, 20), null, 'the host name is not a trail token');
  assert.equal(trailTokenAt(line, 30), null, 'the program is not');
  const cleanup = 'Dec 06 00:42:46 mx postfix/cleanup[29196]: EF20920E37E: message-id=<p02.bounce-at-rcpt@client.example.com>';
  assert.deepEqual(trailTokenAt(cleanup, 80), { value: 'p02.bounce-at-rcpt@client.example.com', kind: 'message-id', start: 68, end: 105 });
  const smtp = 'Dec 06 00:42:47 mx postfix/smtp[29200]: EF20920E37E: to=<unknown@bounce.test>, relay=127.0.0.3[127.0.0.3]:2525';
  assert.deepEqual(trailTokenAt(smtp, 60), { value: 'unknown@bounce.test', kind: 'address', start: 57, end: 76 });
  const exim = '2026-12-06 00:44:12 1xa0MO-00082K-1B <= <> R=1xa0MO-00082F-0i U=Debian-exim P=local S=2020';
  assert.deepEqual(trailTokenAt(exim, 50), { value: '1xa0MO-00082F-0i', kind: 'id', start: 45, end: 61 });
  assert.deepEqual(parseTrailQuery(' <p02@client.example.com> '), { value: 'p02@client.example.com', kind: 'address' });
  assert.equal(parseTrailQuery('two words'), null);
  assert.equal(parseTrailQuery('@'), null);
});

test("in a bounce: the returned message's queue ID, envelope ID and Message-ID are trail tokens", () => {
  const dir = join(MTA, 'postfix', 'bounces');
  let checked = 0;
  for (const name of readdirSync(dir)) {
    const e = expected.bounces[`postfix/bounces/${name}`];
    const text = readFileSync(join(dir, name), 'utf8');
    const report = analyzeEmail(text).report!;
    const lines = text.split('\n');
    for (const [prefix, value, kind] of [
      ['X-Postfix-Queue-ID: ', e.queueId, 'id'],
      ['Original-Envelope-Id: ', e.originalEnvelopeId, 'message-id'],
      ['Message-Id: <', e.returnedMessageId, 'message-id'],
    ] as const) {
      if (!value) continue;
      const i = lines.findIndex((l) => l.startsWith(prefix) && l.includes(value));
      assert.ok(i >= 0, `${name} ${prefix}`);
      const at = lines[i].indexOf(value) + 1;
      assert.deepEqual(bounceTrailTokenAt(report, lines[i], at), { value, kind, start: at - 1, end: at - 1 + value.length }, `${name} ${prefix}`);
      checked++;
    }
    // The bounce's own Subject is not.
    const subject = lines.findIndex((l) => l.startsWith('Subject: '));
    assert.equal(bounceTrailTokenAt(report, lines[subject], 12), null);
    // From the queue ID, the log lines of the same message.
    if (e.queueId) {
      const r = traceTexts([read('postfix/mail.log')], { value: e.queueId, kind: 'id' });
      assert.ok(r.trails[0].messages.some((m) => m.id === e.queueId), name);
    }
  }
  assert.ok(checked >= 30, String(checked));
});

// ------------------------------------------------------------------ the search itself

function naiveLines(s: string, needles: string[]): number[] {
  const tokenChar = /[A-Za-z0-9.\-_+@%!#$&*?^`{|}~]/;
  const out: number[] = [];
  s.split('\n').forEach((line, i) => {
    const hit = needles.some((n) => {
      if (!n) return false;
      for (let at = line.indexOf(n); at >= 0; at = line.indexOf(n, at + 1)) {
        if ((at === 0 || !tokenChar.test(line[at - 1])) && (at + n.length >= line.length || !tokenChar.test(line[at + n.length]))) return true;
      }
      return false;
    });
    if (hit) out.push(i);
  });
  return out;
}

function found(s: string, needles: string[]): { lines: number[]; breaks: number } {
  const lines: number[] = [];
  const breaks = searchLines(s, 0, s.length, needles, (i) => {
    lines.push(i);
  });
  return { lines, breaks };
}

test('searchLines: SIMD and plain search find exactly the lines a naive search finds', () => {
  assert.ok(simdSearchAvailable(), 'WebAssembly SIMD in this Node');
  const alphabet = ['A', 'B', '1', '2', '-', '.', ' ', '\n', '@', 'x', 'é', '<', '>', ':', 'AB1', 'B2-x'];
  const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 400 }).map((a) => a.join(''));
  const needle = fc.array(fc.constantFrom('A', 'B', '1', '2', '-', 'x', '@'), { minLength: 1, maxLength: 6 }).map((a) => a.join(''));
  fc.assert(
    fc.property(text, fc.array(needle, { minLength: 1, maxLength: 3 }), (s, needles) => {
      const want = naiveLines(s, needles);
      const breaks = s.split('\n').length - 1;
      try {
        useSimdSearch(true);
        assert.deepEqual(found(s, needles), { lines: want, breaks });
        useSimdSearch(false);
        assert.deepEqual(found(s, needles), { lines: want, breaks });
      } finally {
        useSimdSearch(true);
      }
    }),
    { numRuns: 400, seed: 12 },
  );
});

test('searchLines: needles across window boundaries, a huge line, non-ASCII windows', () => {
  const id = 'EF20920E37E';
  const lines: string[] = [];
  for (let i = 0; i < 12000; i++) lines.push(i % 997 === 0 ? `line ${i} ${id}: x` : `line ${i} 0123456789ABCDEF ${i % 7 === 0 ? 'é' : ''}`);
  // A line of a megabyte with the ID at its end, and the ID cut by every window size near 256 KB.
  lines.push(`${'y '.repeat(1 << 19)}${id}`);
  const s = lines.join('\n');
  for (const simd of [true, false]) {
    useSimdSearch(simd);
    try {
      assert.deepEqual(found(s, [id]), { lines: naiveLines(s, [id]), breaks: lines.length - 1 });
      for (let shift = 0; shift < 20; shift++) {
        const t = `${'z'.repeat((256 << 10) - 5 - shift)} ${id} \n${id}`;
        assert.deepEqual(found(t, [id]).lines, [0, 1], `shift ${shift}`);
      }
    } finally {
      useSimdSearch(true);
    }
  }
});

test('the hover tells a story of a few lines: at most 8 recipients, then how many more', () => {
  const lines = ['Nov 24 10:00:00 mx postfix/qmgr[1]: 4A5B6C7D8E: from=<s@example.com>, size=100, nrcpt=12 (queue active)'];
  for (let i = 0; i < 12; i++) lines.push(`Nov 24 10:00:01 mx postfix/smtp[2]: 4A5B6C7D8E: to=<r${i}@example.net>, relay=mx.example.net[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 2.0.0 Ok)`);
  lines.push('Nov 24 10:00:02 mx postfix/qmgr[1]: 4A5B6C7D8E: removed');
  const r = traceTexts([lines.join('\n')], parseTrailQuery('4A5B6C7D8E')!);
  assert.equal(r.trails[0].messages[0].recipients.length, 12);
  const shown = trailHoverMarkdown(r, '4A5B6C7D8E', (l) => `line ${l.line + 1}`)!.replace(/\\(.)/g, '$1');
  assert.equal(shown.match(/^- r\d+@example\.net: delivered/gm)?.length, 8);
  assert.match(shown, /- r7@example\.net: delivered, 250 2\.0\.0 at Nov 24 10:00:01 \(line 9\)\n- … and 4 more recipients\n- removed from the queue at Nov 24 10:00:02 \(line 14\)/);
});

test("a CSV log's header names the columns the trail reads (Exchange `#Fields:` in another order)", () => {
  const names = ['date-time', 'event-id', 'recipient-address', 'recipient-status', 'internal-message-id', 'return-path', 'message-id'];
  const row = (f: Record<string, string>) => names.map((n) => f[n] ?? '').join(',');
  const log = [
    '#Software: Microsoft Exchange Server',
    `#Fields: ${names.join(',')}`,
    row({ 'date-time': '2025-03-03T10:00:00.000Z', 'event-id': 'RECEIVE', 'recipient-address': 'gus@example.net', 'internal-message-id': '900', 'return-path': 'alerts@example.org', 'message-id': '<a1@example.org>' }),
    row({ 'date-time': '2025-03-03T10:00:01.000Z', 'event-id': 'DELIVER', 'recipient-address': 'hal@example.net', 'internal-message-id': '901', 'return-path': 'alerts@example.org', 'message-id': '<a2@example.org>' }),
    row({ 'date-time': '2025-03-03T10:00:02.000Z', 'event-id': 'FAIL', 'recipient-address': 'gus@example.net', 'recipient-status': '550 5.1.1 User unknown', 'internal-message-id': '900', 'return-path': 'alerts@example.org', 'message-id': '<a1@example.org>' }),
  ].join('\n');
  for (const cut of [(s: string) => [s], cutter(11)]) {
    const r = collect([log], parseTrailQuery('900')!, cut, STREAM_LIMITS).result;
    assert.equal(r.trails.length, 1);
    assert.deepEqual(lineNumbers(r), [3, 5]);
    const m = r.trails[0].messages[0];
    assert.deepEqual([m.family, m.messageId, m.logsRemoval], ['exchange', 'a1@example.org', false]);
    assert.deepEqual(
      m.recipients.map((x) => [x.recipient, x.verdict, x.reply, x.enhanced]),
      [['gus@example.net', 'bounced', '550', '5.1.1']],
    );
  }
});
