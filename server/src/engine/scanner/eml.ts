// Mail messages (.eml, bounces / DSNs): walks the MIME structure, scans the human-readable
// parts and the RFC 3464 delivery-status fields, decodes quoted-printable and base64 parts
// (findings keep ranges in the raw text), and skips what is not a report: header blocks,
// copies of the original message's headers, and binary attachments. Broken MIME never
// throws: a part that cannot be understood is scanned as plain text or skipped.
import type { Finding, FindingSource } from '../types';
import { FindingAssembler, scanHits, type PositionMapper } from './lines';
import { decodeBody, identity, RunMap, type Decoded } from './mimeDecode';
import { findingRecipient } from '../outcomes/recipient';

const MAX_DEPTH = 12;
/** The limits of a finding's text and context (as in lines.ts). */
const MAX_TEXT = 2000;
const MAX_CONTEXT = 4000;

interface HeaderField {
  name: string;
  value: string;
}

interface Headers {
  fields: HeaderField[];
  bodyStart: number;
}

/** Line-start table of the whole document, for offset → position. */
class LineIndex {
  private readonly starts: number[] = [0];
  constructor(s: string) {
    for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  positionAt(offset: number): { line: number; character: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo] };
  }
}

const HEADER_NAME = /^[!-9;-~]{1,76}:/;
const KNOWN_HEADERS = new Set([
  'from',
  'to',
  'cc',
  'subject',
  'date',
  'received',
  'return-path',
  'message-id',
  'mime-version',
  'content-type',
  'delivered-to',
  'reply-to',
  'sender',
  'x-failed-recipients',
  'auto-submitted',
  'in-reply-to',
  'references',
  'dkim-signature',
  'authentication-results',
  'x-original-to',
  'envelope-to',
]);

/** Reads a header block starting at `start`; it ends at the first empty line (or where headers stop). */
function parseHeaders(s: string, start: number, end: number): Headers {
  const fields: HeaderField[] = [];
  let pos = start;
  let current: HeaderField | null = null;
  while (pos < end) {
    let nl = s.indexOf('\n', pos);
    if (nl < 0 || nl >= end) nl = end;
    const lineEnd = nl > pos && s.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    const line = s.slice(pos, lineEnd);
    if (line.length === 0) return { fields, bodyStart: Math.min(nl + 1, end) };
    const c = line.charCodeAt(0);
    if ((c === 32 || c === 9) && current) {
      current.value += ' ' + line.trim();
    } else if (HEADER_NAME.test(line)) {
      const colon = line.indexOf(':');
      current = { name: line.slice(0, colon).toLowerCase(), value: line.slice(colon + 1).trim() };
      fields.push(current);
    } else if (pos === start && line.startsWith('From ')) {
      // mbox separator line
    } else {
      // Not a header: the header block is broken; the body starts here.
      return { fields, bodyStart: pos };
    }
    pos = nl + 1;
  }
  return { fields, bodyStart: end };
}

/** True when the text starts like an RFC 5322 message (a header block with known fields). */
export function looksLikeEmail(text: string): boolean {
  const head = text.slice(0, 16384);
  const first = head.slice(0, head.indexOf('\n') >>> 0);
  if (!HEADER_NAME.test(first) && !first.startsWith('From ')) return false;
  const { fields, bodyStart } = parseHeaders(head, 0, head.length);
  if (fields.length < 2) return false;
  const known = fields.filter((f) => KNOWN_HEADERS.has(f.name)).length;
  return known >= 2 && (bodyStart < head.length || text.length <= head.length);
}

function header(h: Headers, name: string): string | undefined {
  return h.fields.find((f) => f.name === name)?.value;
}

interface ContentType {
  type: string;
  params: Map<string, string>;
}

function parseContentType(value: string | undefined): ContentType {
  const params = new Map<string, string>();
  if (!value) return { type: '', params };
  const semi = value.indexOf(';');
  const type = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase();
  const re = /;\s*([A-Za-z0-9*_.-]+)\s*=\s*(?:"([^"]*)"|([^;\s]*))/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(value)) !== null) params.set(m[1].toLowerCase(), m[2] ?? m[3] ?? '');
  return { type, params };
}

