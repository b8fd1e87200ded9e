// Turns a reply (reply code, enhanced code, reply text) into an explanation: plain data
// composed from the knowledge base. The rules of composition live here; the facts do not.
import { classOf, classOfDigit, displayCode, ENHANCED_SYNTAX, REPLY_SYNTAX } from './codes';
import {
  detectProviders,
  findDocumentedResponse,
  findProviderResponse,
  normalizeReplyText,
  registryReusesOf,
  getClassEntry,
  getEnhancedCode,
  getReason,
  getReplyCode,
  getSubject,
  reasonFromText,
  type ReasonEntry,
  type Actor,
  type Advice,
  type EnhancedClassDigit,
  type ReasonId,
  type ProviderEntry,
  type ProviderResponse,
  type Reference,
} from './knowledge/index';
import type { CodeClass } from './types';

export interface ExplainInput {
  reply?: string | null;
  enhanced?: string | null;
  /** The reply text after the code, if known. */
  text?: string;
  /** The surrounding line or record (relay host names tell the provider). */
  context?: string;
}

export interface CodePart {
  code: string;
  title: string;
  summary: string;
  /** Where the code is defined, e.g. "RFC 5321 §4.2.2". */
  definedBy: string;
  /** False when the code is well-formed but in no table we know. */
  registered: boolean;
  /** "standard", "extension", "non-standard", ... for reply codes; "current", "deprecated", ... for enhanced. */
  status: string;
}

export interface Explanation {
  /** False only when no code could be read at all. */
  known: boolean;
  /** `550 5.1.1` */
  code: string;
  reply: string | null;
  enhanced: string | null;
  class: CodeClass | null;
  /** A short name, e.g. "Bad destination mailbox address". */
  title: string;
  /** One line. */
  summary: string;
  /** Paragraphs of plain words. */
  explanation: string[];
  actors: Actor[];
  causes: string[];
  remedies: string[];
  references: Reference[];
  reason: { id: ReasonId; label: string } | null;
  /** Hard: the address will not work, stop sending to it. Soft: it may work later. Null for successes. */
  bounce: 'hard' | 'soft' | null;
  provider: { id: string; name: string; responseId: string | null } | null;
  /**
   * Why the bounce is hard or soft, in words ("Soft bounce (relaying denied): a permanent refusal,
   * but the address itself is fine: ..."). Null for successes and intermediate replies.
   */
  bounceNote: string | null;
  /**
   * Facts worth a note, shown after the advice: class conflicts, RFC detail, other uses of the
   * code, providers' reuse of it, a reply text that contradicts the code.
   */
  notes: string[];
  replyPart: CodePart | null;
  enhancedPart: CodePart | null;
}

const CLASS_WORD: Record<CodeClass, string> = {
  success: 'success',
  intermediate: 'intermediate reply',
  transient: 'transient failure',
  permanent: 'permanent failure',
};

function mergeAdvice(base: Advice, override: Partial<Advice> | undefined): Advice {
  return override ? { ...base, ...override } : base;
}

function dedupeReferences(refs: Reference[]): Reference[] {
  const seen = new Set<string>();
  return refs.filter((r) => (seen.has(r.url) ? false : (seen.add(r.url), true)));
}

function unknownExplanation(reply: string | null, enhanced: string | null): Explanation {
  const code = displayCode(reply, enhanced) || '(none)';
  return {
    known: false,
    code,
    reply,
    enhanced,
    class: null,
    title: 'Not an SMTP code',
    summary: `${code} is not a well-formed SMTP reply code or enhanced status code`,
    explanation: [
      'A reply code has three digits, the first from 2 to 5; an enhanced status code is class.subject.detail with class 2, 4 or 5 (RFC 5321 §4.2, RFC 3463 §2).',
    ],
    actors: [],
    causes: [],
    remedies: [],
    references: [],
    reason: null,
    bounce: null,
    provider: null,
    bounceNote: null,
    notes: [],
    replyPart: null,
    enhancedPart: null,
  };
}

/** What the reply text and its line tell, beyond the codes: the provider, its documented response, a reason phrase. */
export interface TextAnalysis {
  provider: ProviderEntry | undefined;
  match: { provider: ProviderEntry; response: ProviderResponse } | undefined;
  phraseReason: ReasonId | undefined;
}

