// What keeps a stream's memory in bounds (issue #15): full collections paced by heap growth, a
// slow reader of the output holding reading back, and a reply's text ending where the next reply
// on its line starts (a line of many codes costs its length once). No wall-clock time: a fake
// clock and heap, and counts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanText } from '../../server/src/engine/index';
import { GROWTH, HeapPacer } from '../../server/src/io/heapPacer';
import { scanFile } from '../../server/src/io/scanFile';

function fakeHeap() {
  const h = { used: 10 << 20, time: 0, gcCost: 5, gcs: 0, alive: 10 << 20 };
  const pacer = new HeapPacer({
    gc: () => {
      h.gcs++;
      h.time += h.gcCost;
      h.used = h.alive;
    },
    heapUsed: () => h.used,
    now: () => h.time,
  });
  return { h, pacer };
}

test('the heap pacer collects once the heap grew by GROWTH since the last collection, not before', () => {
  const { h, pacer } = fakeHeap();
  h.used += GROWTH - 1;
  pacer.check();
  assert.equal(h.gcs, 0);
  h.used += 1;
  h.time += 1000;
  pacer.check();
  assert.equal(h.gcs, 1);
  assert.equal(pacer.collections, 1);
  // Measured again from what was alive after the collection.
  h.used = h.alive + GROWTH / 2;
  h.time += 1000;
  pacer.check();
  assert.equal(h.gcs, 1);
});

test('the heap pacer spends at most a tenth of the time collecting, however fast garbage comes', () => {
  const { h, pacer } = fakeHeap();
  h.gcCost = 100;
  // 1 000 checks 1 ms apart, each after another GROWTH of garbage: 1 100 ms of work and collections.
  for (let i = 0; i < 1000; i++) {
    h.used += GROWTH;
    h.time += 1;
    pacer.check();
  }
  const collecting = h.gcs * h.gcCost;
  assert.ok(h.gcs >= 1, 'it collected');
  assert.ok(collecting <= 0.1 * h.time + h.gcCost, `${h.gcs} collections, ${collecting} ms of ${h.time} ms`);
});

test('scanFile waits for beforeRead between chunks: a slow reader of the output holds the reading back', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'smtp-codes-drain-'));
  const path = join(dir, 'mail.log');
  const line = 'Nov 24 10:15:02 mx1 postfix/smtp[1]: Q1: to=<ana@example.net>, relay=x[192.0.2.1]:25, dsn=5.1.1, status=bounced (host x[192.0.2.1] said: 550 5.1.1 User unknown (in reply to RCPT TO command))\n';
  writeFileSync(path, line.repeat(20_000)); // about 4 MB: many chunks
  let outcomes = 0;
  let release: (() => void) | null = null;
  let asked = 0;
  let firstAsked: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (firstAsked = resolve));
  const scan = scanFile(path, {
    onOutcome: () => outcomes++,
    beforeRead: () => {
      asked++;
      if (asked > 1) return undefined;
      firstAsked();
      return new Promise<void>((resolve) => (release = resolve));
    },
  });
  await held;
  // Turns of the event loop (file reads complete in them) while the first wait is pending.
  for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
  const whileHeld = outcomes;
  assert.equal(asked, 1, 'no further chunk asked for while the output is full');
  assert.ok(whileHeld > 0 && whileHeld < 20_000, `${whileHeld} outcomes read before the wait`);
  release!();
  const result = await scan;
  assert.equal(result.ok, true);
  assert.equal(outcomes, 20_000);
  assert.ok(asked > 2, `${asked} chunks`);
});

test("a reply's text ends where the next distinct reply on its line starts", () => {
  const text = 'said: 550 5.1.1 User unknown; said: 452 4.2.2 Mailbox full\n';
  const [a, b] = scanText(text).filter((f) => f.reply);
  assert.deepEqual([a.reply, b.reply], ['550', '452']);
  assert.equal(a.text, 'User unknown; said:');
  assert.equal(b.text, 'Mailbox full');
  // The same reply repeated on its line (a multi-line reply logged on one line) is one text.
  const [one] = scanText('said: 550-5.1.1 The email account does not exist. 550-5.1.1 Please try again 550 5.1.1 end\n');
  assert.equal(one.text, 'The email account does not exist. Please try again end');
});
