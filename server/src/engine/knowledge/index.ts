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
export { isAllowedReferenceUrl } from './hosts';
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

import { NeedleIndex } from './needles';


const providerIndex = new NeedleIndex<ProviderEntry>(PROVIDERS.flatMap((p) => p.detect.map((d) => [d, p] as const)));
const phraseIndex = new NeedleIndex<ReasonId>(REASON_PHRASES.map((p) => [p.phrase, p.reason] as const));

/** The needle indexes of the knowledge base (their expressions are checked by the ReDoS test). */
export const NEEDLE_INDEXES: readonly NeedleIndex<unknown>[] = [providerIndex, phraseIndex];

/**
 * Reply text as the tables are written: lower-case, `e-mail` and `email` read as `mail`, so
 * "unsolicited email" and "unsolicited mail" are one phrase. Table entries are stored in this
 * form (checked by the knowledge test), and written as stems where wording varies.
 */
export function normalizeReplyText(text: string): string {
  const lower = text.toLowerCase();
  return lower.includes('mail') ? lower.replace(/\be-?mail/g, 'mail') : lower;
}

/** The providers named by the (normalised) text, in table order. */
export function detectProviders(text: string): ProviderEntry[] {
  return providerIndex.all(text);
}

function enhancedParts(code: string): [number, number, number] | undefined {
  const parts = code.split('.');
  if (parts.length !== 3) return undefined;
  const nums = parts.map((p) => Number(p));
  return nums.every((n) => Number.isInteger(n)) ? (nums as [number, number, number]) : undefined;
}

/** A response's code pattern, read once: a reply code, an enhanced code, or a range of details. */
type CodeMatcher =
  | { kind: 'reply'; code: string }
  | { kind: 'enhanced'; code: string }
  | { kind: 'range'; prefix: string; lo: number; hi: number };

function compilePattern(pattern: string): CodeMatcher | null {
  if (/^\d{3}$/.test(pattern)) return { kind: 'reply', code: pattern };
  const dash = pattern.indexOf('-');
  if (dash < 0) return { kind: 'enhanced', code: pattern };
  const lo = enhancedParts(pattern.slice(0, dash));
  const hi = enhancedParts(pattern.slice(dash + 1));
  if (!lo || !hi || lo[0] !== hi[0] || lo[1] !== hi[1]) return null;
  return { kind: 'range', prefix: `${lo[0]}.${lo[1]}.`, lo: lo[2], hi: hi[2] };
}

function matcherMatches(m: CodeMatcher, reply: string | null, enhanced: string | null): boolean {
  switch (m.kind) {
    case 'reply':
      return reply === m.code;
    case 'enhanced':
      return enhanced === m.code;
    case 'range': {
      if (!enhanced || !enhanced.startsWith(m.prefix)) return false;
      const detail = Number(enhanced.slice(m.prefix.length));
      return detail >= m.lo && detail <= m.hi;
    }
  }
}

/** Does a response's code pattern (`5.7.26`, `5.7.606-5.7.649`, `550`) match this reply? */
export function responseCodeMatches(pattern: string, reply: string | null, enhanced: string | null): boolean {
  const m = compilePattern(pattern);
  return m !== null && matcherMatches(m, reply, enhanced);
}

interface CompiledResponse {
  provider: ProviderEntry;
  response: ProviderResponse;
  codes: CodeMatcher[];
}

const compiled = new Map<ProviderResponse, CompiledResponse>();
for (const provider of PROVIDERS) {
  for (const response of provider.responses) {
    compiled.set(response, { provider, response, codes: response.codes.map(compilePattern).filter((m): m is CodeMatcher => m !== null) });
  }
}
/** Responses whose code alone names their provider, checked for every reply. */
const distinctive = [...compiled.values()].filter((c) => c.response.codeIsDistinctive);

function responseMatches(c: CompiledResponse, reply: string | null, enhanced: string | null, lowerText: string): boolean {
  if (c.codes.length > 0 && !c.codes.some((m) => matcherMatches(m, reply, enhanced))) return false;
  const text = c.response.textIncludes;
  if (text && !text.some((t) => lowerText.includes(t))) return false;
  return true;
}

/** The first documented response of these providers, in order, that matches this reply. */
export function findDocumentedResponse(
  providers: readonly ProviderEntry[],
  reply: string | null,
  enhanced: string | null,
  lowerText: string,
): { provider: ProviderEntry; response: ProviderResponse } | undefined {
  for (const provider of providers) {
    for (const response of provider.responses) {
      if (responseMatches(compiled.get(response)!, reply, enhanced, lowerText)) return { provider, response };
    }
  }
  return undefined;
}

/**
 * The documented provider response for this reply: from the detected providers first, in
 * order, else a response whose code alone identifies its provider.
 */
export function findProviderResponse(
  providers: readonly ProviderEntry[],
  reply: string | null,
  enhanced: string | null,
  lowerText: string,
): { provider: ProviderEntry; response: ProviderResponse } | undefined {
  const documented = findDocumentedResponse(providers, reply, enhanced, lowerText);
  if (documented) return documented;
  for (const c of distinctiveFor(reply, enhanced)) {
    if (responseMatches(c, reply, enhanced, lowerText)) return { provider: c.provider, response: c.response };
  }
  return undefined;
}

/** Per pair of codes, the distinctive responses whose codes allow it, in order: every reply asks, few pairs occur. */
const distinctiveByCodes = new Map<string, CompiledResponse[]>();

function distinctiveFor(reply: string | null, enhanced: string | null): readonly CompiledResponse[] {
  const key = `${reply ?? ''}|${enhanced ?? ''}`;
  let list = distinctiveByCodes.get(key);
  if (!list) {
    list = distinctive.filter((c) => c.codes.length === 0 || c.codes.some((m) => matcherMatches(m, reply, enhanced)));
    if (distinctiveByCodes.size >= 2000) distinctiveByCodes.clear();
    distinctiveByCodes.set(key, list);
  }
  return list;
}

/**
 * Provider responses that give a registered enhanced code a meaning of its own (Gmail's 5.7.27,
 * Microsoft's 5.4.1): the registry's reading of the code mentions them as seen in the wild.
 */
export function registryReusesOf(enhanced: string): { provider: ProviderEntry; response: ProviderResponse }[] {
  const out: { provider: ProviderEntry; response: ProviderResponse }[] = [];
  for (const c of compiled.values()) {
    if (c.response.registryReuse && c.codes.some((m) => m.kind === 'enhanced' && m.code === enhanced)) out.push({ provider: c.provider, response: c.response });
  }
  return out;
}

/** The bounce reason a reply text names, if any phrase of the table occurs in it. */
export function reasonFromText(lowerText: string): ReasonId | undefined {
  return phraseIndex.first(lowerText);
}
