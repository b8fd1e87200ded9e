// The line scanner: finds candidate numbers with one linear-time regular expression over
// the text, asks the context rules about each, and assembles the accepted codes of a line
// into findings (one per reply; continuation lines of a multi-line reply join the first).
import { CLASS_BY_DIGIT, type Finding, type FindingSource, type Range } from '../types';
import { decideEnhanced, decideReply, type Decision } from './context';

/**
 * Candidates: a three-digit number 2xx-5xx with second digit 0-5 (RFC 5321 §4.2), or a
 * dotted class.subject.detail with class 2, 4 or 5 (RFC 3463 §2). The look-arounds keep
 * out numbers that are part of longer numbers, IP addresses, versions, host names, paths
 * and percentages; a literal `\n` before a code (a logged multi-line reply) is allowed.
 * Linear-time: fixed-width look-arounds and bounded repetitions only.
 */
const CANDIDATE =
  /(?:(?<=\\[nr])|(?<![0-9A-Za-z.\-/@$%&\\]))[2-5][0-5][0-9](?![0-9A-Za-z/%@&]|:[0-9]|\.[0-9])|(?<![0-9A-Za-z.\-/@$%&\\])[245]\.[0-9]{1,3}\.[0-9]{1,3}(?![0-9]|\.[0-9])/g;

/** Limits on what a finding carries, so one huge line cannot blow up memory. */
const MAX_TEXT = 2000;
const MAX_CONTEXT = 4000;

/** A code accepted on a line, before the line's codes are assembled into findings. */
export interface Hit {
  decision: Decision;
  /** Offset of the code in the scanned string. */
  pos: number;
  lineStart: number;
  lineEnd: number;
}

/** Calls `onLine` with the hits of each line that has any, in order. */
export function scanHits(s: string, from: number, to: number, onLine: (hits: Hit[], lineStart: number, lineEnd: number) => void): void {
  const re = new RegExp(CANDIDATE.source, 'g');
  re.lastIndex = from;
  let lineStart = -1;
  let lineEnd = -1; // content end (before \r\n)
  let lineBreak = -1; // index of the \n ending the line, or `to`
  let hits: Hit[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    const pos = m.index;
    if (pos >= to) break;
    if (pos > lineBreak) {
      if (hits.length) onLine(hits, lineStart, lineEnd);
      hits = [];
      const nl = s.lastIndexOf('\n', pos - 1);
      lineStart = nl < from ? from : nl + 1;
      const next = s.indexOf('\n', pos);
      lineBreak = next < 0 || next > to ? to : next;
      lineEnd = lineBreak > lineStart && s.charCodeAt(lineBreak - 1) === 13 ? lineBreak - 1 : lineBreak;
    }
    const decision = m[0].length === 3 ? decideReply(s, pos, lineStart, lineEnd) : decideEnhanced(s, pos, pos + m[0].length, lineStart, lineEnd);
    if (decision) {
      hits.push({ decision, pos, lineStart, lineEnd });
      if (decision.codeEnd > re.lastIndex) re.lastIndex = decision.codeEnd;
    }
  }
  if (hits.length) onLine(hits, lineStart, lineEnd);
}

/** The reply text of a hit: cut at the end of its quoted value and at log fields that follow it. */
export function replyText(s: string, hit: Hit): string {
  const { decision, pos, lineStart } = hit;
  let start = decision.textStart;
  let end = Math.min(decision.textEnd, start + MAX_TEXT);
  // Inside a quoted value (`msg="535 ..."`, `"reason": "550 ..."`, `returned '550 ...'`): cut at its close.
  const quote = openQuoteBefore(s, lineStart, pos);
  if (quote) {
    const close = findClosingQuote(s, start, end, quote);
    if (close >= 0) end = close;
  }
  let text = s.slice(start, end);
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
  if (decision.reply && text) {
    // In a reply logged on one line (`550-5.1.1 The ... 550-5.1.1 more ... 550 5.1.1 end`) drop the repeated codes.
    text = stripRepeatedCodes(text, decision.reply, decision.enhanced);
  }
  return text;
}

function count(s: string, ch: string): number {
  let n = 0;
  for (let i = s.indexOf(ch); i >= 0; i = s.indexOf(ch, i + 1)) n++;
  return n;
}

