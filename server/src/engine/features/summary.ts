// The failure summary of a log or a set of bounces: outcomes per recipient (its last state),
// then the failures by code (with their actual mix of reasons), bounce reason, recipient domain
// and provider, the top failing recipients, and failed attempts over time from the log's
// timestamps. Built as the input is read, so a streamed 1 GB log never needs its outcomes in
// memory. Plain data, used by the summary report, `smtp-codes summary` and "SMTP: Scan File…".
import type { Analysis } from '../analysis';
import { emptyCounts, type Outcome, type OutcomeCounts } from '../outcomes/types';
import { compactOutcome, ownString, type StoryEnd } from '../outcomes/stories';
import { explainOutcome, isIgnoredOutcome, outcomeCode } from './outcomes';
import { ignoreMatcher, type IgnoreMatcher } from './ignore';
import type { CodeClass, Finding } from '../types';
import { findingRecipient } from '../outcomes/recipient';

export { findingRecipient };

export interface CountRow {
  key: string;
  count: number;
}

export interface CodeRow extends CountRow {
  reply: string | null;
  enhanced: string | null;
  class: CodeClass;
  summary: string;
  /** The most frequent bounce reason of the group, and the whole mix of reasons. */
  reason: string | null;
  reasons: CountRow[];
  /** How the group's failures ended: `bounced`, `deferred`, `rejected`… with counts. */
  verdicts: CountRow[];
}

export interface Summary {
  /** Per recipient of a message its last state in the input; each refused transaction once. */
  outcomes: OutcomeCounts;
  /** Delivery attempts and refusals read (every attempt line, every reported recipient), and how many failed. */
  attempts: { total: number; failed: number };
  /** Code mentions found, and their classes. */
  findings: number;
  classes: Record<CodeClass, number>;
  /** Failures (recipients whose last state is bounced, expired or deferred; refusals) by bounce reason, most first. */
  reasons: CountRow[];
  /** Failures by the code of their last attempt (`550 5.1.1`, or the verdict when none was logged), most first. */
  codes: CodeRow[];
  /** Failures by recipient domain, most first. */
  domains: CountRow[];
  /** Failures by provider name, most first. */
  providers: CountRow[];
  /** Recipients with the most failures (a recipient deferred six times then bounced is one). */
  recipients: CountRow[];
  /** Failed attempts per time bucket (ISO start of the bucket), in time order. */
  timeline: { bucket: string; permanent: number; transient: number }[];
  /** The size of a timeline bucket. */
  bucket: 'minute' | 'hour' | 'day';
  /**
   * First and last timestamps seen (ISO 8601, as the log's clock shows them: `…+01:00` when its
   * lines give an offset, no zone when they give none, as syslog's), if the lines have any.
   */
  firstTime: string | null;
  lastTime: string | null;
  /** The UTC offset the times are given in (`+01:00`, `Z`), or null when the log does not say. */
  timeZone: string | null;
  /** Failures left out because their code is in `smtpCodes.ignoredCodes` (recipients and refusals). */
  ignored: number;
}

const MONTHS: Record<string, number> = { jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11 };

/** The time a log line starts with, as written: its year when it has one, its UTC offset when it says. */
export interface LineTime {
  /** Null for syslog's `Nov 24 10:15:02`, which has none. */
  year: number | null;
  /** 0-based. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Minutes east of UTC (`+01:00` → 60, `Z` → 0); null when the line does not say. */
  offset: number | null;
}

/** The syslog time last read, and the start of the line it was read from (`Nov  1 00:00:03`). */
let lastSyslog: { prefix: string; time: LineTime } | null = null;

/**
 * Reads the time a log line starts with: multilog's TAI64N label or seconds since 1970 (qmail), ISO (`2026-11-24 10:15:02`, `2026-11-24T10:15:02.123+01:00`,
 * Exim's `2026-11-24 10:15:02 +0100`, an RFC 5424 `<22>1 ` header before it), syslog
 * (`Nov 24 10:15:02`, no year) or web-server style (`[24/Nov/2026:10:15:02 +0100]`).
 */
export function parseLineTime(line: string): LineTime | null {
  // Lines come many to a second: a line that starts with the syslog time last read has that time.
  // (That time starts with a capital or a space: the expressions tried before the syslog one fail
  // within it, and the syslog one reads no further than it.)
  const last = lastSyslog;
  if (last !== null && line.startsWith(last.prefix)) return { ...last.time };
  const fast = syslogTime(line);
  if (fast !== null) return fast;
  const syslog: { prefix: string } = { prefix: '' };
  const time = readLineTime(line, syslog);
  if (time !== null && syslog.prefix) rememberSyslog(syslog.prefix, time);
  return time;
}