// The replying server's host on its log line: Postfix and Exim `host NAME[IP]` / `host NAME [IP]`
// (before `said:` or the reply), Postfix and Sendmail `relay=NAME`, Exim `H=NAME` on a delivery
// error, and a DSN's `Remote-MTA: dns; NAME`. Never the sender, the recipient, From:, HELO, or
// the host that received the message: those say nothing about who refused it.
// One pass over the line: `host NAME[` (1), `relay=NAME` (2), `Remote-MTA: dns; NAME` (3).
const REPLYING_HOST = /\bhost ([a-z0-9][a-z0-9.-]{0,252}) ?\[|\brelay=([a-z0-9][a-z0-9.-]{0,252})|\bremote-mta: ?dns; ?([a-z0-9][a-z0-9.-]{0,252})/gi;
const EXIM_HOST = /\bH=([a-z0-9][a-z0-9.-]{0,252})/g;
const EXIM_DELIVERY_ERROR = /error from remote|lmtp error after/i;
/** `user@domain` in reply text: an address names a sender or recipient, never the replying server. */
const ADDRESS = /[^\s<>()[\]"',;:]{1,64}@[a-z0-9][a-z0-9.-]{0,252}/g;

/** The host names of the replying server that its log line or DSN record shows (lower-case). */
export function replyingHosts(context: string): string[] {
  const hosts: string[] = [];
  const re = REPLYING_HOST;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(context)) !== null) hosts.push((m[1] ?? m[2] ?? m[3]).toLowerCase());
  // Exim's H= names the remote server on delivery errors only; on a rejection it is the client.
  if (context.includes('H=') && EXIM_DELIVERY_ERROR.test(context)) for (const x of context.matchAll(EXIM_HOST)) hosts.push(x[1].toLowerCase());
  return hosts;
}

/** Providers by the replying hosts (joined by a space), for the host sets a log repeats. */
const MAX_HOST_PROVIDERS = 2000;
const hostProviders = new Map<string, readonly ProviderEntry[]>();

/** `detectProviders(hosts)`, cached (bounded): a log names the same relays on line after line. */
export function providersOfHosts(hosts: string): readonly ProviderEntry[] {
  let found = hostProviders.get(hosts);
  if (found === undefined) {
    found = detectProviders(hosts);
    if (hostProviders.size >= MAX_HOST_PROVIDERS) hostProviders.delete(hostProviders.keys().next().value as string);
    hostProviders.set(hosts, found);
  }
  return found;
}

/** Host sets whose providers are cached (for tests: bounded by MAX_HOST_PROVIDERS). */
export function cachedHostSets(): number {
  return hostProviders.size;
}

/**
 * The part of a reply's context the explanation reads: its replying server's host names, as a
 * context `replyingHosts` reads the same names from, in the same order ('' when none). What a
 * problem carries for its quick fixes instead of its whole line.
 */
export function replyingContext(context: string): string {
  return replyingHosts(context)
    .map((h) => `host ${h}[`)
    .join(' ');
}

/**
 * Reads the reply text (and, from its line, the replying server's host names). A provider is
 * taken only from the replying server: its own text (addresses removed) or its host name.
 */
export function analyzeText(reply: string | null, enhanced: string | null, text: string, context: string | undefined, options: { phrases?: boolean } = {}): TextAnalysis {
  return analyzeNormalized(reply, enhanced, normalizeReplyText(text), () => hostsOf(context), options.phrases !== false);
}

/** The replying hosts of a line, joined by a space ('' when it names none). */
function hostsOf(context: string | undefined): string {
  return context ? replyingHosts(context).join(' ') : '';
}

/** `analyzeText` of the normalised text, with the line's replying hosts (joined, or made when needed). */
function analyzeNormalized(reply: string | null, enhanced: string | null, normalized: string, hosts: string | (() => string), phrases: boolean): TextAnalysis {
  // Most replies name no provider: the addresses are removed only when something was found.
  let fromText = detectProviders(normalized);
  if (fromText.length && normalized.includes('@')) fromText = detectProviders(normalized.replace(ADDRESS, ' '));
  // The replying host matters only when the text's own providers have no documented response for it.
  let match = fromText.length ? findDocumentedResponse(fromText, reply, enhanced, normalized) : undefined;
  let providers = fromText;
  if (!match) {
    const joined = typeof hosts === 'string' ? hosts : hosts();
    const fromHosts = joined ? providersOfHosts(joined).filter((p) => !fromText.includes(p)) : [];
    if (fromHosts.length) providers = [...fromText, ...fromHosts];
    match = findProviderResponse(fromHosts, reply, enhanced, normalized);
  }
  return {
    provider: match?.provider ?? providers[0],
    match,
    // A success's reason is `delivered` whatever its words say: `phrases: false` skips reading them.
    phraseReason: phrases ? reasonFromText(normalized) : undefined,
  };
}

