// The trail of a message over texts in memory (open documents) and files on disk, read as
// streams in passes (engine/outcomes/trail.ts): for `smtp-codes trace` and for the server's
// references across the workspace's logs. Files are read again for a later pass (standard input
// and pipes cannot be: a trail there is read in one pass); memory stays bounded by the pieces read
// and the lines kept. Async and cancellable: the event loop turns between pieces.
import { TrailCollector, type TrailLimits, type TrailPosition, type TrailQuery, type TrailResult, type TrailText } from '../engine/index';
import { openText, readErrorMessage } from './scanFile';

/** A text to trace in: one held in memory, or a file (`-`: standard input). */
export type TraceInput = { text: string | TrailText } | { path: string };

export interface TraceOptions {
  limits: TrailLimits;
  /** The line the trail starts from (a queue ID's message run there). */
  anchor?: TrailPosition;
  isCancelled?(): boolean;
  /** A file that could not be read (once per file). */
  onError?(path: string, message: string): void;
  /** Bytes read from files over all passes before the rest is left out. */
  maxBytes?: number;
}

export interface TraceResult extends TrailResult {
  cancelled: boolean;
  /** Files that could not be read. */
  failed: string[];
}

const yieldNow = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function traceInputs(inputs: readonly TraceInput[], query: TrailQuery, options: TraceOptions): Promise<TraceResult> {
  const collector = new TrailCollector(query, options.limits);
  const failed = new Set<string>();
  let rereadable = true;
  let cancelled = false;
  let bytes = 0;
  let overBudget = false;
  const stop = () => {
    if (options.isCancelled?.()) cancelled = true;
    return cancelled || overBudget || collector.done;
  };
  passes: for (;;) {
    collector.beginPass();
    for (let i = 0; i < inputs.length; i++) {
      const input = inputs[i];
      if ('text' in input) {
        collector.beginSource(i);
        const t = input.text;
        for (const piece of typeof t === 'string' ? [t] : t.pieces()) {
          if (stop()) break;
          collector.push(piece, typeof t !== 'string');
          // Other requests get their turn between pieces of a big document.
          await yieldNow();
        }
        collector.endSource();
      } else {
        if (failed.has(input.path)) continue;
        collector.beginSource(i);
        const reader = await openText(input.path);
        if ('error' in reader) {
          failed.add(input.path);
          options.onError?.(input.path, reader.error);
          continue;
        }
        if (!reader.rereadable) rereadable = false;
        let counted = 0;
        try {
          for await (const piece of reader.pieces) {
            collector.push(piece);
            bytes += reader.stats.read - counted;
            counted = reader.stats.read;
            if (options.maxBytes !== undefined && bytes > options.maxBytes) overBudget = true;
            if (stop()) break;
          }
        } catch (err) {
          failed.add(input.path);
          options.onError?.(input.path, readErrorMessage(err));
        } finally {
          await reader.close();
        }
        collector.endSource();
      }
      if (stop()) {
        if (cancelled || overBudget) break passes;
        break;
      }
    }
    if (!collector.endPass(rereadable)) break;
  }
  const result = collector.result(options.anchor);
  return { ...result, truncated: result.truncated || overBudget, incomplete: result.incomplete || cancelled || overBudget, cancelled, failed: [...failed] };
}
