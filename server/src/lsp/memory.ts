// Giving memory back after a big document. Opening a 50 MB log briefly needs several copies
// of its text (the JSON-RPC message, its decoded string, the parsed document); V8 keeps that
// garbage until its next full collection, which an idle server may never reach. A full
// collection soon after a big open or close returns it to the system. It needs node's
// --expose-gc, which our launchers pass (server/src/launch.ts, and the server's #! line);
// started without it, the server simply does not collect early.

/** Documents at least this big trigger a collection after they are opened or closed. */
export const BIG_DOCUMENT = 4 << 20;
/** So do documents with as many findings as a big log has (a line of 80 000 codes is 1.7 MB). */
export const BIG_FINDINGS = 25_000;

let timer: NodeJS.Timeout | undefined;

/** Collects garbage shortly (twice: the second pass frees what the first one's finalizers released). */
export function releaseMemorySoon(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc !== 'function' || timer) return;
  timer = setTimeout(() => {
    timer = undefined;
    gc();
    setTimeout(gc, 200).unref();
  }, 50);
  timer.unref();
}
