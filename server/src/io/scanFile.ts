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

/** Scans a file (or `-` for standard input) and reports each finding as it is found. */
export async function scanFile(path: string, options: ScanFileOptions): Promise<ScanFileResult> {
  const index = options.index ?? new OutcomeIndex({ streaming: true });
  const onFinding = options.onFinding ?? (() => undefined);
  const onOutcome = options.onOutcome ?? (() => undefined);
  const newScanner = () => new LogStreamScanner(streamOutcomes(index, onOutcome));
  let chunks: AsyncGenerator<Buffer>;
  let stream: Readable | null = null;
  let total = 0;
  let read = 0;
  const compressed = { value: false };
  if (path === '-') {
    stream = process.stdin;
  } else {
    try {
      const st = statSync(path);
      if (st.isDirectory()) return { ok: false, error: 'is a directory (give the log files inside it)' };
      total = st.size;
      const fd = openSync(path, 'r');
      if (isGzip(fd)) {
        closeSync(fd);
        stream = createReadStream(path, { highWaterMark: CHUNK });
      } else {
        chunks = fileChunks(fd, (n) => (read += n));
      }
    } catch (err) {
      return { ok: false, error: describeError(err as NodeJS.ErrnoException) };
    }
  }
  if (stream) {
    stream.on('data', (chunk: Buffer) => {
      read += chunk.length;
    });
    chunks = chunksOf(stream, compressed);
  }
  const stop = async () => {
    stream?.destroy();
    await chunks.return(undefined);
  };
  // UTF-8 through StringDecoder (a character cut by a chunk's end waits for the next chunk; it is
  // the fastest path from bytes to a string), UTF-16 (a byte-order mark says so) through TextDecoder.
  let utf8: StringDecoder | null = new StringDecoder('utf8');
  let utf16: TextDecoder | null = null;
  const decode = (chunk: Buffer): string => (utf8 ? utf8.write(chunk) : utf16!.decode(chunk, { stream: true }));
  let scanner: LogStreamScanner | null = null;
  let email: string[] | null = null;
  let emailBytes = 0;
  let first = true;
  let lastProgress = 0;
  try {
    for await (const chunk of chunks!) {
      if (first) {
        first = false;
        const encoding = encodingOf(chunk);
        // UTF-16 text is full of NUL bytes: only text without a UTF-16 byte-order mark is sniffed.
        if (encoding === 'utf-8' && isBinary(chunk)) {
          await stop();
          return { ok: false, error: 'not a text file (binary content); skipped' };
        }
        // Invalid bytes become U+FFFD; a byte-order mark is dropped, as editors do (columns agree).
        if (encoding !== 'utf-8') {
          utf8 = null;
          utf16 = new TextDecoder(encoding);
        }
        const bom = utf8 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? 3 : 0;
        const head = decode(bom ? chunk.subarray(bom) : chunk);
        if (/\.eml$/i.test(path) || detectKind(head) === 'eml') email = [head];
        else {
          scanner = newScanner();
          for (const f of scanner.push(head)) onFinding(f);
        }
        emailBytes = chunk.length;
        continue;
      }
      if (email) {
        emailBytes += chunk.length;
        if (emailBytes > MAX_EMAIL_BYTES) throw new Error('message larger than 256 MB; not scanned');
        email.push(decode(chunk));
      } else if (scanner) {
        for (const f of scanner.push(decode(chunk))) onFinding(f);
      }
      if (options.onProgress && read - lastProgress >= 1 << 20) {
        lastProgress = read;
        options.onProgress(read, total);
      }
      if (options.isCancelled?.()) {
        await stop();
        for (const f of scanner?.end() ?? []) onFinding(f);
        return { ok: true, kind: email ? 'eml' : 'log', bytes: read, compressed: compressed.value, cancelled: true };
      }
    }
    const tail = utf8 ? utf8.end() : utf16!.decode();
    if (email) {
      email.push(tail);
      const a = analyzeEmail(email.join(''));
      for (const f of a.findings) onFinding(f);
      for (const o of a.outcomes) {
        index.add(o);
        onOutcome(o);
      }
    } else if (scanner) {
      for (const f of scanner.push(tail)) onFinding(f);
      for (const f of scanner.end()) onFinding(f);
    }
  } catch (err) {
    return { ok: false, error: describeError(err as NodeJS.ErrnoException) };
  }
  options.onProgress?.(read, total);
  return { ok: true, kind: email ? 'eml' : 'log', bytes: read, compressed: compressed.value, cancelled: false };
}
