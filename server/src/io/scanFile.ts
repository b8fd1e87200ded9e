// Reading a log or a message from disk (or standard input), streaming, for the CLI and for
// "SMTP: Scan File…" in the server: gzip-compressed rotated logs are decompressed on the fly,
// binary files are refused with a clear message, and memory stays bounded by the chunk size.
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { TextDecoder } from 'node:util';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { analyzeEmail, detectKind, LogStreamScanner, OutcomeIndex, type Finding, type Outcome } from '../engine/index';
import { streamOutcomes } from '../engine/outcomes/stream';

export interface ScanFileOptions {
  onFinding?(f: Finding): void;
  /** Each outcome as it is read (attempts, refusals, a bounce's recipients), after it joined `index`. */
  onOutcome?(o: Outcome): void;
  /**
   * The stories of the outcomes: closed as messages leave the queue (set its onClose to count them).
   * Stories still open at the end stay open: the next rotated file may continue them; the caller closes them all.
   */
  index?: OutcomeIndex;
  /** Bytes read from the file so far (compressed bytes for .gz) and its size (0 for stdin). */
  onProgress?(bytesRead: number, totalBytes: number): void;
  /** Asked between chunks: stop early when true. */
  isCancelled?(): boolean;
}

export type ScanFileResult =
  | { ok: true; kind: 'log' | 'eml'; bytes: number; compressed: boolean; cancelled: boolean }
  | { ok: false; error: string };

/**
 * Chunks (read, decompressed) small enough for V8's young generation: a streamed 1 GB log never
 * piles up large objects, and each chunk's string stays under the large-object size (128 KB),
 * which decodes six times slower.
 */
const CHUNK = 64 << 10;
const MAX_EMAIL_BYTES = 256 << 20;

