// Failures grouped for the SMTP Failures view: by code, then by recipient domain, then the
// occurrences (with their positions, so the editor can reveal each line).
import { explainFinding } from './describe';
import { findingRecipient } from './summary';
import type { CodeClass, Finding, Range } from '../types';

export interface FailureOccurrence {
  range: Range;
  recipient: string | null;
  text: string;
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
  class: CodeClass;
  summary: string;
  reason: string | null;
  provider: string | null;
  count: number;
  domains: FailureDomain[];
}

export interface FailureGroups {
  permanent: number;
  transient: number;
  /** Failures by bounce reason label, most first. */
  reasons: { reason: string; count: number }[];
  groups: FailureGroup[];
}

const NO_DOMAIN = '(no recipient)';

/** Groups the failures (transient and permanent findings) of a document. */
export function groupFailures(findings: readonly Finding[], maxOccurrences = 200): FailureGroups {
  const groups = new Map<string, FailureGroup>();
  const domainsOf = new Map<FailureGroup, Map<string, FailureDomain>>();
  const reasons = new Map<string, number>();
  let permanent = 0;
  let transient = 0;
  for (const f of findings) {
    if (f.class !== 'permanent' && f.class !== 'transient') continue;
    if (f.class === 'permanent') permanent++;
    else transient++;
    const ex = explainFinding(f);
    let g = groups.get(ex.code);
    if (!g) {
      g = { code: ex.code, reply: f.reply, enhanced: f.enhanced, class: f.class, summary: ex.summary, reason: ex.reason?.label ?? null, provider: ex.provider?.name ?? null, count: 0, domains: [] };
      groups.set(ex.code, g);
      domainsOf.set(g, new Map());
    }
    g.count++;
    if (ex.reason) reasons.set(ex.reason.label, (reasons.get(ex.reason.label) ?? 0) + 1);
    const recipient = findingRecipient(f);
    const domain = recipient ? recipient.slice(recipient.lastIndexOf('@') + 1) : NO_DOMAIN;
    const byDomain = domainsOf.get(g)!;
    let d = byDomain.get(domain);
    if (!d) {
      d = { domain, count: 0, occurrences: [], more: 0 };
      byDomain.set(domain, d);
    }
    d.count++;
    if (d.occurrences.length < maxOccurrences) d.occurrences.push({ range: f.range, recipient, text: f.text.slice(0, 200) });
    else d.more++;
  }
  const sorted = [...groups.values()].sort((a, b) => (a.class === b.class ? b.count - a.count || a.code.localeCompare(b.code) : a.class === 'permanent' ? -1 : 1));
  for (const g of sorted) g.domains = [...domainsOf.get(g)!.values()].sort((a, b) => b.count - a.count || a.domain.localeCompare(b.domain));
  return {
    permanent,
    transient,
    reasons: [...reasons].sort((a, b) => b[1] - a[1]).map(([reason, count]) => ({ reason, count })),
    groups: sorted,
  };
}
