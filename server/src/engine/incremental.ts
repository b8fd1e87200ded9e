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
  /**
   * Told that lines [from, to] joined are `text`, a region just scanned again (its findings keep the
   * string): the document may keep those lines as slices of it, not a copy of its own.
   */
  adopt?(from: number, to: number, text: string): void;
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

// ------------------------------------------------------------------ many changes at once

/**
 * A region of lines an edit replaced: lines [oldStart, oldEnd] before it became lines
 * [newStart, newEnd] after it. Lines outside every region are unchanged; each moved by the
 * lines the regions above it added or removed.
 */
export interface LineRegion {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

/**
 * The changes of one notification (a Replace All, typing with many cursors) composed into
 * disjoint regions, so the findings are rescanned once per region and moved once, not once per
 * change. Each change is given in the lines of the document as the changes before it left it.
 */
export class EditRegions {
  /** Sorted, disjoint, in old and in current lines. */
  private readonly list: LineRegion[] = [];

  get regions(): readonly LineRegion[] {
    return this.list;
  }

  /** Adds one change (its lines in the document as it is now, before the change). */
  add(edit: LineEdit): void {
    const { startLine: s, endLine: e, newLineCount: n } = edit;
    const list = this.list;
    // The regions the change touches (in current lines), and the ones before it.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].newEnd < s) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    while (end < list.length && list[end].newStart <= e) end++;
    // Lines added so far above `s` (by regions before the touched ones).
    const before = lo > 0 ? list[lo - 1].newEnd - list[lo - 1].oldEnd : 0;
    const first = lo < end ? list[lo] : null;
    const last = lo < end ? list[end - 1] : null;
    const curStart = first ? Math.min(s, first.newStart) : s;
    const curEnd = last ? Math.max(e, last.newEnd) : e;
    const oldStart = first && first.newStart <= s ? first.oldStart : s - before;
    const addedInside = last ? last.newEnd - last.oldEnd - before : 0;
    const oldEnd = last && last.newEnd >= e ? last.oldEnd : e - before - addedInside;
    const delta = n - (e - s + 1);
    const merged: LineRegion = { oldStart, oldEnd, newStart: curStart, newEnd: curEnd + delta };
    for (let i = end; i < list.length; i++) {
      list[i].newStart += delta;
      list[i].newEnd += delta;
    }
    list.splice(lo, end - lo, merged);
  }
}

/** Work counters (tests assert how much an edit touches, never how long it takes). */
export const editWork = { findingsTouched: 0, outcomesTouched: 0, regionsScanned: 0 };

/** One region as scanned again: its lines before and after, its text and findings, the lines added above it. */
export interface ScannedRegion extends LineRegion {
  /** Lines added (or removed) by the regions above this one. */
  shift: number;
  region: string;
  rescanned: Finding[];
}

/**
 * The findings after a batch of changes composed into `regions` (sorted, disjoint), in one pass:
 * each region is widened (context lines, whole multi-line replies, regions that come close
 * merged) and scanned once, and the findings between regions are moved once. `findings` is
 * updated in place and returned: a copy of a big log's list (hundreds of thousands) per edit cost
 * more than the rest of the edit.
 */
export function updateLogRegions(findings: Finding[], regions: readonly LineRegion[], after: EditedText): { findings: Finding[]; scanned: ScannedRegion[] } {
  // The findings kept between regions move with their lines; each region's findings are replaced
  // by its fresh ones.
  const replaced: { from: number; to: number; fresh: Finding[] }[] = [];
  const scanned: ScannedRegion[] = [];
  const len = findings.length;
  let i = 0;
  let shift = 0;
  const take = (to: number) => {
    editWork.findingsTouched += to - i;
    if (shift !== 0) for (let j = i; j < to; j++) shiftFinding(findings[j], shift);
    i = Math.max(i, to);
  };
  for (let k = 0; k < regions.length; k++) {
    const r = regions[k];
    let inside = r.newEnd - r.newStart - (r.oldEnd - r.oldStart);
    let oldStart = Math.max(0, r.oldStart - MARGIN);
    let first = Math.max(i, firstIndexWithLastLineAtLeast(findings, oldStart));
    if (first < len) oldStart = Math.min(oldStart, findingLines(findings[first])[0]);
    let oldEnd = r.oldEnd + MARGIN;
    let last = first;
    const absorb = () => {
      for (;;) {
        while (last < len && findingLines(findings[last])[0] <= oldEnd) {
          oldEnd = Math.max(oldEnd, findingLines(findings[last])[1]);
          last++;
        }
        // A region that comes within the margin of this one is scanned with it.
        if (k + 1 < regions.length && regions[k + 1].oldStart - MARGIN <= oldEnd) {
          k++;
          const next = regions[k];
          inside += next.newEnd - next.newStart - (next.oldEnd - next.oldStart);
          oldEnd = Math.max(oldEnd, next.oldEnd + MARGIN);
          continue;
        }
        return;
      }
    };
    absorb();
    take(first);
    const newStart = oldStart + shift;
    let newEnd = Math.min(after.lineCount - 1, oldEnd + shift + inside);
    let region = newEnd >= newStart ? after.textOfLines(newStart, newEnd) : '';
    let rescanned = newEnd >= newStart ? scanLogText(region, 0, region.length, newStart) : [];
    editWork.regionsScanned++;
    for (;;) {
      // A reply left open on the region's last line may continue on the next: widen and rescan.
      const tail = rescanned[rescanned.length - 1];
      if (!(tail && (tail as Finding & { dash?: boolean }).dash && findingLines(tail)[1] === newEnd && newEnd < after.lineCount - 1)) break;
      oldEnd += MARGIN;
      absorb();
      const widened = Math.min(after.lineCount - 1, oldEnd + shift + inside);
      if (widened === newEnd) break;
      newEnd = widened;
      region = after.textOfLines(newStart, newEnd);
      rescanned = scanLogText(region, 0, region.length, newStart);
      editWork.regionsScanned++;
    }
    replaced.push({ from: first, to: last, fresh: rescanned });
    if (newEnd >= newStart) after.adopt?.(newStart, newEnd, region);
    editWork.findingsTouched += last - i;
    i = last;
    scanned.push({ oldStart, oldEnd, newStart, newEnd, shift, region, rescanned });
    shift += inside;
  }
  take(len);
  // The last region first: the places of those before it hold.
  for (let r = replaced.length - 1; r >= 0; r--) spliceIn(findings, replaced[r].from, replaced[r].to, replaced[r].fresh);
  return { findings, scanned };
}

/** Replaces `list[from, to)` with `items` in place (a long `items` is not spread into arguments). */
export function spliceIn<T>(list: T[], from: number, to: number, items: readonly T[]): void {
  if (items.length <= 8192) {
    list.splice(from, to - from, ...items);
    return;
  }
  const tail = list.slice(to);
  list.length = from;
  for (const x of items) list.push(x);
  for (const x of tail) list.push(x);
}
