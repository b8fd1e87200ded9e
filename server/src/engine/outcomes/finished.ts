// Stories a stream closed at a final verdict (a delivery, a bounce) while their message is still
// in the queue. The story is counted and forgotten at once, so a log read without its messages'
// end lines (`grep status= mail.log`, every line a delivery) holds only the recipients still in
// flight; what is kept is enough to know that the recipient's story is already told, so a later
// record of it (the same line in an overlapping log, a duplicate recipient) is one more attempt of
// that story, not a second recipient — as it was when the story stayed open until its message ended.
//
// Kept per message, as numbers: a 53-bit hash of the message (family and queue ID) to its finished
// recipients, each a 32-bit hash of the recipient with its attempts so far, in typed arrays (no
// object per message for the garbage collector to trace). About 50 bytes per message; the
// message's entry goes when its end is read (a reused queue ID starts afresh), and past `limit`
// messages the oldest go (a family that logs no message end, followed for days).
import type { LogFamily, Outcome } from './types';

/** Attempts kept per finished recipient: a recipient logged more often after its final verdict reads as this many. */
const MAX_ATTEMPTS = 4095;
const ATTEMPT_BITS = 4096;

/** Messages with finished stories kept by default: ~40 MB at worst. */
export const MAX_FINISHED_MESSAGES = 1_000_000;

/** Murmur3's finalizer: every input bit reaches every output bit. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * 53 bits of the message `family`, `queueId` (a separator between them), exact in a double: two
 * 32-bit FNV-1a style hashes (different offsets and multipliers) over the family, then the ID.
 */
export function messageHash(family: LogFamily, queueId: string): number {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < family.length; i++) {
    const c = family.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  a = Math.imul(a, 0x01000193);
  b = Math.imul(b, 0x5bd1e995);
  for (let i = 0; i < queueId.length; i++) {
    const c = queueId.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return mix(a) * 0x200000 + (mix(b) >>> 11);
}

/** 32 bits of a recipient (case-insensitive, as stories are keyed). */
export function recipientHash(recipient: string): number {
  const s = recipient.toLowerCase();
  let a = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) a = Math.imul(a ^ s.charCodeAt(i), 0x01000193);
  return mix(a);
}

/** A finished recipient: its hash and its attempts, in one double. */
const pack = (rcpt: number, attempts: number) => rcpt * ATTEMPT_BITS + Math.min(attempts, MAX_ATTEMPTS);
const rcptOf = (packed: number) => Math.floor(packed / ATTEMPT_BITS);
const attemptsOf = (packed: number) => packed % ATTEMPT_BITS;

/** A free slot of the table (message hashes are ≥ 0). */
const EMPTY = -1;
/** Slots of a new table. */
const INITIAL_SLOTS = 1024;

/**
 * Message hash → finished recipients, as a Map<number, number | number[]> kept in insertion order
 * would hold them, in typed arrays: an open-addressed table (linear probing, deletion by backward
 * shift) of hashes, packed recipients and insertion numbers, and a queue of insertions that gives
 * the oldest message. A dense log finishes hundreds of thousands of messages: in typed arrays they
 * are neither boxed numbers nor objects the garbage collector traces.
 */
class MessageTable {
  private mask = INITIAL_SLOTS - 1;
  private keys = new Float64Array(INITIAL_SLOTS).fill(EMPTY);
  /** A packed recipient (≥ 0), or -(1 + i) for the list `lists[i]` of several. */
  private vals = new Float64Array(INITIAL_SLOTS);
  /** When the slot's message was inserted (its place in the insertion order). */
  private seqs = new Float64Array(INITIAL_SLOTS);
  private count = 0;
  private nextSeq = 0;
  private lists: (number[] | null)[] = [];
  private freeLists: number[] = [];
  /** Insertions in order (hash, insertion number): one is current while its message holds that number. */
  private orderKeys = new Float64Array(INITIAL_SLOTS);
  private orderSeqs = new Float64Array(INITIAL_SLOTS);
  private head = 0;
  private tail = 0;

  get size(): number {
    return this.count;
  }

