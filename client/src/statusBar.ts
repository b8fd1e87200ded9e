// The status bar item: the active file's outcomes ("$(mail) 38 bounced · 12 deferred", not VS Code's
// own problem icons); its tooltip names the file. A click opens the summary.
import * as vscode from 'vscode';
import { failureText, formatCount, outcomesText } from './format';
import type { DocumentCountsParams } from '../../server/src/protocol';

function fileName(uri: string): string {
  const path = vscode.Uri.parse(uri).path;
  return path.slice(path.lastIndexOf('/') + 1);
}


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

  /** The last counts of a document. */
  get(uri: string): DocumentCountsParams | undefined {
    return this.counts.get(uri);
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
    const name = fileName(uri!);
    this.item.text = `$(mail) ${failureText(c.outcomes)}`;
    this.item.tooltip =
      `SMTP Codes — ${name}: ${outcomesText(c.outcomes)} (each recipient of a message counts once, with its last state; each refused transaction once). ` +
      `${formatCount(c.attempts)} ${c.attempts === 1 ? 'attempt' : 'attempts'}, ${formatCount(c.failedAttempts)} failed.` +
      `${c.ignored ? ` ${formatCount(c.ignored)} ${c.ignored === 1 ? 'failure' : 'failures'} with an ignored code not counted.` : ''} Click for the summary.`;
    this.item.accessibilityInformation = { label: `SMTP Codes, ${name}: ${outcomesText(c.outcomes)}`, role: 'button' };
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
