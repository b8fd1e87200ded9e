// The built language server, spawned as a separate process over stdio and driven as an
// editor would: initialize, didOpen, diagnostics, hover, codeAction, didChange, settings,
// custom requests, shutdown.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, type CodeAction, type Diagnostic, type Hover, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { LspTestClient } from '../support/lsp';

const LOG = [
  'Nov 24 10:15:02 mx1 postfix/smtp[20410]: 3F2A81C0D4: to=<ana@example.net>, relay=mx.example.net[198.51.100.7]:25, delay=1.4, delays=0.05/0.01/0.9/0.4, dsn=5.1.1, status=bounced (host mx.example.net[198.51.100.7] said: 550 5.1.1 <ana@example.net>: Recipient address rejected: User unknown (in reply to RCPT TO command))',
  'Nov 24 10:16:40 mx1 postfix/smtp[20412]: 7C1E21C0D9: to=<bo@example.org>, relay=mail.example.org[203.0.113.9]:25, delay=301, delays=300/0.02/0.5/0.3, dsn=4.2.2, status=deferred (host mail.example.org[203.0.113.9] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command))',
  'Nov 24 10:17:00 mx1 postfix/smtp[20413]: 0A1B2C3D4E: to=<cy@example.com>, relay=mx.example.com[192.0.2.26]:25, delay=0.8, delays=0.1/0/0.3/0.4, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 1A2B3C)',
].join('\n');
const URI = 'file:///tmp/smtp-codes-test/mail.log';

let client: LspTestClient;

before(async () => {
  client = await LspTestClient.start({ settings: {} });
});
after(async () => {
  await client?.stop();
});

test('initialize: declares incremental sync, hover and quick fixes, and names itself', () => {
  const caps = client.initializeResult!.capabilities;
  assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
  assert.equal(caps.hoverProvider, true);
  assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix'] });
  assert.equal(client.initializeResult!.serverInfo?.name, 'smtp-codes-language-server');
});

test('didOpen: permanent failures as errors, transient as warnings, successes not reported', async () => {
  const waiting = client.waitForDiagnostics(URI);
  await client.open(URI, 'mail-log', LOG);
  const diags = await waiting;
  assert.equal(diags.length, 2);
  const [perm, trans] = diags;
  assert.equal(perm.severity, DiagnosticSeverity.Error);
  assert.equal(perm.source, 'smtp-codes');
  assert.equal(perm.code, '550 5.1.1');
  assert.match(perm.message, /^Bounced: 550 5\.1\.1 .*mailbox/i);
  assert.equal(perm.range.start.line, 0);
  assert.equal(LOG.split('\n')[0].slice(perm.range.start.character, perm.range.end.character), '550 5.1.1');
  assert.ok(perm.codeDescription?.href.startsWith('https://'), 'a codeDescription link');
  assert.equal(trans.severity, DiagnosticSeverity.Warning);
  assert.equal(trans.code, '452 4.2.2');
});

test('hover: on 550, on 5.1.1 of the same reply, on dsn=, and nothing on a pid', async () => {
  const line0 = LOG.split('\n')[0];
  const at = (needle: string, from = 0) => ({ line: 0, character: line0.indexOf(needle, from) + 1 });
  const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: URI }, position: at('550 5.1.1') });
  assert.ok(hover);
  const md = (hover.contents as MarkupContent).value;
  assert.equal((hover.contents as MarkupContent).kind, 'markdown');
  assert.match(md, /550 5\\\.1\\\.1/);
  assert.match(md, /permanent failure/);
  assert.match(md, /What to do/);
  assert.match(md, /\]\(https:\/\/www\.rfc-editor\.org\/rfc\/rfc3463#section-3\.2\)/);
  const onEnhanced = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: URI }, position: { line: 0, character: line0.indexOf('550 5.1.1') + 6 } });
  assert.ok(onEnhanced);
  const onDsn = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: URI }, position: at('5.1.1') });
  assert.ok(onDsn, 'the dsn= field of the same reply hovers too');
  const onPid = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: URI }, position: at('20410') });
  assert.equal(onPid, null);
});

test('codeAction: remedy, reference, copy and ignore quick fixes for a diagnostic', async () => {
  const diags = client.diagnostics.get(URI)!.diagnostics;
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri: URI },
    range: diags[0].range,
    context: { diagnostics: [diags[0]], only: ['quickfix'] },
  });
  assert.deepEqual(
    actions.map((a) => a.command?.command),
    ['smtpCodes.openRemedy', 'smtpCodes.openReference', 'smtpCodes.copyExplanation', 'smtpCodes.ignoreCode'],
  );
  assert.ok(actions.every((a) => a.kind === 'quickfix'));
  assert.equal(actions[0].isPreferred, true);
  assert.match(String(actions[1].command?.arguments?.[0]), /^https:\/\//);
  assert.equal(actions[3].command?.arguments?.[0], '5.1.1');
});

