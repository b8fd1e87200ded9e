// Enhanced mail system status codes (RFC 3463 and the RFCs that added codes to the
// IANA registry). One entry per subject.detail; `byClass` gives the reading of a
// 4.x.x or 5.x.x use where it differs. Written in our own words.
import type { EnhancedCodeEntry } from './schema';
import { IANA_ENHANCED_REGISTRY, rfc } from './refs';

export const ENHANCED_CODES: readonly EnhancedCodeEntry[] = [
  {
    code: 'X.1.1',
    title: 'Bad destination mailbox address',
    classes: ['4', '5'],
    definedBy: 'RFC 3463 §3.2',
    status: 'current',
    summary: 'The recipient mailbox does not exist',
    explanation:
      'The part of the address before the @ is not known at the receiving domain. The domain itself is fine; the mailbox name is wrong or no longer exists.',
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
    references: [rfc(3463, '3.2'), IANA_ENHANCED_REGISTRY],
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
          'The mailbox is over quota and the receiving server returned a permanent failure, so this message is bounced. RFC 3463 meant mailbox full to be temporary; some servers still report it as permanent.',
        remedies: [
          'Resend later, after the recipient has freed space.',
          'Tell the recipient by another channel that their mailbox is full.',
          'If it keeps bouncing for weeks, treat the address as abandoned.',
        ],
      },
    },
    references: [rfc(3463, '3.3'), IANA_ENHANCED_REGISTRY],
  },
  {
    code: 'X.7.26',
    title: 'Multiple authentication checks failed',
    classes: ['5'],
    definedBy: 'RFC 7372 §3.3',
    status: 'current',
    summary: 'The message failed more than one sender authentication check (SPF, DKIM, DMARC)',
    explanation:
      'The receiving server checked who really sent the message and more than one of those checks failed, so it does not trust the message. Large providers such as Gmail use this code when a message is neither SPF- nor DKIM-aligned with its From domain.',
    actors: ['sender-admin'],
    causes: [
      'The sending IP address is not listed in the SPF record of the envelope domain.',
      'The message is not DKIM-signed, or the signature breaks on the way (for example through a forwarder or a mailing list).',
      "The From domain publishes a DMARC policy and the message is aligned with neither SPF nor DKIM.",
    ],
    remedies: [
      'Publish or fix the SPF record so it includes every server and service that sends for the domain.',
      'Sign outgoing mail with DKIM using the From domain (or a subdomain of it).',
      'Publish a DMARC record and read its aggregate reports to find senders that are not aligned.',
      'Check a test message with the receiver\'s "show original" view: it shows SPF, DKIM and DMARC results.',
    ],
    reason: 'sender-authentication',
    references: [rfc(7372, '3.3'), IANA_ENHANCED_REGISTRY],
  },
];
