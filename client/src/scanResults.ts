// The results documents of "SMTP: Scan File…": read-only virtual documents (scheme
// smtp-codes-scan) whose text, problems and line links come from the server's scan. Each
// `line N` label links to that line of the file where VS Code can open it (not a .gz, not over
// the 50 MB it hands to extensions); a .gz's results show its decompressed lines.
import * as vscode from 'vscode';
import { SCAN_RESULTS_SCHEME, type ScanFileResult } from '../../server/src/protocol';

/** VS Code hands no document over 50 MB to extensions, and opens such a file only after a question: no links into it. */
export const EDITOR_LIMIT = 50 * 1024 * 1024;
export const RESULTS_LANGUAGE = 'smtp-scan-results';

export interface KeptScan {
  result: ScanFileResult;
  file: vscode.Uri;
  name: string;
  /** Whether its `line N` labels link into the file. */
  linkable: boolean;
}

export function baseName(uri: vscode.Uri | string): string {
  const path = typeof uri === 'string' ? vscode.Uri.parse(uri).path : uri.path;
  return path.slice(path.lastIndexOf('/') + 1);
}

export class ScanResults implements vscode.TextDocumentContentProvider, vscode.DocumentLinkProvider, vscode.Disposable {
  private readonly kept = new Map<string, KeptScan>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registrations: vscode.Disposable;

  constructor() {
    this.registrations = vscode.Disposable.from(
      vscode.workspace.registerTextDocumentContentProvider(SCAN_RESULTS_SCHEME, this),
      vscode.languages.registerDocumentLinkProvider({ scheme: SCAN_RESULTS_SCHEME }, this),
    );
  }

  /** Keeps a scan's results and shows them in an editor (an open one is refreshed). */
  async show(result: ScanFileResult): Promise<vscode.TextEditor | undefined> {
    if (!result.results) return undefined;
    const uri = vscode.Uri.parse(result.results.uri);
    const file = vscode.Uri.file(result.path);
    const refreshed = this.kept.has(uri.toString());
    this.kept.set(uri.toString(), { result, file, name: baseName(file), linkable: !result.compressed && result.bytes < EDITOR_LIMIT });
    if (refreshed) this.changed.fire(uri);
    let doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== RESULTS_LANGUAGE) doc = await vscode.languages.setTextDocumentLanguage(doc, RESULTS_LANGUAGE);
    return vscode.window.showTextDocument(doc, { preview: false });
  }

  /** The scan whose results document is `uri`. */
  get(uri: vscode.Uri | string): KeptScan | undefined {
    return this.kept.get(typeof uri === 'string' ? vscode.Uri.parse(uri).toString() : uri.toString());
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.kept.get(uri.toString())?.result.results?.text ?? 'SMTP Codes: the results of this scan are gone (the window was reloaded). Run "SMTP: Scan File…" on the file again.\n';
  }

  provideDocumentLinks(doc: vscode.TextDocument): vscode.DocumentLink[] {
    const scan = this.kept.get(doc.uri.toString());
    if (!scan?.linkable || !scan.result.results) return [];
    return scan.result.results.links.map((l) => {
      const r = l.range;
      const link = new vscode.DocumentLink(new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character), scan.file.with({ fragment: `L${l.line + 1}` }));
      link.tooltip = `Open line ${(l.line + 1).toLocaleString('en-US')} of ${scan.name}`;
      return link;
    });
  }

  dispose(): void {
    this.registrations.dispose();
    this.changed.dispose();
  }
}
