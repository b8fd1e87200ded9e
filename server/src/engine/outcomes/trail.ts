// The trail of a message: every line of one message and of the messages linked to it (a hop to a
// content filter that queued it again on this host, its non-delivery and delay notifications, an
// Exim bounce's parent), from a queue ID, a Message-ID or an envelope address, and its story —
// where it came from, its sender, Message-ID and size, each recipient's outcome, its removal.
//
// Fast on big texts: nothing reads every line. The texts are searched for the IDs (they are
// distinctive: find.ts) and only the lines that hold one are read, by the family readers' trail():
// the IDs a line names are searched for next. Texts are read as streams, in passes: a pass looks
// for the IDs known so far, and an ID found on the way is looked for in the rest of the pass and
// in the text kept from just before (the `ring`); its earlier lines are found by the next pass,
// which stops once it reaches where each ID was found. Standard input is read once: lines of an
// ID found later than the ring reaches back are missing (the result says it is incomplete).
//
// A message is one run of its queue ID's lines up to the line where it leaves the queue (Postfix
// `removed`, Exim `Completed`): a short Postfix queue ID is used again by another message later
// in a long log, and that one is not part of the trail. Linked messages are joined at the run
// nearest to the line that names them. Everything is bounded: IDs followed, lines kept, passes.
import { analyzeLog } from '../analysis';
import { LineContext } from './context';
import { READERS, readLine } from './read';
import { isTokenChar, searchLines, tokenIndex } from './find';
import type { LineRead, LogFamily, ReadContext, TrailIds, Verdict } from './types';

export type TrailKind = 'id' | 'message-id' | 'address';

/** What a trail starts from: a queue ID (any family's message ID), a Message-ID or an envelope address. */
export interface TrailQuery {
  value: string;
  kind: TrailKind;
}

/** A line of a text: the index of the text (in the order given) and the 0-based line. */
export interface TrailPosition {
  source: number;
  line: number;
}

export interface TrailLimits {
  /** Lines kept (more are left out: the result says it is truncated). */
  maxLines: number;
  /** IDs looked for (the query's and the linked ones). */
  maxIds: number;
  /** Passes over re-readable texts. */
  maxPasses: number;
  /** Characters of text kept to look back in when a new ID turns up (at least the current block). */
  ring: number;
  /** Characters of a line kept. */
  maxLineLength: number;
}

export const EDITOR_LIMITS: TrailLimits = { maxLines: 5000, maxIds: 64, maxPasses: 4, ring: 0, maxLineLength: 4000 };
export const STREAM_LIMITS: TrailLimits = { maxLines: 50000, maxIds: 1000, maxPasses: 4, ring: 4 << 20, maxLineLength: 4000 };

/** A line of the trail, with the places of the trail's IDs (or the query) on it. */
export interface TrailLine {
  source: number;
  /** 0-based. */
  line: number;
  text: string;
  /** [start, end) of each ID of the trail on the line (UTF-16 columns), in order. */
  marks: Array<[number, number]>;
}

/** A recipient's story in one message: its attempts, and how it ends. */
export interface TrailRecipient {
  recipient: string;
  verdict: Verdict;
  attempts: number;
  /** The record that decided the verdict (the last attempt, or the message's expiry). */
  last: TrailLine;
  reply: string | null;
  enhanced: string | null;
  /** The MTA's or the remote server's words on it (bounded). */
  text: string;
  time: string | null;
}

/** One message of a trail: one queue ID's run of lines. */
export interface TrailMessage {
  id: string;
  family: LogFamily | null;
  lines: TrailLine[];
  client: string | null;
  sender: string | null;
  messageId: string | null;
  size: number | null;
  /** Outcomes per recipient, in the order of their first record (refusals of this server too). */
  recipients: TrailRecipient[];
  /** Where it left the queue. */
  removed: TrailLine | null;
  /** Its family logs where a message leaves the queue (Postfix `removed`, Exim `Completed`). */
  logsRemoval: boolean;
  /** The other messages of the trail this one names or is named by. */
  linked: string[];
  /** Its first line of its own (the trail may add lines that only mention it, a bounce's header). */
  first: TrailLine;
  /** The first line's time as written. */
  time: string | null;
}

