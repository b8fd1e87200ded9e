// The VS Code side of SMTP Codes: starts the language server and runs the commands that
// need the editor (lookup quick pick, remedy page, clipboard, settings). Every fact comes
// from the server through custom requests; nothing about codes is known here.
import * as vscode from 'vscode';
import { failureText, formatCount } from './format';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_ENV, SERVER_NODE_ARGS } from '../../server/src/launch';
import {
  Notifications,
  Requests,
  type ExplainParams,
  type ExplainResult,
  type FindingAtResult,
  type InitializationOptions,
  type DocumentCountsParams,
  type DocumentParams,
  type FailuresResult,
  type LooksLikeMailLogParams,
  type ScanFileResult,
  type ScanProgressParams,
  type SearchParams,
  type SearchResult,
  type StatsResult,
  type SummaryResult,
  SCAN_RESULTS_SCHEME,
} from '../../server/src/protocol';
import { FailuresView, revealFailure, REVEAL_COMMAND } from './failuresView';
import { FailureStatus } from './statusBar';
import { baseName, ScanResults } from './scanResults';
import { ScanOffer } from './scanOffer';
import { MailLogOffer } from './mailLogOffer';
import { prefetchBigLogs } from './prefetch';

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
let clientReady: Promise<void> = Promise.resolve();
const panels = new Map<string, vscode.WebviewPanel>();

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
  if (client && !client.isRunning() && vscode.workspace.textDocuments.some(isScanned)) {
    clientReady = client.start().catch((err) => output.appendLine(`Could not start the SMTP Codes language server: ${err instanceof Error ? err.message : String(err)}`));
  }
}

function createClient(context: vscode.ExtensionContext, output: vscode.OutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_ARGS], env: { ...process.env, ...SERVER_ENV } } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_ARGS, '--nolazy', '--inspect=6011'], env: { ...process.env, ...SERVER_ENV } } },
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
  await clientReady;
  if (!client) throw new Error('The SMTP Codes language server is not running.');
  return client.sendRequest<R>(method, params);
}

/**
 * Shows server-rendered HTML (no scripts) in a reusable tab of its kind. With `reveal` false, only
 * an open tab is updated where it is (a view that follows the active editor).
 */
function showPage(kind: 'explanation' | 'summary', title: string, html: string, reveal = true): void {
  let panel = panels.get(kind);
  if (panel) {
    panel.title = title;
    if (reveal) panel.reveal(vscode.ViewColumn.Beside, true);
  } else {
    if (!reveal) return;
    panel = vscode.window.createWebviewPanel(`smtpCodes.${kind}`, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
      enableScripts: false,
      enableFindWidget: true,
      localResourceRoots: [],
    });
    panel.onDidDispose(() => panels.delete(kind));
    panels.set(kind, panel);
  }
  panel.webview.html = html;
}

function showExplanation(result: ExplainResult): void {
  showPage('explanation', `SMTP ${result.explanation.code}`, result.html);
}

/** The document (or scan results) whose summary the summary tab shows. */
let summaryUri: string | null = null;
let scanResults: ScanResults | undefined;

/**
 * Shows the summary of `uri` — an open document (asked of the server) or a scan's results
 * document (kept from the scan) — in the summary tab; null when there is none.
 */
async function renderSummary(uri: string, reveal: boolean): Promise<boolean> {
  const scan = scanResults?.get(uri);
  const name = scan ? scan.name : baseName(uri);
  const html = scan ? scan.result.html : (await request<SummaryResult | null>(Requests.summary, { uri }))?.html;
  if (!html) return false;
  if (!reveal && !panels.has('summary')) return true;
  summaryUri = uri;
  showPage('summary', `SMTP Summary: ${name}`, html, reveal);
  return true;
}

/** A page for the summary tab when its file is gone: no counts from another file stay on screen. */
function closedSummaryHtml(name: string): string {
  const esc = name.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';"><style>body{font-family:var(--vscode-font-family,sans-serif);color:var(--vscode-foreground);padding:1.2em 2em}</style></head><body><h1>SMTP failure summary</h1><p>${esc} was closed. Open a mail log or a bounce message to see its summary here.</p></body></html>`;
}

async function showSummaryCommand(): Promise<void> {
  const uri = vscode.window.activeTextEditor?.document.uri.toString() ?? failuresView?.currentUri ?? summaryUri ?? null;
  if (!uri || !(await renderSummary(uri, true))) {
    void vscode.window.showInformationMessage('SMTP Codes: open a mail log or a bounce message to see its failure summary (or run "SMTP: Scan File…").');
  }
}

