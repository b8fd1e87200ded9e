// `check --format jsonl`: JSON Lines, one object per delivery event (each failed attempt, each
// refusal; `--all`: deliveries too), written as soon as it is read, so `check -` works as a
// streaming filter behind a log shipper. A stable contract (README): fields may be added.
import { lineTimestamp } from '../../engine/index';
import type { Options } from '../options';
import { attemptJson } from './json';
import { Output, streamFileHooks } from './output';
import { isPrinted, type AttemptView, type CheckWriter } from './writer';

const DAY = 86_400_000;

/**
 * The time a line records, as ISO 8601 without a zone (the log's own clock): syslog lines have no
 * year, so it is this year, or last year for a date more than a day ahead (December read in January).
 */
export function eventTime(lineText: string, now = Date.now()): string | null {
  const year = new Date(now).getUTCFullYear();
  let t = lineTimestamp(lineText, year);
  if (t !== null && t > now + DAY) {
    const earlier = lineTimestamp(lineText, year - 1);
    if (earlier !== null && earlier < t) t = earlier;
  }
  return t === null ? null : new Date(t).toISOString().slice(0, 19);
}

/** One event as a JSON Lines record: the JSON contract's attempt with its path, time, sender and remote host. */
export function jsonlRecord(path: string, a: AttemptView): Record<string, unknown> {
  return { path, ...attemptJson(a), time: eventTime(a.o.lineText), sender: a.o.sender, remote: a.o.remote };
}

export function jsonlWriter(opts: Options): CheckWriter {
  const out = new Output();
  return {
    fileStart() {},
    attempt(path, a) {
      if (isPrinted(a, opts.all)) out.write(`${JSON.stringify(jsonlRecord(path, a))}\n`);
    },
    ...streamFileHooks(out),
    end() {
      out.flush();
    },
  };
}