/** An outcome of a trail: a recipient's story in one of its messages, or a refusal that names no message. */
export interface TrailOutcome extends TrailRecipient {
  queueId: string | null;
}

/** A trail: linked messages (or, for a query that names no message, a line on its own). */
export interface Trail {
  messages: TrailMessage[];
  /** Every line of the trail, in text order. */
  lines: TrailLine[];
  /** Each recipient's outcome in each message, and refusals that name no message. */
  outcomes: TrailOutcome[];
}

export interface TrailResult {
  trails: Trail[];
  /** Lines or IDs were left out (limits). */
  truncated: boolean;
  /** Lines of an ID found late in a text read once may be missing. */
  incomplete: boolean;
}

// ------------------------------------------------------------------ queries

const MAX_TOKEN = 320;

/** Reads a query as given on a command line: `<…>` and surrounding spaces dropped; an `@` makes it an address or Message-ID. */
export function parseTrailQuery(input: string): TrailQuery | null {
  let v = input.trim();
  if (v.startsWith('<') && v.endsWith('>')) v = v.slice(1, -1).trim();
  if (v.length < 3 || v.length > MAX_TOKEN) return null;
  for (let i = 0; i < v.length; i++) if (!isTokenChar(v.charCodeAt(i))) return null;
  if (v.startsWith('@') || v.endsWith('@')) return null;
  return { value: v, kind: v.includes('@') ? 'address' : 'id' };
}

/** What the family readers say of a line's IDs (null: no reader knows it); `context`: what earlier lines told (a CSV header). */
export function trailIdsOf(line: string, context?: ReadContext): { family: LogFamily; ids: TrailIds } | null {
  for (const reader of READERS) {
    if (!reader.claims(line)) continue;
    const ids = reader.trail(line, context);
    if (ids) return { family: reader.family, ids };
  }
  return null;
}

/** The records of a line's trail: the line's, then those of other messages on it (a batch of events). */
function recordsOf(ids: TrailIds): TrailIds[] {
  return ids.also?.length ? [ids, ...ids.also] : [ids];
}

/** The token (a run of token characters, without a closing full stop) under a column, or null. */
export function tokenAt(line: string, character: number): { token: string; start: number; end: number } | null {
  if (character < 0 || character > line.length) return null;
  let start = character;
  let end = character;
  while (start > 0 && character - start < MAX_TOKEN && isTokenChar(line.charCodeAt(start - 1))) start--;
  while (end < line.length && end - character < MAX_TOKEN && isTokenChar(line.charCodeAt(end))) end++;
  // A sentence's full stop is not part of the token.
  while (end > start && line.charCodeAt(end - 1) === 46) end--;
  if (end - start < 3 || character > end) return null;
  return { token: line.slice(start, end), start, end };
}

/**
 * The trail token under a column of a log line: a queue ID the line names (its own, a hop's, a
 * notification's, a parent's), the Message-ID it records, or an envelope address. Null elsewhere.
 */
export function trailTokenAt(line: string, character: number): (TrailQuery & { start: number; end: number }) | null {
  const t = tokenAt(line, character);
  if (!t) return null;
  const { token, start, end } = t;
  const read = trailIdsOf(line);
  if (read) {
    const ids = read.ids;
    if (token === ids.queueId || ids.links.includes(token)) return { value: token, kind: 'id', start, end };
    if (ids.messageId && token === ids.messageId) return { value: token, kind: 'message-id', start, end };
  }
  const at = token.indexOf('@');
  if (at > 0 && at < token.length - 1 && token.indexOf('@', at + 1) < 0) return { value: token, kind: 'address', start, end };
  return null;
}

/** What a bounce says of the message it returns (EmailReport's fields). */
export interface BounceIds {
  messageFields: ReadonlyMap<string, string>;
  returnedMessageIds: readonly string[];
}

/**
 * In a bounce, the token under a column when it is the returned message's queue ID
 * (`X-Postfix-Queue-ID`), its envelope ID (`Original-Envelope-Id`) or its Message-ID: a query for
 * the log lines of that message. Null elsewhere.
 */
