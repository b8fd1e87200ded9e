// SendGrid: the Event Webhook posts a JSON array of events, often of several messages, and logs
// keep one array (or one event) per line. Each event has `event`, `email`, `sg_message_id`,
// `smtp-id` (the Message-ID), and by event `response` (delivered, deferred: the remote's reply),
// `reason` and `status` (bounce, dropped), `attempt` (deferred), `type` (bounce: `bounce` or
// `blocked`). Verdicts: delivered → delivered; deferred → deferred (SendGrid retries); bounce and
// blocked → bounced (SendGrid does not retry it); dropped → bounced (never sent: the address is
// suppressed or invalid); processed and engagement events (open, click, spamreport…) are no
// outcome. Also read: the bounce list the v3 API returns (`created`, `email`, `reason`, `status`),
// each entry a bounce. One outcome per event, its own text its span.
import type { FamilyReader, LineRead, TrailIds, Verdict } from '../types';
import { jsonStart, member, parseJson, text, type JsonValue } from './json';

const EVENTS = new Map<string, Verdict>([
  ['delivered', 'delivered'],
  ['deferred', 'deferred'],
  ['bounce', 'bounced'],
  ['blocked', 'bounced'],
  ['dropped', 'bounced'],
]);

/** The events of a line: the objects of its array, or its one object; null when they are not SendGrid's. */
function events(line: string): JsonValue[] | null {
  const j = jsonStart(line);
  if (j < 0) return null;
  const root = parseJson(line, j, line.length);
  if (!root) return null;
  const list = (root.kind === 'array' ? root.items! : [root]).filter(isEvent);
  return list.length ? list : null;
}

function isEvent(v: JsonValue): boolean {
  if (v.kind !== 'object' || v.cut || !v.members!.has('email')) return false;
  const m = v.members!;
  // A webhook event, or an entry of the bounce list.
  return (m.has('event') && (m.has('sg_message_id') || m.has('sg_event_id') || m.has('smtp-id'))) || (!m.has('event') && m.has('created') && m.has('reason'));
}

function stripBrackets(v: string | null): string | null {
  if (!v) return null;
  return (v.startsWith('<') && v.endsWith('>') ? v.slice(1, -1) : v) || null;
}

function idsOf(e: JsonValue): TrailIds {
  const id = text(e, 'sg_message_id');
  // `X.filter…`: X is the ID SendGrid gave the send request (every recipient of it shares it).
  const dot = id ? id.indexOf('.') : -1;
  return { queueId: id, links: id && dot > 0 ? [id.slice(0, dot)] : [], messageId: stripBrackets(text(e, 'smtp-id')) };
}

function trail(line: string): TrailIds | null {
  const list = events(line);
  if (!list) return null;
  const ids = list.map(idsOf);
  return ids.length > 1 ? { ...ids[0], also: ids.slice(1) } : ids[0];
}

export const sendgrid: FamilyReader = {
  family: 'sendgrid',
  // A delivered event can still be followed by a bounce; a bounce or a drop is the end.
  finalVerdicts: ['bounced'],
  claims: (line) => line.includes('"email"'),
  trail,
  read(line: string): readonly LineRead[] | null {
    const list = events(line);
    if (!list) return null;
    return list.slice(0, 500).map((e): LineRead => {
      const name = member(e, 'event');
      const queueId = text(e, 'sg_message_id');
      // A bounce-list entry has no event: it is a bounce.
      const verdict: Verdict | undefined = name ? EVENTS.get(name.text ?? '') : 'bounced';
      if (!verdict) return { kind: 'other', queueId };
      const said = member(e, 'response') ?? member(e, 'reason');
      const words = name ?? member(e, 'reason') ?? e;
      return {
        kind: 'outcome',
        verdict,
        queueId,
        recipient: text(e, 'email'),
        sender: null,
        remote: null,
        direction: 'outbound',
        scope: 'recipient',
        words: [words.start + 1, Math.max(words.start + 1, words.end - 1)],
        replyFrom: said ? said.start : e.start,
        text: verdict === 'delivered' ? '' : (text(e, 'reason') ?? text(e, 'response') ?? '').trim(),
        temporary: false,
        hop: null,
        span: [e.start, e.end],
      };
    });
  },
};
