// A guard on the server's input stream (--stdio), in front of vscode-jsonrpc's reader. That
// reader trusts each message's `Content-Length`: a huge one makes it buffer whatever follows
// without bound; a wrong one makes it wait forever for bytes that never come (the client waits
// for our answer) or read the next message's header as a body. The guard re-frames the stream
// before the reader sees it:
// - a header section must end within MAX_HEADER bytes and give a Content-Length of digits;
//   anything else is skipped up to the next `Content-Length:` (resynchronised), and said;
// - a message over MAX_MESSAGE bytes is skipped as it streams by (never buffered), and said;
// - a message is handed on only whole. A `Content-Length:` header inside a body can only be the
//   next message (JSON keeps CR and LF inside strings escaped, and a header is not JSON): the
//   announced length was wrong, so the broken message is dropped and reading goes on there;
// - a message that stays incomplete for STALL_MS (a length too long, and the client waiting for
//   our answer) is dropped, and said.
// Each problem is one line on standard error (the client's log). A well-framed stream passes
// through unchanged, chunk by chunk.
import { Transform, type TransformCallback } from 'node:stream';

/** The most one message may be: VS Code hands over documents of at most 50 MB; their JSON is a little larger. */
export const MAX_MESSAGE = 256 << 20;
/** The most a header section may be (a real one is about 30 bytes). */
export const MAX_HEADER = 8192;
/** An incomplete message is given up after this long without a byte. */
export const STALL_MS = 15_000;

const HEADER_END = Buffer.from('\r\n\r\n');
const HEADER_NAMES = [Buffer.from('Content-Length:'), Buffer.from('content-length:'), Buffer.from('CONTENT-LENGTH:')];
/** Bytes kept from one chunk to the next, to find a header line cut in two (a real one is under 40 bytes). */
const KEEP = 64;
/** How far into a chunk a header line that began in the previous one is looked for. */
const EDGE = 4096;
/**
 * A body up to this size is collected into one buffer of its announced length, copied into as its
 * bytes come: the reader behind gets it whole and copies nothing (a 50 MB document is copied once,
 * while it arrives). A longer one (up to MAX_MESSAGE) is kept in pieces until it is complete.
 */
const ONE_BUFFER = 64 << 20;
const EMPTY = Buffer.alloc(0);

export interface GuardTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Runs `fn` after the input that is already waiting was read (absent: at once). */
  afterInput?(fn: () => void): void;
}

const realTimers: GuardTimers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  // Timers run before input is polled: after the server was busy for longer than the stall time
  // (a big document's analysis), the rest of a message is already waiting. setImmediate runs after
  // the poll, so a message whose bytes did come is not taken for a stalled one.
  afterInput: (fn) => setImmediate(fn),
};

/** True when a whole `Content-Length: <digits>` line (ending in CR LF) starts at `i`: never inside JSON, whose strings escape CR and LF. */
function isHeaderLine(b: Buffer, i: number): boolean {
  let j = i + HEADER_NAMES[0].length;
  while (b[j] === 32 || b[j] === 9) j++;
  const digits = j;
  while (b[j] >= 48 && b[j] <= 57) j++;
  return j > digits && b[j] === 13 && b[j + 1] === 10;
}

/** Where the first `Content-Length: <digits>` header line in `b` at or after `from` starts, or -1. */
export function headerStart(b: Buffer, from = 0): number {
  let best = -1;
  for (const name of HEADER_NAMES) {
    for (let i = b.indexOf(name, from); i >= 0 && (best < 0 || i < best); i = b.indexOf(name, i + 1)) {
      if (isHeaderLine(b, i)) {
        best = i;
        break;
      }
    }
  }
  return best;
}

/** The Content-Length of a header section (without its final CRLF CRLF), or a reason it has none. */
export function contentLength(section: string): number | string {
  let length: number | null = null;
  for (const line of section.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) return `a header line without a name: ${JSON.stringify(line.slice(0, 40))}`;
    if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    if (!/^\d{1,15}$/.test(value)) return `Content-Length is not a number: ${JSON.stringify(value.slice(0, 40))}`;
    length = Number(value);
  }
  return length ?? 'no Content-Length header';
}

export class MessageGuard extends Transform {
  /** Bytes of the header section being read, or of the message being collected (header included). */
  private parts: Buffer[] = [];
  /** The body being collected in one buffer (a body up to ONE_BUFFER bytes), and how much of it came. */
  private body: Buffer | null = null;
  private bodyLength = 0;
  private state: 'header' | 'body' | 'skip' = 'header';
  /** Body bytes still to come. */
  private remaining = 0;
  private announced = 0;
  /** The last body bytes, to find a header name cut between two chunks. */
  private tail: Buffer = EMPTY;
  private stall: unknown = null;
  /** Bytes are being skipped up to the next header (said once per stretch). */
  private skipping = false;

  constructor(
    private readonly say: (message: string) => void = (m) => process.stderr.write(`smtp-codes-language-server: ${m}\n`),
    private readonly timers: GuardTimers = realTimers,
    private readonly limits: { message: number; header: number; stallMs: number; oneBuffer?: number } = { message: MAX_MESSAGE, header: MAX_HEADER, stallMs: STALL_MS },
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.consume(chunk);
    done();
  }

