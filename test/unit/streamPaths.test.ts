// The third performance round (issue 16) makes the same results in fewer steps: a story told as
// soon as it opens is never kept open (OutcomeIndex.addFinal), reply texts of failures are
// analysed once per distinct text and relays (analyzeTextCached), relay host names once per set.
// Each is held equal here to what it replaces, and each cache to its bound.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compactOutcome, formatCount, LogStreamScanner, OutcomeIndex, scanLogText, summaryRecord, type Outcome } from '../../server/src/engine/index';
import { analyzeText, analyzeTextCached, cachedAnalyses, cachedHostSets, MAX_ANALYSES, providersOfHosts } from '../../server/src/engine/explain';
import { detectProviders } from '../../server/src/engine/knowledge/index';
import { classOf } from '../../server/src/engine/codes';
import { streamOutcomes } from '../../server/src/engine/outcomes/stream';
import { quote } from '../../server/src/cli/writers/json';
import { FinishedStories, messageHash, recipientHash } from '../../server/src/engine/outcomes/finished';
import { parseLineTime, readLineTime } from '../../server/src/engine/features/summary';
import { LogGenerator } from '../../scripts/bench/generate';
import { repoRoot } from '../support/shared';

const read = (name: string) => readFileSync(join(repoRoot, 'test', 'fixtures', 'mta', name), 'utf8');

function generated(): string[] {
  const texts: string[] = [];
  for (const options of [{}, { exim: false, dense: true }, { exim: false }]) {
    const g = new LogGenerator(11, options);
    const lines: string[] = [];
    for (let i = 0; i < 3000; i++) lines.push(g.line());
    texts.push(`${lines.join('\n')}\n`);
  }
  return texts;
}

/** Logs, and the same logs twice over (a story told, then its recipient again: one more attempt). */
function inputs(): string[] {
  const logs = [read('postfix/mail.log'), read('postfix/mail-multi.log'), read('exim/mainlog'), ...generated()];
  const dense = generated()[1];
  const deliveries = dense.split('\n').filter((l) => l.includes('status=')).join('\n');
  return [...logs, `${deliveries}\n${deliveries}\n`, `${logs[0]}${logs[0]}`];
}

/** The index as it was: a final verdict is added, handed on, then its story closed. */
class StepByStep extends OutcomeIndex {
  override addFinal(o: Outcome, then: (o: Outcome) => void): void {
    this.add(o);
    then(o);
    this.closeStory(o);
  }
}

function run(index: OutcomeIndex, text: string) {
  const closes: string[] = [];
  index.onClose = (end, story) => closes.push(`${end.verdict} ${end.outcome.line} ${end.outcome.recipient} ${story?.outcomes.length ?? '-'}`);
  const attempts: string[] = [];
  const scanner = new LogStreamScanner(
    streamOutcomes(index, (o) => {
      const a = index.attemptOf(o);
      attempts.push(`${o.line} ${a.index}/${a.total}`);
    }),
  );
  for (let i = 0; i < text.length; i += 4096) scanner.push(text.slice(i, i + 4096));
  scanner.end();
  const counts = index.counts();
  index.closeAll();
  return { closes, attempts, counts, open: index.openStories };
}

test('a story told as soon as it opens is counted, numbered and closed as when it was opened, then closed', () => {
  for (const text of inputs()) {
    for (const detach of [undefined, (o: Outcome) => compactOutcome(o), summaryRecord]) {
      const before = run(new StepByStep({ streaming: true, detach }), text);
      const now = run(new OutcomeIndex({ streaming: true, detach }), text);
      assert.ok(before.attempts.length > 0);
      assert.deepEqual(now, before);
    }
    // Counting verdicts only: the same verdicts, in the same order.
    const verdicts = (r: { closes: string[] }) => r.closes.map((c) => c.split(' ')[0]);
    const before = run(new StepByStep({ streaming: true, detach: (o) => compactOutcome(o) }), text);
    const now = run(new OutcomeIndex({ streaming: true, detach: (o) => compactOutcome(o), verdictsOnly: true }), text);
    assert.deepEqual(verdicts(now), verdicts(before));
    assert.deepEqual(now.attempts, before.attempts);
    assert.deepEqual(now.counts, before.counts);
  }
});

test('the cached analysis of a reply text is the one made anew, for failures and successes', () => {
  let n = 0;
  for (const text of inputs()) {
    for (const f of scanLogText(text)) {
      const phrases = classOf(f.reply, f.enhanced) !== 'success';
      const fresh = analyzeText(f.reply, f.enhanced, f.text, f.context, { phrases });
      assert.deepEqual(analyzeTextCached(f.reply, f.enhanced, f.text, f.context, phrases), fresh);
      // Asked again (from the cache for a failure): still the same.
      assert.deepEqual(analyzeTextCached(f.reply, f.enhanced, f.text, f.context, phrases), fresh);
      n++;
    }
  }
  assert.ok(n > 1000);
  // The same text from another relay, or read for a success, is analysed for what it is.
  const text = 'Message rejected, mailbox full';
  for (const [reply, enhanced, context] of [
    ['550', '5.7.1', 'host gmail-smtp-in.l.google.com[1.2.3.4] said: 550 5.7.1'],
    ['550', '5.7.1', 'host mx.example.net[1.2.3.4] said: 550 5.7.1'],
    ['550', '5.7.1', 'relay=mail.protection.outlook.com[1.2.3.4]:25'],
    ['550', null, ''],
    ['250', '2.0.0', 'relay=gmail-smtp-in.l.google.com[1.2.3.4]:25'],
  ] as const) {
    for (const phrases of [true, false]) {
      assert.deepEqual(analyzeTextCached(reply, enhanced, text, context, phrases), analyzeText(reply, enhanced, text, context, { phrases }));
    }
  }
});

