// A document read whole: its findings (every code mention), its outcomes (what the MTA recorded,
// with the codes as evidence) and the stories of its recipients. Logs are kept up to date per
// edit: only the lines around an edit are read again, outcomes after it move with their lines.
import { LineContext } from './outcomes/context';
import { readBounceOutcomes } from './outcomes/families/dsn';
import { attemptOf, readOutcomes, resolveAgain, shiftOutcome } from './outcomes/read';
import { OutcomeIndex } from './outcomes/stories';
import type { Outcome } from './outcomes/types';
import { updateLog, type EditedText, type LineEdit } from './incremental';
import { detectKind } from './scanner/index';
import { scanEmailReport, type EmailReport } from './scanner/eml';
import { normalizeLineBreaks, scanLogText } from './scanner/lines';
import type { DocumentKind, Finding } from './types';

export class Analysis {
  readonly index = new OutcomeIndex();
  /** A log's lines that later lines depend on (qmail's delivery starts, CSV headers). */
  context = new LineContext();

  constructor(
    public findings: Finding[],
    public outcomes: Outcome[],
    /** The bounce's report (delivery-status groups, IDs), for `.eml` documents. */
    public readonly report: EmailReport | null = null,
  ) {
    for (const o of outcomes) this.index.add(o);
  }

  /** The outcome a finding is evidence of (its deciding code or another mention), if any. */
  outcomeOf(f: Finding): Outcome | null {
    const line = f.range.start.line;
    // Outcomes are sorted by line; a log's evidence sits on its outcome's line, a bounce's anywhere.
    if (this.report) return this.outcomes.find((o) => o.finding === f || o.evidence.includes(f)) ?? null;
    let lo = 0;
    let hi = this.outcomes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.outcomes[mid].line < line) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.outcomes.length && this.outcomes[i].line === line; i++) {
      const o = this.outcomes[i];
      if (o.finding === f || o.evidence.includes(f)) return o;
    }
    return null;
  }

  /** Applies one edit to a log's findings and outcomes (the text is the document after the edit). */
  edit(edit: LineEdit, text: EditedText): void {
    const u = updateLog(this.findings, edit, text);
    this.findings = u.findings;
    const gone = this.context.removeLines(u.oldStart, u.oldEnd);
    this.context.shiftLines(u.oldEnd, u.delta);
    const fresh = u.newEnd >= u.newStart ? readOutcomes(u.region, 0, u.region.length, u.newStart, u.rescanned, { context: this.context }).outcomes : [];
    const came = u.newEnd >= u.newStart ? this.context.within(u.newStart, u.newEnd) : { attempts: new Set<string>(), headers: false };
    if (gone.headers || came.headers) {
      // A header names the columns of every line after it: those lines read differently now.
      this.readAgain(text);
      return;
    }
    // Outcomes of the old region go; those after it move with their lines (before the fresh ones
    // join the stories, which keep their attempts in line order).
    const before: Outcome[] = [];
    const after: Outcome[] = [];
    for (const o of this.outcomes) {
      if (o.line < u.oldStart) before.push(o);
      else if (o.line <= u.oldEnd) this.index.remove(o);
      else {
        shiftOutcome(o, u.delta);
        after.push(o);
      }
    }
    for (const x of fresh) this.index.add(x);
    // Deliveries whose starting line came or went: the results after the edit that report them.
    const attempts = new Set([...gone.attempts, ...came.attempts]);
    if (attempts.size > 0) {
      for (let i = 0; i < after.length; i++) {
        const o = after[i];
        const attempt = attemptOf(o);
        if (attempt === null || !attempts.has(attempt)) continue;
        const n = resolveAgain(o, this.context);
        if (n === o) continue;
        this.index.remove(o);
        this.index.add(n);
        after[i] = n;
      }
    }
    const kept = before.concat(fresh, after);
    this.outcomes = kept;
  }

  /** Reads the log's outcomes again from its whole text (its findings are up to date). */
  private readAgain(text: EditedText): void {
    for (const o of this.outcomes) this.index.remove(o);
    this.context = new LineContext();
    const whole = text.lineCount > 0 ? text.textOfLines(0, text.lineCount - 1) : '';
    this.outcomes = readOutcomes(whole, 0, whole.length, 0, this.findings, { context: this.context }).outcomes;
    for (const o of this.outcomes) this.index.add(o);
  }
}

/** Reads a log's text: findings, outcomes, stories. */
export function analyzeLog(input: string): Analysis {
  const text = normalizeLineBreaks(input);
  const findings = scanLogText(text);
  const context = new LineContext();
  const a = new Analysis(findings, readOutcomes(text, 0, text.length, 0, findings, { context }).outcomes);
  a.context = context;
  return a;
}

/** Reads a bounce (or any mail message): one outcome per reported recipient. */
export function analyzeEmail(input: string): Analysis {
  const report = scanEmailReport(normalizeLineBreaks(input));
  return new Analysis(report.findings, readBounceOutcomes(report), report);
}

/** Reads a document of the given kind (`auto` looks at the text). */
export function analyzeText(input: string, kind: DocumentKind = 'auto'): Analysis {
  const k = kind === 'auto' ? detectKind(input) : kind;
  return k === 'eml' ? analyzeEmail(input) : analyzeLog(input);
}
