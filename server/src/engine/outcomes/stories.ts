// Stories: the attempts for one recipient of one message, in file order, and how each ends.
// A recipient deferred six times then bounced is one story: bounced, with 7 attempts. Counts are
// of stories (each refused transaction and each record that names no message is one), so
// every view counts alike. The index is updated per outcome (an edit removes and adds a few),
// and a stream closes a message's stories when the message leaves the queue, so memory holds
// only the messages still in flight.
import { FinishedStories, messageHash } from './finished';
import { emptyCounts, type LogFamily, type Outcome, type OutcomeCounts, type Verdict } from './types';
import type { Finding, Range } from '../types';

/** The evidence of an outcome that has none but its deciding code: one empty list for all. */
export const NO_EVIDENCE: readonly Finding[] = Object.freeze([]);

/**
 * What an outcome without a trail says (no sender, remote host, hop or other evidence), as
 * getters on the prototype: the compact records of streams and the outcomes inferred from a code
 * alone number hundreds of thousands, and hold no field for these.
 */
export abstract class TraillessOutcome {
  get sender(): string | null {
    return null;
  }
  get remote(): string | null {
    return null;
  }
  get hop(): string | null {
    return null;
  }
  get evidence(): readonly Finding[] {
    return NO_EVIDENCE;
  }
}

/** A string that owns its characters (a slice of a 64 KB chunk would keep the chunk alive). */
export function ownString<T extends string | null>(s: T): T {
  return (s === null || s.length < 13 ? s : (' ' + s).slice(1)) as T;
}

/**
 * An outcome as a stream's story keeps it: its facts in fields, what it never has (a sender, a
 * remote host, evidence, a hop) and its range (empty, on its line) made when asked. Open stories
 * of a dense log number hundreds of thousands: each field and object counts.
 */
class CompactOutcome extends TraillessOutcome implements Outcome {
  constructor(
    public verdict: Verdict,
    public readonly family: LogFamily,
    public line: number,
    public readonly queueId: string | null,
    public readonly recipient: string | null,
    public readonly direction: Outcome['direction'],
    public readonly scope: Outcome['scope'],
    public readonly finding: Finding | null,
    public readonly text: string,
    public temporary: boolean,
    public readonly inferred: boolean,
    public lineText: string,
    public readonly key: string | null,
  ) {
    super();
  }
  get range(): Range {
    return { start: { line: this.line, character: 0 }, end: { line: this.line, character: 0 } };
  }
}

/**
 * The facts of an outcome a story needs to be counted (verdict, family, IDs, line), without the
 * text it was read from: no finding (unless given), no line text, an empty range on its line.
 */
export function compactOutcome(o: Outcome, finding: Finding | null = null): Outcome {
  return new CompactOutcome(
    o.verdict,
    o.family,
    o.line,
    ownString(o.queueId),
    ownString(o.recipient),
    o.direction,
    o.scope,
    finding,
    ownString(o.text),
    o.temporary,
    o.inferred,
    '',
    o.key === null ? null : ownString(o.key),
  );
}

/** The key of a recipient's story, or null for a record that stands alone (a refusal, a message-wide record, no queue ID). */
export function storyKey(family: LogFamily, queueId: string | null, recipient: string | null, scope: 'recipient' | 'message', verdict: Verdict): string | null {
  if (scope === 'message' || verdict === 'rejected' || !queueId || !recipient) return null;
  return `${family}\u0000${queueId}\u0000${recipient.toLowerCase()}`;
}

function messageKey(o: Pick<Outcome, 'family' | 'queueId'>): string {
  return `${o.family}\u0000${o.queueId}`;
}

export interface Story {
  /** The attempts, in file order (a content filter's hop included). */
  readonly outcomes: Outcome[];
}

/** How a story ends in the file: its last verdict. */
export interface StoryEnd {
  verdict: Verdict;
  /** The record that says so (the last attempt, or the message's expiry). */
  outcome: Outcome;
}

/** An attempt's place in its story. */
export function attemptIn(story: Story, o: Outcome): { index: number; total: number } {
  let index = 0;
  let total = 0;
  for (const x of story.outcomes) {
    total++;
    if (x === o) index = total;
  }
  return { index: Math.max(1, index), total: Math.max(1, total) };
}

function insertSorted(list: Outcome[], o: Outcome): void {
  if (list.length === 0 || list[list.length - 1].line <= o.line) {
    list.push(o);
    return;
  }
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].line <= o.line) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, o);
}

function removeFrom(list: Outcome[], o: Outcome): boolean {
  const i = list.lastIndexOf(o);
  if (i < 0) return false;
  list.splice(i, 1);
  return true;
}

