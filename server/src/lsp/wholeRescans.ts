// Documents rescanned whole after an edit (a bounce .eml, any document that is not a log; logs
// are rescanned incrementally): a 50 MB bounce takes seconds to scan, so it is not rescanned on
// every keystroke. Its rescan
// waits until typing pauses (a longer debounce, in proportion to its size; each keystroke
// cancels the rescan it had scheduled), and meanwhile hovers and the other requests read the
// analysis of its last scan instead of scanning it on the spot.

/** Below this size a whole rescan is quick: the usual short debounce. */
const SMALL = 1 << 20;
/** The debounce of a whole rescan: 40 ms plus 1 ms per 25 000 characters, at most 2 s. */
const CHARS_PER_MS = 25_000;
const MAX_DELAY = 2000;
export const EDIT_DELAY = 40;
/** While changes keep coming, a log's problems are published at least this often. */
export const EDIT_MAX_WAIT = 500;
/** A whole rescan while changes keep coming: at least every five debounces, at most 10 s apart. */
const MAX_WAIT_FACTOR = 5;
const MAX_WAIT_CAP = 10_000;

export class WholeRescans<T> {
  /** What each document's last scan found, while a whole rescan of it is pending. */
  private readonly last = new Map<string, T>();

  /** `pending(uri)`: a validation (which rescans) is scheduled. */
  constructor(private readonly pending: (uri: string) => boolean) {}

  /** The debounce after an edit of a document rescanned whole: short, unless it is big. */
  delayAfterEdit(textLength: number): number {
    if (textLength < SMALL) return EDIT_DELAY;
    return Math.min(MAX_DELAY, EDIT_DELAY + Math.round(textLength / CHARS_PER_MS));
  }

  /**
   * The longest a whole rescan waits while changes keep coming (a stream of changes that never
   * pauses would otherwise never be rescanned): a few debounces, so most of the time still goes to
   * the edits.
   */
  maxWaitAfterEdit(textLength: number): number {
    return Math.min(MAX_WAIT_CAP, Math.max(EDIT_MAX_WAIT, MAX_WAIT_FACTOR * this.delayAfterEdit(textLength)));
  }

  /** Records what a scan found (what requests read until the next scan). */
  scanned(uri: string, found: T): void {
    this.last.set(uri, found);
  }

  /**
   * What a request reads: `current` when there is one, else (a whole rescan is pending) the last
   * scan's, else a scan now (`scan`).
   */
  current(uri: string, current: T | null, scan: () => T): T {
    if (current) return current;
    const last = this.last.get(uri);
    if (last && this.pending(uri)) return last;
    const found = scan();
    this.last.set(uri, found);
    return found;
  }

  forget(uri: string): void {
    this.last.delete(uri);
  }
}