let failuresView: FailuresView | undefined;

async function explain(params: ExplainParams): Promise<ExplainResult> {
  return request<ExplainResult>(Requests.explain, params);
}

async function explainCodeCommand(): Promise<void> {
  type Item = vscode.QuickPickItem & { query: string; text?: string };
  const pick = vscode.window.createQuickPick<Item>();
  pick.title = 'SMTP: Explain Code';
  pick.placeholder = 'Type a code (550, 5.1.1, 550 5.7.1) or words (mailbox full, blocklist, Gmail)';
  // The server ranks the entries (exact code, then pair, then words); VS Code's own filter must
  // not hide or reorder them: every item we show is always shown, and nothing but the label is
  // matched (our labels are codes, so words never reorder them).
  pick.matchOnDescription = false;
  pick.matchOnDetail = false;
  let asked = 0;
  const show = async (value: string): Promise<void> => {
    const mine = ++asked;
    pick.busy = true;
    const result = await request<SearchResult>(Requests.search, { query: value } satisfies SearchParams);
    if (mine !== asked) return; // a newer query is on its way
    pick.busy = false;
    pick.items = result.items.length
      ? result.items.map((i) => ({ label: i.label, description: i.description, detail: i.detail, query: i.query, text: i.text, alwaysShow: true }))
      : [{ label: `Nothing matches “${value.trim()}”`, detail: result.hint, query: '', alwaysShow: true }];
  };
  pick.onDidChangeValue((value) => void show(value).catch(() => undefined));
  const chosen = new Promise<Item | undefined>((resolve) => {
    pick.onDidAccept(() => {
      const item = pick.selectedItems[0];
      if (item && !item.query) return; // the empty-state line: keep typing
      resolve(item);
      pick.hide();
    });
    pick.onDidHide(() => resolve(undefined));
  });
  pick.show();
  await show('');
  const item = await chosen;
  pick.dispose();
  if (item) showExplanation(await explain({ query: item.query, text: item.text }));
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


/** "12 of 40 MB", in the unit of the total: a log under 1 MB is not "0 of 0 MB". */
function ofSize(bytes: number, total: number): string {
  const [unit, size] = total >= 1048576 ? ['MB', 1048576] : total >= 1024 ? ['KB', 1024] : ['bytes', 1];
  return `${formatCount(Math.round(bytes / size))} of ${formatCount(Math.round(total / size))} ${unit}`;
}

/** "SMTP: Scan File…": any log from disk, also too big for the editor or gzip-compressed. */
async function scanFileCommand(arg: unknown): Promise<void> {
  let uri = arg instanceof vscode.Uri ? arg : undefined;
  if (!uri) {
    const picked = await vscode.window.showOpenDialog({
      title: 'SMTP: Scan File',
      openLabel: 'Scan',
      canSelectMany: false,
      filters: { 'Mail logs and messages': ['log', 'gz', 'eml', 'err', 'warn', 'info', 'txt', 'json', 'csv'], 'All files': ['*'] },
    });
    uri = picked?.[0];
  }
  if (!uri) return;
  if (uri.scheme !== 'file') {
    void vscode.window.showWarningMessage('SMTP Codes: only files on disk can be scanned.');
    return;
  }
  const path = uri.fsPath;
  const name = path.split(/[\\/]/).pop();
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `SMTP Codes: scanning ${name}`, cancellable: true },
    async (progress, token) => {
      let reported = 0;
      const sub = client!.onNotification(Notifications.scanProgress, (p: ScanProgressParams) => {
        if (p.path !== path || p.totalBytes <= 0) return;
        const pct = Math.min(100, (100 * p.bytesRead) / p.totalBytes);
        progress.report({ increment: pct - reported, message: ofSize(p.bytesRead, p.totalBytes) });
        reported = pct;
      });
      try {
        return await client!.sendRequest<ScanFileResult>(Requests.scanFile, { path }, token);
      } finally {
        sub.dispose();
      }
    },
  );
  // A file read only in part (a truncated .gz) keeps what was found before the error.
  if (!result.ok && result.summary.findings === 0) {
    void vscode.window.showErrorMessage(`SMTP Codes: ${name}: ${result.error}`);
    return;
  }
  const s = result.summary;
  await scanResults!.show(result);
  // After the results are open (giving them their language reopens them).
  onScanned(result);
  const message =
    `SMTP Codes: ${name}${result.cancelled ? ' (cancelled, partly scanned)' : ''}: ${failureText(s.outcomes)}, ${formatCount(s.outcomes.delivered)} delivered. ` +
    `Its results are open: failures by outcome and code, with their lines.` +
    (result.omitted ? ` ${formatCount(result.omitted)} more are counted there but not listed (smtp-codes check lists them all).` : '') +
    (result.notes?.length ? ` Note: ${result.notes.join('; ')}.` : '') +
    (result.ok ? '' : ` Read only in part: ${result.error}.`);
  // Not awaited: the command ends once the results are open.
  void vscode.window.showInformationMessage(message, 'Show Summary').then((choice) => {
    if (choice === 'Show Summary' && result.results) void renderSummary(result.results.uri, true);
  });
}

