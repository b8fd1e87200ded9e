// Reading a log or a message from disk (or standard input, or a pipe), streaming, for the CLI
// and for "SMTP: Scan File…" in the server: gzip-compressed rotated logs are decompressed on the
// fly, binary files are refused with a clear message, runs of NUL bytes are read as filler and
// said once, and memory stays bounded by the chunk size (a message, read whole, by MAX_MESSAGE).
import { StringDecoder } from 'node:string_decoder';
import { TextDecoder } from 'node:util';
import { detectKind, formatCount, LogStreamScanner, OutcomeIndex, streamEmailText, type Finding, type Outcome } from '../engine/index';
import { readBounceOutcomes } from '../engine/outcomes/families/dsn';
import { streamOutcomes } from '../engine/outcomes/stream';
import { heapPacer } from './heapPacer';
import { openSource, SourceError, type Source, type SourceOptions } from './source';
import { allNul, TextSniffer } from './sniff';

export interface ScanFileOptions {
  onFinding?(f: Finding): void;
  /** Each outcome as it is read (attempts, refusals, a bounce's recipients), after it joined `index`. */
  onOutcome?(o: Outcome): void;
  /**
   * The stories of the outcomes: closed as messages leave the queue (set its onClose to count them).
   * Stories still open at the end stay open: the next rotated file may continue them; the caller closes them all.
   */
  index?: OutcomeIndex;
  /** Bytes read from the file so far (compressed bytes for .gz) and its size (0 for a pipe or stdin). */
  onProgress?(bytesRead: number, totalBytes: number): void;
  /** Asked between chunks: stop early when true. */
  isCancelled?(): boolean;
  /** Paths that are not regular files: read them (the CLI, the default) or refuse them (the server). */
  special?: SourceOptions['special'];
  /** Said once when a pipe has given no byte for a while. */
  onWaiting?(message: string): void;
  /**
   * Asked between chunks: a promise holds the next read back until it settles (standard output
   * full: a slow reader of our output slows the reading, instead of node queueing it in memory).
   */
  beforeRead?(): Promise<void> | undefined;
}

/**
 * The scan of one file. `notes` say what was read in an unusual way (NUL filler, a message cut
 * at MAX_MESSAGE). A failed read keeps what was read before the error: its findings were reported.
 */
export type ScanFileResult =
  | { ok: true; kind: 'log' | 'eml'; bytes: number; compressed: boolean; cancelled: boolean; notes: string[] }
  /** `bytes`: what was read (and scanned) before the error; 0 when the file could not be opened. */
  | { ok: false; error: string; notes: string[]; bytes: number; compressed: boolean };

/**
 * The most of a message (.eml) that is read: a message is scanned whole, through its MIME
 * structure, so it is held in memory. A bigger one (or a .gz that expands to one) is scanned as
 * far as this; a bounce's report parts come first, the returned message and its attachments after.
 */
export const MAX_MESSAGE = 32 << 20;
/** Chunks held back while the file's first bytes are sampled for binary content (beyond, it is decided on what was sampled). */
const MAX_HELD = 4 << 20;