export function bounceTrailTokenAt(bounce: BounceIds, line: string, character: number): (TrailQuery & { start: number; end: number }) | null {
  const t = tokenAt(line, character);
  if (!t) return null;
  const queueId = bounce.messageFields.get('x-postfix-queue-id')?.trim();
  if (queueId && t.token === queueId) return { value: t.token, kind: 'id', start: t.start, end: t.end };
  const envelopeId = bounce.messageFields.get('original-envelope-id')?.trim();
  // An envelope ID is the sender's: lines that hold it name their messages.
  if (envelopeId && t.token === envelopeId) return { value: t.token, kind: 'message-id', start: t.start, end: t.end };
  if (bounce.returnedMessageIds.includes(t.token)) return { value: t.token, kind: 'message-id', start: t.start, end: t.end };
  return null;
}

// ------------------------------------------------------------------ collecting lines

/** A position in the texts: source, then line. BEGIN is before everything. */
const BEGIN: TrailPosition = { source: -1, line: 0 };

function before(a: TrailPosition, b: TrailPosition): boolean {
  return a.source < b.source || (a.source === b.source && a.line < b.line);
}

/** The start of the first text is the start of everything. */
function atBegin(p: TrailPosition): boolean {
  return p.source < 0 || (p.source === 0 && p.line === 0);
}

interface Needle {
  value: string;
  /** Looked for from here to the end; what is before still has to be (BEGIN: covered). */
  from: TrailPosition;
  /** The pass it was found in. */
  pass: number;
}

interface Hit {
  source: number;
  line: number;
  text: string;
  read: { family: LogFamily; ids: TrailIds } | null;
  /** The messages the line is about (its records' queue IDs). */
  owners: string[];
  /** The message this line says left the queue (`removed`, `Completed`), if any. */
  endOf: string | null;
  /** The header that named the line's columns (a CSV log), to read the line's outcomes again. */
  header: string | null;
}

interface Block {
  source: number;
  line: number;
  s: string;
  from: number;
  to: number;
}

/** The header line of an Exchange message tracking log (its columns), looked for in logs that start with `#`. */
const FIELDS = '#Fields';

/** Blocks searched at a time: the granularity of the ring and of stopping a pass early. */
const BLOCK = 1 << 20;
/** A line longer than this without a line break is searched in parts (memory stays bounded). */
const MAX_PARTIAL = 1 << 20;

/**
 * Collects the lines of a trail from texts read as streams, in passes. The caller reads each
 * text from its start in each pass: beginPass, then per text beginSource, push (any pieces),
 * endSource; endPass says whether another pass is needed. `done` says a pass may stop reading.
 */
export class TrailCollector {
  private readonly needles: Needle[] = [];
  private readonly known = new Set<string>();
  private readonly hits = new Map<string, Hit>();
  private pass = 0;
  private source = -1;
  private line = 0;
  private rest = '';
  private cr = false;
  private ring: Block[] = [];
  private ringChars = 0;
  private addedThisPass = false;
  /** What earlier lines of the current text told (a CSV header's columns), and that header's text. */
  private context = new LineContext(true);
  private header: string | null = null;
  /** The current text opened with a `#` line (Exchange): its `#Fields:` headers are looked for too. */
  private fieldsHeaders = false;
  private firstSeen = false;
  truncated = false;
  incomplete = false;
  /** What the collection cost: passes, characters searched, lines read by the family readers. */
  readonly stats = { passes: 0, searched: 0, linesRead: 0 };

  constructor(
    readonly query: TrailQuery,
    private readonly limits: TrailLimits,
  ) {
    this.addNeedle(query.value, BEGIN);
  }

  /** IDs looked for so far (the query first). */
  get ids(): string[] {
    return this.needles.map((n) => n.value);
  }

  beginPass(): void {
    this.pass++;
    this.stats.passes = this.pass;
    this.addedThisPass = false;
    this.source = -1;
  }

