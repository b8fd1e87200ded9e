// Finding the finding under a position.
import { findingCovers, findingLine } from '../scanner/lines';
import type { Finding, Position, Range } from '../types';

function contains(r: Range, p: Position): boolean {
  if (p.line < r.start.line || p.line > r.end.line) return false;
  if (p.line === r.start.line && p.character < r.start.character) return false;
  if (p.line === r.end.line && p.character > r.end.character) return false;
  return true;
}

/** The finding whose code (or one of its other places) covers `p`; findings are sorted by position. */
export function findingAt(findings: readonly Finding[], p: Position): { finding: Finding; range: Range } | null {
  // Binary search the first finding starting on or after the line, then look around it:
  // a multi-line reply's continuation ranges lie on later lines than its start.
  let lo = 0;
  let hi = findings.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (findingLine(findings[mid]) < p.line) lo = mid + 1;
    else hi = mid;
  }
  // Without making the range of each finding passed (a line of 80 000 codes would keep them all).
  for (let i = lo; i < findings.length && findingLine(findings[i]) === p.line; i++) {
    if (findingCovers(findings[i], p, contains)) return { finding: findings[i], range: findings[i].range };
  }
  // Other places of a reply usually follow it; in a decoded part (quoted-printable joins lines) a
  // status can come a line or two before its reply: look a little ahead too. Every finding of the
  // line is asked (a repeat of the first of 80 000 codes on a line lies far after it).
  for (let i = lo; i < findings.length && (i < lo + 50 || findingLine(findings[i]) === p.line) && findingLine(findings[i]) <= p.line + 10; i++) {
    for (const r of findings[i].otherRanges ?? []) if (contains(r, p)) return { finding: findings[i], range: r };
  }
  for (let i = lo - 1; i >= 0 && i >= lo - 50; i--) {
    for (const r of findings[i].otherRanges ?? []) if (contains(r, p)) return { finding: findings[i], range: r };
  }
  return null;
}