/**
 * Stories by message, keyed by family then queue ID (the outcome's own string: no key is made per
 * message), a message with one story holding it without a list (most messages of a dense log).
 */
class MessageStories {
  private readonly byFamily = new Map<LogFamily, Map<string, Story | Story[]>>();

  add(family: LogFamily, queueId: string | null, story: Story): void {
    let m = this.byFamily.get(family);
    if (!m) this.byFamily.set(family, (m = new Map()));
    const id = `${queueId}`;
    const cur = m.get(id);
    if (cur === undefined) m.set(id, story);
    else if (Array.isArray(cur)) cur.push(story);
    else m.set(id, [cur, story]);
  }

  /** Whether a message has a story here. */
  has(family: LogFamily, queueId: string | null): boolean {
    return this.byFamily.get(family)?.has(`${queueId}`) === true;
  }

  get(family: LogFamily, queueId: string | null): readonly Story[] | undefined {
    const cur = this.byFamily.get(family)?.get(`${queueId}`);
    return cur === undefined ? undefined : Array.isArray(cur) ? cur : [cur];
  }

  /** Removes one story of a message; the message goes with its last story. */
  remove(family: LogFamily, queueId: string | null, story: Story): void {
    const m = this.byFamily.get(family);
    const id = `${queueId}`;
    const cur = m?.get(id);
    if (cur === undefined) return;
    if (!Array.isArray(cur)) {
      if (cur === story) m!.delete(id);
      return;
    }
    const i = cur.indexOf(story);
    if (i >= 0) cur.splice(i, 1);
    if (cur.length === 0) m!.delete(id);
  }

  delete(family: LogFamily, queueId: string | null): void {
    this.byFamily.get(family)?.delete(`${queueId}`);
  }
}

export class OutcomeIndex {
  private readonly stories = new Map<string, Story>();
  /** Message-wide expiries (Postfix `status=expired`) by message. */
  private readonly expiries = new Map<string, Outcome[]>();
  /**
   * Stories by message, to close a message in a stream and to name an expiry's recipients: kept up
   * to date in a stream; for a document made when asked (an expiry's problem) and dropped on change.
   */
  private byMessage: MessageStories | null;
  private readonly streaming: boolean;
  private readonly detach: ((o: Outcome) => Outcome) | null;
  /** Whether a story told at once is detached for `onClose` (not when it reads verdicts only). */
  private readonly detachTold: boolean;
  /** Streams: stories closed at a final verdict while their message is still queued. */
  private readonly finished: FinishedStories | null;

  /**
   * `streaming`: the input is a stream whose messages are closed as they leave the queue (close, closeAll).
   * `detach` (streams): what the index keeps of an outcome. An outcome read from a stream holds the
   * 64 KB chunk it was read from (its finding's text, its line); a stream that only counts or
   * summarises keeps a compact copy instead (`compactOutcome`), so open stories hold no chunk.
   * Stories then hold the copies: `attemptOf` still gives the total, `onClose` ends with a copy.
   * `verdictsOnly`: `onClose` reads only the verdict of an end (its outcome is not kept): a story
   * told as soon as it opens (`addFinal`) ends with its outcome itself, no copy made.
   */
  constructor(options: { streaming?: boolean; detach?: (o: Outcome) => Outcome; maxFinishedMessages?: number; verdictsOnly?: boolean } = {}) {
    this.streaming = options.streaming === true;
    this.byMessage = this.streaming ? new MessageStories() : null;
    this.detach = this.streaming ? options.detach ?? null : null;
    this.detachTold = options.verdictsOnly !== true;
    this.finished = this.streaming ? new FinishedStories(options.maxFinishedMessages) : null;
  }

  private messages(): MessageStories {
    if (this.byMessage) return this.byMessage;
    const map = new MessageStories();
    for (const story of this.stories.values()) map.add(story.outcomes[0].family, story.outcomes[0].queueId, story);
    this.byMessage = map;
    return map;
  }
  /**
   * Streams: called once for each counted unit as it becomes final — a recipient's story when its
   * message leaves the queue (its outcomes are forgotten right after), a record that stands alone
   * as it is added, an expiry whose deferrals are not in the input when its message closes.
   */
  onClose: ((end: StoryEnd, story: Story | null) => void) | null = null;
  /** The outcome `addFinal` is handing on, and its attempts (its story is told: not in `stories`). */
  private told: Outcome | null = null;
  private toldAttempts = 0;
  /** Records that stand alone, counted by verdict. */
  private readonly alone = emptyCounts();
  /** Counts of stories closed in a stream (their outcomes are gone). */
  private readonly closed = emptyCounts();

