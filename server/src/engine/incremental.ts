// Incremental rescans: after an edit, only the lines around it are scanned again; the
// findings before are kept and the findings after are moved by the number of lines added
// or removed. Scanning a document in pieces this way gives the same findings as scanning
// it whole (a property the fuzz tests check).
import { findingLines, scanLogText, shiftFinding } from './scanner/lines';
import type { Finding } from './types';

/** One edit, in the document's lines before it was applied. */
export interface LineEdit {
  /** First line the edit touched (0-based, before the edit). */
  startLine: number;
  /** Last line the edit touched (before the edit), inclusive. */
  endLine: number;
  /** How many lines the replacement text contains, counting a partial last line (newlines + 1). */
  newLineCount: number;
}

/** The new document, as far as a rescan needs it: its line count and the text of a range of lines. */
export interface EditedText {
  lineCount: number;
  /** Lines [from, to] (0-based, inclusive) joined with `\n`. */
  textOfLines(from: number, to: number): string;
}

/** Lines of context scanned around an edit: a multi-line reply may join lines next to it. */
const MARGIN = 2;

function firstIndexWithLastLineAtLeast(findings: readonly Finding[], line: number): number {
  // Findings are sorted by their first line; a multi-line one may reach further. Binary search
  // by first line, then step back over multi-line findings that still reach `line`.
  let lo = 0;
  let hi = findings.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (findingLines(findings[mid])[0] < line) lo = mid + 1;
    else hi = mid;
  }
  let i = lo;
  while (i > 0 && findingLines(findings[i - 1])[1] >= line) i--;
  return i;
}

/** What an edit changed: the new findings, and the region of lines scanned again. */
export interface LogUpdate {
  findings: Finding[];
  /** First and last line of the rescanned region before the edit (inclusive). */
  oldStart: number;
  oldEnd: number;
  /** First and last line of the region after the edit (inclusive; `newEnd < newStart` when it is empty). */
  newStart: number;
  newEnd: number;
  /** Lines added (or removed, negative) by the edit: everything after the region moved by this. */
  delta: number;
  /** The region's text (lines newStart..newEnd joined with `\n`) and the findings scanned in it. */
  region: string;
  rescanned: Finding[];
}

/**
 * The findings of a log document after one edit, given its findings before the edit.
 * `findings` is not modified; findings after the edit are moved (mutated) and reused.
 */
export function updateLogFindings(findings: readonly Finding[], edit: LineEdit, after: EditedText): Finding[] {
  return updateLog(findings, edit, after).findings;
}

/** Like updateLogFindings, and says which region was scanned again (outcomes are read again there). */
export function updateLog(findings: readonly Finding[], edit: LineEdit, after: EditedText): LogUpdate {
  const delta = edit.newLineCount - (edit.endLine - edit.startLine + 1);
  // The region to rescan, in old lines, widened to whole findings that overlap it.
  let regionStart = Math.max(0, edit.startLine - MARGIN);
  let regionEnd = edit.endLine + MARGIN;
  let first = firstIndexWithLastLineAtLeast(findings, regionStart);
  if (first < findings.length) regionStart = Math.min(regionStart, findingLines(findings[first])[0]);
  let last = first;
  while (last < findings.length && findingLines(findings[last])[0] <= regionEnd) {
    regionEnd = Math.max(regionEnd, findingLines(findings[last])[1]);
    last++;
  }
  for (;;) {
    const newStart = regionStart;
    const newEnd = Math.min(after.lineCount - 1, regionEnd + delta);
    // The region's own text: findings keep only this, never a whole version of the document.
    const region = newEnd >= newStart ? after.textOfLines(newStart, newEnd) : '';
    const rescanned = newEnd >= newStart ? scanLogText(region, 0, region.length, newStart) : [];
    // A reply left open on the region's last line may continue on the next: widen and rescan.
    const tail = rescanned[rescanned.length - 1];
    const nextOld = findings[last];
    if (tail && (tail as Finding & { dash?: boolean }).dash && findingLines(tail)[1] === newEnd && newEnd < after.lineCount - 1) {
      regionEnd += MARGIN;
      while (last < findings.length && findingLines(findings[last])[0] <= regionEnd) {
        regionEnd = Math.max(regionEnd, findingLines(findings[last])[1]);
        last++;
      }
      if (regionEnd + delta < after.lineCount - 1 || nextOld) continue;
    }
    // Built by concatenation, never by spreading an argument list (a huge paste has too many findings for one).
    const out = findings.slice(0, first).concat(rescanned);
    for (let i = last; i < findings.length; i++) {
      shiftFinding(findings[i], delta);
      out.push(findings[i]);
    }
    return { findings: out, oldStart: regionStart, oldEnd: regionEnd, newStart, newEnd, delta, region, rescanned };
  }
}