test('didChange: an incremental edit updates the diagnostics', async () => {
  const line0 = LOG.split('\n')[0];
  const start = line0.indexOf('550 5.1.1');
  // The reply becomes a success; the line's dsn=5.1.1 field still reports the failure on its own.
  const waiting = client.waitForDiagnostics(URI, (d) => d[0]?.code === '5.1.1');
  await client.change(URI, 2, [{ range: { start: { line: 0, character: start }, end: { line: 0, character: start + 9 } }, text: '250 2.0.0' }]);
  const diags = await waiting;
  assert.deepEqual(
    diags.map((d) => d.code),
    ['5.1.1', '452 4.2.2'],
  );
  assert.equal(line0.slice(diags[0].range.start.character, diags[0].range.end.character), '5.1.1');
});

test('custom requests: explain, catalog, findingAt', async () => {
  const ex = await client.request<{ explanation: { code: string; class: string; known: boolean }; html: string; markdown: string; text: string }>('smtpCodes/explain', { query: '550 5.7.26' });
  assert.equal(ex.explanation.code, '550 5.7.26');
  assert.equal(ex.explanation.class, 'permanent');
  assert.match(ex.html, /^<!DOCTYPE html>/);
  assert.match(ex.html, /Content-Security-Policy/);
  const unknown = await client.request<{ explanation: { known: boolean } }>('smtpCodes/explain', { query: 'hello' });
  assert.equal(unknown.explanation.known, false);
  const items = await client.request<{ query: string; label: string }[]>('smtpCodes/catalog', {});
  assert.ok(items.length > 150);
  for (const code of ['550', '5.1.1', '4.1.1', '5.7.26']) assert.ok(items.some((i) => i.label === code), `catalog has ${code}`);
  const line1 = LOG.split('\n')[1];
  const found = await client.request<{ reply: string; enhanced: string } | null>('smtpCodes/findingAt', { uri: URI, position: { line: 1, character: line1.indexOf('452 4.2.2') } });
  assert.deepEqual([found?.reply, found?.enhanced], ['452', '4.2.2']);
});

test('custom request search: the engine ranks the lookup (code, pair, words) and says what to try when nothing matches', async () => {
  type Result = { items: { label: string; query: string; provider: string | null }[]; hint?: string };
  const words = await client.request<Result>('smtpCodes/search', { query: 'no such user' });
  assert.ok(words.items.some((i) => i.label === '5.1.1' && i.provider === null));
  const pair = await client.request<Result>('smtpCodes/search', { query: '550 5.7.1' });
  assert.equal(pair.items[0].query, '550 5.7.1');
  const none = await client.request<Result>('smtpCodes/search', { query: 'qwertyuiop' });
  assert.deepEqual(none.items, []);
  assert.match(none.hint ?? '', /Try a code/);
  const all = await client.request<Result>('smtpCodes/search', { query: '' });
  assert.ok(all.items.length > 300, 'an empty query lists everything');
});

test('eml documents are scanned through their MIME structure', async () => {
  const uri = 'file:///tmp/smtp-codes-test/bounce.eml';
  const eml = [
    'From: MAILER-DAEMON@example.com',
    'To: me@example.com',
    'Subject: Undelivered Mail Returned to Sender',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
    '',
    '--b',
    'Content-Type: message/delivery-status',
    '',
    'Final-Recipient: rfc822; x@example.net',
    'Action: failed',
    'Status: 5.7.1',
    'Diagnostic-Code: smtp; 554 5.7.1 Message rejected as spam',
    '--b--',
  ].join('\n');
  const waiting = client.waitForDiagnostics(uri);
  await client.open(uri, 'eml', eml);
  const diags = await waiting;
  // One problem for the one failed recipient, on the reply of its Diagnostic-Code; its Status is related, not another problem.
  assert.deepEqual(
    diags.map((d: Diagnostic) => [d.range.start.line, d.code]),
    [[11, '554 5.7.1']],
  );
  assert.match(diags[0].message, /^Bounced: 554 5\.7\.1 .* — x@example\.net$/);
  assert.deepEqual(
    diags[0].relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line]),
    [[uri, 10]],
  );
  const cleared = client.waitForDiagnostics(uri, (d) => d.length === 0);
  await client.close(uri);
  await cleared;
});

