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
 * Collects problems as findings arrive: severities from the settings, ignored codes left out,
 * at most `maxProblems`, the rest only counted. Used on a document's findings and on a file
 * streamed from disk.
 */
export class ProblemCollector {
  readonly problems: Problem[] = [];
  omitted = 0;
  private readonly ignored: ReturnType<typeof ignoreMatcher>;

  constructor(private readonly settings: Settings) {
    this.ignored = ignoreMatcher(settings.ignoredCodes);
  }

  add(f: Finding): void {
    const severity = severityFor(f, this.settings);
    if (severity === 'off' || this.ignored(f.reply, f.enhanced)) return;
    if (this.problems.length >= this.settings.maxProblems) {
      this.omitted++;
      return;
    }
    const ex = explainFinding(f);
    this.problems.push({
      range: f.range,
      severity,
      code: ex.code,
      message: oneLine(ex),
      href: ex.references[0]?.url ?? null,
      data: { reply: f.reply, enhanced: f.enhanced, text: f.text.slice(0, MAX_DATA_TEXT), context: f.context.slice(0, MAX_DATA_TEXT) },
    });
  }

  /** The problems, plus one closing problem that says how many more there are. */
  result(): ProblemsResult {
    const problems = [...this.problems];
    if (this.omitted > 0) {
      problems.push({
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: 'information',
        code: 'too-many-problems',
        message:
          `SMTP Codes shows the first ${this.settings.maxProblems} problems of this file; ${this.omitted} more are not shown. ` +
          `Raise smtpCodes.maxProblems to see more, or run \`smtp-codes check\` on the file for all of them.`,
        href: null,
        data: null,
      });
    }
    return { problems, omitted: this.omitted };
  }
}

/**
 * Problems for a document's findings: severities from the settings, ignored codes left out,
 * at most `maxProblems`, plus one closing problem that says how many more there are.
 */
export function computeProblems(findings: readonly Finding[], settings: Settings): ProblemsResult {
  const collector = new ProblemCollector(settings);
  for (const f of findings) collector.add(f);
  return collector.result();
}
