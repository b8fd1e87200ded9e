// A fake clock for tests that assert timing behaviour without wall time.
import type { Clock } from '../../server/src/lsp/debounce';

/** A clock whose time moves only when told; timers fire as it passes them. */
export class FakeClock implements Clock {
  private t = 0;
  private timers = new Map<number, { at: number; run: () => void }>();
  private next = 1;
  now(): number {
    return this.t;
  }
  setTimeout(run: () => void, ms: number): unknown {
    const id = this.next++;
    this.timers.set(id, { at: this.t + ms, run });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  /** Time spent by the code under test (a collection that takes a while). */
  spend(ms: number): void {
    this.t += ms;
  }
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = [...this.timers].filter(([, x]) => x.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.t = due[1].at;
      due[1].run();
    }
    this.t = Math.max(this.t, end);
  }
}

