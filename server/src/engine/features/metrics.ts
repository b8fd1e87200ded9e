// Metrics of followed logs for Prometheus (`smtp-codes exporter`): the metric families as plain
// data (name, type, labels, what each costs — the README's list and the dashboard test read
// them), the counters, and the text exposition format. No I/O: the CLI serves what render() says.
// Label values come from bounded sets: verdicts, classes, directions, reply codes (240 at most),
// enhanced codes of the registry or a provider's documentation (others read `other`), reason and
// provider ids of the knowledge base. Recipients and domains only when asked, top N.
import { getEnhancedCode } from '../knowledge/index';
import type { Explanation } from '../explain';
import type { Outcome, Verdict } from '../outcomes/types';
import type { CodeClass } from '../types';

export interface MetricFamily {
  name: string;
  type: 'counter' | 'gauge';
  help: string;
  labels: readonly string[];
  /** How many series it makes, and what it costs to keep (for the README). */
  cost: string;
  /** The option that turns it on; always on when absent. */
  optIn?: string;
}

/** An outcome's verdict when the MTA recorded none (a format no reader knows: inferred from the code). */
export const UNKNOWN = 'unknown';
/** The label value of an enhanced code outside the bounded set, and of label sets beyond the series cap. */
export const OTHER = 'other';
/** Series of smtp_codes_outcomes_total at most; beyond, a new label set keeps verdict, class and direction, the rest read `other`. */
export const MAX_OUTCOME_SERIES = 2000;

export const METRIC_FAMILIES: readonly MetricFamily[] = [
  {
    name: 'smtp_codes_outcomes_total',
    type: 'counter',
    help: 'Delivery events as the log records them: each attempt (a recipient deferred six times then bounced adds 6 deferred and 1 bounced), each refused transaction, each message expiry. verdict and direction are "unknown" in a format whose verdicts we do not read; absent codes, reasons and providers are "".',
    labels: ['verdict', 'class', 'reply', 'enhanced', 'reason', 'provider', 'direction'],
    cost: `one series per label set met: typically 20 to 200 on a busy relay, at most ${MAX_OUTCOME_SERIES}`,
  },
  {
    name: 'smtp_codes_final_outcomes_total',
    type: 'counter',
    help: 'Recipients by their last state, counted when their message leaves the queue (as check counts outcomes); each refused transaction once; a failure in a format without verdicts once, inferred from its class. A message whose end the log has not shown yet is not counted.',
    labels: ['verdict'],
    cost: '5 series',
  },
  {
    name: 'smtp_codes_lines_read_total',
    type: 'counter',
    help: 'Lines read from each followed log.',
    labels: ['path'],
    cost: 'one series per log named on the command line',
  },
  {
    name: 'smtp_codes_lines_not_understood_total',
    type: 'counter',
    help: 'Lines with a failed reply that no log reader understood (a format we do not read): their failures count with verdict "unknown", inferred from the code.',
    labels: ['path'],
    cost: 'one series per log',
  },
  {
    name: 'smtp_codes_messages_in_flight',
    type: 'gauge',
    help: 'Messages of each log whose recipients wait for the message to leave the queue (kept in memory, about 1 KB each, at most 50000 per log).',
    labels: ['path'],
    cost: 'one series per log',
  },
  {
    name: 'smtp_codes_log_reopened_total',
    type: 'counter',
    help: 'Times a followed log was read again from its start: rotated (renamed, a new file in its place) or truncated (copytruncate).',
    labels: ['path', 'reason'],
    cost: 'up to two series per log',
  },
  {
    name: 'smtp_codes_domain_outcomes_total',
    type: 'counter',
    help: 'Delivery events by recipient domain, for the N domains with the most failed events.',
    labels: ['domain', 'verdict'],
    cost: 'up to 6 × N series; memory for 10 × N domains (at least 1000)',
    optIn: '--top-domains N',
  },
  {
    name: 'smtp_codes_recipient_outcomes_total',
    type: 'counter',
    help: 'Delivery events by recipient address, for the N recipients with the most failed events. Addresses are personal data: they reach whatever scrapes the exporter.',
    labels: ['recipient', 'verdict'],
    cost: 'up to 6 × N series; memory for 10 × N addresses (at least 1000)',
    optIn: '--top-recipients N',
  },
];

