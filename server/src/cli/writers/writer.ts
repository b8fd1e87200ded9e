// What `check` hands a writer: files, each attempt (outcome) as it is read, errors, and the
// totals at the end. One writer per output format (text.ts, json.ts, sarif.ts).
import { explainOutcome, failureClass, outcomeCodes, type CodeClass, type Explanation, type Outcome, type OutcomeCounts } from '../../engine/index';

/** Attempts by the class of what decided them (a deferral is transient even when the remote said 5xx). */
export interface Counts {
  permanent: number;
  transient: number;
  success: number;
  intermediate: number;
}

export interface CheckTotals {
  /** Attempts by class (the v1 `summary` of the JSON). */
  classes: Counts;
  /** Per recipient its last state; each refused transaction once. */
  outcomes: OutcomeCounts;
}

/** One attempt as the writers print it. */
export interface AttemptView {
  o: Outcome;
  ex: Explanation;
  /** The attempt's class: its verdict's, else (a format we do not read) its code's. */
  class: CodeClass;
  /** This attempt's number in its recipient's story so far (1 for a refusal or a bounce's recipient). */
  attempt: number;
}

export interface CheckWriter {
  fileStart(path: string): void;
  attempt(path: string, a: AttemptView): void;
  fileError(path: string, message: string): void;
  /** Something read in an unusual way (NUL filler, a message cut at its limit), said once per file. */
  fileNote(path: string, message: string): void;
  fileEnd(path: string): void;
  end(totals: CheckTotals, files: number, failed: number): void;
}

/** The class an attempt counts in. */
export function attemptClass(o: Outcome): CodeClass {
  if (o.verdict === 'delivered') return o.inferred && o.finding ? o.finding.class : 'success';
  return failureClass(o);
}

export function attemptView(o: Outcome, attempt: number): AttemptView {
  return { o, ex: explainOutcome(o), class: attemptClass(o), attempt };
}

/** Whether `check` prints an attempt: failures, and with `--all` deliveries too. */
export function isPrinted(a: AttemptView, all: boolean): boolean {
  return all || a.class === 'permanent' || a.class === 'transient';
}

export { outcomeCodes };
