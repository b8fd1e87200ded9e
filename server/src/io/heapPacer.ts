// Keeping a stream's garbage in bounds. A scan makes garbage at the rate it finds codes (each
// attempt's text, explanation and output), and V8 grows its heap with the allocation rate, not
// with what is alive: a line of 400 000 distinct codes keeps about 15 MB alive, yet the CLI grew
// to 230 MB resident reading 8 MB of it. A full collection once the heap has grown by GROWTH since
// the last one keeps it near what is alive plus GROWTH. Collections are spaced so that they take
// at most a tenth of the time (a dense log keeps much alive, and collecting it costs more).
import { getHeapStatistics } from 'node:v8';

/** Heap growth since the last collection that triggers the next. */
export const GROWTH = 32 << 20;
/** A collection waits at least this many times as long as the last one took. */
const SPACING = 10;

export interface HeapPacerHooks {
  gc: () => void;
  heapUsed: () => number;
  now: () => number;
}

export class HeapPacer {
  private base: number;
  private notBefore = -Infinity;
  /** Full collections run (tests count them). */
  collections = 0;

  constructor(private readonly hooks: HeapPacerHooks) {
    this.base = hooks.heapUsed();
  }

  /** Called between chunks of a stream: collects when the heap grew by GROWTH and the last collection is far enough behind. */
  check(): void {
    if (this.hooks.heapUsed() < this.base + GROWTH) return;
    const start = this.hooks.now();
    if (start < this.notBefore) return;
    this.hooks.gc();
    this.collections++;
    const end = this.hooks.now();
    this.base = this.hooks.heapUsed();
    this.notBefore = end + SPACING * (end - start);
  }
}

/** V8's full collection, where node was started with --expose-gc (CLI_NODE_ARGS, the CLI's #! line). */
function exposedGc(): (() => void) | null {
  return (globalThis as { gc?: () => void }).gc ?? null;
}

/** A pacer on this process's heap, or null where no collection can be asked for (started without --expose-gc: V8 decides alone). */
export function heapPacer(): HeapPacer | null {
  const gc = exposedGc();
  return gc ? new HeapPacer({ gc, heapUsed: () => getHeapStatistics().used_heap_size, now: () => performance.now() }) : null;
}
