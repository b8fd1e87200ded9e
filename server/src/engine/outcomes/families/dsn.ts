// Bounces (.eml): one outcome per recipient group of the `message/delivery-status` part
// (Final-Recipient, Action, Status, Diagnostic-Code, Remote-MTA). The other places the same reply
// appears — the wrapped reply in the human-readable part, the Status and Diagnostic-Code fields —
// are that outcome's evidence, not more outcomes. A bounce without a delivery-status part gets
// one outcome per failed recipient its text names (or per distinct reply when it names none).
import type { DsnGroup, EmailReport } from '../../scanner/eml';
import type { Finding, Range } from '../../types';
import { findingRecipient } from '../recipient';
import type { Outcome, Verdict } from '../types';
import { proseRecipients } from './prose';

const ACTIONS: Record<string, Verdict> = { failed: 'bounced', delayed: 'deferred', delivered: 'delivered', relayed: 'delivered', expanded: 'delivered' };

/** `rfc822; user@example.com` → `user@example.com`; `dns; mx.example.com` → `mx.example.com`. */
function typedValue(v: string | undefined): string | null {
  if (!v) return null;
  const semi = v.indexOf(';');
  const value = (semi >= 0 ? v.slice(semi + 1) : v).trim().replace(/^<|>$/g, '');
  return value || null;
}

function isFailure(f: Finding): boolean {
  return f.class === 'permanent' || f.class === 'transient';
}

/** A failure of the class of an outcome's verdict: permanent for a bounce, transient for a delay. */
function sameClass(o: Outcome, f: Finding): boolean {
  return f.class === (o.verdict === 'bounced' ? 'permanent' : 'transient');
}

function sameCodes(a: Finding, b: Finding): boolean {
  return (a.reply !== null && a.reply === b.reply) || (a.enhanced !== null && a.enhanced === b.enhanced);
}

class BounceOutcome implements Outcome {
  readonly family = 'dsn' as const;
  /** The lines of the recipient's block in the prose (its address and reason; a bounce without a delivery-status part). */
  proseLine = -1;
  proseEnd = -1;
  readonly scope = 'recipient' as const;
  readonly temporary = false;
  readonly hop = null;
  readonly key = null;
  readonly direction = 'outbound' as const;
  constructor(
    public verdict: Verdict,
    public line: number,
    public readonly queueId: string | null,
    public readonly recipient: string | null,
    public readonly sender: string | null,
    public readonly remote: string | null,
    public finding: Finding | null,
    public readonly evidence: Finding[],
    public text: string,
    public readonly inferred: boolean,
    private readonly at: Range,
  ) {}

  get range(): Range {
    return this.finding ? this.finding.range : this.at;
  }

  get lineText(): string {
    return this.finding?.context ?? this.text;
  }
}

/** The group's deciding code: the reply in its Diagnostic-Code, else its Status. */
function groupDecider(g: DsnGroup): Finding | null {
  return g.findings.find((f) => f.reply !== null) ?? g.findings.find((f) => f.enhanced !== null) ?? null;
}

