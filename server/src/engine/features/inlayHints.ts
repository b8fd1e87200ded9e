// Inlay hints: a code's short meaning written after it (`550 5.1.1` → `user unknown`).
import { explainFinding } from './describe';
import type { Finding, Position, Range } from '../types';

export interface InlayHintData {
  position: Position;
  label: string;
  tooltip: string;
}

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/** The short meaning shown after a code: its bounce reason, else a shortened title. */
export function shortMeaning(f: Finding, ex = explainFinding(f)): string {
  if (ex.reason && ex.reason.id !== 'unclassified' && ex.reason.id !== 'delivered') return ex.reason.label;
  if (f.class === 'success') return 'ok';
  const title = ex.title.replace(/^[A-Za-z0-9 /]+:\s*/, '');
  return title.length > 32 ? `${title.slice(0, 31)}…` : title.toLowerCase();
}

/** Hints for the findings whose code lies in `range`. */
export function inlayHintsIn(findings: readonly Finding[], range: Range): InlayHintData[] {
  const out: InlayHintData[] = [];
  // Findings are sorted by position: skip to the range with a binary search on the line.
  let lo = 0;
  let hi = findings.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (findings[mid].range.start.line < range.start.line) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < findings.length; i++) {
    const f = findings[i];
    if (before(range.end, f.range.start)) break;
    if (before(f.range.end, range.start)) continue;
    const ex = explainFinding(f);
    out.push({ position: f.range.end, label: shortMeaning(f, ex), tooltip: ex.summary });
  }
  return out;
}
