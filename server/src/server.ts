// The SMTP Codes language server: thin LSP wiring over the engine. Runs inside VS Code
// (IPC, started by the client) and on its own for other editors (`--stdio`).
import {
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  catalog,
  computeProblems,
  explainCode,
  explanationHtml,
  explanationMarkdown,
  explanationText,
  findingAt,
  hoverAt,
  parseCodeQuery,
  quickFixesFor,
  DIAGNOSTIC_SOURCE,
  type ProblemData,
} from './engine/index';
import { hoverToLsp, problemToDiagnostic, quickFixToCodeAction } from './lsp/convert';
import { DocumentStore } from './lsp/documents';
import { SettingsStore } from './lsp/settings';
import { ServerCommands } from './lsp/commands';
import { Requests, type ExplainParams, type ExplainResult, type FindingAtParams, type InitializationOptions } from './protocol';

declare const SMTP_CODES_VERSION: string;
const VERSION = typeof SMTP_CODES_VERSION === 'string' ? SMTP_CODES_VERSION : 'dev';

const TRANSPORT_FLAGS = ['--stdio', '--node-ipc', '--socket', '--pipe', '--clientProcessId'];

function usage(): string {
  return [
    'smtp-codes-language-server — the SMTP Codes language server',
    '',
    'Usage: smtp-codes-language-server --stdio',
    '',
    'Speaks the Language Server Protocol over stdin/stdout. Point your editor at it for',
    'mail logs and .eml files: hovers explain SMTP codes, diagnostics list failures,',
    'code actions link to remedies. See the README for Neovim, Helix, Emacs and Sublime Text.',
    '',
    'Options:',
    '  --stdio      talk LSP over stdin/stdout',
    '  --node-ipc   talk LSP over Node IPC (used by the VS Code extension)',
    '  --version    print the version',
    '  --help       print this help',
  ].join('\n');
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const store = new DocumentStore();
  const settings = new SettingsStore(connection);
  let clientCommands = false;
  const commands = new ServerCommands(connection);
  const timers = new Map<string, NodeJS.Timeout>();

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    clientCommands = options.clientCommands === true;
    settings.initialize(params.capabilities, options.settings);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        ...(clientCommands ? {} : { executeCommandProvider: { commands: ServerCommands.ids } }),
      },
      serverInfo: { name: 'smtp-codes-language-server', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    if (settings.canRegisterForChanges) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'smtpCodes' }).catch(() => undefined);
    }
  });

  const validate = async (uri: string): Promise<void> => {
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const config = await settings.forDocument(uri);
    const current = documents.get(uri);
    if (!current || current.version !== version) return; // edited meanwhile: a newer run is scheduled
    const findings = store.findings(current);
    const { problems } = computeProblems(findings, config);
    await connection.sendDiagnostics({ uri, version, diagnostics: problems.map(problemToDiagnostic) });
  };

  const schedule = (uri: string, delay: number): void => {
    const old = timers.get(uri);
    if (old) clearTimeout(old);
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        validate(uri).catch((err) => connection.console.error(`smtp-codes: validating ${uri} failed: ${String(err?.stack ?? err)}`));
      }, delay),
    );
  };

  documents.onDidOpen((e) => schedule(e.document.uri, 0));
  documents.onDidChangeContent((e) => {
    store.changed(e.document);
    schedule(e.document.uri, 150);
  });
  documents.onDidClose((e) => {
    const t = timers.get(e.document.uri);
    if (t) clearTimeout(t);
    timers.delete(e.document.uri);
    store.closed(e.document.uri);
    settings.forget(e.document.uri);
    connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }).catch(() => undefined);
  });

  connection.onDidChangeConfiguration((change) => {
    settings.changed(change.settings);
    for (const doc of documents.all()) schedule(doc.uri, 0);
  });

  connection.onHover((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const hover = hoverAt(store.findings(doc), params.position);
    return hover ? hoverToLsp(hover) : null;
  });

  connection.onCodeAction((params) => {
    const actions: CodeAction[] = [];
    for (const diagnostic of params.context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE || !isProblemData(diagnostic.data)) continue;
      for (const fix of quickFixesFor(diagnostic.data)) actions.push(quickFixToCodeAction(fix, diagnostic));
    }
    return actions;
  });

  connection.onExecuteCommand((params) => commands.execute(params.command, params.arguments ?? []));

  connection.onRequest(Requests.explain, (params: ExplainParams): ExplainResult => {
    let reply = params.reply ?? null;
    let enhanced = params.enhanced ?? null;
    if (params.query !== undefined) {
      const q = parseCodeQuery(params.query);
      reply = q?.reply ?? null;
      enhanced = q?.enhanced ?? null;
      if (!q) reply = params.query.trim().slice(0, 20) || null;
    }
    const explanation = explainCode({ reply, enhanced, text: params.text, context: params.context });
    return {
      explanation,
      markdown: explanationMarkdown(explanation, params.text),
      html: explanationHtml(explanation, params.text),
      text: explanationText(explanation, params.text),
    };
  });

  connection.onRequest(Requests.catalog, () => catalog());

  connection.onRequest(Requests.findingAt, (params: FindingAtParams): ProblemData | null => {
    const doc = documents.get(params.uri);
    if (!doc) return null;
    const hit = findingAt(store.findings(doc), params.position);
    if (!hit) return null;
    const f = hit.finding;
    return { reply: f.reply, enhanced: f.enhanced, text: f.text, context: f.context.slice(0, 1000) };
  });

  documents.listen(connection);
  connection.listen();
}

function isProblemData(data: unknown): data is ProblemData {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Record<string, unknown>;
  const okCode = (v: unknown) => v === null || typeof v === 'string';
  return okCode(d.reply) && okCode(d.enhanced) && typeof d.text === 'string' && typeof d.context === 'string';
}

function main(): void {
  const args = process.argv.slice(2);
  if (args.includes('--version') || args.includes('-v')) {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  if (args.includes('--help') || args.includes('-h') || !args.some((a) => TRANSPORT_FLAGS.some((f) => a === f || a.startsWith(`${f}=`)))) {
    process.stdout.write(`${usage()}\n`);
    if (!args.includes('--help') && !args.includes('-h')) process.exitCode = 2;
    return;
  }
  const connection = createConnection(ProposedFeatures.all);
  // A bug in one request must not take the server (and every open document's problems) down.
  process.on('unhandledRejection', (reason) => connection.console.error(`smtp-codes: unhandled rejection: ${String((reason as Error)?.stack ?? reason)}`));
  process.on('uncaughtException', (err) => connection.console.error(`smtp-codes: uncaught exception: ${String(err?.stack ?? err)}`));
  startServer(connection);
}

main();
