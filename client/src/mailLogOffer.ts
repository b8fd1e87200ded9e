// "Treat as Mail Log": a plain-text or `log` document whose first lines are a mail log's (the
// server decides, with the expression the manifest's firstLine uses) gets a one-time offer to
// open as Mail Log; the answer is remembered per file, and a file once treated as a mail log
// opens as one again. "SMTP: Treat as Mail Log" does the same for the active editor.
import * as vscode from 'vscode';

const REMEMBERED_KEY = 'smtpCodes.mailLogFiles';
const OFFERED_LANGUAGES = ['plaintext', 'log'];
/**
 * A cheap look before the server is asked (and started): the first line starts with a time as
 * logs write it (`Nov 24 10:15:02`, `2026-11-24`, an RFC 5424 `<22>1 `).
 */
const LOG_TIME_START = /^(?:<\d{1,3}>1? ?)?(?:[A-Z][a-z]{2} [ \d]\d |\d{4}-\d\d-\d\d)/;

type Answer = 'mail-log' | 'no';

export class MailLogOffer implements vscode.Disposable {
  private readonly asked = new Set<string>();
  private readonly offered = new vscode.EventEmitter<string>();
  /** Fires when the offer is shown for a document (tests and troubleshooting). */
  readonly onDidOffer = this.offered.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly looksLikeMailLog: (lines: string[]) => Promise<boolean>,
  ) {}

  private remembered(): Record<string, Answer> {
    return this.state.get<Record<string, Answer>>(REMEMBERED_KEY, {});
  }

  private async remember(uri: vscode.Uri, answer: Answer): Promise<void> {
    await this.state.update(REMEMBERED_KEY, { ...this.remembered(), [uri.toString()]: answer });
  }

  /** The active editor's document: treated as a mail log if remembered so, else offered once if it looks like one. */
  async consider(doc: vscode.TextDocument | undefined): Promise<void> {
    if (!doc || !['file', 'untitled'].includes(doc.uri.scheme) || !OFFERED_LANGUAGES.includes(doc.languageId)) return;
    const key = doc.uri.toString();
    const answer = this.remembered()[key];
    if (answer === 'mail-log') {
      await vscode.languages.setTextDocumentLanguage(doc, 'mail-log');
      return;
    }
    if (answer === 'no' || this.asked.has(key)) return;
    this.asked.add(key);
    const lines: string[] = [];
    for (let i = 0; i < Math.min(doc.lineCount, 50) && lines.length < 10; i++) {
      const text = doc.lineAt(i).text;
      if (text.trim()) lines.push(text.slice(0, 2000));
    }
    if (lines.length === 0 || !LOG_TIME_START.test(lines[0]) || !(await this.looksLikeMailLog(lines).catch(() => false))) return;
    const name = doc.uri.path.slice(doc.uri.path.lastIndexOf('/') + 1);
    this.offered.fire(key);
    const choice = await vscode.window.showInformationMessage(
      `SMTP Codes: ${name} looks like a mail server's log. Open it as Mail Log (colours, problems, hovers)?`,
      'Treat as Mail Log',
      'Not This File',
    );
    if (choice === 'Treat as Mail Log') await this.treatAsMailLog(doc);
    else if (choice === 'Not This File') await this.remember(doc.uri, 'no');
  }

  /** Opens a document as Mail Log and remembers it for its file. */
  async treatAsMailLog(doc: vscode.TextDocument): Promise<vscode.TextDocument> {
    await this.remember(doc.uri, 'mail-log');
    return doc.languageId === 'mail-log' ? doc : vscode.languages.setTextDocumentLanguage(doc, 'mail-log');
  }

  dispose(): void {
    this.offered.dispose();
  }
}