function groupVerdict(g: DsnGroup, decided: Finding | null): Verdict | null {
  const action = g.fields.get('action')?.toLowerCase().split(/[\s(]/)[0];
  if (action && ACTIONS[action]) return ACTIONS[action];
  const status = g.fields.get('status')?.trim()[0] ?? decided?.enhanced?.[0] ?? decided?.reply?.[0];
  return status === '5' ? 'bounced' : status === '4' ? 'deferred' : status === '2' ? 'delivered' : null;
}

/** The outcomes a bounce reports. `findings` are all its findings (the groups' among them). */
export function readBounceOutcomes(report: EmailReport): Outcome[] {
  const queueId = report.messageFields.get('x-postfix-queue-id')?.trim() || null;
  const sender = typedValue(report.messageFields.get('x-postfix-sender'));
  const outcomes: BounceOutcome[] = [];
  const inGroups = new Set<Finding>();
  for (const g of report.groups) {
    for (const f of g.findings) inGroups.add(f);
    const decided = groupDecider(g);
    const verdict = groupVerdict(g, decided);
    if (!verdict) continue;
    const at: Range = { start: g.start, end: { line: g.start.line, character: g.start.character + 1 } };
    outcomes.push(
      new BounceOutcome(
        verdict,
        (decided?.range ?? at).start.line,
        queueId,
        g.recipient,
        sender,
        typedValue(g.fields.get('remote-mta')),
        decided,
        g.findings.filter((f) => f !== decided),
        decided ? '' : (g.fields.get('diagnostic-code') ?? g.fields.get('action') ?? '').slice(0, 400),
        false,
        at,
      ),
    );
  }
  // No delivery-status part: the recipients its prose names ("The following address(es) failed:").
  if (report.groups.length === 0) {
    for (const part of report.prose) {
      for (const r of proseRecipients(part)) {
        if (outcomes.some((o) => o.recipient?.toLowerCase() === r.recipient.toLowerCase())) continue;
        const start = part.positionAt(r.at[0]);
        const end = part.positionAt(r.at[1] - 1);
        const at: Range = { start, end: { line: end.line, character: end.character + 1 } };
        const o = new BounceOutcome(r.verdict, start.line, queueId, r.recipient, sender, null, null, [], part.words(r.at[0], r.at[1] + r.reason.length + 1).slice(r.recipient.length).trim() || r.reason, false, at);
        o.text = r.reason;
        o.proseLine = start.line;
        o.proseEnd = part.positionAt(Math.max(r.at[1], r.blockEnd - 1)).line;
        outcomes.push(o);
      }
    }
  }
  const byProseLine = outcomes.filter((o) => o.proseLine >= 0).sort((a, b) => a.proseLine - b.proseLine);
  /** The prose recipient whose block (its address and reason lines) holds a finding. */
  const proseOwner = (f: Finding): BounceOutcome | null => {
    const line = f.range.start.line;
    return byProseLine.find((o) => o.proseLine <= line && line <= o.proseEnd) ?? null;
  };
  // The human-readable part repeats the replies: each failure there is evidence of the outcome of
  // its recipient, else of the outcome with the same codes, else of the only one.
  const loose = report.findings.filter((f) => !inGroups.has(f) && isFailure(f));
  const own: BounceOutcome[] = [];
  for (const f of loose) {
    const rcpt = findingRecipient(f);
    const target =
      (rcpt && outcomes.find((o) => o.recipient?.toLowerCase() === rcpt)) ||
      proseOwner(f) ||
      outcomes.find((o) => o.finding && sameCodes(o.finding, f)) ||
      // The only recipient a delivery-status part reports (a prose recipient only for a failure of its class).
      (outcomes.length === 1 && (outcomes[0].proseLine < 0 || sameClass(outcomes[0], f)) ? outcomes[0] : null) ||
      outcomes.find((o) => o.verdict !== 'delivered' && o.finding?.class === f.class) ||
      // The codes of one line are one reply (`550 sorry, no mailbox (#5.1.1)`).
      own.find((o) => o.finding !== null && o.finding.range.start.line === f.range.start.line) ||
      // No delivery-status part: one outcome per recipient named, else per distinct reply.
      own.find((o) => (rcpt ? o.recipient === rcpt : o.recipient === null && o.finding !== null && sameCodes(o.finding, f)));
    if (target) {
      // A prose recipient has no code of its own: the first reply quoted for it decides.
      if (!target.finding && target.proseLine >= 0) target.finding = f;
      else target.evidence.push(f);
      continue;
    }
    const o = new BounceOutcome(f.class === 'permanent' ? 'bounced' : 'deferred', f.range.start.line, queueId, rcpt, sender, null, f, [], '', false, f.range);
    own.push(o);
  }
  const all = [...outcomes, ...own];
  for (const o of all) o.evidence.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return all.sort((a, b) => a.line - b.line);
}
