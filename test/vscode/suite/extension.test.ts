// In-host tests: the real extension in a real VS Code (desktop through @vscode/test-electron,
// or the code-server workbench through our runner). Uses the VS Code API on real documents
// and waits on events (onDidChangeDiagnostics), never on fixed sleeps.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'smtp-codes.smtp-codes';
const WORKSPACE = () => vscode.workspace.workspaceFolders![0].uri;
const file = (name: string) => vscode.Uri.joinPath(WORKSPACE(), name);

/** Resolves with the diagnostics of `uri` once `predicate` holds (checked now and on every change). */
function diagnosticsWhere(uri: vscode.Uri, predicate: (d: readonly vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 30000): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const now = vscode.languages.getDiagnostics(uri);
    if (predicate(now)) return resolve(now);
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}; have ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => d.message))}`));
    }, timeoutMs);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const d = vscode.languages.getDiagnostics(uri);
      if (predicate(d)) {
        clearTimeout(timer);
        sub.dispose();
        resolve(d);
      }
    });
  });
}

async function open(name: string, language?: string): Promise<vscode.TextDocument> {
  let doc = await vscode.workspace.openTextDocument(file(name));
  if (language && doc.languageId !== language) doc = await vscode.languages.setTextDocumentLanguage(doc, language);
  await vscode.window.showTextDocument(doc);
  return doc;
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

describe('SMTP Codes in VS Code', () => {
  it('does not activate for a plain text file', async () => {
    await open('notes.txt');
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)!.isActive, false);
  });

  it('activates for a Postfix mail.log (mail-log language) and reports permanent failures as errors', async () => {
    const doc = await open('mail.log');
    assert.equal(doc.languageId, 'mail-log');
    const diags = await diagnosticsWhere(doc.uri, (d) => d.length >= 2, 'mail.log diagnostics');
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)!.isActive, true);
    const perm = diags.find((d) => d.severity === vscode.DiagnosticSeverity.Error)!;
    assert.ok(perm, 'an error for the permanent failure');
    assert.equal(perm.source, 'smtp-codes');
    const code = perm.code as { value: string; target: vscode.Uri };
    assert.equal(code.value, '550 5.1.1');
    assert.equal(code.target.scheme, 'https');
    assert.ok(diags.some((d) => d.severity === vscode.DiagnosticSeverity.Warning && (d.code as { value: string }).value === '452 4.2.2'));
  });

  it('explains the code under the mouse (hover)', async () => {
    const doc = await open('mail.log');
    const line = doc.lineAt(0).text;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, line.indexOf('550 5.1.1') + 1));
    const text = hoverText(hovers);
    assert.match(text, /permanent failure/);
    assert.match(text, /What to do/);
  });

  it('offers the remedy quick fixes on a diagnostic', async () => {
    const doc = await open('mail.log');
    const diags = await diagnosticsWhere(doc.uri, (d) => d.length >= 2, 'mail.log diagnostics');
    const perm = diags.find((d) => d.severity === vscode.DiagnosticSeverity.Error)!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, perm.range, vscode.CodeActionKind.QuickFix.value);
    const commands = actions.map((a) => a.command?.command);
    for (const c of ['smtpCodes.openRemedy', 'smtpCodes.openReference', 'smtpCodes.copyExplanation', 'smtpCodes.ignoreCode']) assert.ok(commands.includes(c), c);
  });

  it('activates for .eml bounces and for the built-in log language (file scheme)', async () => {
    const eml = await open('bounce.eml');
    assert.equal(eml.languageId, 'eml');
    await diagnosticsWhere(eml.uri, (d) => d.some((x) => (x.code as { value: string }).value === '5.7.26'), 'bounce.eml diagnostics');
    const log = await open('app.log');
    assert.equal(log.languageId, 'log');
    await diagnosticsWhere(log.uri, (d) => d.length === 1, 'app.log diagnostics');
  });

  it('never lints an Output-panel log', async () => {
    const channel = vscode.window.createOutputChannel('SMTP test output', 'log');
    channel.appendLine('host said: 550 5.1.1 User unknown');
    channel.show(true);
    // Synchronise on a document we do lint: once its problems are in, the output's would be too.
    const probe = await open('probe.log');
    await diagnosticsWhere(probe.uri, (d) => d.length === 1, 'probe.log diagnostics');
    const outputDocs = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === 'output');
    for (const d of outputDocs) assert.equal(vscode.languages.getDiagnostics(d.uri).length, 0, `no problems for ${d.uri.toString()}`);
    channel.dispose();
  });

  it('has its commands registered', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const c of ['smtpCodes.explainCode', 'smtpCodes.explainAtCursor', 'smtpCodes.openRemedy', 'smtpCodes.openReference', 'smtpCodes.copyExplanation', 'smtpCodes.ignoreCode']) {
      assert.ok(all.includes(c), c);
    }
  });

  it('copies an explanation to the clipboard', async () => {
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('smtpCodes.copyExplanation', { reply: '550', enhanced: '5.1.1', text: 'User unknown', context: '' });
    assert.match(await vscode.env.clipboard.readText(), /^550 5\.1\.1 — /);
  });

  it('applies settings without a reload: severity off, then ignored codes', async () => {
    const doc = await open('mail.log');
    const config = vscode.workspace.getConfiguration('smtpCodes');
    try {
      await config.update('severity.transient', 'off', vscode.ConfigurationTarget.Workspace);
      await diagnosticsWhere(doc.uri, (d) => d.length === 1 && d[0].severity === vscode.DiagnosticSeverity.Error, 'only the permanent failure');
      await vscode.commands.executeCommand('smtpCodes.ignoreCode', '5.1.1');
      await diagnosticsWhere(doc.uri, (d) => d.length === 0, 'no problems once 5.1.1 is ignored');
    } finally {
      await config.update('severity.transient', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('ignoredCodes', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await diagnosticsWhere(doc.uri, (d) => d.length >= 2, 'problems back after resetting the settings');
  });

  it('scans plain text once it is configured as an extra language', async () => {
    const config = vscode.workspace.getConfiguration('smtpCodes');
    try {
      await config.update('extraLanguages', ['plaintext'], vscode.ConfigurationTarget.Workspace);
      const doc = await open('notes.txt');
      await diagnosticsWhere(doc.uri, (d) => d.length === 1, 'notes.txt diagnostics');
    } finally {
      await config.update('extraLanguages', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('explains the code at the cursor', async () => {
    const doc = await open('mail.log');
    const editor = vscode.window.activeTextEditor!;
    const col = doc.lineAt(1).text.indexOf('452 4.2.2');
    editor.selection = new vscode.Selection(1, col + 1, 1, col + 1);
    await vscode.commands.executeCommand('smtpCodes.explainAtCursor');
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === 'SMTP 452 4.2.2');
    assert.ok(tab, 'the explanation opened in a tab');
  });
});
