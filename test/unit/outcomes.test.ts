// Delivery outcomes against real logs and bounces made by Debian's Postfix 3.7 and Exim 4.96
// (test/fixtures/mta, see its README): the counts and every recipient's story equal what the
// MTA's own status fields say (expected.json, read from those fields by the generator), one
// problem per failed attempt line and per failed or delayed bounce recipient, streams and
// incremental edits agree with reading the whole text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  analyzeEmail,
  analyzeLog,
  computeProblems,
  DEFAULT_SETTINGS,
  LogStreamScanner,
  OutcomeIndex,
  emptyCounts,
  type Analysis,
  type Settings,
  type Outcome,
} from '../../server/src/engine/index';
import { streamOutcomes } from '../../server/src/engine/outcomes/stream';
import { LineDocument } from '../../server/src/lsp/lineDocument';
import { randomEdit, seededRandom } from '../support/edits';
import { repoRoot } from '../support/shared';

const MTA = join(repoRoot, 'test', 'fixtures', 'mta');
const expected = JSON.parse(readFileSync(join(MTA, 'expected.json'), 'utf8')) as {
  logs: Record<string, { totals: Record<string, number>; recipients?: { queueId: string; recipient: string; state: string; attempts: number; lastLine: number }[]; rejections: { line: number; temporary: boolean }[] }>;
  bounces: Record<string, { queueId: string | null; recipients: { finalRecipient: string; action: string; status: string }[] }>;
};
const read = (name: string) => readFileSync(join(MTA, name), 'utf8');
const LOGS = Object.keys(expected.logs);
const all: Settings = { ...DEFAULT_SETTINGS, maxProblems: 100000, severity: { permanent: 'error', transient: 'warning', success: 'off', deliveredLater: 'hint' } };

/** Every story as `queueId recipient → state/attempts/last line (1-based)`. */
function stories(a: Analysis): Map<string, string> {
  const out = new Map<string, string>();
  a.index.forEachEnd((end, story) => {
    if (!story) return;
    const o = story.outcomes[0];
    out.set(`${o.queueId} ${o.recipient!.toLowerCase()}`, `${end.verdict}/${story.outcomes.length}/${end.outcome.line + 1}`);
  }, a.outcomes);
  return out;
}

for (const name of LOGS) {
  test(`${name}: outcome counts and each recipient's story equal the MTA's own status fields`, () => {
    const e = expected.logs[name];
    const a = analyzeLog(read(name));
    assert.deepEqual(a.index.counts(), e.totals);
    const got = stories(a);
    for (const r of e.recipients ?? []) {
      assert.equal(got.get(`${r.queueId} ${r.recipient.toLowerCase()}`), `${r.state}/${r.attempts}/${r.lastLine}`, `${r.queueId} ${r.recipient}`);
    }
    assert.equal(got.size, (e.recipients ?? []).length, 'no story the MTA did not record');
    const rejections = a.outcomes.filter((o) => o.verdict === 'rejected');
    assert.deepEqual(
      rejections.map((o) => [o.line + 1, o.temporary]),
      e.rejections.map((r) => [r.line, r.temporary]),
    );
    assert.ok(rejections.every((o) => o.direction === 'inbound'));
  });

  test(`${name}: exactly one problem per failed attempt line, none for deliveries`, () => {
    const text = read(name);
    const lines = text.split('\n');
    // The failed attempt lines, found independently of the engine: the MTA's own verdict words.
    const failed = new Set<number>();
    lines.forEach((l, i) => {
      if (/ status=(?:deferred|bounced|expired)\b| reject: | milter-reject: | \*\* | rejected /.test(l)) failed.add(i);
      // Exim's queue runs that skipped a recipient are not attempts.
      else if (/ == /.test(l) && !/retry time not reached/.test(l)) failed.add(i);
    });
    const a = analyzeLog(text);
    const { problems } = computeProblems(a.outcomes, a.index, all);
    const problemLines = problems.map((p) => p.range.start.line);
    assert.equal(new Set(problemLines).size, problemLines.length, 'one problem per line');
    assert.deepEqual([...problemLines].sort((x, y) => x - y), [...failed].sort((x, y) => x - y));
  });
}