function stripRepeatedCodes(text: string, reply: string, enhanced: string | null): string {
  if (!text.includes(reply)) return text;
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
  let dq = 0;
  let lastDq = -1;
  for (let i = from; i < pos; i++) {
    const c = s.charCodeAt(i);
    if (c === 34 && s.charCodeAt(i - 1) !== 92) (dq++, (lastDq = i));
  }
  if (dq % 2 === 1 && lastDq >= 0) return '"';
  const prev = s.charCodeAt(pos - 1);
  if (prev === 39) return "'";
  // `returned '< #5.0.0 smtp; 550 ...>'`: a single quote opened a little before. (Searched only
  // back to `from`: `lastIndexOf` would scan the whole text before a line without a quote.)
  let sq = pos - 1;
  while (sq >= from && s.charCodeAt(sq) !== 39) sq--;
  if (sq >= from && /returned\s*$/i.test(s.slice(Math.max(lineStart, sq - 20), sq))) return "'";
  return null;
}

function findClosingQuote(s: string, from: number, to: number, quote: string): number {
  const q = quote.charCodeAt(0);
  for (let i = from; i < to; i++) {
    if (s.charCodeAt(i) === q && s.charCodeAt(i - 1) !== 92) return i;
  }
  return -1;
}

/** Maps offsets of the scanned string to document positions. */
export interface PositionMapper {
  (offset: number): { line: number; character: number };
}

interface Building {
  finding: Finding;
  dash: boolean;
  /** Line (in document terms) of the last part, for joining continuation lines. */
  lastLine: number;
  /** What precedes the code on its line (`<<< `, spaces), to recognise a continuation line. */
  prefix: string;
}

/**
 * Assembles hits into findings: one finding per distinct (reply, enhanced) pair on a line; a
 * standalone status equal to a reply's enhanced code on the same line joins that reply; a multi-line
 * reply (`550-...` lines then `550 ...`) becomes one finding across its lines.
 */
export class FindingAssembler {
  readonly findings: Finding[] = [];
  private open: Building | null = null;

  /** Continues a multi-line reply left open at the end of the previous chunk of a stream. */
  carryFrom(previous: FindingAssembler): void {
    this.open = previous.open;
  }

  /** The last finding, if it is a multi-line reply that may continue on the next line. */
  get openFinding(): Finding | null {
    return this.open?.finding ?? null;
  }

  constructor(
    private readonly s: string,
    private readonly toPosition: PositionMapper,
    private readonly source: FindingSource | null = null,
    private readonly recipient: string | undefined = undefined,
  ) {}

  addLine(hits: Hit[], lineStart: number, lineEnd: number): void {
    const replies: { hit: Hit; b: Building }[] = [];
    const statuses: Hit[] = [];
    for (const hit of hits) {
      if (hit.decision.reply) {
        const same = replies.find((r) => r.hit.decision.reply === hit.decision.reply && r.hit.decision.enhanced === hit.decision.enhanced);
        if (same) {
          (same.b.finding.otherRanges ??= []).push(this.range(hit));
          same.b.dash = hit.decision.dash;
          continue;
        }
        replies.push({ hit, b: this.building(hit, lineStart, lineEnd) });
      } else {
        statuses.push(hit);
      }
    }
    const out: Building[] = replies.map((r) => r.b);
    for (const hit of statuses) {
      const owner = replies.find((r) => r.hit.decision.enhanced === hit.decision.enhanced);
      if (owner) {
        (owner.b.finding.otherRanges ??= []).push(this.range(hit));
        continue;
      }
      const dup = out.find((b) => !b.finding.reply && b.finding.enhanced === hit.decision.enhanced);
      if (dup) {
        (dup.finding.otherRanges ??= []).push(this.range(hit));
        continue;
      }
      out.push(this.building(hit, lineStart, lineEnd));
    }
    out.sort((a, b) => comparePositions(a.finding.range.start, b.finding.range.start));

    // Continuation of a multi-line reply opened on the previous line.
    let first = 0;
    if (this.open && out.length) {
      const cont = out[0];
      const o = this.open;
      if (
        cont.finding.reply === o.finding.reply &&
        cont.finding.range.start.line === o.lastLine + 1 &&
        cont.prefix.trim() === o.prefix.trim()
      ) {
        (o.finding.otherRanges ??= []).push(cont.finding.range, ...(cont.finding.otherRanges ?? []));
        o.finding.text = joinText(o.finding.text, cont.finding.text);
        o.finding.context = `${o.finding.context}\n${cont.finding.context}`.slice(0, MAX_CONTEXT);
        if (!o.finding.enhanced && cont.finding.enhanced) o.finding.enhanced = cont.finding.enhanced;
        o.dash = cont.dash;
        o.lastLine = cont.finding.range.start.line;
        first = 1;
        if (!o.dash) this.open = null;
      }
    }
    if (first === 0 && this.open) this.open = null;
    for (let i = first; i < out.length; i++) {
      this.findings.push(out[i].finding);
      this.open = out[i].dash ? out[i] : null;
    }
  }

