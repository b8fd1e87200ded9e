// The second performance round (issue 16) changes how results are made, never what they are:
// streams keep compact story records (no chunk of the scanned text), the JSON writer writes text
// directly, explanations are made once per distinct reply. Each is held equal here to what it
// replaces, on the MTA fixtures and on generated logs of both kinds the bench uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compactOutcome, emptyCounts, explainOutcome, LogStreamScanner, OutcomeIndex, SummaryBuilder, summaryRecord, topCounts, type Outcome, type OutcomeCounts } from '../../server/src/engine/index';
import { explainFinding } from '../../server/src/engine/features/describe';
import { analyzeText, explainCode } from '../../server/src/engine/explain';
import { streamOutcomes } from '../../server/src/engine/outcomes/stream';
import { attemptJson, attemptJsonText } from '../../server/src/cli/writers/json';
import { attemptView } from '../../server/src/cli/writers/writer';
import { LogGenerator } from '../../scripts/bench/generate';
import { repoRoot } from '../support/shared';

const read = (name: string) => readFileSync(join(repoRoot, 'test', 'fixtures', 'mta', name), 'utf8');

/** A few thousand lines of each kind of log the bench generates (flows with Exim, Postfix dense). */
function generated(): string[] {
  const texts: string[] = [];
  for (const options of [{}, { exim: false, dense: true }]) {
    const g = new LogGenerator(7, options);
    const lines: string[] = [];
    for (let i = 0; i < 4000; i++) lines.push(g.line());
    texts.push(`${lines.join('\n')}\n`);
  }
  return texts;
}

const inputs = () => [read('postfix/mail.log'), read('postfix/mail-multi.log'), read('exim/mainlog'), ...generated()];

/** Streams `text` in pieces through a streaming index; what `check` and `summary` make of it. */
function run(text: string, detach?: (o: Outcome) => Outcome, piece = 4096) {
  const index = new OutcomeIndex({ streaming: true, detach });
  const counts: OutcomeCounts = emptyCounts();
  const builder = new SummaryBuilder(2026, { now: Date.UTC(2026, 11, 6) });
  index.onClose = (end) => {
    counts[end.verdict]++;
    builder.addEnd(end);
  };
  const attempts: number[] = [];
  const scanner = new LogStreamScanner(
    streamOutcomes(index, (o) => {
      attempts.push(index.attemptOf(o).total);
      builder.addAttempt(o);
    }),
  );
  for (let i = 0; i < text.length; i += piece) for (const f of scanner.push(text.slice(i, i + piece))) builder.addFinding(f);
  for (const f of scanner.end()) builder.addFinding(f);
  index.closeAll();
  return { counts, attempts, summary: builder.result(20), open: index.openStories };
}

test('compact story records count, number attempts and summarise as full outcomes do', () => {
  for (const text of inputs()) {
    const full = run(text);
    assert.ok(full.attempts.length > 0);
    const compact = run(text, (o) => compactOutcome(o));
    assert.deepEqual(compact.counts, full.counts);
    assert.deepEqual(compact.attempts, full.attempts);
    const summarised = run(text, summaryRecord);
    assert.deepEqual(summarised.counts, full.counts);
    assert.deepEqual(summarised.attempts, full.attempts);
    assert.deepEqual(summarised.summary, full.summary);
    assert.equal(summarised.open, 0);
  }
});

test('a compact record keeps no finding and no line text; a failure kept for a summary keeps its explanation', () => {
  const text = read('postfix/mail.log');
  const kept: Outcome[] = [];
  run(text, (o) => {
    const c = compactOutcome(o);
    kept.push(c);
    return c;
  });
  assert.ok(kept.length > 0);
  for (const o of kept) {
    assert.equal(o.finding, null);
    assert.equal(o.lineText, '');
    assert.deepEqual(o.evidence, []);
  }
  // A failure kept for a summary has its deciding code with its own text and line, nothing else.
  const failures: Outcome[] = [];
  run(text, (o) => {
    const c = summaryRecord(o);
    if (c.verdict !== 'delivered') failures.push(c);
    return c;
  });
  assert.ok(failures.some((o) => o.finding));
  for (const o of failures) if (o.finding) assert.deepEqual(explainOutcome(o), explainOutcome({ ...o }));
});

test('the JSON writer writes what JSON.stringify(attemptJson) would, attempt by attempt', () => {
  let n = 0;
  for (const text of inputs()) {
    const index = new OutcomeIndex({ streaming: true });
    const scanner = new LogStreamScanner(
      streamOutcomes(index, (o) => {
        const view = attemptView(o, index.attemptOf(o).total);
        assert.equal(attemptJsonText(view), JSON.stringify(attemptJson(view)));
        n++;
      }),
    );
    scanner.push(text);
    scanner.end();
  }
  assert.ok(n > 1000);
});

test('the explanation cache returns what explaining anew returns, a success whatever its words', () => {
  for (const [reply, enhanced, text, context] of [
    ['250', '2.0.0', 'Ok: queued as 1234ABCD', 'postfix/smtp[1]: X: to=<a@example.com>, relay=gmail-smtp-in.l.google.com[1.2.3.4]:25, status=sent (250 2.0.0 Ok: queued as 1234ABCD)'],
    ['250', '2.0.0', 'Ok, but the mailbox is full and over quota', 'relay=mx.example.net[1.2.3.4]:25, status=sent'],
    ['550', '5.1.1', 'User unknown', 'host mx.example.net[1.2.3.4] said: 550 5.1.1 User unknown'],
    ['550', '5.7.26', "Unauthenticated email from example.com is not accepted due to domain's DMARC policy", 'host gmail-smtp-in.l.google.com[1.2.3.4] said:'],
    ['452', '4.2.2', 'Mailbox full', 'said: 452 4.2.2 Mailbox full'],
    ['221', null, 'Bye, mailbox full', ''],
    ['101', null, 'Connection refused', ''],
  ] as const) {
    const f = { reply, enhanced, text, context };
    const fresh = explainCode({ reply, enhanced }, analyzeText(reply, enhanced, text, context));
    assert.deepEqual(explainFinding(f), fresh);
    assert.equal(explainFinding(f), explainFinding({ ...f }), 'the same explanation object, from the cache');
  }
});

test('the top counts of a summary are the first of all sorted, ties in collation then first-seen order', () => {
  const sortAll = (map: Map<string, number>, n: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, n)
      .map(([key, count]) => ({ key, count }));
  let seed = 1;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  // Keys that collate equal or close: case, accents, an ignorable control character, digits.
  const parts = ['ana', 'Ana', 'ána', 'an\u0001a', 'bo', 'BO', 'b\u00f6', 'cy1', 'cy10', 'cy2', 'dee', 'ed@example.com', 'ed@Example.com'];
  for (let round = 0; round < 200; round++) {
    const map = new Map<string, number>();
    const size = 1 + Math.floor(rand() * 60);
    for (let i = 0; i < size; i++) map.set(`${parts[Math.floor(rand() * parts.length)]}${Math.floor(rand() * 5)}`, 1 + Math.floor(rand() * 3));
    for (const n of [0, 1, 3, 5, 10, 20, 100, -2]) assert.deepEqual(topCounts(map, n), sortAll(map, n), `n=${n} ${JSON.stringify([...map])}`);
  }
});
