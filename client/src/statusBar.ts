// The status bar item: the active file's outcomes ("38 bounced · 12 deferred"); a click opens the summary.
import * as vscode from 'vscode';
import { failureText, formatCount, outcomesText } from './format';
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
    this.item.text = `$(mail) ${failureText(c.outcomes)}`;
    this.item.tooltip =
      `SMTP Codes: ${outcomesText(c.outcomes)} in this file (each recipient of a message counts once, with its last state; each refused transaction once). ` +
      `${formatCount(c.attempts)} ${c.attempts === 1 ? 'attempt' : 'attempts'}, ${formatCount(c.failedAttempts)} failed. Click for the summary.`;
    this.item.accessibilityInformation = { label: `SMTP Codes: ${outcomesText(c.outcomes)}`, role: 'button' };
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