/** Keeps a syslog time and the line start it was read from (its own copy: a slice would keep the line's chunk). */
function rememberSyslog(prefix: string, time: LineTime): void {
  lastSyslog = { prefix: ownString(prefix), time: { ...time } };
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isUpper = (c: number) => c >= 65 && c <= 90;
const isLower = (c: number) => c >= 97 && c <= 122;
/** The number of the two digits at `at`, or -1. */
function twoDigits(line: string, at: number): number {
  const a = line.charCodeAt(at);
  const b = line.charCodeAt(at + 1);
  return isDigit(a) && isDigit(b) ? (a - 48) * 10 + b - 48 : -1;
}

/**
 * A line that starts with a capital (no other form can: TAI64N starts with `@`, the others with
 * a digit, a space, `<` or `[`) read as syslog's `Nov  1 00:00:03` the way its expression reads
 * it (`[A-Z][a-z]{2} {1,2}\d{1,2} \d{2}:\d{2}:\d{2}`), kept as the last syslog time; null for
 * any other line, which is read by the expressions.
 */
function syslogTime(line: string): LineTime | null {
  if (!isUpper(line.charCodeAt(0)) || !isLower(line.charCodeAt(1)) || !isLower(line.charCodeAt(2)) || line.charCodeAt(3) !== 32) return null;
  let i = line.charCodeAt(4) === 32 ? 5 : 4;
  if (!isDigit(line.charCodeAt(i))) return null;
  let day = line.charCodeAt(i++) - 48;
  if (isDigit(line.charCodeAt(i))) day = day * 10 + line.charCodeAt(i++) - 48;
  if (line.charCodeAt(i) !== 32) return null;
  const at = i + 1;
  if (!(twoDigits(line, at) >= 0 && line.charCodeAt(at + 2) === 58 && twoDigits(line, at + 3) >= 0 && line.charCodeAt(at + 5) === 58 && twoDigits(line, at + 6) >= 0)) return null;
  const month = line.slice(0, 3).toLowerCase();
  if (!(month in MONTHS)) return null;
  const time: LineTime = { year: null, month: MONTHS[month], day, hour: twoDigits(line, at), minute: twoDigits(line, at + 3), second: twoDigits(line, at + 6), offset: null };
  rememberSyslog(line.slice(0, at + 8), time);
  return time;
}

/** `parseLineTime` read anew, without the last syslog time; `syslog.prefix` is set to what a syslog time was read from. */
export function readLineTime(line: string, syslog: { prefix: string } = { prefix: '' }): LineTime | null {
  const head = line.slice(0, 60);
  // TAI64N (multilog, qmail): 2^62 + 10 + the seconds since 1970, in 16 hex digits, then nanoseconds.
  let m = /^@(4[0-9a-f]{7})([0-9a-f]{8})[0-9a-f]{8} /.exec(head);
  if (m) return fromEpoch(((Number.parseInt(m[1], 16) - 0x40000000) * 2 ** 32 + Number.parseInt(m[2], 16) - 10) * 1000);
  // Seconds since 1970 (qmail's accustamp): `1700000000.123456 `.
  m = /^(\d{10})\.\d{1,9} /.exec(head);
  if (m) return fromEpoch(Number(m[1]) * 1000);
  m = /^\s*(?:<\d{1,3}>\d{1,2} )?(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,]\d{1,9})?( ?(?:Z|[+-]\d{2}:?\d{2}))?/.exec(head);
  if (m) return { year: +m[1], month: +m[2] - 1, day: +m[3], hour: +m[4], minute: +m[5], second: +m[6], offset: zoneOffset(m[7]) };
  m = /^\s*([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})/.exec(head);
  if (m && m[1].toLowerCase() in MONTHS) {
    syslog.prefix = m[0];
    return { year: null, month: MONTHS[m[1].toLowerCase()], day: +m[2], hour: +m[3], minute: +m[4], second: +m[5], offset: null };
  }
  m = /^\s*\[?(\d{1,2})\/([A-Z][a-z]{2})\/(\d{4})[: ](\d{2}):(\d{2}):(\d{2})( [+-]\d{4})?/.exec(head);
  if (m && m[2].toLowerCase() in MONTHS) return { year: +m[3], month: MONTHS[m[2].toLowerCase()], day: +m[1], hour: +m[4], minute: +m[5], second: +m[6], offset: zoneOffset(m[7]) };
  return null;
}

/** A time given as milliseconds since 1970: UTC. */
function fromEpoch(ms: number): LineTime {
  const d = new Date(ms);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth(), day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), offset: 0 };
}

