// The line scanner: finds candidate numbers with one linear-time regular expression over
// the text, asks the context rules about each, and assembles the accepted codes of a line
// into findings (one per reply; continuation lines of a multi-line reply join the first).
import { CLASS_BY_DIGIT, type CodeClass, type Finding, type FindingSource, type Position, type Range } from '../types';
import { decideEnhanced, decideReply, isDigit, matchEnhancedAt, type Decision } from './context';
import { simdCandidates, simdFor, SIMD_WINDOW } from './simd';

/**
 * Candidates: a three-digit number 2xx-5xx with second digit 0-5 (RFC 5321 §4.2), or a
 * dotted class.subject.detail with class 2, 4 or 5 (RFC 3463 §2). The look-arounds keep
 * out numbers that are part of longer numbers, IP addresses, versions, host names, paths
 * and percentages; a literal `\n` before a code (a logged multi-line reply) is allowed.
 * It starts with two character classes so the regex engine skips non-candidates quickly;
 * the look-behind then checks what precedes the first digit. Linear-time: fixed-width look-arounds
 * and bounded repetitions only.
 */
export const CANDIDATE =
  /[2-5][0-5.](?<=(?:^|\\[nr]|[^0-9A-Za-z.\-/@$%&\\])[2-5][0-5.])(?:(?<=[0-5])[0-9](?![0-9A-Za-z/%@&]|:[0-9]|\.[0-9])|(?<=[245]\.)[0-9]{1,3}\.[0-9]{1,3}(?![0-9]|\.[0-9]))/g;

/** Limits on what a finding carries, so one huge line cannot blow up memory. */
const MAX_TEXT = 2000;
const MAX_CONTEXT = 4000;
/** What an outcome reader sees of a line: its start (log fields come first), bounded. */
export const MAX_LINE_READ = 8000;

/** A code accepted on a line: the context rules' decision (it knows its offset). */
export type Hit = Decision;

/** Character codes that may not precede a candidate: [0-9A-Za-z.\-/@$%&\\] (see CANDIDATE). */
const WORDISH = new Uint8Array(128);
for (const c of '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.-/@$%&\\') WORDISH[c.charCodeAt(0)] = 1;
/** Character codes that may not follow a reply code: [0-9A-Za-z/%@&]. */
const REPLY_GLUE = new Uint8Array(128);
for (const c of '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz/%@&') REPLY_GLUE[c.charCodeAt(0)] = 1;

/**
 * The end of the CANDIDATE match starting at `i`, or -1: the expression's rules written out
 * for one position (the SIMD pre-filter reports positions; this decides them). A test holds
 * it equal to the expression at every position of random and adversarial text.
 */
export function matchCandidateAt(s: string, i: number): number {
  const c0 = s.charCodeAt(i);
  if (!(c0 >= 50 && c0 <= 53)) return -1;
  if (i > 0) {
    const prev = s.charCodeAt(i - 1);
    if (prev < 128 && WORDISH[prev] === 1 && !((prev === 110 || prev === 114) && i > 1 && s.charCodeAt(i - 2) === 92)) return -1;
  }
  const c1 = s.charCodeAt(i + 1);
  if (c1 >= 48 && c1 <= 53) {
    // A reply: three digits, not glued to a word, a time (`:30`) or a decimal (`.5`).
    if (!isDigit(s.charCodeAt(i + 2))) return -1;
    const after = s.charCodeAt(i + 3);
    if (after < 128 && REPLY_GLUE[after] === 1) return -1;
    if ((after === 58 || after === 46) && isDigit(s.charCodeAt(i + 4))) return -1;
    return i + 3;
  }
  // An enhanced status: class . 1-3 digits . 1-3 digits, not followed by a digit or `.digit`.
  return c1 === 46 ? matchEnhancedAt(s, i, s.length) : -1;
}

let startsBuffer: Int32Array | null = null;

/**
 * The candidate starts in [from, to), found with the expression: for text
 * that is not ASCII, short texts, and hosts without WebAssembly SIMD.
 */
function expressionCandidates(re: RegExp, s: string, from: number, to: number, out: Int32Array): number {
  re.lastIndex = from;
  let n = 0;
  // test() instead of exec(): no match array is allocated per candidate; the match start is
  // found back from its end (a reply is 3 digits; an enhanced code ends in `.digits`).
  while (re.test(s)) {
    const end = re.lastIndex;
    let k = end - 1;
    while (k > end - 4 && s.charCodeAt(k - 1) !== 46 && isDigit(s.charCodeAt(k - 1))) k--;
    let pos = end - 3;
    if (s.charCodeAt(k - 1) === 46) {
      // class . subject . detail: back over the detail's dot, the subject digits, the class dot.
      let j = k - 2;
      while (s.charCodeAt(j) !== 46) j--;
      pos = j - 1;
    }
    if (pos >= to) break;
    out[n++] = pos;
  }
  return n;
}

