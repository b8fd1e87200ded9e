// The status bar item: "N permanent · M transient" for the active file; a click opens the summary.
import * as vscode from 'vscode';
import { formatCount } from './format';
import type { DocumentCountsParams } from '../../server/src/protocol';


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
    this.item.text = `$(error) ${formatCount(c.permanent)} permanent · $(warning) ${formatCount(c.transient)} transient`;
    this.item.tooltip = `SMTP Codes: ${formatCount(c.permanent)} permanent and ${formatCount(c.transient)} transient ${c.permanent + c.transient === 1 ? 'failure' : 'failures'}, ${formatCount(c.success)} ${c.success === 1 ? 'success' : 'successes'} in this file. Click for the summary.`;
    this.item.accessibilityInformation = { label: `SMTP Codes: ${c.permanent} permanent and ${c.transient} transient failures`, role: 'button' };
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
