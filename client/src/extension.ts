// The VS Code side of SMTP Codes: starts the language server and runs the commands that
// need the editor (lookup quick pick, remedy page, clipboard, settings). Every fact comes
// from the server through custom requests; nothing about codes is known here.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { Requests, type CatalogResult, type ExplainParams, type ExplainResult, type FindingAtResult, type InitializationOptions } from '../../server/src/protocol';

const BASE_LANGUAGES = ['mail-log', 'eml', 'log'];
/** Only real files and new untitled documents: never the Output panel (`output:`) or other extensions' documents. */
const SCHEMES = ['file', 'untitled'];
/** A code the user may have the cursor on: `550`, `5.1.1`, `550 5.1.1`, `550-5.1.1`. */
const CODE_AT_CURSOR = /\b[1-5]\d\d(?:[ -]#?[245]\.\d{1,3}\.\d{1,3})?\b|\b[245]\.\d{1,3}\.\d{1,3}\b/;

interface QuickFixData {
  reply: string | null;
  enhanced: string | null;
  text: string;
  context: string;
}

let client: LanguageClient | undefined;
let panel: vscode.WebviewPanel | undefined;

function extraLanguages(): string[] {
  const v = vscode.workspace.getConfiguration('smtpCodes').get<unknown>('extraLanguages');
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.length > 0) : [];
}

function documentSelector(): LanguageClientOptions['documentSelector'] {
  const languages = [...new Set([...BASE_LANGUAGES, ...extraLanguages()])];
  return languages.flatMap((language) => SCHEMES.map((scheme) => ({ scheme, language })));
}

/** Whether the server scans this document (the document selector's test). */
function isScanned(doc: vscode.TextDocument): boolean {
  return SCHEMES.includes(doc.uri.scheme) && [...BASE_LANGUAGES, ...extraLanguages()].includes(doc.languageId);
}

/**
 * VS Code activates us for every `log` document, the Output panel's included: start the server
 * only once a document it scans is open (commands start it on their first request).
 */
function startIfNeeded(output: vscode.OutputChannel): void {
  if (client && vscode.workspace.textDocuments.some(isScanned)) {
    client.start().catch((err) => output.appendLine(`Could not start the SMTP Codes language server: ${err instanceof Error ? err.message : String(err)}`));
  }
}

function createClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const initializationOptions: InitializationOptions = { clientCommands: true };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    synchronize: { configurationSection: 'smtpCodes' },
    initializationOptions,
    outputChannel: output,
    traceOutputChannel: output,
  };
  return new LanguageClient('smtpCodes', 'SMTP Codes', serverOptions, clientOptions);
}

async function request<R>(method: string, params?: unknown): Promise<R> {
  if (!client) throw new Error('The SMTP Codes language server is not running.');
  return client.sendRequest<R>(method, params);
}

function showExplanation(result: ExplainResult): void {
  const title = `SMTP ${result.explanation.code}`;
  if (panel) {
    panel.title = title;
    panel.reveal(vscode.ViewColumn.Beside, true);
  } else {
    panel = vscode.window.createWebviewPanel('smtpCodes.explanation', title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: false,
      enableFindWidget: true,
      localResourceRoots: [],
    });
    panel.onDidDispose(() => (panel = undefined));
  }
  panel.webview.html = result.html;
}

async function explain(params: ExplainParams): Promise<ExplainResult> {
  return request<ExplainResult>(Requests.explain, params);
}

