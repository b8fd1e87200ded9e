// Opening what a path names as a stream of byte chunks, asynchronously: a regular file, a named
// pipe or a shell's `<(zcat …)` (/dev/fd/63), /dev/stdin, `-` (standard input), gunzipped on the
// fly when the bytes start with the gzip magic number. Reads are sequential (never at a position:
// a pipe has none), and no open or read ever blocks the event loop, so the language server keeps
// answering while it scans.
import { constants, type Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** Chunks handed on: small enough for V8's young generation, and each decoded string stays under 128 KB. */
export const CHUNK = 64 << 10;
/** Bytes asked of the file per read (handed on as CHUNK-sized pieces). */
const READ = 4 * CHUNK;
/** A stream that has given no byte for this long is said to be waited on (once). */
export const WAIT_NOTICE_MS = 2000;

export interface SourceOptions {
  /**
   * What to do with a path that is not a regular file (a named pipe, a device, a socket):
   * 'stream' reads it until its end (the CLI); 'refuse' says why not (the server: a pipe may
   * never end, and a device such as /dev/zero never does).
   */
  special: 'stream' | 'refuse';
  /** Said once when no byte has come for WAIT_NOTICE_MS (a pipe nobody writes to yet). */
  onWaiting?(message: string): void;
}

export interface Source {
  /** Raw chunks (decompressed when the data is gzip); use each before asking for the next. */
  chunks: AsyncGenerator<Buffer>;
  /** Size of a regular file (compressed bytes for .gz), else 0. */
  total: number;
  /** Bytes read from the path so far (compressed bytes for .gz). */
  readonly bytesRead: number;
  /** Whether the data was gzip. */
  readonly compressed: boolean;
  /** A regular file (it can be read again), not a pipe, a device or standard input. */
  readonly regular: boolean;
  /** Stops reading and releases the file. */
  close(): Promise<void>;
}

/** What a path is, in words, when it is not a regular file. */
export function kindOfSpecial(st: Stats): string {
  if (st.isFIFO()) return 'a named pipe';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

export class SourceError extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Names of standard input: read as `-` (opening /dev/stdin fails when it is a socket, as a spawning program's pipe often is). */
const STDIN_NAMES = new Set(['-', '/dev/stdin', '/dev/fd/0', '/proc/self/fd/0']);

/** Opens `path` (`-` for standard input). Throws a SourceError or a system error when it cannot. */
export async function openSource(path: string, options: SourceOptions): Promise<Source> {
  let total = 0;
  let waitMessage = 'waiting for data on standard input';
  const stdinPath = STDIN_NAMES.has(path);
  // In the server, standard input is the protocol's stream (--stdio): never read as a file.
  if (stdinPath && options.special === 'refuse') throw new SourceError('not a regular file (standard input); scan a file on disk');
  let special = stdinPath;
  if (!stdinPath) {
    const st = await stat(path);
    if (st.isDirectory()) throw new SourceError('is a directory (give the log files inside it)');
    if (!st.isFile()) {
      const what = kindOfSpecial(st);
      if (options.special === 'refuse') throw new SourceError(`not a regular file (${what}); scan a file on disk, or pipe it to \`smtp-codes check -\``);
      special = true;
      waitMessage = st.isFIFO() ? `waiting for data: ${what}, nothing written to it yet (Ctrl+C to stop)` : `waiting for data from ${what}`;
    } else {
      total = st.size;
    }
  }
  let bytesRead = 0;
  let compressed = false;
  let handle: FileHandle | null = null;
  let stdin: Readable | null = null;
  let waiting: NodeJS.Timeout | undefined;
  if (special && options.onWaiting) {
    waiting = setTimeout(() => options.onWaiting!(waitMessage), WAIT_NOTICE_MS);
    waiting.unref();
  }
  const arrived = () => {
    if (waiting) clearTimeout(waiting);
    waiting = undefined;
  };

  /** The raw bytes, in pieces of at most CHUNK bytes. A buffer is reused only when `reuse()` says so. */
  async function* raw(reuse: () => boolean): AsyncGenerator<Buffer> {
    if (stdinPath) {
      stdin = process.stdin;
      for await (const chunk of stdin as AsyncIterable<Buffer>) {
        arrived();
        bytesRead += chunk.length;
        for (let i = 0; i < chunk.length; i += CHUNK) yield chunk.subarray(i, i + CHUNK);
      }
      return;
    }
    // A named pipe's open waits for a writer: in the thread pool, never on the event loop.
    handle = await open(path, constants.O_RDONLY);
    const file = handle;
    // Read ahead: the next read runs in the thread pool while this one's bytes are scanned (one
    // read in flight at a time, so the file is still read in order). Two buffers take turns when
    // the reader says a buffer may be reused.
    // position null: read on from where the last read ended (a pipe cannot seek: no ESPIPE).
    const readInto = (buffer: Buffer) => file.read(buffer, 0, READ, null);
    let pending: ReturnType<typeof readInto> | null = readInto(Buffer.allocUnsafe(READ));
    let spare: Buffer | null = null;
    try {
      for (;;) {
        const { bytesRead: n, buffer } = await pending;
        pending = null;
        if (n <= 0) return;
        arrived();
        bytesRead += n;
        pending = readInto(spare ?? Buffer.allocUnsafe(READ));
        spare = null;
        for (let i = 0; i < n; i += CHUNK) yield buffer.subarray(i, Math.min(n, i + CHUNK));
        if (reuse()) spare = buffer;
      }
    } finally {
      // Stopped early (an error, a message limit): the read in flight ends before the file is closed.
      if (pending) await pending.catch(() => undefined);
    }
  }

  let reusable = false;
  const bytes = raw(() => reusable);
  async function* decompressed(): AsyncGenerator<Buffer> {
    const first = await bytes.next();
    if (first.done) return;
    const head: Buffer = first.value;
    if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
      compressed = true;
      // The gunzip stream may hold a chunk while the next is read: no buffer is reused (`reusable` stays false).
      async function* all(): AsyncGenerator<Buffer> {
        yield head;
        yield* bytes;
      }
      const gunzip = createGunzip({ chunkSize: CHUNK });
      pipeline(Readable.from(all()), gunzip, () => undefined);
      yield* gunzip as AsyncIterable<Buffer>;
      return;
    }
    // Plain bytes: the consumer uses each chunk before asking for the next, so one buffer serves.
    reusable = true;
    yield head;
    yield* bytes;
  }

  const chunks = decompressed();
  return {
    chunks,
    total,
    get bytesRead() {
      return bytesRead;
    },
    get compressed() {
      return compressed;
    },
    regular: !special,
    async close() {
      arrived();
      const input = stdin as Readable | null;
      if (input && !input.readableEnded) input.destroy();
      await chunks.return(undefined);
      await bytes.return(undefined);
      await (handle as FileHandle | null)?.close().catch(() => undefined);
    },
  };
}