test('the analysis and relay caches are bounded', () => {
  for (let i = 0; i < MAX_ANALYSES + 500; i++) {
    const context = `host mx${i}.example.net[192.0.2.1] said: 550 5.1.1 user${i} unknown`;
    analyzeTextCached('550', '5.1.1', `user${i} unknown`, context, true);
  }
  assert.ok(cachedAnalyses() <= MAX_ANALYSES);
  assert.ok(cachedAnalyses() > 0);
  assert.ok(cachedHostSets() <= 2000);
  assert.ok(cachedHostSets() > 0);
  // A text too long to be a key is analysed anew, not kept.
  const before = cachedAnalyses();
  const long = `${'x'.repeat(600)} mailbox full unique-${Date.now()}`;
  assert.deepEqual(analyzeTextCached('452', '4.2.2', long, '', true), analyzeText('452', '4.2.2', long, '', { phrases: true }));
  assert.equal(cachedAnalyses(), before);
});

test('the providers of relay host names, cached, are those detected anew', () => {
  for (const hosts of ['gmail-smtp-in.l.google.com', 'mx.example.net', 'mta7.am0.yahoodns.net mx.example.net', 'example-com.mail.protection.outlook.com', '']) {
    assert.deepEqual(providersOfHosts(hosts), detectProviders(hosts));
    assert.deepEqual(providersOfHosts(hosts), detectProviders(hosts));
  }
});

/** The finished stories as they were kept before: a Map in insertion order (the reference). */
class MapFinished {
  private readonly byMessage = new Map<number, number | number[]>();
  constructor(private readonly limit: number) {}
  private static pack = (rcpt: number, attempts: number) => rcpt * 4096 + Math.min(attempts, 4095);
  add(o: Outcome, attempts: number): void {
    if (o.queueId === null || o.recipient === null) return;
    const mh = messageHash(o.family, o.queueId);
    const entry = MapFinished.pack(recipientHash(o.recipient), attempts);
    const cur = this.byMessage.get(mh);
    if (cur === undefined) {
      this.byMessage.set(mh, entry);
      if (this.byMessage.size > this.limit) this.byMessage.delete(this.byMessage.keys().next().value!);
    } else if (Array.isArray(cur)) cur.push(entry);
    else this.byMessage.set(mh, [cur, entry]);
  }
  again(o: Outcome): number | null {
    if (this.byMessage.size === 0 || o.queueId === null || o.recipient === null) return null;
    const mh = messageHash(o.family, o.queueId);
    const cur = this.byMessage.get(mh);
    if (cur === undefined) return null;
    const rcpt = recipientHash(o.recipient);
    const list = Array.isArray(cur) ? cur : null;
    for (let i = 0; i < (list ? list.length : 1); i++) {
      const x = list ? list[i] : (cur as number);
      if (Math.floor(x / 4096) !== rcpt) continue;
      const next = MapFinished.pack(rcpt, (x % 4096) + 1);
      if (list) list[i] = next;
      else this.byMessage.set(mh, next);
      return next % 4096;
    }
    return null;
  }
  attempts(o: Outcome): number | null {
    if (this.byMessage.size === 0 || o.queueId === null || o.recipient === null) return null;
    const cur = this.byMessage.get(messageHash(o.family, o.queueId));
    if (cur === undefined) return null;
    const rcpt = recipientHash(o.recipient);
    for (const x of Array.isArray(cur) ? cur : [cur]) if (Math.floor(x / 4096) === rcpt) return x % 4096;
    return null;
  }
  delete(o: Outcome): void {
    if (this.byMessage.size > 0) this.byMessage.delete(messageHash(o.family, o.queueId!));
  }
  clear(): void {
    this.byMessage.clear();
  }
  get size(): number {
    return this.byMessage.size;
  }
}

