// The only module that turns engine data into LSP types.
import { CodeAction, CodeActionKind, Diagnostic, DiagnosticSeverity, DocumentHighlightKind, Hover, InlayHint, MarkupKind, type Command, type DocumentHighlight, type Location } from 'vscode-languageserver/node';
import type { Problem, QuickFix, HoverResult, InlayHintData, SeverityName, TrailLine } from '../engine/index';
import { DIAGNOSTIC_SOURCE } from '../engine/index';

const SEVERITY: Record<Exclude<SeverityName, 'off'>, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** A problem of the document at `uri` as a diagnostic; its related places become relatedInformation there. */
export function problemToDiagnostic(p: Problem, uri: string): Diagnostic {
  const d: Diagnostic = {
    range: p.range,
    severity: SEVERITY[p.severity],
    code: p.code,
    source: DIAGNOSTIC_SOURCE,
    message: p.message,
  };
  if (p.href) d.codeDescription = { href: p.href };
  if (p.data) d.data = p.data;
  if (p.related.length) d.relatedInformation = p.related.map((r) => ({ location: { uri, range: r.range }, message: r.message }));
  return d;
}

export function hoverToLsp(h: HoverResult): Hover {
  return { range: h.range, contents: { kind: MarkupKind.Markdown, value: h.markdown } };
}

export function quickFixToCodeAction(fix: QuickFix, diagnostic: Diagnostic): CodeAction {
  const command: Command = { title: fix.title, command: fix.command, arguments: fix.arguments };
  const action = CodeAction.create(fix.title, command, CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  if (fix.isPreferred) action.isPreferred = true;
  return action;
}

export function inlayHintToLsp(h: InlayHintData): InlayHint {
  return { position: h.position, label: h.label, tooltip: h.tooltip, paddingLeft: true };
}

/** A line of a message's trail in the document (or file) at `uri`. */
export interface TrailTarget {
  uri: string;
  line: TrailLine;
}

/** A trail line as a reference: the first ID of the trail on it, else the line's start. */
export function trailLineToLocation(t: TrailTarget): Location {
  const [start, end] = t.line.marks[0] ?? [0, 0];
  return { uri: t.uri, range: { start: { line: t.line.line, character: start }, end: { line: t.line.line, character: end } } };
}

/** Every ID of the trail on these lines (of one document) as a highlight. */
export function trailHighlightsToLsp(lines: readonly TrailLine[]): DocumentHighlight[] {
  const out: DocumentHighlight[] = [];
  for (const l of lines) {
    for (const [start, end] of l.marks) out.push({ range: { start: { line: l.line, character: start }, end: { line: l.line, character: end } }, kind: DocumentHighlightKind.Text });
  }
  return out;
}
