// The status bar item: "N permanent · M transient" for the active file; a click opens the summary.
import * as vscode from 'vscode';
import type { DocumentCountsParams } from '../../server/src/protocol';

const fmt = (n: number) => n.toLocaleString('en-US');

export class FailureStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('smtpCodes.status', vscode.StatusBarAlignment.Left, 50);
  private readonly counts = new Map<string, DocumentCountsParams>();

  constructor() {
    this.item.name = 'SMTP Codes';
    this.item.command = 'smtpCodes.showSummary';
  }

  /** Counts sent by the server after it published a document's problems. */
  update(counts: DocumentCountsParams): void {
    this.counts.set(counts.uri, counts);
    this.render();
  }

  forget(uri: string): void {
    this.counts.delete(uri);
    this.render();
  }

  render(): void {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const c = uri ? this.counts.get(uri) : undefined;
    if (!c) {
      this.item.hide();
      return;
    }
    this.item.text = `$(error) ${fmt(c.permanent)} permanent · $(warning) ${fmt(c.transient)} transient`;
    this.item.tooltip = `SMTP Codes: ${fmt(c.permanent)} permanent and ${fmt(c.transient)} transient ${c.permanent + c.transient === 1 ? 'failure' : 'failures'}, ${fmt(c.success)} ${c.success === 1 ? 'success' : 'successes'} in this file. Click for the summary.`;
    this.item.accessibilityInformation = { label: `SMTP Codes: ${c.permanent} permanent and ${c.transient} transient failures`, role: 'button' };
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
