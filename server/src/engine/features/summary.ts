// The failure summary of a log or a set of bounces: counts by class, bounce reason, code,
// recipient domain and provider, the top failing recipients, and failures over time from the
// log's timestamps. Built incrementally (a finding at a time), so a streamed 1 GB log never
// needs its findings in memory. Plain data, used by the summary report, the SMTP Failures
// view, the status bar, `smtp-codes summary` and "SMTP: Scan File…".
import { explainFinding } from './describe';
import type { CodeClass, Finding } from '../types';

export interface CountRow {
  key: string;
  count: number;
}

export interface CodeRow extends CountRow {
  reply: string | null;
  enhanced: string | null;
  class: CodeClass;
  summary: string;
  reason: string | null;
}

export interface Summary {
  findings: number;
  classes: Record<CodeClass, number>;
  /** Failures (transient and permanent) by bounce reason label, most first. */
  reasons: CountRow[];
  /** Failures by code (`550 5.1.1`), most first. */
  codes: CodeRow[];
  /** Failures by recipient domain, most first. */
  domains: CountRow[];
  /** Failures by provider name, most first. */
  providers: CountRow[];
  /** Recipients with the most failures. */
  recipients: CountRow[];
  /** Failures per time bucket (ISO start of the bucket), in time order. */
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
 * taken from `year`), or Exim/fail2ban style. Null when the line has none.
 */
export function lineTimestamp(line: string, year: number): number | null {
  const head = line.slice(0, 40);
  let m = /^\s*(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})/.exec(head);
  if (m) return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  m = /^\s*([A-Z][a-z]{2}) {1,2}(\d{1,2}) (\d{2}):(\d{2}):(\d{2})/.exec(head);
  if (m && m[1].toLowerCase() in MONTHS) return Date.UTC(year, MONTHS[m[1].toLowerCase()], +m[2], +m[3], +m[4], +m[5]);
  m = /^\s*\[?(\d{1,2})\/([A-Z][a-z]{2})\/(\d{4})[: ](\d{2}):(\d{2}):(\d{2})/.exec(head);
  if (m && m[2].toLowerCase() in MONTHS) return Date.UTC(+m[3], MONTHS[m[2].toLowerCase()], +m[1], +m[4], +m[5], +m[6]);
  return null;
}

const RECIPIENT_PATTERNS: RegExp[] = [
  // Postfix, Sendmail: to=<user@domain>
  /\bto=<([^<>\s@]{1,200}@[^<>\s]{1,200})>/,
  // Exim delivery lines: ** / == / => / -> user@domain
  /\s(?:\*\*|==|=>|->)\s+<?([^<>\s@]{1,200}@[^<>\s:]{1,200})>?/,
  // SMTP transcripts and errors: RCPT TO:<user@domain>
  /RCPT TO:\s?<([^<>\s@]{1,200}@[^<>\s]{1,200})>/i,
  // JSON events: "emailAddress":"user@domain", "email": "user@domain", "recipient": "user@domain"
  /"(?:emailAddress|email|recipient|rcpt)"\s*:\s*"([^"\s@]{1,200}@[^"\s]{1,200})"/i,
  // Sendmail ruleset rejects: arg1=<user@domain>
  /\barg1=<([^<>\s@]{1,200}@[^<>\s]{1,200})>/,
];

/** The recipient a finding is about, if its DSN group or its line says. */
export function findingRecipient(f: Pick<Finding, 'recipient' | 'context'>): string | null {
  if (f.recipient) return f.recipient.toLowerCase();
  const ctx = f.context;
  for (const re of RECIPIENT_PATTERNS) {
    const m = re.exec(ctx);
    if (m) return m[1].toLowerCase();
  }
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

/** Keeps the counts of a summary as findings arrive. */
export class SummaryBuilder {
  private findings = 0;
  private readonly classes: Record<CodeClass, number> = { success: 0, intermediate: 0, transient: 0, permanent: 0 };
  private readonly reasons = new Map<string, number>();
  private readonly codes = new Map<string, CodeRow>();
  private readonly domains = new Map<string, number>();
  private readonly providers = new Map<string, number>();
  private readonly recipients = new Map<string, number>();
  private readonly times = new Map<number, { permanent: number; transient: number }>();
  private first: number | null = null;
  private last: number | null = null;

  /** `year` dates syslog timestamps, which have none (default: this year). */
  constructor(private readonly year = new Date().getUTCFullYear()) {}

  add(f: Finding): void {
    this.findings++;
    this.classes[f.class]++;
    if (f.class !== 'permanent' && f.class !== 'transient') return;
    const ex = explainFinding(f);
    const code = ex.code;
    const row = this.codes.get(code);
    if (row) row.count++;
    else this.codes.set(code, { key: code, count: 1, reply: f.reply, enhanced: f.enhanced, class: f.class, summary: ex.summary, reason: ex.reason?.label ?? null });
    if (ex.reason) inc(this.reasons, ex.reason.label);
    if (ex.provider) inc(this.providers, ex.provider.name);
    const rcpt = findingRecipient(f);
    if (rcpt) {
      inc(this.recipients, rcpt);
      inc(this.domains, rcpt.slice(rcpt.lastIndexOf('@') + 1));
    }
    const t = lineTimestamp(f.context, this.year);
    if (t !== null) {
      if (this.first === null || t < this.first) this.first = t;
      if (this.last === null || t > this.last) this.last = t;
      const minute = t - (t % 60000);
      const slot = this.times.get(minute) ?? { permanent: 0, transient: 0 };
      slot[f.class]++;
      this.times.set(minute, slot);
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
    return {
      findings: this.findings,
      classes: { ...this.classes },
      reasons: top(this.reasons, limit),
      codes: [...this.codes.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)).slice(0, limit),
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

/** The summary of a list of findings. */
export function summarize(findings: Iterable<Finding>, year?: number, limit?: number): Summary {
  const b = new SummaryBuilder(year);
  for (const f of findings) b.add(f);
  return b.result(limit);
}