  add(o: Outcome): void {
    if (this.detach && (o.scope === 'message' || o.key !== null)) o = this.detach(o);
    if (o.scope === 'message') {
      const list = this.expiries.get(messageKey(o));
      if (list) insertSorted(list, o);
      else this.expiries.set(messageKey(o), [o]);
      return;
    }
    if (o.key === null) {
      this.alone[o.verdict]++;
      this.onClose?.({ verdict: o.verdict, outcome: o }, null);
      return;
    }
    let story = this.stories.get(o.key);
    if (!story) {
      // A record of a recipient whose story a stream already closed at its final verdict: one more attempt of it.
      if (this.finished !== null && this.finished.again(o) !== null) return;
      story = { outcomes: [o] };
      this.stories.set(o.key, story);
      if (this.streaming) {
        this.byMessage!.add(o.family, o.queueId, story);
      } else {
        this.byMessage = null;
      }
      return;
    }
    insertSorted(story.outcomes, o);
  }

  remove(o: Outcome): void {
    if (o.scope === 'message') {
      const list = this.expiries.get(messageKey(o));
      if (list && removeFrom(list, o) && list.length === 0) this.expiries.delete(messageKey(o));
      return;
    }
    if (o.key === null) {
      this.alone[o.verdict]--;
      return;
    }
    const story = this.stories.get(o.key);
    if (!story || !removeFrom(story.outcomes, o) || story.outcomes.length > 0) return;
    this.stories.delete(o.key);
    if (!this.streaming) {
      this.byMessage = null;
      return;
    }
    this.byMessage!.remove(o.family, o.queueId, story);
  }

  /** The story an attempt belongs to (null for a record that stands alone). */
  storyOf(o: Outcome): Story | null {
    return o.key === null ? null : this.stories.get(o.key) ?? null;
  }

  /** An attempt's place in its story: `index` of `total` (hops to a content filter are not attempts). */
  attemptOf(o: Outcome): { index: number; total: number } {
    if (o === this.told) return { index: this.toldAttempts, total: this.toldAttempts };
    const story = this.storyOf(o);
    if (story) return attemptIn(story, o);
    const finished = o.key === null ? null : this.finished?.attempts(o) ?? null;
    return finished === null ? { index: 1, total: 1 } : { index: finished, total: finished };
  }

  /** How a story ends in the file. */
  endOf(story: Story): StoryEnd {
    const last = story.outcomes[story.outcomes.length - 1];
    if (last.verdict === 'deferred' && this.expiries.size > 0) {
      const expiry = this.expiries.get(messageKey(last))?.find((x) => x.line > last.line);
      if (expiry) return { verdict: 'expired', outcome: expiry };
    }
    return { verdict: last.verdict, outcome: last };
  }

  /** How the story of an outcome ends (a record that stands alone ends with itself). */
  endOfOutcome(o: Outcome): StoryEnd {
    const story = this.storyOf(o);
    return story ? this.endOf(story) : { verdict: o.verdict, outcome: o };
  }

  /** The recipients an expiry applied to: the message's stories it ended. */
  expiredBy(expiry: Outcome): Story[] {
    const list = this.messages().get(expiry.family, expiry.queueId) ?? [];
    return list.filter((story) => this.endOf(story).outcome === expiry);
  }

  /**
   * Each counted unit once, with how it ends: every recipient's story (not one that went on under
   * another ID on this host), every record that stands alone, every expiry whose deferrals are not
   * in the file. Closed stories of a stream are not visited (onClose saw them).
   */
  forEachEnd(visit: (end: StoryEnd, story: Story | null) => void, alone: Iterable<Outcome>): void {
    const usedExpiries = new Set<Outcome>();
    for (const story of this.stories.values()) {
      const end = this.endOf(story);
      if (end.verdict === 'expired') usedExpiries.add(end.outcome);
      visit(end, story);
    }
    for (const o of alone) if (o.key === null && o.scope !== 'message') visit({ verdict: o.verdict, outcome: o }, null);
    for (const list of this.expiries.values()) for (const x of list) if (!usedExpiries.has(x)) visit({ verdict: 'expired', outcome: x }, null);
  }

  /** Outcomes per recipient (its last state) and per refused transaction. */
  counts(): OutcomeCounts {
    const c = emptyCounts();
    for (const k of Object.keys(c) as Verdict[]) c[k] = this.alone[k] + this.closed[k];
    const usedExpiries = new Set<Outcome>();
    for (const story of this.stories.values()) {
      const end = this.endOf(story);
      c[end.verdict]++;
      if (end.verdict === 'expired') usedExpiries.add(end.outcome);
    }
    // An expiry whose deferrals are not in the file (an earlier log) still counts once.
    for (const list of this.expiries.values()) for (const x of list) if (!usedExpiries.has(x)) c.expired++;
    return c;
  }

