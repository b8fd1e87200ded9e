// Finding the finding under a position.
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
    if (findings[mid].range.start.line < p.line) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < findings.length && findings[i].range.start.line === p.line; i++) {
    if (contains(findings[i].range, p)) return { finding: findings[i], range: findings[i].range };
  }
  // Other places of a reply usually follow it; in a decoded part (quoted-printable joins lines) a
  // status can come a line or two before its reply: look a little ahead too. Every finding of the
  // line is asked (a repeat of the first of 80 000 codes on a line lies far after it).
  for (let i = lo; i < findings.length && (i < lo + 50 || findings[i].range.start.line === p.line) && findings[i].range.start.line <= p.line + 10; i++) {
    for (const r of findings[i].otherRanges ?? []) if (contains(r, p)) return { finding: findings[i], range: r };
  }
  for (let i = lo - 1; i >= 0 && i >= lo - 50; i--) {
    for (const r of findings[i].otherRanges ?? []) if (contains(r, p)) return { finding: findings[i], range: r };
  }
  return null;
}
