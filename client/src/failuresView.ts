// The SMTP Failures view: the active document's failures grouped by code, then recipient
// domain, then occurrence; selecting an occurrence reveals its line. Data from the server.
import * as vscode from 'vscode';
import { formatCount } from './format';
import type { FailureDomain, FailureGroup, FailureGroups, FailureOccurrence } from '../../server/src/engine/features/failures';

type Node =
  | { kind: 'header'; groups: FailureGroups }
  | { kind: 'reasons'; groups: FailureGroups }
  | { kind: 'reason'; reason: string; count: number }
  | { kind: 'group'; group: FailureGroup }
  | { kind: 'domain'; group: FailureGroup; domain: FailureDomain }
  | { kind: 'occurrence'; occurrence: FailureOccurrence }
  | { kind: 'more'; count: number };

export const REVEAL_COMMAND = 'smtpCodes.revealFailure';


export class FailuresView implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private uri: string | null = null;
  private data: Promise<FailureGroups | null> | null = null;

  constructor(private readonly fetch: (uri: string) => Promise<FailureGroups | null>) {}

  /** Shows the failures of `uri` (or nothing); refetches them. */
  show(uri: string | null): void {
    this.uri = uri;
    this.data = null;
    this.changed.fire();
  }

  get currentUri(): string | null {
    return this.uri;
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      if (!this.uri) return [];
      this.data ??= this.fetch(this.uri).catch(() => null);
      const groups = await this.data;
      if (!groups) return [];
      return [{ kind: 'header', groups }, ...(groups.reasons.length ? [{ kind: 'reasons', groups } as Node] : []), ...groups.groups.map((group) => ({ kind: 'group', group }) as Node)];
    }
    switch (node.kind) {
      case 'reasons':
        return node.groups.reasons.map((r) => ({ kind: 'reason', reason: r.reason, count: r.count }));
      case 'group':
        return node.group.domains.map((domain) => ({ kind: 'domain', group: node.group, domain }));
      case 'domain':
        return [...node.domain.occurrences.map((occurrence) => ({ kind: 'occurrence', occurrence }) as Node), ...(node.domain.more ? [{ kind: 'more', count: node.domain.more } as Node] : [])];
      default:
        return [];
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const None = vscode.TreeItemCollapsibleState.None;
    switch (node.kind) {
      case 'header': {
        const g = node.groups;
        const item = new vscode.TreeItem(g.permanent + g.transient === 0 ? 'No failures' : `${formatCount(g.permanent)} permanent · ${formatCount(g.transient)} transient`, None);
        item.iconPath = new vscode.ThemeIcon(g.permanent ? 'error' : g.transient ? 'warning' : 'pass');
        item.command = { command: 'smtpCodes.showSummary', title: 'Show Failure Summary' };
        item.tooltip = 'Show the failure summary of this file';
        return item;
      }
      case 'reasons': {
        const item = new vscode.TreeItem('By bounce reason', vscode.TreeItemCollapsibleState.Collapsed);
        item.iconPath = new vscode.ThemeIcon('list-tree');
        return item;
      }
      case 'reason': {
        const item = new vscode.TreeItem(node.reason, None);
        item.description = formatCount(node.count);
        return item;
      }
      case 'group': {
        const g = node.group;
        const item = new vscode.TreeItem(g.code, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = `${formatCount(g.count)} · ${g.reason ?? g.summary}`;
        item.tooltip = new vscode.MarkdownString().appendText(`${g.code}: ${g.summary}${g.provider ? ` (${g.provider})` : ''}`);
        item.iconPath = new vscode.ThemeIcon(g.class === 'permanent' ? 'error' : 'warning', new vscode.ThemeColor(g.class === 'permanent' ? 'problemsErrorIcon.foreground' : 'problemsWarningIcon.foreground'));
        item.contextValue = 'smtpCodes.code';
        return item;
      }
      case 'domain': {
        const item = new vscode.TreeItem(node.domain.domain, vscode.TreeItemCollapsibleState.Collapsed);
        item.description = formatCount(node.domain.count);
        item.iconPath = new vscode.ThemeIcon('globe');
        return item;
      }
      case 'occurrence': {
        const o = node.occurrence;
        const item = new vscode.TreeItem(`line ${formatCount(o.range.start.line + 1)}${o.recipient ? ` · ${o.recipient}` : ''}`, None);
        item.description = o.text;
        item.tooltip = o.text;
        item.command = { command: REVEAL_COMMAND, title: 'Reveal', arguments: [this.uri, o.range] };
        return item;
      }
      case 'more':
        return new vscode.TreeItem(`${formatCount(node.count)} more…`, None);
    }
  }
}

/** Reveals a range of a document in an editor. */
export async function revealFailure(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): Promise<void> {
  const r = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
  const editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri), { selection: r, preserveFocus: false });
  editor.revealRange(r, vscode.TextEditorRevealType.InCenter);
}