  /** The slot of `key`, or -1. */
  find(key: number): number {
    const keys = this.keys;
    const mask = this.mask;
    for (let i = (key >>> 0) & mask; ; i = (i + 1) & mask) {
      const k = keys[i];
      if (k === key) return i;
      if (k === EMPTY) return -1;
    }
  }

  /** The value in a slot: a packed recipient, or the list of several. */
  value(slot: number): number | number[] {
    const v = this.vals[slot];
    return v >= 0 ? v : this.lists[-v - 1]!;
  }

  /** Sets a slot's single packed recipient (a list it had is let go). */
  setNumber(slot: number, packed: number): void {
    this.freeList(slot);
    this.vals[slot] = packed;
  }

  /** Makes a slot's value a list. */
  setList(slot: number, list: number[]): void {
    this.freeList(slot);
    let i = this.freeLists.pop();
    if (i === undefined) {
      i = this.lists.length;
      this.lists.push(list);
    } else this.lists[i] = list;
    this.vals[slot] = -(i + 1);
  }

  /** Inserts `key` (absent) with a packed recipient, last in the insertion order. */
  insert(key: number, packed: number): void {
    if ((this.count + 1) * 4 > (this.mask + 1) * 3) this.grow();
    const seq = this.nextSeq++;
    const mask = this.mask;
    let i = (key >>> 0) & mask;
    while (this.keys[i] !== EMPTY) i = (i + 1) & mask;
    this.keys[i] = key;
    this.vals[i] = packed;
    this.seqs[i] = seq;
    this.count++;
    this.pushOrder(key, seq);
  }

  /** Deletes the message in `slot`. */
  removeSlot(slot: number): void {
    this.freeList(slot);
    const keys = this.keys;
    const mask = this.mask;
    let i = slot;
    for (let j = (i + 1) & mask; keys[j] !== EMPTY; j = (j + 1) & mask) {
      const home = (keys[j] >>> 0) & mask;
      // The entry at j stays where it is when its home lies cyclically in (i, j].
      const stays = i <= j ? home > i && home <= j : home > i || home <= j;
      if (stays) continue;
      keys[i] = keys[j];
      this.vals[i] = this.vals[j];
      this.seqs[i] = this.seqs[j];
      i = j;
    }
    keys[i] = EMPTY;
    this.count--;
  }

  /** Deletes the message inserted longest ago (of those still here). */
  removeOldest(): void {
    while (this.head < this.tail) {
      const key = this.orderKeys[this.head];
      const seq = this.orderSeqs[this.head];
      this.head++;
      const slot = this.find(key);
      if (slot >= 0 && this.seqs[slot] === seq) {
        this.removeSlot(slot);
        return;
      }
    }
  }

  clear(): void {
    this.mask = INITIAL_SLOTS - 1;
    this.keys = new Float64Array(INITIAL_SLOTS).fill(EMPTY);
    this.vals = new Float64Array(INITIAL_SLOTS);
    this.seqs = new Float64Array(INITIAL_SLOTS);
    this.count = 0;
    this.lists = [];
    this.freeLists = [];
    this.orderKeys = new Float64Array(INITIAL_SLOTS);
    this.orderSeqs = new Float64Array(INITIAL_SLOTS);
    this.head = 0;
    this.tail = 0;
  }

  private freeList(slot: number): void {
    const v = this.vals[slot];
    if (v >= 0) return;
    this.lists[-v - 1] = null;
    this.freeLists.push(-v - 1);
    this.vals[slot] = 0;
  }

  private grow(): void {
    const { keys, vals, seqs } = this;
    const slots = (this.mask + 1) * 2;
    this.mask = slots - 1;
    this.keys = new Float64Array(slots).fill(EMPTY);
    this.vals = new Float64Array(slots);
    this.seqs = new Float64Array(slots);
    for (let s = 0; s < keys.length; s++) {
      const key = keys[s];
      if (key === EMPTY) continue;
      let i = (key >>> 0) & this.mask;
      while (this.keys[i] !== EMPTY) i = (i + 1) & this.mask;
      this.keys[i] = key;
      this.vals[i] = vals[s];
      this.seqs[i] = seqs[s];
    }
  }