  beginSource(index: number): void {
    this.source = index;
    this.line = 0;
    this.rest = '';
    this.cr = false;
    this.ring = [];
    this.ringChars = 0;
    this.context = new LineContext(true);
    this.header = null;
    this.fieldsHeaders = false;
    this.firstSeen = false;
  }

  /** True in a later pass once nothing before here is left to look for: the reader may stop. */
  get done(): boolean {
    if (this.pass <= 1 || this.addedThisPass) return false;
    const here = { source: this.source, line: this.line };
    return !this.needles.some((n) => before(here, n.from));
  }

  /**
   * A piece of the current text (pieces need not end at line ends). `normalized`: its line breaks
   * are already as editors count them (no lone CR), as in an open document.
   */
  push(piece: string, normalized = false): void {
    if (!piece || this.done) return;
    let text = piece;
    if (!normalized && this.cr) {
      text = `\r${text}`;
      this.cr = false;
    }
    // A CR at the end may be the first half of a CRLF: it waits for the next piece.
    if (!normalized && text.endsWith('\r')) {
      this.cr = true;
      text = text.slice(0, -1);
    }
    if (!normalized && text.includes('\r')) text = text.replace(/\r(?!\n)/g, '\n');
    let from = 0;
    if (this.rest) {
      const nl = text.indexOf('\n');
      if (nl < 0) {
        this.rest += text;
        if (this.rest.length > MAX_PARTIAL) this.partial();
        return;
      }
      // The line cut by the previous piece's end: joined to its first part (one line).
      const head = this.rest + text.slice(0, nl + 1);
      this.rest = '';
      this.blocks(head, 0, head.length);
      from = nl + 1;
    }
    const lastNl = text.lastIndexOf('\n');
    if (lastNl >= from) this.blocks(text, from, lastNl + 1);
    this.rest = text.slice(Math.max(from, lastNl + 1));
    if (this.rest.length > MAX_PARTIAL) this.partial();
  }

  endSource(): void {
    if (this.cr) {
      this.cr = false;
      this.rest += '\n';
    }
    if (this.rest) {
      const last = this.rest;
      this.rest = '';
      this.blocks(last, 0, last.length);
    }
  }

  /** Ends a pass; true when another pass over the texts is needed (and they can be read again). */
  endPass(rereadable: boolean): boolean {
    // Needles that were in this pass from its start have now been looked for everywhere.
    if (this.pass >= 2) for (const n of this.needles) if (n.pass < this.pass) n.from = BEGIN;
    const open = this.needles.some((n) => !atBegin(n.from));
    if (!open) return false;
    if (!rereadable || this.pass >= this.limits.maxPasses) {
      this.incomplete = true;
      return false;
    }
    return true;
  }

  /** A huge line without a line break: its part so far is searched (then kept short). */
  private partial(): void {
    const part = this.rest;
    this.searchBlock({ source: this.source, line: this.line, s: part, from: 0, to: part.length }, this.activeNeedles());
    this.rest = part.slice(-512);
  }

  private activeNeedles(): string[] {
    const here = { source: this.source, line: this.line };
    const out: string[] = [];
    for (const n of this.needles) if (this.pass === 1 || n.pass === this.pass || before(here, n.from)) out.push(n.value);
    if (this.fieldsHeaders) out.push(FIELDS);
    return out;
  }

  /** A header line (a CSV log's columns): what it names is the context of the lines after it. */
  private readHeader(text: string, line: number): boolean {
    this.context.at = line;
    const r = readLine(text, false, this.context);
    this.context.at = Number.MAX_SAFE_INTEGER;
    let header = false;
    for (const read of r?.reads ?? []) {
      if (read.kind !== 'columns') continue;
      this.context.addHeader(line, r!.family, read.names);
      header = true;
    }
    if (header) this.header = text;
    return header;
  }

