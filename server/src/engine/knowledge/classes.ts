// What the first digit of a code means on its own (RFC 5321 §4.2.1, RFC 3463 §3.1):
// the answer of last resort for codes that are well-formed but in no table.
import type { ClassEntry } from './schema';

export const CLASSES: readonly ClassEntry[] = [
  {
    digit: '2',
    title: 'Success',
    advice: {
      summary: 'Success: the server did what was asked',
      explanation: 'A code starting with 2 reports that the command or the delivery succeeded.',
      actors: ['nobody'],
      causes: ['Normal operation.'],
      remedies: ['Nothing to do.'],
      reason: 'delivered',
    },
  },
  {
    digit: '3',
    title: 'Intermediate reply',
    advice: {
      summary: 'Intermediate: the server waits for more input',
      explanation: 'A code starting with 3 means the command was accepted so far and the server is waiting for the client to send more (message data, or an authentication response).',
      actors: ['nobody'],
      causes: ['Normal operation in the middle of a command.'],
      remedies: ['Nothing to do unless the session stops right after it; then look at what the client sent next.'],
      reason: 'unclassified',
    },
  },
  {
    digit: '4',
    title: 'Transient failure',
    advice: {
      summary: 'Transient failure: the sending server should try again later',
      explanation: 'A code starting with 4 reports a failure that may go away: the message stays in the sending queue and is retried until it is delivered or expires.',
      actors: ['nobody', 'sender-admin'],
      causes: ['A temporary condition at the receiver: load, limits, greylisting, a resource that is unavailable for a moment.'],
      remedies: ['Let the queue retry.', 'If the same failure repeats for hours, read the reply text and contact the receiving site.'],
      reason: 'unclassified',
    },
  },
  {
    digit: '5',
    title: 'Permanent failure',
    advice: {
      summary: 'Permanent failure: the message will not be delivered as it is',
      explanation: 'A code starting with 5 reports a failure that repeating the same command will not fix. The sending server gives up and returns a bounce to the sender.',
      actors: ['sender', 'sender-admin'],
      causes: ['The address, the sender, the content or a policy was refused by the receiver.'],
      remedies: ['Read the reply text: it usually names the problem.', 'Fix the cause before sending again.'],
      reason: 'unclassified',
    },
  },
];
