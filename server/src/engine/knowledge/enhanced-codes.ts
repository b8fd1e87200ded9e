// Enhanced mail system status codes (RFC 3463 and the RFCs that added codes to the
// IANA registry). One entry per subject.detail, in code order; `byClass` gives the
// reading of a 2.x.x, 4.x.x or 5.x.x use where it differs from the base advice.
// Facts (codes, titles, sections) come from the RFCs and the registry; the advice is
// written in our own words.
import type { EnhancedCodeEntry, Reference } from './schema';
import { IANA_ENHANCED_REGISTRY, rfc } from './refs';

const IANA = IANA_ENHANCED_REGISTRY;

const DRAFT_MAILBOMB: Reference = {
  title: 'draft-levine-mailbomb-header (Internet-Draft)',
  url: 'https://datatracker.ietf.org/doc/draft-levine-mailbomb-header/',
};
const DRAFT_IPV4_FALLBACK: Reference = {
  title: 'draft-martin-smtp-ipv6-to-ipv4-fallback (expired Internet-Draft)',
  url: 'https://datatracker.ietf.org/doc/draft-martin-smtp-ipv6-to-ipv4-fallback/',
};

export const ENHANCED_CODES: readonly EnhancedCodeEntry[] = [
  // ---------------------------------------------------------------- X.0 Other
  {
    code: 'X.0.0',
    title: 'Other undefined Status',
    classes: ['2', '4', '5'],
    definedBy: 'RFC 3463 §3.1',
    status: 'current',
    generic: true,
    summary: 'Permanent failure without a specific code: the reply text carries the real reason',
    explanation:
      'X.0.0 is the catch-all code: it only says whether the step succeeded, failed for now or failed for good. Whatever went wrong is described in the text after the code. With 5.0.0 the sending server bounces the message.',
    actors: ['sender-admin'],
    causes: [
      'The receiving software does not map its errors to detailed codes and reports everything as 5.0.0.',
      'A filter or policy rejection whose reason the receiving admin prefers not to reveal.',
      'An address or routing failure reported by an MTA that has no better code for it.',
    ],
    remedies: [
      "Read the full reply text and the Diagnostic-Code line of the bounce: the reason is there, not in the code.",
      'Look in the text for a provider tag or a lookup URL (for example a blocklist link) and follow it.',
      "If the text is empty or vague, write to the recipient's postmaster with the exact reply, the time and your sending IP.",
    ],
    reason: 'unclassified',
    byClass: {
      '2': {
        summary: 'Success: the server accepted the command or the message',
        explanation:
          'The plain success code. Postfix and Sendmail use it when a message is queued (`250 2.0.0 Ok: queued as ...`) or a session ends (`221 2.0.0 Bye`). Nothing needs doing.',
        actors: ['nobody'],
        causes: ['Normal SMTP conversation.'],
        remedies: ["Nothing to do; if the message never showed up, check the recipient's spam folder or ask their admin to trace it."],
        reason: 'delivered',
      },
      '4': {
        summary: 'Temporary failure without a specific code: the sender will retry; the text says why',
        explanation:
          'The receiver reports a temporary problem but gives no detail in the code. The sending server keeps the message queued and tries again; the text usually names the condition (greylisting, load, a rate limit).',
        actors: ['nobody', 'sender-admin'],
        causes: [
          'Greylisting or a temporary rate limit that is described only in the text.',
          'A temporary problem at the receiving server (overload, maintenance, a backend that did not answer).',
        ],
        remedies: [
          'Let the queue retry; most of these clear within minutes or hours.',
          'If the same deferral repeats for a day, read the text closely and contact the receiving postmaster.',
        ],
        reason: 'unclassified',
      },
    },
    references: [rfc(3463, '3.1'), IANA],
  },

  // ---------------------------------------------------------------- X.1 Addressing
  {
    code: 'X.1.0',
    title: 'Other address status',
    classes: ['2', '4', '5'],
    definedBy: 'RFC 3463 §3.2',
    status: 'current',
    generic: true,
    summary: 'An envelope address was refused, without a more precise code',
    explanation:
      'Something about an address (usually the recipient, sometimes the sender) made the server refuse it, but the code does not say what. The reply text normally names the address and the problem; the message is bounced for that address.',
    actors: ['sender', 'sender-admin'],
    causes: [
      'The recipient does not exist or is not accepted at that domain, on a server that does not use 5.1.1.',
      'The sender address was refused, for example by an SPF or sender-verification check reported under this code.',
      'The address is malformed or uses a domain the server does not handle.',
    ],
    remedies: [
      'Read the reply text to see which address was refused and why.',
      'Check both the envelope sender (MAIL FROM) and the recipient for typos and for a domain that resolves.',
      'If the text points at the sender, check your SPF record and the return path your software uses.',
    ],
    reason: 'unclassified',
    byClass: {
      '2': {
        summary: 'Success: the address was accepted (usually the answer to MAIL FROM)',
        explanation:
          'Postfix, Sendmail and Exchange answer an accepted MAIL FROM with `250 2.1.0`. It only means the envelope sender was accepted; the recipients and the message come next.',
        actors: ['nobody'],
        causes: ['Normal SMTP conversation.'],
        remedies: ['Nothing to do; the replies to RCPT TO and to the end of DATA tell how the delivery went.'],
        reason: 'delivered',
      },
      '4': {
        summary: 'An address could not be checked right now; the sender will retry',
        explanation:
          'The server could not accept an address for the moment, for example because it could not verify the sender domain or its user database was busy. The message stays in the queue.',
        actors: ['nobody', 'sender-admin'],
        causes: [
          "A DNS lookup of the sender's or the recipient's domain timed out at the receiver.",
          'Sender address verification (a call-back to your server) failed temporarily.',
          "The receiver's user directory was briefly unavailable.",
        ],
        remedies: [
          'Let the queue retry.',
          'If it persists, make sure your sending domain resolves and that your server accepts mail for the envelope sender (call-back checks need that).',
        ],
        reason: 'unclassified',
      },
    },
    notes: [
      'The registry gives no basic reply code for X.1.0, so nothing limits it to failures. In practice `250 2.1.0` is the normal answer to MAIL FROM in Postfix, Sendmail and Exchange, so class 2 is listed here as well as 4 and 5.',
    ],
    references: [rfc(3463, '3.2'), IANA],
  },
  {
    code: 'X.1.1',
    title: 'Bad destination mailbox address',
    classes: ['4', '5'],
    definedBy: 'RFC 3463 §3.2',
    status: 'current',
    summary: 'The recipient mailbox does not exist',
    explanation:
      'The part of the address before the @ is not known at the receiving domain. The domain itself is fine; the mailbox name is wrong or no longer exists. The message is bounced, and every further message to this address will bounce too.',
    actors: ['sender'],
    causes: [
      'A typo in the recipient address.',
      'The person has left the organisation or closed the account.',
      'An old address from a list that was never cleaned.',
    ],
    remedies: [
      'Check the spelling of the address, especially the part before the @.',
      'Ask the recipient for a current address by another channel.',
      'Remove the address from mailing lists: sending again to unknown users hurts your sender reputation.',
    ],
    reason: 'user-unknown',
    byClass: {
      '4': {
        summary: 'The recipient mailbox is not known right now; the server asks to try again later',
        explanation:
          'The receiving server could not confirm the mailbox at this moment, often because its user directory was unreachable. It asks the sender to retry instead of bouncing.',
        actors: ['nobody', 'recipient-admin'],
        causes: ['The receiver could not reach its user directory (LDAP, database) for a moment.', 'The mailbox is being created or migrated.'],
        remedies: ['Let the queue retry.', 'If it lasts for days, tell the recipient: their admin should check the directory lookups.'],
      },
    },
    notes: [
      'RFC 3463 describes X.1.1 as a code for permanent failures, yet the registry lists 451 next to 550 among its basic codes. A 4.1.1 is a server saying it cannot confirm the mailbox for now.',
    ],
    references: [rfc(3463, '3.2'), IANA],
  },
  {
    code: 'X.1.2',
    title: 'Bad destination system address',
    classes: ['5'],
    definedBy: 'RFC 3463 §3.2',
    status: 'current',
    summary: "The recipient's domain does not exist or cannot receive mail",
    explanation:
      'The part after the @ is the problem: the domain does not resolve, has no mail server, or is not a destination the server will deliver to. The message is bounced; sending again to the same address will not help.',
    actors: ['sender'],
    causes: [
      'A typo in the domain (gmial.com, example.con).',
      'The domain has expired or its DNS records were removed.',
      'The domain has neither an MX nor an address record, or its DNS is broken.',
    ],
    remedies: [
      'Check the spelling of the domain.',
      'Look the domain up: `dig MX domain` and `dig A domain`; if neither answers, nobody can deliver there.',
      "If it is your own or a partner's domain, fix its MX records or renew the registration.",
    ],
    reason: 'host-unknown',
    references: [rfc(3463, '3.2'), IANA],
  },
  {
    code: 'X.1.3',
    title: 'Bad destination mailbox address syntax',
    classes: ['5'],
    definedBy: 'RFC 3463 §3.2',
    status: 'current',
    summary: 'The recipient address is malformed',
    explanation:
      'The server could not parse the recipient address at all: it contains characters, spaces or a structure that an address cannot have. Postfix answers `501 5.1.3 Bad recipient address syntax`. The recipient is refused.',
    actors: ['sender'],
    causes: [
      'A typo such as a space, a double @, a trailing dot, or a comma instead of a dot.',
      'An address pasted with its display name or quotes into a field that expects a bare address.',
      'The sending software writes the RCPT TO command incorrectly (for example without angle brackets).',
    ],
    remedies: [
      'Look at the exact address quoted in the bounce and correct it.',
      'Validate addresses where users type them in.',
      'If many valid-looking addresses fail this way, capture the SMTP session: the client may be sending a malformed RCPT TO.',
    ],
    reason: 'user-unknown',
    references: [rfc(3463, '3.2'), IANA],
  },
  {
    code: 'X.1.4',
    title: 'Destination mailbox address ambiguous',
    classes: ['4', '5'],
    definedBy: 'RFC 3463 §3.2',
    status: 'current',
    summary: 'The recipient address matches more than one mailbox at the destination',
    explanation:
      'The receiving system maps addresses loosely (by name, for example) and yours fits several people, so it will not guess. This is rare on the public Internet and mostly seen with gateways and directory-based systems. The message is bounced.',
    actors: ['sender'],
    causes: [
      'The address uses a short or partial name (j.smith@) that several users match.',
      'A gateway to another mail system looks names up approximately.',
    ],
    remedies: ["Use the recipient's full, exact address.", 'Ask the recipient which address they actually receive mail at.'],
    reason: 'unclassified',
    byClass: {
      '4': {
        summary: 'The recipient address is ambiguous for now; the sender will retry',
        explanation:
          'The server found several possible mailboxes and defers instead of refusing, perhaps while its directory is being updated. Retrying the same address may keep failing.',
        actors: ['sender', 'recipient-admin'],
        causes: ['A directory update in progress at the receiver.', 'Several mailboxes share a name or alias for the moment.'],
        remedies: ['Let the queue retry once or twice.', "If it keeps deferring, resend to the person's exact address."],
      },
    },
    references: [rfc(3463, '3.2'), IANA],
  },
  {
    code: 'X.1.5',
    title: 'Destination address valid',
    classes: ['2'],
    definedBy: 'RFC 3463 §3.2',
    status: 'current',
    summary: 'Success: the recipient address was accepted',
    explanation:
      'The normal answer to RCPT TO (`250 2.1.5 Ok` in Postfix, `250 2.1.5 Recipient OK` in Exchange). It means the address was accepted, not yet that the message was delivered: that is settled after DATA.',
    actors: ['nobody'],
    causes: ['Normal SMTP conversation.'],
    remedies: ['Nothing to do; for the delivery result look at the reply after the end of DATA (usually 250 2.0.0 or 250 2.6.0).'],
    reason: 'delivered',
    references: [rfc(3463, '3.2'), IANA],
  },
  {
    code: 'X.1.6',
    title: 'Destination mailbox has moved, No forwarding address',
    classes: ['5'],
    definedBy: 'RFC 3463 §3.2',
    status: 'current',
    summary: 'The address used to work but no longer takes mail, and no new address is given',
    explanation:
      'The mailbox existed once but has been retired, and the server does not say where the person went. The message is bounced; this is as final as an unknown user.',
    actors: ['sender'],
    causes: [
      'The person left the organisation or closed the account, and the address was retired.',
      'A migration retired old addresses.',
    ],
    remedies: ['Remove or update the address in your contacts and mailing lists.', 'Ask the person for their new address by another channel.'],
    reason: 'has-moved',
    references: [rfc(3463, '3.2'), IANA],
  },
  {
    code: 'X.1.7',
    title: "Bad sender's mailbox address syntax",
    classes: ['4', '5'],
    definedBy: 'RFC 3463 §3.2',
    status: 'current',
    summary: 'The sender address (MAIL FROM) is malformed',
    explanation:
      'The receiving server could not parse the envelope sender address and refused the message. The fault is on the sending side: the return path that the software writes into MAIL FROM.',
    actors: ['sender-admin'],
    causes: [
      'The application sets an invalid return path (no domain, spaces, a display name inside the brackets).',
      'An unqualified local sender such as `root` or `www-data` without a domain.',
      'A bounce-address template that produced a broken address.',
    ],
    remedies: [
      'Look at the MAIL FROM in your log or in the bounce and fix the address your software uses.',
      'Qualify local senders with a real domain (Postfix: `myorigin`, `append_at_myorigin`).',
      'Send a test message and check the Return-Path header at the receiving end.',
    ],
    reason: 'sender-rejected',
    byClass: {
      '4': {
        summary: 'The sender address was not accepted for now; the sender will retry',
        explanation:
          'Some servers defer rather than refuse when the sender address looks wrong. Waiting does not repair a malformed address, so expect a bounce when the queue gives up.',
        causes: ['A malformed sender address that a cautious server reports as temporary.', 'A temporary failure of the sender checks reported with this code.'],
        remedies: ['Check the MAIL FROM address now instead of waiting for the retries to run out.', 'Fix the address in the sending application and flush the queue.'],
      },
    },
    references: [rfc(3463, '3.2'), IANA],
  },
  {
    code: 'X.1.8',
    title: "Bad sender's system address",
    classes: ['4', '5'],
    definedBy: 'RFC 3463 §3.2',
    status: 'current',
    summary: "The sender's domain does not exist or cannot receive replies",
    explanation:
      'The receiver checked the domain of your envelope sender and found it cannot take mail back (it does not resolve, or has no MX and no address record). Since bounces could never be returned, it refuses the message.',
    actors: ['sender-admin'],
    causes: [
      'The envelope sender uses a domain that does not exist in public DNS (an internal name such as `server.local`).',
      "The sending domain's DNS is broken or the registration has expired.",
      'The sender domain publishes a null MX (newer servers report that as X.7.27).',
    ],
    remedies: [
      'Use a return-path domain that exists in public DNS with an MX or an address record.',
      'Check it from outside your network: `dig MX yourdomain`.',
      'Rewrite internal sender domains to a public one on the outgoing relay (Postfix: `smtp_generic_maps`).',
    ],
    reason: 'sender-rejected',
    byClass: {
      '4': {
        summary: "The receiver could not verify the sender's domain right now; the sender will retry",
        explanation:
          'Postfix answers `450 4.1.8 Sender address rejected: Domain not found` when the DNS lookup of the sender domain fails or times out. The message stays queued and is tried again.',
        causes: [
          "Your domain's DNS servers were slow or unreachable from the receiver.",
          'A recent DNS change has not propagated yet, or the domain really does not exist and the receiver is being cautious.',
        ],
        remedies: [
          "Check that your domain's authoritative DNS servers answer from outside your network.",
          'If the domain is internal only, rewrite the sender to a public domain.',
        ],
      },
    },
    references: [rfc(3463, '3.2'), IANA],
  },
  {
    code: 'X.1.9',
    title: 'Message relayed to non-compliant mailer',
    classes: ['2', '4', '5'],
    definedBy: 'RFC 3886 §3.3.4',
    status: 'current',
    generic: true,
    summary: 'A failure reported with the "relayed to a system without tracking" code: the text has the real cause',
    explanation:
      'RFC 3886 defines X.1.9 for message tracking, as a success status (2.1.9): the message went on to a system that cannot report any further. A 4.1.9 or 5.1.9 is unusual; the reply text tells the actual failure.',
    actors: ['sender-admin'],
    causes: [
      'A server or gateway uses the code loosely for a relay or forwarding failure.',
      'A faulty delivery-status or tracking implementation.',
    ],
    remedies: [
      'Read the reply text and the Diagnostic-Code of the bounce for the real reason.',
      'Check whether the message was passed to a gateway or an older system after your server.',
    ],
    reason: 'unclassified',
    byClass: {
      '2': {
        summary: 'The message was relayed to a system that cannot report on it any further',
        explanation:
          'The address was fine and the message was passed on, but the next system supports neither tracking nor delivery notifications, so this is the last status you will get. It comes in a status report with `Action: relayed`.',
        actors: ['nobody'],
        causes: ['The next hop is an older MTA or a gateway without DSN or tracking support.'],
        remedies: ['Nothing to do; if you need confirmation of delivery, ask the recipient.'],
        reason: 'delivered',
      },
    },
    notes: [
      'The registry copy lists X.1.9 without a basic reply code (hence classes 4 and 5 by default), but RFC 3886 §3.3.4 uses it as 2.1.9 together with the `relayed` action, so class 2 is listed here too.',
    ],
    references: [rfc(3886, '3.3.4'), IANA],
  },
  {
    code: 'X.1.10',
    title: 'Recipient address has null MX',
    classes: ['5'],
    definedBy: 'RFC 7505 §4.1',
    status: 'current',
    summary: 'The recipient domain publishes a null MX: it accepts no mail',
    explanation:
      "The recipient's domain has a single MX record pointing to `.` with preference 0: its owner's way of saying the domain never receives mail. The sending server gives up at once (usually `556 5.1.10`) instead of retrying for days.",
    actors: ['sender'],
    causes: [
      'A typo that lands on a real domain that takes no mail (a parked or web-only domain).',
      'The domain is used only for a website or for sending, and deliberately publishes a null MX.',
    ],
    remedies: [
      'Check the address, then confirm with `dig MX domain` (a null MX shows as `0 .`).',
      'If the domain is yours and should receive mail, replace the null MX with real MX records.',
    ],
    reason: 'not-accepting-mail',
    references: [rfc(7505, '4.1'), rfc(7504), IANA],
  },

  // ---------------------------------------------------------------- X.2 Mailbox
  {
    code: 'X.2.0',
    title: 'Other or undefined mailbox status',
    classes: ['4', '5'],
    definedBy: 'RFC 3463 §3.3',
    status: 'current',
    generic: true,
    summary: 'The recipient mailbox exists but could not take the message; the text says why',
    explanation:
      'The trouble lies with the mailbox itself (not the address, not the server), but the code does not say what. The message is bounced for this recipient; the text normally explains (locked, unavailable, over a limit).',
    actors: ['recipient', 'recipient-admin'],
    causes: [
      'The mailbox is locked, suspended or otherwise unavailable, and the server reports it generically.',
      'A mailbox-level rule or limit refused the message.',
    ],
    remedies: ['Read the reply text for the specific condition.', 'Tell the recipient by another channel: they or their admin must fix the mailbox.'],
    reason: 'unclassified',
    byClass: {
      '4': {
        summary: 'The recipient mailbox cannot take mail right now; the sender will retry',
        explanation:
          'A temporary condition of the mailbox (locked during maintenance, a busy mail store, a per-mailbox limit) stopped delivery. The message stays in the queue and is tried again.',
        actors: ['nobody', 'recipient-admin'],
        causes: ['The mailbox is being migrated or is locked by another process.', "The recipient's mail store is briefly unavailable."],
        remedies: ['Let the queue retry.', 'If it defers for more than a day, tell the recipient so their admin can look at the mailbox.'],
      },
    },
    references: [rfc(3463, '3.3'), IANA],
  },
  {
    code: 'X.2.1',
    title: 'Mailbox disabled, not accepting messages',
    classes: ['4', '5'],
    definedBy: 'RFC 3463 §3.3',
    status: 'current',
    summary: 'The recipient mailbox exists but is disabled and does not accept mail',
    explanation:
      'The account is there but switched off: suspended, deactivated or kept only as an archive. The message is bounced, and unless the account is re-enabled every further message will bounce as well.',
    actors: ['recipient'],
    causes: [
      'The account was suspended (unpaid service, abuse, a security lock).',
      'The person left and the account was disabled rather than deleted.',
      'The account was inactive for a long time and the provider deactivated it.',
    ],
    remedies: [
      'Contact the recipient by another channel and ask for a working address.',
      'Remove the address from mailing lists if it keeps bouncing: repeated sends to disabled accounts hurt your reputation.',
    ],
    reason: 'mailbox-disabled',
    byClass: {
      '4': {
        summary: 'The recipient mailbox is not accepting mail for the moment; the sender will retry',
        explanation:
          'The mailbox is paused for now: locked for a while, or taking mail more slowly than it arrives. The message stays queued and usually goes through later.',
        actors: ['nobody', 'sender-admin'],
        causes: [
          'The recipient is receiving an unusually high volume of mail and the server limits its rate.',
          'The mailbox is locked for a while, for example during a migration or a security check.',
        ],
        remedies: [
          'Let the queue retry, and spread bulk sends to the same recipient over time.',
          'If the text speaks of a rate or relay limit, slow down or split the traffic.',
          'If it lasts for days, tell the recipient.',
        ],
      },
    },
    alsoUsedFor: ['a message larger than the mailbox or server accepts', 'a recipient receiving mail faster than the server allows'],
    references: [rfc(3463, '3.3'), IANA],
  },
  {
    code: 'X.2.2',
    title: 'Mailbox full',
    classes: ['4', '5'],
    definedBy: 'RFC 3463 §3.3',
    status: 'current',
    summary: "The recipient's mailbox is full",
    explanation:
      'The mailbox exists but has used up its storage quota, so it cannot take this message. RFC 3463 intends this as a temporary condition: it clears when the recipient deletes mail or gets more space.',
    actors: ['recipient'],
    causes: ['The recipient has not cleaned up their mailbox.', 'The account is abandoned and keeps filling up.', 'The message is large and does not fit in the space left.'],
    remedies: [
      'Let the queue retry for a while; many full mailboxes are emptied within days.',
      'Tell the recipient by another channel that their mailbox is full.',
      'If it keeps bouncing for weeks, treat the address as abandoned.',
    ],
    reason: 'mailbox-full',
    byClass: {
      '5': {
        summary: "The recipient's mailbox is full and the server will not retry",
        explanation:
          'The mailbox is over quota and the receiving server returned a permanent failure, so this message is bounced. RFC 3463 meant mailbox full to be temporary; many servers still report it as permanent (`552 5.2.2`).',
        remedies: [
          'Resend later, after the recipient has freed space.',
          'Tell the recipient by another channel that their mailbox is full.',
          'If it keeps bouncing for weeks, treat the address as abandoned.',
        ],
      },
    },
    notes: [
      'RFC 3463 says X.2.2 should be used as a temporary failure, yet the registry pairs it with basic code 552, a permanent reply. Mail systems differ: some retry 5.2.2 like a 4.2.2, most bounce it.',
    ],
    references: [rfc(3463, '3.3'), IANA],
  },
  {
    code: 'X.2.3',
    title: 'Message length exceeds administrative limit',
    classes: ['5'],
    definedBy: 'RFC 3463 §3.3',
    status: 'current',
    summary: "The message is larger than the recipient's mailbox allows",
    explanation:
      "The recipient's mailbox has its own per-message size limit, lower than what the server accepts overall, and this message is over it. The message is bounced and will keep failing until it is made smaller.",
    actors: ['sender'],
    causes: [
      'Large attachments (videos, scans, archives).',
      "The recipient's provider or admin sets a low limit for this mailbox.",
      'Encoding overhead: attachments grow by about a third in transit, so a 20 MB file becomes roughly 27 MB.',
    ],
    remedies: [
      'Share the file through a link instead of attaching it.',
      'Compress or split the attachment.',
      "Ask the recipient's admin what their per-message limit is.",
    ],
    reason: 'too-large',
    references: [rfc(3463, '3.3'), IANA],
  },
  {
    code: 'X.2.4',
    title: 'Mailing list expansion problem',
    classes: ['4', '5'],
    definedBy: 'RFC 3463 §3.3',
    status: 'current',
    summary: 'The recipient is a mailing list and the list could not be expanded',
    explanation:
      'The address belongs to a list or group, and the server failed to turn it into the member addresses. The message is bounced for the list address; the fault is with the list, not with your message.',
    actors: ['recipient-admin'],
    causes: [
      'The list or group is misconfigured, empty, or points to members that no longer exist.',
      'The list manager software or its database failed.',
      'A loop between nested lists.',
    ],
    remedies: ['Tell the list owner (often list-owner@ or the group admin) and include the bounce.', 'Write to the members directly if the message is urgent.'],
    reason: 'system',
    byClass: {
      '4': {
        summary: 'The mailing list could not be expanded right now; the sender will retry',
        explanation: 'The list server could not get the member list for the moment (its database or directory did not answer). The message is queued and retried.',
        actors: ['nobody', 'recipient-admin'],
        causes: ["The list manager's database or directory server was unavailable.", 'The list is being edited or rebuilt.'],
        remedies: ['Let the queue retry.', 'If it keeps deferring, contact the list owner.'],
      },
    },
    references: [rfc(3463, '3.3'), IANA],
  },

  // ---------------------------------------------------------------- X.3 Mail system
  {
    code: 'X.3.0',
    title: 'Other or undefined mail system status',
    classes: ['2', '4', '5'],
    definedBy: 'RFC 3463 §3.4',
    status: 'current',
    generic: true,
    summary: 'The receiving mail system refused the message for a system reason; the text says which',
    explanation:
      'The destination server exists and normally takes mail, but something about the system (not the address, not the mailbox) made delivery fail. The code carries no detail, so read the text. The message is bounced.',
    actors: ['recipient-admin'],
    causes: [
      'A server-side error reported generically (a content filter crashed, a delivery agent failed).',
      'A policy or configuration problem that the admin reports under this code.',
    ],
    remedies: [
      'Read the full reply text and the bounce report.',
      "Send the bounce to the recipient's postmaster: only they can see the server-side error.",
    ],
    reason: 'system',
    byClass: {
      '2': {
        summary: 'Success, reported with a mail-system status',
        explanation: 'The registry pairs X.3.0 with success replies such as 221 and 250 as well as with failures. In a 2.3.0 reply it only means the step succeeded; nothing needs doing.',
        actors: ['nobody'],
        causes: ['Normal SMTP conversation.'],
        remedies: ['Nothing to do.'],
        reason: 'delivered',
      },
      '4': {
        summary: 'The receiving mail system had a temporary problem; the sender will retry',
        explanation:
          'The destination server could not handle the message at the moment (a backend, a filter or a queue was unavailable). The sending server keeps it queued and retries.',
        actors: ['nobody', 'recipient-admin'],
        causes: [
          'An internal component (virus scanner, spam filter, mail store) timed out or was restarting.',
          'The server accepts one destination domain per transaction and asks the client to send the others separately.',
        ],
        remedies: ['Let the queue retry.', 'If one destination keeps deferring for hours, contact its postmaster with the exact reply.'],
      },
    },
    references: [rfc(3463, '3.4'), IANA],
  },
  {
    code: 'X.3.1',
    title: 'Mail system full',
    classes: ['4'],
    definedBy: 'RFC 3463 §3.4',
    status: 'current',
    summary: 'The receiving server is out of storage; the sender will retry',
    explanation:
      'The destination system as a whole has no room for more mail (a full disk or queue), not just one mailbox. It defers the message; Postfix says `452 4.3.1 Insufficient system storage`.',
    actors: ['nobody', 'recipient-admin'],
    causes: [
      "The receiving server's disk or queue partition is full.",
      'The server keeps a reserve of free space and refuses new mail below it (Postfix: `queue_minfree`).',
      'A burst of mail filled the queue faster than it drains.',
    ],
    remedies: [
      'As the sender: let the queue retry; nothing else helps.',
      'As the receiving admin: free disk space and check the queue (`mailq`, `postqueue -p`) for the burst that filled it.',
      'Check that `queue_minfree` is sensibly larger than `message_size_limit` so one big message cannot block everything.',
    ],
    reason: 'system',
    references: [rfc(3463, '3.4'), IANA],
  },
  {
    code: 'X.3.2',
    title: 'System not accepting network messages',
    classes: ['4', '5'],
    definedBy: 'RFC 3463 §3.4',
    status: 'current',
    summary: 'The destination host does not accept mail at all',
    explanation:
      'The server will not take any mail from anyone, either as a permanent setting (RFC 7504 gives `521` to hosts that never receive mail) or because it is being retired. The message is bounced.',
    actors: ['recipient-admin'],
    causes: [
      'The host is a web or application server that answers on port 25 only to refuse mail.',
      "The domain's MX points to a host that has been decommissioned.",
      'The server is configured to refuse all incoming SMTP.',
    ],
    remedies: [
      "Check the recipient domain's MX records: they may point to the wrong host.",
      'Confirm the address with the recipient; the domain may not receive mail at all.',
    ],
    reason: 'system',
    generic: true,
    alsoUsedFor: ['a sending IP on a blocklist', 'a sending IP without a reverse DNS (PTR) name'],
    byClass: {
      '4': {
        summary: 'The destination host is not accepting mail right now (shutdown, load or maintenance); the sender will retry',
        explanation:
          'The receiving system refuses all messages for the moment, for instance while it shuts down or under heavy load.',
        actors: ['nobody', 'recipient-admin'],
        causes: [
          'Planned maintenance or a restart at the receiver.',
          'The receiver is overloaded and sheds connections.',
          'Too many simultaneous deliveries to the same mailbox.',
        ],
        remedies: [
          'Let the queue retry.',
          'If you send bulk mail to one mailbox, lower the number of parallel deliveries per recipient.',
          'If it lasts more than a day, contact the receiving postmaster.',
        ],
        reason: 'system',
      },
    },
    references: [rfc(3463, '3.4'), rfc(7504), IANA],
  },
  {
    code: 'X.3.3',
    title: 'System not capable of selected features',
    classes: ['4', '5'],
    definedBy: 'RFC 3463 §3.4',
    status: 'current',
    summary: 'The destination cannot provide a feature that this message asked for',
    explanation:
      'The message requested something (a delivery notification, 8-bit or binary transport, a priority) that the destination or a gateway on the way cannot support or translate. The message is bounced.',
    actors: ['sender-admin', 'recipient-admin'],
    causes: [
      'A gateway to another mail system (X.400, fax, SMS) cannot carry a feature of the message.',
      'The message needs an SMTP extension (8BITMIME, BINARYMIME, DSN options) that the next hop lacks.',
    ],
    remedies: [
      'Send the message without the special options (plain 7-bit encoding, no special notification requests).',
      "Ask the recipient's admin which features their gateway supports.",
    ],
    reason: 'system',
    byClass: {
      '4': {
        summary: 'The destination cannot provide a requested feature right now; the sender will retry',
        explanation: 'A feature this message needs is temporarily unavailable at the receiver, for example because a gateway component is down. The message is queued and tried again.',
        actors: ['nobody', 'recipient-admin'],
        causes: ['A gateway or conversion service at the receiver is down.'],
        remedies: ['Let the queue retry.', 'If it persists, send the message without the special options.'],
      },
    },
    references: [rfc(3463, '3.4'), IANA],
  },
  {
    code: 'X.3.4',
    title: 'Message too big for system',
    classes: ['5'],
    definedBy: 'RFC 3463 §3.4',
    status: 'current',
    summary: 'The message is larger than the receiving server accepts',
    explanation:
      'The server has a maximum message size and this message exceeds it (Postfix: `552 5.3.4 Message size exceeds fixed limit`). Unlike X.2.3, the limit applies to the whole system, not one mailbox. The message is bounced and has to be made smaller.',
    actors: ['sender'],
    causes: [
      'Large attachments.',
      'Encoding overhead: attachments grow by about a third in transit.',
      'A conservative limit at the receiver (10 MB is still common).',
    ],
    remedies: [
      'Share large files through a link instead of attaching them.',
      'Check the limit the receiver announces in its EHLO reply (`250-SIZE 52428800` means 50 MB).',
      'If you run the receiving server and the limit is too low, raise it (Postfix: `message_size_limit`; Exchange: transport and connector limits).',
    ],
    reason: 'too-large',
    references: [rfc(3463, '3.4'), IANA],
  },
  {
    code: 'X.3.5',
    title: 'System incorrectly configured',
    classes: ['4', '5'],
    definedBy: 'RFC 3463 §3.4',
    status: 'current',
    summary: 'The receiving server is misconfigured and cannot accept this message',
    explanation:
      'The destination admits that its own setup prevents delivery: a missing route, a wrong transport, a broken alias, a lookup table that fails. Nothing on the sending side can fix it; the message is bounced.',
    actors: ['recipient-admin'],
    causes: [
      'A configuration error at the receiver (a bad transport map, a missing local domain, a wrong relay setting).',
      'A domain moved to a new mail platform, but the old server still believes it handles it.',
    ],
    remedies: ["Send the bounce to the recipient's postmaster or IT support.", 'Reach the recipient another way until they fix it.'],
    reason: 'system',
    byClass: {
      '4': {
        summary: 'The receiving server has a configuration problem; the sender will retry',
        explanation:
          'The configuration error is reported as temporary, because the admin is expected to fix it. Postfix answers `451 4.3.5 Server configuration error` when, for example, one of its lookup tables fails.',
        causes: ['A broken lookup table, database connection or configuration file at the receiver.', 'A configuration change in progress.'],
        remedies: ['Let the queue retry.', 'If it persists, tell the receiving postmaster; the details are in their own logs.'],
      },
    },
    references: [rfc(3463, '3.4'), IANA],
  },
  {
    code: 'X.3.6',
    title: 'Requested priority was changed',
    classes: ['2'],
    definedBy: 'RFC 6710 §4.1',
    status: 'current',
    summary: "Success, but the server changed the message's transfer priority (MT-PRIORITY)",
    explanation:
      'The message was accepted, but the receiving server set a different priority than the one requested with the MT-PRIORITY extension; the reply text starts with the new value. Delivery goes on normally.',
    actors: ['nobody'],
    causes: ["The server's priority policy caps the priority this sender may use.", 'The sender is not authorised for the requested priority and was lowered.'],
    remedies: ['Nothing to do for delivery.', "If priorities matter in your network, check the server's priority policy for your account."],
    reason: 'delivered',
    references: [rfc(6710, '4.1'), IANA],
  },

  // ---------------------------------------------------------------- X.4 Network and routing
  {
    code: 'X.4.0',
    title: 'Other or undefined network or routing status',
    classes: ['4', '5'],
    definedBy: 'RFC 3463 §3.5',
    status: 'current',
    generic: true,
    summary: 'Delivery failed because of a network or routing problem; the text says which',
    explanation:
      'Something went wrong on the way to the next server (DNS, connection, routing), but the code does not say what. With 5.4.0 the sending server has given up; the diagnostic text usually has the details.',
    actors: ['sender-admin'],
    causes: [
      "The recipient domain's DNS is broken in a way the sender treats as permanent.",
      'A routing rule on the sending server points nowhere (a transport or relay that does not exist).',
      'The destination stayed unreachable until the sender stopped trying.',
    ],
    remedies: [
      "Read the bounce's Diagnostic-Code and your server's log for the failing host and error.",
      'Test the path from your server: `dig MX domain`, then a connection to port 25 of the MX host (`nc -vz host 25`).',
      'If only one destination fails, check your own transport and relay settings for it.',
    ],
    reason: 'network',
    byClass: {
      '4': {
        summary: 'A network or routing problem delayed delivery; the sender will retry',
        explanation:
          'The sending server could not reach or talk to the next hop, for a reason it cannot classify further. The message stays in the queue and is retried until the queue lifetime ends (often five days).',
        actors: ['sender-admin', 'nobody'],
        causes: [
          'Temporary DNS failures for the recipient domain.',
          'Connection timeouts or refusals at the MX hosts.',
          'A firewall or the provider blocking outgoing port 25.',
        ],
        remedies: [
          'Let the queue retry; the queue listing shows the last error (`postqueue -p`, `exim -bp`).',
          'Test DNS resolution and a connection to port 25 of the MX from your server.',
          'If every destination fails, check whether your network or ISP blocks outgoing port 25.',
        ],
      },
    },
    references: [rfc(3463, '3.5'), IANA],
  },
  {
    code: 'X.4.1',
    title: 'No answer from host',
    classes: ['4'],
    definedBy: 'RFC 3463 §3.5',
    status: 'current',
    summary: 'The receiving mail server did not answer',
    explanation:
      "The sending server tried to connect to the destination's mail server and got no answer (a timeout or a refused connection). Postfix logs `connect to ... Connection timed out` with dsn=4.4.1. The message stays queued and is retried.",
    actors: ['nobody', 'recipient-admin'],
    causes: [
      "The destination's mail server is down or overloaded.",
      'A firewall drops connections to port 25, at the receiver or outgoing at your own network or ISP.',
      'The MX record points to a wrong or old IP address.',
    ],
    remedies: [
      'Let the queue retry; short outages clear by themselves.',
      'Test from your server: `nc -vz mx.example.com 25`; if every destination times out, your outgoing port 25 is probably blocked.',
      "Check the recipient's MX records for stale addresses and tell their admin.",
    ],
    reason: 'network',
    references: [rfc(3463, '3.5'), IANA],
  },
  {
    code: 'X.4.2',
    title: 'Bad connection',
    classes: ['4'],
    definedBy: 'RFC 3463 §3.5',
    status: 'current',
    summary: 'The connection broke during the transaction; the sender will retry',
    explanation:
      'The sending server connected, but the session failed before the message was completely handed over: a timeout, a reset, a dropped link. The message is still in the sender\'s queue and is tried again.',
    actors: ['nobody', 'sender-admin'],
    causes: [
      'The receiver closed or reset the connection (load, a crash, an idle timeout).',
      'Network trouble between the two servers (packet loss, MTU problems, a middlebox).',
      'A TLS negotiation that failed halfway.',
    ],
    remedies: [
      'Let the queue retry.',
      'If it always happens with one destination, find in your log where it breaks (after EHLO, STARTTLS or DATA).',
      'Look for path MTU problems and for firewalls or proxies that inspect SMTP.',
    ],
    reason: 'network',
    references: [rfc(3463, '3.5'), IANA],
  },
  {
    code: 'X.4.3',
    title: 'Directory server failure',
    classes: ['4', '5'],
    definedBy: 'RFC 3463 §3.5',
    status: 'current',
    summary: 'A lookup service (usually DNS) failed and the server gave up',
    explanation:
      'The server needed a directory to route the message (DNS as a rule, sometimes LDAP) and the lookup failed. RFC 3463 treats this as temporary, so a permanent 5.4.3 usually means the lookup kept failing or the server is strict.',
    actors: ['sender-admin', 'recipient-admin'],
    causes: [
      "The recipient domain's authoritative DNS servers do not answer or return errors (SERVFAIL).",
      "The sending or receiving server's own resolver is broken.",
      'An LDAP or directory backend used for routing is down.',
    ],
    remedies: [
      "Test the domain's DNS from several places (`dig MX domain +trace`).",
      "Check your server's resolver (`/etc/resolv.conf`, the local caching resolver).",
      "If the recipient's DNS is broken, tell their admin.",
    ],
    reason: 'network',
    byClass: {
      '4': {
        summary: 'A DNS or directory lookup failed for now; the sender will retry',
        explanation:
          'A lookup needed for delivery did not complete. Postfix logs `Host or domain name not found ... Host not found, try again` with dsn=4.4.3; filters also use `451 4.4.3` for a temporary SPF lookup error. The message stays queued.',
        actors: ['nobody', 'sender-admin'],
        causes: [
          'Slow or failing authoritative DNS for the domain.',
          'Your own resolver timing out.',
          'A temporary SPF or other DNS-based check error at the receiver.',
        ],
        remedies: [
          'Let the queue retry.',
          "Check your resolver and the domain's DNS with `dig` if deferrals pile up.",
          'If the receiver reports an SPF lookup error, check your SPF record for too many lookups or broken includes.',
        ],
      },
    },
    notes: ['RFC 3463 describes X.4.3 as a temporary condition only, yet the registry lists 550 next to 451 among its basic codes.'],
    references: [rfc(3463, '3.5'), IANA],
  },
  {
    code: 'X.4.4',
    title: 'Unable to route',
    classes: ['4', '5'],
    definedBy: 'RFC 3463 §3.5',
    status: 'current',
    summary: "No route to the recipient's domain: it has no usable mail server",
    explanation:
      'The sending server could not work out where to deliver: DNS gave neither an MX nor an address record for the domain, or the MX names a host that does not resolve. The message is bounced.',
    actors: ['sender', 'recipient-admin'],
    causes: [
      'The domain exists but has no MX or address records (only an SOA).',
      'The MX record names a host that does not resolve, or resolves to a private address.',
      'A typo in the recipient domain that happens to be a registered domain.',
    ],
    remedies: [
      'Check `dig MX domain`, then `dig A` for each MX host name.',
      "Check the recipient's address for typos.",
      "If it is a partner's domain, tell their admin that their MX records are broken.",
    ],
    reason: 'host-unknown',
    byClass: {
      '4': {
        summary: "The route to the recipient's domain is missing right now; the sender will retry",
        explanation: 'The routing information was missing or inconsistent for the moment, for example while DNS changes propagate. The message stays queued.',
        actors: ['nobody', 'recipient-admin'],
        causes: ['DNS records being changed (a mail migration in progress).', "A temporary inconsistency between the domain's name servers."],
        remedies: ['Let the queue retry.', "If it persists, check the domain's MX records and tell its admin."],
        reason: 'network',
      },
    },
    references: [rfc(3463, '3.5'), IANA],
  },
  {
    code: 'X.4.5',
    title: 'Mail system congestion',
    classes: ['4'],
    definedBy: 'RFC 3463 §3.5',
    status: 'current',
    summary: "A mail system on the way is congested",
    explanation:
      'A server on the path was too busy to take the message (full queues, too many connections, overload). The message is deferred and tried again later.',
    actors: ['nobody', 'sender-admin'],
    causes: [
      'The receiving server has reached its connection or queue limits.',
      'A sudden burst of mail (a campaign, a mail loop) is saturating a server.',
      'Your server opens too many parallel connections to the same destination.',
    ],
    remedies: [
      'Let the queue retry.',
      'Lower the concurrency and rate toward that destination (Postfix: `default_destination_concurrency_limit`, `smtp_destination_rate_delay`).',
      'If you run the congested server, look at the queue size and the source of the burst.',
    ],
    reason: 'system',
    alsoUsedFor: ["a sender over its hosting provider's hourly sending quota (sent as 5.4.5)"],
    references: [rfc(3463, '3.5'), IANA],
  },
  {
    code: 'X.4.6',
    title: 'Routing loop detected',
    classes: ['4'],
    definedBy: 'RFC 3463 §3.5',
    status: 'current',
    summary: 'The message is looping between servers and was stopped',
    explanation:
      'The message went through too many hops (too many Received headers) or came back to a server it had already passed, so it was stopped. Waiting rarely helps: a loop is a configuration error that someone has to fix.',
    actors: ['recipient-admin', 'sender-admin'],
    causes: [
      'Two servers each think the other is the final destination (after a migration, or a backup MX that relays back).',
      'A forwarding loop: A forwards to B, which forwards back to A.',
      'The final server does not treat the domain as local (missing from Postfix `mydestination` or the accepted domains) and sends it back to its own MX.',
    ],
    remedies: [
      'Read the Received headers in the bounce to see which hosts the message circled through.',
      'Make sure the final server lists the domain as local or accepted, and that the MX records point to it.',
      'Look for forwarding rules or aliases that point at each other.',
    ],
    reason: 'network',
    notes: [
      'RFC 3463 meant X.4.6 for temporary failures only, but many servers report loops as permanent (Postfix: `5.4.6 ... loops back to myself`) because a loop needs a configuration fix.',
    ],
    references: [rfc(3463, '3.5'), IANA],
  },
  {
    code: 'X.4.7',
    title: 'Delivery time expired',
    classes: ['4', '5'],
    definedBy: 'RFC 3463 §3.5',
    status: 'current',
    summary: 'The message could not be delivered before the sending server gave up',
    explanation:
      'The message sat in a queue, failing to go out, until its maximum lifetime ran out (commonly five days), or it became older than the sender allowed. The real problem is the one reported on the earlier attempts; the bounce often quotes the last error.',
    actors: ['sender-admin'],
    causes: [
      'The destination was unreachable or kept deferring for days (down, blocking you, greylisting that never passed).',
      'A queue lifetime on the sending server that is shorter than the outage.',
      'The message carried a delivery deadline that passed.',
    ],
    remedies: [
      "Find the last error in the bounce (Diagnostic-Code, 'last error') or in your log for that queue ID, and fix that.",
      'Check whether the destination was blocking you: look for 4.7.x deferrals before the expiry.',
      'Resend once the underlying problem is solved.',
    ],
    reason: 'expired',
    byClass: {
      '4': {
        summary: 'Temporary failures went on too long: a delay warning, or an expiry after days of retries',
        explanation:
          'The class 4 form says the failures along the way were temporary. In a delay warning the message is still queued and being retried. In a failure report (Exchange: `4.4.7 QUEUE.Expired; message expired`) the sending server has given up, but a new attempt later may work.',
        actors: ['sender-admin', 'nobody'],
        causes: ['The destination has been unreachable or deferring for hours or days.'],
        remedies: [
          'Read the report for the reason of the last attempt and fix that cause.',
          'Warn the recipient that the message is delayed, or resend it once the cause is gone.',
        ],
      },
    },
    references: [rfc(3463, '3.5'), IANA],
  },
  {
    code: 'X.4.8',
    title: 'Retry over IPv4 (not registered)',
    classes: ['4'],
    definedBy: 'draft-martin-smtp-ipv6-to-ipv4-fallback (expired Internet-Draft)',
    status: 'unregistered',
    summary: 'The receiver asks the sender to retry the message over IPv4 instead of IPv6',
    explanation:
      'A receiver that does not want this mail over IPv6 (IPv6 senders often face stricter reverse-DNS and authentication rules) asks the client to come back over IPv4. The message is deferred; a sending server that understands the hint retries over IPv4.',
    actors: ['sender-admin'],
    causes: [
      'Your server sent over IPv6 without a matching PTR record, or without the SPF/DKIM authentication the receiver requires for IPv6.',
      'The receiver accepts IPv6 mail only from senders it knows.',
    ],
    remedies: [
      'Give your IPv6 sending address a PTR record whose name resolves back to it, and authenticate with SPF and DKIM.',
      'Or prefer IPv4 for outgoing SMTP (Postfix: `smtp_address_preference = ipv4`).',
    ],
    reason: 'network',
    notes: [
      '4.4.8 is not in the IANA registry. It comes from draft-martin-smtp-ipv6-to-ipv4-fallback (together with reply code 456), which expired in 2014; some bounce parsers, such as Sisimai, still recognise it.',
    ],
    references: [DRAFT_IPV4_FALLBACK],
  },

  // ---------------------------------------------------------------- X.5 Mail delivery protocol
  {
    code: 'X.5.0',
    title: 'Other or undefined protocol status',
    classes: ['2', '4', '5'],
    definedBy: 'RFC 3463 §3.6',
    status: 'current',
    generic: true,
    summary: 'An SMTP protocol error ended the transaction; the text says which',
    explanation:
      'Something in the SMTP dialogue went wrong (a command, its order, a parameter) and the code does not say what. The sending software is often at fault. The command or the message is refused.',
    actors: ['sender-admin'],
    causes: [
      'The client sent a command the server did not expect or understand.',
      'An extension was used without being offered (for example a MAIL FROM parameter the server did not advertise).',
      'A proxy or firewall altered the SMTP session.',
    ],
    remedies: [
      'Read the reply text and the command it answered (your log or a session trace).',
      'Update or reconfigure the sending software; compare with a plain test client such as swaks.',
      'Turn off SMTP-inspecting features on firewalls between the servers.',
    ],
    reason: 'protocol',
    byClass: {
      '2': {
        summary: 'Success: the protocol step completed',
        explanation: 'The registry pairs X.5.0 with success replies (220, 250 to 253) as well as with failures. In a 2.5.0 reply it only says the protocol command worked.',
        actors: ['nobody'],
        causes: ['Normal SMTP conversation.'],
        remedies: ['Nothing to do.'],
        reason: 'delivered',
      },
      '4': {
        summary: 'A protocol step failed temporarily; the client may retry',
        explanation: 'The server could not complete an SMTP command for now (a resource limit, a temporary error while handling a parameter). The client can try again in the same or a later session.',
        actors: ['nobody', 'sender-admin'],
        causes: ['A temporary server-side limit while processing a command.', 'An extension service (AUTH, TLS) temporarily unavailable.'],
        remedies: ['Let the client retry.', 'If it repeats, capture the SMTP session to see which command fails.'],
      },
    },
    references: [rfc(3463, '3.6'), IANA],
  },
  {
    code: 'X.5.1',
    title: 'Invalid command',
    classes: ['4', '5'],
    definedBy: 'RFC 3463 §3.6',
    status: 'current',
    summary: 'The server rejected an SMTP command as unknown or out of order',
    explanation:
      'The client sent a command the server does not support, or a valid one at the wrong moment (RCPT TO before MAIL FROM, DATA with no accepted recipient). The transaction fails; usually the sending software or a script is at fault.',
    actors: ['sender-admin'],
    causes: [
      'A script or device speaks SMTP incorrectly (no EHLO, wrong order, commands pipelined without PIPELINING).',
      'DATA sent after every recipient had been refused: the real cause is in the earlier RCPT TO replies.',
      'An AUTH or STARTTLS command used where the server does not allow it.',
    ],
    remedies: [
      'Look at the command just before this reply in your log or session trace.',
      'If DATA was refused, read the replies to RCPT TO: they say why the recipients were rejected.',
      'Update the sending software or library, and test with a known-good client such as swaks.',
    ],
    reason: 'protocol',
    byClass: {
      '4': {
        summary: 'A command was refused for now; the client may retry',
        explanation:
          'The server declined a command temporarily, for example because an earlier step is still pending or it is busy. A new session usually works if the client follows the protocol.',
        actors: ['nobody', 'sender-admin'],
        causes: ['The server was not ready for the command yet (still running connection checks).', 'Commands pipelined before the server allowed it.'],
        remedies: ['Let the client retry.', "If it persists, check the client's command order and pipelining."],
      },
    },
    notes: ['RFC 3463 describes X.5.1 as a permanent error only; the registry nevertheless lists 430 among its basic codes.'],
    references: [rfc(3463, '3.6'), IANA],
  },
  {
    code: 'X.5.2',
    title: 'Syntax error',
    classes: ['5'],
    definedBy: 'RFC 3463 §3.6',
    status: 'current',
    summary: 'The server could not parse an SMTP command',
    explanation:
      'The command was malformed or not recognised at all: a misspelled verb, invalid characters, wrong line endings, a line that is too long. It is refused; the sending software needs fixing.',
    actors: ['sender-admin'],
    causes: [
      'A device or script that writes SMTP by hand (a scanner, an old application) gets the syntax wrong.',
      'Bare LF line endings instead of CRLF, or non-ASCII bytes in commands.',
      'Somebody typing commands by hand in a telnet test.',
    ],
    remedies: [
      'Capture the session and compare the command with the RFC 5321 syntax.',
      'Update or reconfigure the sending device or library.',
      'Make sure every command line ends with CRLF.',
    ],
    reason: 'protocol',
    references: [rfc(3463, '3.6'), IANA],
  },
  {
    code: 'X.5.3',
    title: 'Too many recipients',
    classes: ['4'],
    definedBy: 'RFC 3463 §3.6',
    status: 'current',
    summary: 'Too many recipients for one transaction; the rest have to go in another one',
    explanation:
      'The server accepts only so many recipients per message or session, and the extra ones got this reply (Postfix: `452 4.5.3 Error: too many recipients`). A correct client delivers to the accepted batch and sends the rest in a new transaction, so normally nothing is lost.',
    actors: ['sender-admin'],
    causes: [
      "The message has more recipients than the server's limit (Postfix defaults to 1000; some relays take only 100 per transaction).",
      'A mass mailing sent as a single message with a huge To, Cc or Bcc list.',
    ],
    remedies: [
      'Make sure your sending software splits long recipient lists (most MTAs do this by themselves after a 452).',
      'For bulk mail, use a list manager or a sending service rather than one message with hundreds of recipients.',
      'If you run the server, adjust the limit (Postfix: `smtpd_recipient_limit`).',
    ],
    reason: 'too-many-recipients',
    notes: [
      'The registry pairs X.5.3 with 451, while RFC 5321 §4.5.3.1.10 says a server should answer 452 to a recipient over its limit and calls the older use of 552 for this a mistake. In practice expect `452 4.5.3`.',
      'Some servers send a permanent 5.5.3; recipients refused that way are bounced, not retried.',
    ],
    references: [rfc(3463, '3.6'), rfc(5321, '4.5.3.1.10'), IANA],
  },
  {
    code: 'X.5.4',
    title: 'Invalid command arguments',
    classes: ['4', '5'],
    definedBy: 'RFC 3463 §3.6',
    status: 'current',
    summary: 'An SMTP command had an invalid or unsupported argument',
    explanation:
      'The command was fine but one of its parameters was not: an extension keyword the server does not know, a value out of range, a malformed address parameter. The command is refused.',
    actors: ['sender-admin'],
    causes: [
      'The client used an ESMTP parameter the server did not advertise (SMTPUTF8, REQUIRETLS, a DSN option, BODY=8BITMIME).',
      'A SIZE or other value out of range.',
      'Malformed address parameters.',
    ],
    remedies: [
      "Compare the exact command in the log with the extensions in the server's EHLO reply.",
      'Configure the client to use only the extensions the server offers.',
      'Update the sending software.',
    ],
    reason: 'protocol',
    byClass: {
      '4': {
        summary: 'A command argument could not be processed for now; the client may retry',
        explanation: 'The server could not handle a parameter at the moment, for instance one that needs a backend lookup. A later attempt may succeed.',
        actors: ['nobody', 'sender-admin'],
        causes: ['A parameter whose check needs a backend that was unavailable.'],
        remedies: ['Let the client retry.', 'If it persists, send without the optional parameter.'],
      },
    },
    references: [rfc(3463, '3.6'), IANA],
  },
  {
    code: 'X.5.5',
    title: 'Wrong protocol version',
    classes: ['4', '5'],
    definedBy: 'RFC 3463 §3.6',
    status: 'current',
    summary: 'The two sides could not agree on a protocol version',
    explanation:
      'Client and server speak incompatible versions of the protocol and could not settle on a common one. This is rare with SMTP today and usually points to a gateway, a proxy, or a non-SMTP service on the port.',
    actors: ['sender-admin'],
    causes: [
      'Something other than an SMTP server (or a misconfigured proxy) answers on the port.',
      'A very old or non-standard client or gateway.',
      'LMTP and SMTP mixed up (LHLO versus EHLO).',
    ],
    remedies: [
      'Check what answers on the port (`nc host 25` and read the banner).',
      'Check the transport settings: LMTP destinations need an LMTP client.',
      'Update the old client or gateway.',
    ],
    reason: 'protocol',
    byClass: {
      '4': {
        summary: 'A protocol version mismatch occurred; the client may retry',
        explanation: 'The mismatch is reported as temporary; another attempt may reach a server in the pool that speaks the expected version.',
        actors: ['nobody', 'recipient-admin'],
        causes: ['One server in a pool runs a different version or configuration.'],
        remedies: ['Let the client retry.', 'Ask the receiving admin to check their server pool.'],
      },
    },
    references: [rfc(3463, '3.6'), IANA],
  },
  {
    code: 'X.5.6',
    title: 'Authentication Exchange line is too long',
    classes: ['4', '5'],
    definedBy: 'RFC 4954 §6',
    status: 'current',
    summary: 'An SMTP AUTH line was longer than the server accepts',
    explanation:
      'During SMTP authentication the client sent a line longer than the server allows (RFC 4954 gives `500 5.5.6`). Large Kerberos (GSSAPI) or OAuth tokens are the usual cause. Authentication fails, so the client cannot send through this server.',
    actors: ['sender-admin'],
    causes: [
      'A large OAuth 2.0 (XOAUTH2) or GSSAPI token sent in a single line.',
      "The server's line-length limit is lower than the client's tokens need.",
      'A broken client sending garbage during AUTH.',
    ],
    remedies: [
      'Send the initial response in its own line after the server prompts, instead of on the AUTH command line, or pick a mechanism with shorter exchanges.',
      "If you run the server, raise its line-length limit for authentication.",
      'Update the mail client or library.',
    ],
    reason: 'smtp-auth',
    byClass: {
      '4': {
        summary: 'An SMTP AUTH line was too long for now; the client may retry',
        explanation: 'The server refused an over-long authentication line as a temporary condition, for example while its buffers were short. The same token will usually fail again.',
        causes: ['A temporary resource limit at the server.', "Tokens close to the server's limit."],
        remedies: ['Retry once; if it fails again, change the mechanism or shorten the exchange.'],
      },
    },
    references: [rfc(4954, '6'), IANA],
  },

  // ---------------------------------------------------------------- X.6 Message content or media
  {
    code: 'X.6.0',
    title: 'Other or undefined media error',
    classes: ['2', '4', '5'],
    definedBy: 'RFC 3463 §3.7',
    status: 'current',
    generic: true,
    summary: 'The message content was refused; the text says what was wrong with it',
    explanation:
      'Something about the content (format, encoding, attachments, headers) made the message undeliverable, but the code gives no detail. The message is bounced; read the reply text.',
    actors: ['sender'],
    causes: [
      'An attachment type the receiver blocks (executables, macro documents, encrypted archives).',
      'Malformed MIME structure or headers.',
      'A content filter rejection reported without detail.',
    ],
    remedies: [
      'Read the reply text for the specific rule.',
      'Resend without the suspicious attachment, or share it through a link.',
      'If many messages fail, check the MIME your software generates.',
    ],
    reason: 'content',
    byClass: {
      '2': {
        summary: 'Success: the message was accepted and queued',
        explanation:
          'Exchange answers an accepted message with `250 2.6.0 <message-id> Queued mail for delivery`. The message is now in the receiving system.',
        actors: ['nobody'],
        causes: ['Normal end of a message transfer to an Exchange server.'],
        remedies: ['Nothing to do; if the recipient did not get it, check their junk folder or ask their admin to trace the message ID.'],
        reason: 'delivered',
      },
      '4': {
        summary: 'The message content could not be processed right now; the sender will retry',
        explanation: 'A content-handling step (a scanner, a converter) failed temporarily, so the message is deferred and tried again.',
        actors: ['nobody', 'recipient-admin'],
        causes: ["The receiver's content scanner or attachment converter was unavailable or timed out.", 'The message was too complex to scan within the time limit.'],
        remedies: ['Let the queue retry.', 'If it keeps deferring, try sending without large or nested attachments.'],
      },
    },
    notes: [
      'The registry gives no basic reply code for X.6.0 (the reference copy lists classes 4 and 5 by default). Exchange sends `250 2.6.0 ... Queued mail for delivery` for every accepted message, so class 2 is listed here too.',
    ],
    references: [rfc(3463, '3.7'), IANA],
  },
  {
    code: 'X.6.1',
    title: 'Media not supported',
    classes: ['5'],
    definedBy: 'RFC 3463 §3.7',
    status: 'current',
    summary: 'The message uses a content type or encoding that the next system cannot carry',
    explanation:
      'The message contains a media type, encoding or character set that the protocol or the next hop does not support, such as 8-bit or binary content toward a system that takes only 7-bit. It is bounced.',
    actors: ['sender', 'sender-admin'],
    causes: [
      'Raw 8-bit or binary MIME parts sent to a server that does not advertise 8BITMIME or BINARYMIME.',
      'A gateway (fax, SMS, X.400) that cannot carry the attachment type.',
      'A non-ASCII body sent without any MIME encoding.',
    ],
    remedies: [
      'Send with standard MIME transfer encoding (quoted-printable or base64) so the message is 7-bit clean.',
      'Let your MTA convert 8-bit to 7-bit when the next hop needs it (Postfix does, unless `disable_mime_output_conversion = yes`).',
      'Use a widely supported format for the content (PDF rather than a proprietary type).',
    ],
    reason: 'content',
    references: [rfc(3463, '3.7'), IANA],
  },
  {
    code: 'X.6.2',
    title: 'Conversion required and prohibited',
    classes: ['4', '5'],
    definedBy: 'RFC 3463 §3.7',
    status: 'current',
    summary: 'The message had to be converted for delivery, but conversion was not allowed',
    explanation:
      "The next hop needs the content in another form (for example 8-bit turned into 7-bit), but the message itself or the sending site's policy forbids changing it. Neither side gives way, so it is bounced.",
    actors: ['sender', 'sender-admin'],
    causes: [
      'A signed or encrypted message (S/MIME, PGP) that converting would break.',
      'The sending MTA is configured not to convert content.',
      'A message marked as not to be converted, heading for a legacy gateway.',
    ],
    remedies: [
      'Send the message 7-bit safe from the start (base64 or quoted-printable).',
      'Allow MIME conversion on your MTA if policy permits.',
      'For signed mail, apply the 7-bit transfer encoding before signing.',
    ],
    reason: 'content',
    byClass: {
      '4': {
        summary: 'A required conversion is not allowed right now; the sender will retry',
        explanation: 'The conflict is reported as temporary, perhaps because another route to the recipient would not need conversion. Expect the same result on retry unless the route changes.',
        actors: ['sender-admin'],
        causes: ["Only some of the recipient's MX hosts require conversion."],
        remedies: ['Let the queue retry.', 'If it keeps deferring, fix the encoding of the message.'],
      },
    },
    references: [rfc(3463, '3.7'), IANA],
  },
  {
    code: 'X.6.3',
    title: 'Conversion required but not supported',
    classes: ['5'],
    definedBy: 'RFC 3463 §3.7',
    status: 'current',
    summary: 'The message needed a conversion that no server on the way can perform',
    explanation:
      'The next hop cannot accept the message as it is (it takes only 7-bit, for example), and the relay in front of it cannot convert it. The typical case is 8-bit mail that a gateway cannot downgrade. The message is bounced.',
    actors: ['sender-admin'],
    causes: [
      'Raw 8-bit or binary content reaching a 7-bit-only hop through a relay that does not convert.',
      'A gateway that cannot transform a content type for its destination system.',
    ],
    remedies: [
      'Send with base64 or quoted-printable transfer encoding.',
      'Enable MIME conversion on the relay.',
      "Ask the recipient's admin whether their gateway supports 8BITMIME.",
    ],
    reason: 'content',
    references: [rfc(3463, '3.7'), IANA],
  },
  {
    code: 'X.6.4',
    title: 'Conversion with loss performed',
    classes: ['2', '5'],
    definedBy: 'RFC 3463 §3.7',
    status: 'current',
    summary: 'Delivery would have needed a conversion that loses data, which the sender had forbidden',
    explanation:
      'Delivering the message required a conversion that throws information away (an attachment dropped, formatting flattened), and the sender had asked that this must not happen. So it was bounced instead.',
    actors: ['sender'],
    causes: [
      'A gateway to a limited medium (fax, SMS, a text-only system) would have had to drop parts.',
      'The message or its delivery options forbid lossy conversion.',
    ],
    remedies: [
      'Send a simpler version for that recipient (plain text, no attachments).',
      'Use another address for the recipient that does not go through the gateway.',
    ],
    reason: 'content',
    byClass: {
      '2': {
        summary: 'Delivered, but a conversion on the way lost some of the content',
        explanation:
          'The message reached the recipient, but a system converted it in a way that dropped or changed something (an attachment, formatting, characters). The recipient may not see exactly what you sent.',
        actors: ['sender'],
        causes: ['A gateway to a limited system converted the message.'],
        remedies: ['Check with the recipient that the important parts arrived.', 'Send lost attachments another way.'],
        reason: 'delivered',
      },
    },
    references: [rfc(3463, '3.7'), IANA],
  },
  {
    code: 'X.6.5',
    title: 'Conversion Failed',
    classes: ['4', '5'],
    definedBy: 'RFC 3463 §3.7',
    status: 'current',
    summary: 'A content conversion needed for delivery failed',
    explanation:
      'A server tried to convert the message (transfer encoding, character set, format) and the conversion did not work. The message is bounced; often the original content is malformed.',
    actors: ['sender', 'recipient-admin'],
    causes: [
      'Malformed MIME that the converter cannot parse.',
      'A character set the converter does not know.',
      "A bug or a limit in the gateway's converter.",
    ],
    remedies: [
      'Resend with standard encodings (UTF-8 text, base64 attachments).',
      'Check the message source for broken MIME boundaries or headers.',
      "Report the failure to the gateway's admin.",
    ],
    reason: 'content',
    byClass: {
      '4': {
        summary: 'A content conversion failed for now; the sender will retry',
        explanation: 'The converter failed temporarily (a service down or overloaded), so the message is deferred.',
        actors: ['nobody', 'recipient-admin'],
        causes: ['The conversion service was unavailable or timed out.'],
        remedies: ['Let the queue retry.', 'If it persists, send the content in a simpler form.'],
      },
    },
    references: [rfc(3463, '3.7'), IANA],
  },
  {
    code: 'X.6.6',
    title: 'Message content not available',
    classes: ['4', '5'],
    definedBy: 'RFC 4468 §5',
    status: 'current',
    summary: 'The submission server could not fetch the message content named by a BURL command',
    explanation:
      'With the BURL extension the client does not upload the message; it hands the submission server a URL to a copy on an IMAP server, and the server fetches it from there. That fetch failed for good (the URL is invalid, expired or not authorised), so the submission is refused.',
    actors: ['sender', 'sender-admin'],
    causes: [
      'The URLAUTH URL expired or was revoked before the submission server used it.',
      'The message was deleted or moved on the IMAP server.',
      'The submission server is not allowed to fetch from that IMAP server.',
    ],
    remedies: [
      'Send again from the client; it will generate a fresh URL.',
      'Make sure the message still exists in its IMAP folder.',
      'As admin, check the URLAUTH and trust set-up between the submission and IMAP servers.',
    ],
    reason: 'content',
    byClass: {
      '4': {
        summary: 'The message content named by BURL could not be fetched right now; the client may retry',
        explanation: 'The submission server could not reach the IMAP server that holds the message, or the fetch timed out. The client can submit again.',
        actors: ['nobody', 'sender-admin'],
        causes: ['The IMAP server was down or slow.', 'A network problem between the submission server and the IMAP server.'],
        remedies: ['Submit the message again.', 'As admin, check connectivity between the two servers.'],
        reason: 'system',
      },
    },
    references: [rfc(4468, '5'), IANA],
  },
  {
    code: 'X.6.7',
    title: 'Non-ASCII addresses not permitted for that sender/recipient',
    classes: ['5'],
    definedBy: 'RFC 6531 §4.2',
    status: 'current',
    summary: 'The server refused an internationalized (non-ASCII) address',
    explanation:
      'The MAIL FROM or RCPT TO address contains non-ASCII characters (such as `josé@example.com`) and the server does not allow such an address for this sender or recipient. That address is refused.',
    actors: ['sender', 'recipient-admin'],
    causes: [
      'The receiving server does not support SMTPUTF8, or not for this address.',
      'The message was sent without the SMTPUTF8 parameter although the address needs it.',
      'The domain accepts only ASCII mailbox names.',
    ],
    remedies: [
      'Use an ASCII address for the recipient if they have one.',
      'Check that both your server and the receiver advertise SMTPUTF8 in their EHLO replies.',
      "Ask the recipient's admin whether internationalized addresses are supported.",
    ],
    reason: 'content',
    notes: [
      'RFC 6531 replaced the titles and meanings that RFC 5336 had given X.6.7 to X.6.9; under RFC 5336, X.6.7 meant an ALT-ADDRESS was required but missing. Old software may still send the old meanings.',
    ],
    references: [rfc(6531, '4.2'), rfc(6531, '3.5'), IANA],
  },
  {
    code: 'X.6.8',
    title: 'UTF-8 string reply is required, but not permitted by the SMTP client',
    classes: ['2', '5'],
    definedBy: 'RFC 6531 §4.2',
    status: 'current',
    summary: 'The answer would need a UTF-8 address, but the client did not allow UTF-8 replies',
    explanation:
      'To answer (typically VRFY or EXPN), the server would have to show a mailbox name with non-ASCII characters. The client did not ask for SMTPUTF8, so the server refuses instead of sending UTF-8 it was not allowed to use.',
    actors: ['sender-admin'],
    causes: [
      'VRFY or EXPN on an internationalized mailbox by a client that did not request SMTPUTF8.',
      'An old client or address-verification tool without SMTPUTF8 support.',
    ],
    remedies: [
      'Use a client that supports SMTPUTF8 and sends the SMTPUTF8 parameter.',
      'If you were only checking the address, note that this reply does not say the address is invalid.',
    ],
    reason: 'content',
    byClass: {
      '2': {
        summary: 'The server cannot show the address without UTF-8 but will accept mail for it',
        explanation:
          'Paired with 252, this says the mailbox name needs UTF-8 to be shown, which the client did not allow, so the server does not display it; mail to the address is still accepted.',
        actors: ['nobody'],
        causes: ['VRFY on an internationalized mailbox by a client without SMTPUTF8.'],
        remedies: ['Nothing to do for delivery.'],
        reason: 'delivered',
      },
    },
    notes: ['X.6.10 was registered as a duplicate of this code and is deprecated; read X.6.10 as X.6.8.'],
    references: [rfc(6531, '4.2'), rfc(6531, '3.7.4.2'), IANA],
  },
  {
    code: 'X.6.9',
    title: 'UTF-8 header message cannot be transferred to one or more recipients, so the message must be rejected',
    classes: ['5'],
    definedBy: 'RFC 6531 §4.2',
    status: 'current',
    summary: 'The message has internationalized (UTF-8) headers that cannot be delivered to a recipient',
    explanation:
      'The message carries UTF-8 in its headers or addresses (an SMTPUTF8 message) and the path to at least one recipient cannot handle that. The server refuses it at the end of DATA rather than deliver it damaged.',
    actors: ['sender', 'recipient-admin'],
    causes: [
      "A recipient's server or mail store does not support SMTPUTF8 messages.",
      'A relay further on lacks SMTPUTF8 support and cannot downgrade the message.',
    ],
    remedies: [
      'For those recipients, send with ASCII-only addresses and headers (encoded display names are fine).',
      'Find the hop without SMTPUTF8 (look at the EHLO replies) and ask its admin to enable it.',
    ],
    reason: 'content',
    notes: ['RFC 6531 gave X.6.9 this title and meaning, replacing the one it had under RFC 5336.'],
    references: [rfc(6531, '4.2'), IANA],
  },
  {
    code: 'X.6.10',
    title: 'Deprecated: duplicate of X.6.8',
    classes: ['5'],
    definedBy: 'RFC 6531 §4.2',
    status: 'deprecated',
    summary: 'Deprecated code: read it as X.6.8 (a UTF-8 reply is needed but the client did not allow it)',
    explanation:
      'X.6.10 was registered for the same condition as X.6.8 and RFC 6531 deprecated it as a duplicate. A server that still sends it is probably running older internationalized-mail software.',
    actors: ['sender-admin'],
    causes: ['Older SMTPUTF8 software that predates RFC 6531.'],
    remedies: ['Handle it as X.6.8.', "Ask the server's admin to update the software."],
    reason: 'content',
    notes: [
      'Deprecated by RFC 6531 §4.2 as a duplicate of X.6.8; see X.6.8.',
      'The registry gives no basic reply code or class for X.6.10; class 5 is listed here only so the code can be explained when it appears.',
    ],
    references: [rfc(6531, '4.2'), IANA],
  },

  // ---------------------------------------------------------------- X.7 Security or policy
  {
    code: 'X.7.0',
    title: 'Other or undefined security status',
    classes: ['2', '4', '5'],
    definedBy: 'RFC 3463 §3.8',
    status: 'current',
    generic: true,
    summary: 'Refused for a security or policy reason; the text says which',
    explanation:
      'A security or policy check stopped the message or the command, but the code does not say which one (some sites keep it vague on purpose). Paired with 530 it usually means you must log in or start TLS first.',
    actors: ['sender-admin'],
    causes: [
      'The server requires authentication (`530 5.7.0 Authentication required`) or STARTTLS first.',
      'A reputation, blocklist or content policy reported without detail.',
      'A security policy the receiving admin does not disclose.',
    ],
    remedies: [
      'Read the text: a URL or a provider tag usually leads to the actual rule.',
      'If authentication is required, make the client log in (normally port 587 with STARTTLS).',
      'If the text names a blocklist, look your IP up there and request removal once the cause is fixed.',
    ],
    reason: 'policy',
    byClass: {
      '2': {
        summary: 'A security step succeeded (for example the login was accepted)',
        explanation: 'Servers answer a successful SMTP login with `235 2.7.0 Authentication successful` (RFC 4954). Nothing needs doing.',
        actors: ['nobody'],
        causes: ['Normal authentication or security exchange.'],
        remedies: ['Nothing to do.'],
        reason: 'delivered',
      },
      '4': {
        summary: 'Deferred for a security or policy reason, often volume or reputation throttling; the sender will retry',
        explanation:
          'The server refuses for now. Large receivers use it for senders they throttle because of volume, complaints or reputation; `454 4.7.0` can also mean TLS or authentication is unavailable for the moment.',
        actors: ['sender-admin'],
        causes: [
          'The receiver is throttling your IP or domain (a sudden volume increase, spam complaints, a new IP).',
          'A temporary authentication or TLS failure (`454 4.7.0`).',
          'Suspicious-traffic detection at the receiver.',
        ],
        remedies: [
          'Let the queue retry and lower the sending rate toward that provider.',
          "Check the receiver's reputation tools for senders and your complaint rate.",
          'Make sure SPF, DKIM and DMARC pass and that your sending IP has a matching PTR record.',
        ],
        reason: 'rate-limited',
      },
    },
    references: [rfc(3463, '3.8'), rfc(4954, '6'), IANA],
  },
  {
    code: 'X.7.1',
    title: 'Delivery not authorized, message refused',
    classes: ['4', '5'],
    definedBy: 'RFC 3463 §3.8',
    status: 'current',
    generic: true,
    summary: 'Refused by policy (relaying denied, blocklist, spam filter or a local rule); the text says which',
    explanation:
      "The all-purpose 'not allowed' code. Postfix uses it for `Relay access denied`, others for blocklisted IPs, local policy or spam. The message is bounced; the reply text tells which rule fired.",
    actors: ['sender-admin', 'sender'],
    causes: [
      'Relaying denied: mail for an outside domain was sent through a server that does not relay for you (not logged in, or the wrong server).',
      'The sending IP is on a blocklist or has a poor reputation.',
      'A spam or content filter, or a block rule set by the recipient, refused the message.',
      'An SPF, DKIM or DMARC failure reported with this generic code.',
    ],
    remedies: [
      'Read the reply text: it usually names the rule and often gives a lookup or removal URL.',
      "For 'Relay access denied', authenticate to your outgoing server or send through the right one.",
      'For blocklists, look your IP up on the list the reply names and fix the cause before requesting removal.',
      'Check SPF, DKIM and DMARC results on a test message.',
    ],
    reason: 'policy',
    byClass: {
      '4': {
        summary: 'Deferred by policy (often greylisting); the sender will retry',
        explanation:
          "A temporary policy refusal: greylisting (`451 4.7.1 Please try again later`), a temporary block, or a check that could not finish (Postfix: `450 4.7.1 Client host rejected: cannot find your reverse hostname`). A proper MTA retries, and greylisting lets the mail through on a later attempt.",
        actors: ['nobody', 'sender-admin'],
        causes: [
          'Greylisting: the first attempt from an unknown sender is deferred on purpose.',
          'Your sending IP has no reverse DNS (PTR), or it does not match.',
          'A temporary reputation or volume block.',
        ],
        remedies: [
          'Let the queue retry; greylisting clears on a later attempt from the same IP.',
          'Give your sending IP a PTR record whose name resolves back to that IP.',
          'If deferrals go on for hours, lower your rate toward that destination and check your reputation.',
        ],
      },
    },
    notes: [
      'RFC 3463 meant X.7.1 for permanent refusals, yet the registry lists 451 and 454 among its basic codes; temporary 4.7.1 replies (greylisting above all) are everyday practice.',
      'Before RFC 7372 added X.7.23, RFC 7208 §8.4 suggested 5.7.1 for SPF failures, and many servers still use it that way.',
    ],
    references: [rfc(3463, '3.8'), IANA],
  },
  {
    code: 'X.7.2',
    title: 'Mailing list expansion prohibited',
    classes: ['5'],
    definedBy: 'RFC 3463 §3.8',
    status: 'current',
    summary: 'You are not allowed to send to this mailing list',
    explanation:
      'The address is a list or group that takes mail only from certain senders (members, the own organisation, moderators), and you are not one of them. The message is bounced.',
    actors: ['sender'],
    causes: [
      'The list accepts posts from subscribers only, and you are not subscribed or wrote from another address.',
      'The group accepts only internal senders (a common setting of group services).',
    ],
    remedies: [
      'Send from the subscribed address, or join the list.',
      'Ask the list owner to allow outside senders or to let you through.',
    ],
    reason: 'policy',
    references: [rfc(3463, '3.8'), IANA],
  },
  {
    code: 'X.7.3',
    title: 'Security conversion required but not possible',
    classes: ['5'],
    definedBy: 'RFC 3463 §3.8',
    status: 'current',
    summary: 'The message needed conversion between secure-mail formats, which was not possible',
    explanation:
      "Delivery required translating the message from one secure messaging format to another (at a gateway between encryption systems, for example), and that cannot be done. The message is bounced. It is rare outside gateways in government or defence networks.",
    actors: ['sender', 'recipient-admin'],
    causes: [
      "An encrypted or signed message reaching a gateway that cannot re-wrap it for the destination's security system.",
      "The recipient's system requires a security format the sender did not use.",
    ],
    remedies: [
      'Ask the recipient which secure-mail method they support (S/MIME, PGP, a web portal).',
      "Send through the gateway's supported method, or unencrypted if your policy allows it.",
    ],
    reason: 'content',
    references: [rfc(3463, '3.8'), IANA],
  },
  {
    code: 'X.7.4',
    title: 'Security features not supported',
    classes: ['5'],
    definedBy: 'RFC 3463 §3.8',
    status: 'current',
    summary: 'A requested security feature (an AUTH mechanism, TLS) is not available here',
    explanation:
      'The client asked for a security feature the server cannot provide on this connection. Exchange, for example, answers `504 5.7.4 Unrecognized authentication type` to an AUTH mechanism it does not offer. The command fails.',
    actors: ['sender-admin'],
    causes: [
      'The client uses an AUTH mechanism the server does not offer (for example NTLM or CRAM-MD5 where only PLAIN and LOGIN are available).',
      'Authentication attempted before STARTTLS, on a server that offers AUTH only over TLS.',
      'A secure-messaging feature of the message that the path cannot support.',
    ],
    remedies: [
      "Compare the client's AUTH method with the mechanisms in the server's EHLO reply and choose one that is listed.",
      'Turn on STARTTLS in the client before authenticating.',
      'On the server, enable the required mechanism if it is safe to do so.',
    ],
    reason: 'tls-required',
    notes: [
      'Postfix reports `TLS is required, but was not offered by host ...` with dsn=4.7.4 when its TLS policy for a destination (`smtp_tls_security_level = encrypt`, DANE, MTA-STS) cannot be met, although the registry lists X.7.4 for permanent failures only. The deferral ends when the receiver offers STARTTLS or the policy for that destination is relaxed.',
    ],
    references: [rfc(3463, '3.8'), IANA],
  },
  {
    code: 'X.7.5',
    title: 'Cryptographic failure',
    classes: ['4', '5'],
    definedBy: 'RFC 3463 §3.8',
    status: 'current',
    summary: 'A cryptographic operation failed: a key or certificate is missing, expired or invalid',
    explanation:
      'A system that was supposed to check or decrypt the message, or to secure the connection, could not do so because a key or certificate was missing, expired or invalid. With a 5 class the message is bounced.',
    actors: ['sender-admin', 'recipient-admin'],
    causes: [
      "The recipient's encryption gateway lacks the key to decrypt an S/MIME or PGP message.",
      'A certificate used for TLS or signing is expired, self-signed, or does not match the host name.',
      'A signing key that cannot be found or parsed.',
    ],
    remedies: [
      'Check the certificate: validity dates, chain, and that the name matches the host (`openssl s_client -connect host:25 -starttls smtp`).',
      "For encrypted mail, make sure you used the recipient's current public key.",
      'Where DANE or MTA-STS is used, check that the TLSA records or the policy match the certificate actually served.',
    ],
    reason: 'tls-required',
    byClass: {
      '4': {
        summary: 'A cryptographic check failed for now, often TLS certificate verification; the sender will retry',
        explanation:
          'The failure is treated as temporary. Postfix logs dsn=4.7.5 with `Server certificate not verified` or `Cannot start TLS: handshake failure` when TLS to the next hop fails under its policy; the message stays queued until the TLS problem is fixed or the queue lifetime ends.',
        causes: [
          "The receiver's certificate does not verify under your policy (DANE, MTA-STS, `smtp_tls_security_level = verify` or `secure`).",
          'The TLS handshake failed (no common protocol version or cipher).',
          'A key lookup failed temporarily.',
        ],
        remedies: [
          "Inspect the receiver's certificate with `openssl s_client -starttls smtp -connect host:25`.",
          'Check the TLS policy you apply to that destination (Postfix: `smtp_tls_policy_maps`).',
          "If the receiver's certificate, TLSA records or MTA-STS policy are wrong, tell their admin.",
        ],
      },
    },
    references: [rfc(3463, '3.8'), IANA],
  },
  {
    code: 'X.7.6',
    title: 'Cryptographic algorithm not supported',
    classes: ['4', '5'],
    definedBy: 'RFC 3463 §3.8',
    status: 'current',
    summary: 'A cryptographic algorithm needed for the message or the connection is not supported',
    explanation:
      'A system could not verify, decrypt or secure something because it does not implement the algorithm used (a cipher, a hash, a signature type). The message is bounced.',
    actors: ['sender-admin', 'recipient-admin'],
    causes: [
      "The message is encrypted or signed with an algorithm the recipient's gateway does not support.",
      'A signature algorithm or key type the verifier does not implement.',
      'A TLS peer that supports only outdated ciphers or protocol versions.',
    ],
    remedies: [
      'Use widely supported algorithms (for DKIM, RSA keys of 2048 bits with SHA-256; for S/MIME, AES).',
      'Update the old software on whichever side lacks the algorithm.',
      'For TLS, enable TLS 1.2 or later with standard cipher suites on both ends.',
    ],
    reason: 'tls-required',
    byClass: {
      '4': {
        summary: 'An unsupported algorithm stopped processing for now; the sender will retry',
        explanation: 'Reported as temporary, perhaps because another server in the pool supports the algorithm. Retrying will not help if none does.',
        causes: ["Different software versions within the receiver's server pool."],
        remedies: ['Let the queue retry.', 'If it persists, switch to more common algorithms.'],
      },
    },
    references: [rfc(3463, '3.8'), IANA],
  },
  {
    code: 'X.7.7',
    title: 'Message integrity failure',
    classes: ['2', '4', '5'],
    definedBy: 'RFC 3463 §3.8',
    status: 'current',
    summary: 'The message failed an integrity check: it was altered or damaged on the way',
    explanation:
      'A system that checks integrity (a signature or a hash) found that the content no longer matches, so it treats the message as tampered with or corrupted. RFC 7372 mentions that sites may use 5.7.7 instead of the specific authentication codes. The message is bounced.',
    actors: ['sender-admin'],
    causes: [
      'A DKIM or S/MIME signature broke because something changed the message after signing (a footer, a disclaimer, a mailing list, line-ending changes).',
      'A relay or an antivirus gateway that rewrites content.',
      'A receiver reporting any authentication failure with this generic code.',
    ],
    remedies: [
      'Find the system that changes the message after signing (disclaimer tools, gateways) and sign after it, or stop it altering signed mail.',
      'Compare a copy of the message as sent with the one received.',
      'Send a test to a mailbox that shows authentication results and check the DKIM result.',
    ],
    reason: 'sender-authentication',
    byClass: {
      '2': {
        summary: 'Delivered, with a warning that the integrity check did not pass',
        explanation: 'The message was delivered, but the status warns that its integrity could not be confirmed; the recipient may see it flagged.',
        actors: ['sender-admin'],
        causes: ['A signature that broke in transit, at a receiver that delivers anyway.'],
        remedies: ['Find out why the signature fails (see the permanent reading of this code) so that future mail verifies.'],
        reason: 'delivered',
      },
      '4': {
        summary: 'The integrity check could not be completed right now; the sender will retry',
        explanation: 'The receiver could not finish verifying the message, for example because a key lookup failed, and defers it.',
        actors: ['nobody', 'sender-admin'],
        causes: ['A DNS lookup of a signing key timed out.', 'A verification service was unavailable.'],
        remedies: ['Let the queue retry.', 'Make sure your DKIM key records resolve reliably from everywhere.'],
      },
    },
    references: [rfc(3463, '3.8'), rfc(7372, '5'), IANA],
  },
  {
    code: 'X.7.8',
    title: 'Authentication credentials invalid',
    classes: ['5'],
    definedBy: 'RFC 4954 §6',
    status: 'current',
    summary: 'SMTP login failed: wrong user name or password',
    explanation:
      'The client tried to log in (SMTP AUTH) and the server rejected the credentials (`535 5.7.8 Authentication credentials invalid`). Nothing can be sent through this server until the client logs in correctly.',
    actors: ['sender'],
    causes: [
      'A wrong or outdated password stored in the mail client, device or application.',
      'The provider requires an app password or OAuth instead of the account password (common at large mailbox providers that turned basic authentication off).',
      'The wrong user name format (full address versus short name).',
    ],
    remedies: [
      'Enter the credentials again in the client, and test the same ones in webmail.',
      'If the account uses two-factor authentication, create an app password or switch the client to OAuth.',
      "Check the server's authentication log for the exact reason (unknown user, bad password, disabled account).",
    ],
    reason: 'smtp-auth',
    notes: [
      "RFC 4468 (BURL) first used X.7.8 for 'trust relationship required'; RFC 5248 moved that meaning to X.7.14, so an old BURL server may still send 5.7.8 for it.",
    ],
    references: [rfc(4954, '6'), IANA],
  },
  {
    code: 'X.7.9',
    title: 'Authentication mechanism is too weak',
    classes: ['5'],
    definedBy: 'RFC 4954 §6',
    status: 'current',
    summary: 'The server refused the login method as too weak',
    explanation:
      "The client offered an authentication mechanism the server considers unsafe for this account, so it refuses before even checking the password (`534 5.7.9`).",
    actors: ['sender', 'sender-admin'],
    causes: [
      'The client uses PLAIN or LOGIN where the server demands a stronger or token-based mechanism, or password logins are switched off.',
      'The account has 2-step verification and the client uses the account password instead of an app password.',
    ],
    remedies: [
      'Switch the client to OAuth or another stronger method, or use an app password where the provider offers one.',
      'Make sure TLS is active before authenticating.',
    ],
    reason: 'smtp-auth',
    references: [rfc(4954, '6'), IANA],
  },
  {
    code: 'X.7.10',
    title: 'Encryption Needed',
    classes: ['5'],
    definedBy: 'RFC 5248 §2.4',
    status: 'current',
    summary: 'Encryption is needed before this login method may be used',
    explanation:
      'The client tried an authentication mechanism that sends the password in readable form, and the server wants an encrypted session for that. The client should start TLS first or use a stronger mechanism.',
    actors: ['sender'],
    causes: ['The client authenticates on port 25 or 587 without STARTTLS.', "TLS is turned off or failing in the client's settings."],
    remedies: [
      'Enable STARTTLS (port 587) or implicit TLS (port 465) in the client.',
      "Make sure the client trusts the server's certificate, so that TLS can start.",
    ],
    reason: 'tls-required',
    notes: [
      "The basic reply code 523 that goes with it comes from RFC 5248; some web tables give 523 an unrelated meaning (message size), so trust the enhanced code.",
    ],
    references: [rfc(5248, '2.4'), IANA],
  },
  {
    code: 'X.7.11',
    title: 'Encryption required for requested authentication mechanism',
    classes: ['5'],
    definedBy: 'RFC 4954 §6',
    status: 'current',
    summary: 'This login method is allowed only over an encrypted connection',
    explanation:
      'The mechanism the client chose may be used only after TLS is active; RFC 4954 gives `538 5.7.11` for this. Authentication fails until the client encrypts the session.',
    actors: ['sender'],
    causes: ['The client tries AUTH PLAIN or LOGIN before STARTTLS.', 'STARTTLS failed quietly and the client carried on unencrypted.'],
    remedies: ['Turn on STARTTLS, or use port 465 with implicit TLS.', "Look in the client's log for a TLS failure just before the AUTH attempt."],
    reason: 'tls-required',
    notes: ['RFC 4954 keeps reply code 538 for historical reasons only; the registry also lists 524 for X.7.11.'],
    references: [rfc(4954, '6'), IANA],
  },
  {
    code: 'X.7.12',
    title: 'A password transition is needed',
    classes: ['4'],
    definedBy: 'RFC 4954 §6',
    status: 'current',
    summary: 'The user must change or re-establish the password before logging in',
    explanation:
      'The server requires the user to go through a password change (an expired password, the first login after an account migration) and refuses the login until that is done. RFC 4954 gives it as `432 4.7.12`.',
    actors: ['sender'],
    causes: ['The password expired or must be changed at the next login.', 'The account was migrated and the password has to be set again (for example for a new password scheme).'],
    remedies: ["Log in once through webmail or the provider's portal and change the password.", 'Then update the password stored in the mail client.'],
    reason: 'smtp-auth',
    notes: ['Reply code 432 also circulates in web tables with an unrelated meaning; together with X.7.12 it is the RFC 4954 password transition.'],
    references: [rfc(4954, '6'), IANA],
  },
  {
    code: 'X.7.13',
    title: 'User Account Disabled',
    classes: ['5'],
    definedBy: 'RFC 5248 §2.4',
    status: 'current',
    summary: 'The login was correct, but the account is disabled and may not send',
    explanation:
      'The credentials were accepted, but the account has been switched off by its administrator (unpaid service, abuse, a suspected compromise). Retrying or entering the password again will not help until the account is re-enabled.',
    actors: ['sender', 'sender-admin'],
    causes: [
      'The provider or admin suspended the account, often after it sent spam when its password was stolen.',
      'Billing or contract problems.',
      "An employee's account was disabled.",
    ],
    remedies: [
      'Contact the provider or your IT admin to get the account re-enabled.',
      'If the account was compromised, change the password first and look for unknown forwarding rules or app passwords.',
    ],
    reason: 'smtp-auth',
    references: [rfc(5248, '2.4'), IANA],
  },
  {
    code: 'X.7.14',
    title: 'Trust relationship required',
    classes: ['5'],
    definedBy: 'RFC 5248 §2.4',
    status: 'current',
    summary: 'The submission server has no trust relationship with the server holding the message (BURL)',
    explanation:
      'With BURL the submission server has to fetch the message from another server, usually IMAP. This code says it has no configured trust with that server, so it cannot get the content and refuses the submission.',
    actors: ['sender-admin'],
    causes: [
      'The IMAP and submission servers are not set up to trust each other (URLAUTH access not granted).',
      "The client points BURL at an IMAP server outside the provider's trust arrangement.",
    ],
    remedies: [
      'Let the client send the message the normal way (DATA) instead of with BURL.',
      'As admin, configure the submission server as an authorised URLAUTH client of the IMAP server.',
    ],
    reason: 'policy',
    notes: ["RFC 5248 created X.7.14 to take 'trust relationship required' over from X.7.8, which RFC 4468 had used for it."],
    references: [rfc(5248, '2.4'), rfc(4468, '5'), IANA],
  },
  {
    code: 'X.7.15',
    title: 'Priority Level is too low',
    classes: ['4', '5'],
    definedBy: 'RFC 6710 §4.1',
    status: 'current',
    summary: "The message's priority (MT-PRIORITY) is below what the server accepts",
    explanation:
      'The server takes only messages at or above a certain priority, and this one, as requested or as set by policy, is too low. With a 5 class it is refused; it can be resent at a higher priority if the sender is allowed to use one.',
    actors: ['sender', 'sender-admin'],
    causes: [
      'The server accepts only urgent traffic during an emergency or while short of resources (military, aviation or emergency-service networks).',
      'The sender is not authorised for the priority it asked for and was lowered below the cut-off.',
    ],
    remedies: ['Resend with a higher MT-PRIORITY value if your account may use it.', 'Ask the administrator which priorities are accepted at present.'],
    reason: 'policy',
    byClass: {
      '4': {
        summary: 'The server accepts only higher-priority messages for now; the sender will retry',
        explanation:
          "A temporary cut-off: the server is limiting itself to more urgent traffic and this message's priority is below the current threshold. It is deferred and retried once the threshold drops.",
        actors: ['nobody', 'sender'],
        causes: ['Congestion or a constrained link, during which the server relays only high-priority traffic.'],
        remedies: ['Let the queue retry.', 'Raise the priority only if the message really is urgent and you are allowed to.'],
      },
    },
    references: [rfc(6710, '4.1'), IANA],
  },
  {
    code: 'X.7.16',
    title: 'Message is too big for the specified priority',
    classes: ['4', '5'],
    definedBy: 'RFC 6710 §5',
    status: 'current',
    summary: 'The message is too large for the priority it was sent with',
    explanation:
      "Under the server's priority policy high-priority messages have a lower size limit (urgent traffic is meant to be short), and this message is over the limit for its priority. RFC 6710 recommends `552` with this code.",
    actors: ['sender'],
    causes: ['A large attachment on a message sent with a high MT-PRIORITY.'],
    remedies: ['Send the large content at normal priority, or without the attachment.', 'Ask the administrator for the size limits per priority.'],
    reason: 'too-large',
    byClass: {
      '4': {
        summary: 'The message is too large for its priority at the moment; the sender will retry',
        explanation: 'The size limit for this priority is temporarily lower (on a constrained link, for example), so the message is deferred.',
        actors: ['nobody', 'sender'],
        causes: ['A temporarily reduced size limit for high-priority traffic.'],
        remedies: ['Let the queue retry, or resend at normal priority.'],
      },
    },
    references: [rfc(6710, '5'), IANA],
  },
  {
    code: 'X.7.17',
    title: 'Mailbox owner has changed',
    classes: ['5'],
    definedBy: 'RFC 7293 §15.3',
    status: 'current',
    summary: 'The mailbox now belongs to someone other than the person you meant (RRVS check failed)',
    explanation:
      'The message carried a Require-Recipient-Valid-Since date (RRVS), and the receiver knows the address was given to a new owner after that date. To keep it from reaching the wrong person, the message is refused.',
    actors: ['sender'],
    causes: ['The address was closed and later handed to another user (a recycled account).', "An employee's address was reassigned to a successor."],
    remedies: [
      'Do not resend to this address: it now reaches a different person.',
      'Ask the intended recipient for their current address and update your records, especially for account and password-reset mail.',
    ],
    reason: 'has-moved',
    references: [rfc(7293, '15.3'), IANA],
  },
  {
    code: 'X.7.18',
    title: 'Domain owner has changed',
    classes: ['5'],
    definedBy: 'RFC 7293 §15.3',
    status: 'current',
    summary: "The recipient's domain has changed hands since the date the sender vouched for (RRVS check failed)",
    explanation:
      'The message asked, through RRVS, to be delivered only if the address had belonged to the same owner since a given date, and the receiver knows the whole domain has had a new owner since then. The message is refused so that it does not reach strangers.',
    actors: ['sender'],
    causes: ['The domain expired and was registered by someone else.', 'The domain was sold or transferred to another organisation.'],
    remedies: ['Stop sending to addresses in that domain until you have confirmed them again.', 'Ask the intended person for a new address.'],
    reason: 'has-moved',
    references: [rfc(7293, '15.3'), IANA],
  },
  {
    code: 'X.7.19',
    title: 'RRVS test cannot be completed',
    classes: ['5'],
    definedBy: 'RFC 7293 §15.3',
    status: 'current',
    summary: 'The receiver could not run the RRVS check: it has no record of when the mailbox was assigned',
    explanation:
      'The message asked for a Require-Recipient-Valid-Since check, but the receiving system does not know when the mailbox was created or reassigned, so it cannot confirm the owner and refuses rather than guess. The sender has to decide whether to resend without the check.',
    actors: ['sender'],
    causes: ["The mailbox predates the receiver's record of creation dates.", 'The receiver implements RRVS but lacks the data for this mailbox.'],
    remedies: ['Resend without RRVS protection if the content is not sensitive.', 'Otherwise confirm the address with the recipient by another channel first.'],
    reason: 'policy',
    references: [rfc(7293, '15.3'), rfc(7293, '5'), IANA],
  },
  {
    code: 'X.7.20',
    title: 'No passing DKIM signature found',
    classes: ['5'],
    definedBy: 'RFC 7372 §3.1',
    status: 'current',
    summary: 'The receiver requires a valid DKIM signature and the message had none that verified',
    explanation:
      "The message carried no DKIM signature, or none of its signatures verified, and the receiver's policy requires at least one good one. The message is refused.",
    actors: ['sender-admin'],
    causes: [
      'Outgoing mail is not DKIM-signed at all (a new server or service that was never set up for signing).',
      'The signature breaks in transit: a footer, a disclaimer or a mailing list changes the signed body or headers.',
      'The public key in DNS is missing or wrong, or was rotated without updating the signer.',
    ],
    remedies: [
      'Enable DKIM signing on every system that sends for your domain.',
      'Check the key: `dig TXT selector._domainkey.yourdomain` must match the private key in use.',
      'Send a test to a mailbox that shows authentication results and look for `dkim=pass`.',
    ],
    reason: 'sender-authentication',
    notes: [
      'RFC 6376 §6.1 advises receivers not to treat mail differently just because it lacks a valid DKIM signature; refusing it is a local choice, and RFC 7372 only provides codes for sites that make it.',
    ],
    references: [rfc(7372, '3.1'), rfc(6376, '6.1'), IANA],
  },
  {
    code: 'X.7.21',
    title: 'No acceptable DKIM signature found',
    classes: ['5'],
    definedBy: 'RFC 7372 §3.1',
    status: 'current',
    summary: "A DKIM signature verified, but none met the receiver's extra requirements",
    explanation:
      'At least one DKIM signature was valid, but the receiver has further rules (which headers must be signed, a minimum key size, no partial-body signatures) and no signature met them. The message is refused.',
    actors: ['sender-admin'],
    causes: [
      'The key is shorter than the receiver accepts (keys under 1024 bits are widely refused).',
      'Important headers such as From or Subject are not covered by the signature.',
      'The signature uses a body length limit (`l=`) or the old SHA-1 hash.',
    ],
    remedies: [
      'Sign with an RSA key of at least 2048 bits and SHA-256.',
      'Sign From, To, Subject, Date and Message-ID, and do not use `l=`.',
      'If the text does not say which requirement failed, ask the receiving postmaster.',
    ],
    reason: 'sender-authentication',
    references: [rfc(7372, '3.1'), rfc(6376, '6.1'), IANA],
  },
  {
    code: 'X.7.22',
    title: 'No valid author-matched DKIM signature found',
    classes: ['5'],
    definedBy: 'RFC 7372 §3.1',
    status: 'current',
    summary: 'No valid DKIM signature matches the domain in the From header',
    explanation:
      "A DKIM signature verified, but it was made by another domain than the one in From (your email provider's domain, for example), and the receiver requires a signature from the author's domain. It is a special case of X.7.21; the message is refused.",
    actors: ['sender-admin'],
    causes: [
      'An email service provider signs with its own domain (d=esp.example) instead of yours.',
      'A third party sends on behalf of your domain without a DKIM key for it.',
      'The From domain differs from the signing domain, for example after a rebranding.',
    ],
    remedies: [
      "Set up DKIM for your own domain with each sending service (often called custom DKIM or domain authentication).",
      'Make the d= domain equal to the From domain or its parent domain; this also gives DMARC alignment.',
    ],
    reason: 'sender-authentication',
    references: [rfc(7372, '3.1'), rfc(6376, '6.1'), IANA],
  },
  {
    code: 'X.7.23',
    title: 'SPF validation failed',
    classes: ['5'],
    definedBy: 'RFC 7372 §3.2',
    status: 'current',
    summary: "SPF failed: the sending IP is not authorised for the envelope sender's domain",
    explanation:
      'The receiver checked the SPF record of the domain in MAIL FROM (or in HELO) and it says this IP may not send for that domain (result `fail`, usually from `-all`). The message is refused.',
    actors: ['sender-admin'],
    causes: [
      'A new server, service or IP sends for your domain but is missing from the SPF record.',
      "The message was forwarded, and the forwarder's IP is not in your SPF record.",
      'Someone is forging your domain; then the refusal is doing its job.',
    ],
    remedies: [
      'List every legitimate sender in the SPF record (`include:` for services, `ip4:` / `ip6:` for your own servers).',
      'Check the record with `dig TXT yourdomain` and an SPF checker, and keep it under 10 DNS lookups.',
      'For forwarded mail, ask the forwarder to use SRS, and sign with DKIM, which survives forwarding.',
    ],
    reason: 'sender-authentication',
    notes: [
      'RFC 7208 §8.4 originally suggested 5.7.1 for SPF failures; RFC 7372 introduced X.7.23 instead, but many servers still answer `550 5.7.1` to an SPF fail.',
    ],
    references: [rfc(7372, '3.2'), rfc(7208, '8.4'), IANA],
  },
  {
    code: 'X.7.24',
    title: 'SPF validation error',
    classes: ['4', '5'],
    definedBy: 'RFC 7372 §3.2',
    status: 'current',
    summary: "SPF could not be evaluated because the sender's SPF record is broken (permerror)",
    explanation:
      'The receiver tried to check SPF and got an error instead of a result: the record has a syntax error, needs more than 10 DNS lookups, or the domain has two SPF records. With a 5 class (SPF `permerror`) the message is refused.',
    actors: ['sender-admin'],
    causes: [
      'More than 10 DNS-querying terms (include, a, mx, ptr, exists, redirect) once all includes are expanded.',
      'Two or more `v=spf1` TXT records on the domain.',
      'A typo in the record, or an include of a domain that has no SPF record.',
    ],
    remedies: [
      'Validate the record with an SPF checker and fix syntax errors.',
      'Merge duplicate records into one.',
      'Cut lookups: drop unused includes, replace some with ip4/ip6 ranges, avoid `ptr`.',
    ],
    reason: 'sender-authentication',
    byClass: {
      '4': {
        summary: 'SPF could not be checked right now (temperror); the sender will retry',
        explanation:
          "The SPF lookup failed temporarily (timeouts or errors from your DNS servers), so the receiver defers the message.",
        causes: [
          "Your domain's DNS servers are slow, unreachable or returning errors.",
          "An included domain's DNS times out.",
          'Entries in the record that the receiver considers suspicious (the reply may not say which).',
        ],
        remedies: [
          "Check that every authoritative DNS server for your domain answers (`dig +trace`).",
          'Check that included domains resolve quickly.',
          'Review the record for overly broad ranges and includes you no longer use.',
        ],
      },
    },
    notes: [
      'RFC 7372 replaced the codes RFC 7208 §8.6 and §8.7 had suggested for SPF errors (4.4.3 for temporary and 5.5.2 for permanent ones) with X.7.24.',
    ],
    references: [rfc(7372, '3.2'), rfc(7208, '8.6'), rfc(7208, '8.7'), IANA],
  },
  {
    code: 'X.7.25',
    title: 'Reverse DNS validation failed',
    classes: ['5'],
    definedBy: 'RFC 7372 §3.3',
    status: 'current',
    summary: 'The sending IP has no valid reverse DNS (PTR), or it does not match forward DNS',
    explanation:
      "The receiver looked up the PTR record of your sending IP and found none, or found a name that does not resolve back to the same IP (forward-confirmed reverse DNS). It refuses mail from such hosts.",
    actors: ['sender-admin'],
    causes: [
      'No PTR record on the sending IP (common with new cloud or home IPs).',
      'The PTR name does not resolve back to the IP (missing A or AAAA record).',
      'A generic PTR (like `1-2-3-4.dynamic.isp.example`) that the receiver treats as a residential line.',
    ],
    remedies: [
      'Ask whoever owns the IP (the hosting provider or ISP) to set the PTR to your mail host name, for example `mail.example.com`.',
      'Make sure that name has an A or AAAA record pointing back to the same IP.',
      'Use the same name in your HELO/EHLO.',
    ],
    reason: 'sender-authentication',
    notes: [
      'Postfix uses this code for `reject_unknown_client_hostname` (`Client host rejected: cannot find your hostname`), by default as a temporary `450 4.7.25`, although the registry pairs X.7.25 with 550 only.',
    ],
    references: [rfc(7372, '3.3'), rfc(7601), IANA],
  },
  {
    code: 'X.7.26',
    title: 'Multiple authentication checks failed',
    classes: ['5'],
    definedBy: 'RFC 7372 §3.4',
    status: 'current',
    summary: 'The message failed more than one sender authentication check (SPF, DKIM, DMARC)',
    explanation:
      'The receiving server checked who really sent the message and more than one of those checks failed, so it does not trust the message. Large receivers use it when a message is neither SPF- nor DKIM-aligned with its From domain.',
    actors: ['sender-admin'],
    causes: [
      'The sending IP address is not listed in the SPF record of the envelope domain.',
      'The message is not DKIM-signed, or the signature breaks on the way (for example through a forwarder or a mailing list).',
      'The From domain publishes a DMARC policy and the message is aligned with neither SPF nor DKIM.',
    ],
    remedies: [
      'Publish or fix the SPF record so it includes every server and service that sends for the domain.',
      'Sign outgoing mail with DKIM using the From domain (or a subdomain of it).',
      'Publish a DMARC record and read its aggregate reports to find senders that are not aligned.',
      'Check a test message with the receiver\'s "show original" view: it shows SPF, DKIM and DMARC results.',
    ],
    reason: 'sender-authentication',
    references: [rfc(7372, '3.4'), IANA],
  },
  {
    code: 'X.7.27',
    title: 'Sender address has null MX',
    classes: ['5'],
    definedBy: 'RFC 7505 §4.1',
    status: 'current',
    summary: "The sender's domain publishes a null MX, so no reply or bounce could ever reach it",
    explanation:
      'Your envelope sender or From domain declares, with a null MX (`MX 0 .`), that it receives no mail. Since the receiver could never return a bounce or a reply, it refuses the message.',
    actors: ['sender-admin'],
    causes: [
      'A sending-only domain (notifications, marketing) publishes a null MX.',
      'The From or return path uses a parked domain with a null MX.',
      'A forged sender address from a domain that sends no mail.',
    ],
    remedies: [
      'Use a return path and a From domain that can receive mail, at least bounces.',
      'Replace the null MX with real MX records if the domain should accept replies.',
      'For sending-only domains, put the return path on a subdomain that has an MX for bounce handling.',
    ],
    reason: 'sender-rejected',
    notes: ['RFC 7505 §4.2 advises against publishing a null MX for domains used in MAIL FROM or From, precisely because receivers refuse such mail.'],
    references: [rfc(7505, '4.1'), rfc(7505, '4.2'), IANA],
  },
  {
    code: 'X.7.28',
    title: 'Mail flood detected',
    classes: ['4', '5'],
    definedBy: 'draft-levine-mailbomb-header (Internet-Draft)',
    status: 'current',
    summary: 'The receiver detected a flood of mail to this recipient (a mail bomb) and refused the message',
    explanation:
      'The recipient is getting an abnormal number of messages in a short time, typically a subscription-bombing attack in which their address is typed into many sign-up forms. The receiver refuses further messages it sees as part of the flood.',
    actors: ['sender-admin'],
    causes: [
      "The recipient's address is being signed up to many lists or forms by an attacker, and your form or list is one of them.",
      'Your system sends many automated messages to the same address (a loop, a retry storm).',
    ],
    remedies: [
      'Use confirmed opt-in (double opt-in) with a CAPTCHA or rate limits on sign-up forms.',
      'Limit how many messages your system sends to one address per hour.',
      'Look for loops or repeated notifications in your application.',
    ],
    reason: 'rate-limited',
    byClass: {
      '4': {
        summary: 'The receiver detected a mail flood to this recipient and is deferring messages; the sender will retry',
        explanation: 'The flood protection defers instead of refusing, so legitimate mail gets through later, once the flood subsides.',
        actors: ['nobody', 'sender-admin'],
        causes: [
          "The recipient's address is under a subscription-bombing attack.",
          'Your system sends many automated messages to the same address.',
        ],
        remedies: ['Let the queue retry.', 'Throttle your messages to that recipient.'],
      },
    },
    notes: ['X.7.28 was registered on the strength of an Internet-Draft (draft-levine-mailbomb-header), not an RFC; the registry gives no basic reply code for it.'],
    references: [DRAFT_MAILBOMB, IANA],
  },
  {
    code: 'X.7.29',
    title: 'ARC validation failure',
    classes: ['5'],
    definedBy: 'RFC 8617 §10.4',
    status: 'current',
    summary: "The message's ARC chain (the forwarders' authentication record) failed validation",
    explanation:
      'ARC lets forwarders and mailing lists vouch for the authentication results a message had before they changed it. The receiver found the ARC seals broken or invalid and, by its policy, refuses the message.',
    actors: ['sender-admin'],
    causes: [
      'An intermediary (a list, a forwarder, a gateway) changed the message after sealing it, or sealed it incorrectly.',
      'An ARC key in DNS is missing or does not match.',
      'A forged ARC chain.',
    ],
    remedies: [
      'If you run the forwarder or list: check its ARC signing keys and that nothing alters the message after sealing.',
      'If you are the original sender: make sure SPF and DKIM pass, so that DMARC passes without depending on ARC.',
      'Report the failure to the operator of the intermediary named in the ARC headers.',
    ],
    reason: 'sender-authentication',
    notes: ['ARC (RFC 8617) is an Experimental RFC; the registry accepts codes from any published specification, not only standards-track ones.'],
    references: [rfc(8617, '10.4'), IANA],
  },
  {
    code: 'X.7.30',
    title: 'REQUIRETLS support required',
    classes: ['5'],
    definedBy: 'RFC 8689 §7',
    status: 'current',
    summary: 'The message requires REQUIRETLS, but a server on the way does not support it',
    explanation:
      'The sender asked, with the REQUIRETLS option, that every hop use verified TLS and pass the same requirement on. A server on the path could not guarantee that (no REQUIRETLS support, or no valid TLS), so the message is returned instead of being sent less securely.',
    actors: ['sender', 'sender-admin'],
    causes: [
      "The recipient's MX does not advertise REQUIRETLS.",
      'A relay on the path does not support REQUIRETLS.',
      'TLS to the next hop could not be verified (a certificate, DANE or MTA-STS mismatch).',
    ],
    remedies: [
      "Check whether the recipient's servers list REQUIRETLS in their EHLO reply.",
      'If the content may travel without that guarantee, resend without REQUIRETLS.',
      'Otherwise use another secure channel to reach the recipient.',
    ],
    reason: 'tls-required',
    references: [rfc(8689, '7'), IANA],
  },
];