/** Set in activate: what a finished scan updates besides its results document (status bar). */
let onScanned: (result: ScanFileResult) => void = () => undefined;

/**
 * Adds a code to smtpCodes.ignoredCodes, in this workspace or in the user settings (asked when a
 * workspace is open, unless `scope` says). Problems, status bar, view and summary follow together.
 */
async function ignoreCodeCommand(code: unknown, scope?: unknown): Promise<void> {
  if (typeof code !== 'string' || !code) return;
  const config = vscode.workspace.getConfiguration('smtpCodes');
  let target = vscode.ConfigurationTarget.Global;
  if (scope === 'workspace' && vscode.workspace.workspaceFolders?.length) target = vscode.ConfigurationTarget.Workspace;
  else if (scope !== 'user' && vscode.workspace.workspaceFolders?.length) {
    type Item = vscode.QuickPickItem & { target: vscode.ConfigurationTarget };
    const picked = await vscode.window.showQuickPick<Item>(
      [
        { label: 'In this workspace', description: 'workspace settings', target: vscode.ConfigurationTarget.Workspace },
        { label: 'In every workspace', description: 'user settings', target: vscode.ConfigurationTarget.Global },
      ],
      { title: `SMTP Codes: ignore ${code}`, placeHolder: `Where should ${code} no longer be reported?` },
    );
    if (!picked) return;
    target = picked.target;
  }
  const inspected = config.inspect<unknown>('ignoredCodes');
  const current = target === vscode.ConfigurationTarget.Workspace ? inspected?.workspaceValue : inspected?.globalValue;
  const list = Array.isArray(current) ? current.filter((x): x is string => typeof x === 'string') : [];
  if (!list.includes(code)) await config.update('ignoredCodes', [...list, code], target);
  void vscode.window.showInformationMessage(
    `SMTP Codes: ${code} is now ignored ${target === vscode.ConfigurationTarget.Workspace ? 'in this workspace' : 'in every workspace (user settings)'} (smtpCodes.ignoredCodes).`,
  );
}

function sameCounts(a: DocumentCountsParams, b: DocumentCountsParams): boolean {
  return a.attempts === b.attempts && a.failedAttempts === b.failedAttempts && a.ignored === b.ignored && JSON.stringify(a.outcomes) === JSON.stringify(b.outcomes);
}

/** What the extension offers tests and troubleshooting: the offers it made. */
export interface SmtpCodesApi {
  /** Fires when "Scan with SMTP Codes" is offered for the active tab (notified: the first time for that file). */
  onDidOfferScan: vscode.Event<{ uri: string; notified: boolean }>;
  /** Files the scan notification was shown for. */
  scanNotified(): string[];
  /** Fires when "Treat as Mail Log" is offered for a document. */
  onDidOfferMailLog: vscode.Event<string>;
}