  private blocks(s: string, from: number, to: number): void {
    for (let at = from; at < to; ) {
      if (this.done) return;
      let end = Math.min(to, at + BLOCK);
      if (end < to) {
        const nl = s.lastIndexOf('\n', end - 1);
        end = nl >= at ? nl + 1 : Math.min(to, s.indexOf('\n', end) + 1 || to);
      }
      if (!this.firstSeen) {
        // The first line of a text may name the columns of the rest (a message-trace export).
        this.firstSeen = true;
        let nl = s.indexOf('\n', at);
        if (nl < 0 || nl > end) nl = end;
        const first = s.slice(at, Math.min(nl, at + this.limits.maxLineLength)).replace(/\r$/, '');
        this.fieldsHeaders = first.startsWith('#');
        this.readHeader(first, this.line);
      }
      const block: Block = { source: this.source, line: this.line, s, from: at, to: end };
      this.keep(block);
      const found = this.needles.length;
      this.line += this.searchBlock(block, this.activeNeedles());
      this.lookBack(found);
      at = end;
    }
  }

  private keep(block: Block): void {
    this.ring.push(block);
    this.ringChars += block.to - block.from;
    while (this.ring.length > 1 && this.ringChars - (this.ring[0].to - this.ring[0].from) >= this.limits.ring) {
      const old = this.ring.shift()!;
      this.ringChars -= old.to - old.from;
    }
  }

  /** Searches a block for needles and takes the lines found; returns the block's line breaks. */
  private searchBlock(block: Block, needles: string[]): number {
    this.stats.searched += block.to - block.from;
    return searchLines(block.s, block.from, block.to, needles, (index, start, end) => this.take(block, block.line + index, start, end));
  }

  /** IDs found since `found` (their index) are looked for in the ring, until no new one turns up. */
  private lookBack(found: number): void {
    while (found < this.needles.length) {
      const fresh = this.needles.slice(found).map((n) => n.value);
      found = this.needles.length;
      for (const block of this.ring) this.searchBlock(block, fresh);
    }
  }

  private take(block: Block, line: number, start: number, end: number): boolean {
    const key = `${block.source}:${line}`;
    if (this.hits.has(key)) return true;
    if (this.hits.size >= this.limits.maxLines) {
      this.truncated = true;
      return false;
    }
    this.stats.linesRead++;
    let text = block.s.slice(start, Math.min(end, start + this.limits.maxLineLength));
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (text.startsWith(FIELDS) && this.readHeader(text, line)) return true;
    this.context.at = line;
    const read = trailIdsOf(text, this.context);
    let endOf: string | null = null;
    if (read?.ids.queueId) {
      for (const reader of READERS) {
        if (reader.family !== read.family) continue;
        const r = reader.read(text, false, this.context);
        const list: readonly LineRead[] = r === null ? [] : Array.isArray(r) ? r : [r as LineRead];
        for (const x of list) if (x.kind === 'end') endOf = x.queueId;
      }
    }
    this.context.at = Number.MAX_SAFE_INTEGER;
    const records = read ? recordsOf(read.ids) : [];
    const owners = records.map((x) => x.queueId).filter((x): x is string => !!x);
    this.hits.set(key, { source: block.source, line, text, read, owners, endOf, header: read && this.header ? this.header : null });
    // Follow the records that name what is looked for (on a batch of events, not the others'), or,
    // when none does (a line found by an address), every record of the line.
    const named = records.filter((x) => (x.queueId && this.known.has(x.queueId)) || x.links.some((l) => this.known.has(l)) || (x.messageId && this.known.has(x.messageId)));
    for (const x of named.length ? named : records) {
      if (x.queueId) this.discover(x.queueId);
      for (const id of x.links) this.discover(id);
    }
    return true;
  }

  private discover(id: string): void {
    if (this.known.has(id)) return;
    if (this.needles.length >= this.limits.maxIds) {
      this.truncated = true;
      return;
    }
    const oldest = this.ring[0];
    this.addNeedle(id, oldest ? { source: oldest.source, line: oldest.line } : { source: this.source, line: this.line });
    this.addedThisPass = true;
  }

  private addNeedle(value: string, from: TrailPosition): void {
    this.known.add(value);
    this.needles.push({ value, from, pass: Math.max(1, this.pass) });
  }

  /** The trails found: for an ID with an anchor, the one of the message run at (or nearest) the anchor. */
  result(anchor?: TrailPosition): TrailResult {
    return { trails: resolveTrails([...this.hits.values()], this.query, anchor), truncated: this.truncated, incomplete: this.incomplete };
  }
}