  /** Streams: the message left the queue; its stories are counted and forgotten. */
  close(family: LogFamily, queueId: string): void {
    const messages = this.messages();
    const list = messages.get(family, queueId);
    const mk = this.expiries.size > 0 ? messageKey({ family, queueId }) : null;
    const expiries = mk === null ? undefined : this.expiries.get(mk);
    // The expiries that ended a story (made only when the message has expiries).
    const used = expiries ? new Set<Outcome>() : null;
    if (list) {
      for (const story of list) {
        const end = this.endOf(story);
        this.onClose?.(end, story);
        this.closed[end.verdict]++;
        if (end.verdict === 'expired') used?.add(end.outcome);
        this.stories.delete(story.outcomes[0].key!);
      }
      messages.delete(family, queueId);
    }
    this.finished?.delete(family, queueId);
    if (!expiries) return;
    for (const x of expiries) {
      if (used!.has(x)) continue;
      this.onClose?.({ verdict: 'expired', outcome: x }, null);
      this.closed.expired++;
    }
    this.expiries.delete(mk!);
  }

  /**
   * Streams: the story of `o` is complete (its family's final verdict: nothing of the recipient follows
   * in this message); it is counted and forgotten, and remembered as told until its message ends.
   */
  closeStory(o: Outcome): void {
    const story = o.key === null ? undefined : this.stories.get(o.key);
    if (!story) return;
    const end = this.endOf(story);
    this.onClose?.(end, story);
    this.closed[end.verdict]++;
    this.stories.delete(o.key!);
    this.byMessage?.remove(o.family, o.queueId, story);
    this.finished?.add(o, story.outcomes.length);
  }

  /**
   * Streams: adds an outcome whose verdict completes its recipient's story (its family's final
   * verdict), hands it to `then`, and closes the story — as `add`, `then`, `closeStory`, without
   * opening a story that is closed at once (most deliveries of a log read without its end lines).
   */
  addFinal(o: Outcome, then: (o: Outcome) => void): void {
    const key = o.key;
    if (this.finished === null || key === null || o.scope === 'message' || o.verdict === 'deferred' || this.hasStory(o, key)) {
      this.add(o);
      then(o);
      this.closeStory(o);
      return;
    }
    // `add` would find no open story: one more attempt of a story already told (no story to close)…
    const mh = o.queueId === null ? undefined : messageHash(o.family, o.queueId);
    const again = this.finished.again(o, mh);
    if (again !== null) {
      this.thenTold(o, again, then);
      return;
    }
    // …or a story of one attempt, told at once: `then` sees it as attempt 1 of 1, as `attemptOf` would with it open.
    const kept = this.detach && this.detachTold ? this.detach(o) : o;
    this.thenTold(o, 1, then);
    this.onClose?.({ verdict: kept.verdict, outcome: kept }, { outcomes: [kept] });
    this.closed[kept.verdict]++;
    this.finished.add(o, 1, mh);
  }

  /**
   * Streams: whether the story `key` of `o` is open. A stream keeps every open story in `byMessage`
   * under its message, and a key is made of its message (family, queue ID) and recipient: a message
   * with no story here has none open under this key, and the key (made by joining strings) is
   * not read at all — most deliveries of a dense log are the first record of their message.
   */
  private hasStory(o: Outcome, key: string): boolean {
    if (this.stories.size === 0 || !this.byMessage!.has(o.family, o.queueId)) return false;
    return this.stories.has(key);
  }

  /** `then(o)`, `attemptOf(o)` giving `attempts` of `attempts` meanwhile (what it would find, without looking it up again). */
  private thenTold(o: Outcome, attempts: number, then: (o: Outcome) => void): void {
    this.told = o;
    this.toldAttempts = attempts;
    try {
      then(o);
    } finally {
      this.told = null;
    }
  }

  /** Streams: the end of the input; every story still open is closed (counted, forgotten). */
  closeAll(): void {
    // Messages in the order of their first open story, then those with expiries only.
    const open = new Map<string, Outcome>();
    const note = (o: Outcome) => {
      const mk = messageKey(o);
      if (!open.has(mk)) open.set(mk, o);
    };
    for (const story of this.stories.values()) note(story.outcomes[0]);
    for (const list of this.expiries.values()) for (const x of list) note(x);
    // Through close: an index that keeps more per message (LiveOutcomeIndex) forgets it there too.
    for (const o of open.values()) this.close(o.family, o.queueId!);
    this.finished?.clear();
  }

  /** Stories still open (for tests and memory checks). */
  get openStories(): number {
    return this.stories.size;
  }
}
