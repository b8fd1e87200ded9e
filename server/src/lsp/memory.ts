// Giving memory back after a big document. Opening a 50 MB log briefly needs several copies
// of its text (the JSON-RPC message, its decoded string, the parsed document); V8 keeps that
// garbage until its next full collection, which an idle server may never reach. A full
// collection soon after a big open or close returns it to the system.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Documents at least this big trigger a collection after they are opened or closed. */
export const BIG_DOCUMENT = 4 << 20;

let gc: (() => void) | null | undefined;
let timer: NodeJS.Timeout | undefined;

function collector(): (() => void) | null {
  if (gc !== undefined) return gc;
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return (gc = exposed);
  try {
    // Started without --expose-gc (e.g. by an editor with plain `node`): expose it now.
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  } catch {
    gc = null;
  }
  return gc;
}

/** Collects garbage shortly (twice: the second pass frees what the first one's finalizers released). */
export function releaseMemorySoon(): void {
  if (timer) return;
  timer = setTimeout(() => {
    timer = undefined;
    const run = collector();
    if (!run) return;
    run();
    setTimeout(run, 200).unref();
  }, 50);
  timer.unref();
}