// ------------------------------------------------------------------ from lines to trails

interface Run {
  id: string;
  hits: Hit[];
  /** Index in the list of runs (for the union of linked runs). */
  index: number;
}

function orderOf(h: TrailPosition): number {
  // Sources and lines fit: sources are few, lines below 2^40.
  return h.source * 2 ** 40 + h.line;
}

/** The links a line's records name. */
function linksOf(h: Hit): string[] {
  return h.read ? recordsOf(h.read.ids).flatMap((x) => x.links) : [];
}

/** The tokens of a line (runs of token characters), bounded. */
function tokensOf(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length && out.length < 500; ) {
    if (!isTokenChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let e = i;
    while (e < text.length && isTokenChar(text.charCodeAt(e))) e++;
    out.push(text.slice(i, Math.min(e, i + MAX_TOKEN)));
    i = e;
  }
  return out;
}

function resolveTrails(all: Hit[], query: TrailQuery, anchor?: TrailPosition): Trail[] {
  all.sort((a, b) => orderOf(a) - orderOf(b));
  // Runs of each queue ID: its own lines, cut after the line where the message left the queue.
  const runsById = new Map<string, Run[]>();
  /** The runs a line is in (a line of several records, in each of theirs). */
  const runsOfHit = new Map<Hit, Run[]>();
  const runs: Run[] = [];
  const open = new Map<string, Run>();
  const unowned: Hit[] = [];
  const join = (h: Hit, run: Run) => {
    run.hits.push(h);
    const list = runsOfHit.get(h);
    if (list) list.push(run);
    else runsOfHit.set(h, [run]);
  };
  for (const h of all) {
    if (h.owners.length === 0) {
      unowned.push(h);
      continue;
    }
    for (const id of new Set(h.owners)) {
      let run = open.get(id);
      if (!run) {
        run = { id, hits: [], index: runs.length };
        runs.push(run);
        open.set(id, run);
        const list = runsById.get(id);
        if (list) list.push(run);
        else runsById.set(id, [run]);
      }
      join(h, run);
      if (h.endOf === id) open.delete(id);
    }
  }
  // A line that names no message but holds an ID (a line no reader knows, a reader's line without
  // a queue ID) belongs to that ID's nearest run; one that holds only the query is on its own.
  const loose: Hit[] = [];
  for (const h of unowned) {
    const id = tokensOf(h.text).find((t) => runsById.has(t));
    if (id) {
      join(h, nearest(runsById.get(id)!, h));
    } else if (tokenIndex(h.text, query.value) >= 0) {
      loose.push(h);
    }
  }
  // Links: a run's line naming another ID joins the run of that ID nearest to the line.
  const parent = runs.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const linked = runs.map(() => new Set<string>());
  for (const run of runs) {
    for (const h of run.hits) {
      for (const link of linksOf(h)) {
        const list = runsById.get(link);
        if (!list) continue; // named but not in the texts (a remote server's queue ID)
        const other = nearest(list, h);
        if (other === run) continue;
        const ra = find(run.index);
        const rb = find(other.index);
        if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
        linked[run.index].add(other.id);
        linked[other.index].add(run.id);
      }
    }
  }
  // Where the trail starts: an ID's message run (at the anchor, or each one), or every message
  // whose lines hold the address or Message-ID.
  const seeds: Run[] = [];
  if (query.kind === 'id') {
    const own = runsById.get(query.value);
    if (own) {
      if (anchor) seeds.push(nearest(own, anchor));
      else seeds.push(...own);
    } else {
      // An ID no message here has (a remote server's `queued as`): the messages that name it.
      for (const h of all) if (runsOfHit.has(h) && tokenIndex(h.text, query.value) >= 0) seeds.push(...runsOfHit.get(h)!);
    }
  } else {
    for (const h of all) if (runsOfHit.has(h) && tokenIndex(h.text, query.value) >= 0) seeds.push(...runsOfHit.get(h)!);
  }
  const wanted = new Set(seeds.map((r) => find(r.index)));
  const groups = new Map<number, Run[]>();
  for (const run of runs) {
    const root = find(run.index);
    if (!wanted.has(root)) continue;
    const list = groups.get(root);
    if (list) list.push(run);
    else groups.set(root, [run]);
  }
  const trails: Trail[] = [];
  for (const group of groups.values()) {
    const ids = [...new Set([query.value, ...group.map((r) => r.id)])];
    const marksFor = (text: string) => marks(text, ids);
    const messages = group.map((run) => messageOf(run, [...linked[run.index]], marksFor));
    const lines = messages.flatMap((m) => m.lines).sort((a, b) => orderOf(a) - orderOf(b));
    const outcomes = messages.flatMap((m) => m.recipients.map((r) => ({ ...r, queueId: m.id })));
    trails.push({ messages, lines: dedupeLines(lines), outcomes });
  }
  // Records that name the query but no message (this server refused a transaction): each its own.
  if (query.kind !== 'id' || trails.length === 0) {
    for (const h of loose) {
      if (query.kind === 'id' && anchor && (h.source !== anchor.source || h.line !== anchor.line)) continue;
      const l = lineOf(h, marks(h.text, [query.value]));
      trails.push({ messages: [], lines: [l], outcomes: lineOutcomes(l) });
    }
  }
  return trails.sort((a, b) => orderOf(a.lines[0]) - orderOf(b.lines[0]));
}