const family = (name: string): MetricFamily => METRIC_FAMILIES.find((f) => f.name === name)!;

/** A label value in the text exposition format: backslash, double quote and line feed escaped. */
export function escapeLabelValue(value: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c !== 92 && c !== 34 && c !== 10) continue;
    out += value.slice(from, i) + (c === 92 ? '\\\\' : c === 34 ? '\\"' : '\\n');
    from = i + 1;
  }
  return from === 0 ? value : out + value.slice(from);
}

function labelText(names: readonly string[], values: readonly string[]): string {
  if (names.length === 0) return '';
  return `{${names.map((n, i) => `${n}="${escapeLabelValue(values[i])}"`).join(',')}}`;
}

/** The enhanced code as a label: registered codes and codes a provider documents; others `other`. */
function enhancedLabel(enhanced: string | null, ex: Explanation): string {
  if (!enhanced) return '';
  return getEnhancedCode(enhanced) || ex.provider?.responseId ? enhanced : OTHER;
}

/** The labels of smtp_codes_outcomes_total for one event, in METRIC_FAMILIES order. */
export function outcomeLabelValues(o: Outcome, ex: Explanation, cls: CodeClass): string[] {
  return [
    o.inferred ? UNKNOWN : o.verdict,
    cls,
    o.finding?.reply ?? '',
    enhancedLabel(o.finding?.enhanced ?? null, ex),
    ex.reason?.id ?? '',
    ex.provider?.id ?? '',
    o.inferred ? UNKNOWN : o.direction,
  ];
}

/** Counts by a key with many values (domains, addresses): the N with the most failed events, in bounded memory. */
class TopCounter {
  private readonly entries = new Map<string, { failed: number; total: number; byVerdict: Map<string, number> }>();
  private readonly capacity: number;

  constructor(private readonly n: number) {
    this.capacity = Math.max(1000, 10 * n);
  }

  add(key: string, verdict: string, failed: boolean): void {
    let e = this.entries.get(key);
    if (!e) {
      if (this.entries.size >= this.capacity) this.evict();
      e = { failed: 0, total: 0, byVerdict: new Map() };
      this.entries.set(key, e);
    }
    e.total++;
    if (failed) e.failed++;
    e.byVerdict.set(verdict, (e.byVerdict.get(verdict) ?? 0) + 1);
  }

  /** Forgets the half with the fewest events: a key met rarely may come back from zero. */
  private evict(): void {
    const sorted = [...this.entries].sort((a, b) => a[1].failed - b[1].failed || a[1].total - b[1].total);
    for (const [key] of sorted.slice(0, sorted.length >> 1)) this.entries.delete(key);
  }

  top(): Array<[string, Map<string, number>]> {
    return [...this.entries]
      .sort((a, b) => b[1].failed - a[1].failed || b[1].total - a[1].total || (a[0] < b[0] ? -1 : 1))
      .slice(0, this.n)
      .map(([key, e]) => [key, e.byVerdict]);
  }
}

export interface MetricsOptions {
  /** The logs followed: their line counters exist (at 0) from the start. */
  paths: readonly string[];
  topDomains?: number;
  topRecipients?: number;
  maxOutcomeSeries?: number;
}

/** The counters of the exporter. */
export class OutcomeMetrics {
  private readonly outcomes = new Map<string, { values: string[]; count: number }>();
  private readonly finals = new Map<string, number>([
    ['delivered', 0],
    ['deferred', 0],
    ['bounced', 0],
    ['expired', 0],
    ['rejected', 0],
  ]);
  private readonly linesRead = new Map<string, number>();
  private readonly notUnderstood = new Map<string, number>();
  /** The line of the last inferred outcome per log (a line with two failures is one line not understood). */
  private readonly lastInferred = new Map<string, number>();
  private readonly inFlight = new Map<string, number>();
  private readonly reopened = new Map<string, number>();
  private readonly domains: TopCounter | null;
  private readonly recipients: TopCounter | null;
  private readonly maxSeries: number;

