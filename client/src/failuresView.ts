// The SMTP Failures view: the active document's failures (recipients by their last state,
// refused transactions) grouped by the code of their last attempt, then recipient domain, then
// each one; selecting one reveals its line. It follows the active editor, names its file in its
// title, and empties when that file closes. Data from the server.
import * as vscode from 'vscode';
import { failures, failureText, formatCount } from './format';
import type { FailureDomain, FailureGroup, FailureGroups, FailureOccurrence } from '../../server/src/engine/features/failures';

type Node =
  | { kind: 'header'; groups: FailureGroups }
  | { kind: 'reasons'; groups: FailureGroups }
  | { kind: 'reason'; reason: string; count: number }
  | { kind: 'group'; group: FailureGroup }
  | { kind: 'domain'; group: FailureGroup; domain: FailureDomain }
  | { kind: 'occurrence'; occurrence: FailureOccurrence }
  | { kind: 'more'; count: number; key: string };

export const REVEAL_COMMAND = 'smtpCodes.revealFailure';


export class FailuresView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private uri: string | null = null;
  private data: Promise<FailureGroups | null> | null = null;
  readonly treeView: vscode.TreeView<Node>;

  constructor(private readonly fetch: (uri: string) => Promise<FailureGroups | null>) {
    this.treeView = vscode.window.createTreeView('smtpCodes.failures', { treeDataProvider: this, showCollapseAll: true });
  }

  /**
   * Shows the failures of the document `uri`, named `label` in the view's title (null: none, with
   * `message` saying why); refetches them.
   */
  show(uri: string | null, label?: string, message?: string): void {
    this.uri = uri;
    this.data = null;
    this.treeView.description = label ?? '';
    this.treeView.message = message;
    this.changed.fire();
  }

  /** Fetches the shown document's failures again (its problems changed). */
  refresh(): void {
    this.data = null;
    this.changed.fire();
  }

  get currentUri(): string | null {
    return this.uri;
  }

  dispose(): void {
    this.treeView.dispose();
    this.changed.dispose();
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      if (!this.uri) return [];
      const data = (this.data ??= this.fetch(this.uri).catch(() => null));
      const groups = await data;
      // Shown another file (or refreshed) meanwhile: answer for what is shown now, never with stale rows.
      if (this.data !== data) return this.getChildren();
      if (!groups) return [];
      return [{ kind: 'header', groups }, ...(groups.reasons.length ? [{ kind: 'reasons', groups } as Node] : []), ...groups.groups.map((group) => ({ kind: 'group', group }) as Node)];
    }
    switch (node.kind) {
      case 'reasons':
        return node.groups.reasons.map((r) => ({ kind: 'reason', reason: r.reason, count: r.count }));
      case 'group':
        return node.group.domains.map((domain) => ({ kind: 'domain', group: node.group, domain }));
      case 'domain':
        return [...node.domain.occurrences.map((occurrence) => ({ kind: 'occurrence', occurrence }) as Node), ...(node.domain.more ? [{ kind: 'more', count: node.domain.more, key: `${node.group.code}\u0000${node.domain.domain}` } as Node] : [])];
      default:
        return [];
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const item = this.treeItem(node);
    // Stable ids: a refresh (new counts) keeps what the user expanded.
    item.id = `${this.uri}\u0000${idOf(node)}`;
    return item;
  }

  private treeItem(node: Node): vscode.TreeItem {
    const None = vscode.TreeItemCollapsibleState.None;
    switch (node.kind) {
      case 'header': {
        const g = node.groups;
        const n = failures(g.outcomes);
        const item = new vscode.TreeItem(n === 0 ? 'No failures' : failureText(g.outcomes), None);
        item.description = [g.outcomes.delivered ? `${formatCount(g.outcomes.delivered)} delivered` : '', g.ignored ? `${formatCount(g.ignored)} ignored` : ''].filter(Boolean).join(' · ') || undefined;
        item.iconPath = new vscode.ThemeIcon(g.outcomes.bounced + g.outcomes.expired + g.outcomes.rejected ? 'error' : n ? 'warning' : 'pass');
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
        const mix = g.reasons.length > 1 ? g.reasons.map((r) => `${r.key} ${formatCount(r.count)}`).join(', ') : g.reason ?? g.summary;
        item.description = `${formatCount(g.count)} ${g.verdicts.map((v) => v.key).join('/')} · ${mix}`;
        item.tooltip = new vscode.MarkdownString().appendText(
          `${g.code}: ${g.summary}${g.provider ? ` (${g.provider})` : ''}\n${g.verdicts.map((v) => `${formatCount(v.count)} ${v.key}`).join(', ')}${g.reasons.length ? `\nReasons: ${g.reasons.map((r) => `${r.key} ${formatCount(r.count)}`).join(', ')}` : ''}`,
        );
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
        item.description = `${o.verdict}${o.attempts > 1 ? ` after ${formatCount(o.attempts)} attempts` : ''}${o.text ? ` · ${o.text}` : ''}`;
        item.tooltip = o.text;
        item.command = { command: REVEAL_COMMAND, title: 'Reveal', arguments: [this.uri, o.range] };
        return item;
      }
      case 'more':
        return new vscode.TreeItem(`${formatCount(node.count)} more…`, None);
    }
  }
}

function idOf(node: Node): string {
  switch (node.kind) {
    case 'header':
    case 'reasons':
      return node.kind;
    case 'reason':
      return `reason\u0000${node.reason}`;
    case 'group':
      return `group\u0000${node.group.code}`;
    case 'domain':
      return `group\u0000${node.group.code}\u0000${node.domain.domain}`;
    case 'occurrence':
      return `occurrence\u0000${node.occurrence.range.start.line}\u0000${node.occurrence.range.start.character}`;
    case 'more':
      return `more\u0000${node.key}`;
  }
}

/** Reveals a range of a document in an editor. */
export async function revealFailure(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): Promise<void> {
  const r = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
  const editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri), { selection: r, preserveFocus: false });
  editor.revealRange(r, vscode.TextEditorRevealType.InCenter);
}