/** `Z`, `+01:00`, ` +0100`, `-0530` → minutes east of UTC; undefined → null. */
function zoneOffset(zone: string | undefined): number | null {
  const z = zone?.trim();
  if (!z) return null;
  if (z === 'Z') return 0;
  const digits = z.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4));
  return z[0] === '-' ? -minutes : minutes;
}

/**
 * The timestamp a log line starts with, as milliseconds (its wall-clock time read as UTC, the
 * zone ignored; syslog times in `year`). Null when the line has none.
 */
export function lineTimestamp(line: string, year: number): number | null {
  const t = parseLineTime(line);
  return t ? Date.UTC(t.year ?? year, t.month, t.day, t.hour, t.minute, t.second) : null;
}

/** `+01:00`, `-05:30`, `Z` for 0; '' when the zone is not known. */
function zoneText(offset: number | null): string {
  if (offset === null) return '';
  if (offset === 0) return 'Z';
  const a = Math.abs(offset);
  return `${offset < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/**
 * Dates the times of a log in order, as its lines come: syslog times have no year, so the first
 * gets `year` (by default this year, or last year when the date would be more than a day ahead
 * of now: a log of late December read in January), and the year goes up when the months go
 * back by more than half a year (Dec 31 → Jan 1). Times with a UTC offset are shown in the
 * offset of the first such time; times without one stay as written.
 */
export class LogClock {
  private year: number | null;
  private lastMonth = -1;
  /** The zone the times are shown in: the first offset seen (undefined: none seen yet). */
  private zone: number | null | undefined;

  constructor(
    year?: number,
    private readonly now = Date.now(),
  ) {
    this.year = year ?? null;
  }

  /** The line's time as milliseconds of wall-clock time in the shown zone (read as UTC), or null. */
  time(line: string): number | null {
    const t = parseLineTime(line);
    if (!t) return null;
    let year = t.year;
    if (year === null) {
      if (this.year === null) {
        const y = new Date(this.now).getUTCFullYear();
        this.year = Date.UTC(y, t.month, t.day, t.hour, t.minute, t.second) > this.now + 86400e3 ? y - 1 : y;
      } else if (this.lastMonth >= 0 && t.month < this.lastMonth - 6) {
        this.year++;
      }
      this.lastMonth = t.month;
      year = this.year;
    }
    const wall = Date.UTC(year, t.month, t.day, t.hour, t.minute, t.second);
    if (t.offset === null) return wall;
    if (this.zone === undefined || this.zone === null) this.zone = t.offset;
    return wall - (t.offset - this.zone) * 60e3;
  }

  /** A time of `time()` as ISO 8601 with the shown zone (`2026-11-24T10:15:02+01:00`; no zone when the log gives none). */
  iso(ms: number): string {
    return `${new Date(ms).toISOString().slice(0, 19)}${zoneText(this.zone ?? null)}`;
  }

  /** The UTC offset the times are shown in (`+01:00`, `Z`), or null when the log gives none. */
  get timeZone(): string | null {
    return this.zone === undefined || this.zone === null ? null : zoneText(this.zone);
  }
}

/** Most first, ties in collation order (then in the order first seen, as a stable sort leaves them). */
const byCount = (a: [string, number], b: [string, number]) => b[1] - a[1] || a[0].localeCompare(b[0]);

/**
 * The first `n` of the map sorted by `byCount`: kept in a sorted list of at most `n` as the map is
 * read (a log's recipients are tens of thousands, most counted once: sorting them all, ties by
 * collation, was a summary's costliest step). Equal to sorting all and taking `n` (tested).
 */
function top(map: Map<string, number>, n: number): CountRow[] {
  if (!(Number.isInteger(n) && n > 0 && n < map.size)) return [...map].sort(byCount).slice(0, n).map(([key, count]) => ({ key, count }));
  const best: [string, number][] = [];
  {
    for (const e of map) {
      if (best.length === n && byCount(e, best[n - 1]) >= 0) continue;
      // After every entry that sorts before it or equal to it (a stable sort keeps the first seen first).
      let lo = 0;
      let hi = best.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (byCount(best[mid], e) <= 0) lo = mid + 1;
        else hi = mid;
      }
      best.splice(lo, 0, e);
      if (best.length > n) best.pop();
    }
  }
  return best.map(([key, count]) => ({ key, count }));
}

export { top as topCounts };

function inc(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

/** Whether an outcome's last state is a failure (what the failure tables count). */
export function isFailedEnd(verdict: StoryEnd['verdict']): boolean {
  return verdict === 'bounced' || verdict === 'expired' || verdict === 'deferred' || verdict === 'rejected';
}

/** The class of a failure for colours and timelines: a deferral or a temporary refusal is transient. */
export function failureClass(o: Pick<Outcome, 'verdict' | 'temporary' | 'inferred' | 'finding'>): 'permanent' | 'transient' {
  if (o.inferred && o.finding) return o.finding.class === 'permanent' ? 'permanent' : 'transient';
  return o.verdict === 'deferred' || (o.verdict === 'rejected' && o.temporary) ? 'transient' : 'permanent';
}

const NO_RANGE = Object.freeze({ start: Object.freeze({ line: 0, character: 0 }), end: Object.freeze({ line: 0, character: 0 }) });

/**
 * What a streamed summary keeps of an outcome in its stories (OutcomeIndex's `detach`): what
 * `addEnd` reads of a story's end, with strings of their own (never a slice of the chunk the
 * outcome was read from). A delivery's end is only counted: its verdict and IDs. A failure keeps its
 * deciding code with its text and line (the explanation, the recipient), or the MTA's words and line.
 */
export function summaryRecord(o: Outcome): Outcome {
  if (o.verdict === 'delivered') return compactOutcome(o);
  const f = o.finding;
  const finding: Finding | null = f && {
    range: NO_RANGE,
    reply: f.reply,
    enhanced: f.enhanced,
    class: f.class,
    text: ownString(f.text),
    context: ownString(f.context),
    source: f.source,
  };
  if (f && finding && f.recipient !== undefined) finding.recipient = ownString(f.recipient);
  const copy = compactOutcome(o, finding);
  if (!f) copy.lineText = ownString(o.lineText);
  return copy;
}

interface CodeGroup {
  row: CodeRow;
  reasons: Map<string, number>;
  verdicts: Map<string, number>;
}

/**
 * Keeps the counts of a summary as a document or a stream is read: code mentions, attempts (with
 * their times), and finished stories (how each recipient's story ends). A stream gives stories as
 * their messages leave the queue, so a 1 GB log never needs its outcomes in memory.
 */
export class SummaryBuilder {
  private findings = 0;
  private readonly classes: Record<CodeClass, number> = { success: 0, intermediate: 0, transient: 0, permanent: 0 };
  private readonly outcomes = emptyCounts();
  private attempts = 0;
  private failedAttempts = 0;
  private readonly reasons = new Map<string, number>();
  private readonly codes = new Map<string, CodeGroup>();
  private readonly domains = new Map<string, number>();
  private readonly providers = new Map<string, number>();
  private readonly recipients = new Map<string, number>();
  private readonly times = new Map<number, { permanent: number; transient: number }>();
  private first: number | null = null;
  private last: number | null = null;
  private ignoredEnds = 0;
  private readonly clock: LogClock;
  private readonly ignored: IgnoreMatcher;

  /**
   * `year` dates syslog timestamps, which have none (default: see LogClock); failures whose code is
   * in `ignoredCodes` are left out (counted in `ignored`), as the Problems panel leaves them out.
   */
  constructor(year?: number, options: { ignoredCodes?: readonly string[]; now?: number } = {}) {
    this.clock = new LogClock(year, options.now);
    this.ignored = ignoreMatcher(options.ignoredCodes ?? []);
  }

  /** A code mention. */
  addFinding(f: Finding): void {
    this.findings++;
    this.classes[f.class]++;
  }

  /** An attempt (or a refusal, or a bounce's recipient), as it is read. */
  addAttempt(o: Outcome): void {
    if (o.scope === 'message') return;
    this.attempts++;
    const failed = o.verdict !== 'delivered' && !isIgnoredOutcome(o, this.ignored);
    if (failed) this.failedAttempts++;
    const t = this.clock.time(o.lineText);
    if (t === null) return;
    if (this.first === null || t < this.first) this.first = t;
    if (this.last === null || t > this.last) this.last = t;
    if (!failed) return;
    const minute = t - (t % 60000);
    const slot = this.times.get(minute) ?? { permanent: 0, transient: 0 };
    slot[failureClass(o)]++;
    this.times.set(minute, slot);
  }

  /** A finished story (or a record that stands alone): counted once, by how it ends. */
  addEnd(end: StoryEnd): void {
    if (isFailedEnd(end.verdict) && isIgnoredOutcome(end.outcome, this.ignored)) {
      this.ignoredEnds++;
      return;
    }
    this.outcomes[end.verdict]++;
    if (!isFailedEnd(end.verdict)) return;
    const o = end.outcome;
    const ex = explainOutcome(o);
    const code = outcomeCode(o);
    let g = this.codes.get(code);
    if (!g) {
      const row: CodeRow = { key: code, count: 0, reply: o.finding?.reply ?? null, enhanced: o.finding?.enhanced ?? null, class: failureClass(o), summary: ex.summary, reason: null, reasons: [], verdicts: [] };
      g = { row, reasons: new Map(), verdicts: new Map() };
      this.codes.set(code, g);
    }
    g.row.count++;
    inc(g.verdicts, end.verdict);
    if (ex.reason) {
      inc(this.reasons, ex.reason.label);
      inc(g.reasons, ex.reason.label);
    }
    if (ex.provider) inc(this.providers, ex.provider.name);
    const rcpt = o.recipient?.toLowerCase() ?? (o.finding ? findingRecipient(o.finding) : null);
    if (rcpt) {
      inc(this.recipients, rcpt);
      inc(this.domains, rcpt.slice(rcpt.lastIndexOf('@') + 1));
    }
  }

  result(limit = 20): Summary {
    const span = this.first !== null && this.last !== null ? this.last - this.first : 0;
    const bucket: Summary['bucket'] = span <= 3 * 3600e3 ? 'minute' : span <= 4 * 86400e3 ? 'hour' : 'day';
    const size = bucket === 'minute' ? 60e3 : bucket === 'hour' ? 3600e3 : 86400e3;
    const buckets = new Map<number, { permanent: number; transient: number }>();
    for (const [minute, c] of this.times) {
      const b = minute - (minute % size);
      const slot = buckets.get(b) ?? { permanent: 0, transient: 0 };
      slot.permanent += c.permanent;
      slot.transient += c.transient;
      buckets.set(b, slot);
    }
    // Fill empty buckets so a chart shows gaps as zeros (bounded: at most 2 000 buckets).
    const timeline: Summary['timeline'] = [];
    if (this.first !== null && this.last !== null) {
      const start = this.first - (this.first % size);
      const count = Math.min(2000, Math.floor((this.last - start) / size) + 1);
      for (let i = 0; i < count; i++) {
        const b = start + i * size;
        const c = buckets.get(b) ?? { permanent: 0, transient: 0 };
        timeline.push({ bucket: this.clock.iso(b), permanent: c.permanent, transient: c.transient });
      }
    }
    const codes = [...this.codes.values()]
      .map((g) => {
        const reasons = top(g.reasons, 10);
        return { ...g.row, reason: reasons[0]?.key ?? null, reasons, verdicts: top(g.verdicts, 5) };
      })
      .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
      .slice(0, limit);
    return {
      outcomes: { ...this.outcomes },
      attempts: { total: this.attempts, failed: this.failedAttempts },
      findings: this.findings,
      classes: { ...this.classes },
      reasons: top(this.reasons, limit),
      codes,
      domains: top(this.domains, limit),
      providers: top(this.providers, limit),
      recipients: top(this.recipients, limit),
      timeline,
      bucket,
      firstTime: this.first === null ? null : this.clock.iso(this.first),
      lastTime: this.last === null ? null : this.clock.iso(this.last),
      timeZone: this.clock.timeZone,
      ignored: this.ignoredEnds,
    };
  }
}

/** The summary of a document read whole (failures with an ignored code left out). */
export function summarize(analysis: Analysis, year?: number, limit?: number, ignoredCodes: readonly string[] = []): Summary {
  const b = new SummaryBuilder(year, { ignoredCodes });
  for (const f of analysis.findings) b.addFinding(f);
  for (const o of analysis.outcomes) b.addAttempt(o);
  analysis.index.forEachEnd((end) => b.addEnd(end), analysis.outcomes);
  return b.result(limit);
}
