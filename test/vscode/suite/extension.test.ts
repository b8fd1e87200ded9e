// In-host tests: the real extension in a real VS Code (desktop through @vscode/test-electron,
// or the code-server workbench through scripts/code-server/code). Uses the VS Code API on
// real documents and waits on events (onDidChangeDiagnostics, onDidChangeTabs,
// onDidOpenTextDocument), never on fixed sleeps. The tests run in order: the first ones check
// that nothing activates the extension before a mail log is opened.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'smtp-codes.smtp-codes';
const WORKSPACE = () => vscode.workspace.workspaceFolders![0].uri;
const file = (name: string) => vscode.Uri.joinPath(WORKSPACE(), name);
const isActive = () => vscode.extensions.getExtension(EXTENSION_ID)!.isActive;
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

/** Fires when any of `events` fires. */
function anyOf(...events: vscode.Event<unknown>[]): vscode.Event<unknown> {
  return (listener) => vscode.Disposable.from(...events.map((e) => e(listener)));
}

/** Resolves once `get()` returns a value, checked now and on every `event`; rejects after `timeoutMs`. */
function when<T, E>(event: vscode.Event<E>, get: () => T | undefined, what: string, describe: () => string = () => '', timeoutMs = 30000): Promise<T> {
  return new Promise((resolve, reject) => {
    const now = get();
    if (now !== undefined) return resolve(now);
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}${describe() ? `; have ${describe()}` : ''}`));
    }, timeoutMs);
    const sub = event(() => {
      const value = get();
      if (value !== undefined) {
        clearTimeout(timer);
        sub.dispose();
        resolve(value);
      }
    });
  });
}

/**
 * Like `when`, for a value only an async call can read (a provider command): `get()` is called
 * now and again after each `event` that fired since its last call; rejects after `timeoutMs`.
 */
async function whenAsync<T, E>(event: vscode.Event<E>, get: () => Thenable<T | undefined>, what: string, describe: () => Thenable<string> | string = () => '', timeoutMs = 30000): Promise<T> {
  let fired = false;
  let wake: () => void = () => undefined;
  const sub = event(() => {
    fired = true;
    wake();
  });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      fired = false;
      const value = await get();
      if (value !== undefined) return value;
      if (!fired) {
        let timer: NodeJS.Timeout | undefined;
        const woken = await new Promise<boolean>((resolve) => {
          wake = () => resolve(true);
          timer = setTimeout(() => resolve(false), Math.max(0, deadline - Date.now()));
        });
        clearTimeout(timer);
        wake = () => undefined;
        if (!woken) {
          const have = await describe();
          throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${have ? `; have ${have}` : ''}`);
        }
      }
    }
  } finally {
    sub.dispose();
  }
}

/**
 * The quick fixes at `range`. VS Code cancels a code-action request, answering [], when another
 * extension registers a code-action provider while it runs (code-server 4.139 does so at
 * start-up); the API tells nothing of it, so an empty answer is asked again until a deadline.
 */
async function quickFixes(uri: vscode.Uri, range: vscode.Range, timeoutMs = 15000): Promise<vscode.CodeAction[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
    if (actions.length > 0 || Date.now() > deadline) return actions;
  }
}

/** The diagnostics of `uri` once `predicate` holds. */
function diagnosticsWhere(uri: vscode.Uri, predicate: (d: readonly vscode.Diagnostic[]) => boolean, what: string): Promise<readonly vscode.Diagnostic[]> {
  return when(
    vscode.languages.onDidChangeDiagnostics,
    () => {
      const d = vscode.languages.getDiagnostics(uri);
      return predicate(d) ? d : undefined;
    },
    what,
    () => JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => `${vscode.DiagnosticSeverity[d.severity]} ${codeOf(d)}: ${d.message}`)),
  );
}

/** The editor tab labelled `label`, once it is open. */
function tabLabelled(label: string): Promise<vscode.Tab> {
  const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
  return when(vscode.window.tabGroups.onDidChangeTabs, () => tabs().find((t) => t.label === label), `a tab "${label}"`, () => JSON.stringify(tabs().map((t) => t.label)));
}

async function closeTab(label: string): Promise<void> {
  const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === label);
  if (tab) await vscode.window.tabGroups.close(tab);
}

/**
 * A barrier for "nothing happened": the problems of probe.log (a document we do lint) are in.
 * Anything the extension would have done for documents opened before it has been done by then.
 */
async function lintedProbe(): Promise<void> {
  const probe = await open('probe.log');
  await diagnosticsWhere(probe.uri, (d) => d.length === 1, 'probe.log diagnostics');
}