function isUtf8(charset: string | undefined): boolean {
  return !!charset && /^utf-?8$/i.test(charset.trim());
}

/** Re-reads latin1-decoded bytes as UTF-8 when the part says so and it is valid UTF-8. */
function fixCharset(text: string, charset: string | undefined): string {
  if (!isUtf8(charset) || !/[\u0080-\u00ff]/.test(text)) return text;
  const bytes = Buffer.from(text, 'latin1');
  const decoded = bytes.toString('utf8');
  return decoded.includes('\ufffd') ? text : decoded;
}

/** The indented lines that follow the line of `pos` (a wrapped reply), joined; at most 6 lines. */
function wrappedLines(text: string, pos: number): string {
  const parts: string[] = [];
  let nl = text.indexOf('\n', pos);
  while (nl >= 0 && parts.length < 6) {
    const start = nl + 1;
    const c = text.charCodeAt(start);
    if (c !== 32 && c !== 9) break;
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end).trim();
    // An empty line ends the paragraph; a line that opens another reply or command is not this one's text.
    if (!line || /^(?:<<<|>>>|<-|->|\d{3}[ -]|[245]\.\d{1,3}\.\d{1,3}\s)/.test(line)) break;
    parts.push(line);
    nl = end < text.length ? end : -1;
  }
  return parts.join(' ');
}

/** One recipient group of a `message/delivery-status` part (RFC 3464 §2.3), as the bounce states it. */
export interface DsnGroup {
  /** Field names lower-cased, values unfolded (`final-recipient`, `action`, `status`, `diagnostic-code`, `remote-mta`…). */
  fields: Map<string, string>;
  /** The recipient: Final-Recipient, else Original-Recipient, without its address type. */
  recipient: string | null;
  /** Findings made from this group's fields, in order. */
  findings: Finding[];
  /** Where the group's first field starts in the document (a problem without a code goes there). */
  start: { line: number; character: number };
}

/** A bounce as a report: its delivery-status groups, the IDs that link it to a log, and its findings. */
export interface EmailReport {
  findings: Finding[];
  groups: DsnGroup[];
  /** Per-message fields of the delivery-status part (Reporting-MTA, X-Postfix-Queue-ID, Original-Envelope-Id…). */
  messageFields: Map<string, string>;
  /** Message-IDs of the returned message (its headers in a message/rfc822 or text/rfc822-headers part). */
  returnedMessageIds: string[];
  /** The first human-readable parts (decoded, bounded), where a bounce without a delivery-status part names its recipients. */
  prose: ProsePart[];
  /** The message's Subject header. */
  subject: string;
}

/** A human-readable part as decoded text, with the document position of each of its characters. */
export interface ProsePart {
  /** As decoded (latin1 for 8-bit parts, so offsets map to the document); `words` reads a slice as its charset says. */
  text: string;
  positionAt(offset: number): { line: number; character: number };
  words(start: number, end: number): string;
}

/** Human-readable parts kept for reading recipients from prose, and how much of each. */
const MAX_PROSE_PARTS = 3;
const MAX_PROSE = 64 << 10;

/** A text part is scanned in windows of about this many characters (cut at line ends), so its findings can be handed on as they are found. */
const TEXT_WINDOW = 1 << 16;
/** Lines past a window that its string holds: a reply's wrapped lines (wrappedLines reads at most 6, and the first character of the next). */
const WRAP_LOOKAHEAD = 7;

/**
 * The failures of a streamed bounce that its outcomes need (readBounceOutcomes routes each one
 * not in a recipient group: to an outcome as its deciding code or as evidence, or to an outcome
 * of its own). A streamed report's evidence is never shown (compact stories, Scan File's results
 * list no related places), so a failure only counts when it can decide or make an outcome. A
 * line whose failures all have the same class, codes and recipient (a "plain" line), outside the
 * first lines of the human-readable parts (where a bounce without delivery-status names its
 * recipients) and after an earlier plain line of that key, can do neither: that line's failure
 * went through the same recipient-, code- and class-based rules, which only ever gain targets,
 * so this one lands on an outcome that has its deciding code. Such lines are dropped; a bounce
 * that repeats one reply 400 000 times keeps one of them, not 400 000 findings.
 */