test('settings: severity off, ignored codes, and maxProblems with a closing summary', async () => {
  const other = await LspTestClient.start({ settings: { severity: { permanent: 'off', transient: 'error' }, ignoredCodes: [] } });
  try {
    const uri = 'file:///tmp/smtp-codes-test/other.log';
    const waiting = other.waitForDiagnostics(uri);
    await other.open(uri, 'log', LOG);
    const diags = await waiting;
    assert.deepEqual(
      diags.map((d) => [d.code, d.severity]),
      [['452 4.2.2', DiagnosticSeverity.Error]],
    );
    // Changing settings takes effect without reopening.
    other.settings = { ignoredCodes: ['4.2.2'], maxProblems: 0 };
    const again = other.waitForDiagnostics(uri, (d) => d.length === 1 && d[0].code === 'too-many-problems');
    await other.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const capped = await again;
    assert.match(capped[0].message, /first 0 problems of this file; 1 more/);
    // The cap says how to see everything: the results document of a scan, and the CLI.
    assert.match(capped[0].message, /"SMTP: Scan File…" lists its failures by outcome and code/);
    assert.match(capped[0].message, /`smtp-codes check` on the file lists every one/);
  } finally {
    await other.stop();
  }
});

test('settings of the wrong type fall back to defaults and are reported once', async () => {
  const other = await LspTestClient.start({ settings: { severity: { permanent: 42 }, maxProblems: 'lots' } });
  try {
    const uri = 'file:///tmp/smtp-codes-test/wrong.log';
    const waiting = other.waitForDiagnostics(uri);
    await other.open(uri, 'mail-log', LOG);
    const diags = await waiting;
    assert.equal(diags[0].severity, DiagnosticSeverity.Error, 'default severity for permanent failures');
    const second = other.waitForDiagnostics('file:///tmp/smtp-codes-test/wrong2.log');
    await other.open('file:///tmp/smtp-codes-test/wrong2.log', 'mail-log', LOG);
    await second;
    const warnings = other.messages.filter((m) => /smtpCodes\.(severity\.permanent|maxProblems)/.test(m.message));
    assert.equal(warnings.length, 2, `one warning per bad setting, once: ${JSON.stringify(other.messages)}`);
  } finally {
    await other.stop();
  }
});

test('push-style configuration (no workspace/configuration) from initializationOptions', async () => {
  const other = await LspTestClient.start({ pullConfiguration: false, settings: { severity: { transient: 'off' } } });
  try {
    const uri = 'file:///tmp/smtp-codes-test/push.log';
    const waiting = other.waitForDiagnostics(uri);
    await other.open(uri, 'mail-log', LOG);
    const diags = await waiting;
    assert.deepEqual(
      diags.map((d) => d.code),
      ['550 5.1.1'],
    );
    const updated = other.waitForDiagnostics(uri, (d) => d.length === 0);
    await other.connection.sendNotification('workspace/didChangeConfiguration', { settings: { smtpCodes: { ignoredCodes: ['550'], severity: { transient: 'off' } } } });
    await updated;
  } finally {
    await other.stop();
  }
});

test('shutdown and exit end the process with code 0', async () => {
  const other = await LspTestClient.start();
  assert.equal(await other.stop(), 0);
});

test('many incremental edits give the same problems as opening the final text', async () => {
  const uri = 'file:///tmp/smtp-codes-test/edited.log';
  let text = LOG + '\n' + LOG + '\n';
  const waiting = client.waitForDiagnostics(uri);
  await client.open(uri, 'mail-log', text);
  await waiting;
  // A fixed sequence of character-level edits, some inserting or removing line breaks.
  const inserts = ['\n', 'said: 550 5.7.1 spam\n', '', ' 452 4.2.2', '<<< 550-5.1.1 a\n<<< 550 5.1.1 b\n'];
  let version = 1;
  for (let i = 0; i < 40; i++) {
    const lines = text.split('\n');
    const line = (i * 7) % lines.length;
    const ch = Math.min(lines[line].length, (i * 37) % 200);
    const endLine = Math.min(lines.length - 1, line + (i % 3 === 0 ? 1 : 0));
    const endCh = Math.min(lines[endLine].length, endLine === line ? ch + (i % 5) : (i * 13) % 50);
    const newText = inserts[i % inserts.length];
    const offset = (l: number, c: number) => lines.slice(0, l).reduce((n, s) => n + s.length + 1, 0) + c;
    text = text.slice(0, offset(line, ch)) + newText + text.slice(offset(endLine, endCh));
    await client.change(uri, ++version, [{ range: { start: { line, character: ch }, end: { line: endLine, character: endCh } }, text: newText }]);
  }
  // Wait for the diagnostics of the last version (the server debounces).
  const settled = await client.waitForVersion(uri, version);
  const freshUri = 'file:///tmp/smtp-codes-test/fresh.log';
  const fresh = client.waitForDiagnostics(freshUri);
  await client.open(freshUri, 'mail-log', text);
  const expected = await fresh;
  const strip = (d: typeof expected) => d.map((x) => [x.range, x.code, x.severity, x.message]);
  assert.deepEqual(strip(settled), strip(expected));
});
