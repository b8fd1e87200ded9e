// The SMTP Codes language server: thin LSP wiring over the engine. Runs inside VS Code
// (IPC, started by the client) and on its own for other editors (`--stdio`).
import {
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocumentSyncKind,
  type CodeAction,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import {
  catalog,
  searchCatalog,
  computeProblems,
  explainCode,
  replyingContext,
  explanationHtml,
  explanationMarkdown,
  explanationText,
  findingAt,
  hoverAt,
  parseCodeQuery,
  quickFixesFor,
  DIAGNOSTIC_SOURCE,
  OutcomeIndex,
  ScanResultsBuilder,
  SummaryBuilder,
  countOutcomes,
  groupFailures,
  ignoreMatcher,
  isIgnoredOutcome,
  inlayHintsIn,
  looksLikeMailLog,
  summarize,
  summaryHtml,
  type Analysis,
  type ProblemData,
} from './engine/index';
import { hoverToLsp, inlayHintToLsp, problemToDiagnostic, quickFixToCodeAction } from './lsp/convert';
import { DocumentStore, type OpenDocument } from './lsp/documents';
import { SettingsStore } from './lsp/settings';
import { ServerCommands } from './lsp/commands';
import { TrailService } from './lsp/trail';
import { BIG_DOCUMENT, BIG_FINDINGS, releaseMemorySoon } from './lsp/memory';
import { MessageGuard } from './lsp/messageGuard';
import { EDIT_DELAY, EDIT_MAX_WAIT, WholeRescans } from './lsp/wholeRescans';
import { Debouncer } from './lsp/debounce';
import { Prefetcher } from './lsp/prefetch';
import {
  Notifications,
  Requests,
  SCAN_RESULTS_SCHEME,
  type ExplainParams,
  type SearchParams,
  type SearchResult,
  type ExplainResult,
  type FindingAtParams,
  type InitializationOptions,
  type LooksLikeMailLogParams,
  type DocumentCountsParams,
  type DocumentParams,
  type FailuresResult,
  type ScanFileParams,
  type ScanFileResult,
  type StatsResult,
  type SummaryResult,
} from './protocol';
import { scanFile } from './io/scanFile';
import { pathToFileURL } from 'node:url';

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
  const store = new DocumentStore();
  const settings = new SettingsStore(connection);
  let clientCommands = false;
  let inlayHintRefresh = false;
  const commands = new ServerCommands(connection);
  const prefetcher = new Prefetcher();
  const validations = new Debouncer((uri) => {
    validate(uri).catch((err) => connection.console.error(`smtp-codes: validating ${uri} failed: ${String(err?.stack ?? err)}`));
  });
  const trails = new TrailService(store, (message) => connection.console.log(message));
  const rescans = new WholeRescans<Analysis>((uri) => validations.has(uri));
  /** What requests read: a big document rescanned whole (a bounce) is not scanned on the spot while its rescan waits. */
  const analysisOf = (entry: OpenDocument): Analysis => {
    // Asked about: shown or in use, so its analysis is kept longest (store.trim).
    store.touch(entry);
    return entry.doc ? rescans.current(entry.uri, entry.analysis, () => store.analysis(entry)) : store.analysis(entry);
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    clientCommands = options.clientCommands === true;
    inlayHintRefresh = params.capabilities.workspace?.inlayHint?.refreshSupport === true;
    settings.initialize(params.capabilities, options.settings);
    // The trail of a message also reads the mail logs on disk under these folders.
    trails.setWorkspaceFolders(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        definitionProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        inlayHintProvider: true,
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

  /** What a validation publishes, read from the document's analysis (no await: nothing else runs meanwhile). */
  const publication = (entry: OpenDocument, config: Awaited<ReturnType<SettingsStore['forDocument']>>) => {
    const uri = entry.uri;
    const version = entry.version;
    const analysis = store.analysis(entry);
    if (entry.doc) rescans.scanned(uri, analysis);
    const { problems } = computeProblems(analysis.outcomes, analysis.index, config);
    const diagnostics = problems.map((p) => problemToDiagnostic(p, uri));
    const ignoredBy = ignoreMatcher(config.ignoredCodes);
    let failedAttempts = 0;
    for (const o of analysis.outcomes) if (o.verdict !== 'delivered' && !isIgnoredOutcome(o, ignoredBy)) failedAttempts++;
    const { counts: outcomes, ignored } = countOutcomes(analysis.index, analysis.outcomes, config.ignoredCodes);
    const counts: DocumentCountsParams = { uri, version, outcomes, attempts: analysis.outcomes.length, failedAttempts, ignored };
    // A big document rescanned whole (a bounce) leaves its last scan behind as garbage each time;
    // a scan of many findings leaves as much as a big document's.
    if (analysis.findings.length >= BIG_FINDINGS) entry.big = true;
    return { version, diagnostics, counts };
  };

  const validate = async (uri: string): Promise<void> => {
    const entry = store.get(uri);
    if (!entry) return;
    // The document's settings may come from the client (a round trip): its analysis is made meanwhile.
    const pending = settings.forDocument(uri);
    store.analysis(entry);
    if (entry.timing && entry.timing.analysed === undefined) entry.timing.analysed = Date.now();
    const config = await pending;
    if (entry.timing && entry.timing.configured === undefined) entry.timing.configured = Date.now();
    if (store.get(uri) !== entry) return; // closed meanwhile
    // Edited meanwhile: this run reads the newest text, and supersedes the run those edits scheduled
    // (else a stream of changes could keep every run from publishing).
    validations.cancel(uri);
    const { version, diagnostics, counts } = publication(entry, config);
    // Before anything waits: with hundreds of logs re-opened at once, each is scanned, published
    // and trimmed in turn, never all held at once.
    for (const dropped of store.trim()) rescans.forget(dropped);
    await connection.sendDiagnostics({ uri, version, diagnostics });
    if (entry.timing && entry.timing.published === null) entry.timing.published = Date.now();
    await connection.sendNotification(Notifications.documentCounts, counts);
    if (entry.big && (!entry.collected || entry.doc)) {
      entry.collected = true;
      releaseMemorySoon();
    }
  };

  const schedule = (uri: string, delay: number, maxWait?: number): void => validations.schedule(uri, delay, maxWait);

  connection.onDidOpenTextDocument((params) => {
    const { uri, languageId, version, text } = params.textDocument;
    const received = Date.now();
    const prepared = text.length >= BIG_DOCUMENT ? prefetcher.take(uri, text) : null;
    const entry = store.open(uri, languageId, version, text, prepared);
    entry.timing = { received, read: Date.now(), published: null, readAhead: prepared !== null };
    entry.big = text.length >= BIG_DOCUMENT;
    schedule(uri, 0);
  });
  connection.onNotification(Notifications.prefetch, (params: DocumentParams) => {
    if (typeof params?.uri === 'string' && !store.get(params.uri)) prefetcher.prefetch(params.uri);
  });
  connection.onDidChangeTextDocument((params) => {
    const entry = store.change(params.textDocument.uri, params.textDocument.version, params.contentChanges);
    if (entry) {
      // Short: rescans are incremental; long enough to coalesce a burst of keystrokes. A big
      // document rescanned whole (a bounce) waits until typing pauses. Either is published at a
      // bounded interval while changes keep coming.
      if (entry.doc) {
        const length = entry.doc.getText().length;
        schedule(params.textDocument.uri, rescans.delayAfterEdit(length), rescans.maxWaitAfterEdit(length));
      } else schedule(params.textDocument.uri, EDIT_DELAY, EDIT_MAX_WAIT);
    }
  });
  connection.onDidCloseTextDocument((params) => {
    const uri = params.textDocument.uri;
    validations.cancel(uri);
    if (store.get(uri)?.big) releaseMemorySoon();
    rescans.forget(uri);
    store.close(uri);
    settings.forget(uri);
    connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
  });

  connection.onDidChangeConfiguration((change) => {
    settings.changed(change.settings);
    for (const entry of store.all()) schedule(entry.uri, 0);
    if (inlayHintRefresh) connection.languages.inlayHint.refresh().catch(() => undefined);
  });

  connection.languages.inlayHint.on(async (params) => {
    const entry = store.get(params.textDocument.uri);
    if (!entry) return [];
    const config = await settings.forDocument(entry.uri);
    if (!config.inlayHints) return [];
    return inlayHintsIn(analysisOf(entry).findings, params.range).map(inlayHintToLsp);
  });

  connection.onRequest(Requests.failures, async (params: DocumentParams): Promise<FailuresResult> => {
    const entry = store.get(params.uri);
    if (!entry) return null;
    const config = await settings.forDocument(entry.uri);
    return store.get(params.uri) === entry ? groupFailures(analysisOf(entry), undefined, config.ignoredCodes) : null;
  });

  connection.onRequest(Requests.summary, async (params: DocumentParams): Promise<SummaryResult | null> => {
    const entry = store.get(params.uri);
    if (!entry) return null;
    const config = await settings.forDocument(entry.uri);
    if (store.get(params.uri) !== entry) return null;
    const summary = summarize(analysisOf(entry), undefined, undefined, config.ignoredCodes);
    return { summary, html: summaryHtml(summary, decodeURIComponent(params.uri.replace(/^.*\//, ''))) };
  });

  connection.onHover((params) => {
    const entry = store.get(params.textDocument.uri);
    if (!entry) return null;
    const hover = hoverAt(analysisOf(entry), params.position);
    // Not on a code: a queue ID tells its message's story.
    return hover ? hoverToLsp(hover) : trails.hover(params.textDocument.uri, params.position);
  });

  connection.onReferences((params, token) => trails.references(params.textDocument.uri, params.position, params.context.includeDeclaration, () => token.isCancellationRequested));
  connection.onDocumentHighlight((params) => trails.highlights(params.textDocument.uri, params.position));
  connection.onDefinition((params, token) => trails.definition(params.textDocument.uri, params.position, () => token.isCancellationRequested));

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
  connection.onRequest(Requests.search, (params: SearchParams): SearchResult => searchCatalog(typeof params?.query === 'string' ? params.query : ''));

  connection.onRequest(Requests.looksLikeMailLog, (params: LooksLikeMailLogParams): boolean =>
    Array.isArray(params?.lines) ? looksLikeMailLog(params.lines.filter((l): l is string => typeof l === 'string').slice(0, 50)) : false,
  );

  connection.onRequest(Requests.scanFile, async (params: ScanFileParams, token): Promise<ScanFileResult> => {
    const path = params.path;
    const uri = pathToFileURL(path).toString();
    const config = await settings.forDocument(uri);
    const index = new OutcomeIndex({ streaming: true });
    const summary = new SummaryBuilder(undefined, { ignoredCodes: config.ignoredCodes });
    const results = new ScanResultsBuilder(config);
    index.onClose = (end, story) => {
      summary.addEnd(end);
      results.addEnd(end, story);
    };
    const result = await scanFile(path, {
      index,
      onFinding: (f) => summary.addFinding(f),
      onOutcome: (o) => summary.addAttempt(o),
      onProgress: (bytesRead, totalBytes) => void connection.sendNotification(Notifications.scanProgress, { path, bytesRead, totalBytes }).catch(() => undefined),
      isCancelled: () => token.isCancellationRequested,
      // A named pipe or a device could block a read forever: refused (the CLI reads them).
      special: 'refuse',
    });
    index.closeAll();
    const report = summary.result(20);
    const name = path.replace(/^.*[\\/]/, '');
    const base = { path, uri, summary: report, html: summaryHtml(report, name), notes: result.notes };
    if (!result.ok && report.attempts.total === 0) return { ...base, ok: false, error: result.error, bytes: 0, compressed: false, cancelled: false, problems: 0, omitted: 0, results: null };
    // A file read in part (a truncated .gz) keeps the results found before the error.
    const { bytes, compressed } = result;
    const cancelled = result.ok && result.cancelled;
    const doc = results.result({ path, bytes, compressed, cancelled, error: result.ok ? undefined : result.error, outcomes: report.outcomes, attempts: report.attempts });
    const resultsUri = scanResultsUri(path);
    await connection.sendDiagnostics({ uri: resultsUri, diagnostics: doc.problems.map((p) => problemToDiagnostic(p, resultsUri)) });
    return {
      ...base,
      ok: result.ok,
      ...(result.ok ? {} : { error: result.error }),
      bytes,
      compressed,
      cancelled,
      problems: doc.problems.length,
      omitted: doc.unlisted,
      results: { uri: resultsUri, text: doc.text, links: doc.links },
    };
  });

  connection.onRequest(Requests.stats, (): StatsResult => {
    const m = process.memoryUsage();
    return {
      documents: store.all().map((e) => ({
        uri: e.uri,
        kind: e.kind,
        lines: e.lines?.lineCount ?? e.doc?.lineCount ?? 0,
        findings: e.analysis?.findings.length ?? null,
        outcomes: e.analysis?.outcomes.length ?? null,
        timing: e.timing ?? null,
      })),
      memory: { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, arrayBuffers: m.arrayBuffers },
      readAhead: prefetcher.ready,
    };
  });

  connection.onRequest(Requests.findingAt, (params: FindingAtParams): ProblemData | null => {
    const entry = store.get(params.uri);
    if (!entry) return null;
    const hit = findingAt(analysisOf(entry).findings, params.position);
    if (!hit) return null;
    const f = hit.finding;
    return { reply: f.reply, enhanced: f.enhanced, text: f.text, context: replyingContext(f.context) };
  });

  connection.listen();
}

/** The URI of a file's scan results document: `smtp-codes-scan:/var/log/mail.log.2.gz%20(SMTP%20scan)`. */
function scanResultsUri(path: string): string {
  return `${SCAN_RESULTS_SCHEME}:${pathToFileURL(path).pathname}${encodeURIComponent(' (SMTP scan)')}`;
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
  // Over stdio, the input passes a guard that keeps a wrong or huge Content-Length from leaving
  // the server stuck or buffering without bound (lsp/messageGuard.ts).
  const stdio = args.includes('--stdio');
  const connection = stdio ? createConnection(ProposedFeatures.all, process.stdin.pipe(new MessageGuard()), process.stdout) : createConnection(ProposedFeatures.all);
  // Over stdio, standard output is the protocol: console output goes to the client's log.
  if (stdio) for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) console[level] = (...a: unknown[]) => connection.console[level === 'debug' ? 'log' : level](a.map(String).join(' '));
  // A bug in one request must not take the server (and every open document's problems) down.
  process.on('unhandledRejection', (reason) => connection.console.error(`smtp-codes: unhandled rejection: ${String((reason as Error)?.stack ?? reason)}`));
  process.on('uncaughtException', (err) => connection.console.error(`smtp-codes: uncaught exception: ${String(err?.stack ?? err)}`));
  startServer(connection);
}

main();