test('Postfix: a deferral later delivered is a hint that says so; one still queued says that; a 5xx greeting deferral stays a warning', () => {
  const text = read('postfix/mail.log');
  const lines = text.split('\n');
  const a = analyzeLog(text);
  const { problems } = computeProblems(a.outcomes, a.index, all);
  const at = (i: number) => problems.find((p) => p.range.start.line === i)!;
  const greyFirst = lines.findIndex((l) => l.includes('to=<grey@greylist.test>') && l.includes('status=deferred'));
  const greyDone = lines.findIndex((l) => l.includes('to=<grey@greylist.test>') && l.includes('status=sent'));
  assert.ok(greyFirst >= 0 && greyDone > greyFirst);
  assert.equal(at(greyFirst).severity, 'hint');
  assert.match(at(greyFirst).message, new RegExp(`^Deferred: 450 4\\.7\\.1 .* — grey@greylist\\.test \\(attempt 1 of 3; delivered at line ${greyDone + 1}\\)$`));
  // The story's other attempts are related places.
  assert.equal(at(greyFirst).related.filter((r) => /^attempt \d of 3/.test(r.message)).length, 2);
  const greeting = lines.findIndex((l) => l.includes('status=deferred') && / 554[ -]/.test(l));
  assert.ok(greeting >= 0, 'the fixture has the 554 greeting deferral');
  assert.equal(at(greeting).severity, 'warning');
  assert.match(at(greeting).message, /^Deferred: 554.*still deferred at the end of the file\)$/);
  // Expiry: one problem on the queue manager's line, naming the recipients still waiting.
  const expiry = lines.findIndex((l) => l.includes('status=expired'));
  assert.equal(at(expiry).severity, 'error');
  assert.equal(at(expiry).code, 'expired');
  assert.match(at(expiry).message, /^Expired: .*\(no code logged\) — 1 recipient still deferred$/);
  // An inbound refusal is what this server did.
  const relay = lines.findIndex((l) => l.includes('NOQUEUE: reject:') && l.includes('Relay access denied'));
  assert.match(at(relay).message, /^Rejected by this server: 554 5\.7\.1 .* — from .*\[127\.0\.0\.\d+\] to \S+@/);
  const temporary = a.outcomes.find((o) => o.verdict === 'rejected' && o.temporary)!;
  assert.equal(at(temporary.line).severity, 'warning');
  assert.match(at(temporary.line).message, /^Temporarily rejected by this server: 4/);
});

test('Exim: a bounce without a code is still one problem, explained from its words', () => {
  const text = read('exim/mainlog');
  const lines = text.split('\n');
  const a = analyzeLog(text);
  const { problems } = computeProblems(a.outcomes, a.index, all);
  const unroutable = lines.findIndex((l) => / \*\* /.test(l) && l.includes('Unrouteable address'));
  assert.ok(unroutable >= 0);
  const p = problems.find((x) => x.range.start.line === unroutable)!;
  assert.equal(p.code, 'bounced');
  assert.match(p.message, /^Bounced: Unrouteable address \(no code logged\) — /);
  assert.equal(lines[unroutable].slice(p.range.start.character, p.range.end.character), 'Unrouteable address');
  const timeout = lines.findIndex((l) => l.includes('retry timeout exceeded'));
  assert.match(problems.find((x) => x.range.start.line === timeout)!.message, /^Expired: /);
});

for (const [name, e] of Object.entries(expected.bounces)) {
  test(`bounce ${name}: one outcome per reported recipient, one problem per failed or delayed one`, () => {
    const a = analyzeEmail(read(name));
    const verdict: Record<string, string> = { failed: 'bounced', delayed: 'deferred', relayed: 'delivered', delivered: 'delivered', expanded: 'delivered' };
    assert.deepEqual(
      a.outcomes.map((o) => [o.recipient?.toLowerCase(), o.verdict]),
      e.recipients.map((r) => [r.finalRecipient.toLowerCase(), verdict[r.action]]),
    );
    if (e.queueId) assert.ok(a.outcomes.every((o) => o.queueId === e.queueId), 'the bounce names the queue ID of the message it reports');
    const { problems } = computeProblems(a.outcomes, a.index, all);
    assert.equal(problems.length, e.recipients.filter((r) => r.action === 'failed' || r.action === 'delayed').length);
    // The reply's other places (wrapped text, Status, Diagnostic-Code) are evidence of its recipient's outcome, not more problems.
    const owned = new Set(a.outcomes.flatMap((o) => [o.finding, ...o.evidence]));
    for (const f of a.findings) if (f.class === 'permanent' || f.class === 'transient') assert.ok(owned.has(f), `${f.reply} ${f.enhanced} at line ${f.range.start.line + 1} belongs to an outcome`);
    for (const o of a.outcomes.filter((x) => x.verdict !== 'delivered')) {
      const p = problems.find((x) => x.range === o.range)!;
      assert.equal(p.related.length, o.evidence.length, `${p.message}: every other mention is a related place`);
    }
  });
}

