// From scanned log text to outcomes: each line that carries a code, or a verdict without one
// (Exim's `** … Unrouteable address`, Postfix's `status=expired`), is offered to the family
// readers; the first that knows the line's format says what it records (a line of several records,
// a JSON array of events, says it once per record). A line no reader knows is read from its codes
// alone: each failure is an outcome whose verdict is inferred. A new log format is one new reader in
// families/ and one line in READERS. What a line needs from lines before it (qmail's delivery
// numbers, a CSV header) goes through a LineContext.
import { findingColumn, findingLine, findingLineText, isScannedFinding, MAX_LINE_READ } from '../scanner/lines';
import { findingRecipient } from './recipient';
import type { Finding, Range } from '../types';
import { LineContext } from './context';
import { exchange } from './families/exchange';
import { exim } from './families/exim';
import { m365 } from './families/m365';
import { postfix } from './families/postfix';
import { qmail } from './families/qmail';
import { sendgrid } from './families/sendgrid';
import { sendmail } from './families/sendmail';
import { ses } from './families/ses';
import { NO_EVIDENCE, storyKey, TraillessOutcome } from './stories';
import type { Direction, FamilyReader, LineRead, LogFamily, Outcome, OutcomeRead, ReadContext, Verdict } from './types';

/**
 * In the order they are asked: the most common formats first (a busy log's lines are read by the
 * first reader that claims them); each reads only lines of its own format (its syslog tag, its stamp,
 * its JSON fields) and says null to the others, so the order never changes what a line is.
 */
export const READERS: readonly FamilyReader[] = [postfix, exim, sendmail, qmail, exchange, m365, ses, sendgrid];

/**
 * Lines that can record something without any code: Exim's delivery flags and ACL refusals,
 * Postfix's queue-manager expiry, qmail's deliveries, Sendmail's status, refusals and notices, Exchange's
 * `#Fields:` header and events, the JSON and CSV fields of Microsoft 365, SES and SendGrid records.
 * Lines with codes are found by the scanner; these are looked for once more, in one pass (the
 * alternatives share their first character where they can: that keeps the pass fast).
 */
const CODELESS =
  / (?:\*\*|==|=>|->|>>|rejected|delivery \d+:|rejecting commands|DSN:) | stat=|>\.\.\. |status=expired|#Fields: |[,"](?:DELIVER|SEND|SENDEXTERNAL|FAIL|DEFER|RecipientAddress|MessageTraceId|notificationType|eventType|email|Delivered|Failed|Pending|Quarantined|FilteredAsSpam)[,"\\\r\n]/g;
/** A message left the queue (streams only: its recipients' stories can be closed). */
const ENDS = /: removed$| Completed$| end msg \d+$/gm;

/** Every record the readers read on a line (several for a line of several records), and which family read it. */
export interface LineReads {
  family: LogFamily;
  /** The first record. */
  read: LineRead;
  reads: readonly LineRead[];
}

/** The first reader that reads the line, and what it read (one record or several); null when none does. */
function readRecords(line: string, hasCodes: boolean, context?: ReadContext): { family: LogFamily; records: LineRead | readonly LineRead[] } | null {
  for (const reader of READERS) {
    if (!reader.claims(line)) continue;
    const records = reader.read(line, hasCodes, context);
    if (records && (!isList(records) || records.length > 0)) return { family: reader.family, records };
  }
  return null;
}

function isList(records: LineRead | readonly LineRead[]): records is readonly LineRead[] {
  return Array.isArray(records);
}

/** What the readers say of a line, and which family said it; null when no reader knows the line. */
export function readLine(line: string, hasCodes = false, context?: ReadContext): LineReads | null {
  const r = readRecords(line, hasCodes, context);
  if (!r) return null;
  const reads = isList(r.records) ? r.records : [r.records];
  return { family: r.family, read: reads[0], reads };
}

/** The verdict words of an outcome decided by a code (its range is its code's): shared, never written to. */
const NO_WORDS: [number, number] = [0, 0];

/**
 * An outcome read from a log line; its range is made only when asked (most are never shown). A dense
 * log has hundreds of thousands: its line's text is its deciding code's line when it has one (the
 * same string, not kept twice), its verdict words are kept only when no code decided it.
 */