/** True when the head of a file is not text (NUL bytes or mostly control characters). */
export function isBinary(head: Buffer): boolean {
  const n = Math.min(head.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i];
    if (b === 0) return true;
    if (b < 7 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return n > 0 && control / n > 0.1;
}

/** The encoding of a text file from its byte-order mark: UTF-8 unless it says UTF-16 (Windows tools write that). */
function encodingOf(head: Buffer): 'utf-8' | 'utf-16le' | 'utf-16be' {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/** The chunks of a stream, gunzipped when it starts with the gzip magic number. */
async function* chunksOf(stream: Readable, compressed: { value: boolean }): AsyncGenerator<Buffer> {
  const it = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return;
  const head: Buffer = first.value;
  async function* all(): AsyncGenerator<Buffer> {
    yield head;
    for (;;) {
      const next = await it.next();
      if (next.done) return;
      yield next.value;
    }
  }
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
    compressed.value = true;
    const gunzip = createGunzip({ chunkSize: CHUNK });
    pipeline(Readable.from(all()), gunzip, () => undefined);
    yield* gunzip as AsyncIterable<Buffer>;
  } else {
    yield* all();
  }
}

/**
 * The chunks of a regular file read synchronously into one reused buffer (no event-loop turn
 * per chunk), yielding to the event loop now and then so a server can report progress and
 * notice a cancellation. A consumer must use each chunk before asking for the next.
 */
async function* fileChunks(fd: number, onRead: (n: number) => void): AsyncGenerator<Buffer> {
  const buffer = Buffer.allocUnsafe(CHUNK);
  try {
    for (let i = 1; ; i++) {
      const n = readSync(fd, buffer, 0, CHUNK, null);
      if (n <= 0) return;
      onRead(n);
      yield buffer.subarray(0, n);
      if (i % 16 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    closeSync(fd);
  }
}

function isGzip(fd: number): boolean {
  const head = Buffer.alloc(2);
  const n = readSync(fd, head, 0, 2, 0);
  return n === 2 && head[0] === 0x1f && head[1] === 0x8b;
}

function describeError(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory (give the log files inside it)';
    case 'Z_DATA_ERROR':
      return 'corrupt gzip data';
    case 'Z_BUF_ERROR':
      return 'truncated gzip data (unexpected end of file)';
    default:
      // A system error (ELOOP, EIO...): its code says more than node's long message.
      return err.code ? `cannot read (${err.code})` : err.message || String(err);
  }
}

/** A file's text as a stream of decoded pieces, and what was read. */
export interface TextReader {
  /** Decoded text (gunzipped, UTF-8 or UTF-16 by its byte-order mark); throws on a read error or binary content. */
  readonly pieces: AsyncGenerator<string>;
  /** Bytes read from the file so far (compressed bytes for .gz), its size (0 for standard input or a pipe), decoded bytes. */
  readonly stats: { read: number; total: number; decoded: number; compressed: boolean };
  /** A regular file: it can be read again (standard input and pipes cannot). */
  readonly rereadable: boolean;
  /** Stops reading (idempotent). */
  close(): Promise<void>;
}

/** Thrown for content that is not text; its message is the one shown. */
class ContentError extends Error {}

/**
 * Opens a file (or `-` for standard input) for reading as text, streaming. A directory or a
 * file that cannot be opened gives `{ error }`; binary content fails on the first piece.
 */
export function openText(path: string): TextReader | { error: string } {
  let chunks: AsyncGenerator<Buffer>;
  let stream: Readable | null = null;
  const stats = { read: 0, total: 0, decoded: 0, compressed: false };
  let rereadable = false;
  if (path === '-') {
    stream = process.stdin;
  } else {
    try {
      const st = statSync(path);
      if (st.isDirectory()) return { error: 'is a directory (give the log files inside it)' };
      if (st.isFile()) {
        stats.total = st.size;
        rereadable = true;
        const fd = openSync(path, 'r');
        if (isGzip(fd)) {
          closeSync(fd);
          stream = createReadStream(path, { highWaterMark: CHUNK });
        } else {
          chunks = fileChunks(fd, (n) => (stats.read += n));
        }
      } else {
        // A pipe or a device: opened without blocking the thread, read once.
        stream = createReadStream(path, { highWaterMark: CHUNK });
      }
    } catch (err) {
      return { error: describeError(err as NodeJS.ErrnoException) };
    }
  }
  const compressed = { value: false };
  if (stream) {
    stream.on('data', (chunk: Buffer) => {
      stats.read += chunk.length;
    });
    chunks = chunksOf(stream, compressed);
  }
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    stream?.destroy();
    await chunks.return(undefined);
  };
  async function* decoded(): AsyncGenerator<string> {
    // UTF-8 through StringDecoder (a character cut by a chunk's end waits for the next chunk; it is
    // the fastest path from bytes to a string), UTF-16 (a byte-order mark says so) through TextDecoder.
    let utf8: StringDecoder | null = new StringDecoder('utf8');
    let utf16: TextDecoder | null = null;
    let first = true;
    try {
      for await (const chunk of chunks) {
        stats.compressed = compressed.value;
        stats.decoded += chunk.length;
        if (first) {
          first = false;
          const encoding = encodingOf(chunk);
          // UTF-16 text is full of NUL bytes: only text without a UTF-16 byte-order mark is sniffed.
          if (encoding === 'utf-8' && isBinary(chunk)) throw new ContentError('not a text file (binary content); skipped');
          // Invalid bytes become U+FFFD; a byte-order mark is dropped, as editors do (columns agree).
          if (encoding !== 'utf-8') {
            utf8 = null;
            utf16 = new TextDecoder(encoding);
          }
          const bom = utf8 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? 3 : 0;
          yield utf8 ? utf8.write(bom ? chunk.subarray(bom) : chunk) : utf16!.decode(chunk, { stream: true });
          continue;
        }
        yield utf8 ? utf8.write(chunk) : utf16!.decode(chunk, { stream: true });
      }
      const tail = utf8 ? utf8.end() : utf16 ? utf16.decode() : '';
      if (tail) yield tail;
    } finally {
      await close();
    }
  }
  return { pieces: decoded(), stats, rereadable, close };
}

/** The message of a read error, as shown to people. */
export function readErrorMessage(err: unknown): string {
  return err instanceof ContentError ? err.message : describeError(err as NodeJS.ErrnoException);
}

/** Scans a file (or `-` for standard input) and reports each finding as it is found. */
export async function scanFile(path: string, options: ScanFileOptions): Promise<ScanFileResult> {
  const index = options.index ?? new OutcomeIndex({ streaming: true });
  const onFinding = options.onFinding ?? (() => undefined);
  const onOutcome = options.onOutcome ?? (() => undefined);
  const newScanner = () => new LogStreamScanner(streamOutcomes(index, onOutcome));
  const reader = openText(path);
  if ('error' in reader) return { ok: false, error: reader.error };
  const { stats } = reader;
  let scanner: LogStreamScanner | null = null;
  let email: string[] | null = null;
  let lastProgress = 0;
  const result = (cancelled: boolean): ScanFileResult => ({ ok: true, kind: email ? 'eml' : 'log', bytes: stats.read, compressed: stats.compressed, cancelled });
  try {
    for await (const text of reader.pieces) {
      if (!email && !scanner) {
        if (/\.eml$/i.test(path) || detectKind(text) === 'eml') email = [text];
        else {
          scanner = newScanner();
          for (const f of scanner.push(text)) onFinding(f);
        }
      } else if (email) {
        if (stats.decoded > MAX_EMAIL_BYTES) throw new Error('message larger than 256 MB; not scanned');
        email.push(text);
      } else if (scanner) {
        for (const f of scanner.push(text)) onFinding(f);
      }
      if (options.onProgress && stats.read - lastProgress >= 1 << 20) {
        lastProgress = stats.read;
        options.onProgress(stats.read, stats.total);
      }
      if (options.isCancelled?.()) {
        await reader.close();
        for (const f of scanner?.end() ?? []) onFinding(f);
        return result(true);
      }
    }
    if (email) {
      const a = analyzeEmail(email.join(''));
      for (const f of a.findings) onFinding(f);
      for (const o of a.outcomes) {
        index.add(o);
        onOutcome(o);
      }
    } else if (scanner) {
      for (const f of scanner.end()) onFinding(f);
    }
  } catch (err) {
    await reader.close();
    return { ok: false, error: readErrorMessage(err) };
  }
  options.onProgress?.(stats.read, stats.total);
  return result(false);
}
