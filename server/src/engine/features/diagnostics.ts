// Findings → problems (plain data; the server converts them to LSP diagnostics).
import { explainFinding } from './describe';
import { ignoreMatcher } from './ignore';
import { oneLine } from './render';
import type { SeverityName, Settings } from './settings';
import type { Finding, Range } from '../types';

export const DIAGNOSTIC_SOURCE = 'smtp-codes';

/** What a quick fix needs, carried in the diagnostic so nothing is recomputed or cached server-side. */
export interface ProblemData {
  reply: string | null;
  enhanced: string | null;
  text: string;
  context: string;
}

export interface Problem {
  range: Range;
  severity: Exclude<SeverityName, 'off'>;
  /** Stable code: the reply as written, e.g. `550 5.1.1`. */
  code: string;
  message: string;
  /** Documentation of the code (provider page, RFC section or registry). */
  href: string | null;
  data: ProblemData | null;
}

export interface ProblemsResult {
  problems: Problem[];
  /** Findings that would be problems but were cut by `maxProblems`. */
  omitted: number;
}

const MAX_DATA_TEXT = 1000;

export function severityFor(f: Finding, settings: Settings): SeverityName {
  switch (f.class) {
    case 'permanent':
      return settings.severity.permanent;
    case 'transient':
      return settings.severity.transient;
    default:
      return settings.severity.success;
  }
}

/**
 * Problems for a document's findings: severities from the settings, ignored codes left out,
 * at most `maxProblems`, plus one closing problem that says how many more there are.
 */
export function computeProblems(findings: readonly Finding[], settings: Settings): ProblemsResult {
  const ignored = ignoreMatcher(settings.ignoredCodes);
  const problems: Problem[] = [];
  let omitted = 0;
  for (const f of findings) {
    const severity = severityFor(f, settings);
    if (severity === 'off' || ignored(f.reply, f.enhanced)) continue;
    if (problems.length >= settings.maxProblems) {
      omitted++;
      continue;
    }
    const ex = explainFinding(f);
    problems.push({
      range: f.range,
      severity,
      code: ex.code,
      message: oneLine(ex),
      href: ex.references[0]?.url ?? null,
      data: { reply: f.reply, enhanced: f.enhanced, text: f.text.slice(0, MAX_DATA_TEXT), context: f.context.slice(0, MAX_DATA_TEXT) },
    });
  }
  if (omitted > 0) {
    problems.push({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: 'information',
      code: 'too-many-problems',
      message:
        `SMTP Codes shows the first ${settings.maxProblems} problems of this file; ${omitted} more are not shown. ` +
        `Raise smtpCodes.maxProblems to see more, or run \`smtp-codes check\` on the file for all of them.`,
      href: null,
      data: null,
    });
  }
  return { problems, omitted };
}