class LineOutcome implements Outcome {
  sender: string | null;
  remote: string | null;
  hop: string | null;
  readonly key: string | null;
  /** The delivery number this record reports (qmail), resolved to its message and recipient through the context. */
  attempt: string | null;
  #range: Range | undefined;
  /** The line's text, when it is not read from the deciding code's line (no code decided). */
  readonly #lineText: string | null;
  readonly #words: [number, number];
  constructor(
    public verdict: Verdict,
    public readonly family: LogFamily,
    public line: number,
    public readonly queueId: string | null,
    public readonly recipient: string | null,
    public readonly direction: Direction,
    public readonly scope: 'recipient' | 'message',
    public readonly finding: Finding | null,
    public readonly evidence: readonly Finding[],
    public readonly text: string,
    public temporary: boolean,
    public readonly inferred: boolean,
    lineText: string,
    words: [number, number],
  ) {
    this.sender = null;
    this.remote = null;
    this.hop = null;
    this.attempt = null;
    this.key = storyKey(family, queueId, recipient, scope, verdict);
    // The deciding code of a line sits on it: its line's text is this line's (findingLineText).
    this.#lineText = finding !== null && isScannedFinding(finding) && findingLine(finding) === line ? null : lineText;
    this.#words = finding ? NO_WORDS : words;
  }

  get lineText(): string {
    return this.#lineText ?? findingLineText(this.finding!);
  }

