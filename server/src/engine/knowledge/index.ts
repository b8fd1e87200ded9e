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

/** The provider named by the (lower-case) text, if any. */
export function detectProvider(lowerText: string): ProviderEntry | undefined {
  for (const provider of PROVIDERS) {
    for (const needle of provider.detect) {
      if (lowerText.includes(needle)) return provider;
    }
  }
  return undefined;
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
  for (const { phrase, reason } of REASON_PHRASES) {
    if (lowerText.includes(phrase)) return reason;
  }
  return undefined;
}
