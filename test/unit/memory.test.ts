// Memory under many documents (issue #15, item 10): analyses of the least recently used logs
// are dropped once published and read again on demand; full collections are spaced, not one
// per open. Counted on data and a fake clock, never timed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DocumentStore } from '../../server/src/lsp/documents';
import { MemoryReleaser } from '../../server/src/lsp/memory';
import { FakeClock } from '../support/clock';

const LINE = 'Nov 24 10:15:02 mx1 postfix/smtp[1]: Q: to=<ana@example.net>, relay=x[192.0.2.1]:25, dsn=5.1.1, status=bounced (host x[192.0.2.1] said: 550 5.1.1 User unknown (in reply to RCPT TO command))';
const log = (i: number) => Array.from({ length: 50 }, (_, k) => LINE.replace(' Q:', ` Q${i}x${k}:`)).join('\n');

test('200 logs re-opened at once: none is scanned on open, each is scanned and trimmed in turn, and at most the budget stays analysed', () => {
  const store = new DocumentStore();
  const size = log(199).length;
  const budget = 5 * size;
  const uris = Array.from({ length: 200 }, (_, i) => `file:///many/mail-${i}.log`);
  uris.forEach((uri, i) => store.open(uri, 'mail-log', 1, log(i)));
  assert.equal(store.all().filter((e) => e.analysis).length, 0, 'opening scans nothing (a restart re-opens hundreds)');
  let most = 0;
  for (const uri of uris) {
    const e = store.get(uri)!;
    assert.equal(store.analysis(e).outcomes.length, 50);
    store.trim(budget);
    most = Math.max(most, store.all().filter((x) => x.analysis).length);
  }
  assert.equal(most, 5, 'never more analyses than the budget holds');
  assert.equal(store.evictions, 195);
  // The most recently opened are kept; an old one is read again when asked, the same.
  assert.deepEqual(
    store.all().filter((x) => x.analysis).map((x) => x.uri),
    uris.slice(-5),
  );
  const old = store.get(uris[3])!;
  assert.equal(old.analysis, null);
  assert.deepEqual(store.analysis(old).outcomes.map((o) => o.queueId), Array.from({ length: 50 }, (_, k) => `Q3x${k}`));
});

test('a document in use (hovered, edited) keeps its analysis over documents opened after it', () => {
  const store = new DocumentStore();
  const size = log(0).length;
  const shown = store.open('file:///shown.log', 'mail-log', 1, log(0));
  store.analysis(shown);
  for (let i = 1; i <= 20; i++) {
    const e = store.open(`file:///bg-${i}.log`, 'mail-log', 1, log(i));
    store.analysis(e);
    if (i % 2 === 0) store.touch(shown); // the editor asks about the visible one (inlay hints, hovers)
    store.trim(3 * size);
  }
  store.touch(shown);
  store.trim(3 * size);
  assert.notEqual(shown.analysis, null);
  // An edit of a dropped document rescans it whole when next asked (its lines were kept).
  const dropped = store.get('file:///bg-2.log')!;
  assert.equal(dropped.analysis, null);
  store.change(dropped.uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'x' }]);
  assert.equal(store.analysis(dropped).outcomes.length, 50);
});

test('full collections are spaced by what they cost: a request per open, 100 ms apart for a minute, collects a tenth of the time at most', () => {
  const clock = new FakeClock();
  // Each collection of a heap of hundreds of logs takes 800 ms.
  const releaser = new MemoryReleaser(() => clock.spend(800), clock);
  for (let t = 0; t < 60_000; t += 100) {
    releaser.releaseSoon();
    clock.advance(100);
  }
  // One per open (two passes each) was 600 requests' worth; spaced, a tenth of a minute at most.
  assert.ok(releaser.collections * 800 <= 6000 + 1600, `${releaser.collections} collections`);
  assert.ok(releaser.collections >= 2, 'garbage is still collected');
});
