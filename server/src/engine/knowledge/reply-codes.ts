// Three-digit SMTP reply codes: RFC 5321, the SMTP extension RFCs, and the
// non-standard codes common in the wild. Written in our own words; facts from the RFCs.
import type { ReplyCodeEntry } from './schema';
import { rfc } from './refs';

export const REPLY_CODES: readonly ReplyCodeEntry[] = [
  {
    code: '250',
    title: 'Requested action completed',
    status: 'standard',
    definedBy: 'RFC 5321 §4.2.2',
    summary: 'The server accepted the command',
    explanation:
      'The command succeeded. After the end of DATA it means the receiving server has taken responsibility for the message: it is queued or delivered there.',
    actors: ['nobody'],
    causes: ['Normal operation.'],
    remedies: ['Nothing to do. If the recipient still did not get the message, look at the receiving side: its spam folder, its filters or its own logs, using the queue id in the reply.'],
    reason: 'delivered',
    references: [rfc(5321, '4.2.2'), rfc(5321, '4.2.3')],
  },
  {
    code: '421',
    title: 'Service not available, closing connection',
    status: 'standard',
    definedBy: 'RFC 5321 §4.2.2',
    summary: 'The server is closing the connection for now; try again later',
    explanation:
      'The receiving server will not go on with this session and is closing the connection. It may answer any command this way, for example when it is shutting down, overloaded, or limiting how often this client may connect. The sending server keeps the message and retries.',
    actors: ['nobody', 'sender-admin'],
    causes: [
      'The receiving server is overloaded, restarting or in maintenance.',
      'Too many connections or messages from the sending IP address in a short time.',
      'A temporary reputation or greylisting measure against the sending IP address.',
    ],
    remedies: [
      'Let the queue retry: most 421 replies clear by themselves within minutes to hours.',
      'If it persists for one receiver, lower the number of parallel connections and the sending rate to it.',
      'Read the text after the code: large providers name the exact limit or reputation problem there.',
    ],
    reason: 'rate-limited',
    references: [rfc(5321, '4.2.2'), rfc(5321, '3.8')],
  },
  {
    code: '550',
    title: 'Mailbox unavailable',
    status: 'standard',
    definedBy: 'RFC 5321 §4.2.2',
    summary: 'Requested action not taken: the mailbox is unavailable or the message was refused',
    explanation:
      'The receiving server refused the command for good. RFC 5321 means a mailbox that was not found or that the sender has no access to, but servers also use 550 for policy and spam refusals, so the text and the enhanced code after it say which one it is. The sending server will not retry.',
    actors: ['sender', 'sender-admin'],
    causes: [
      'The recipient address does not exist (often a typo, or a person who left).',
      'The receiving site refused the sender, its IP address or the content by policy.',
      'The sender is not allowed to relay through this server.',
    ],
    remedies: [
      'Read the enhanced code and text after 550: 5.1.x points at the address, 5.7.x at policy or authentication.',
      'Check the recipient address for typos and confirm it with the recipient by another channel.',
      'If the text mentions a block list, SPF, DKIM or DMARC, fix the sending side first and then resend.',
    ],
    reason: 'user-unknown',
    references: [rfc(5321, '4.2.2'), rfc(5321, '4.2.3')],
  },
];