export async function activate(context: vscode.ExtensionContext): Promise<SmtpCodesApi> {
  const output = vscode.window.createOutputChannel('SMTP Codes');
  context.subscriptions.push(output);
  client = createClient(context, output);

  const status = new FailureStatus();
  const view = new FailuresView((uri) => request<FailuresResult>(Requests.failures, { uri }));
  failuresView = view;
  scanResults = new ScanResults();
  const scanOffer = new ScanOffer(context.workspaceState);
  const mailLogOffer = new MailLogOffer(context.globalState, (lines) => request<boolean>(Requests.looksLikeMailLog, { lines } satisfies LooksLikeMailLogParams));
  onScanned = (result) => {
    if (!result.results) return;
    const s = result.summary;
    status.update({ uri: vscode.Uri.parse(result.results.uri).toString(), version: 0, outcomes: s.outcomes, attempts: s.attempts.total, failedAttempts: s.attempts.failed, ignored: s.ignored });
    follow();
  };
  const onCounts = (counts: DocumentCountsParams) => {
    const before = status.get(counts.uri);
    status.update(counts);
    // Published again with nothing new (settings re-read, a restart): the views stay as they are.
    if (before && sameCounts(before, counts) && view.currentUri === counts.uri) return;
    // A document that became a mail log in its editor (Treat as Mail Log) is followed once it is read.
    if (vscode.window.activeTextEditor?.document.uri.toString() === counts.uri && view.currentUri !== counts.uri) follow();
    else if (view.currentUri === counts.uri) view.refresh();
    // The summary tab follows the document it shows: an ignored code leaves it at once.
    if (summaryUri === counts.uri) void renderSummary(counts.uri, false).catch(() => undefined);
  };
  /** The views follow the active editor: its file's failures, summary and counts, named. */
  const follow = () => {
    status.render();
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || doc.uri.scheme === 'output') return; // focus in a panel or a webview: keep what is shown
    const uri = doc.uri.toString();
    const name = baseName(doc.uri);
    if (isScanned(doc)) {
      if (view.currentUri !== uri) view.show(uri, name);
    }
    else if (doc.uri.scheme === SCAN_RESULTS_SCHEME) view.show(null, name, `The scan results of ${scanResults?.get(uri)?.name ?? name} list its failures by outcome and code.`);
    else view.show(null, name, `${name} is not a mail log or a bounce message.`);
    if (panels.has('summary') && summaryUri !== uri && (isScanned(doc) || scanResults?.get(uri))) void renderSummary(uri, false).catch(() => undefined);
    void mailLogOffer.consider(doc);
  };
  const onClose = (doc: vscode.TextDocument) => {
    const uri = doc.uri.toString();
    status.forget(uri);
    if (view.currentUri === uri) view.show(null, undefined, `${baseName(doc.uri)} was closed.`);
    if (summaryUri === uri && panels.has('summary')) {
      summaryUri = null;
      showPage('summary', 'SMTP Summary', closedSummaryHtml(baseName(doc.uri)), false);
    }
  };
  context.subscriptions.push(
    status,
    view,
    scanResults,
    scanOffer,
    mailLogOffer,
    vscode.window.onDidChangeActiveTextEditor(follow),
    prefetchBigLogs((uri) => {
      if (client) void client.sendNotification(Notifications.prefetch, { uri } satisfies DocumentParams).catch(() => undefined);
    }),
    vscode.workspace.onDidCloseTextDocument(onClose),
  );
  void vscode.commands.executeCommand('setContext', 'smtpCodes.active', true);

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
        void vscode.window.showInformationMessage(`SMTP Codes: the explanation of ${result.explanation.code} is on the clipboard.`);
      }),
    ),
    vscode.commands.registerCommand('smtpCodes.ignoreCode', run(ignoreCodeCommand)),
    vscode.commands.registerCommand('smtpCodes.scanFile', run(scanFileCommand)),
    vscode.commands.registerCommand(
      'smtpCodes.treatAsMailLog',
      run(async () => {
        const doc = vscode.window.activeTextEditor?.document;
        if (doc && ['file', 'untitled'].includes(doc.uri.scheme)) await mailLogOffer.treatAsMailLog(doc);
        else void vscode.window.showInformationMessage('SMTP Codes: open a file to treat it as a mail log.');
      }),
    ),
    vscode.commands.registerCommand('smtpCodes.showSummary', run(showSummaryCommand)),
    vscode.commands.registerCommand(REVEAL_COMMAND, run(async (uri, range) => revealFailure(uri as string, range as Parameters<typeof revealFailure>[1]))),
    vscode.commands.registerCommand('smtpCodes.refreshFailures', run(async () => view.refresh())),
    // Not in the manifest: the server's documents, timings and memory, for troubleshooting and the speed test.
    vscode.commands.registerCommand('smtpCodes.serverStats', () => request<StatsResult>(Requests.stats)),
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
        client.onNotification(Notifications.documentCounts, onCounts);
        startIfNeeded(output);
      }
    }),
    vscode.workspace.onDidOpenTextDocument(() => startIfNeeded(output)),
    { dispose: () => void client?.stop() },
  );

  client.onNotification(Notifications.documentCounts, onCounts);
  startIfNeeded(output);
  follow();
  return { onDidOfferScan: scanOffer.onDidOffer, scanNotified: () => scanOffer.notified(), onDidOfferMailLog: mailLogOffer.onDidOffer };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
