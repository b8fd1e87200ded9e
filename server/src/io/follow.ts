// Following a growing log as `tail -F` does, for `check --follow` and `exporter`: starts at its
// end (or its start), reads what is appended, survives rotation by rename (the old file is read
// to its end, then the new one from its start) and truncation (copytruncate: read again from the
// start), and waits for a file that is missing. Polls: a stat per file per interval, a read only
// when the file grew, and reads on without waiting while there is more.
import { open, stat, type FileHandle } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/** Where the text of one file goes: one sink per file instance (the first, after a rotation, after a truncation). */
export interface FollowSink {
  /** Text as read (lines may be cut anywhere), and the number of line breaks in it. */
  push(text: string, lineBreaks: number): void;
  /** The file instance ends (rotated away, truncated, following stopped): a last line without a line break is complete. */
  end(): void;
}

export type FollowEvent =
  | { kind: 'waiting'; reason: string }
  | { kind: 'opened'; firstLine: number }
  | { kind: 'rotated' }
  | { kind: 'truncated' };

export interface FollowOptions {
  /** Read what the file holds when following starts (else start at its end, as tail -F). */
  fromStart?: boolean;
  /** How often an idle file is looked at, in ms. */
  pollMs?: number;
  /** A new file instance: its text starts at the 0-based line `firstLine`. */
  open(firstLine: number): FollowSink;
  onEvent?(event: FollowEvent): void;
  /** Asked before each read: a promise holds reading back (the reader of our output is slower than the log grows). */
  beforeRead?(): Promise<void> | undefined;
}

export interface Follower {
  /** Stops following: the current sink is ended. Resolves once it is. */
  stop(): Promise<void>;
  /** Settles when following stops (by stop(), or a failure to read). */
  readonly done: Promise<void>;
}

export const POLL_MS = 200;
const CHUNK = 64 << 10;
const COUNT_CHUNK = 1 << 20;

/** Line breaks in a buffer (a native search per line, so about as fast as memory reads). */
export function countLineBreaks(buffer: Buffer, from = 0, to = buffer.length): number {
  let n = 0;
  for (let i = buffer.indexOf(10, from); i >= 0 && i < to; i = buffer.indexOf(10, i + 1)) n++;
  return n;
}

function reasonOf(err: NodeJS.ErrnoException): string {
  if (err.code === 'ENOENT') return 'no such file';
  if (err.code === 'EACCES' || err.code === 'EPERM') return 'permission denied';
  if (err.code === 'EISDIR') return 'is a directory';
  return err.code ? `cannot read (${err.code})` : String(err.message ?? err);
}

/**
 * Where following starts in a file of `size` bytes: after its last complete line (a line being
 * written is read whole later), with the lines before it counted so reports name the real line.
 */
async function endOf(handle: FileHandle, size: number, buffer: Buffer): Promise<{ position: number; lines: number }> {
  let lines = 0;
  let lastBreak = -1;
  for (let at = 0; at < size; ) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, size - at), at);
    if (bytesRead <= 0) break;
    lines += countLineBreaks(buffer, 0, bytesRead);
    const last = buffer.lastIndexOf(10, bytesRead - 1);
    if (last >= 0) lastBreak = at + last;
    at += bytesRead;
  }
  return { position: lastBreak + 1, lines };
}