  override _flush(done: TransformCallback): void {
    this.timers.clearTimeout(this.stall);
    if (this.state === 'body') this.say(`the input ended inside a message (Content-Length ${this.announced}, ${this.announced - this.remaining} bytes came); dropped`);
    done();
  }

  private consume(input: Buffer): void {
    let chunk = input;
    while (chunk.length > 0) {
      chunk = this.state === 'header' ? this.readHeader(chunk) : this.readBody(chunk);
    }
    this.timers.clearTimeout(this.stall);
    this.stall = this.state === 'header' ? null : this.timers.setTimeout(() => this.stalled(), this.limits.stallMs);
  }

  /** Reads header bytes; returns what is left of the chunk. */
  private readHeader(chunk: Buffer): Buffer {
    this.parts.push(chunk);
    const all = this.parts.length === 1 ? chunk : Buffer.concat(this.parts);
    const end = all.indexOf(HEADER_END);
    if (end < 0 && all.length <= this.limits.header) return EMPTY;
    if (end < 0 || end > this.limits.header) return this.resync(all, `a header section longer than ${this.limits.header} bytes`);
    const length = contentLength(all.toString('latin1', 0, end));
    if (typeof length === 'string') return this.resync(all, length);
    this.skipping = false;
    const header = all.subarray(0, end + 4);
    const rest = all.subarray(end + 4);
    this.announced = length;
    this.remaining = length;
    this.tail = EMPTY;
    if (length > this.limits.message) {
      this.parts = [];
      this.state = 'skip';
      this.say(`a message of ${length} bytes is more than the ${this.limits.message} bytes the server reads in one message: skipped`);
    } else {
      this.parts = [header];
      this.state = 'body';
      this.body = length > 0 && length <= (this.limits.oneBuffer ?? ONE_BUFFER) ? Buffer.allocUnsafeSlow(length) : null;
      this.bodyLength = 0;
    }
    if (length === 0) this.finish();
    return rest;
  }

  /** Reads body bytes (kept, or skipped); returns what is left of the chunk. */
  private readBody(chunk: Buffer): Buffer {
    const n = Math.min(this.remaining, chunk.length);
    const part = chunk.subarray(0, n);
    // A header name inside the body: the next message started, the announced length was wrong. One
    // that began in the last chunk is looked for in its tail and this chunk's start; then this chunk.
    let at = this.tail.length > 0 ? headerStart(Buffer.concat([this.tail, part.subarray(0, EDGE)])) : -1;
    if (at >= this.tail.length) at = -1;
    if (at < 0) {
      const inPart = headerStart(part);
      if (inPart >= 0) at = this.tail.length + inPart;
    }
    if (at >= 0) {
      const got = this.announced - this.remaining + at - this.tail.length;
      this.say(`a message announced ${this.announced} bytes, but the next message began after ${got}: the broken message was dropped`);
      const next = at < this.tail.length ? Buffer.concat([this.tail.subarray(at), chunk]) : chunk.subarray(at - this.tail.length);
      this.reset();
      return next;
    }
    if (this.state === 'body' && this.body) {
      part.copy(this.body, this.bodyLength);
      this.bodyLength += n;
      this.tail = this.body.subarray(Math.max(0, this.bodyLength - KEEP), this.bodyLength);
    } else {
      if (this.state === 'body') this.parts.push(part);
      this.tail = n >= KEEP ? part.subarray(n - KEEP) : Buffer.concat([this.tail, part]).subarray(-KEEP);
    }
    this.remaining -= n;
    if (this.remaining === 0) this.finish();
    return chunk.subarray(n);
  }

  /** A whole message: handed on (a skipped one is just over). */
  private finish(): void {
    if (this.state === 'body') {
      for (const part of this.parts) this.push(part);
      if (this.body) this.push(this.body);
    }
    this.reset();
  }

  private reset(): void {
    this.parts = [];
    this.body = null;
    this.bodyLength = 0;
    this.tail = EMPTY;
    this.remaining = 0;
    this.state = 'header';
  }

  /** Skips bytes that are not a header up to the next `Content-Length:` line; returns the bytes from there. */
  private resync(all: Buffer, why: string): Buffer {
    if (!this.skipping) this.say(`skipping input that is not a message, up to the next header (${why})`);
    this.skipping = true;
    const next = headerStart(all, 1);
    this.parts = [];
    if (next >= 0) return all.subarray(next);
    // Keep the last bytes: a header line may be cut at the chunk's end.
    const keep = Buffer.from(all.subarray(Math.max(0, all.length - KEEP)));
    this.parts = [keep];
    return EMPTY;
  }

  private stalled(): void {
    const handle = this.stall;
    if (this.timers.afterInput) {
      // A chunk read meanwhile sets a new stall timer: then the message is not stalled.
      this.timers.afterInput(() => {
        if (this.stall === handle) this.dropStalled();
      });
    } else this.dropStalled();
  }

  private dropStalled(): void {
    this.stall = null;
    if (this.state === 'header') return;
    this.say(
      `a message announced ${this.announced} bytes, ${this.announced - this.remaining} came, then nothing for ${this.limits.stallMs / 1000} s: ` +
        `${this.state === 'body' ? 'dropped' : 'skipping stopped'} (the length was wrong)`,
    );
    this.reset();
  }
}