/** Outcomes as comparable rows. */
const rows = (outcomes: readonly Outcome[]) => outcomes.map((o) => [o.line, o.verdict, o.queueId, o.recipient, o.finding?.reply ?? null, o.finding?.enhanced ?? null, o.text]);

test('a log streamed in small pieces gives the outcomes and counts of the whole text', () => {
  for (const name of ['postfix/mail.log', 'exim/mainlog']) {
    const text = read(name);
    const whole = analyzeLog(text);
    for (const size of [97, 1000, 4096]) {
      const index = new OutcomeIndex({ streaming: true });
      const counts = emptyCounts();
      index.onClose = (end) => counts[end.verdict]++;
      const got: Outcome[] = [];
      const scanner = new LogStreamScanner(streamOutcomes(index, (o) => got.push(o)));
      for (let i = 0; i < text.length; i += size) scanner.push(text.slice(i, i + size));
      scanner.end();
      index.closeAll();
      assert.deepEqual(rows(got), rows(whole.outcomes), `${name} in pieces of ${size}`);
      assert.deepEqual(counts, whole.index.counts(), `${name} counts in pieces of ${size}`);
      assert.equal(index.openStories, 0, 'every story closed');
    }
  }
});

test('a stream holds only the messages still in the queue', () => {
  const text = read('postfix/mail-multi.log');
  const index = new OutcomeIndex({ streaming: true });
  let peak = 0;
  const scanner = new LogStreamScanner(streamOutcomes(index, () => (peak = Math.max(peak, index.openStories))));
  for (let i = 0; i < text.length; i += 4096) scanner.push(text.slice(i, i + 4096));
  scanner.end();
  const all = analyzeLog(text).index;
  let total = 0;
  all.forEachEnd((_, story) => (total += story ? 1 : 0), []);
  assert.ok(peak < total / 2, `at most ${peak} open stories of ${total}`);
});

test('a stream closes a story at its final verdict: a log without end lines holds only the recipients in flight, and a story already told is not counted again', () => {
  const line = (i: number, status: string, to = `r${i}@example.net`, qid = `Q${String(i).padStart(9, '0')}`) =>
    `Nov 24 10:00:00 mx postfix/smtp[1]: ${qid}: to=<${to}>, relay=mx.example.net[192.0.2.1]:25, delay=1, dsn=${status === 'sent' ? '2.0.0' : '4.2.2'}, status=${status} (${status === 'sent' ? '250 2.0.0 Ok' : 'host mx.example.net[192.0.2.1] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command)'})`;
  const stream = (lines: string[]) => {
    const index = new OutcomeIndex({ streaming: true });
    const counts = emptyCounts();
    index.onClose = (end) => counts[end.verdict]++;
    let peak = 0;
    const attempts: number[] = [];
    const scanner = new LogStreamScanner(
      streamOutcomes(index, (o) => {
        attempts.push(index.attemptOf(o).total);
        peak = Math.max(peak, index.openStories);
      }),
    );
    scanner.push(lines.join('\n') + '\n');
    scanner.end();
    index.closeAll();
    return { counts, peak, attempts };
  };
  // `grep status= mail.log`: 2 000 deliveries, every 10th deferred first; no `removed` lines.
  const dense: string[] = [];
  for (let i = 0; i < 2000; i++) {
    if (i % 10 === 0) dense.push(line(i, 'deferred'));
    dense.push(line(i, 'sent'));
  }
  const r = stream(dense);
  assert.deepEqual(r.counts, { ...emptyCounts(), delivered: 2000 });
  assert.ok(r.peak <= 2, `open stories at most 2, was ${r.peak}`);
  assert.deepEqual(r.counts, analyzeLog(dense.join('\n')).index.counts(), 'the counts of the text read whole');
  // The same lines twice (mail.log and a copy of it): each recipient once, its attempts go on.
  const twice = stream([line(1, 'deferred'), line(1, 'sent'), line(2, 'sent'), line(1, 'sent')]);
  assert.deepEqual(twice.counts, { ...emptyCounts(), delivered: 2 });
  assert.deepEqual(twice.attempts, [1, 2, 1, 3]);
  // Once the message left the queue, its reused queue ID is a new message.
  const reused = stream([line(1, 'sent'), 'Nov 24 10:00:01 mx postfix/qmgr[2]: Q000000001: removed', line(1, 'sent')]);
  assert.deepEqual(reused.counts, { ...emptyCounts(), delivered: 2 });
  assert.deepEqual(reused.attempts, [1, 1]);
});