/** Analyses kept: logs repeat the same replies (refusals, deferrals) from the same relays. */
export const MAX_ANALYSES = 4000;
/** Texts longer than this are analysed each time (a key holds the text). */
const MAX_CACHED_TEXT = 512;
const analyses = new Map<string, TextAnalysis>();

/**
 * `analyzeText`, cached (bounded) by what determines it: the codes, the normalised text and the
 * line's replying hosts. An analysis holds table entries only, never text of the document.
 * `phrases` false (a success: its words are not read for a reason) is analysed each time.
 */
export function analyzeTextCached(reply: string | null, enhanced: string | null, text: string, context: string | undefined, phrases: boolean): TextAnalysis {
  const normalized = normalizeReplyText(text);
  // A success's text is mostly its own (`queued as 4F2A…`): looked up, it would only churn the cache.
  if (!phrases || normalized.length > MAX_CACHED_TEXT) return analyzeNormalized(reply, enhanced, normalized, () => hostsOf(context), phrases);
  const hosts = hostsOf(context);
  // Codes are digits and dots, hosts have no NUL: the parts cannot run into each other.
  const key = `${reply ?? '-'}\u0000${enhanced ?? '-'}\u0000${hosts}\u0000${normalized}`;
  let a = analyses.get(key);
  if (a === undefined) {
    a = analyzeNormalized(reply, enhanced, normalized, hosts, phrases);
    if (analyses.size >= MAX_ANALYSES) analyses.delete(analyses.keys().next().value as string);
    analyses.set(key, a);
  }
  return a;
}

/** Analyses cached (for tests: bounded by MAX_ANALYSES). */
export function cachedAnalyses(): number {
  return analyses.size;
}

/** A key that determines an explanation: explanations with equal keys are equal (for caching). */
export function explanationKey(reply: string | null, enhanced: string | null, a: TextAnalysis): string {
  return `${reply ?? ''}|${enhanced ?? ''}|${a.provider?.id ?? ''}|${a.match?.response.id ?? ''}|${a.phraseReason ?? ''}`;
}

/** The advice of a reason itself, when the reply text names it and the code says otherwise or nothing. */
function reasonAdvice(r: ReasonEntry, causes: string[]): Advice {
  return { summary: r.summary, explanation: `The server's own words say: ${r.label}. ${r.description}`, actors: r.actors, causes, remedies: r.remedies, reason: r.id };
}

/** Why a failure is a hard or a soft bounce, in words. */
function bounceNote(cls: CodeClass, bounce: Explanation['bounce'], r: ReasonEntry): string | null {
  if (bounce === 'hard') return `Hard bounce (${r.label}): the address or its domain will not receive mail; stop sending to it.`;
  if (cls === 'transient') {
    return r.id === 'unclassified'
      ? 'Soft bounce: a temporary failure; the sending server keeps the message and tries again.'
      : `Soft bounce (${r.label}): a temporary failure; the sending server tries again. If it lasts: ${r.fix}.`;
  }
  if (cls !== 'permanent') return null;
  return r.id === 'unclassified'
    ? "Soft bounce: refused for good, but nothing in the reply says the address is bad; the server's own words tell what to change."
    : `Soft bounce (${r.label}): a permanent refusal, but the address itself is fine: ${r.fix}, then send again.`;
}

