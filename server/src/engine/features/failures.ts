// Failures grouped for the SMTP Failures view: recipients (and refused transactions) whose last
// state is a failure, by the code of that last attempt, then by recipient domain, then each one
// (its last line, so the editor can reveal it). The header counts outcomes, as everywhere.
import type { Analysis } from '../analysis';
import type { Story, StoryEnd } from '../outcomes/stories';
import { attemptIn } from '../outcomes/stories';
import type { OutcomeCounts, Verdict } from '../outcomes/types';
import { countOutcomes, explainOutcome, isIgnoredOutcome, outcomeCode } from './outcomes';
import { ignoreMatcher } from './ignore';
import { failureClass, isFailedEnd, type CountRow } from './summary';
import type { Range } from '../types';

export interface FailureOccurrence {
  range: Range;
  recipient: string | null;
  text: string;
  /** How this recipient's story ends (`bounced`, `deferred`, `expired`, `rejected`). */
  verdict: Verdict;
  /** Attempts in the story (1 for a refusal or a bounce's recipient). */
  attempts: number;
}

export interface FailureDomain {
  domain: string;
  count: number;
  occurrences: FailureOccurrence[];
  /** Occurrences not listed (the list is capped). */
  more: number;
}

export interface FailureGroup {
  code: string;
  reply: string | null;
  enhanced: string | null;
  class: 'permanent' | 'transient';
  summary: string;
  /** The group's most frequent reason, and its whole mix. */
  reason: string | null;
  reasons: CountRow[];
  /** How the group's failures ended, most first. */
  verdicts: CountRow[];
  provider: string | null;
  count: number;
  domains: FailureDomain[];
}

export interface FailureGroups {
  /** Outcomes of the document, as the status bar and the summary count them. */
  outcomes: OutcomeCounts;
  /** Failures left out because their code is ignored (`smtpCodes.ignoredCodes`). */
  ignored: number;
  /** Failures by bounce reason label, most first. */
  reasons: { reason: string; count: number }[];
  groups: FailureGroup[];
}

const NO_DOMAIN = '(no recipient)';

function tally(map: Map<string, number>): CountRow[] {
  return [...map].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([key, count]) => ({ key, count }));
}

/** Groups the failures of a document; those whose code is in `ignoredCodes` are left out (and counted). */
export function groupFailures(analysis: Analysis, maxOccurrences = 200, ignoredCodes: readonly string[] = []): FailureGroups {
  const ignoredBy = ignoreMatcher(ignoredCodes);
  let ignored = 0;
  const groups = new Map<string, FailureGroup>();
  const domainsOf = new Map<FailureGroup, Map<string, FailureDomain>>();
  const reasonsOf = new Map<FailureGroup, Map<string, number>>();
  const verdictsOf = new Map<FailureGroup, Map<string, number>>();
  const reasons = new Map<string, number>();
  const visit = (end: StoryEnd, story: Story | null) => {
    if (!isFailedEnd(end.verdict)) return;
    const o = end.outcome;
    if (isIgnoredOutcome(o, ignoredBy)) {
      ignored++;
      return;
    }
    const ex = explainOutcome(o);
    const code = outcomeCode(o);
    let g = groups.get(code);
    if (!g) {
      g = { code, reply: o.finding?.reply ?? null, enhanced: o.finding?.enhanced ?? null, class: failureClass(o), summary: ex.summary, reason: null, reasons: [], verdicts: [], provider: ex.provider?.name ?? null, count: 0, domains: [] };
      groups.set(code, g);
      domainsOf.set(g, new Map());
      reasonsOf.set(g, new Map());
      verdictsOf.set(g, new Map());
    }
    g.count++;
    const v = verdictsOf.get(g)!;
    v.set(end.verdict, (v.get(end.verdict) ?? 0) + 1);
    if (ex.reason) {
      reasons.set(ex.reason.label, (reasons.get(ex.reason.label) ?? 0) + 1);
      const r = reasonsOf.get(g)!;
      r.set(ex.reason.label, (r.get(ex.reason.label) ?? 0) + 1);
    }
    const recipient = o.recipient?.toLowerCase() ?? null;
    const domain = recipient && recipient.includes('@') ? recipient.slice(recipient.lastIndexOf('@') + 1) : NO_DOMAIN;
    const byDomain = domainsOf.get(g)!;
    let d = byDomain.get(domain);
    if (!d) {
      d = { domain, count: 0, occurrences: [], more: 0 };
      byDomain.set(domain, d);
    }
    d.count++;
    const text = (o.finding?.text ?? o.text).slice(0, 200);
    if (d.occurrences.length < maxOccurrences) d.occurrences.push({ range: o.range, recipient, text, verdict: end.verdict, attempts: story ? attemptIn(story, story.outcomes[story.outcomes.length - 1]).total : 1 });
    else d.more++;
  };
  analysis.index.forEachEnd(visit, analysis.outcomes);
  const severity = (g: FailureGroup) => (g.class === 'permanent' ? 0 : 1);
  const sorted = [...groups.values()].sort((a, b) => severity(a) - severity(b) || b.count - a.count || a.code.localeCompare(b.code));
  for (const g of sorted) {
    g.domains = [...domainsOf.get(g)!.values()].sort((a, b) => b.count - a.count || a.domain.localeCompare(b.domain));
    for (const d of g.domains) d.occurrences.sort((a, b) => a.range.start.line - b.range.start.line);
    g.reasons = tally(reasonsOf.get(g)!);
    g.reason = g.reasons[0]?.key ?? null;
    g.verdicts = tally(verdictsOf.get(g)!);
  }
  return {
    outcomes: countOutcomes(analysis.index, analysis.outcomes, ignoredCodes).counts,
    ignored,
    reasons: [...reasons].sort((a, b) => b[1] - a[1]).map(([reason, count]) => ({ reason, count })),
    groups: sorted,
  };
}
