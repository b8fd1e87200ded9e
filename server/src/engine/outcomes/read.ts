// From scanned log text to outcomes: each line that carries a code, or a verdict without one
// (Exim's `** … Unrouteable address`, Postfix's `status=expired`), is offered to the family
// readers; the first that knows the line's format says what it records. A line no reader knows
// is read from its codes alone: each failure is an outcome whose verdict is inferred. A new log
// format is one new reader in families/ and one line in READERS.
import { findingColumn, findingLine, findingLineText } from '../scanner/lines';
import { findingRecipient } from './recipient';
import type { Finding, Range } from '../types';
import { exim } from './families/exim';
import { postfix } from './families/postfix';
import { storyKey } from './stories';
import type { Direction, FamilyReader, LineRead, LogFamily, Outcome, OutcomeRead, Verdict } from './types';

export const READERS: readonly FamilyReader[] = [postfix, exim];

/**
 * Verdicts a line can record without any code: Exim's delivery flags and ACL refusals, Postfix's
 * queue-manager expiry. Lines with codes are found by the scanner; these are looked for once more.
 */
const CODELESS = / (?:\*\*|==|=>|->|>>) |status=expired| rejected /g;
/** A message left the queue (streams only: its recipients' stories can be closed). */
const ENDS = /: removed$| Completed$/gm;

/** What the readers say of a line, and which family said it; null when no reader knows the line. */
export function readLine(line: string, hasCodes = false): { family: LogFamily; read: LineRead } | null {
  for (const reader of READERS) {
    if (!reader.claims(line)) continue;
    const read = reader.read(line, hasCodes);
    if (read) return { family: reader.family, read };
  }
  return null;
}

/** An outcome read from a log line; its range is made only when asked (most are never shown). */
class LineOutcome implements Outcome {
  sender: string | null;
  remote: string | null;
  hop: string | null;
  readonly key: string | null;
  #range: Range | undefined;
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
    public readonly lineText: string,
    private readonly words: [number, number],
  ) {
    this.sender = null;
    this.remote = null;
    this.hop = null;
    this.key = storyKey(family, queueId, recipient, scope, verdict);
  }

  get range(): Range {
    if (this.finding) return this.finding.range;
    return (this.#range ??= { start: { line: this.line, character: this.words[0] }, end: { line: this.line, character: this.words[1] } });
  }

  /** Moves the outcome `delta` lines down (its findings are moved by their owner). */
  shiftLines(delta: number): void {
    this.line += delta;
    this.#range = undefined;
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

/** The evidence of an outcome whose line has one code (most): shared, never written to. */
const NO_EVIDENCE: Finding[] = [];

function fromRead(family: LogFamily, r: OutcomeRead, line: number, lineText: string, findings: readonly Finding[]): Outcome {
  const decided = decider(findings, r.replyFrom, r.verdict);
  const evidence = findings.length === 0 || (findings.length === 1 && decided) ? NO_EVIDENCE : findings.filter((f) => f !== decided);
  // A refusal's class is the reply it gave: 4xx asks the client to try again.
  const temporary = r.temporary || (r.verdict === 'rejected' && decided !== null && decided.class === 'transient');
  const o = new LineOutcome(r.verdict, family, line, r.queueId, r.recipient || null, r.direction, r.scope, decided, evidence, decided ? '' : r.text.trim(), temporary, false, lineText, r.words);
  o.sender = r.sender;
  o.remote = r.remote;
  o.hop = r.hop;
  return o;
}

/** Outcomes inferred from the codes of a line no reader knows: one per failure. */
function inferred(line: number, lineText: string, findings: readonly Finding[], out: Outcome[]): void {
  for (const f of findings) {
    if (!isFailure(f)) continue;
    const verdict: Verdict = f.class === 'permanent' ? 'bounced' : 'deferred';
    out.push(new LineOutcome(verdict, 'generic', line, null, findingRecipient(f), 'outbound', 'recipient', f, [], '', false, true, lineText, [0, 0]));
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

const MAX_LINE = 8000;

/**
 * The outcomes of log text [from, to) whose findings (sorted, lines counted from `baseLine` at
 * `from`) are given. Lines with codes are read through their findings; lines with codeless
 * verdicts are found in the text.
 */
export function readOutcomes(s: string, from: number, to: number, baseLine: number, findings: readonly Finding[], options: ReadOptions = {}): ReadResult {
  const outcomes: Outcome[] = [];
  const ends: MessageEnd[] = [];
  const codeless: Array<[number, number]> = [];
  matchedLines(CODELESS, s, from, to, baseLine, codeless);
  const endLines: Array<[number, number]> = [];
  if (options.ends) matchedLines(ENDS, s, from, to, baseLine, endLines);
  let k = 0;
  let e = 0;
  const handle = (line: number, text: string, onLine: readonly Finding[]): void => {
    const r = readLine(text, onLine.length > 0);
    if (!r) {
      inferred(line, text, onLine, outcomes);
      return;
    }
    if (r.read.kind === 'outcome') outcomes.push(fromRead(r.family, r.read, line, text, onLine));
    else if (r.read.kind === 'end' && options.ends) ends.push({ family: r.family, queueId: r.read.queueId, line });
  };
  const flushMarkersBefore = (line: number): void => {
    while (k < codeless.length && codeless[k][0] < line) {
      const [l, start] = codeless[k++];
      handle(l, lineAt(s, start, to, MAX_LINE), []);
    }
    while (e < endLines.length && endLines[e][0] < line) {
      const [l, start] = endLines[e++];
      const r = readLine(lineAt(s, start, to, MAX_LINE));
      if (r && r.read.kind === 'end') ends.push({ family: r.family, queueId: r.read.queueId, line: l });
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