function dedupeLines(lines: TrailLine[]): TrailLine[] {
  const out: TrailLine[] = [];
  for (const l of lines) {
    const prev = out[out.length - 1];
    if (prev && prev.source === l.source && prev.line === l.line) continue;
    out.push(l);
  }
  return out;
}

/** The run of `list` at a position, else the nearest one (by lines between). */
function nearest(list: Run[], at: TrailPosition): Run {
  const o = orderOf(at);
  let best = list[0];
  let bestDistance = Infinity;
  for (const run of list) {
    const first = orderOf(run.hits[0]);
    const last = orderOf(run.hits[run.hits.length - 1]);
    const distance = o < first ? first - o : o > last ? o - last : 0;
    if (distance < bestDistance) {
      best = run;
      bestDistance = distance;
    }
  }
  return best;
}

/** The places of each of `ids` on a line (whole tokens), in order. */
function marks(text: string, ids: string[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const id of ids) {
    for (let at = tokenIndex(text, id); at >= 0; at = tokenIndex(text, id, at + id.length)) out.push([at, at + id.length]);
  }
  return out.sort((a, b) => a[0] - b[0]);
}

function lineOf(h: Hit, m: Array<[number, number]>): TrailLine {
  return { source: h.source, line: h.line, text: h.text, marks: m };
}

/** The time a log line starts with, as written (syslog or ISO), or null. */
export function lineTime(text: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2})|^([A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2})/.exec(text.slice(0, 40));
  return m ? (m[1] ?? m[2]) : null;
}

/** The outcomes a line records (read after the header that names its columns, for a CSV log). */
function outcomesOf(h: Pick<Hit, 'text' | 'header'>) {
  if (!h.header) return analyzeLog(h.text).outcomes;
  return analyzeLog(`${h.header}\n${h.text}`).outcomes.filter((o) => o.line === 1);
}

/** The outcomes a line records on its own (a refusal). */
function lineOutcomes(l: TrailLine): TrailOutcome[] {
  return analyzeLog(l.text)
    .outcomes.filter((o) => o.recipient || o.verdict === 'rejected')
    .map((o) => ({ recipient: o.recipient ?? '', verdict: o.verdict, attempts: 1, last: l, reply: o.finding?.reply ?? null, enhanced: o.finding?.enhanced ?? null, text: (o.finding ? o.finding.text : o.text).slice(0, 300), time: lineTime(l.text), queueId: o.queueId }));
}