async function open(name: string): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(file(name));
  await vscode.window.showTextDocument(doc);
  return doc;
}

/** The hovers' Markdown as text (backslash escapes removed). */
function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

/**
 * The language server processes this extension host has started (`… dist/server.js` children),
 * read with `ps` (Linux and macOS, where the desktop and code-server suites run).
 */
function languageServers(): string[] {
  const server = join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'server.js');
  return execFileSync('ps', ['-A', '-o', 'ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => Number(line.trim().split(/\s+/)[0]) === process.pid && line.includes(server));
}

describe('SMTP Codes in VS Code', () => {
  it('does not activate for a plain text file', async () => {
    const doc = await open('notes.txt');
    assert.equal(doc.languageId, 'plaintext');
    assert.equal(isActive(), false);
  });

  it('does not start its language server for an Output-panel log', async () => {
    // VS Code activates every extension with onLanguage:log for an Output channel in the log
    // language, so the extension may be active: it must not start its server nor lint.
    const channel = vscode.window.createOutputChannel('SMTP test output', 'log');
    try {
      channel.appendLine('host said: 550 5.1.1 User unknown');
      channel.show(true);
      // Its document reaches the extension host, then its text (at once, or as a change).
      const doc = await when(
        anyOf(vscode.workspace.onDidOpenTextDocument, vscode.workspace.onDidChangeTextDocument),
        () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'output' && d.languageId === 'log' && d.getText().includes('550 5.1.1')),
        'the output channel document',
        () => JSON.stringify(vscode.workspace.textDocuments.map((d) => `${d.uri.toString()} (${d.languageId})`)),
      );
      await vscode.extensions.getExtension(EXTENSION_ID)!.activate(); // resolves once activate() has returned
      assert.deepEqual(languageServers(), [], `a language server was started for ${doc.uri.toString()}`);
      assert.deepEqual(vscode.languages.getDiagnostics(doc.uri), []);
    } finally {
      channel.dispose();
    }
  });

  it('starts its language server on demand for a command, with no mail document open', async () => {
    assert.ok(!vscode.workspace.textDocuments.some((d) => ['mail-log', 'eml', 'log'].includes(d.languageId) && d.uri.scheme === 'file'), 'no mail document is open yet');
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('smtpCodes.copyExplanation', { reply: '550', enhanced: '5.1.1', text: 'User unknown', context: '' });
    assert.match(await vscode.env.clipboard.readText(), /^550 5\.1\.1 — /);
    assert.equal(languageServers().length, 1, 'one language server');
  });

  it('starts for a Postfix mail.log (mail-log language): permanent failures are errors, transient ones warnings', async () => {
    const doc = await open('mail.log');
    assert.equal(doc.languageId, 'mail-log');
    const diags = await diagnosticsWhere(doc.uri, (d) => d.length >= 2, 'mail.log diagnostics');
    assert.equal(isActive(), true);
    assert.equal(languageServers().length, 1, 'one language server');
    assert.deepEqual(
      diags.map((d) => [d.range.start.line, vscode.DiagnosticSeverity[d.severity], codeOf(d)]),
      [
        [0, 'Error', '550 5.1.1'],
        [1, 'Warning', '452 4.2.2'],
      ],
      'the 550 and 452 replies, not the 250 one (successes are off by default)',
    );
    for (const d of diags) {
      assert.equal(d.source, 'smtp-codes');
      assert.equal(doc.getText(d.range), codeOf(d), 'the range covers the code');
      const target = (d.code as { target: vscode.Uri }).target;
      assert.equal(target.scheme, 'https', 'codeDescription links to the documentation');
    }
    assert.match(diags[0].message, /550 5\.1\.1/);
    assert.match(diags[0].message, /mailbox|recipient|address/i);
  });

  it('explains the code under the mouse (hover)', async () => {
    const doc = await open('mail.log');
    const line = doc.lineAt(0).text;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, line.indexOf('550 5.1.1') + 1));
    const text = hoverText(hovers);
    assert.match(text, /550 5\.1\.1/);
    assert.match(text, /permanent failure/);
    assert.match(text, /What to do/);
    // One order: who acts and what to do before the server's own words.
    assert.ok(text.indexOf('What to do') < text.indexOf('Server said'), 'what to do comes before the server words');
    assert.match(text, /Hard bounce \(user unknown\): /);
  });

  it('offers the remedy quick fixes on a diagnostic, and the remedy opens in a tab', async () => {
    const doc = await open('mail.log');
    const diags = await diagnosticsWhere(doc.uri, (d) => d.length >= 2, 'mail.log diagnostics');
    const perm = diags.find((d) => d.severity === vscode.DiagnosticSeverity.Error)!;
    const actions = await quickFixes(doc.uri, perm.range);
    const commands = actions.map((a) => a.command?.command);
    for (const c of ['smtpCodes.openRemedy', 'smtpCodes.openReference', 'smtpCodes.copyExplanation', 'smtpCodes.ignoreCode']) assert.ok(commands.includes(c), `${c} in ${JSON.stringify(commands)}`);
    const remedy = actions.find((a) => a.command?.command === 'smtpCodes.openRemedy')!;
    assert.equal(remedy.title, 'Open the remedy for 550 5.1.1');
    assert.equal(remedy.isPreferred, true);
    await vscode.commands.executeCommand(remedy.command!.command, ...(remedy.command!.arguments ?? []));
    await tabLabelled('SMTP 550 5.1.1');
    await closeTab('SMTP 550 5.1.1');
  });

  it('activates for .eml bounces and for the built-in log language (file scheme)', async () => {
    const eml = await open('bounce.eml');
    assert.equal(eml.languageId, 'eml');
    await diagnosticsWhere(eml.uri, (d) => d.some((x) => codeOf(x) === '5.7.26' || codeOf(x) === '550 5.7.26'), 'bounce.eml diagnostics');
    const log = await open('app.log');
    assert.equal(log.languageId, 'log');
    const [d] = await diagnosticsWhere(log.uri, (d) => d.length === 1, 'app.log diagnostics');
    assert.equal(codeOf(d), '421 4.7.0');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
  });

  it('never lints an Output-panel log or a plain text file', async () => {
    const channel = vscode.window.createOutputChannel('SMTP test output 2', 'log');
    try {
      channel.appendLine('host said: 554 5.7.1 Rejected');
      channel.show(true);
      const output = await when(
        anyOf(vscode.workspace.onDidOpenTextDocument, vscode.workspace.onDidChangeTextDocument),
        () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'output' && d.getText().includes('554 5.7.1')),
        'the output channel document',
      );
      const notes = await open('notes.txt');
      await lintedProbe();
      assert.deepEqual(vscode.languages.getDiagnostics(output.uri), [], `no problems for ${output.uri.toString()}`);
      assert.deepEqual(vscode.languages.getDiagnostics(notes.uri), [], 'no problems for notes.txt (plaintext is not configured)');
    } finally {
      channel.dispose();
    }
  });

  it('has every command of its manifest registered', async () => {
    const all = await vscode.commands.getCommands(true);
    const contributed = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    assert.ok(contributed.length > 0, 'the manifest contributes commands');
    for (const c of contributed) assert.ok(all.includes(c), c);
  });

  it('applies settings without a reload: severity off, then ignored codes', async () => {
    const doc = await open('mail.log');
    const config = vscode.workspace.getConfiguration('smtpCodes');
    try {
      await config.update('severity.transient', 'off', vscode.ConfigurationTarget.Workspace);
      await diagnosticsWhere(doc.uri, (d) => d.length === 1 && codeOf(d[0]) === '550 5.1.1', 'only the permanent failure');
      await config.update('severity.permanent', 'information', vscode.ConfigurationTarget.Workspace);
      await diagnosticsWhere(doc.uri, (d) => d.length === 1 && d[0].severity === vscode.DiagnosticSeverity.Information, 'the permanent failure as information');
      await vscode.commands.executeCommand('smtpCodes.ignoreCode', '5.1.1');
      assert.deepEqual(vscode.workspace.getConfiguration('smtpCodes').get('ignoredCodes'), ['5.1.1']);
      await diagnosticsWhere(doc.uri, (d) => d.length === 0, 'no problems once 5.1.1 is ignored');
    } finally {
      await config.update('severity.transient', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('severity.permanent', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('ignoredCodes', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await diagnosticsWhere(doc.uri, (d) => d.length === 2 && d[0].severity === vscode.DiagnosticSeverity.Error, 'problems back after resetting the settings');
  });

  it('scans plain text once it is configured as an extra language, and stops when it is not', async () => {
    const doc = await open('notes.txt');
    const config = vscode.workspace.getConfiguration('smtpCodes');
    try {
      await config.update('extraLanguages', ['plaintext'], vscode.ConfigurationTarget.Workspace);
      const [d] = await diagnosticsWhere(doc.uri, (d) => d.length === 1, 'notes.txt diagnostics');
      assert.equal(codeOf(d), '550 5.1.1');
    } finally {
      await config.update('extraLanguages', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await diagnosticsWhere(doc.uri, (d) => d.length === 0, 'notes.txt no longer scanned');
  });

  it('explains the code at the cursor in a tab', async () => {
    const doc = await open('mail.log');
    const editor = vscode.window.activeTextEditor!;
    const col = doc.lineAt(1).text.indexOf('452 4.2.2');
    editor.selection = new vscode.Selection(1, col + 1, 1, col + 1);
    await vscode.commands.executeCommand('smtpCodes.explainAtCursor');
    await tabLabelled('SMTP 452 4.2.2');
  });

  it('SMTP: Show Failure Summary opens the report of the active file in a webview tab', async () => {
    const doc = await open('mail.log');
    await diagnosticsWhere(doc.uri, (d) => d.length === 2, 'mail.log diagnostics');
    await vscode.commands.executeCommand('smtpCodes.showSummary');
    const tab = await tabLabelled('SMTP Summary: mail.log');
    assert.ok(tab.input instanceof vscode.TabInputWebview, `a webview tab, not ${JSON.stringify(tab.input)}`);
    assert.match(tab.input.viewType, /smtpCodes\.summary$/);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), doc.uri.toString(), 'the log keeps the focus (the report opens beside it)');
    await closeTab('SMTP Summary: mail.log');
  });

  for (const [name, expected] of [
    [
      'archive/mail.log.1',
      [
        [0, 'Error', '550 5.1.1'],
        [1, 'Warning', '451 4.7.1'],
      ],
    ],
    [
      'archive/mail.log.2.gz',
      [
        [0, 'Error', '552 5.2.2'],
        [1, 'Warning', '452 4.2.2'],
        [2, 'Warning', '452 4.2.2'],
      ],
    ],
  ] as const) {
    it(`SMTP: Scan File… publishes the problems of ${name}, a file not open in the editor`, async () => {
      const uri = file(name);
      const isOpen = () => vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
      assert.equal(isOpen(), false, `${name} is not open`);
      assert.deepEqual(vscode.languages.getDiagnostics(uri), [], `no problems for ${name} before the scan`);
      // The command ends when its closing notification (counts, "Show Summary", "Show Problems")
      // is dismissed: start it, wait for the problems, then dismiss the notification.
      const command = Promise.resolve(vscode.commands.executeCommand('smtpCodes.scanFile', uri));
      const diags = await diagnosticsWhere(uri, (d) => d.length === expected.length, `${name} diagnostics`);
      assert.deepEqual(
        diags.map((d) => [d.range.start.line, vscode.DiagnosticSeverity[d.severity], codeOf(d)]),
        expected.map((e) => [...e]),
      );
      for (const d of diags) assert.equal(d.source, 'smtp-codes');
      assert.equal(isOpen(), false, 'scanning does not open the file');
      await vscode.commands.executeCommand('notifications.clearAll');
      await command;
    });
  }

  it('SMTP: Scan File… on a file open in the editor keeps the problems of the open document', async () => {
    const doc = await open('relay (copy).log');
    await diagnosticsWhere(doc.uri, (d) => d.length === 1, 'relay (copy).log diagnostics');
    const problems = () => vscode.languages.getDiagnostics(doc.uri).map((d) => [d.range.start.line, codeOf(d)]);
    try {
      // An unsaved edit: the open document now differs from the file on disk.
      await vscode.window.activeTextEditor!.edit((e) => e.insert(new vscode.Position(0, 0), '2026-11-24 09:59:00 WARN mailer: upstream said: 421 4.7.0 Try again later\n'));
      await diagnosticsWhere(doc.uri, (d) => d.length === 2, 'the problems of the edited document');
      const before = problems();
      assert.deepEqual(before, [
        [0, '421 4.7.0'],
        [1, '554 5.7.1'],
      ]);
      const command = Promise.resolve(vscode.commands.executeCommand('smtpCodes.scanFile', doc.uri));
      // The command ends once its closing notification is dismissed; nothing announces that
      // notification to an extension, so dismiss notifications until the command has ended.
      let ended = false;
      void command.finally(() => (ended = true));
      for (const deadline = Date.now() + 30000; !ended; ) {
        assert.ok(Date.now() < deadline, 'the scan command did not end within 30 s');
        await vscode.commands.executeCommand('notifications.clearAll');
        await Promise.race([command, new Promise((resolve) => setTimeout(resolve, 50))]);
      }
      await command;
      // The server answered the scan after any problems it published for the file.
      assert.deepEqual(problems(), before, 'the problems of the open document, not those of the file on disk');
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await diagnosticsWhere(doc.uri, (d) => d.length === 1, 'the problems of the reverted document');
  });

  it('inlay hints: none while smtpCodes.inlayHints.enabled is off (the default), the short meaning after each code once on', async () => {
    const doc = await open('mail.log');
    await diagnosticsWhere(doc.uri, (d) => d.length === 2, 'mail.log diagnostics');
    const everything = new vscode.Range(0, 0, doc.lineCount, 0);
    const labelOf = (h: vscode.InlayHint) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join(''));
    const hints = async () =>
      (await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', doc.uri, everything)).map((h) => ({
        line: h.position.line,
        character: h.position.character,
        label: labelOf(h).trim(),
      }));
    const show = async () => JSON.stringify(await hints());
    assert.equal(vscode.workspace.getConfiguration('smtpCodes').get('inlayHints.enabled'), false);
    assert.deepEqual(await hints(), [], 'no inlay hints by default');
    const config = vscode.workspace.getConfiguration('smtpCodes');
    // The server re-reads its settings on the change, then republishes the problems.
    const changes = anyOf(vscode.languages.onDidChangeDiagnostics, vscode.workspace.onDidChangeConfiguration);
    try {
      await config.update('inlayHints.enabled', true, vscode.ConfigurationTarget.Workspace);
      const got = await whenAsync(
        changes,
        async () => {
          const h = await hints();
          return h.length > 0 ? h : undefined;
        },
        'inlay hints once enabled',
        show,
      );
      const end = (line: number, code: string) => doc.lineAt(line).text.indexOf(code) + code.length;
      const userUnknown = got.find((h) => h.label === 'user unknown');
      assert.deepEqual(userUnknown, { line: 0, character: end(0, '550 5.1.1'), label: 'user unknown' }, `"user unknown" right after 550 5.1.1 in ${JSON.stringify(got)}`);
      assert.ok(
        got.some((h) => h.line === 1 && h.character === end(1, '452 4.2.2') && h.label === 'mailbox full'),
        `"mailbox full" right after 452 4.2.2 in ${JSON.stringify(got)}`,
      );
    } finally {
      await config.update('inlayHints.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await whenAsync(changes, async () => ((await hints()).length === 0 ? true : undefined), 'no inlay hints once the setting is reset', show);
  });

  it("Find All References on a queue ID lists its message's lines, in the rotated log on disk too, and its notification's", async () => {
    const doc = await open('trail/mail.log');
    assert.equal(doc.languageId, 'mail-log');
    await diagnosticsWhere(doc.uri, (d) => d.length >= 1, 'trail/mail.log diagnostics');
    const at = new vscode.Position(1, doc.lineAt(1).text.indexOf('5E1D2C3B4A') + 2);
    const refs = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, at);
    const rotated = file('trail/mail.log.1').toString();
    // VS Code orders the references by file, then line.
    const name = (r: vscode.Location) => (r.uri.toString() === rotated ? 'mail.log.1' : r.uri.toString() === doc.uri.toString() ? 'mail.log' : r.uri.toString());
    assert.deepEqual(
      refs.map((r) => [name(r), r.range.start.line]).sort((a, b) => String(a[0]).localeCompare(String(b[0])) || Number(a[1]) - Number(b[1])),
      [...[0, 1, 2, 3, 4, 5, 6, 7].map((line) => ['mail.log', line]), ['mail.log.1', 0], ['mail.log.1', 1], ['mail.log.1', 2], ['mail.log.1', 3]],
    );
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === rotated), 'the rotated log was read from disk, not opened');
    const highlights = await vscode.commands.executeCommand<vscode.DocumentHighlight[]>('vscode.executeDocumentHighlights', doc.uri, at);
    assert.deepEqual([...new Set(highlights.map((h) => h.range.start.line))], [0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it("hover on a queue ID tells its message's story", async () => {
    const doc = await open('trail/mail.log');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(5, doc.lineAt(5).text.indexOf('5E1D2C3B4A') + 3));
    const text = hoverText(hovers);
    assert.match(text, /Message 5E1D2C3B4A \(Postfix\), first seen Nov 26 10:00:00 \(line 1\)/);
    assert.match(text, /sender sender@example\.com, 1,234 bytes/);
    assert.match(text, /pat@example\.org: bounced, 552 5\.2\.2 at Nov 26 10:00:01 \(line 2\)/);
    assert.match(text, /removed from the queue at Nov 26 10:00:01 \(line 6\)/);
    assert.match(text, /6F2E3D4C5B, sender &lt;&gt; \(a notification\): sender@example\.com delivered \(line 3\)/);
  });

  it('restarts its language server', async () => {
    await vscode.commands.executeCommand('smtpCodes.restartServer');
    const doc = await open('mail.log');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(1, doc.lineAt(1).text.indexOf('452 4.2.2') + 1));
    assert.match(hoverText(hovers), /452 4\.2\.2/);
  });
});
