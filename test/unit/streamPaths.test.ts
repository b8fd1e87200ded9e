// The third performance round (issue 16) makes the same results in fewer steps: a story told as
// soon as it opens is never kept open (OutcomeIndex.addFinal), reply texts of failures are
// analysed once per distinct text and relays (analyzeTextCached), relay host names once per set.
// Each is held equal here to what it replaces, and each cache to its bound.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compactOutcome, LogStreamScanner, OutcomeIndex, scanLogText, summaryRecord, type Outcome } from '../../server/src/engine/index';
import { analyzeText, analyzeTextCached, cachedAnalyses, cachedHostSets, MAX_ANALYSES, providersOfHosts } from '../../server/src/engine/explain';
import { detectProviders } from '../../server/src/engine/knowledge/index';
import { classOf } from '../../server/src/engine/codes';
import { streamOutcomes } from '../../server/src/engine/outcomes/stream';
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
