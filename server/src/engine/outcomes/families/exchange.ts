// Exchange Server message tracking logs (`MSGTRK*.LOG`): CSV, one event per line, the columns named
// by the file's `#Fields:` header (read through the context; without one, the standard order of
// Exchange 2013 and later, or of 2010 when the line has no network-message-id). The event-id says
// what happened: DELIVER (to a mailbox here), SEND (to the next server), FAIL, DEFER; the others
// (RECEIVE, DSN, EXPAND, HAREDIRECTFAIL…) are the trail of a message, not outcomes. A line names
// several recipients separated by `;`, and their statuses in the same order (`550 5.1.1 …;250 2.1.5 …`):
// one outcome each, with its own status as its evidence.
import type { FamilyReader, LineRead, ReadContext, TrailIds, Verdict } from '../types';
import { cellValue, csvCells } from './fields';

/** Exchange 2013, 2016, 2019 (Microsoft's "Fields in the message tracking log files"). */
const FIELDS_2013 = [
  'date-time', 'client-ip', 'client-hostname', 'server-ip', 'server-hostname', 'source-context', 'connector-id', 'source', 'event-id',
  'internal-message-id', 'message-id', 'network-message-id', 'recipient-address', 'recipient-status', 'total-bytes', 'recipient-count',
  'related-recipient-address', 'reference', 'message-subject', 'sender-address', 'return-path', 'message-info', 'directionality', 'tenant-id',
  'original-client-ip', 'original-server-ip', 'custom-data', 'transport-traffic-type', 'log-id', 'schema-version',
];
/** Exchange 2010 had no network-message-id. */
const FIELDS_2010 = FIELDS_2013.filter((f) => f !== 'network-message-id').slice(0, 26);

const EVENTS = new Map<string, Verdict>([
  ['DELIVER', 'delivered'],
  ['SEND', 'delivered'],
  ['SENDEXTERNAL', 'delivered'],
  ['FAIL', 'bounced'],
  ['DEFER', 'deferred'],
]);

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** `2024-01-25T15:16:09.843Z,` at the start of a line. */
function startsWithTime(line: string): boolean {
  return isDigit(line.charCodeAt(0)) && line.charCodeAt(4) === 45 && line.charCodeAt(7) === 45 && line.charCodeAt(10) === 84 && line.charCodeAt(13) === 58;
}

/** A GUID as Exchange writes a network-message-id (`2fd37dca-1234-5bfb-175d-08dc1db88f52`). */
function isGuid(v: string): boolean {
  return v.length === 36 && v.charCodeAt(8) === 45 && v.charCodeAt(13) === 45 && v.charCodeAt(18) === 45 && v.charCodeAt(23) === 45;
}

interface Row {
  cells: Array<[number, number]>;
  /** The cell index of each column name. */
  at: (name: string) => number;
}

function row(line: string, context?: ReadContext): Row | null {
  if (!startsWithTime(line)) return null;
  const cells = csvCells(line);
  let names = context?.columns('exchange') ?? null;
  if (!names) names = cells.length > 11 && isGuid(cellValue(line, cells[11])) ? FIELDS_2013 : FIELDS_2010;
  const index = new Map(names.map((n, i) => [n, i]));
  if (!index.has('event-id') || !index.has('recipient-address')) return null;
  if (cells.length <= index.get('event-id')!) return null;
  return { cells, at: (name) => index.get(name) ?? -1 };
}

function value(line: string, r: Row, name: string): string {
  const i = r.at(name);
  return i >= 0 ? cellValue(line, r.cells[i]) : '';
}

/** The start of each recipient's status in a recipient-status cell: a `;` followed by a reply code starts the next. */
function statusParts(line: string, cell: [number, number], count: number): Array<[number, number]> {
  const parts: Array<[number, number]> = [];
  let start = cell[0];
  for (let i = cell[0]; i < cell[1] && parts.length < count - 1; i++) {
    if (line.charCodeAt(i) !== 59) continue;
    const c = line.charCodeAt(i + 1);
    if ((c === 50 || c === 52 || c === 53) && isDigit(line.charCodeAt(i + 2)) && isDigit(line.charCodeAt(i + 3)) && line.charCodeAt(i + 4) === 32) {
      parts.push([start, i]);
      start = i + 1;
    }
  }
  parts.push([start, cell[1]]);
  return parts;
}