/**
 * Calls `onLine` with the hits of each line that has any, in order, with the line's bounds
 * and its index counted from the line of `from` (0-based). Returns the number of line breaks
 * in [from, to) (the lines walked to reach the hits are counted on the way, not twice).
 */
export function scanHits(s: string, from: number, to: number, onLine: (hits: Hit[], lineStart: number, lineEnd: number, lineIndex: number) => void): number {
  let lineStart = from;
  let lineBreak = s.indexOf('\n', from); // the \n ending the current line, or `to`
  if (lineBreak < 0 || lineBreak > to) lineBreak = to;
  let lineIndex = 0;
  let lineEnd = lineBreak > lineStart && s.charCodeAt(lineBreak - 1) === 13 ? lineBreak - 1 : lineBreak;
  const hits: Hit[] = [];
  // Candidates are found a window at a time, into a buffer (a nested scan gets its own). A
  // window holds at most one every 4 characters (each needs 3 characters before the next
  // one's boundary), so the buffer cannot fill.
  const starts = startsBuffer ?? new Int32Array(SIMD_WINDOW / 2);
  startsBuffer = null;
  const simd = simdFor(to - from);
  let re: RegExp | null = null;
  /** Candidates before this are inside a code already read. */
  let next = from;
  for (let a = from; a < to; ) {
    const b = Math.min(to, a + SIMD_WINDOW);
    let n = simd ? simdCandidates(s, a, b, starts) : -1;
    if (n < 0) {
      re ??= new RegExp(CANDIDATE.source, 'g');
      n = expressionCandidates(re, s, Math.max(a, next), b, starts);
    }
    a = b;
    for (let k = 0; k < n; k++) {
      const pos = starts[k];
      if (pos < next) continue;
      const end = matchCandidateAt(s, pos);
      if (end < 0) continue;
      next = end;
      if (pos > lineBreak) {
        if (hits.length) {
          onLine(hits, lineStart, lineEnd, lineIndex);
          hits.length = 0;
        }
        // Advance to the line holding `pos`, counting the lines passed.
        do {
          lineStart = lineBreak + 1;
          lineIndex++;
          const nl = s.indexOf('\n', lineStart);
          lineBreak = nl < 0 || nl > to ? to : nl;
        } while (pos > lineBreak);
        lineEnd = lineBreak > lineStart && s.charCodeAt(lineBreak - 1) === 13 ? lineBreak - 1 : lineBreak;
      }
      const d = s.charCodeAt(pos + 1) === 46 ? decideEnhanced(s, pos, end, lineStart, lineEnd) : decideReply(s, pos, lineStart, lineEnd);
      if (d) {
        hits.push(d);
        if (d.codeEnd > next) next = d.codeEnd;
      }
    }
  }
  startsBuffer = starts;
  if (hits.length) onLine(hits, lineStart, lineEnd, lineIndex);
  // The line breaks after the last hit's line.
  let breaks = lineIndex;
  for (let i = lineBreak; i < to; i = s.indexOf('\n', i + 1)) {
    if (i < 0) break;
    breaks++;
  }
  return breaks;
}

/** The reply text of a hit: cut at the end of its quoted value and at log fields that follow it. */
export function replyText(s: string, pos: number, textStart: number, textEnd: number, reply: string | null, enhanced: string | null, lineStart: number): string {
  // Every search below stays inside the line's text (at most MAX_TEXT characters): an
  // unbounded indexOf from each code would read to the end of the document each time.
  let text = s.slice(textStart, Math.min(textEnd, textStart + MAX_TEXT));
  // Inside a quoted value (`msg="535 ..."`, `"reason": "550 ..."`, `returned '550 ...'`): cut at its close.
  // Only worth asking when a quote follows at all.
  if (text.includes('"') || text.includes("'")) {
    const quote = openQuoteBefore(s, lineStart, pos);
    if (quote) {
      const close = closingQuote(text, quote);
      if (close >= 0) text = text.slice(0, close);
    }
  }
  // Postfix appends `; from=<...> to=<...> proto=...` to rejects and `(in reply to X command)` to replies.
  const fields = /; (?:from|to|proto|helo)=/.exec(text);
  if (fields) text = text.slice(0, fields.index);
  const inReply = text.indexOf(' (in reply to ');
  if (inReply >= 0) text = text.slice(0, inReply);
  text = text.trim();
  // Drop a closing parenthesis that belongs to the log line (`status=bounced (... said: 550 ...)`).
  // Counted once: trimming removes one `)` and no `(` per round.
  let unbalanced = count(text, ')') - count(text, '(');
  while (text.endsWith(')') && unbalanced > 0) {
    text = text.slice(0, -1).trimEnd();
    unbalanced--;
  }
  if (reply && text && text.includes(reply)) {
    // In a reply logged on one line (`550-5.1.1 The ... 550-5.1.1 more ... 550 5.1.1 end`) drop the repeated codes.
    text = stripRepeatedCodes(text, reply, enhanced);
  }
  return text;
}

