// What `check` hands a writer: files, their findings, errors, and the totals at the end.
// One writer per output format (text.ts, json.ts, sarif.ts).
import type { Finding } from '../../engine/index';

export interface Counts {
  permanent: number;
  transient: number;
  success: number;
  intermediate: number;
}

export interface CheckWriter {
  fileStart(path: string): void;
  finding(path: string, f: Finding): void;
  fileError(path: string, message: string): void;
  fileEnd(path: string): void;
  end(counts: Counts, files: number, failed: number): void;
}

/** Whether `check` prints a finding: failures, and with `--all` everything. */
export function isPrinted(f: Finding, all: boolean): boolean {
  return all || f.class === 'permanent' || f.class === 'transient';
}
