// Read access to the knowledge base. Lookups only: what the data means is decided in ../explain.ts.
import type {
  ClassEntry,
  EnhancedCodeEntry,
  ProviderEntry,
  ProviderResponse,
  ReasonId,
  ReplyCodeEntry,
  SubjectEntry,
} from './schema';
import { REPLY_CODES } from './reply-codes';
import { ENHANCED_CODES } from './enhanced-codes';
import { SUBJECTS } from './subjects';
import { PROVIDERS } from './providers';
import { REASON_PHRASES } from './phrases';
import { CLASSES } from './classes';

export * from './schema';
export { REASONS, getReason } from './reasons';
export { isAllowedReferenceUrl, DOCUMENTATION_HOSTS } from './hosts';
export { REPLY_CODES, ENHANCED_CODES, SUBJECTS, PROVIDERS, REASON_PHRASES, CLASSES };

const replyByCode = new Map<string, ReplyCodeEntry>(REPLY_CODES.map((e) => [e.code, e]));
const enhancedByKey = new Map<string, EnhancedCodeEntry>(ENHANCED_CODES.map((e) => [e.code.slice(2), e]));
const subjectByDigit = new Map<string, SubjectEntry>(SUBJECTS.map((e) => [e.subject, e]));
const classByDigit = new Map<string, ClassEntry>(CLASSES.map((e) => [e.digit, e]));

export function getReplyCode(code: string): ReplyCodeEntry | undefined {
  return replyByCode.get(code);
}

/** The registry entry for `5.1.1`, `4.1.1` or `X.1.1` (the class does not matter here). */
export function getEnhancedCode(code: string): EnhancedCodeEntry | undefined {
  const dot = code.indexOf('.');
  return dot < 0 ? undefined : enhancedByKey.get(code.slice(dot + 1));
}

export function getSubject(subject: string): SubjectEntry | undefined {
  return subjectByDigit.get(subject);
}

export function getClassEntry(digit: string): ClassEntry | undefined {
  return classByDigit.get(digit);
}

export function getProvider(id: string): ProviderEntry | undefined {
  return PROVIDERS.find((p) => p.id === id);
}

/**
 * Finds which of many lower-case needles occur in a text, fast: needles are indexed by their
 * first two characters, so a text is walked once instead of once per needle. Among the needles
 * found, the one listed first wins (tables are ordered from specific to general).
 */
export class NeedleIndex<T> {
  private readonly buckets = new Map<number, Array<{ needle: string; rank: number; value: T }>>();
  private readonly single = new Map<number, Array<{ rank: number; value: T }>>();
  /** One bit per ASCII character pair that starts a needle: most positions are skipped on a table read. */
  private readonly pairs = new Uint8Array(1 << 14);

  constructor(entries: ReadonlyArray<readonly [string, T]>) {
    entries.forEach(([needle, value], rank) => {
      const a = needle.charCodeAt(0);
      const b = needle.length > 1 ? needle.charCodeAt(1) : -1;
      if (a < 128 && b < 128) {
        if (b < 0) for (let x = 0; x < 128; x++) this.pairs[(a << 7) | x] = 1;
        else this.pairs[(a << 7) | b] = 1;
      } else {
        this.pairs.fill(1); // a needle outside ASCII: no shortcut
      }
      if (needle.length === 0) return;
      if (needle.length === 1) {
        const key = needle.charCodeAt(0);
        const list = this.single.get(key) ?? [];
        list.push({ rank, value });
        this.single.set(key, list);
        return;
      }
      const key = needle.charCodeAt(0) * 65536 + needle.charCodeAt(1);
      const list = this.buckets.get(key) ?? [];
      list.push({ needle, rank, value });
      this.buckets.set(key, list);
    });
  }

  /** The value of the first-ranked needle found in `hay` (already lower-case), or undefined. */
  first(hay: string): T | undefined {
    let bestRank = Infinity;
    let best: T | undefined;
    for (let i = 0; i < hay.length; i++) {
      const c = hay.charCodeAt(i);
      const d = hay.charCodeAt(i + 1);
      if (c < 128 && (d < 128 || Number.isNaN(d)) && this.pairs[(c << 7) | (Number.isNaN(d) ? 0 : d)] === 0 && !this.single.has(c)) continue;
      const one = this.single.get(c);
      if (one) for (const e of one) if (e.rank < bestRank) (bestRank = e.rank), (best = e.value);
      const list = this.buckets.get(c * 65536 + hay.charCodeAt(i + 1));
      if (!list) continue;
      for (const e of list) {
        if (e.rank < bestRank && hay.startsWith(e.needle, i)) {
          bestRank = e.rank;
          best = e.value;
        }
      }
    }
    return best;
  }
}

const providerIndex = new NeedleIndex<ProviderEntry>(PROVIDERS.flatMap((p) => p.detect.map((d) => [d, p] as const)));
const phraseIndex = new NeedleIndex<ReasonId>(REASON_PHRASES.map((p) => [p.phrase, p.reason] as const));

/** The provider named by the (lower-case) text, if any: the first in table order. */
export function detectProvider(lowerText: string): ProviderEntry | undefined {
  return providerIndex.first(lowerText);
}

function enhancedParts(code: string): [number, number, number] | undefined {
  const parts = code.split('.');
  if (parts.length !== 3) return undefined;
  const nums = parts.map((p) => Number(p));
  return nums.every((n) => Number.isInteger(n)) ? (nums as [number, number, number]) : undefined;
}

/** Does a response's code pattern (`5.7.26`, `5.7.606-5.7.649`, `550`) match this reply? */
export function responseCodeMatches(pattern: string, reply: string | null, enhanced: string | null): boolean {
  if (/^\d{3}$/.test(pattern)) return reply === pattern;
  const dash = pattern.indexOf('-');
  if (dash < 0) return enhanced === pattern;
  if (!enhanced) return false;
  const lo = enhancedParts(pattern.slice(0, dash));
  const hi = enhancedParts(pattern.slice(dash + 1));
  const value = enhancedParts(enhanced);
  if (!lo || !hi || !value) return false;
  return value[0] === lo[0] && value[1] === lo[1] && value[2] >= lo[2] && value[2] <= hi[2];
}

function responseMatches(response: ProviderResponse, reply: string | null, enhanced: string | null, lowerText: string): boolean {
  if (response.codes.length > 0 && !response.codes.some((c) => responseCodeMatches(c, reply, enhanced))) return false;
  if (response.textIncludes && !response.textIncludes.some((t) => lowerText.includes(t))) return false;
  return true;
}

/**
 * The documented provider response for this reply: from the detected provider first, else
 * a response whose code alone identifies its provider.
 */
export function findProviderResponse(
  provider: ProviderEntry | undefined,
  reply: string | null,
  enhanced: string | null,
  lowerText: string,
): { provider: ProviderEntry; response: ProviderResponse } | undefined {
  if (provider) {
    const response = provider.responses.find((r) => responseMatches(r, reply, enhanced, lowerText));
    if (response) return { provider, response };
  }
  for (const p of PROVIDERS) {
    for (const r of p.responses) {
      if (r.codeIsDistinctive && responseMatches(r, reply, enhanced, lowerText)) return { provider: p, response: r };
    }
  }
  return undefined;
}

/** The bounce reason a reply text names, if any phrase of the table occurs in it. */
export function reasonFromText(lowerText: string): ReasonId | undefined {
  return phraseIndex.first(lowerText);
}