test('edits keep outcomes and stories equal to reading the edited text whole', () => {
  const text = read('postfix/mail.log');
  const lines = text.split('\n');
  const doc = new LineDocument(text);
  const a = analyzeLog(text);
  const rnd = seededRandom(7);
  for (let k = 0; k < 60; k++) {
    // Delete a line, insert a line of the log, or type a character.
    a.edit(doc.apply(randomEdit(rnd, doc.lineCount, lines)), doc);
    const fresh = analyzeLog(doc.getText());
    assert.deepEqual(rows(a.outcomes), rows(fresh.outcomes), `after edit ${k}`);
    assert.deepEqual(a.index.counts(), fresh.index.counts(), `counts after edit ${k}`);
    assert.deepEqual(stories(a), stories(fresh), `stories after edit ${k}`);
  }
});

test('a bounce without a delivery-status part: one outcome per recipient its prose names, decided by the reply quoted in its block', () => {
  const head = 'From: Mail Delivery System <Mailer-Daemon@mx.example.net>\nTo: ana@example.com\nSubject: Mail delivery failed: returning message to sender\n\n';
  const exim = analyzeEmail(
    head +
      [
        'A message that you sent could not be delivered to one or more of its',
        'recipients. This is a permanent error. The following address(es) failed:',
        '',
        '  bo@example.org',
        '    SMTP error from remote mail server after RCPT TO:<bo@example.org>:',
        '    host mx.example.org [192.0.2.7]: 550 5.1.1 <bo@example.org>... User unknown',
        '  cy@example.org',
        '    retry timeout exceeded',
        '',
        '------ This is a copy of the message, including all the headers. ------',
      ].join('\n'),
  );
  assert.deepEqual(
    exim.outcomes.map((o) => [o.recipient, o.verdict, o.finding ? `${o.finding.reply} ${o.finding.enhanced}` : o.text]),
    [
      ['bo@example.org', 'bounced', '550 5.1.1'],
      ['cy@example.org', 'bounced', 'retry timeout exceeded'],
    ],
  );
  // qmail: the recipient's block holds a temporary code, yet it gave up: one outcome, bounced.
  const qmail = analyzeEmail(
    head +
      [
        "I'm afraid I wasn't able to deliver your message to the following addresses.",
        "This is a permanent error; I've given up. Sorry it didn't work out.",
        '',
        '<dee@example.net>:',
        "Connected to 192.0.2.9 but the lookup failed. (#4.4.3) I'm not going to try again.",
        '',
        '--- Below this line is a copy of the message.',
      ].join('\n'),
  );
  assert.deepEqual(
    qmail.outcomes.map((o) => [o.recipient, o.verdict, o.finding?.enhanced]),
    [['dee@example.net', 'bounced', '4.4.3']],
  );
  // A delay warning names recipients still being retried.
  const delay = analyzeEmail(head + 'Delivery to the following recipient has been delayed:\n\n     ed@example.jp\n\nMessage will be retried for 2 more day(s)\n');
  assert.deepEqual(
    delay.outcomes.map((o) => [o.recipient, o.verdict]),
    [['ed@example.jp', 'deferred']],
  );
  const { problems } = computeProblems(delay.outcomes, delay.index, all);
  assert.equal(problems.length, 1);
  const lines = (head + 'x').split('\n').length - 1;
  assert.equal(problems[0].range.start.line, lines + 2, 'on the address');
});