/** Follows the file at `path` until stopped. */
export function follow(path: string, options: FollowOptions): Follower {
  const pollMs = options.pollMs ?? POLL_MS;
  const emit = options.onEvent ?? (() => undefined);
  let stopped = false;
  let wake: (() => void) | null = null;
  let timer: NodeJS.Timeout | null = null;
  let handle: FileHandle | null = null;
  let identity = '';
  let position = 0;
  let sink: FollowSink | null = null;
  let decoder = new StringDecoder('utf8');
  let waitingFor = '';
  /** The first open starts at the end (unless fromStart); a file that appears later is read whole. */
  let first = true;
  const buffer = Buffer.allocUnsafe(CHUNK);

  const sleep = () =>
    new Promise<void>((resolve) => {
      wake = resolve;
      timer = setTimeout(resolve, pollMs);
    });

  const endSink = () => {
    if (!sink) return;
    const tail = decoder.end();
    if (tail) sink.push(tail, 0);
    sink.end();
    sink = null;
  };

  const startSink = (firstLine: number) => {
    decoder = new StringDecoder('utf8');
    sink = options.open(firstLine);
    emit({ kind: 'opened', firstLine });
  };

  const closeHandle = async () => {
    const h = handle;
    handle = null;
    await h?.close().catch(() => undefined);
  };

  /** Opens the file at `path`; false while it cannot be. */
  const openFile = async (): Promise<boolean> => {
    let h: FileHandle;
    try {
      h = await open(path, 'r');
      const st = await h.stat();
      if (st.isDirectory()) {
        await h.close();
        throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
      }
      handle = h;
      identity = `${st.dev}:${st.ino}`;
      if (first && !options.fromStart) {
        const end = await endOf(h, st.size, Buffer.allocUnsafe(Math.min(COUNT_CHUNK, Math.max(1, st.size))));
        position = end.position;
        startSink(end.lines);
      } else {
        position = 0;
        startSink(0);
      }
      first = false;
      waitingFor = '';
      return true;
    } catch (err) {
      const reason = reasonOf(err as NodeJS.ErrnoException);
      // A file missing at the start is read whole when it appears (nothing of it was there to skip).
      if (first && (err as NodeJS.ErrnoException).code === 'ENOENT') first = false;
      if (reason !== waitingFor) emit({ kind: 'waiting', reason });
      waitingFor = reason;
      return false;
    }
  };

  /** One step: read what there is, or notice a rotation or a truncation. True when it did something. */
  const step = async (): Promise<boolean> => {
    if (!handle) return openFile();
    const { bytesRead } = await handle.read(buffer, 0, CHUNK, position);
    if (bytesRead > 0) {
      position += bytesRead;
      sink!.push(decoder.write(buffer.subarray(0, bytesRead)), countLineBreaks(buffer, 0, bytesRead));
      return true;
    }
    // At the end of the open file: has it been truncated, or replaced at its path?
    const size = (await handle.stat()).size;
    if (size < position) {
      emit({ kind: 'truncated' });
      endSink();
      position = 0;
      startSink(0);
      return true;
    }
    let now: string | null;
    try {
      const st = await stat(path);
      now = `${st.dev}:${st.ino}`;
    } catch {
      now = null; // renamed away, the new file not created yet: the old one may still grow
    }
    if (now === null || now === identity) return false;
    // Replaced at its path: what was written to the old file after the read above (its last lines,
    // written just before it was renamed) is read before it is let go.
    const rest = await handle.read(buffer, 0, CHUNK, position);
    if (rest.bytesRead > 0) {
      position += rest.bytesRead;
      sink!.push(decoder.write(buffer.subarray(0, rest.bytesRead)), countLineBreaks(buffer, 0, rest.bytesRead));
      return true;
    }
    emit({ kind: 'rotated' });
    endSink();
    await closeHandle();
    return openFile();
  };

  const done = (async () => {
    try {
      while (!stopped) {
        const wait = options.beforeRead?.();
        if (wait) await wait;
        if (!(await step()) && !stopped) await sleep();
      }
    } finally {
      endSink();
      await closeHandle();
    }
  })();

  return {
    done,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      wake?.();
      await done.catch(() => undefined);
    },
  };
}

/** Reads a stream (standard input) to its end into one sink: a pipe is followed by reading it. */
export async function readStream(stream: Readable, sink: FollowSink, beforeRead?: () => Promise<void> | undefined): Promise<void> {
  const decoder = new StringDecoder('utf8');
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      sink.push(decoder.write(chunk), countLineBreaks(chunk));
      const wait = beforeRead?.();
      if (wait) await wait;
    }
    const tail = decoder.end();
    if (tail) sink.push(tail, 0);
  } finally {
    sink.end();
  }
}
