// What earlier lines of a log tell the reader of a later one: the deliveries qmail started (a
// `delivery N: …` result names only N) and the columns a CSV header named (Exchange `#Fields:`, a
// message-trace export's first row). The rule is a pure function of the text — a result belongs to
// the nearest `starting delivery N` above it, a row to the nearest header of its family above it — so
// a document's edits, a stream read in pieces and a whole read agree. A document keeps every such
// line (edits move and remove them); a stream keeps only the latest, a bounded number of them.
import type { Direction, LogFamily, ReadContext } from './types';

export interface DeliveryStart {
  line: number;
  attempt: string;
  queueId: string;
  recipient: string;
  direction: Direction;
}

interface Header {
  line: number;
  family: LogFamily;
  names: readonly string[];
}

/** Deliveries a stream remembers: far more than qmail runs at once (its concurrency is at most a few hundred). */
const STREAM_STARTS = 10000;

/** The index of the last item whose line is before `line` (-1 if none); items sorted by line. */
function lastBefore(list: readonly { line: number }[], line: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].line < line) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

function insertByLine<T extends { line: number }>(list: T[], item: T): void {
  const i = lastBefore(list, item.line + 1) + 1;
  list.splice(i, 0, item);
}

export interface ContextChange {
  /** Delivery numbers whose starting lines came or went. */
  attempts: Set<string>;
  /** Whether a header came or went (the lines after it read differently). */
  headers: boolean;
}

export class LineContext implements ReadContext {
  /** Deliveries by number, each list sorted by line. */
  private readonly starts = new Map<string, DeliveryStart[]>();
  /** Every delivery start in line order (documents: for edits). */
  private readonly byLine: DeliveryStart[] = [];
  private readonly headers: Header[] = [];
  /** The line being read: a reader sees only what came before it. */
  at = Number.MAX_SAFE_INTEGER;

  /** `stream`: keep only the latest start per number and header per family, a bounded number in all. */
  constructor(private readonly stream = false) {}

  columns(family: LogFamily): readonly string[] | null {
    for (let i = lastBefore(this.headers, this.at); i >= 0; i--) if (this.headers[i].family === family) return this.headers[i].names;
    return null;
  }

  addHeader(line: number, family: LogFamily, names: readonly string[]): void {
    if (this.stream) {
      const i = this.headers.findIndex((h) => h.family === family);
      if (i >= 0) this.headers.splice(i, 1);
      this.headers.push({ line, family, names });
      return;
    }
    insertByLine(this.headers, { line, family, names });
  }

  addStart(s: DeliveryStart): void {
    if (this.stream) {
      // Map order is insertion order: the oldest number goes first when there are too many.
      this.starts.delete(s.attempt);
      this.starts.set(s.attempt, [s]);
      if (this.starts.size > STREAM_STARTS) this.starts.delete(this.starts.keys().next().value!);
      return;
    }
    const list = this.starts.get(s.attempt);
    if (list) insertByLine(list, s);
    else this.starts.set(s.attempt, [s]);
    insertByLine(this.byLine, s);
  }

  /** The delivery numbered `attempt` started nearest above `line`. */
  startOf(attempt: string, line: number): DeliveryStart | null {
    const list = this.starts.get(attempt);
    if (!list) return null;
    const i = lastBefore(list, line);
    return i >= 0 ? list[i] : null;
  }

  /** Documents: forgets the lines [from, to] (an edit replaces them) and says what they held. */
  removeLines(from: number, to: number): ContextChange {
    const change: ContextChange = { attempts: new Set(), headers: false };
    const a = lastBefore(this.byLine, from) + 1;
    const b = lastBefore(this.byLine, to + 1) + 1;
    for (const s of this.byLine.splice(a, b - a)) {
      change.attempts.add(s.attempt);
      const list = this.starts.get(s.attempt)!;
      list.splice(list.indexOf(s), 1);
      if (list.length === 0) this.starts.delete(s.attempt);
    }
    const h = lastBefore(this.headers, from) + 1;
    const k = lastBefore(this.headers, to + 1) + 1;
    if (k > h) {
      this.headers.splice(h, k - h);
      change.headers = true;
    }
    return change;
  }

  /** Documents: lines after `after` moved by `delta`. */
  shiftLines(after: number, delta: number): void {
    if (delta === 0) return;
    for (let i = lastBefore(this.byLine, after + 1) + 1; i < this.byLine.length; i++) this.byLine[i].line += delta;
    for (let i = lastBefore(this.headers, after + 1) + 1; i < this.headers.length; i++) this.headers[i].line += delta;
  }

  /** Documents: what the lines [from, to] hold. */
  within(from: number, to: number): ContextChange {
    const change: ContextChange = { attempts: new Set(), headers: false };
    for (let i = lastBefore(this.byLine, from) + 1; i < this.byLine.length && this.byLine[i].line <= to; i++) change.attempts.add(this.byLine[i].attempt);
    const h = lastBefore(this.headers, from) + 1;
    change.headers = h < this.headers.length && this.headers[h].line <= to;
    return change;
  }
}
