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
 * `within` scans a window of one long line: codes are looked for in [from, to), but the
 * line's text (what the context rules read before a code, and its reply text after it) runs
 * from `within.start` to `within.end`.
 */
export function scanHits(
  s: string,
  from: number,
  to: number,
  onLine: (hits: Hit[], lineStart: number, lineEnd: number, lineIndex: number) => void,
  within?: { start: number; end: number },
): number {
  const textEnd = within ? within.end : to;
  let lineStart = within ? within.start : from;
  let lineBreak = s.indexOf('\n', from); // the \n ending the current line, or `textEnd`
  if (lineBreak < 0 || lineBreak > textEnd) lineBreak = textEnd;
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
          lineBreak = nl < 0 || nl > textEnd ? textEnd : nl;
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
  // Made once, not per word: a reply on a line of many codes has a 2 000-character text.
  const dashed = `${reply}-${enhanced ?? ''}`;
  const dash = `${reply}-`;
  // Nothing to strip (no `550-`, no `550 5.1.1`): the words stay as they are, spaces collapsed.
  if (!text.includes(dash) && (enhanced === null || !text.includes(`${reply} ${enhanced}`))) return text.replace(/\s+/g, ' ').trim();
  const parts = text.split(' ');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p === dashed || p === dash || (p === reply && parts[i + 1] === enhanced)) {
      if (p === reply) i++;
      continue;
    }
    if (enhanced && p.startsWith(dashed)) {
      out.push(p.slice(dashed.length));
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
 * What few findings have (a range or text made or given, other places, a recipient, a reply that
 * may continue): kept apart, so the many findings of a dense log that have none cost none of it.
 */
interface FindingExtras {
  range?: Range;
  text?: string;
  context?: string;
  /** Other places of this reply on its own line, as [start, end) offset pairs (made into ranges when asked). */
  sameLine?: number[];
  /**
   * Offsets → positions of the same-line places, when they come from a map (a decoded part of a
   * message); else from the line. Kept only by a finding that has such places: the map holds its
   * part's decoding, which most findings need not keep alive.
   */
  map?: PositionMapper | null;
  /** Other places on other lines (continuation lines), or given ranges. */
  ranges?: Range[];
  recipient?: string;
  /** The last part of this reply seen so far ended with `-`: a continuation line may follow. */
  dash?: boolean;
}

/**
 * A finding of the scanner. Its reply text and context are read from the scanned string
 * only when asked (most findings of a big log are never shown); its text is then kept.
 */
class ScannedFinding implements Finding {
  reply: string | null;
  enhanced: string | null;
  class: CodeClass;
  source: FindingSource;
  // What the text and range are made from when asked (copied from the hit, so the hit dies young).
  readonly #s: string;
  readonly #pos: number;
  readonly #codeEnd: number;
  readonly #textStart: number;
  #textEnd: number;
  readonly #lineStart: number;
  readonly #lineEnd: number;
  #line: number;
  #more: FindingExtras | undefined;

  /** With `map` (decoded parts), positions come from the map; else they are made from `line` when asked. */
  constructor(s: string, hit: Hit, lineStart: number, lineEnd: number, line: number, map: PositionMapper | null, source: FindingSource) {
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
    // A finding of a decoded part (a bounce) has its range now, and its text and context given next
    // (scanner/eml.ts): room for them in the one object.
    this.#more = map ? { range: mapRange(map, hit.pos, hit.codeEnd), text: undefined, context: undefined } : undefined;
  }

  get recipient(): string | undefined {
    return this.#more?.recipient;
  }
  set recipient(value: string | undefined) {
    if (value !== undefined || this.#more) (this.#more ??= {}).recipient = value;
  }

  get dash(): boolean {
    return this.#more?.dash === true;
  }
  set dash(value: boolean) {
    if (value || this.#more) (this.#more ??= {}).dash = value;
  }

  /** The reply's text ends before `pos`, where another reply starts on the same line. */
  endTextBefore(pos: number): void {
    if (pos > this.#pos && pos < this.#textEnd) this.#textEnd = pos;
  }

  get range(): Range {
    const more = (this.#more ??= {});
    return (more.range ??= {
      start: { line: this.#line, character: this.#pos - this.#lineStart },
      end: { line: this.#line, character: this.#codeEnd - this.#lineStart },
    });
  }
  set range(value: Range) {
    (this.#more ??= {}).range = value;
  }

  get otherRanges(): Range[] | undefined {
    const more = this.#more;
    if (!more) return undefined;
    if (more.sameLine) {
      const made: Range[] = [];
      const map = more.map;
      const sameLine = more.sameLine;
      for (let i = 0; i < sameLine.length; i += 2) {
        made.push(
          map
            ? mapRange(map, sameLine[i], sameLine[i + 1])
            : {
                start: { line: this.#line, character: sameLine[i] - this.#lineStart },
                end: { line: this.#line, character: sameLine[i + 1] - this.#lineStart },
              },
        );
      }
      more.ranges = [...made, ...(more.ranges ?? [])];
      more.sameLine = undefined;
    }
    return more.ranges;
  }
  set otherRanges(value: Range[] | undefined) {
    if (value === undefined && !this.#more) return;
    const more = (this.#more ??= {});
    more.sameLine = undefined;
    more.ranges = value;
  }

  /**
   * Records another place of this reply on the same line (a repeated code, a `dsn=` field), as
   * offsets: made into a range when asked, through `map` when positions come from one.
   */
  addSameLine(start: number, end: number, map: PositionMapper | null): void {
    const more = (this.#more ??= {});
    more.map = map;
    (more.sameLine ??= []).push(start, end);
  }

  /** Moves the finding `delta` lines down (an edit above it added or removed lines). */
  shiftLines(delta: number): void {
    const more = this.#more;
    if (more?.map) void this.otherRanges; // mapped places become ranges before they move
    this.#line += delta;
    if (more?.range) more.range = shiftRange(more.range, delta);
    if (more?.ranges) more.ranges = more.ranges.map((r) => shiftRange(r, delta));
  }

  /** Records places on other lines (a continuation line of a multi-line reply). */
  addRanges(ranges: Range[]): void {
    const own = ((this.#more ??= {}).ranges ??= []);
    // One by one: a spread of a line's many places would be as many call arguments (a stack overflow).
    for (const r of ranges) own.push(r);
  }

  /** The line of the finding's start, without making its range. */
  get line(): number {
    const range = this.#more?.range;
    return range ? range.start.line : this.#line;
  }

  get text(): string {
    const more = this.#more;
    if (more?.text !== undefined) return more.text;
    const text = replyText(this.#s, this.#pos, this.#textStart, this.#textEnd, this.reply, this.enhanced, this.#lineStart);
    (this.#more ??= {}).text = text;
    return text;
  }
  set text(value: string) {
    (this.#more ??= {}).text = value;
  }

  get context(): string {
    // Sliced when asked, not kept: reading every outcome's recipient asks each finding once, and
    // a slice per finding of a dense log would stay as long as the finding does.
    const given = this.#more?.context;
    if (given !== undefined) return given;
    const start = Math.max(this.#lineStart, this.#pos - MAX_CONTEXT / 2);
    return this.#s.slice(start, Math.min(this.#lineEnd, start + MAX_CONTEXT));
  }
  set context(value: string) {
    (this.#more ??= {}).context = value;
  }

  /** Whether its code covers `p` (`contains` of its range), without making the range. */
  covers(p: Position, contains: (r: Range, p: Position) => boolean): boolean {
    const range = this.#more?.range;
    if (range) return contains(range, p);
    return p.line === this.#line && p.character >= this.#pos - this.#lineStart && p.character <= this.#codeEnd - this.#lineStart;
  }

  /** The character of the code on its line (0-based), without making its range. */
  get column(): number {
    const range = this.#more?.range;
    return range ? range.start.character : this.#pos - this.#lineStart;
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
    // Looked up by key, never by a search of what was made: a line with many distinct codes
    // costs time in proportion to its codes, not their square.
    const made: ScannedFinding[] = [];
    // Replies first: one finding per distinct (reply, enhanced) pair. The first pair and the first
    // reply's enhanced code are kept apart, the others in maps made when needed: most lines of
    // several codes are one reply and its status (`dsn=2.0.0, status=sent (250 2.0.0 …)`).
    let firstKey: string | null = null;
    let firstPair: ScannedFinding | null = null;
    let byPair: Map<string, ScannedFinding> | null = null;
    /** The first reply made with each enhanced code. */
    let firstEnhanced: string | null = null;
    let firstWith: ScannedFinding | null = null;
    let replyWith: Map<string, ScannedFinding> | null = null;
    for (const hit of hits) {
      if (!hit.reply) continue;
      const key = `${hit.reply} ${hit.enhanced ?? ''}`;
      const same = key === firstKey ? firstPair : byPair?.get(key);
      if (same) {
        same.addSameLine(hit.pos, hit.codeEnd, this.toPosition);
        same.dash = hit.dash;
      } else {
        const f = this.create(hit, lineStart, lineEnd, line);
        made.push(f);
        if (firstKey === null) {
          firstKey = key;
          firstPair = f;
        } else (byPair ??= new Map()).set(key, f);
        const e = hit.enhanced;
        if (e && e !== firstEnhanced && !replyWith?.has(e)) {
          if (firstEnhanced === null) {
            firstEnhanced = e;
            firstWith = f;
          } else (replyWith ??= new Map()).set(e, f);
        }
      }
    }
    // Then standalone statuses: one equal to a reply's enhanced code is a place of that reply,
    // else of the first standalone status with that code.
    let alone: Map<string | null, ScannedFinding> | null = null;
    for (const hit of hits) {
      if (hit.reply) continue;
      const e = hit.enhanced;
      const owner = (e !== null ? (e === firstEnhanced ? firstWith : replyWith?.get(e)) : undefined) ?? alone?.get(e);
      if (owner) owner.addSameLine(hit.pos, hit.codeEnd, this.toPosition);
      else {
        const f = this.create(hit, lineStart, lineEnd, line);
        made.push(f);
        (alone ??= new Map()).set(e, f);
      }
    }
    made.sort((a, b) => a.pos - b.pos);
    // A reply's text ends where the next distinct reply on the line starts (`said: 550 5.1.1 …
    // said: 452 4.2.2 …`): its words are not the other's, and a line of many codes costs its
    // length once, not once per code.
    let next: ScannedFinding | null = null;
    for (let i = made.length - 1; i >= 0; i--) {
      const f = made[i];
      if (!f.reply) continue;
      if (next) f.endTextBefore(next.pos);
      next = f;
    }
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

  private create(hit: Hit, lineStart: number, lineEnd: number, line: number): ScannedFinding {
    const f = new ScannedFinding(this.s, hit, lineStart, lineEnd, line, this.toPosition, this.source ?? hit.source);
    f.dash = hit.dash;
    if (this.recipient) f.recipient = this.recipient;
    return f;
  }
}

/**
 * The range of [pos, codeEnd) through a map. The end is mapped from the code's last character:
 * in a decoded part (an unfolded DSN field, base64) the offset right after the code may map to
 * the start of the next raw line.
 */
function mapRange(map: PositionMapper, pos: number, codeEnd: number): Range {
  const last = map(codeEnd - 1);
  return { start: map(pos), end: { line: last.line, character: last.character + 1 } };
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
/**
 * Whether a finding's code covers `p` (as `contains` says of its range), without making its range
 * when it has none yet: a scanner's code sits on its line, from its column to its end.
 */
export function findingCovers(f: Finding, p: Position, contains: (r: Range, p: Position) => boolean): boolean {
  return f instanceof ScannedFinding ? f.covers(p, contains) : contains(f.range, p);
}

/** Whether a finding was made by the scanner (its line's text is read from the scanned string). */
export function isScannedFinding(f: Finding): boolean {
  return f instanceof ScannedFinding;
}

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
 * A line longer than this (in characters) is scanned in windows of about this size as it
 * streams in, instead of being kept whole: a 1 GB line without a break costs time in proportion
 * to its length and memory in proportion to one window. Shorter lines are scanned whole. Small
 * enough that a window of a line of codes (one every 20 characters) holds ~13 000 findings at once.
 */
export const LONG_LINE = 1 << 18;
/** What a window of a long line keeps of the text before it: more than the context rules read before a code (600). */
const WINDOW_BEFORE = 2048;
/** What a window reads after its last code: a reply's text (MAX_TEXT) and its context. */
const WINDOW_AFTER = 4096;

/** Characters a code or a candidate can contain (digits, `.`, the separators of `550-5.1.1`, `550 #5.1.1`, `550: 5.1.1`…). */
const IN_CODE = new Uint8Array(128);
for (const c of '0123456789. \t-_+:#') IN_CODE[c.charCodeAt(0)] = 1;

/**
 * Where to end a window of a long line near `at`: after a character no code can contain, so no
 * code or candidate straddles two windows. Looks back at most 256 characters (then cuts at `at`).
 */
function windowCut(s: string, at: number, min: number): number {
  for (let p = at; p > Math.max(min, at - 256); p--) {
    const c = s.charCodeAt(p - 1);
    if (c >= 128 || IN_CODE[c] === 0) return p;
  }
  return at;
}

/**
 * Scans a log that arrives in chunks (a file read as a stream): memory stays bounded by the
 * chunk size, line numbers continue across chunks, and a multi-line reply split between two
 * chunks is still one finding. A line cut by a chunk's end is kept as the pieces it arrived
 * in and joined once, when it ends (never re-joined per chunk); a line longer than LONG_LINE
 * is scanned in windows as it arrives (see README, "Limits").
 */
/**
 * Called with each piece of text a stream scanner read and the findings it made there (outcomes
 * are read from both); `open` is a multi-line reply that may still continue in the next piece
 * (its text is not complete yet). Called once more at the end with no text.
 */
export type ScannedTextHook = (text: string, from: number, to: number, baseLine: number, findings: readonly Finding[], open: Finding | null) => void;

export class LogStreamScanner {
  /** The unfinished last line: the pieces it arrived in, and their length. */
  private pending: string[] = [];
  private pendingLength = 0;
  /** The last chunk ended with a CR: the first half of a CRLF, or a line break of its own. */
  private cr = false;
  /**
   * In a line longer than LONG_LINE: the column of the pending text's first character, and how
   * many of its characters were already scanned (kept as the context of the next window).
   */
  private window: { column: number; scanned: number } | null = null;
  private baseLine = 0;
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
    let chunk = this.cr ? `\r${input}` : input;
    this.cr = chunk.endsWith('\r');
    chunk = normalizeLineBreaks(this.cr ? chunk.slice(0, -1) : chunk);
    const out: Finding[] = [];
    const firstNl = chunk.indexOf('\n');
    if (firstNl < 0) {
      this.addPending(chunk, out);
      return out;
    }
    // The line left unfinished by the previous chunks ends here.
    let from = 0;
    if (this.pendingLength > 0 || this.window) {
      this.endPendingLine(chunk.slice(0, firstNl + 1), out);
      from = firstNl + 1;
    }
    // The rest of the chunk is scanned in place (no copy of it).
    const lastNl = chunk.lastIndexOf('\n');
    if (lastNl >= from) this.scan(chunk, from, lastNl + 1, null, out);
    this.addPending(chunk.slice(lastNl + 1), out);
    return out;
  }

  /** Ends the stream; returns the remaining findings. */
  end(): Finding[] {
    const out: Finding[] = [];
    // A CR at the very end is a line break (a lone CR ends a line, as editors count lines).
    const lastBreak = this.cr ? '\n' : '';
    this.cr = false;
    if (this.pendingLength > 0 || this.window || lastBreak) this.endPendingLine(lastBreak, out);
    if (this.held) {
      out.push(this.held);
      this.held = null;
    }
    this.onScanned?.('', 0, 0, this.baseLine, [], null);
    return out;
  }

  /** Keeps a piece of the unfinished line; scans a window of it once the line is long. */
  private addPending(piece: string, out: Finding[]): void {
    if (!piece) return;
    this.pending.push(piece);
    this.pendingLength += piece.length;
    if (this.pendingLength > LONG_LINE + WINDOW_AFTER) this.scanWindow(false, out);
  }

  /** Scans the unfinished line with `end` (its line break, or nothing at the end of the stream). */
  private endPendingLine(end: string, out: Finding[]): void {
    if (end) this.pending.push(end);
    if (this.window) this.scanWindow(true, out);
    else {
      const line = this.pending.join('');
      if (line) this.scan(line, 0, line.length, null, out);
    }
    this.pending = [];
    this.pendingLength = 0;
    this.window = null;
  }

  /**
   * Scans the next window of a long line: its codes up to a cut near its end (all of them when
   * the line is `final`), with WINDOW_BEFORE characters kept before the cut for the next window.
   */
  private scanWindow(final: boolean, out: Finding[]): void {
    const text = this.pending.join('');
    const scanned = this.window?.scanned ?? 0;
    const column = this.window?.column ?? 0;
    const cut = final ? text.length : windowCut(text, text.length - WINDOW_AFTER, scanned);
    this.scan(text, scanned, cut, column, out);
    if (final) return;
    const keep = Math.max(0, cut - WINDOW_BEFORE);
    const rest = text.slice(keep);
    this.pending = [rest];
    this.pendingLength = rest.length;
    this.window = { column: column + keep, scanned: cut - keep };
  }

  /**
   * Scans [from, to) of `text`. `column` is null for whole lines; for a window of a long line it
   * is the column of `text`'s first character, which is not the line's start.
   */
  private scan(text: string, from: number, to: number, column: number | null, out: Finding[]): void {
    const line = this.baseLine;
    const toPosition: PositionMapper | null = column === null ? null : (offset) => ({ line, character: column + offset });
    const assembler = new FindingAssembler(text, toPosition, this.baseLine);
    if (this.previous) assembler.carryFrom(this.previous);
    const baseLine = this.baseLine;
    const within = column === null ? undefined : { start: 0, end: text.length };
    this.baseLine += scanHits(text, from, to, (hits, ls, le, li) => assembler.addLine(hits, ls, le, li), within);
    this.onScanned?.(text, from, to, baseLine, assembler.findings, assembler.openFinding);
    if (this.held) out.push(this.held);
    this.held = null;
    for (const f of assembler.findings) out.push(f);
    // The last finding waits while it is a multi-line reply that may continue on the next line.
    const open = assembler.openFinding;
    if (open && out[out.length - 1] === open) this.held = out.pop()!;
    // Kept for the reply it may leave open, not for its findings: a consumer that drops each
    // finding once handled (the CLI) holds no line's findings longer than it needs.
    assembler.findings.length = 0;
    this.previous = assembler;
  }
}