test('finished stories in typed arrays answer as the Map they replace, through growth, deletions and the oldest going', () => {
  let seed = 12345;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor((seed / 2147483648) * n);
  };
  for (const [ids, limit, ops] of [
    [40, 10, 20000],
    [3000, 1500, 200000],
    [20000, 1_000_000, 200000],
    [5000, 0, 5000],
  ] as const) {
    const now = new FinishedStories(limit);
    const before = new MapFinished(limit);
    for (let n = 0; n < ops; n++) {
      const o = { family: rand(4) === 0 ? 'qmail' : 'postfix', queueId: `Q${rand(ids).toString(16).toUpperCase()}`, recipient: `r${rand(4)}@Example.org` } as Outcome;
      const op = rand(100);
      if (op < 45) {
        const attempts = 1 + rand(5);
        now.add(o, attempts);
        before.add(o, attempts);
      } else if (op < 70) assert.equal(now.again(o), before.again(o));
      else if (op < 85) assert.equal(now.attempts(o), before.attempts(o));
      else if (op < 99 || n % 7 !== 0) {
        now.delete(o.family, o.queueId!);
        before.delete(o);
      } else if (rand(50) === 0) {
        now.clear();
        before.clear();
      }
      assert.equal(now.size, before.size);
    }
    // Every message and recipient answers alike at the end.
    for (let i = 0; i < ids; i++) {
      for (let r = 0; r < 4; r++) {
        const o = { family: 'postfix', queueId: `Q${i.toString(16).toUpperCase()}`, recipient: `r${r}@example.org` } as Outcome;
        assert.equal(now.attempts(o), before.attempts(o));
      }
    }
  }
});

test('counts are formatted as the en-US number format formats them', () => {
  const intl = new Intl.NumberFormat('en-US');
  const values = [0, -0, 1, 7, 12, 999, 1000, 1001, 9999, 10000, 123456, 999999, 1000000, 1234567, 12345678, -1, -999, -1000, -1234567, 2 ** 31, 2 ** 32 + 5, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 53, 2 ** 60, 1e21, 0.5, 1.25, 1234.5678, -0.001, NaN, Infinity, -Infinity];
  let seed = 99;
  for (let i = 0; i < 2000; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    values.push(Math.floor(seed / 10 ** (i % 9)) * (i % 3 === 0 ? -1 : 1));
  }
  for (const n of values) assert.equal(formatCount(n), intl.format(n), String(n));
});

test('a line time read by hand (syslog) or as the last syslog time is the time the expressions read', () => {
  const lines = [
    'Nov  1 00:00:03 mx2 postfix/smtp[1]: A: to=<a@example.net>',
    'Nov  1 00:00:03 mx2 postfix/qmgr[2]: A: removed',
    'Nov  1 00:00:03',
    'Nov  1 00:00:031 odd',
    'Nov  1 00:00:04 mx1 x',
    ' Nov  1 00:00:04 leading space',
    '  Nov  1 00:00:04 two',
    'Nov 11 00:00:04 day 11',
    'Nov  1 00:00:0',
    'Nov  1 00:00:04',
    'Foo  1 00:00:04 not a month',
    'Nov  1 00:00:04 back',
    '2026-11-01 00:00:05 1vA-000001-AB => a@example.net',
    '2026-11-01T00:00:05.123+01:00 host x',
    'Nov  1 00:00:04 after an ISO line',
    '@400000006543210a1234567800000000 qmail',
    '1700000000.123456 qmail',
    '[01/Nov/2026:00:00:06 +0100] web',
    'Nov  1 00:00:04\tafter',
    'Dec 31 23:59:59 end',
    'Dec 31 23:59:59',
    '',
    'Dec 31 23:59:5',
    'Nov 1 00:00:09 one space',
    'Nov   1 00:00:09 three spaces',
    'Nov 123 00:00:09',
    'Nov 12x 00:00:09',
    'Nov  1 0:00:09',
    'Nov  1 00-00:09',
    'Nov  1 00:00:0x',
    'Abc  1 00:00:09',
    'NOV  1 00:00:09',
    'Nov\t1 00:00:09',
    'May  9 09:09:09',
    'Jan 01 00:00:00',
    'N',
    'No',
    'Nov',
    'Nov ',
    'Nov  ',
  ];
  for (const text of generated()) lines.push(...text.split('\n').slice(0, 2000));
  for (const line of lines) assert.deepEqual(parseLineTime(line), readLineTime(line), line);
});

test('quote writes a string as JSON.stringify does', () => {
  const samples = ['', 'a', 'Ok: queued as 4F2A', 'ana@example.net', 'quote " in', 'back\\slash', 'tab\there', 'nl\n', '\u0000', '\u001f', '\u007f', '\u2028\u2029', 'é ü 中文', '😀', '\ud83d', '\ude00', 'x\ud83dy', '\ud83d\ude00\ud83d', '\ufffd', '</script>'];
  let seed = 7;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor((seed / 2147483648) * n);
  };
  const pool = [0x20, 0x41, 0x22, 0x5c, 0x0a, 0x00, 0x1f, 0x7f, 0xe9, 0x2028, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xfffd, 0xd7ff, 0xe000];
  for (let i = 0; i < 5000; i++) {
    let t = '';
    for (let n = rand(12); n > 0; n--) t += String.fromCharCode(rand(3) === 0 ? rand(0x10000) : pool[rand(pool.length)]);
    samples.push(t);
  }
  for (const t of samples) assert.equal(quote(t), JSON.stringify(t), JSON.stringify([...t].map((c) => c.charCodeAt(0))));
});
