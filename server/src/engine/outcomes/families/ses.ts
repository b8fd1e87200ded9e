// Amazon SES notifications and sending events: JSON with `notificationType` (SNS notifications:
// Bounce, Complaint, Delivery) or `eventType` (event publishing: also DeliveryDelay, Reject, Send,
// Open, Click…), and a `mail` object (messageId, source, destination, commonHeaders). One notification
// may report several recipients (`bounce.bouncedRecipients[]` with status and diagnosticCode,
// `deliveryDelay.delayedRecipients[]`, `delivery.recipients[]`): one outcome each. Read from one line:
// a JSON Lines record (Firehose writes one per line), or an SNS envelope whose `Message` holds the
// notification as a string (also its own line in a pretty-printed envelope). A notification
// pretty-printed over many lines is not read as one: its codes are still found, line by line.
// Verdicts: Delivery → delivered; DeliveryDelay → deferred (SES retries); Bounce → bounced, a
// Transient one too (SES sends it once it gave up retrying); Reject → rejected (SES refused the
// message before sending it); Complaint and engagement events are no delivery outcome.
import type { FamilyReader, LineRead, TrailIds, Verdict } from '../types';
import { decodeString, jsonStart, member, parseJson, text, type JsonValue } from './json';

interface Notification {
  root: JsonValue;
  /** The column in the line of a position in the notification's text. */
  col: (i: number) => number;
}

/** The SES notification on a line: the line's JSON itself, or the string in its `Message` field (SNS). */
function notification(line: string): Notification | null {
  const key = line.indexOf('"Message"');
  if (key >= 0) {
    // `"Message" : "{\"notificationType\":…}"`: decoded with the column of each character.
    let q = key + 9;
    while (q < line.length && (line.charCodeAt(q) === 32 || line.charCodeAt(q) === 58)) q++;
    if (line.charCodeAt(q) === 34) {
      let end = -1;
      for (let i = q + 1; i < line.length; i++) {
        const c = line.charCodeAt(i);
        if (c === 92) i++;
        else if (c === 34) {
          end = i + 1;
          break;
        }
      }
      const columns: number[] = [];
      const inner = decodeString(line, q, end < 0 ? line.length + 1 : end, line.length, columns);
      const root = parseJson(inner, 0, inner.length);
      if (root && isNotification(root)) {
        const last = (end < 0 ? line.length : end - 1);
        return { root, col: (i) => (i < columns.length ? columns[i] : last) };
      }
    }
  }
  const j = jsonStart(line);
  if (j < 0) return null;
  const root = parseJson(line, j, line.length);
  return root && isNotification(root) ? { root, col: (i) => i } : null;
}

function isNotification(v: JsonValue): boolean {
  return v.kind === 'object' && (v.members!.has('notificationType') || v.members!.has('eventType')) && v.members!.has('mail');
}

function kindOf(root: JsonValue): JsonValue | undefined {
  return member(root, 'eventType') ?? member(root, 'notificationType');
}

function stripBrackets(v: string | null): string | null {
  if (!v) return null;
  return (v.startsWith('<') && v.endsWith('>') ? v.slice(1, -1) : v) || null;
}

function trail(line: string): TrailIds | null {
  const n = notification(line);
  if (!n) return null;
  const mail = member(n.root, 'mail');
  return { queueId: text(mail, 'messageId'), links: [], messageId: stripBrackets(text(member(mail, 'commonHeaders'), 'messageId')) };
}

/** The per-recipient list of an event and its verdict. */
const LISTS = new Map<string, { object: string; list: string; verdict: Verdict }>([
  ['Bounce', { object: 'bounce', list: 'bouncedRecipients', verdict: 'bounced' }],
  ['DeliveryDelay', { object: 'deliveryDelay', list: 'delayedRecipients', verdict: 'deferred' }],
  ['Delivery', { object: 'delivery', list: 'recipients', verdict: 'delivered' }],
]);

export const ses: FamilyReader = {
  family: 'ses',
  // A delivery can still be followed by a bounce (the receiving server bounced it later); a bounce is the end.
  finalVerdicts: ['bounced'],
  // `notificationType` or `eventType` (also escaped inside an SNS envelope).
  claims: (line) => line.includes('Type'),
  trail,
  read(line: string): LineRead | readonly LineRead[] | null {
    const n = notification(line);
    if (!n) return null;
    const { root, col } = n;
    const kind = kindOf(root);
    const mail = member(root, 'mail');
    const queueId = text(mail, 'messageId');
    const sender = text(mail, 'source');
    const type = kind?.text ?? '';
    const words: [number, number] = kind ? [col(kind.start + 1), col(kind.end - 1)] : [0, 0];
    const base = { kind: 'outcome' as const, queueId, sender, scope: 'recipient' as const, words, temporary: false, hop: null };
    if (type === 'Reject') {
      const reason = text(member(root, 'reject'), 'reason') ?? '';
      return { ...base, verdict: 'rejected', recipient: null, remote: null, direction: 'inbound', replyFrom: -1, text: reason ? `Rejected by SES: ${reason}` : 'Rejected by SES' };
    }
    const spec = LISTS.get(type);
    if (!spec) return { kind: 'other', queueId };
    const object = member(root, spec.object);
    const list = member(object, spec.list);
    const items = list?.kind === 'array' ? list.items! : [];
    const remote = text(object, 'remoteMtaIp');
    const about = type === 'Bounce' ? [text(object, 'bounceType'), text(object, 'bounceSubType')].filter(Boolean).join(' / ') : text(object, 'delayType') ?? '';
    const reads: LineRead[] = [];
    for (const item of items.slice(0, 200)) {
      if (item.cut) continue;
      // Delivery lists addresses; the others list objects with their own status and diagnosticCode.
      const recipient = item.kind === 'string' ? item.text! : text(item, 'emailAddress');
      const diagnostic = item.kind === 'object' ? text(item, 'diagnosticCode') : null;
      reads.push({
        ...base,
        verdict: spec.verdict,
        recipient,
        remote,
        direction: 'outbound',
        replyFrom: col(item.start),
        text: spec.verdict === 'delivered' ? '' : diagnostic || about,
        // Each recipient's own status and diagnostic code are its evidence; a delivery's one smtpResponse is every recipient's.
        ...(item.kind === 'object' ? { span: [col(item.start), col(item.end - 1) + 1] as [number, number] } : {}),
      });
    }
    if (reads.length === 0) reads.push({ ...base, verdict: spec.verdict, recipient: null, remote, direction: 'outbound', replyFrom: -1, text: spec.verdict === 'delivered' ? '' : about });
    return reads;
  },
};