  get range(): Range {
    if (this.finding) return this.finding.range;
    return (this.#range ??= { start: { line: this.line, character: this.#words[0] }, end: { line: this.line, character: this.#words[1] } });
  }

  /** Moves the outcome `delta` lines down (its findings are moved by their owner). */
  shiftLines(delta: number): void {
    this.line += delta;
    this.#range = undefined;
  }
}

/**
 * An outcome inferred from a failure code on a line no reader knows (most outcomes of a pasted
 * transcript or a dump of replies): its verdict, line, code and recipient; the rest is what every
 * such outcome says, and its line's text and range are its code's.
 */
class InferredOutcome extends TraillessOutcome implements Outcome {
  constructor(
    public verdict: Verdict,
    public line: number,
    public readonly finding: Finding,
    public readonly recipient: string | null,
  ) {
    super();
  }
  get family(): LogFamily {
    return 'generic';
  }
  get queueId(): string | null {
    return null;
  }
  get direction(): Direction {
    return 'outbound';
  }
  get scope(): 'recipient' {
    return 'recipient';
  }
  get text(): string {
    return '';
  }
  get temporary(): boolean {
    return false;
  }
  get inferred(): boolean {
    return true;
  }
  /** No queue ID: it stands alone (storyKey). */
  get key(): string | null {
    return null;
  }
  get lineText(): string {
    return findingLineText(this.finding);
  }
  get range(): Range {
    return this.finding.range;
  }
}

/** Moves an outcome `delta` lines (its findings are moved with the document's findings). */
export function shiftOutcome(o: Outcome, delta: number): void {
  if (delta === 0) return;
  if (o instanceof LineOutcome) o.shiftLines(delta);
  else o.line += delta;
}

function isFailure(f: Finding): boolean {
  return f.class === 'permanent' || f.class === 'transient';
}

/** Whether a code agrees with a verdict: a failure for a failed attempt, a success for a delivery. */
function agrees(f: Finding, verdict: Verdict): boolean {
  return verdict === 'delivered' ? f.class === 'success' : isFailure(f);
}

/**
 * The code that decided an outcome: the first reply the MTA quotes (after `replyFrom`) that agrees
 * with its verdict, else the line's own status that agrees (`dsn=5.1.1`), else the first code.
 */
function decider(findings: readonly Finding[], replyFrom: number, verdict: Verdict): Finding | null {
  if (findings.length === 0) return null;
  if (findings.length === 1) return findings[0];
  let quoted: Finding | null = null;
  if (replyFrom >= 0) {
    for (const f of findings) {
      if (findingColumn(f) < replyFrom || !agrees(f, verdict)) continue;
      if (f.reply) return f;
      quoted ??= f;
    }
  }
  return quoted ?? findings.find((f) => agrees(f, verdict)) ?? findings[0];
}

function fromRead(family: LogFamily, r: OutcomeRead, line: number, lineText: string, findings: readonly Finding[], context: LineContext | null): Outcome {
  const decided = decider(findings, r.replyFrom, r.verdict);
  const evidence = findings.length === 0 || (findings.length === 1 && decided) ? NO_EVIDENCE : findings.filter((f) => f !== decided);
  // A refusal's class is the reply it gave: 4xx asks the client to try again.
  const temporary = r.temporary || (r.verdict === 'rejected' && decided !== null && decided.class === 'transient');
  // A result that names only its delivery number: its message and recipient are on the line that started it.
  const start = r.attempt === undefined ? null : context?.startOf(r.attempt, line);
  const o = start
    ? new LineOutcome(r.verdict, family, line, start.queueId, start.recipient, start.direction, r.scope, decided, evidence, decided ? '' : r.text.trim(), temporary, false, lineText, r.words)
    : new LineOutcome(r.verdict, family, line, r.queueId, r.recipient || null, r.direction, r.scope, decided, evidence, decided ? '' : r.text.trim(), temporary, false, lineText, r.words);
  o.sender = r.sender;
  o.remote = r.remote;
  o.hop = r.hop;
  if (r.attempt !== undefined) o.attempt = r.attempt;
  return o;
}

/** The delivery number an outcome reports when its recipient comes from the line that started it (qmail), else null. */
export function attemptOf(o: Outcome): string | null {
  return o instanceof LineOutcome ? o.attempt : null;
}

/**
 * An outcome read again with the context as it is now (a document's edit added or removed the line
 * that started its delivery): the same outcome when nothing changed, else a new one.
 */
export function resolveAgain(o: Outcome, context: LineContext): Outcome {
  if (!(o instanceof LineOutcome) || o.attempt === null) return o;
  const start = context.startOf(o.attempt, o.line);
  const queueId = start ? start.queueId : null;
  const recipient = start ? start.recipient : null;
  const direction: Direction = start ? start.direction : 'outbound';
  if (queueId === o.queueId && recipient === o.recipient && direction === o.direction) return o;
  const words: [number, number] = o.finding ? NO_WORDS : [o.range.start.character, o.range.end.character];
  const n = new LineOutcome(o.verdict, o.family, o.line, queueId, recipient, direction, o.scope, o.finding, o.evidence, o.text, o.temporary, false, o.lineText, words);
  n.sender = o.sender;
  n.remote = o.remote;
  n.hop = o.hop;
  n.attempt = o.attempt;
  return n;
}

/** Outcomes inferred from the codes of a line no reader knows: one per failure. */
function inferred(line: number, lineText: string, findings: readonly Finding[], out: Outcome[]): void {
  for (const f of findings) {
    if (!isFailure(f)) continue;
    const verdict: Verdict = f.class === 'permanent' ? 'bounced' : 'deferred';
    // Its line's text is its code's line (`lineText` is what the readers were given: the same).
    out.push(findingLine(f) === line && isScannedFinding(f) ? new InferredOutcome(verdict, line, f, findingRecipient(f)) : new LineOutcome(verdict, 'generic', line, null, findingRecipient(f), 'outbound', 'recipient', f, NO_EVIDENCE, '', false, true, lineText, NO_WORDS));
  }
}

export interface MessageEnd {
  family: LogFamily;
  queueId: string;
  line: number;
}

export interface ReadOptions {
  /** Also report where messages leave the queue (streams close their stories there). */
  ends?: boolean;
  /**
   * What earlier lines told (qmail deliveries, CSV headers); the lines read add to it. Without one, the
   * text is read on its own.
   */
  context?: LineContext;
}

export interface ReadResult {
  outcomes: Outcome[];
  ends: MessageEnd[];
}

/** Lines of [from, to) that a pattern matches, as [line number, line start] pairs, one per line, in order. */
function matchedLines(re: RegExp, s: string, from: number, to: number, baseLine: number, out: Array<[number, number]>): void {
  re.lastIndex = from;
  let line = baseLine;
  /** The start of the line `line`: the line breaks before it are counted. */
  let lineStart = from;
  while (re.test(s)) {
    const pos = re.lastIndex - 1;
    if (pos >= to) break;
    for (let i = s.indexOf('\n', lineStart); i >= 0 && i < pos; i = s.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    out.push([line, lineStart]);
    // Go on from the next line.
    const nl = s.indexOf('\n', pos);
    if (nl < 0 || nl >= to) break;
    line++;
    lineStart = nl + 1;
    re.lastIndex = lineStart;
  }
}

function lineAt(s: string, start: number, to: number, max: number): string {
  let end = s.indexOf('\n', start);
  if (end < 0 || end > to) end = to;
  if (end > start && s.charCodeAt(end - 1) === 13) end--;
  return s.slice(start, Math.min(end, start + max));
}

/** The findings of a record: those inside its span (a line of several records), else all the line's. */
function findingsOf(r: OutcomeRead, onLine: readonly Finding[]): readonly Finding[] {
  if (!r.span) return onLine;
  const [from, to] = r.span;
  return onLine.filter((f) => {
    const c = findingColumn(f);
    return c >= from && c < to;
  });
}

/**
 * The outcomes of log text [from, to) whose findings (sorted, lines counted from `baseLine` at
 * `from`) are given. Lines with codes are read through their findings; lines with codeless
 * verdicts are found in the text.
 */
export function readOutcomes(s: string, from: number, to: number, baseLine: number, findings: readonly Finding[], options: ReadOptions = {}): ReadResult {
  const outcomes: Outcome[] = [];
  const ends: MessageEnd[] = [];
  const context = options.context ?? new LineContext();
  const codeless: Array<[number, number]> = [];
  matchedLines(CODELESS, s, from, to, baseLine, codeless);
  const endLines: Array<[number, number]> = [];
  if (options.ends) matchedLines(ENDS, s, from, to, baseLine, endLines);
  let k = 0;
  let e = 0;
  /** One record of a line. */
  const take = (family: LogFamily, read: LineRead, line: number, text: string, onLine: readonly Finding[]): void => {
    if (read.kind === 'outcome') outcomes.push(fromRead(family, read, line, text, findingsOf(read, onLine), context));
    else if (read.kind === 'end' && options.ends) ends.push({ family, queueId: read.queueId, line });
    else if (read.kind === 'start') context.addStart({ line, attempt: read.attempt, queueId: read.queueId, recipient: read.recipient, direction: read.direction });
    else if (read.kind === 'columns') context.addHeader(line, family, read.names);
  };
  const handle = (line: number, text: string, onLine: readonly Finding[]): void => {
    context.at = line;
    const r = readRecords(text, onLine.length > 0, context);
    context.at = Number.MAX_SAFE_INTEGER;
    if (!r) {
      inferred(line, text, onLine, outcomes);
      return;
    }
    if (!isList(r.records)) {
      take(r.family, r.records, line, text, onLine);
      return;
    }
    /** Whether records own only their spans (none took the whole line), and the findings they own. */
    let spanned = false;
    let whole = false;
    let owned: Set<Finding> | undefined;
    for (const read of r.records) {
      if (read.kind !== 'outcome') take(r.family, read, line, text, onLine);
      else {
        const own = findingsOf(read, onLine);
        outcomes.push(fromRead(r.family, read, line, text, own, context));
        if (!read.span) whole = true;
        else {
          spanned = true;
          for (const f of own) (owned ??= new Set()).add(f);
        }
      }
    }
    // Codes outside every record (past what the readers see of a long batch, in a record cut there) still count.
    if (spanned && !whole && onLine.length > (owned?.size ?? 0)) inferred(line, text, onLine.filter((f) => !owned?.has(f)), outcomes);
  };
  const flushMarkersBefore = (line: number): void => {
    while (k < codeless.length && codeless[k][0] < line) {
      const [l, start] = codeless[k++];
      handle(l, lineAt(s, start, to, MAX_LINE_READ), []);
    }
    while (e < endLines.length && endLines[e][0] < line) {
      const [l, start] = endLines[e++];
      const r = readRecords(lineAt(s, start, to, MAX_LINE_READ), false);
      if (r && !isList(r.records) && r.records.kind === 'end') ends.push({ family: r.family, queueId: r.records.queueId, line: l });
    }
  };
  // The findings of one line, in a reused array: outcomes keep only the evidence they filter out of it.
  const onLine: Finding[] = [];
  for (let i = 0; i < findings.length; ) {
    const line = findingLine(findings[i]);
    onLine.length = 0;
    onLine.push(findings[i]);
    let j = i + 1;
    for (; j < findings.length && findingLine(findings[j]) === line; j++) onLine.push(findings[j]);
    const text = findingLineText(findings[i]);
    i = j;
    flushMarkersBefore(line);
    // The line is read once, whether a marker found it too or not.
    while (k < codeless.length && codeless[k][0] === line) k++;
    while (e < endLines.length && endLines[e][0] === line) e++;
    handle(line, text, onLine);
  }
  flushMarkersBefore(Number.MAX_SAFE_INTEGER);
  return { outcomes, ends };
}
