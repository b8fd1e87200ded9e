// io/follow.ts in process: a slow reader of our output holds reading back (beforeRead), the text
// arrives whole across reads, a last line without a line break is given when following stops,
// and the lines before the end are counted when following starts there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countLineBreaks, follow, type FollowSink } from '../../server/src/io/follow';
import { waitFor } from '../support/live';

const dir = mkdtempSync(join(tmpdir(), 'smtp-codes-follow-'));

function collector() {
  const got = { text: '', breaks: 0, ends: 0, opened: [] as number[] };
  const open = (firstLine: number): FollowSink => {
    got.opened.push(firstLine);
    return {
      push(text, lineBreaks) {
        got.text += text;
        got.breaks += lineBreaks;
      },
      end() {
        got.ends++;
      },
    };
  };
  return { got, open };
}

test('countLineBreaks counts LF bytes in a range', () => {
  const b = Buffer.from('a\nbb\n\nc');
  assert.equal(countLineBreaks(b), 3);
  assert.equal(countLineBreaks(b, 2), 2);
  assert.equal(countLineBreaks(b, 0, 2), 1);
  assert.equal(countLineBreaks(Buffer.alloc(0)), 0);
});

test('follow: starts after the last complete line, counting the lines before; a partial line waits for its end', async () => {
  const path = join(dir, 'end.log');
  writeFileSync(path, 'one\ntwo\nthr');
  const { got, open } = collector();
  const f = follow(path, { open, pollMs: 20 });
  await waitFor('the first open', () => got.opened.length === 1);
  assert.deepEqual(got.opened, [2], 'two complete lines before the end');
  appendFileSync(path, 'ee\nfour');
  await waitFor('the line being written, read whole', () => got.text === 'three\nfour');
  assert.equal(got.breaks, 1);
  await f.stop();
  assert.equal(got.ends, 1, 'the sink is ended when following stops (its last line is complete)');
});

test('follow: a reader slower than the log holds reading back (beforeRead)', async () => {
  const path = join(dir, 'gate.log');
  writeFileSync(path, '');
  const { got, open } = collector();
  let release: (() => void) | null = null;
  let calls = 0;
  let pushesAtGate = -1;
  const f = follow(path, {
    open,
    fromStart: true,
    pollMs: 20,
    beforeRead() {
      calls++;
      if (calls !== 3) return undefined;
      // Held on the third call: nothing is read until released.
      pushesAtGate = got.text.length;
      return new Promise<void>((resolve) => (release = resolve));
    },
  });
  // A witness follows the same file without a gate.
  const witness = collector();
  const w = follow(path, { open: witness.open, fromStart: true, pollMs: 20 });
  await waitFor('the gate', () => release !== null);
  appendFileSync(path, 'held back\n');
  await waitFor('the witness to read the line', () => witness.got.text === 'held back\n');
  assert.equal(got.text.length, pushesAtGate, 'the gated follower has not read it');
  release!();
  await waitFor('the line once released', () => got.text === 'held back\n');
  await Promise.all([f.stop(), w.stop()]);
});