function count(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

function stripRepeatedCodes(text: string, reply: string, enhanced: string | null): string {
  const parts = text.split(' ');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p === `${reply}-${enhanced ?? ''}` || p === `${reply}-` || (p === reply && parts[i + 1] === enhanced)) {
      if (p === reply) i++;
      continue;
    }
    if (enhanced && p.startsWith(`${reply}-${enhanced}`)) {
      out.push(p.slice(reply.length + 1 + enhanced.length));
      continue;
    }
    out.push(p);
  }
  return out.join(' ').replace(/\s+/g, ' ').trim();
}

/** The quote character of a quoted value the code sits in, if the line opens one shortly before it. */
function openQuoteBefore(s: string, lineStart: number, pos: number): string | null {
  const from = Math.max(lineStart, pos - 120);
  // The (at most 120) characters before the code, searched as their own string.
  const before = s.slice(from, pos);
  let dq = 0;
  for (let i = before.indexOf('"'); i >= 0; i = before.indexOf('"', i + 1)) {
    if (before.charCodeAt(i - 1) !== 92 && !(i === 0 && s.charCodeAt(from - 1) === 92)) dq++;
  }
  if (dq % 2 === 1) return '"';
  if (s.charCodeAt(pos - 1) === 39) return "'";
  // `returned '< #5.0.0 smtp; 550 ...>'`: a single quote opened a little before.
  const sq = before.lastIndexOf("'");
  if (sq >= 0 && /returned\s*$/i.test(s.slice(Math.max(lineStart, from + sq - 20), from + sq))) return "'";
  return null;
}

/** The first unescaped closing `quote` in `text`, or -1. */
function closingQuote(text: string, quote: string): number {
  for (let i = text.indexOf(quote); i >= 0; i = text.indexOf(quote, i + 1)) {
    if (quote !== '"' || text.charCodeAt(i - 1) !== 92) return i;
  }
  return -1;
}

/** Maps offsets of the scanned string to document positions. */
export interface PositionMapper {
  (offset: number): Position;
}

/**
 * A finding of the scanner. Its reply text and context are read from the scanned string
 * only when asked (most findings of a big log are never shown), then kept.
 */
class ScannedFinding implements Finding {
  reply: string | null;
  enhanced: string | null;
  class: CodeClass;
  source: FindingSource;
  recipient?: string;
  // What the text and range are made from when asked (copied from the hit, so the hit dies young).
  readonly #s: string;
  readonly #pos: number;
  readonly #codeEnd: number;
  readonly #textStart: number;
  readonly #textEnd: number;
  readonly #lineStart: number;
  readonly #lineEnd: number;
  #line: number;
  #range: Range | undefined;
  #text: string | undefined;
  #context: string | undefined;
  /** Other places of this reply on its own line, as [start, end) offset pairs (made into ranges when asked). */
  #sameLine: number[] | undefined;
  /** Other places on other lines (continuation lines), or given ranges. */
  #ranges: Range[] | undefined;
  /** The last part of this reply seen so far ended with `-`: a continuation line may follow. */
  dash = false;

  /** `range` is given when positions come from a map (decoded parts); else it is made from `line` when asked. */
  constructor(s: string, hit: Hit, lineStart: number, lineEnd: number, line: number, range: Range | undefined, source: FindingSource) {
    this.reply = hit.reply;
    this.enhanced = hit.enhanced;
    this.class = CLASS_BY_DIGIT[(hit.reply ?? hit.enhanced ?? '5')[0]];
    this.source = source;
    this.#s = s;
    this.#pos = hit.pos;
    this.#codeEnd = hit.codeEnd;
    this.#textStart = hit.textStart;
    this.#textEnd = hit.textEnd;
    this.#lineStart = lineStart;
    this.#lineEnd = lineEnd;
    this.#line = line;
    this.#range = range;
  }

