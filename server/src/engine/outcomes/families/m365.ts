// Microsoft 365 message trace (Exchange Online `Get-MessageTrace`, the admin center's export): one
// record per message and recipient with its Status, as JSON (one object, or an array of them, per
// line) or as CSV whose first row names the columns (read through the context). Status → verdict:
// Delivered → delivered; Failed → bounced; Pending (delivery underway or being retried) → deferred;
// FilteredAsSpam → delivered (the message reached the mailbox's Junk Email folder: not a bounce);
// Quarantined → rejected (this service's own filter held it: not delivered, and nobody was sent a
// bounce); Expanded (a group was expanded into its members' records), GettingStatus and None → no
// outcome.
import type { FamilyReader, LineRead, ReadContext, TrailIds, Verdict } from '../types';
import { cellValue, csvCells } from './fields';
import { jsonStart, parseJson, text, type JsonValue } from './json';

const STATUS = new Map<string, Verdict>([
  ['Delivered', 'delivered'],
  ['FilteredAsSpam', 'delivered'],
  ['Failed', 'bounced'],
  ['Pending', 'deferred'],
  ['Quarantined', 'rejected'],
]);

interface Fields {
  status: string | null;
  recipient: string | null;
  sender: string | null;
  messageId: string | null;
  traceId: string | null;
  toIp: string | null;
  /** [start, end) of the Status value in the line. */
  statusAt: [number, number];
  span: [number, number];
}

function stripBrackets(v: string | null): string | null {
  if (!v) return null;
  return (v.startsWith('<') && v.endsWith('>') ? v.slice(1, -1) : v) || null;
}

function fromJson(v: JsonValue): Fields | null {
  const status = v.members?.get('Status');
  if (!status || status.kind !== 'string' || !v.members!.has('RecipientAddress')) return null;
  return {
    status: status.text!,
    recipient: text(v, 'RecipientAddress'),
    sender: text(v, 'SenderAddress'),
    messageId: stripBrackets(text(v, 'MessageId')),
    traceId: text(v, 'MessageTraceId'),
    toIp: text(v, 'ToIP'),
    statusAt: [status.start + 1, status.end - 1],
    span: [v.start, v.end],
  };
}

function fromCsv(line: string, names: readonly string[]): Fields | null {
  const cells = csvCells(line);
  const get = (name: string) => {
    const i = names.indexOf(name);
    return i >= 0 && cells[i] ? cellValue(line, cells[i]) || null : null;
  };
  const si = names.indexOf('Status');
  if (si < 0 || !cells[si]) return null;
  return {
    status: get('Status'),
    recipient: get('RecipientAddress'),
    sender: get('SenderAddress'),
    messageId: stripBrackets(get('MessageId')),
    traceId: get('MessageTraceId'),
    toIp: get('ToIP'),
    statusAt: cells[si],
    span: [0, line.length],
  };
}

/** The records of a line: JSON objects (one or an array), or a CSV row under a header; null when the line is not a message trace. */
function records(line: string, context?: ReadContext): Fields[] | null {
  const j = jsonStart(line);
  if (j >= 0 && line.includes('"RecipientAddress"')) {
    const root = parseJson(line, j, line.length);
    if (!root) return null;
    const list = root.kind === 'array' ? root.items! : [root];
    const out: Fields[] = [];
    for (const item of list) {
      const f = item.kind === 'object' && !item.cut ? fromJson(item) : null;
      if (f) out.push(f);
    }
    return out.length ? out : null;
  }
  const names = context?.columns('m365');
  const row = names ? fromCsv(line, names) : null;
  return row ? [row] : null;
}

/** The header row of a CSV export: the column names, or null. */
function header(line: string): string[] | null {
  // Its cells are names: no address, and no JSON.
  if (!line.includes('RecipientAddress') || !line.includes('Status') || line.includes('@') || jsonStart(line) >= 0) return null;
  const cells = csvCells(line);
  const names = cells.map((c) => cellValue(line, c).trim());
  return names.includes('RecipientAddress') && names.includes('Status') ? names : null;
}

function trail(line: string, context?: ReadContext): TrailIds | null {
  const list = records(line, context);
  if (!list) return null;
  const ids = list.map((f) => ({ queueId: f.traceId, links: [], messageId: f.messageId }));
  return ids.length > 1 ? { ...ids[0], also: ids.slice(1) } : ids[0];
}

export const m365: FamilyReader = {
  family: 'm365',
  finalVerdicts: ['delivered', 'bounced'],
  // JSON records and the CSV header name RecipientAddress; the export's rows are quoted.
  claims: (line) => line.charCodeAt(0) === 34 || line.includes('RecipientAddress'),
  trail,
  read(line: string, _hasCodes?: boolean, context?: ReadContext): LineRead | readonly LineRead[] | null {
    const names = header(line);
    if (names) return { kind: 'columns', names };
    const list = records(line, context);
    if (!list) return null;
    const reads: LineRead[] = [];
    for (const f of list) {
      const verdict = f.status ? STATUS.get(f.status) : undefined;
      if (!verdict) {
        reads.push({ kind: 'other', queueId: f.traceId });
        continue;
      }
      reads.push({
        kind: 'outcome',
        verdict,
        queueId: f.traceId,
        recipient: f.recipient,
        sender: f.sender,
        remote: verdict === 'rejected' ? null : f.toIp,
        direction: verdict === 'rejected' ? 'inbound' : 'outbound',
        scope: 'recipient',
        words: f.statusAt,
        replyFrom: f.span[0],
        text: verdict === 'rejected' ? 'Quarantined by this service' : verdict === 'delivered' ? '' : `Message trace status ${f.status}`,
        temporary: false,
        hop: null,
        span: f.span,
      });
    }
    return reads;
  },
};
