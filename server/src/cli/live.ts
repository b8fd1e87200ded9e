// Live inputs for `check --follow` and `exporter`: logs followed as they grow (tail -F), and
// standard input read as it comes. Each input has its own stories (a LiveOutcomeIndex: a log of
// one host, rotated files one after the other); its text goes through a stream scanner, and each
// delivery event reaches the consumer as soon as its line is read.
import { LogStreamScanner, type Outcome, type StoryEnd } from '../engine/index';
import { LiveOutcomeIndex } from '../engine/outcomes/live';
import { streamOutcomes } from '../engine/outcomes/stream';
import { follow, readStream, type FollowEvent, type FollowSink } from '../io/follow';
import { terminalSafe } from './writers/output';

export interface LiveConsumer {
  /** A delivery event (attempt, refusal, expiry); `attempt` is its number in its recipient's story so far. */
  event(path: string, o: Outcome, attempt: number): void;
  /** A recipient's last state as its message leaves the queue (or is forgotten, or following stops), or a refusal. */
  final(path: string, end: StoryEnd): void;
  /** Lines read. */
  lines?(path: string, n: number): void;
  reopened?(path: string, reason: 'rotated' | 'truncated'): void;
}

export interface LiveOptions {
  fromStart: boolean;
  pollMs?: number;
  /** Asked before each read: a promise holds reading back (see FollowOptions.beforeRead). */
  beforeRead?(): Promise<void> | undefined;
}

export interface LiveInputs {
  /** Stops reading; every story still open is closed (counted as at the end of a file). */
  stop(): Promise<void>;
  /** Settles when every input has ended (standard input at its end; followed files only when stopped). */
  readonly done: Promise<void>;
  /** Messages in flight of an input. */
  messagesInFlight(path: string): number;
}

function note(path: string, message: string): void {
  process.stderr.write(`smtp-codes: ${terminalSafe(path)}: ${message}\n`);
}

/** What a follower says, on standard error as tail -F does. */
function describe(path: string, e: FollowEvent, state: { waiting: boolean; started: boolean }): void {
  const started = state.started;
  if (e.kind === 'opened') state.started = true;
  if (e.kind === 'waiting') {
    note(path, `${e.reason}; waiting for it`);
    state.waiting = true;
  } else if (e.kind === 'opened' && (!started || state.waiting)) {
    // Where reading starts: the end of a file that was there, the start of one that appeared.
    note(path, `following from line ${e.firstLine + 1}`);
    state.waiting = false;
  } else if (e.kind === 'rotated') {
    note(path, 'replaced (rotated); following the new file');
  } else if (e.kind === 'truncated') {
    note(path, 'truncated; reading it from its start');
  }
}

export function readLive(paths: readonly string[], options: LiveOptions, consumer: LiveConsumer): LiveInputs {
  const indexes = new Map<string, LiveOutcomeIndex>();
  const stops: Array<() => Promise<void>> = [];
  const dones: Promise<void>[] = [];
  for (const path of new Set(paths)) {
    const index = new LiveOutcomeIndex();
    index.onClose = (end) => consumer.final(path, end);
    indexes.set(path, index);
    const hook = streamOutcomes(index, (o) => consumer.event(path, o, index.attemptOf(o).total));
    const sink = (firstLine: number): FollowSink => {
      const scanner = new LogStreamScanner(hook, firstLine);
      return {
        push(text, lineBreaks) {
          if (lineBreaks) consumer.lines?.(path, lineBreaks);
          scanner.push(text);
        },
        end() {
          scanner.end();
        },
      };
    };
    if (path === '-') {
      dones.push(readStream(process.stdin, sink(0), options.beforeRead));
      stops.push(async () => void process.stdin.destroy());
      continue;
    }
    const state = { waiting: false, started: false };
    const follower = follow(path, {
      fromStart: options.fromStart,
      pollMs: options.pollMs,
      beforeRead: options.beforeRead,
      open: sink,
      onEvent(e) {
        describe(path, e, state);
        if (e.kind === 'rotated' || e.kind === 'truncated') consumer.reopened?.(path, e.kind);
      },
    });
    dones.push(follower.done);
    stops.push(() => follower.stop());
  }
  const closeAll = () => {
    for (const index of indexes.values()) index.closeAll();
  };
  return {
    done: Promise.all(dones).then(closeAll),
    async stop() {
      await Promise.all(stops.map((s) => s().catch(() => undefined)));
      closeAll();
    },
    messagesInFlight: (path) => indexes.get(path)?.messagesInFlight ?? 0,
  };
}

/** Resolves on the first SIGINT or SIGTERM (Ctrl-C, a service manager stopping us). */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (signal: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(signal);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}
