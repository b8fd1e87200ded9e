// The bounce-reason taxonomy: a small fixed set in the spirit of the reference bounce
// analysers (sisimai, Haraka's DSN helpers), written in our own words.
import type { ReasonEntry, ReasonId } from './schema';

export const REASONS: readonly ReasonEntry[] = [
  { id: 'delivered', label: 'delivered', hardWhenPermanent: false, description: 'The message was accepted or the step succeeded.' },
  { id: 'user-unknown', label: 'user unknown', hardWhenPermanent: true, description: 'The mailbox does not exist at the receiving domain.' },
  { id: 'mailbox-full', label: 'mailbox full', hardWhenPermanent: false, description: 'The mailbox exists but has no room left.' },
  { id: 'mailbox-disabled', label: 'mailbox disabled', hardWhenPermanent: true, description: 'The mailbox exists but is suspended, disabled or inactive.' },
  { id: 'has-moved', label: 'address moved', hardWhenPermanent: true, description: 'The address has moved and the server gives no forwarding address.' },
  { id: 'host-unknown', label: 'host unknown', hardWhenPermanent: true, description: 'The recipient domain or host does not exist or cannot be resolved.' },
  { id: 'not-accepting-mail', label: 'domain accepts no mail', hardWhenPermanent: true, description: 'The domain or host declares that it accepts no mail at all (for example a null MX).' },
  { id: 'blocked', label: 'blocked / blocklisted', hardWhenPermanent: false, description: 'The receiver refused the sending IP address or host, often because of a blocklist or poor reputation.' },
  { id: 'spam', label: 'spam detected', hardWhenPermanent: false, description: 'A content or reputation filter judged the message to be spam.' },
  { id: 'virus', label: 'virus detected', hardWhenPermanent: false, description: 'A scanner found malware in the message.' },
  { id: 'content', label: 'content rejected', hardWhenPermanent: false, description: 'The message format, headers or attachments were refused.' },
  { id: 'policy', label: 'policy violation', hardWhenPermanent: false, description: 'A rule of the receiving site refused the message.' },
  { id: 'sender-authentication', label: 'authentication (SPF/DKIM/DMARC) failure', hardWhenPermanent: false, description: 'The sending domain failed SPF, DKIM, DMARC, ARC or reverse-DNS checks.' },
  { id: 'smtp-auth', label: 'SMTP login failure', hardWhenPermanent: false, description: 'SMTP AUTH failed: wrong credentials, a missing login, or a refused mechanism.' },
  { id: 'relay-denied', label: 'relaying denied', hardWhenPermanent: false, description: 'The server will not pass mail on to a domain it does not handle for this client.' },
  { id: 'sender-rejected', label: 'sender rejected', hardWhenPermanent: false, description: 'The envelope sender address was refused.' },
  { id: 'rate-limited', label: 'rate limited', hardWhenPermanent: false, description: 'The sender is sending too much, too fast, or over too many connections.' },
  { id: 'too-many-recipients', label: 'too many recipients', hardWhenPermanent: false, description: 'The message or transaction names more recipients than allowed.' },
  { id: 'too-large', label: 'message too large', hardWhenPermanent: false, description: 'The message is bigger than the receiver accepts.' },
  { id: 'tls-required', label: 'TLS / security required', hardWhenPermanent: false, description: 'Encryption or a stronger security setting is required, or TLS failed.' },
  { id: 'expired', label: 'expired', hardWhenPermanent: false, description: 'Delivery kept failing until the sending server gave up.' },
  { id: 'network', label: 'network error', hardWhenPermanent: false, description: 'DNS, connection or routing problems between the servers.' },
  { id: 'system', label: 'system error', hardWhenPermanent: false, description: 'The receiving or sending system had an internal problem (disk, configuration, software).' },
  { id: 'protocol', label: 'protocol / syntax error', hardWhenPermanent: false, description: 'A command or parameter was malformed, unknown or out of order.' },
  { id: 'other', label: 'other', hardWhenPermanent: false, description: 'No more specific reason can be told from the code and text.' },
];

const BY_ID = new Map<ReasonId, ReasonEntry>(REASONS.map((r) => [r.id, r]));

export function getReason(id: ReasonId): ReasonEntry {
  const entry = BY_ID.get(id);
  if (!entry) throw new Error(`unknown reason ${id}`);
  return entry;
}
