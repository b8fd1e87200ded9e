// Phrases of reply texts that name a bounce reason when the codes do not settle it
// (`550 User unknown`, `452 Mailbox full`). Matched lower-case, as substrings, in order:
// the first phrase found wins, so the more specific phrases come first.
import type { ReasonPhrase } from './schema';

export const REASON_PHRASES: readonly ReasonPhrase[] = [
  { phrase: 'user unknown', reason: 'user-unknown' },
  { phrase: 'unknown user', reason: 'user-unknown' },
  { phrase: 'no such user', reason: 'user-unknown' },
  { phrase: 'mailbox full', reason: 'mailbox-full' },
  { phrase: 'over quota', reason: 'mailbox-full' },
  { phrase: 'relay access denied', reason: 'relay-denied' },
];
