// The only module that turns engine data into LSP types.
import { CodeAction, CodeActionKind, Diagnostic, DiagnosticSeverity, Hover, InlayHint, MarkupKind, type Command } from 'vscode-languageserver/node';
import type { Problem, QuickFix, HoverResult, InlayHintData, SeverityName } from '../engine/index';
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
