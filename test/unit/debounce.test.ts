// Publications after edits are debounced with a maximum wait (issue #15): a stream of changes
// that never pauses still publishes at a bounded interval. On a fake clock, never wall time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Debouncer } from '../../server/src/lsp/debounce';
import { FakeClock } from '../support/clock';
import { EDIT_DELAY, EDIT_MAX_WAIT, WholeRescans } from '../../server/src/lsp/wholeRescans';

test('a change every 10 ms for 3 s: a log publishes at least every 500 ms while they come, and once after they stop', () => {
  const clock = new FakeClock();
  const runs: number[] = [];
  const d = new Debouncer(() => runs.push(clock.now()), clock);
  for (let t = 0; t < 3000; t += 10) {
    d.schedule('a.log', EDIT_DELAY, EDIT_MAX_WAIT);
    clock.advance(10);
  }
  clock.advance(1000);
  const during = runs.filter((t) => t < 2990).length;
  assert.ok(during >= 5, `${during} runs while changes came (none, before the maximum wait)`);
  for (let i = 1; i < during; i++) assert.ok(runs[i] - runs[i - 1] <= EDIT_MAX_WAIT + 10, `a gap of ${runs[i] - runs[i - 1]} ms`);
  // The last change (at 2 990 ms) is published within the debounce, and nothing is left pending.
  const last = runs[runs.length - 1];
  assert.ok(last >= 2990 && last <= 2990 + EDIT_DELAY, `last run at ${last}: ${runs.join(' ')}`);
  assert.equal(d.has('a.log'), false);
});

test('a burst of keystrokes is still coalesced into one run; other documents are debounced apart', () => {
  const clock = new FakeClock();
  const runs: string[] = [];
  const d = new Debouncer((k) => runs.push(`${k}@${clock.now()}`), clock);
  for (let i = 0; i < 5; i++) {
    d.schedule('a', EDIT_DELAY, EDIT_MAX_WAIT);
    d.schedule('b', EDIT_DELAY, EDIT_MAX_WAIT);
    clock.advance(20);
  }
  clock.advance(100);
  assert.deepEqual(runs, ['a@120', 'b@120']);
  d.schedule('a', EDIT_DELAY);
  d.cancel('a');
  clock.advance(100);
  assert.equal(runs.length, 2, 'cancelled');
});

test('a big bounce rescanned whole: waits until typing pauses, but at most a few debounces while it never does', () => {
  const clock = new FakeClock();
  const runs: number[] = [];
  const d = new Debouncer(() => runs.push(clock.now()), clock);
  const rescans = new WholeRescans<null>(() => false);
  const length = 40 << 20;
  const delay = rescans.delayAfterEdit(length);
  const maxWait = rescans.maxWaitAfterEdit(length);
  assert.ok(delay >= 1000 && maxWait >= 4 * delay && maxWait <= 10_000, `${delay} ms debounce, ${maxWait} ms at most`);
  for (let t = 0; t < 30_000; t += 100) {
    d.schedule('big.eml', delay, maxWait);
    clock.advance(100);
  }
  assert.ok(runs.length >= 3, `${runs.length} rescans in 30 s of typing (none before the maximum wait)`);
  assert.ok(runs.every((t, i) => i === 0 || t - runs[i - 1] >= delay), 'never more often than its debounce');
});