  get range(): Range {
    return (this.#range ??= {
      start: { line: this.#line, character: this.#pos - this.#lineStart },
      end: { line: this.#line, character: this.#codeEnd - this.#lineStart },
    });
  }
  set range(value: Range) {
    this.#range = value;
  }

  get otherRanges(): Range[] | undefined {
    if (this.#sameLine) {
      const made: Range[] = [];
      for (let i = 0; i < this.#sameLine.length; i += 2) {
        made.push({
          start: { line: this.#line, character: this.#sameLine[i] - this.#lineStart },
          end: { line: this.#line, character: this.#sameLine[i + 1] - this.#lineStart },
        });
      }
      this.#ranges = [...made, ...(this.#ranges ?? [])];
      this.#sameLine = undefined;
    }
    return this.#ranges;
  }
  set otherRanges(value: Range[] | undefined) {
    this.#sameLine = undefined;
    this.#ranges = value;
  }

  /** Records another place of this reply on the same line (a repeated code, a `dsn=` field). */
  addSameLine(start: number, end: number, range: Range | undefined): void {
    if (range) (this.#ranges ??= []).push(range);
    else (this.#sameLine ??= []).push(start, end);
  }

  /** Moves the finding `delta` lines down (an edit above it added or removed lines). */
  shiftLines(delta: number): void {
    this.#line += delta;
    if (this.#range) this.#range = shiftRange(this.#range, delta);
    if (this.#ranges) this.#ranges = this.#ranges.map((r) => shiftRange(r, delta));
  }

  /** Records places on other lines (a continuation line of a multi-line reply). */
  addRanges(ranges: Range[]): void {
    (this.#ranges ??= []).push(...ranges);
  }

  /** The line of the finding's start, without making its range. */
  get line(): number {
    return this.#range ? this.#range.start.line : this.#line;
  }

  get text(): string {
    return (this.#text ??= replyText(this.#s, this.#pos, this.#textStart, this.#textEnd, this.reply, this.enhanced, this.#lineStart));
  }
  set text(value: string) {
    this.#text = value;
  }

  get context(): string {
    if (this.#context === undefined) {
      const start = Math.max(this.#lineStart, this.#pos - MAX_CONTEXT / 2);
      this.#context = this.#s.slice(start, Math.min(this.#lineEnd, start + MAX_CONTEXT));
    }
    return this.#context;
  }
  set context(value: string) {
    this.#context = value;
  }

  /** The character of the code on its line (0-based), without making its range. */
  get column(): number {
    return this.#range ? this.#range.start.character : this.#pos - this.#lineStart;
  }

  /** The text of the code's line (at most MAX_LINE_READ characters), for the outcome readers. */
  get lineText(): string {
    return this.#s.slice(this.#lineStart, Math.min(this.#lineEnd, this.#lineStart + MAX_LINE_READ));
  }

  /** Offset of the code in the scanned string. */
  get pos(): number {
    return this.#pos;
  }

  /** What precedes the code on its line (`<<< `, spaces): a continuation line repeats it. */
  get prefix(): string {
    return this.#s.slice(this.#lineStart, this.#pos);
  }

  toJSON(): Finding {
    const { range, otherRanges, reply, enhanced, source, recipient, text, context } = this as Finding;
    return { range, ...(otherRanges ? { otherRanges } : {}), reply, enhanced, class: this.class, text, context, source, ...(recipient ? { recipient } : {}) };
  }
}

/**
 * Assembles hits into findings: one finding per distinct (reply, enhanced) pair on a line; a
 * standalone status equal to a reply's enhanced code on the same line joins that reply; a multi-line
 * reply (`550-...` lines then `550 ...`) becomes one finding across its lines.
 */
export class FindingAssembler {
  readonly findings: Finding[] = [];
  /** The last finding, while it is a multi-line reply that may continue on the next line. */
  private open: ScannedFinding | null = null;
  private openLine = -1;

  /**
   * `toPosition` maps offsets of `s` to positions; without it, positions come from the line
   * index the scanner reports plus `baseLine` (plain text scanned line by line).
   */
  constructor(
    private readonly s: string,
    private readonly toPosition: PositionMapper | null,
    private readonly baseLine = 0,
    private readonly source: FindingSource | null = null,
    private readonly recipient: string | undefined = undefined,
  ) {}

  /** Continues a multi-line reply left open at the end of the previous chunk of a stream. */
  carryFrom(previous: FindingAssembler): void {
    this.open = previous.open;
    this.openLine = previous.openLine;
  }

  /** The last finding, if it is a multi-line reply that may continue on the next line. */
  get openFinding(): Finding | null {
    return this.open;
  }

  addLine(hits: Hit[], lineStart: number, lineEnd: number, lineIndex: number): void {
    const line = this.baseLine + lineIndex;
    if (hits.length === 1) {
      // The common case: one code on the line.
      this.place(this.create(hits[0], lineStart, lineEnd, line), line);
      return;
    }
    const made: ScannedFinding[] = [];
    // Replies first: one finding per distinct (reply, enhanced) pair.
    for (const hit of hits) {
      if (!hit.reply) continue;
      const same = made.find((f) => f.reply === hit.reply && f.enhanced === hit.enhanced);
      if (same) {
        same.addSameLine(hit.pos, hit.codeEnd, this.mappedRange(hit));
        same.dash = hit.dash;
      } else {
        made.push(this.create(hit, lineStart, lineEnd, line));
      }
    }
    // Then standalone statuses: one equal to a reply's enhanced code is a place of that reply.
    for (const hit of hits) {
      if (hit.reply) continue;
      const owner = made.find((f) => f.reply !== null && f.enhanced === hit.enhanced) ?? made.find((f) => f.reply === null && f.enhanced === hit.enhanced);
      if (owner) owner.addSameLine(hit.pos, hit.codeEnd, this.mappedRange(hit));
      else made.push(this.create(hit, lineStart, lineEnd, line));
    }
    made.sort((a, b) => a.pos - b.pos);
    for (const f of made) this.place(f, line);
  }

  /** Adds a finding, or joins it to the multi-line reply it continues. */
  private place(f: ScannedFinding, line: number): void {
    const o = this.open;
    if (o && this.openLine === line - 1 && f.reply === o.reply && f.prefix.trim() === o.prefix.trim()) {
      o.addRanges([f.range, ...(f.otherRanges ?? [])]);
      o.text = joinText(o.text, f.text);
      o.context = `${o.context}\n${f.context}`.slice(0, MAX_CONTEXT);
      if (!o.enhanced && f.enhanced) o.enhanced = f.enhanced;
      this.openLine = line;
      if (!f.dash) this.open = null;
      return;
    }
    this.findings.push(f);
    this.open = f.dash ? f : null;
    this.openLine = line;
  }

  /** The range of a hit when positions come from a map; undefined in plain text (made from offsets later). */
  private mappedRange(hit: Hit): Range | undefined {
    if (!this.toPosition) return undefined;
    // The end is mapped from the code's last character: in a decoded part (an unfolded DSN field,
    // base64) the offset right after the code may map to the start of the next raw line.
    const last = this.toPosition(hit.codeEnd - 1);
    return { start: this.toPosition(hit.pos), end: { line: last.line, character: last.character + 1 } };
  }

  private create(hit: Hit, lineStart: number, lineEnd: number, line: number): ScannedFinding {
    const f = new ScannedFinding(this.s, hit, lineStart, lineEnd, line, this.mappedRange(hit), this.source ?? hit.source);
    f.dash = hit.dash;
    if (this.recipient) f.recipient = this.recipient;
    return f;
  }
}

function shiftRange(r: Range, delta: number): Range {
  return { start: { line: r.start.line + delta, character: r.start.character }, end: { line: r.end.line + delta, character: r.end.character } };
}

/** Moves a finding `delta` lines down, cheaply for the scanner's own findings. */
export function shiftFinding(f: Finding, delta: number): void {
  if (delta === 0) return;
  if (f instanceof ScannedFinding) {
    f.shiftLines(delta);
    return;
  }
  f.range = shiftRange(f.range, delta);
  if (f.otherRanges) f.otherRanges = f.otherRanges.map((r) => shiftRange(r, delta));
}

/** The line of a finding's code, cheaply for the scanner's own findings. */
export function findingLine(f: Finding): number {
  return f instanceof ScannedFinding ? f.line : f.range.start.line;
}

/** The column of a finding's code on its line. */
export function findingColumn(f: Finding): number {
  return f instanceof ScannedFinding ? f.column : f.range.start.character;
}

/** The text of a finding's line (bounded); its context for findings made elsewhere. */
export function findingLineText(f: Finding): string {
  return f instanceof ScannedFinding ? f.lineText : f.context;
}

/** The first and last line a finding covers (a multi-line reply spans several). */
export function findingLines(f: Finding): [number, number] {
  const first = f instanceof ScannedFinding ? f.line : f.range.start.line;
  let last = first;
  const others = f.otherRanges;
  if (others) for (const r of others) last = Math.max(last, r.end.line);
  return [first, last];
}

function joinText(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  return `${a} ${b}`.slice(0, MAX_TEXT);
}

/**
 * Editors end a line at LF, CRLF or a lone CR (LSP counts lines so); the scanner reads LF.
 * A lone CR becomes an LF: offsets stay the same, and line numbers then agree with the editor's.
 */
export function normalizeLineBreaks(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

/** Scans log text (or any text read line by line) and returns its findings. */
export function scanLogText(s: string, from = 0, to = s.length, baseLine = 0): Finding[] {
  const assembler = new FindingAssembler(s, null, baseLine);
  scanHits(s, from, to, (hits, lineStart, lineEnd, lineIndex) => assembler.addLine(hits, lineStart, lineEnd, lineIndex));
  return assembler.findings;
}

/**
 * Scans a log that arrives in chunks (a file read as a stream): memory stays bounded by the
 * chunk size, line numbers continue across chunks, and a multi-line reply split between two
 * chunks is still one finding.
 */
/**
 * Called with each piece of text a stream scanner read and the findings it made there (outcomes
 * are read from both); `open` is a multi-line reply that may still continue in the next piece
 * (its text is not complete yet). Called once more at the end with no text.
 */
export type ScannedTextHook = (text: string, from: number, to: number, baseLine: number, findings: readonly Finding[], open: Finding | null) => void;

export class LogStreamScanner {
  private rest = '';
  private baseLine: number;
  private previous: FindingAssembler | null = null;
  private held: Finding | null = null;

  /** `firstLine`: the 0-based line the text starts at (a followed log read from its end). */
  constructor(
    private readonly onScanned: ScannedTextHook | null = null,
    firstLine = 0,
  ) {
    this.baseLine = firstLine;
  }

  /** Feeds text; returns the findings completed so far, in order. */
  push(input: string): Finding[] {
    // A CR at the end of a chunk may be the first half of a CRLF: it waits for the next chunk.
    let chunk = this.rest.endsWith('\r') ? `\r${input}` : input;
    if (chunk !== input) this.rest = this.rest.slice(0, -1);
    const cr = chunk.endsWith('\r') ? '\r' : '';
    chunk = normalizeLineBreaks(cr ? chunk.slice(0, -1) : chunk);
    const lastNl = chunk.lastIndexOf('\n');
    if (lastNl < 0) {
      this.rest += chunk + cr;
      return [];
    }
    const out: Finding[] = [];
    // The line cut by the previous chunk's end: joined to its first part (a short string).
    let from = 0;
    if (this.rest) {
      const firstNl = chunk.indexOf('\n');
      const head = this.rest + chunk.slice(0, firstNl + 1);
      out.push(...this.scan(head, 0, head.length));
      from = firstNl + 1;
    }
    // The rest of the chunk is scanned in place (no copy of it).
    out.push(...this.scan(chunk, from, lastNl + 1));
    this.rest = chunk.slice(lastNl + 1) + cr;
    return out;
  }

  /** Ends the stream; returns the remaining findings. */
  end(): Finding[] {
    this.rest = normalizeLineBreaks(this.rest);
    const out = this.rest ? this.scan(this.rest, 0, this.rest.length) : [];
    this.rest = '';
    if (this.held) {
      out.push(this.held);
      this.held = null;
    }
    this.onScanned?.('', 0, 0, this.baseLine, [], null);
    return out;
  }

  private scan(text: string, from: number, to: number): Finding[] {
    const assembler = new FindingAssembler(text, null, this.baseLine);
    if (this.previous) assembler.carryFrom(this.previous);
    const baseLine = this.baseLine;
    this.baseLine += scanHits(text, from, to, (hits, ls, le, li) => assembler.addLine(hits, ls, le, li));
    this.onScanned?.(text, from, to, baseLine, assembler.findings, assembler.openFinding);
    const out: Finding[] = [];
    if (this.held) out.push(this.held);
    this.held = null;
    out.push(...assembler.findings);
    const open = assembler.openFinding;
    if (open && out[out.length - 1] === open) this.held = out.pop()!;
    this.previous = assembler;
    return out;
  }
}