/** A message's story from its lines: the outcomes its lines record, per recipient. */
function messageOf(run: Run, linked: string[], marksFor: (text: string) => Array<[number, number]>): TrailMessage {
  const hits = [...run.hits].sort((a, b) => orderOf(a) - orderOf(b));
  const lines = hits.map((h) => lineOf(h, marksFor(h.text)));
  const ownsLine = (h: Hit) => h.owners.includes(run.id);
  const own = hits.findIndex(ownsLine);
  const first = lines[Math.max(0, own)];
  const m: TrailMessage = { id: run.id, family: null, lines, client: null, sender: null, messageId: null, size: null, recipients: [], removed: null, logsRemoval: false, linked, first, time: lineTime(first.text) };
  const byRecipient = new Map<string, TrailRecipient>();
  let expiry: TrailLine | null = null;
  for (let i = 0; i < hits.length; i++) {
    const h = hits[i];
    // The record of this message on the line (the line's own, or one of a batch's).
    const ids = h.read ? recordsOf(h.read.ids).find((x) => x.queueId === run.id) : undefined;
    if (h.read && ids) {
      m.family ??= h.read.family;
      if (ids?.client && !m.client) m.client = ids.client;
      if (ids?.sender !== undefined && ids.sender !== null && m.sender === null) m.sender = ids.sender;
      if (ids?.messageId && !m.messageId) m.messageId = ids.messageId;
      if (typeof ids?.size === 'number' && m.size === null) m.size = ids.size;
    }
    if (h.endOf === run.id) m.removed = lines[i];
    if (!ownsLine(h)) continue;
    for (const o of outcomesOf(h)) {
      // A line of several records: this message's only.
      if (o.queueId && o.queueId !== run.id) continue;
      if (o.scope === 'message') {
        if (o.verdict === 'expired') expiry = lines[i];
        continue;
      }
      if (!o.recipient) continue;
      const key = o.recipient.toLowerCase();
      const story = byRecipient.get(key);
      const attempt: TrailRecipient = {
        recipient: o.recipient,
        verdict: o.verdict,
        attempts: (story?.attempts ?? 0) + 1,
        last: lines[i],
        reply: o.finding?.reply ?? null,
        enhanced: o.finding?.enhanced ?? null,
        text: (o.finding ? o.finding.text : o.text).slice(0, 300),
        time: lineTime(h.text),
      };
      if (!story) m.recipients.push(attempt);
      else Object.assign(story, attempt);
      byRecipient.set(key, story ?? attempt);
    }
  }
  m.logsRemoval = m.family !== null && READERS.find((r) => r.family === m.family)?.logsMessageEnd === true;
  // The queue manager's expiry ends every recipient still deferred at its line.
  const exp = expiry;
  if (exp) {
    for (const r of m.recipients) {
      if (r.verdict !== 'deferred' || orderOf(r.last) > orderOf(exp)) continue;
      r.verdict = 'expired';
      r.last = exp;
      r.time = lineTime(exp.text);
    }
  }
  return m;
}

// ------------------------------------------------------------------ texts in memory

/** A text in memory read in pieces (an open document: its lines as opened and those edited since). */
export interface TrailText {
  /** Pieces of whole lines; their line breaks as editors count them (no lone CR). */
  pieces(): Iterable<string>;
}

/** The trail of a query in texts held in memory (in reading order: oldest rotated log first). */
export function traceTexts(texts: readonly (string | TrailText)[], query: TrailQuery, anchor?: TrailPosition, limits: TrailLimits = EDITOR_LIMITS): TrailResult {
  const collector = new TrailCollector(query, limits);
  for (;;) {
    collector.beginPass();
    for (let i = 0; i < texts.length; i++) {
      collector.beginSource(i);
      const t = texts[i];
      for (const piece of typeof t === 'string' ? [t] : t.pieces()) {
        if (collector.done) break;
        collector.push(piece, typeof t !== 'string');
      }
      collector.endSource();
      if (collector.done) break;
    }
    if (!collector.endPass(true)) break;
  }
  return collector.result(anchor);
}

/** The code of an outcome as shown: `550 5.1.1`, `5.1.1`, or null. */
export function trailCode(r: Pick<TrailRecipient, 'reply' | 'enhanced'>): string | null {
  if (r.reply && r.enhanced) return `${r.reply} ${r.enhanced}`;
  return r.reply ?? r.enhanced ?? null;
}