  private range(hit: Hit): Range {
    // The end is mapped from the code's last character: in a decoded part (an unfolded DSN field,
    // base64) the offset right after the code may map to the start of the next raw line.
    const last = this.toPosition(hit.decision.codeEnd - 1);
    return { start: this.toPosition(hit.pos), end: { line: last.line, character: last.character + 1 } };
  }

  private building(hit: Hit, lineStart: number, lineEnd: number): Building {
    const d = hit.decision;
    const cls = CLASS_BY_DIGIT[(d.reply ?? d.enhanced ?? '5')[0]];
    const ctxStart = Math.max(lineStart, hit.pos - MAX_CONTEXT / 2);
    const finding: Finding = {
      range: this.range(hit),
      reply: d.reply,
      enhanced: d.enhanced,
      class: cls,
      text: replyText(this.s, hit),
      context: this.s.slice(ctxStart, Math.min(lineEnd, ctxStart + MAX_CONTEXT)),
      source: this.source ?? d.source,
    };
    if (this.recipient) finding.recipient = this.recipient;
    return { finding, dash: d.dash, lastLine: finding.range.start.line, prefix: this.s.slice(lineStart, hit.pos) };
  }
}

function joinText(a: string, b: string): string {
  if (!a) return b;
  if (!b) return a;
  return `${a} ${b}`.slice(0, MAX_TEXT);
}

function comparePositions(a: { line: number; character: number }, b: { line: number; character: number }): number {
  return a.line - b.line || a.character - b.character;
}

/**
 * Position mapper for a plain text scanned from `from`, whose first line is `baseLine`.
 * Offsets must be asked in increasing order of line (true for the scanner).
 */
export function sequentialPositions(s: string, from: number, baseLine: number): PositionMapper {
  let line = baseLine;
  let lineStart = from;
  // The end of the current line, kept: searching it again for each code of a long line would
  // read the rest of the text each time.
  let nextNl = s.indexOf('\n', from);
  return (offset: number) => {
    if (offset < lineStart) {
      // Rare: asked for an earlier line (a status before a reply on the same line is fine;
      // this only happens for a new scan). Recount from the start.
      line = baseLine;
      lineStart = from;
      nextNl = s.indexOf('\n', from);
    }
    while (nextNl >= 0 && nextNl < offset) {
      line++;
      lineStart = nextNl + 1;
      nextNl = s.indexOf('\n', lineStart);
    }
    return { line, character: offset - lineStart };
  };
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
  const assembler = new FindingAssembler(s, sequentialPositions(s, from, baseLine));
  scanHits(s, from, to, (hits, lineStart, lineEnd) => assembler.addLine(hits, lineStart, lineEnd));
  return assembler.findings;
}

/**
 * Scans a log that arrives in chunks (a file read as a stream): memory stays bounded by the
 * chunk size, line numbers continue across chunks, and a multi-line reply split between two
 * chunks is still one finding.
 */
export class LogStreamScanner {
  private rest = '';
  private baseLine = 0;
  private previous: FindingAssembler | null = null;
  private held: Finding | null = null;

  /** Feeds text; returns the findings completed so far, in order. */
  push(chunk: string): Finding[] {
    let text = this.rest + chunk;
    // A CR at the end of a chunk may be the first half of a CRLF: it waits for the next chunk.
    const cr = text.endsWith('\r') ? '\r' : '';
    text = normalizeLineBreaks(cr ? text.slice(0, -1) : text);
    const lastNl = text.lastIndexOf('\n');
    if (lastNl < 0) {
      this.rest = text + cr;
      return [];
    }
    this.rest = text.slice(lastNl + 1) + cr;
    return this.scan(text, lastNl + 1);
  }

  /** Ends the stream; returns the remaining findings. */
  end(): Finding[] {
    this.rest = normalizeLineBreaks(this.rest);
    const out = this.rest ? this.scan(this.rest, this.rest.length) : [];
    this.rest = '';
    if (this.held) {
      out.push(this.held);
      this.held = null;
    }
    return out;
  }

  private scan(text: string, to: number): Finding[] {
    const assembler = new FindingAssembler(text, sequentialPositions(text, 0, this.baseLine));
    if (this.previous) assembler.carryFrom(this.previous);
    scanHits(text, 0, to, (hits, ls, le) => assembler.addLine(hits, ls, le));
    for (let i = text.indexOf('\n'); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) this.baseLine++;
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
