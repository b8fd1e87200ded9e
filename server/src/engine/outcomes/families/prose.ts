// Bounces without a delivery-status part name their failed recipients in prose: Exim's "The
// following address(es) failed:", Gmail's "Delivery to the following recipient failed
// permanently:", Domino's "was not delivered to:", qmail's "<x@y>:" after "I'm afraid I wasn't
// able to deliver your message", "Unknown user: x@y"… This reads those lists, line by line and
// bounded, into recipients with the words that follow them (their reason).
import type { ProsePart } from '../../scanner/eml';
import type { Verdict } from '../types';

export interface ProseRecipient {
  recipient: string;
  verdict: Extract<Verdict, 'bounced' | 'deferred'>;
  part: ProsePart;
  /** [start, end) of the address in the part's text. */
  at: [number, number];
  /** The words after the address (its reason), bounded. */
  reason: string;
  /** Where the recipient's block (its address and its reason lines) ends in the part's text. */
  blockEnd: number;
}

/** Phrases that introduce a list of failed recipients (or name one inline). */
const FAILED =
  /address(?:es|\(es\)) failed|recipients? failed|failed permanently|not delivered to|delivery has failed to|could not be delivered to|wasn'?t able to deliver your message|permanent fatal errors|did not reach|undeliverable to|failed to deliver to|(?:unknown|invalid) (?:user|recipient)s?:|no such (?:user|recipient|mailbox)|permanent error|following list of recipients|failure reasons|exceeds allowed size/i;
/** Phrases that introduce recipients still being retried. */
const DELAYED = /(?:has|have) been delayed|not yet been delivered|could not be delivered yet|transient non-fatal errors|delivery is delayed|is being retried|will be retried/i;
/** An address at the start of a (trimmed) line: `x@y`, `<x@y>`, `<x@y>:`, `"x@y"`. */
const ADDRESS_START = /^["<]?([^\s<>@"(),;:]{1,64}@[^\s<>@"(),;:]{1,253})/;
/** An address anywhere after an inline introduction (`Unknown user: x@y`, `not delivered to: x@y`). */
const ADDRESS_AFTER = /[\s:<"]([^\s<>@"(),;:]{1,64}@[^\s<>@"(),;:]{1,253})/;
/** Where a bounce's report ends and the returned message or machine part begins. */
const SECTION_END = /^(?:-{3,}|_{3,}|original message|this is a copy|reporting-mta:|received:|return-path:|content-type:)/i;

const MAX_LINES = 4000;
const MAX_REASON = 300;
const MAX_RECIPIENTS = 200;

function cleanAddress(a: string): string {
  let end = a.length;
  while (end > 0 && '.>:'.includes(a[end - 1])) end--;
  return a.slice(0, end);
}

/** The recipients a part's prose names, in order, each once. */
export function proseRecipients(part: ProsePart): ProseRecipient[] {
  const text = part.text;
  const out: ProseRecipient[] = [];
  const seen = new Set<string>();
  // Line starts, bounded.
  const starts: number[] = [0];
  for (let i = text.indexOf('\n'); i >= 0 && starts.length < MAX_LINES; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const lineAt = (k: number) => {
    const end = k + 1 < starts.length ? starts[k + 1] - 1 : text.length;
    return text.slice(starts[k], end > starts[k] && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
  };
  const lineEnd = (k: number) => (k + 1 < starts.length ? starts[k + 1] - 1 : text.length);
  const add = (verdict: ProseRecipient['verdict'], address: string, start: number, reason: string, blockEnd: number): ProseRecipient | null => {
    const recipient = cleanAddress(address);
    const key = recipient.toLowerCase();
    if (!recipient.includes('@') || seen.has(key) || out.length >= MAX_RECIPIENTS) return null;
    seen.add(key);
    const r: ProseRecipient = { recipient, verdict, part, at: [start, start + recipient.length], reason, blockEnd };
    out.push(r);
    return r;
  };
  for (let k = 0; k < starts.length; k++) {
    const line = lineAt(k);
    if (SECTION_END.test(line.trimStart()) && out.length) break;
    const delayed = DELAYED.test(line);
    const failed = !delayed && FAILED.test(line);
    if (!delayed && !failed) continue;
    const verdict = delayed ? 'deferred' : 'bounced';
    // An address on the introducing line itself (after the phrase).
    const inline = ADDRESS_AFTER.exec(line);
    if (inline) {
      const at = starts[k] + inline.index + 1;
      add(verdict, inline[1], at, line.slice(0, inline.index).trim().slice(0, MAX_REASON), lineEnd(k));
    }
    // A list on the lines that follow: addresses, each with the more indented words after it.
    let current: ProseRecipient | null = null;
    let blanks = 0;
    let j = k + 1;
    for (; j < starts.length && j <= k + 60; j++) {
      const l = lineAt(j);
      // A quoted or forwarded bounce (`> `), sendmail's `>>> ` before the address.
      const unquoted = l.replace(/^[>\s]+/, '');
      const lead = l.length - unquoted.length;
      const t = unquoted.trimEnd();
      if (!t) {
        if (++blanks >= 2 && current) break;
        continue;
      }
      if (SECTION_END.test(t)) break;
      const m = ADDRESS_START.exec(t);
      if (m) {
        current = add(verdict, m[1], starts[j] + lead + (t[0] === '<' || t[0] === '"' ? 1 : 0), '', lineEnd(j)) ?? current;
        blanks = 0;
        continue;
      }
      if (current) {
        // Words after the address: its reason (a new introduction ends the list).
        if (DELAYED.test(t) || (FAILED.test(t) && !/^(?:because|reason|technical details)/i.test(t))) break;
        if (current.reason.length < MAX_REASON) current.reason = `${current.reason} ${t}`.trim().slice(0, MAX_REASON);
        current.blockEnd = lineEnd(j);
        blanks = 0;
      } else if (j > k + 6) {
        break;
      }
    }
    if (current) k = j - 1;
  }
  return out;
}
