// When a document's problems are published after edits: a short while after the last change
// (a burst of keystrokes is coalesced), but never later than a maximum wait after the first
// change still unpublished, so a stream of changes that never pauses (a tool rewriting the file
// every few milliseconds, a long macro) still publishes at a bounded interval. A change while a
// publication is pending moves it, up to that bound; a run reads the newest text, superseding
// any run scheduled for an older one.

/** The clock and timers a debouncer uses (tests give a fake one). */
export interface Clock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const SYSTEM_CLOCK: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

interface Pending {
  handle: unknown;
  /** When the first change not yet published came. */
  first: number;
  due: number;
}

export class Debouncer {
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly run: (key: string) => void,
    private readonly clock: Clock = SYSTEM_CLOCK,
  ) {}

  /** Runs `key` `delay` ms from now, or `maxWait` ms after its first pending change, whichever is sooner. */
  schedule(key: string, delay: number, maxWait = Infinity): void {
    const now = this.clock.now();
    const old = this.pending.get(key);
    const first = old ? old.first : now;
    const due = Math.max(now, Math.min(now + delay, first + maxWait));
    if (old) {
      if (old.due === due) return;
      this.clock.clearTimeout(old.handle);
    }
    const handle = this.clock.setTimeout(() => {
      if (this.pending.get(key)?.handle !== handle) return;
      this.pending.delete(key);
      this.run(key);
    }, due - now);
    this.pending.set(key, { handle, first, due });
  }

  /** A run is scheduled for `key`. */
  has(key: string): boolean {
    return this.pending.has(key);
  }

  /** Drops the run scheduled for `key` (closed, or superseded by a run that read the newest text). */
  cancel(key: string): void {
    const p = this.pending.get(key);
    if (!p) return;
    this.clock.clearTimeout(p.handle);
    this.pending.delete(key);
  }
}
