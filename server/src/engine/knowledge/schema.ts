// The shape of the knowledge base. The data lives in the sibling modules and is
// validated by test/unit/knowledge.test.ts; logic never embeds a code's meaning.

/** A link to documentation. https only, on the allow-list in ./hosts.ts. */
export interface Reference {
  title: string;
  url: string;
}

/** Who has to act to fix the failure. */
export type Actor =
  | 'sender' // the person who wrote the message
  | 'sender-admin' // whoever runs the sending server or domain (DNS, SPF, DKIM, IP reputation)
  | 'recipient' // the person the message was for
  | 'recipient-admin' // whoever runs the receiving server or domain
  | 'nobody'; // success, or a temporary condition that clears by itself

/** Identifiers of the bounce-reason taxonomy (see ./reasons.ts). */
export type ReasonId =
  | 'delivered'
  | 'user-unknown'
  | 'mailbox-full'
  | 'mailbox-disabled'
  | 'has-moved'
  | 'host-unknown'
  | 'not-accepting-mail'
  | 'blocked'
  | 'spam'
  | 'virus'
  | 'content'
  | 'policy'
  | 'sender-authentication'
  | 'smtp-auth'
  | 'relay-denied'
  | 'sender-rejected'
  | 'rate-limited'
  | 'too-many-recipients'
  | 'too-large'
  | 'tls-required'
  | 'expired'
  | 'network'
  | 'system'
  | 'protocol'
  | 'greylisting'
  | 'unclassified';

/** What the user reads for one code: the advice part shared by every kind of entry. */
export interface Advice {
  /** One line, no final period. */
  summary: string;
  /** Plain words: what happened, one to four sentences. */
  explanation: string;
  /** Who has to act. */
  actors: Actor[];
  /** Likely causes, most likely first. */
  causes: string[];
  /** What to do, in order. */
  remedies: string[];
  reason: ReasonId;
}

export type ReplyCodeStatus =
  | 'standard' // RFC 5321
  | 'extension' // a standards-track SMTP extension RFC
  | 'experimental'
  | 'bcp' // written out in RFC 5248 (BCP 138)
  | 'registry-only' // only appears as an associated code in the IANA enhanced-code registry
  | 'draft' // an expired Internet-Draft
  | 'non-standard'; // common in the wild, defined by no RFC

/** A three-digit SMTP reply code. */
export interface ReplyCodeEntry extends Advice {
  code: string;
  /** A short name for the code, e.g. "Mailbox unavailable". */
  title: string;
  status: ReplyCodeStatus;
  /** Human-readable origin, e.g. "RFC 5321 §4.2.2". */
  definedBy: string;
  references: Reference[];
  /** Extra facts worth knowing, e.g. a second meaning in another extension. */
  notes?: string[];
  /**
   * True for codes servers use for many different failures (550, 554, 451): the reply
   * text then says more about the reason than the code does.
   */
  generic?: boolean;
  /** Other uses some servers make of the code ("relaying denied"), shown as notes; the reply text decides. */
  alsoUsedFor?: string[];
}

/** Class-specific overrides of an enhanced code's advice (a 4.x.x and a 5.x.x reading differ). */
export type ClassAdvice = Partial<Advice>;

export type EnhancedClassDigit = '2' | '4' | '5';

/** An enhanced status code subject.detail from the IANA registry (RFC 3463 and later). */
export interface EnhancedCodeEntry extends Advice {
  /** `X.subject.detail`, e.g. "X.1.1". */
  code: string;
  /** The registry's name for the code, e.g. "Bad destination mailbox address". */
  title: string;
  /** Classes the registry allows the code with. */
  classes: EnhancedClassDigit[];
  /** Human-readable origin, e.g. "RFC 3463 §3.2". */
  definedBy: string;
  status: 'current' | 'deprecated' | 'unregistered';
  references: Reference[];
  /** Overrides for a class: e.g. `{ '4': { summary: ..., remedies: [...] } }`. */
  byClass?: Partial<Record<EnhancedClassDigit, ClassAdvice>>;
  notes?: string[];
  /** True for catch-all codes (X.0.0, X.7.0, X.7.1...): the reply text says more about the reason. */
  generic?: boolean;
  /** Other uses some servers make of the code, shown as notes; the reply text decides. */
  alsoUsedFor?: string[];
}

/** The meaning of a subject sub-code (X.1.x addressing, X.2.x mailbox, ...), for unregistered details. */
export interface SubjectEntry {
  subject: string;
  title: string;
  explanation: string;
  reason: ReasonId;
  actors: Actor[];
}

/** A reply that a large receiver or filter documents itself. */
export interface ProviderResponse {
  /** Stable id, e.g. "gmail-5.7.26". */
  id: string;
  /**
   * Codes the response is sent with: enhanced codes (`5.7.26`), ranges of enhanced codes
   * (`5.7.606-5.7.649`), or reply codes (`550`). Empty means any code.
   */
  codes: string[];
  /** Lower-case substrings of the reply text; if given, one of them must occur. */
  textIncludes?: string[];
  title: string;
  advice: Advice;
  references: Reference[];
  /**
   * True when the code alone identifies this response even if the provider is not named
   * in the text (codes outside the registry that only this provider sends, e.g. 5.7.606).
   */
  codeIsDistinctive?: boolean;
  /**
   * True when the provider sends a registered code with a meaning of its own (Gmail's 5.7.27
   * for SPF, Microsoft's 5.4.1 for an unknown recipient): the registry entry of the code then
   * says so in a "seen in the wild" note.
   */
  registryReuse?: boolean;
}

/** A mailbox provider, filter or blocklist recognisable from the reply text. */
export interface ProviderEntry {
  id: string;
  name: string;
  /** Lower-case substrings of the reply or log line that identify the provider. */
  detect: string[];
  /** The provider's own documentation of its replies. */
  page: Reference;
  responses: ProviderResponse[];
}

/** A phrase that names a bounce reason when no code settles it (e.g. `550 User unknown`). */
export interface ReasonPhrase {
  /** Lower-case substring. */
  phrase: string;
  reason: ReasonId;
}

export interface ReasonEntry {
  id: ReasonId;
  /** Short label shown to users, e.g. "user unknown". */
  label: string;
  /** A hard bounce means the address itself will not work: stop sending to it. */
  hardWhenPermanent: boolean;
  description: string;
  /** What to fix before sending again, as the end of a sentence ("get the sending IP off the blocklist"). */
  fix: string;
  /**
   * The advice when the reply text names this reason and the code says otherwise or nothing
   * (`550 5.4.6 Hourly sending quota exceeded`): one line, who acts, what to do.
   */
  summary: string;
  actors: Actor[];
  remedies: string[];
  /** Words people search with for this reason (`blacklist`, `no such user`), lower-case. */
  aliases: string[];
}

/** Generic advice for a class, used when neither code is in the knowledge base. */
export interface ClassEntry {
  digit: '2' | '3' | '4' | '5';
  title: string;
  advice: Advice;
}
