// Giving memory back after a big document. Opening a 50 MB log briefly needs several copies
// of its text (the JSON-RPC message, its decoded string, the parsed document); V8 keeps that
// garbage until its next full collection, which an idle server may never reach. A full
// collection soon after a big open or close returns it to the system. It needs node's
// --expose-gc, which our launchers pass (server/src/launch.ts, and the server's #! line);
// started without it, the server simply does not collect early.
//
// A full collection costs in proportion to everything alive: with hundreds of logs open (a
// restart re-opens them all) one takes a second, and one per open made each open slow. So
// collections are spaced: requests that come while one is due are coalesced into it, and the
// next waits at least ten times as long as the last one took (collecting at most a tenth of
// the time), never less than MIN_INTERVAL.

import { SYSTEM_CLOCK, type Clock } from './debounce';

/** Documents at least this big trigger a collection after they are opened or closed. */
export const BIG_DOCUMENT = 4 << 20;
/** So do documents with as many findings as a big log has (a line of 80 000 codes is 1.7 MB). */
export const BIG_FINDINGS = 25_000;

/** Soonest after a request, and between two collections. */
const SOON = 50;
const MIN_INTERVAL = 1000;
/** A collection waits at least this many times as long as the last one took. */
const SPACING = 10;

export class MemoryReleaser {
  private due: unknown = null;
  private lastEnd = -Infinity;
  private lastTook = 0;
  /** Full collections run (tests count them). */
  collections = 0;

  constructor(
    private readonly gc: (() => void) | undefined,
    private readonly clock: Clock = SYSTEM_CLOCK,
  ) {}

  /** Collects garbage soon (twice: the second pass frees what the first one's finalizers released), spaced from the last collection. */
  releaseSoon(): void {
    if (!this.gc || this.due !== null) return;
    const now = this.clock.now();
    const wait = Math.max(SOON, this.lastEnd + Math.max(MIN_INTERVAL, SPACING * this.lastTook) - now);
    this.due = this.clock.setTimeout(() => {
      this.collect();
      // The second pass is spaced like any other (it was 200 ms later, whatever the first cost).
      this.due = this.clock.setTimeout(() => {
        this.collect();
        this.due = null;
      }, Math.max(200, SPACING * this.lastTook));
    }, wait);
  }

  private collect(): void {
    const t0 = this.clock.now();
    this.gc!();
    this.collections++;
    this.lastEnd = this.clock.now();
    this.lastTook = this.lastEnd - t0;
  }
}

const UNREF_CLOCK: Clock = {
  ...SYSTEM_CLOCK,
  setTimeout: (run, ms) => setTimeout(run, ms).unref(),
};

const releaser = new MemoryReleaser((globalThis as { gc?: () => void }).gc, UNREF_CLOCK);

/** Collects garbage shortly (see MemoryReleaser). */
export function releaseMemorySoon(): void {
  releaser.releaseSoon();
}
