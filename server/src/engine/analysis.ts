// A document read whole: its findings (every code mention), its outcomes (what the MTA recorded,
// with the codes as evidence) and the stories of its recipients. Logs are kept up to date per
// edit: only the lines around an edit are read again, outcomes after it move with their lines.
import { LineContext } from './outcomes/context';
import { readBounceOutcomes } from './outcomes/families/dsn';
import { attemptOf, readOutcomes, resolveAgain, shiftOutcome } from './outcomes/read';
import { OutcomeIndex } from './outcomes/stories';
import type { Outcome } from './outcomes/types';
import { editWork, spliceIn, updateLogRegions, type EditedText, type LineEdit, type LineRegion } from './incremental';
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
    this.editRegions([{ oldStart: edit.startLine, oldEnd: edit.endLine, newStart: edit.startLine, newEnd: edit.startLine + edit.newLineCount - 1 }], text);
  }

  /**
   * Applies the changes of one notification, composed into regions (`EditRegions`), to a log's
   * findings and outcomes in one pass: each region is read again once, everything between moves
   * once (the text is the document after all of them).
   */
  editRegions(regions: readonly LineRegion[], text: EditedText): void {
    if (regions.length === 0) return;
    const u = updateLogRegions(this.findings, regions, text);
    this.findings = u.findings;
    const fresh: Outcome[][] = [];
    const attempts = new Set<string>();
    let headers = false;
    for (const r of u.scanned) {
      // The context's lines above this region are already where the edit left them.
      const gone = this.context.removeLines(r.oldStart + r.shift, r.oldEnd + r.shift);
      this.context.shiftLines(r.oldEnd + r.shift, r.newEnd - r.newStart - (r.oldEnd - r.oldStart));
      fresh.push(r.newEnd >= r.newStart ? readOutcomes(r.region, 0, r.region.length, r.newStart, r.rescanned, { context: this.context }).outcomes : []);
      const came = r.newEnd >= r.newStart ? this.context.within(r.newStart, r.newEnd) : { attempts: new Set<string>(), headers: false };
      for (const a of gone.attempts) attempts.add(a);
      for (const a of came.attempts) attempts.add(a);
      headers ||= gone.headers || came.headers;
    }
    if (headers) {
      // A header names the columns of every line after it: those lines read differently now.
      this.readAgain(text);
      return;
    }
    // Outcomes of the old regions go; those between move with their lines (before the fresh ones
    // join the stories, which keep their attempts in line order). Outcomes are in line order: each
    // region's are found by binary search, and replaced in the list itself (no copy of a big log's).
    const outcomes = this.outcomes;
    editWork.outcomesTouched += outcomes.length;
    const spans: [number, number][] = [];
    let pos = 0;
    for (const r of u.scanned) {
      const lo = firstOutcomeAfter(outcomes, r.oldStart - 1, pos);
      const hi = firstOutcomeAfter(outcomes, r.oldEnd, lo);
      // The stretch before the region moves by the lines the regions before it added or removed.
      moveOutcomes(outcomes, pos, lo, r.shift);
      for (let i = lo; i < hi; i++) this.index.remove(outcomes[i]);
      spans.push([lo, hi]);
      pos = hi;
    }
    const last = u.scanned[u.scanned.length - 1];
    moveOutcomes(outcomes, pos, outcomes.length, last.shift + (last.newEnd - last.newStart) - (last.oldEnd - last.oldStart));
    for (const list of fresh) for (const x of list) this.index.add(x);
    // Deliveries whose starting line came or went: the results that report them.
    if (attempts.size > 0) {
      let s = 0;
      for (let i = 0; i < outcomes.length; i++) {
        while (s < spans.length && i >= spans[s][1]) s++;
        if (s < spans.length && i >= spans[s][0]) continue;
        const o = outcomes[i];
        const attempt = attemptOf(o);
        if (attempt === null || !attempts.has(attempt)) continue;
        const n = resolveAgain(o, this.context);
        if (n === o) continue;
        this.index.remove(o);
        this.index.add(n);
        outcomes[i] = n;
      }
    }
    // Each region's outcomes replaced by its fresh ones, the last region first (the others' places hold).
    for (let r = spans.length - 1; r >= 0; r--) spliceIn(outcomes, spans[r][0], spans[r][1], fresh[r]);
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

/** The index of the first outcome at or after `from` whose line is after `line` (outcomes are in line order). */
function firstOutcomeAfter(outcomes: readonly Outcome[], line: number, from: number): number {
  let lo = from;
  let hi = outcomes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (outcomes[mid].line <= line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Outcomes [from, to) moved by `delta` lines. */
function moveOutcomes(outcomes: readonly Outcome[], from: number, to: number, delta: number): void {
  if (delta !== 0) for (let i = from; i < to; i++) shiftOutcome(outcomes[i], delta);
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