class KeptFailures {
  readonly list: Finding[] = [];
  /** The failures of the line being read (a line's findings arrive together), and whether they must be kept. */
  private line: Finding[] = [];
  private lineNo = -1;
  private lineKept = false;
  /** Keys (class, codes, recipient) that have a plain line kept. */
  private readonly plainKeys = new Set<string>();
  /** Failures have come in line order so far (they do; if not, nothing more is dropped). */
  private ordered = true;

  /** `keep`: the failure is one a rule reads by its line (a delivery-status field, the first lines of a human-readable part). */
  add(f: Finding, keep: boolean): void {
    const line = f.range.start.line;
    if (line !== this.lineNo) {
      if (line < this.lineNo) this.ordered = false;
      this.flush();
      this.lineNo = line;
    }
    this.line.push(f);
    if (keep) this.lineKept = true;
  }

  /** Ends the line being read. */
  flush(): void {
    const line = this.line;
    if (line.length === 0) return;
    this.line = [];
    const key = failureKey(line[0]);
    const plain = this.ordered && !this.lineKept && line.every((f) => failureKey(f) === key);
    this.lineKept = false;
    if (plain) {
      if (this.plainKeys.has(key)) return;
      this.plainKeys.add(key);
    }
    for (const f of line) this.list.push(f);
  }
}

function failureKey(f: Finding): string {
  return `${f.class}\u0000${f.reply ?? ''}\u0000${f.enhanced ?? ''}\u0000${findingRecipient(f) ?? ''}`;
}

class EmailScanner {
  findings: Finding[] = [];
  readonly groups: DsnGroup[] = [];
  readonly messageFields = new Map<string, string>();
  readonly returnedMessageIds: string[] = [];
  readonly prose: ProsePart[] = [];
  /** With `emit`: the failures handed on that the outcomes need (see KeptFailures). */
  readonly failures = new KeptFailures();
  /** Failures on lines up to this one are kept whatever they are: the first lines of the human-readable parts kept as prose. */
  private proseThroughLine = -1;
  private readonly index: LineIndex;

  /** With `emit`, findings are handed on as each text part (or window of one) is done, in order, and not kept. */
  constructor(
    private readonly s: string,
    private readonly emit?: (found: Finding[]) => void,
  ) {
    this.index = new LineIndex(s);
  }

  /** Hands on the findings so far (never inside a delivery-status group: its findings are completed together). */
  private release(): void {
    if (!this.emit || this.findings.length === 0) return;
    const found = this.findings;
    this.findings = [];
    this.keepFailures(found);
    this.emit(found);
  }

  /** Notes the failures of `found` for the outcomes (streaming). */
  keepFailures(found: Finding[]): void {
    for (const f of found) if (f.class === 'permanent' || f.class === 'transient') this.failures.add(f, f.source === 'dsn-field' || f.range.start.line <= this.proseThroughLine);
  }

