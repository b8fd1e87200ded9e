// Outcomes in words: the verdict as people say it, who a refusal is about, how a deferral's
// story ends, and the explanation of an outcome (its deciding code, or — when the MTA logged
// none — the status its verdict implies, read together with the MTA's own words).
import type { Explanation } from '../explain';
import type { OutcomeIndex, StoryEnd } from '../outcomes/stories';
import { emptyCounts, type Outcome, type OutcomeCounts, type Verdict } from '../outcomes/types';
import { ignoreMatcher, type IgnoreMatcher } from './ignore';
import { displayCode } from '../codes';
import { explainFinding } from './describe';
import { formatCount } from './render';

export const VERDICT_WORD: Record<Verdict, string> = {
  delivered: 'delivered',
  deferred: 'deferred',
  bounced: 'bounced',
  expired: 'expired',
  rejected: 'rejected',
};

/** `Bounced`, `Deferred`, `Rejected by this server`, `Temporarily rejected by this server`… */
export function verdictLabel(o: Pick<Outcome, 'verdict' | 'temporary'>): string {
  if (o.verdict === 'rejected') return o.temporary ? 'Temporarily rejected by this server' : 'Rejected by this server';
  const w = VERDICT_WORD[o.verdict];
  return w[0].toUpperCase() + w.slice(1);
}

/** The status a verdict implies when the MTA logged no code (its own DSN would say about this). */
function impliedStatus(o: Outcome): string {
  switch (o.verdict) {
    case 'expired':
      return '4.4.7';
    case 'deferred':
      return '4.0.0';
    case 'delivered':
      return '2.0.0';
    case 'rejected':
      return o.temporary ? '4.0.0' : '5.0.0';
    default:
      return '5.0.0';
  }
}

/** What explains an outcome: its deciding code and text, or the implied status and the MTA's words. */
export function outcomeCodes(o: Outcome): { reply: string | null; enhanced: string | null; text: string; context: string; implied: boolean } {
  if (o.finding) return { reply: o.finding.reply, enhanced: o.finding.enhanced, text: o.finding.text, context: o.finding.context, implied: false };
  return { reply: null, enhanced: impliedStatus(o), text: o.text, context: o.lineText, implied: true };
}

/** Whether an outcome's code is one the user ignores (`smtpCodes.ignoredCodes`); an implied status never is. */
export function isIgnoredOutcome(o: Outcome, ignored: IgnoreMatcher): boolean {
  if (!o.finding) return false;
  return ignored(o.finding.reply, o.finding.enhanced);
}

/**
 * Outcome counts as every view shows them (per recipient its last state, each refusal once),
 * without the failures whose deciding code is ignored; those are counted apart.
 */
export function countOutcomes(index: OutcomeIndex, outcomes: Iterable<Outcome>, ignoredCodes: readonly string[]): { counts: OutcomeCounts; ignored: number } {
  if (ignoredCodes.length === 0) return { counts: index.counts(), ignored: 0 };
  const matcher = ignoreMatcher(ignoredCodes);
  const counts = emptyCounts();
  let ignored = 0;
  index.forEachEnd((end) => {
    if (end.verdict !== 'delivered' && isIgnoredOutcome(end.outcome, matcher)) ignored++;
    else counts[end.verdict]++;
  }, outcomes);
  return { counts, ignored };
}

export function explainOutcome(o: Outcome): Explanation {
  // Its deciding code explains it (what outcomeCodes gives, without a copy of its fields).
  return explainFinding(o.finding ?? outcomeCodes(o));
}

/** The code as a problem shows it: `550 5.1.1`, or the verdict when no code was logged. */
export function outcomeCode(o: Outcome): string {
  return o.finding ? displayCode(o.finding.reply, o.finding.enhanced) : o.verdict;
}

/** How a deferral's story ends in the file: `delivered at line 812`, `still deferred at the end of the file`. */
export function storyEndText(o: Outcome, end: StoryEnd): string | null {
  if (o.verdict !== 'deferred' || o.inferred) return null;
  if (end.outcome === o || end.verdict === 'deferred') return end.outcome === o ? 'still deferred at the end of the file' : `deferred again at line ${formatCount(end.outcome.line + 1)}, still deferred at the end of the file`;
  return `${VERDICT_WORD[end.verdict]} at line ${formatCount(end.outcome.line + 1)}`;
}

/** Whom the outcome is about: ` — to ana@example.net`, ` — from client[192.0.2.1] to ana@example.net`. */
export function outcomeParties(o: Outcome): string {
  if (o.verdict === 'rejected') {
    const parts: string[] = [];
    if (o.remote) parts.push(`from ${o.remote}`);
    if (o.recipient) parts.push(`to ${o.recipient}`);
    return parts.length ? ` — ${parts.join(' ')}` : '';
  }
  return o.recipient ? ` — ${o.recipient}` : '';
}

/**
 * One line for a problem or a CLI row. `attempt` is this attempt's place in its story (`2 of 7`);
 * `end` how its story ends (null on a stream, which does not know yet).
 */
export function outcomeMessage(o: Outcome, ex: Explanation, oneLineText: string, end: StoryEnd | null, attempt: { index: number; total: number } | null, extra = ''): string {
  if (o.inferred) return oneLineText;
  const what = o.finding ? oneLineText : `${o.text || ex.summary} (no code logged)`;
  const parts = [`${verdictLabel(o)}: ${what}${outcomeParties(o)}${extra}`];
  const tail: string[] = [];
  if (attempt && attempt.total > 1) tail.push(end ? `attempt ${attempt.index} of ${attempt.total}` : `attempt ${attempt.index}`);
  const ending = end ? storyEndText(o, end) : null;
  if (ending) tail.push(ending);
  return tail.length ? `${parts[0]} (${tail.join('; ')})` : parts[0];
}
