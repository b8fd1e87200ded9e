// A minimal LSP client for tests: spawns the built server as a separate process over
// stdio and drives it as an editor would. Waits on events (published diagnostics,
// responses), never on fixed sleeps; every wait has a generous safety timeout.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { repoRoot } from './shared';
import { SERVER_ENV, SERVER_NODE_ARGS } from '../../server/src/launch';

export interface StartOptions {
  /** Settings returned for `workspace/configuration` (pull) or sent at initialize (push). */
  settings?: Record<string, unknown>;
  /** Declare the workspace/configuration capability (VS Code does); otherwise settings are pushed. */
  pullConfiguration?: boolean;
  initializationOptions?: Record<string, unknown>;
  /** Workspace folders (file URIs) given at initialize. */
  workspaceFolders?: string[];
  /** The server to start (default: this repository's dist/server.js). */
  serverPath?: string;
}

type Waiter = { uri: string; predicate: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void };

export class LspTestClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** Every publication, in order (a connection has one handler per method: observe through this). */
  readonly published: PublishDiagnosticsParams[] = [];
  readonly messages: { type: number; message: string }[] = [];
  readonly stderr: string[] = [];
  /** The last messages the server logged (window/logMessage). */
  readonly log: string[] = [];
  settings: Record<string, unknown>;
  private waiters: Waiter[] = [];
  private exited: Promise<number | null>;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
    options: StartOptions,
  ) {
    this.settings = options.settings ?? {};
    this.exited = new Promise((resolve) => process.on('exit', (code) => resolve(code)));
    process.stderr?.on('data', (d: Buffer) => this.stderr.push(d.toString()));
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p);
      this.published.push(p);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri === p.uri && w.predicate(p.diagnostics)) {
          w.resolve(p.diagnostics);
          return false;
        }
        return true;
      });
    });
    connection.onNotification('window/showMessage', (p: { type: number; message: string }) => this.messages.push(p));
    // The server's log (errors it caught, such as a handler that threw): the last ones are kept.
    connection.onNotification('window/logMessage', (p: { type: number; message: string }) => {
      this.log.push(p.message);
      if (this.log.length > 50) this.log.shift();
    });
    connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map(() => this.settings));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('window/showDocument', () => ({ success: true }));
    connection.onRequest('window/showMessageRequest', (p: { type: number; message: string }) => {
      this.messages.push(p);
      return null;
    });
    connection.listen();
  }

  static async start(options: StartOptions = {}): Promise<LspTestClient> {
    // Started as the VS Code client starts it (server/src/launch.ts).
    const child = spawn(process.execPath, [...SERVER_NODE_ARGS, options.serverPath ?? join(repoRoot, 'dist', 'server.js'), '--stdio'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, ...SERVER_ENV },
    });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspTestClient(child, connection, options);
    const result = await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: options.workspaceFolders?.[0] ?? null,
      workspaceFolders: options.workspaceFolders?.map((uri, i) => ({ uri, name: `folder${i}` })) ?? null,
      capabilities: {
        workspace: { configuration: options.pullConfiguration ?? true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
          synchronization: { didSave: false },
        },
        window: { showDocument: { support: true } },
      },
      initializationOptions: options.initializationOptions ?? (options.pullConfiguration === false ? { settings: options.settings ?? {} } : {}),
    });
    client.initializeResult = result as { capabilities: Record<string, unknown>; serverInfo?: { name: string; version?: string } };
    await connection.sendNotification('initialized', {});
    return client;
  }

  initializeResult: { capabilities: Record<string, unknown>; serverInfo?: { name: string; version?: string } } | null = null;

  /** Resolves with the next published diagnostics for `uri` that satisfy `predicate`. */
  waitForDiagnostics(uri: string, predicate: (d: Diagnostic[]) => boolean = () => true, timeoutMs = 15000): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last (version ${this.diagnostics.get(uri)?.version ?? 'none'}, ${this.diagnostics.get(uri)?.diagnostics.length ?? 0} problems): ${JSON.stringify(this.diagnostics.get(uri)?.diagnostics.slice(0, 3).map((d) => d.message))}`)), timeoutMs);
      this.waiters.push({
        uri,
        predicate,
        resolve: (d) => {
          clearTimeout(timer);
          resolve(d);
        },
      });
    });
  }

  /**
   * Resolves with the diagnostics of `uri` published for document `version`: at once if the last
   * publication is of that version (it may have come before this was called: after a pause the
   * server publishes without waiting for anyone), else when one comes.
   */
  waitForVersion(uri: string, version: number, timeoutMs = 15000): Promise<Diagnostic[]> {
    const last = this.diagnostics.get(uri);
    if (last?.version === version) return Promise.resolve(last.diagnostics);
    return this.waitForDiagnostics(uri, () => this.diagnostics.get(uri)?.version === version, timeoutMs);
  }

  open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  change(uri: string, version: number, contentChanges: unknown[]): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /** shutdown + exit; resolves with the process exit code. */
  async stop(): Promise<number | null> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      this.process.kill();
    }
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }
}