  walk(start: number, end: number, depth: number): void {
    if (depth > MAX_DEPTH || start >= end) return;
    const h = parseHeaders(this.s, start, end);
    const ct = parseContentType(header(h, 'content-type'));
    const encoding = header(h, 'content-transfer-encoding') ?? '7bit';
    const bodyStart = h.bodyStart;
    const type = ct.type || 'text/plain';

    if (type.startsWith('multipart/')) {
      const boundary = ct.params.get('boundary');
      const parts = boundary ? this.splitMultipart(bodyStart, end, boundary) : null;
      if (!parts || parts.length === 0) {
        // Broken multipart: no boundary, or never found. Read the body as text.
        this.scanText(identity(this.s, bodyStart, end), undefined);
        return;
      }
      for (const [ps, pe] of parts) this.walk(ps, pe, depth + 1);
      return;
    }
    if (type === 'message/rfc822' || type === 'message/global') {
      // A copy of a message: its own headers are skipped by walk(); its body is read (a forwarded bounce).
      if (encoding.trim().toLowerCase() === 'base64' || encoding.trim().toLowerCase() === 'quoted-printable') return;
      this.noteMessageId(parseHeaders(this.s, bodyStart, end));
      this.walk(bodyStart, end, depth + 1);
      return;
    }
    if (type === 'message/delivery-status' || type === 'message/global-delivery-status') {
      this.scanDeliveryStatus(decodeBody(this.s, bodyStart, end, encoding), ct.params.get('charset'));
      this.release();
      return;
    }
    if (type === 'text/rfc822-headers' || type === 'text/rfc822-header') {
      this.noteMessageId(parseHeaders(this.s, bodyStart, end));
      return;
    }
    if (type.startsWith('text/') || type === 'message/feedback-report') {
      this.scanText(decodeBody(this.s, bodyStart, end, encoding), ct.params.get('charset'));
    }
    // Anything else (images, archives, application/*) is an attachment: not read.
  }

  private noteMessageId(h: Headers): void {
    const id = header(h, 'message-id');
    const m = id ? /<([^<>\s]{1,250})>/.exec(id) : null;
    if (m && !this.returnedMessageIds.includes(m[1])) this.returnedMessageIds.push(m[1]);
  }

  private splitMultipart(start: number, end: number, boundary: string): Array<[number, number]> | null {
    const delimiter = `--${boundary}`;
    const parts: Array<[number, number]> = [];
    let partStart = -1;
    let pos = start;
    let found = false;
    while (pos < end) {
      let nl = this.s.indexOf('\n', pos);
      if (nl < 0 || nl >= end) nl = end;
      const lineEnd = nl > pos && this.s.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      if (this.s.startsWith(delimiter, pos)) {
        const rest = this.s.slice(pos + delimiter.length, lineEnd).trim();
        if (rest === '' || rest === '--') {
          found = true;
          if (partStart >= 0) parts.push([partStart, Math.max(partStart, pos - 1)]);
          if (rest === '--') return parts;
          partStart = nl + 1;
        }
      }
      pos = nl + 1;
    }
    if (partStart >= 0 && partStart < end) parts.push([partStart, end]);
    return found ? parts : null;
  }

  private mapper(decoded: Decoded): PositionMapper {
    return (offset) => this.index.positionAt(decoded.rawOffset(offset));
  }

