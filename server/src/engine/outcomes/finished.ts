// Stories a stream closed at a final verdict (a delivery, a bounce) while their message is still
// in the queue. The story is counted and forgotten at once, so a log read without its messages'
// end lines (`grep status= mail.log`, every line a delivery) holds only the recipients still in
// flight; what is kept is enough to know that the recipient's story is already told, so a later
// record of it (the same line in an overlapping log, a duplicate recipient) is one more attempt of
// that story, not a second recipient — as it was when the story stayed open until its message ended.
//
// Kept per message, as numbers: a 53-bit hash of the message (family and queue ID) to its finished
// recipients, each a 32-bit hash of the recipient with its attempts so far. About 40 bytes per
// message; the message's entry goes when its end is read (a reused queue ID starts afresh), and
// past `limit` messages the oldest go (a family that logs no message end, followed for days).
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
function recipientHash(recipient: string): number {
  const s = recipient.toLowerCase();
  let a = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) a = Math.imul(a ^ s.charCodeAt(i), 0x01000193);
  return mix(a);
}

/** A finished recipient: its hash and its attempts, in one double. */
const pack = (rcpt: number, attempts: number) => rcpt * ATTEMPT_BITS + Math.min(attempts, MAX_ATTEMPTS);
const rcptOf = (packed: number) => Math.floor(packed / ATTEMPT_BITS);
const attemptsOf = (packed: number) => packed % ATTEMPT_BITS;

export class FinishedStories {
  /** Message hash → its finished recipients: one packed number, or a list when there are several. */
  private readonly byMessage = new Map<number, number | number[]>();

  constructor(private readonly limit = MAX_FINISHED_MESSAGES) {}

  /** The story of `o` (a recipient's attempt) ended with `attempts` attempts; its message is still queued. */
  add(o: Outcome, attempts: number, mh?: number): void {
    if (o.queueId === null || o.recipient === null) return;
    mh ??= messageHash(o.family, o.queueId);
    const entry = pack(recipientHash(o.recipient), attempts);
    const cur = this.byMessage.get(mh);
    if (cur === undefined) {
      this.byMessage.set(mh, entry);
      if (this.byMessage.size > this.limit) this.byMessage.delete(this.byMessage.keys().next().value!);
    } else if (Array.isArray(cur)) cur.push(entry);
    else this.byMessage.set(mh, [cur, entry]);
  }

  /**
   * When the story of `o` is already told: counts `o` as one more of its attempts and gives their
   * number; null when the recipient has no finished story in this message. `mh`: the message's
   * `messageHash`, when the caller has it.
   */
  again(o: Outcome, mh?: number): number | null {
    if (this.byMessage.size === 0 || o.queueId === null || o.recipient === null) return null;
    mh ??= messageHash(o.family, o.queueId);
    const cur = this.byMessage.get(mh);
    if (cur === undefined) return null;
    const rcpt = recipientHash(o.recipient);
    if (!Array.isArray(cur)) {
      if (rcptOf(cur) !== rcpt) return null;
      const next = pack(rcpt, attemptsOf(cur) + 1);
      this.byMessage.set(mh, next);
      return attemptsOf(next);
    }
    for (let i = 0; i < cur.length; i++) {
      if (rcptOf(cur[i]) !== rcpt) continue;
      cur[i] = pack(rcpt, attemptsOf(cur[i]) + 1);
      return attemptsOf(cur[i]);
    }
    return null;
  }

  /** The attempts of `o`'s finished story, or null when it has none. */
  attempts(o: Outcome): number | null {
    if (this.byMessage.size === 0 || o.queueId === null || o.recipient === null) return null;
    const cur = this.byMessage.get(messageHash(o.family, o.queueId));
    if (cur === undefined) return null;
    const rcpt = recipientHash(o.recipient);
    for (const x of Array.isArray(cur) ? cur : [cur]) if (rcptOf(x) === rcpt) return attemptsOf(x);
    return null;
  }

  /** The message left the queue: its finished stories are forgotten (a reused queue ID starts afresh). */
  delete(family: LogFamily, queueId: string): void {
    if (this.byMessage.size > 0) this.byMessage.delete(messageHash(family, queueId));
  }

  clear(): void {
    this.byMessage.clear();
  }

  get size(): number {
    return this.byMessage.size;
  }
}