  /** Appends to the insertion order; insertions whose message went are dropped when they outnumber the messages. */
  private pushOrder(key: number, seq: number): void {
    if (this.tail === this.orderKeys.length) {
      let live = this.tail - this.head;
      if (live > 2 * this.count + 64) live = this.compactOrder();
      const size = live * 2 > this.orderKeys.length ? this.orderKeys.length * 2 : this.orderKeys.length;
      const keys = new Float64Array(size);
      const seqs = new Float64Array(size);
      keys.set(this.orderKeys.subarray(this.head, this.head + live));
      seqs.set(this.orderSeqs.subarray(this.head, this.head + live));
      this.orderKeys = keys;
      this.orderSeqs = seqs;
      this.head = 0;
      this.tail = live;
    }
    this.orderKeys[this.tail] = key;
    this.orderSeqs[this.tail] = seq;
    this.tail++;
  }

  /** Keeps the current insertions only (in order, from `head`); returns how many. */
  private compactOrder(): number {
    let w = this.head;
    for (let r = this.head; r < this.tail; r++) {
      const key = this.orderKeys[r];
      const seq = this.orderSeqs[r];
      const slot = this.find(key);
      if (slot < 0 || this.seqs[slot] !== seq) continue;
      this.orderKeys[w] = key;
      this.orderSeqs[w] = seq;
      w++;
    }
    this.tail = w;
    return w - this.head;
  }
}

export class FinishedStories {
  /** Message hash → its finished recipients: one packed number, or a list when there are several. */
  private readonly byMessage = new MessageTable();

  constructor(private readonly limit = MAX_FINISHED_MESSAGES) {}

  /** The story of `o` (a recipient's attempt) ended with `attempts` attempts; its message is still queued. */
  add(o: Outcome, attempts: number, mh?: number): void {
    if (o.queueId === null || o.recipient === null) return;
    mh ??= messageHash(o.family, o.queueId);
    const entry = pack(recipientHash(o.recipient), attempts);
    const t = this.byMessage;
    const slot = t.find(mh);
    if (slot < 0) {
      t.insert(mh, entry);
      if (t.size > this.limit) t.removeOldest();
      return;
    }
    const cur = t.value(slot);
    if (Array.isArray(cur)) cur.push(entry);
    else t.setList(slot, [cur, entry]);
  }

  /**
   * When the story of `o` is already told: counts `o` as one more of its attempts and gives their
   * number; null when the recipient has no finished story in this message. `mh`: the message's
   * `messageHash`, when the caller has it.
   */
  again(o: Outcome, mh?: number): number | null {
    return this.lookUp(o, mh, true);
  }

  /** The attempts of `o`'s finished story, or null when it has none. */
  attempts(o: Outcome): number | null {
    return this.lookUp(o, undefined, false);
  }

  /** The attempts of `o`'s finished story (one more first when `count`), or null when it has none. */
  private lookUp(o: Outcome, mh: number | undefined, count: boolean): number | null {
    const t = this.byMessage;
    if (t.size === 0 || o.queueId === null || o.recipient === null) return null;
    const slot = t.find(mh ?? messageHash(o.family, o.queueId));
    if (slot < 0) return null;
    const cur = t.value(slot);
    const rcpt = recipientHash(o.recipient);
    if (!Array.isArray(cur)) {
      if (rcptOf(cur) !== rcpt) return null;
      if (count) t.setNumber(slot, pack(rcpt, attemptsOf(cur) + 1));
      return attemptsOf(t.value(slot) as number);
    }
    for (let i = 0; i < cur.length; i++) {
      if (rcptOf(cur[i]) !== rcpt) continue;
      if (count) cur[i] = pack(rcpt, attemptsOf(cur[i]) + 1);
      return attemptsOf(cur[i]);
    }
    return null;
  }

  /** The message left the queue: its finished stories are forgotten (a reused queue ID starts afresh). */
  delete(family: LogFamily, queueId: string): void {
    const t = this.byMessage;
    if (t.size === 0) return;
    const slot = t.find(messageHash(family, queueId));
    if (slot >= 0) t.removeSlot(slot);
  }

  clear(): void {
    this.byMessage.clear();
  }

  get size(): number {
    return this.byMessage.size;
  }
}