/** Explains one reply: the enhanced code is the specific meaning, the reply code its context. */
export function explainCode(input: ExplainInput, precomputed?: TextAnalysis): Explanation {
  const reply = input.reply && REPLY_SYNTAX.test(input.reply) ? input.reply : null;
  const enhanced = input.enhanced && ENHANCED_SYNTAX.test(input.enhanced) ? input.enhanced : null;
  if ((input.reply && !reply) || (input.enhanced && !enhanced) || (!reply && !enhanced)) {
    return unknownExplanation(input.reply ?? null, input.enhanced ?? null);
  }
  // 1yz never comes from an SMTP server (RFC 5321 §4.2.1); the 1xx numbers people meet
  // (101, 111) are client-side connection errors that the sender retries: read as transient.
  const pseudo = reply !== null && reply[0] === '1' && getReplyCode(reply) !== undefined;
  const cls = pseudo ? 'transient' : classOf(reply, enhanced);
  if (!cls) return unknownExplanation(reply, enhanced);

  const analysis = precomputed ?? analyzeText(reply, enhanced, input.text ?? '', input.context);
  // Notes, in the order they are shown: class conflicts, RFC detail, other uses, providers' reuse.
  const conflicts: string[] = [];
  const details: string[] = [];
  const otherUses: string[] = [];

  // The reply code.
  const replyEntry = reply ? getReplyCode(reply) : undefined;
  const replyClass = pseudo ? cls : reply ? classOfDigit(reply[0]) : null;
  const replyPart: CodePart | null = reply
    ? replyEntry
      ? {
          code: reply,
          title: replyEntry.title,
          summary: replyEntry.summary,
          definedBy: replyEntry.definedBy,
          registered: true,
          status: replyEntry.status,
        }
      : {
          code: reply,
          title: `Unlisted ${CLASS_WORD[replyClass ?? cls]} reply`,
          summary: `${reply} is in no RFC and in no common table; read it by its first digit: ${CLASS_WORD[replyClass ?? cls]}`,
          definedBy: 'no RFC',
          registered: false,
          status: 'unknown',
        }
    : null;
  if (replyEntry?.notes) details.push(...replyEntry.notes);
  if (replyEntry && replyEntry.status === 'non-standard') {
    details.push(`${reply} is not defined by any RFC; servers that send it mean what the text says, and clients read it by its first digit.`);
  }
  for (const use of replyEntry?.alsoUsedFor ?? []) otherUses.push(`Also used by some servers for ${use}; the reply text tells which.`);

  // The enhanced code, in the reading of its own class.
  const enhancedDigit = enhanced ? (enhanced[0] as EnhancedClassDigit) : null;
  const enhancedClass = enhanced ? classOfDigit(enhanced[0]) : null;
  const enhancedEntry = enhanced ? getEnhancedCode(enhanced) : undefined;
  const subject = enhanced ? enhanced.split('.')[1] : null;
  const subjectEntry = subject ? getSubject(subject) : undefined;
  const classEntry = getClassEntry(cls === 'success' ? '2' : cls === 'intermediate' ? '3' : cls === 'transient' ? '4' : '5');
  // A code registered for failures only, sent as a success (`2.2.0`): read as a success of its subject.
  const successOffRegistry = Boolean(enhancedEntry && cls === 'success' && !enhancedEntry.classes.includes('2'));
  let enhancedAdvice: Advice | undefined;
  let enhancedPart: CodePart | null = null;
  if (enhanced && enhancedEntry) {
    // When the classes disagree, the sending server acts on the reply code: give the advice
    // of the enhanced code's reading in the reply's class.
    const replyDigit = reply && reply[0] !== enhanced[0] && ['2', '4', '5'].includes(reply[0]) ? (reply[0] as EnhancedClassDigit) : null;
    const readingDigit = replyDigit ?? enhancedDigit;
    enhancedAdvice = successOffRegistry
      ? { ...classEntry!.advice, summary: `${classEntry!.title}: ${enhancedEntry.title.toLowerCase()}` }
      : mergeAdvice(enhancedEntry, readingDigit ? enhancedEntry.byClass?.[readingDigit] : undefined);
    enhancedPart = {
      code: enhanced,
      title: enhancedEntry.title,
      summary: enhancedAdvice.summary,
      definedBy: enhancedEntry.definedBy,
      registered: enhancedEntry.status !== 'unregistered',
      status: enhancedEntry.status,
    };
    if (enhancedEntry.notes) details.push(...enhancedEntry.notes);
    if (enhancedDigit && !enhancedEntry.classes.includes(enhancedDigit)) {
      details.push(
        `The registry lists ${enhancedEntry.code} for class ${enhancedEntry.classes.join('/')} only; this server uses it as ${CLASS_WORD[enhancedClass ?? cls]}.`,
      );
    }
    for (const use of enhancedEntry.alsoUsedFor ?? []) otherUses.push(`Also used by some servers for ${use}; the reply text tells which.`);
  } else if (enhanced) {
    const subjectTitle = subjectEntry ? subjectEntry.title.toLowerCase() : 'an unknown subject';
    enhancedPart = {
      code: enhanced,
      title: subjectEntry ? `${subjectEntry.title} (detail not registered)` : 'Unregistered status',
      summary: `${CLASS_WORD[enhancedClass ?? cls]}; ${subjectTitle}${subjectEntry ? '' : ` (${subject})`}; the detail ${enhanced.split('.')[2]} is not in the IANA registry`,
      definedBy: 'not in the IANA registry',
      registered: false,
      status: 'unregistered',
    };
  }

  // Disagreeing classes: RFC 3463 requires them to agree; the client acts on the reply code.
  if (replyClass && enhancedClass && replyClass !== enhancedClass) {
    conflicts.push(
      `The classes disagree: ${reply} is a ${CLASS_WORD[replyClass]} but ${enhanced} reads as a ${CLASS_WORD[enhancedClass]}. ` +
        `RFC 3463 requires the enhanced code's class to match the reply code. Sending servers decide between retrying and bouncing from the three-digit reply code, so this reply is treated as a ${CLASS_WORD[replyClass]}.`,
    );
  }

  // A provider's own documented response beats the registry's general meaning.
  const providerMatch = analysis.match;
  const provider = providerMatch?.provider ?? analysis.provider;

  // Reason, from evidence only: a provider's documented response; else what the server said
  // in words (servers pair `User unknown` with 5.2.1 or 5.5.0 as often as with 5.1.1); else a
  // specific enhanced code. Never a basic reply code alone, never a catch-all enhanced code
  // (5.0.0, 5.7.1): without evidence the reason is unclassified and the text speaks.
  const enhancedIsSpecific = Boolean(enhancedEntry && !enhancedEntry.generic && enhancedEntry.status !== 'unregistered' && !successOffRegistry);
  const codeReason = enhancedIsSpecific ? enhancedAdvice!.reason : undefined;
  let reasonId: ReasonId;
  if (cls === 'success') reasonId = 'delivered';
  else if (providerMatch) reasonId = providerMatch.response.advice.reason;
  else if (analysis.phraseReason) reasonId = analysis.phraseReason;
  else reasonId = codeReason ?? 'unclassified';
  const reasonEntry = getReason(reasonId);
  // The reply text names a reason the code does not say (or says otherwise): the advice follows the text.
  const textOverrides = !providerMatch && cls !== 'success' && cls !== 'intermediate' && analysis.phraseReason !== undefined && codeReason !== analysis.phraseReason;
  if (textOverrides && codeReason && enhancedEntry) {
    conflicts.push(`${enhanced} is registered as “${enhancedEntry.title}”, but the server's words say ${reasonEntry.label}; this explanation follows the words.`);
  }

  const codeAdvice: Advice =
    enhancedAdvice ??
    (replyEntry && (!enhanced || !subjectEntry) ? replyEntry : undefined) ??
    (subjectEntry && classEntry
      ? {
          ...classEntry.advice,
          summary: `${classEntry.title}: ${subjectEntry.title.toLowerCase()}`,
          explanation: `${classEntry.advice.explanation} ${subjectEntry.explanation}`,
          actors: subjectEntry.actors,
          reason: subjectEntry.reason,
        }
      : undefined) ??
    replyEntry ??
    classEntry!.advice;
  const base: Advice = providerMatch?.response.advice ?? (textOverrides ? reasonAdvice(reasonEntry, codeAdvice.causes) : codeAdvice);

  const reason = cls === 'intermediate' ? null : { id: reasonId, label: reasonEntry.label };
  const bounce: Explanation['bounce'] = cls === 'permanent' ? (reasonEntry.hardWhenPermanent ? 'hard' : 'soft') : cls === 'transient' ? 'soft' : null;

  const explanation = [base.explanation];
  if (textOverrides) explanation.push(codeAdvice.explanation);
  if (replyPart && enhancedPart && !providerMatch) {
    details.unshift(`The basic code ${replyPart.code} (${replyPart.title.toLowerCase()}) is the context; the enhanced code ${enhancedPart.code} is the specific meaning.`);
  }

  // Providers that give this registered code a meaning of their own, when the reply is not theirs.
  const seenInWild: string[] = [];
  if (enhanced && !providerMatch) {
    for (const r of registryReusesOf(enhanced)) {
      seenInWild.push(`Seen in the wild: ${r.provider.name} sends ${enhanced} with a meaning of its own (“${r.response.advice.summary}”); that explanation shows when the reply comes from ${r.provider.name}.`);
    }
  }

  const references = dedupeReferences([
    ...(providerMatch?.response.references ?? []),
    ...(provider ? [provider.page] : []),
    ...(enhancedEntry?.references ?? []),
    ...(replyEntry?.references ?? []),
  ]);

  const title = providerMatch?.response.title ?? enhancedPart?.title ?? replyPart?.title ?? classEntry!.title;

  return {
    known: true,
    code: displayCode(reply, enhanced),
    reply,
    enhanced,
    class: cls,
    title,
    summary: base.summary,
    explanation,
    actors: base.actors,
    causes: base.causes,
    remedies: base.remedies,
    references,
    reason,
    bounce,
    provider: provider ? { id: provider.id, name: provider.name, responseId: providerMatch?.response.id ?? null } : null,
    bounceNote: reason ? bounceNote(cls, bounce, reasonEntry) : null,
    notes: [...conflicts, ...details, ...otherUses, ...seenInWild],
    replyPart,
    enhancedPart,
  };
}