  /**
   * Scans decoded text in windows of whole lines (a reply left open at a window's end waits for
   * the next); a text part hands on each window's findings when the scanner emits. A part decoded
   * to bytes (base64) is made into text a window at a time: each window's string starts at the
   * line break before it and runs WRAP_LOOKAHEAD lines past its end (the wrapped lines of a reply
   * on its last line), so every finding reads what it would read in the whole text.
   */
  private scanText(decoded: Decoded, charset: string | undefined, source: FindingSource | null = null, recipient?: string): void {
    const bytes = decoded.bytes;
    const whole = bytes ? null : decoded.text;
    const length = bytes ? bytes.length : whole!.length;
    const slice = bytes ? (a: number, b: number) => bytes.slice(a, b) : (a: number, b: number) => whole!.slice(a, b);
    const lineBreakFrom = bytes ? (i: number) => bytes.lineBreak(i) : (i: number) => whole!.indexOf('\n', i);
    const toPosition = this.mapper(decoded);
    if (source === null && this.prose.length < MAX_PROSE_PARTS) {
      this.prose.push({ text: slice(0, MAX_PROSE), positionAt: toPosition, words: (start, end) => fixCharset(slice(start, end), charset) });
      // Prose recipients (and the lines of their blocks) are read from this slice: its lines' failures are kept.
      if (length > 0) this.proseThroughLine = Math.max(this.proseThroughLine, toPosition(Math.min(length, MAX_PROSE) - 1).line + 1);
    }
    let previous: FindingAssembler | null = null;
    let held: Finding | null = null;
    /** The text the held finding was read from (its offsets are in it). */
    let heldText = '';
    let line = 0;
    for (let from = 0; from < length; ) {
      const next = from + TEXT_WINDOW < length ? lineBreakFrom(from + TEXT_WINDOW) : -1;
      const to = next < 0 ? length : next + 1;
      let text = whole!;
      let base = 0;
      if (bytes) {
        base = from > 0 ? from - 1 : 0;
        let end = to;
        for (let k = 0; k < WRAP_LOOKAHEAD && end < length; k++) {
          const nl = bytes.lineBreak(end);
          end = nl < 0 ? length : nl + 1;
        }
        text = slice(base, end);
      }
      const windowPosition: PositionMapper = base === 0 ? toPosition : (offset) => toPosition(base + offset);
      const assembler: FindingAssembler = new FindingAssembler(text, windowPosition, line, source, recipient);
      if (previous) assembler.carryFrom(previous);
      line += scanHits(text, from - base, to - base, (hits, ls, le, li) => assembler.addLine(hits, ls, le, li));
      const found: Finding[] = held ? [held, ...assembler.findings] : assembler.findings;
      const open = assembler.openFinding;
      const wasHeld: Finding | null = held;
      held = to < length && open && found[found.length - 1] === open ? found.pop()! : null;
      for (const f of found) this.findings.push(this.completeText(f, f === wasHeld ? heldText : text, charset, source));
      if (held !== wasHeld) heldText = text;
      if (source === null) this.release();
      previous = assembler;
      from = to;
    }
  }

  /** A finding's text in a message: with the lines it wraps onto, cut at `(in reply to`, in its part's charset. */
  private completeText(f: Finding, text: string, charset: string | undefined, source: FindingSource | null): Finding {
    // In a bounce body a reply often wraps onto indented lines (Postfix's "The mail system",
    // Exim): they are the rest of its text.
    const pos = (f as { pos?: number }).pos;
    const wrapped = source === null && pos !== undefined ? wrappedLines(text, pos) : '';
    const joined = wrapped ? `${f.text} ${wrapped}`.trim() : f.text;
    const inReply = joined.indexOf(' (in reply to ');
    f.text = fixCharset((inReply >= 0 ? joined.slice(0, inReply) : joined).slice(0, MAX_TEXT), charset);
    f.context = fixCharset(f.context, charset);
    return f;
  }

  /** Keeps a recipient group's fields (the first block without a recipient is the per-message fields). */
  private noteGroup(group: Array<{ text: string }>, recipient: string | null, findings: Finding[], start: { line: number; character: number }, charset: string | undefined): void {
    const fields = new Map<string, string>();
    for (const f of group) {
      const colon = f.text.indexOf(':');
      if (colon <= 0) continue;
      const name = f.text.slice(0, colon).trim().toLowerCase();
      if (!fields.has(name)) fields.set(name, fixCharset(f.text.slice(colon + 1).trim().slice(0, MAX_TEXT), charset));
    }
    if (!recipient && !fields.has('action') && !fields.has('status')) {
      for (const [k, v] of fields) if (!this.messageFields.has(k)) this.messageFields.set(k, v);
      return;
    }
    this.groups.push({ fields, recipient, findings, start });
  }