function stripBrackets(v: string): string {
  return v.startsWith('<') && v.endsWith('>') ? v.slice(1, -1) : v;
}

function trail(line: string, context?: ReadContext): TrailIds | null {
  if (line.startsWith('#')) return line.startsWith('#Fields: ') || line.startsWith('#Software: ') ? { queueId: null, links: [], messageId: null } : null;
  const r = row(line, context);
  if (!r) return null;
  const links: string[] = [];
  const network = value(line, r, 'network-message-id');
  if (network) links.push(network);
  // DSN and SEND events name the notification (its Message-ID, or its internal-message-id); a DSN names its original.
  const reference = value(line, r, 'reference');
  for (const ref of reference.split(';')) {
    const id = stripBrackets(ref.trim());
    if (id && links.length < 8) links.push(id);
  }
  return { queueId: value(line, r, 'internal-message-id') || null, links, messageId: stripBrackets(value(line, r, 'message-id')) || null };
}

export const exchange: FamilyReader = {
  family: 'exchange',
  // A recipient delivered or failed here is not tried again by this server.
  finalVerdicts: ['delivered', 'bounced', 'expired'],
  claims: (line) => line.charCodeAt(0) === 35 || startsWithTime(line),
  trail,
  read(line: string, _hasCodes?: boolean, context?: ReadContext): LineRead | readonly LineRead[] | null {
    if (line.startsWith('#Fields: ')) {
      const names = line.slice(9, Math.min(line.length, 4000)).split(',').map((n) => n.trim()).filter(Boolean).slice(0, 64);
      return names.includes('event-id') ? { kind: 'columns', names } : null;
    }
    if (line.charCodeAt(0) === 35) return line.startsWith('#Software: Microsoft Exchange') || line.startsWith('#Log-Type: Message Tracking') || line.startsWith('#Version: ') || line.startsWith('#Date: ') ? { kind: 'other', queueId: null } : null;
    const r = row(line, context);
    if (!r) return null;
    const eventAt = r.at('event-id');
    const event = cellValue(line, r.cells[eventAt]);
    if (!/^[A-Z]{2,24}$/.test(event)) return null;
    const queueId = value(line, r, 'internal-message-id') || null;
    const verdict = EVENTS.get(event);
    if (!verdict) return { kind: 'other', queueId };
    const recipients = value(line, r, 'recipient-address').split(';').map((a) => a.trim()).filter(Boolean).slice(0, 100);
    const statusCell = r.cells[r.at('recipient-status')] ?? [line.length, line.length];
    const parts = recipients.length > 1 ? statusParts(line, statusCell, recipients.length) : [statusCell];
    const returnPath = value(line, r, 'return-path');
    const sender = returnPath && returnPath !== '<>' ? stripBrackets(returnPath) : value(line, r, 'sender-address') || null;
    // The destination server (none for a delivery to a mailbox here).
    const remote = event === 'DELIVER' ? null : value(line, r, 'server-hostname') || value(line, r, 'server-ip') || null;
    const cell = r.cells[eventAt];
    const reads: LineRead[] = (recipients.length ? recipients : ['']).map((recipient, i) => {
      const part = parts[Math.min(i, parts.length - 1)];
      const status = line.slice(part[0], Math.min(part[1], part[0] + 400));
      // The queue gave up on a message it kept deferring: `550 4.4.7 QUEUE.Expired`.
      const own: Verdict = verdict === 'bounced' && (status.includes('QUEUE.Expired') || status.includes(' 4.4.7 ')) ? 'expired' : verdict;
      return {
        kind: 'outcome',
        verdict: own,
        queueId,
        recipient: recipient || null,
        sender,
        remote,
        direction: event === 'DELIVER' ? 'local' : 'outbound',
        scope: 'recipient',
        words: [cell[0], cell[1]],
        replyFrom: part[0],
        text: verdict === 'delivered' ? '' : status,
        temporary: false,
        hop: null,
        ...(recipients.length > 1 ? { span: part } : {}),
      };
    });
    return reads;
  },
};
