// Hover: the explanation of the code under the cursor.
import { explainFinding } from './describe';
import { findingAt } from './lookup';
import { explanationMarkdown } from './render';
import type { Finding, Position, Range } from '../types';

export interface HoverResult {
  range: Range;
  markdown: string;
}

export function hoverAt(findings: readonly Finding[], position: Position): HoverResult | null {
  const hit = findingAt(findings, position);
  if (!hit) return null;
  const ex = explainFinding(hit.finding);
  return { range: hit.range, markdown: explanationMarkdown(ex, hit.finding.text) };
}
