// A document read whole: its findings (every code mention), its outcomes (what the MTA recorded,
// with the codes as evidence) and the stories of its recipients. Logs are kept up to date per
// edit: only the lines around an edit are read again, outcomes after it move with their lines.
import { LineContext } from './outcomes/context';
import { readBounceOutcomes } from './outcomes/families/dsn';
import { attemptOf, readOutcomes, resolveAgain, shiftOutcome } from './outcomes/read';
import { OutcomeIndex } from './outcomes/stories';
import type { Outcome } from './outcomes/types';
import { editWork, updateLogRegions, type EditedText, type LineEdit, type LineRegion } from './incremental';
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
    // join the stories, which keep their attempts in line order).
    const kept: Outcome[] = [];
    const at: number[] = []; // where each region's fresh outcomes go in `kept`
    let k = 0;
    let shift = 0;
    editWork.outcomesTouched += this.outcomes.length;
    for (const o of this.outcomes) {
      while (k < u.scanned.length && o.line > u.scanned[k].oldEnd) {
        at.push(kept.length);
        shift = u.scanned[k].shift + (u.scanned[k].newEnd - u.scanned[k].newStart) - (u.scanned[k].oldEnd - u.scanned[k].oldStart);
        k++;
      }
      if (k < u.scanned.length && o.line >= u.scanned[k].oldStart) this.index.remove(o);
      else {
        shiftOutcome(o, shift);
        kept.push(o);
      }
    }
    while (at.length < u.scanned.length) at.push(kept.length);
    for (const list of fresh) for (const x of list) this.index.add(x);
    // Deliveries whose starting line came or went: the results that report them.
    if (attempts.size > 0) {
      for (let i = 0; i < kept.length; i++) {
        const o = kept[i];
        const attempt = attemptOf(o);
        if (attempt === null || !attempts.has(attempt)) continue;
        const n = resolveAgain(o, this.context);
        if (n === o) continue;
        this.index.remove(o);
        this.index.add(n);
        kept[i] = n;
      }
    }
    const out: Outcome[] = [];
    let from = 0;
    for (let r = 0; r < fresh.length; r++) {
      for (let i = from; i < at[r]; i++) out.push(kept[i]);
      from = at[r];
      for (const x of fresh[r]) out.push(x);
    }
    for (let i = from; i < kept.length; i++) out.push(kept[i]);
    this.outcomes = out;
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