/** The encoding of a text file from its byte-order mark: UTF-8 unless it says UTF-16 (Windows tools write that). */
function encodingOf(head: Buffer): 'utf-8' | 'utf-16le' | 'utf-16be' {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

function describeError(err: NodeJS.ErrnoException): string {
  if (err instanceof SourceError) return err.reason;
  switch (err.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory (give the log files inside it)';
    case 'ENXIO':
      return 'cannot open (a socket); pipe it to `smtp-codes check -` instead';
    case 'Z_DATA_ERROR':
      return 'corrupt gzip data';
    case 'Z_BUF_ERROR':
      return 'truncated gzip data (unexpected end of file)';
    default:
      // A system error (ELOOP, EIO...): its code says more than node's long message.
      return err.code ? `cannot read (${err.code})` : err.message || String(err);
  }
}

const mb = (bytes: number) => `${formatCount(Math.round(bytes / (1 << 20)))} MB`;

/** Scans a file (or `-` for standard input) and reports each finding as it is found. */
export async function scanFile(path: string, options: ScanFileOptions): Promise<ScanFileResult> {
  const notes: string[] = [];
  let source: Source;
  try {
    source = await openSource(path, { special: options.special ?? 'stream', onWaiting: options.onWaiting });
  } catch (err) {
    return { ok: false, error: describeError(err as NodeJS.ErrnoException), notes, bytes: 0, compressed: false };
  }
  const reader = new TextScan(path, options.onFinding ?? (() => undefined), options.index ?? new OutcomeIndex({ streaming: true }), options.onOutcome ?? (() => undefined), !source.regular);
  const pacer = heapPacer();
  let lastProgress = 0;
  let cancelled = false;
  let error: string | null = null;
  try {
    for await (const chunk of source.chunks) {
      if (!reader.add(chunk)) break;
      pacer?.check();
      const wait = options.beforeRead?.();
      if (wait) await wait;
      if (options.onProgress && source.bytesRead - lastProgress >= 1 << 20) {
        lastProgress = source.bytesRead;
        options.onProgress(source.bytesRead, source.total);
      }
      if (options.isCancelled?.()) {
        cancelled = true;
        break;
      }
    }
  } catch (err) {
    error = describeError(err as NodeJS.ErrnoException);
  }
  await source.close();
  // What was read is scanned, also before an error (a truncated .gz keeps its findings) or a cancel.
  if (reader.end() === 'binary') return { ok: false, error: 'not a text file (binary content); skipped', notes, bytes: 0, compressed: source.compressed };
  if (reader.sniffer.nulBytes > 0) notes.push(`${formatCount(reader.sniffer.nulBytes)} NUL bytes read as filler (never part of a code)`);
  if (reader.cut) notes.push(`message larger than ${mb(MAX_MESSAGE)}: its first ${mb(MAX_MESSAGE)} were scanned, the rest (returned message, attachments) was not read`);
  if (error) return { ok: false, error, notes, bytes: source.bytesRead, compressed: source.compressed };
  options.onProgress?.(source.bytesRead, source.total);
  return { ok: true, kind: reader.kind ?? 'log', bytes: source.bytesRead, compressed: source.compressed, cancelled, notes };
}

/**
 * Bytes → text: sniffs the first bytes (held back until decided, filler passed on) and decodes
 * UTF-8 or UTF-16. Each piece of text goes to `take` with the bytes it came from; `take` says
 * false to read no more.
 */
class TextBytes {
  readonly sniffer = new TextSniffer();
  private verdict: 'text' | 'binary' | undefined;
  private held: Buffer[] = [];
  private heldBytes = 0;
  private encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | null = null;
  // UTF-8 through StringDecoder (a character cut by a chunk's end waits for the next chunk; it is
  // the fastest path from bytes to a string), UTF-16 (a byte-order mark says so) through TextDecoder.
  private utf8: StringDecoder | null = null;
  private utf16: TextDecoder | null = null;
  private started = false;

  /**
   * `live`: the bytes come from a pipe or standard input, where the next ones may be a long time
   * coming (a streaming filter): the verdict is made on the first chunk, not held for a sample.
   */
  constructor(
    private readonly take: (text: string, bytes: number) => boolean,
    private readonly live = false,
  ) {}

  /** Takes the next chunk (used before the next is read). False: read no more. */
  add(chunk: Buffer): boolean {
    if (this.encoding === null) {
      this.encoding = encodingOf(chunk);
      // UTF-16 text is full of NUL bytes: it is text by its byte-order mark.
      if (this.encoding !== 'utf-8') this.verdict = 'text';
    }
    if (this.verdict === undefined) {
      this.verdict = this.sniffer.add(chunk);
      if (this.verdict === undefined) {
        if (this.held.length === 0 && allNul(chunk)) return this.feed(chunk); // filler ahead of the text
        if (this.live) return this.decideNow(chunk);
        // The chunk is reused by the reader: held back as a copy.
        this.held.push(Buffer.from(chunk));
        this.heldBytes += chunk.length;
        if (this.heldBytes < MAX_HELD) return true;
        this.verdict = this.sniffer.end();
      }
      if (this.verdict === 'binary') return false;
      if (!this.feedHeld()) return false;
      return this.feed(chunk);
    }
    if (this.encoding === 'utf-8' && this.verdict === 'text') this.sniffer.add(chunk); // counts NUL bytes
    return this.verdict === 'binary' ? false : this.feed(chunk);
  }

  /** Decides on the sample so far, then takes what was held and `chunk`. */
  private decideNow(chunk: Buffer): boolean {
    this.verdict = this.sniffer.end();
    if (this.verdict === 'binary') return false;
    return this.feedHeld() && this.feed(chunk);
  }

  /** Ends the text (its last piece goes to `take`); returns the verdict (binary: nothing was taken). */
  end(): 'text' | 'binary' {
    this.verdict ??= this.sniffer.end();
    if (this.verdict === 'binary') return 'binary';
    this.feedHeld();
    const tail = this.utf8 ? this.utf8.end() : this.utf16 ? this.utf16.decode() : '';
    if (tail) this.take(tail, 0);
    return 'text';
  }

  private feedHeld(): boolean {
    const held = this.held;
    this.held = [];
    this.heldBytes = 0;
    for (const chunk of held) if (!this.feed(chunk)) return false;
    return true;
  }

  private feed(chunk: Buffer): boolean {
    if (!this.started) {
      this.started = true;
      // Invalid bytes become U+FFFD; a byte-order mark is dropped, as editors do (columns agree).
      if (this.encoding === 'utf-8') this.utf8 = new StringDecoder('utf8');
      else this.utf16 = new TextDecoder(this.encoding!);
      const bom = this.utf8 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? 3 : 0;
      return this.take(this.decode(bom ? chunk.subarray(bom) : chunk), chunk.length);
    }
    return this.take(this.decode(chunk), chunk.length);
  }

  private decode(chunk: Buffer): string {
    return this.utf8 ? this.utf8.write(chunk) : this.utf16!.decode(chunk, { stream: true });
  }
}

/**
 * Text → findings and outcomes: a log goes through the stream scanner (outcomes read as it
 * reads), a message is collected (up to MAX_MESSAGE) and scanned whole at the end.
 */
class TextScan {
  readonly bytes: TextBytes;
  kind: 'log' | 'eml' | null = null;
  /** The message was cut at MAX_MESSAGE. */
  cut = false;
  private scanner: LogStreamScanner | null = null;
  private message: string[] | null = null;
  private messageBytes = 0;

  constructor(
    private readonly path: string,
    private readonly onFinding: (f: Finding) => void,
    private readonly index: OutcomeIndex,
    private readonly onOutcome: (o: Outcome) => void,
    live: boolean,
  ) {
    this.bytes = new TextBytes((text, bytes) => this.take(text, bytes), live);
  }

  get sniffer(): TextSniffer {
    return this.bytes.sniffer;
  }

  add(chunk: Buffer): boolean {
    return this.bytes.add(chunk);
  }

  /** Ends the text; returns the verdict (binary: nothing was reported). */
  end(): 'text' | 'binary' {
    if (this.bytes.end() === 'binary') return 'binary';
    if (this.message) {
      const text = this.message.join('');
      this.message = null;
      const report = streamEmailText(text, (found) => this.report(found));
      for (const o of readBounceOutcomes(report)) {
        this.index.add(o);
        this.onOutcome(o);
      }
    } else if (this.scanner) {
      this.report(this.scanner.end());
    }
    return 'text';
  }

  private take(text: string, bytes: number): boolean {
    if (this.kind === null) {
      if (/\.eml(?:\.gz)?$/i.test(this.path) || detectKind(text) === 'eml') {
        this.kind = 'eml';
        this.message = [];
      } else {
        this.kind = 'log';
        this.scanner = new LogStreamScanner(streamOutcomes(this.index, this.onOutcome));
      }
    }
    if (this.scanner) {
      this.report(this.scanner.push(text));
      return true;
    }
    this.message!.push(text);
    this.messageBytes += bytes;
    if (this.messageBytes < MAX_MESSAGE) return true;
    this.cut = true;
    return false;
  }

  /**
   * Hands each finding on and lets go of it: a finding keeps its text once asked, and a line
   * with 80 000 codes would otherwise hold them all (hundreds of MB) until the line is done.
   */
  private report(found: Finding[]): void {
    for (let i = 0; i < found.length; i++) {
      this.onFinding(found[i]);
      (found as Array<Finding | undefined>)[i] = undefined;
    }
  }
}

/** A file's text as a stream of decoded pieces, and what was read (the trail of a message reads files this way). */
export interface TextReader {
  /** Decoded text (gunzipped, UTF-8 or UTF-16 by its byte-order mark); throws on a read error or binary content. */
  readonly pieces: AsyncGenerator<string>;
  /** Bytes read so far (compressed bytes for .gz) and the file's size (0 for standard input or a pipe). */
  readonly stats: { read: number; total: number };
  /** A regular file: it can be read again (standard input and pipes cannot). */
  readonly rereadable: boolean;
  /** Stops reading (idempotent). */
  close(): Promise<void>;
}

/** Thrown for content that is not text; its message is the one shown. */
class ContentError extends Error {}

/** Opens a file (or `-` for standard input) for reading as text, streaming; `{ error }` when it cannot be opened. */
export async function openText(path: string, options: { special?: SourceOptions['special'] } = {}): Promise<TextReader | { error: string }> {
  let source: Source;
  try {
    source = await openSource(path, { special: options.special ?? 'stream' });
  } catch (err) {
    return { error: describeError(err as NodeJS.ErrnoException) };
  }
  const stats = {
    get read() {
      return source.bytesRead;
    },
    total: source.total,
  };
  const ready: string[] = [];
  const bytes = new TextBytes((text) => {
    if (text) ready.push(text);
    return true;
  });
  async function* pieces(): AsyncGenerator<string> {
    try {
      for await (const chunk of source.chunks) {
        if (!bytes.add(chunk)) throw new ContentError('not a text file (binary content); skipped');
        while (ready.length) yield ready.shift()!;
      }
      if (bytes.end() === 'binary') throw new ContentError('not a text file (binary content); skipped');
      while (ready.length) yield ready.shift()!;
    } finally {
      await source.close();
    }
  }
  return { pieces: pieces(), stats, rereadable: source.regular, close: () => source.close() };
}

/** The message of a read error, as shown to people. */
export function readErrorMessage(err: unknown): string {
  return err instanceof ContentError ? err.message : describeError(err as NodeJS.ErrnoException);
}
