// Subject sub-codes of enhanced status codes (RFC 3463 §3.1), used to explain a
// well-formed code whose detail is not registered (e.g. 5.9.99 or 4.4.316).
import type { SubjectEntry } from './schema';

export const SUBJECTS: readonly SubjectEntry[] = [
  {
    subject: '0',
    title: 'Other or undefined status',
    explanation: 'The server did not say which part of delivery the status is about.',
    reason: 'unclassified',
    actors: ['sender-admin'],
  },
  {
    subject: '1',
    title: 'Addressing status',
    explanation: 'The status is about an address: the recipient mailbox, the recipient domain, or the sender address.',
    reason: 'user-unknown',
    actors: ['sender'],
  },
  {
    subject: '2',
    title: 'Mailbox status',
    explanation: 'The address is right, but something about the recipient mailbox itself (its size, its state) stops delivery.',
    reason: 'mailbox-full',
    actors: ['recipient'],
  },
  {
    subject: '3',
    title: 'Mail system status',
    explanation: 'The receiving mail system as a whole (not one mailbox) could not handle the message: it is full, misconfigured or lacks a feature.',
    reason: 'system',
    actors: ['recipient-admin'],
  },
  {
    subject: '4',
    title: 'Network and routing status',
    explanation: 'The message could not travel to the next server: DNS, connections or routing failed.',
    reason: 'network',
    actors: ['sender-admin'],
  },
  {
    subject: '5',
    title: 'Mail delivery protocol status',
    explanation: 'Something went wrong in the SMTP conversation itself: a command, its syntax or its order.',
    reason: 'protocol',
    actors: ['sender-admin'],
  },
  {
    subject: '6',
    title: 'Message content or media status',
    explanation: 'The message content could not be handled: its format, encoding or conversion.',
    reason: 'content',
    actors: ['sender'],
  },
  {
    subject: '7',
    title: 'Security or policy status',
    explanation: 'A security check or a policy of the receiving site refused the message or the sender.',
    reason: 'policy',
    actors: ['sender-admin'],
  },
];