  constructor(options: MetricsOptions) {
    for (const p of options.paths) {
      this.linesRead.set(p, 0);
      this.notUnderstood.set(p, 0);
      this.inFlight.set(p, 0);
    }
    this.domains = options.topDomains ? new TopCounter(options.topDomains) : null;
    this.recipients = options.topRecipients ? new TopCounter(options.topRecipients) : null;
    this.maxSeries = options.maxOutcomeSeries ?? MAX_OUTCOME_SERIES;
  }

  /** One delivery event of the log at `path`: an attempt, a refusal, an expiry. */
  event(path: string, o: Outcome, ex: Explanation, cls: CodeClass): void {
    // An inferred outcome: its line was not understood (a line's failures come one after another).
    if (o.inferred && this.lastInferred.get(path) !== o.line) {
      this.lastInferred.set(path, o.line);
      this.notUnderstood.set(path, (this.notUnderstood.get(path) ?? 0) + 1);
    }
    const values = outcomeLabelValues(o, ex, cls);
    let key = values.join('\u0000');
    let series = this.outcomes.get(key);
    if (!series && this.outcomes.size >= this.maxSeries) {
      values[2] = values[3] = values[4] = values[5] = OTHER;
      key = values.join('\u0000');
      series = this.outcomes.get(key);
    }
    if (series) series.count++;
    else this.outcomes.set(key, { values, count: 1 });
    if (o.recipient && (this.domains || this.recipients)) {
      const failed = values[0] !== 'delivered';
      const address = o.recipient.toLowerCase();
      this.recipients?.add(address, values[0], failed);
      this.domains?.add(address.slice(address.lastIndexOf('@') + 1), values[0], failed);
    }
  }

  /** A recipient's last state as its message leaves the queue, or a refusal. */
  final(verdict: Verdict): void {
    this.finals.set(verdict, (this.finals.get(verdict) ?? 0) + 1);
  }

  lines(path: string, n: number): void {
    this.linesRead.set(path, (this.linesRead.get(path) ?? 0) + n);
  }

  messagesInFlight(path: string, n: number): void {
    this.inFlight.set(path, n);
  }

  reopen(path: string, reason: 'rotated' | 'truncated'): void {
    const key = `${path}\u0000${reason}`;
    this.reopened.set(key, (this.reopened.get(key) ?? 0) + 1);
  }

  /** The text exposition format (version 0.0.4). */
  render(): string {
    type Rows = Array<readonly [readonly string[], number]>;
    const byKey = (m: Map<string, number>): Rows => [...m].map(([key, n]) => [key.split('\u0000'), n]);
    const top = (t: TopCounter): Rows => t.top().flatMap(([key, byVerdict]) => [...byVerdict].map(([verdict, n]) => [[key, verdict], n] as const));
    const families: Array<[string, Rows] | null> = [
      ['smtp_codes_outcomes_total', [...this.outcomes.values()].map((s) => [s.values, s.count])],
      ['smtp_codes_final_outcomes_total', byKey(this.finals)],
      ['smtp_codes_lines_read_total', byKey(this.linesRead)],
      ['smtp_codes_lines_not_understood_total', byKey(this.notUnderstood)],
      ['smtp_codes_messages_in_flight', byKey(this.inFlight)],
      ['smtp_codes_log_reopened_total', byKey(this.reopened)],
      this.domains && ['smtp_codes_domain_outcomes_total', top(this.domains)],
      this.recipients && ['smtp_codes_recipient_outcomes_total', top(this.recipients)],
    ];
    const out: string[] = [];
    for (const entry of families) {
      if (!entry) continue;
      const f = family(entry[0]);
      out.push(`# HELP ${f.name} ${f.help.replace(/\\/g, '\\\\')}`, `# TYPE ${f.name} ${f.type}`);
      for (const [values, n] of entry[1]) out.push(`${f.name}${labelText(f.labels, values)} ${n}`);
    }
    return `${out.join('\n')}\n`;
  }
}
