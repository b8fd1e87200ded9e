// Reading a log or a message from disk (or standard input), streaming, for the CLI and for
// "SMTP: Scan File…" in the server: gzip-compressed rotated logs are decompressed on the fly,
// binary files are refused with a clear message, and memory stays bounded by the chunk size.
import { createReadStream, statSync } from 'node:fs';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { detectKind, LogStreamScanner, scanText, type Finding } from '../engine/index';

export interface ScanFileOptions {
  onFinding(f: Finding): void;
  /** Bytes read from the file so far (compressed bytes for .gz) and its size (0 for stdin). */
  onProgress?(bytesRead: number, totalBytes: number): void;
  /** Asked between chunks: stop early when true. */
  isCancelled?(): boolean;
}

export type ScanFileResult =
  | { ok: true; kind: 'log' | 'eml'; bytes: number; compressed: boolean; cancelled: boolean }
  | { ok: false; error: string };

/** Chunks small enough for V8's young generation: a streamed 1 GB log never piles up large objects. */
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
  let stream: Readable;
  let total = 0;
  if (path === '-') {
    stream = process.stdin;
  } else {
    try {
      const st = statSync(path);
      if (st.isDirectory()) return { ok: false, error: 'is a directory (give the log files inside it)' };
      total = st.size;
    } catch (err) {
      return { ok: false, error: describeError(err as NodeJS.ErrnoException) };
    }
    stream = createReadStream(path, { highWaterMark: CHUNK });
  }
  let read = 0;
  stream.on('data', (chunk: Buffer) => {
    read += chunk.length;
  });
  const compressed = { value: false };
  let decoder = new TextDecoder();
  let scanner: LogStreamScanner | null = null;
  let email: string[] | null = null;
  let emailBytes = 0;
  let first = true;
  let lastProgress = 0;
  try {
    for await (const chunk of chunksOf(stream, compressed)) {
      if (first) {
        first = false;
        const encoding = encodingOf(chunk);
        // UTF-16 text is full of NUL bytes: only text without a UTF-16 byte-order mark is sniffed.
        if (encoding === 'utf-8' && isBinary(chunk)) {
          stream.destroy();
          return { ok: false, error: 'not a text file (binary content); skipped' };
        }
        // Invalid bytes become U+FFFD; a byte-order mark is dropped, as editors do (columns agree).
        decoder = new TextDecoder(encoding);
        const head = decoder.decode(chunk, { stream: true });
        if (/\.eml$/i.test(path) || detectKind(head) === 'eml') email = [head];
        else {
          scanner = new LogStreamScanner();
          for (const f of scanner.push(head)) options.onFinding(f);
        }
        emailBytes = chunk.length;
        continue;
      }
      if (email) {
        emailBytes += chunk.length;
        if (emailBytes > MAX_EMAIL_BYTES) throw new Error('message larger than 256 MB; not scanned');
        email.push(decoder.decode(chunk, { stream: true }));
      } else if (scanner) {
        for (const f of scanner.push(decoder.decode(chunk, { stream: true }))) options.onFinding(f);
      }
      if (options.onProgress && read - lastProgress >= 1 << 20) {
        lastProgress = read;
        options.onProgress(read, total);
      }
      if (options.isCancelled?.()) {
        stream.destroy();
        for (const f of scanner?.end() ?? []) options.onFinding(f);
        return { ok: true, kind: email ? 'eml' : 'log', bytes: read, compressed: compressed.value, cancelled: true };
      }
    }
    const tail = decoder.decode();
    if (email) {
      email.push(tail);
      for (const f of scanText(email.join(''), { kind: 'eml' })) options.onFinding(f);
    } else if (scanner) {
      for (const f of scanner.push(tail)) options.onFinding(f);
      for (const f of scanner.end()) options.onFinding(f);
    }
  } catch (err) {
    return { ok: false, error: describeError(err as NodeJS.ErrnoException) };
  }
  options.onProgress?.(read, total);
  return { ok: true, kind: email ? 'eml' : 'log', bytes: read, compressed: compressed.value, cancelled: false };
}
