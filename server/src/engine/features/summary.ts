// The failure summary of a log or a set of bounces: outcomes per recipient (its last state),
// then the failures by code (with their actual mix of reasons), bounce reason, recipient domain
// and provider, the top failing recipients, and failed attempts over time from the log's
// timestamps. Built as the input is read, so a streamed 1 GB log never needs its outcomes in
// memory. Plain data, used by the summary report, `smtp-codes summary` and "SMTP: Scan File…".
import type { Analysis } from '../analysis';
import { emptyCounts, type Outcome, type OutcomeCounts } from '../outcomes/types';
import type { StoryEnd } from '../outcomes/stories';
import { explainOutcome, outcomeCode } from './outcomes';
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
  /** First and last timestamps seen (ISO), if the lines have any. */
  firstTime: string | null;
  lastTime: string | null;
}

const MONTHS: Record<string, number> = { jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11 };

/**
 * The timestamp a log line starts with, as milliseconds (UTC, ignoring the zone): ISO
 * (`2026-11-24 10:15:02`, `2026-11-24T10:15:02.123Z`), syslog (`Nov 24 10:15:02`, the year
 * taken from `year`), Exim/fail2ban style, multilog's TAI64N label (`@4000000065…`, qmail) or
 * seconds since 1970 (`1700000000.123456 `, qmail's accustamp). Null when the line has none.
 */
export function lineTimestamp(line: string, year: number): number | null {
  const head = line.slice(0, 40);
  // TAI64N: 2^62 + 10 + the seconds since 1970 (as daemontools writes it), in 16 hex digits, then nanoseconds.
  let m = /^@(4[0-9a-f]{7})([0-9a-f]{8})[0-9a-f]{8} /.exec(head);
  if (m) return ((Number.parseInt(m[1], 16) - 0x40000000) * 2 ** 32 + Number.parseInt(m[2], 16) - 10) * 1000;
  m = /^(\d{10})\.\d{1,9} /.exec(head);
  if (m) return Number(m[1]) * 1000;
  m = /^\s*(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})/.exec(head);
  if (m) return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  m = /^\s*([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})/.exec(head);
  if (m && m[1].toLowerCase() in MONTHS) return Date.UTC(year, MONTHS[m[1].toLowerCase()], +m[2], +m[3], +m[4], +m[5]);
  m = /^\s*\[?(\d{1,2})\/([A-Z][a-z]{2})\/(\d{4})[: ](\d{2}):(\d{2}):(\d{2})/.exec(head);
  if (m && m[2].toLowerCase() in MONTHS) return Date.UTC(+m[3], MONTHS[m[2].toLowerCase()], +m[1], +m[4], +m[5], +m[6]);
  return null;
}

function top(map: Map<string, number>, n: number): CountRow[] {
  return [...map]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, n)
    .map(([key, count]) => ({ key, count }));
}

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

  /** `year` dates syslog timestamps, which have none (default: this year). */
  constructor(private readonly year = new Date().getUTCFullYear()) {}

  /** A code mention. */
  addFinding(f: Finding): void {
    this.findings++;
    this.classes[f.class]++;
  }

  /** An attempt (or a refusal, or a bounce's recipient), as it is read. */
  addAttempt(o: Outcome): void {
    if (o.scope === 'message') return;
    this.attempts++;
    const failed = o.verdict !== 'delivered';
    if (failed) this.failedAttempts++;
    const t = lineTimestamp(o.lineText, this.year);
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
        timeline.push({ bucket: new Date(b).toISOString(), permanent: c.permanent, transient: c.transient });
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
      firstTime: this.first === null ? null : new Date(this.first).toISOString(),
      lastTime: this.last === null ? null : new Date(this.last).toISOString(),
    };
  }
}

/** The summary of a document read whole. */
export function summarize(analysis: Analysis, year?: number, limit?: number): Summary {
  const b = new SummaryBuilder(year);
  for (const f of analysis.findings) b.addFinding(f);
  for (const o of analysis.outcomes) b.addAttempt(o);
  analysis.index.forEachEnd((end) => b.addEnd(end), analysis.outcomes);
  return b.result(limit);
}
