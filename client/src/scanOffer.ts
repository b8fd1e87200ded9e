// Files the editor shows but never hands to extensions — over VS Code's 50 MB limit, or gzip —
// get nothing from the language server. While one is the active tab, a status bar item offers
// "Scan with SMTP Codes"; the first time a file is met, one notification says why and offers the
// same (never again for that file). Both run "SMTP: Scan File…", which opens the results.
import * as vscode from 'vscode';
import { EDITOR_LIMIT } from './scanResults';
import { formatCount } from './format';

const NOTIFIED_KEY = 'smtpCodes.scanOffered';

export class ScanOffer implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('smtpCodes.scanOffer', vscode.StatusBarAlignment.Left, 49);
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly offered = new vscode.EventEmitter<{ uri: string; notified: boolean }>();
  /** Fires each time the offer is made for the active tab (tests and troubleshooting). */
  readonly onDidOffer = this.offered.event;
  private checking = 0;

  constructor(private readonly state: vscode.Memento) {
    this.item.name = 'SMTP Codes: scan a file the editor does not hand over';
    this.subscriptions.push(
      vscode.window.tabGroups.onDidChangeTabs(() => void this.check()),
      vscode.window.tabGroups.onDidChangeTabGroups(() => void this.check()),
      vscode.workspace.onDidOpenTextDocument(() => void this.check()),
    );
    void this.check();
  }

  /** Files a notification was shown for (never shown twice). */
  notified(): string[] {
    return this.state.get<string[]>(NOTIFIED_KEY, []);
  }

  private async check(): Promise<void> {
    const run = ++this.checking;
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    const uri = tab?.input instanceof vscode.TabInputText && tab.input.uri.scheme === 'file' ? tab.input.uri : undefined;
    const reason = uri ? await unreadReason(uri) : null;
    if (run !== this.checking) return; // the active tab changed meanwhile
    if (!uri || !reason) {
      this.item.hide();
      return;
    }
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    this.item.text = '$(mail) Scan with SMTP Codes';
    this.item.tooltip = `${name} ${reason}, so VS Code does not hand it to extensions: its codes are not read in the editor. Click to scan it from disk; the results open as a document.`;
    this.item.command = { command: 'smtpCodes.scanFile', title: 'Scan with SMTP Codes', arguments: [uri] };
    this.item.show();
    const key = uri.toString();
    const notified = this.notified();
    const first = !notified.includes(key);
    if (first) await this.state.update(NOTIFIED_KEY, [...notified, key]);
    this.offered.fire({ uri: key, notified: first });
    if (!first) return;
    void vscode.window.showInformationMessage(`SMTP Codes: ${name} ${reason}, so its codes are not read in the editor. Scan it from disk instead?`, 'Scan with SMTP Codes').then((choice) => {
      if (choice) void vscode.commands.executeCommand('smtpCodes.scanFile', uri);
    });
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
    this.offered.dispose();
  }
}

/** Why the editor does not hand a file shown in a tab to extensions, or null when it does. */
async function unreadReason(uri: vscode.Uri): Promise<string | null> {
  if (/\.gz$/i.test(uri.path)) return 'is gzip-compressed';
  if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return null;
  const stat = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => null);
  if (!stat || stat.size < EDITOR_LIMIT) return null;
  return `is ${formatCount(Math.round(stat.size / 1048576))} MB, over the 50 MB`;
}