  /** RFC 3464 fields: unfolds each field onto one logical line and scans it, per recipient group. */
  private scanDeliveryStatus(decoded: Decoded, charset: string | undefined): void {
    const text = decoded.text;
    let pos = 0;
    // Each field's characters map to offsets of the decoded part: one run per raw line it was folded from.
    let group: Array<{ text: string; map: RunMap }> = [];
    let recipient: string | undefined;
    let groupStart = -1;
    const flush = () => {
      const before = this.findings.length;
      for (const field of group) {
        const map = field.map;
        const fieldDecoded: Decoded = { text: field.text, rawOffset: (i) => decoded.rawOffset(map.rawOffset(i)) };
        this.scanText(fieldDecoded, charset, 'dsn-field', recipient);
      }
      // A `Status:` says nothing in words: give it the group's diagnostic (`Diagnostic-Code: smtp; ...`,
      // even one without a code) as its text, and the whole group (Remote-MTA...) as its context.
      const diagnostic = group.map((f) => /^diagnostic-code\s*:\s*(?:[a-z0-9-]+\s*;)?\s*(.*)$/is.exec(f.text)?.[1]).find((t) => t && t.trim());
      const context = group.map((f) => f.text).join('\n');
      for (let i = before; i < this.findings.length; i++) {
        const f = this.findings[i];
        if (!f.text && diagnostic) f.text = fixCharset(diagnostic.trim().slice(0, MAX_TEXT), charset);
        f.context = fixCharset(context.slice(0, MAX_CONTEXT), charset);
      }
      if (group.length) this.noteGroup(group, recipient ?? null, this.findings.slice(before), groupStart >= 0 ? this.index.positionAt(decoded.rawOffset(groupStart)) : { line: 0, character: 0 }, charset);
      group = [];
      recipient = undefined;
      groupStart = -1;
    };
    while (pos <= text.length) {
      let nl = text.indexOf('\n', pos);
      if (nl < 0) nl = text.length;
      const lineEnd = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      const line = text.slice(pos, lineEnd);
      if (line.trim() === '') {
        flush();
      } else if ((line.charCodeAt(0) === 32 || line.charCodeAt(0) === 9) && group.length) {
        // Folded continuation: join with one space, keep the raw offsets of the kept characters.
        const field = group[group.length - 1];
        const trimmedStart = pos + (line.length - line.trimStart().length);
        // The joining space stands for the continuation's first character.
        field.map.add(field.text.length, trimmedStart, 0);
        field.map.add(field.text.length + 1, trimmedStart, 1);
        field.text += ` ${text.slice(trimmedStart, lineEnd)}`;
        field.map.length = field.text.length;
        field.map.end = lineEnd;
      } else {
        const map = new RunMap(line.length, lineEnd);
        map.add(0, pos, 1);
        if (group.length === 0) groupStart = pos;
        group.push({ text: line, map });
        const m = /^(?:final|original)-recipient\s*:\s*(?:[a-z0-9-]+\s*;\s*)?<?([^>\s]+)>?/i.exec(line);
        if (m && (!recipient || /^final/i.test(line))) recipient = m[1];
      }
      pos = nl + 1;
      if (nl >= text.length) break;
    }
    flush();
  }
}

/** Scans a mail message; findings are sorted by position. */
export function scanEmail(text: string): Finding[] {
  return scanEmailReport(text).findings;
}

function reportOf(scanner: EmailScanner, text: string, findings: Finding[]): EmailReport {
  const top = parseHeaders(text, 0, Math.min(text.length, 65536));
  return { findings, groups: scanner.groups, messageFields: scanner.messageFields, returnedMessageIds: scanner.returnedMessageIds, prose: scanner.prose, subject: header(top, 'subject') ?? '' };
}

/** Scans a mail message and keeps what makes it a report: its delivery-status groups and IDs. */
export function scanEmailReport(text: string): EmailReport {
  const scanner = new EmailScanner(text);
  scanner.walk(0, text.length, 0);
  const findings = scanner.findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return reportOf(scanner, text, findings);
}

/**
 * Scans a mail message and hands its findings on as they are found, in the order scanEmail
 * sorts them (parts are walked in order, and a part's findings come in order), keeping only its
 * failures: a big message's findings need not all be in memory at once (the CLI, Scan File).
 * Returns the report for its outcomes, whose `findings` are those failures.
 */
export function streamEmail(text: string, emit: (found: Finding[]) => void): EmailReport {
  const scanner = new EmailScanner(text, emit);
  scanner.walk(0, text.length, 0);
  const rest = scanner.findings;
  scanner.keepFailures(rest);
  scanner.failures.flush();
  emit(rest);
  return reportOf(scanner, text, scanner.failures.list);
}