async function explainCodeCommand(): Promise<void> {
  const items = await request<CatalogResult>(Requests.catalog);
  type Item = vscode.QuickPickItem & { query: string; text?: string };
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = 'SMTP: Explain Code';
  pick.placeholder = 'Type a code (550, 5.1.1, 5.7.26) or words (mailbox full, spam, Gmail)';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  const catalogItems: Item[] = items.map((i) => ({ label: i.label, description: i.description, detail: i.detail, query: i.query, text: i.text }));
  pick.items = catalogItems;
  // A typed code that is not in the list (e.g. 5.9.99 or "550 4.2.2") still gets an answer.
  pick.onDidChangeValue((value) => {
    const typed = value.trim();
    const looksLikeCode = /^[1-5]\d\d(?:[ -]#?\d\.\d{1,3}\.\d{1,3})?$|^\d\.\d{1,3}\.\d{1,3}$/.test(typed);
    if (looksLikeCode && !catalogItems.some((i) => i.label === typed)) {
      pick.items = [{ label: typed, description: 'Explain this code', query: typed, alwaysShow: true }, ...catalogItems];
    } else if (pick.items.length !== catalogItems.length) {
      pick.items = catalogItems;
    }
  });
  const chosen = await new Promise<Item | undefined>((resolve) => {
    pick.onDidAccept(() => {
      resolve(pick.selectedItems[0]);
      pick.hide();
    });
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  pick.dispose();
  if (chosen) showExplanation(await explain({ query: chosen.query, text: chosen.text }));
}

async function explainAtCursorCommand(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('SMTP Codes: open a document and put the cursor on a code.');
    return;
  }
  const position = editor.selection.active;
  const found = await request<FindingAtResult>(Requests.findingAt, { uri: editor.document.uri.toString(), position });
  if (found) {
    showExplanation(await explain(found));
    return;
  }
  // Not a code the scanner found in context: read the code under the cursor as typed.
  const range = editor.document.getWordRangeAtPosition(position, CODE_AT_CURSOR);
  if (range) {
    showExplanation(await explain({ query: editor.document.getText(range) }));
    return;
  }
  void vscode.window.showInformationMessage('SMTP Codes: there is no SMTP code at the cursor.');
}

async function ignoreCodeCommand(code: unknown): Promise<void> {
  if (typeof code !== 'string' || !code) return;
  const config = vscode.workspace.getConfiguration('smtpCodes');
  const current = config.get<unknown>('ignoredCodes');
  const list = Array.isArray(current) ? current.filter((x): x is string => typeof x === 'string') : [];
  if (list.includes(code)) return;
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update('ignoredCodes', [...list, code], target);
  void vscode.window.showInformationMessage(
    `SMTP Codes: ${code} is now ignored in ${target === vscode.ConfigurationTarget.Workspace ? 'this workspace' : 'your user settings'} (smtpCodes.ignoredCodes).`,
  );
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('SMTP Codes');
  context.subscriptions.push(output);
  client = createClient(context, output);

  const run = (fn: (...args: unknown[]) => Promise<void>) => async (...args: unknown[]) => {
    try {
      await fn(...args);
    } catch (err) {
      void vscode.window.showErrorMessage(`SMTP Codes: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('smtpCodes.explainCode', run(explainCodeCommand)),
    vscode.commands.registerCommand('smtpCodes.explainAtCursor', run(explainAtCursorCommand)),
    vscode.commands.registerCommand(
      'smtpCodes.openRemedy',
      run(async (data) => showExplanation(await explain(data as QuickFixData))),
    ),
    vscode.commands.registerCommand(
      'smtpCodes.openReference',
      run(async (url) => {
        // The server only offers https links on its documentation allow-list; check the scheme again here.
        if (typeof url === 'string' && url.startsWith('https://')) await vscode.env.openExternal(vscode.Uri.parse(url));
      }),
    ),
    vscode.commands.registerCommand(
      'smtpCodes.copyExplanation',
      run(async (data) => {
        const result = await explain(data as QuickFixData);
        await vscode.env.clipboard.writeText(result.text);
        vscode.window.setStatusBarMessage(`SMTP Codes: explanation of ${result.explanation.code} copied`, 3000);
      }),
    ),
    vscode.commands.registerCommand('smtpCodes.ignoreCode', run(ignoreCodeCommand)),
    vscode.commands.registerCommand(
      'smtpCodes.restartServer',
      run(async () => {
        await client?.restart();
      }),
    ),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      // The document selector is fixed when the client starts: a new language list needs a new client.
      if (e.affectsConfiguration('smtpCodes.extraLanguages') && client) {
        await client.stop();
        client = createClient(context, output);
        startIfNeeded(output);
      }
    }),
    vscode.workspace.onDidOpenTextDocument(() => startIfNeeded(output)),
    { dispose: () => void client?.stop() },
  );

  startIfNeeded(output);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
