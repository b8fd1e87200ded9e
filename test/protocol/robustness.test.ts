// The built server against bad input, hostile clients and faults: binary text and NUL bytes,
// invalid UTF-8 on the wire, a 50 000-character line, a 1 000 000-line document, CR / CRLF /
// mixed line endings, an empty file, broken .eml, rapid edits, a document closed while it is
// scanned, cancelled requests, unknown and malformed requests, settings of the wrong type.
// One server process lives through all of it (settings tests start their own) and must still
// answer and shut down cleanly at the end. Waits are on events, never fixed sleeps.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { CancellationTokenSource, type Diagnostic, type Hover, type MarkupContent } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspTestClient } from '../support/lsp';

const BOUNCE = 'host mx.example.net[198.51.100.7] said: 550 5.1.1 <ana@example.net>: User unknown';
const DEFER = 'host mail.example.org[203.0.113.9] said: 452 4.2.2 Mailbox full';
let n = 0;
const uri = (name: string) => `file:///tmp/smtp-codes-robust/${++n}-${name}`;

let client: LspTestClient;

before(async () => {
  client = await LspTestClient.start({ settings: {} });
});
after(async () => {
  // The one server lived through every test below: it still shuts down cleanly.
  assert.equal(await client.stop(), 0, `the server exited badly; stderr: ${client.stderr.join('')}`);
});

/** Opens a document and resolves with its first diagnostics. */
async function openAndWait(name: string, languageId: string, text: string, c = client): Promise<{ uri: string; diags: Diagnostic[] }> {
  const u = uri(name);
  const waiting = c.waitForDiagnostics(u);
  await c.open(u, languageId, text);
  return { uri: u, diags: await waiting };
}

/** Every diagnostic range covers its code, read as the editor reads the text (LF, CRLF and CR end lines). */
function assertOnCodes(text: string, diags: Diagnostic[]): void {
  const doc = TextDocument.create('file:///x', 'mail-log', 1, text);
  for (const d of diags) {
    if (d.code === 'too-many-problems') continue;
    const covered = doc.getText(d.range);
    assert.ok(covered.startsWith(String(d.code).split(' ')[0]), `diagnostic ${d.code} at ${JSON.stringify(d.range)} covers ${JSON.stringify(covered)}`);
  }
}

/** A request that must still be answered: the server is alive and reading. */
async function assertAlive(c = client): Promise<void> {
  const r = await c.request<{ explanation: { code: string } }>('smtpCodes/explain', { query: '550 5.1.1' });
  assert.equal(r.explanation.code, '550 5.1.1');
}

test('binary content and NUL bytes: scanned as text, the codes in it still found', async () => {
  let junk = '';
  for (let i = 0; i < 4096; i++) junk += String.fromCharCode((i * 7919) % 256);
  const text = `${junk}\n\u0000\u0000${BOUNCE}\u0000\n${junk}\n${DEFER}\n`;
  const { diags } = await openAndWait('binary.log', 'log', text);
  const codes = diags.map((d) => d.code);
  assert.ok(codes.includes('550 5.1.1') && codes.includes('452 4.2.2'), JSON.stringify(codes));
  assertOnCodes(text, diags);
  await assertAlive();
});

test('invalid UTF-8 bytes on the wire are replaced, not fatal', async () => {
  const other = await LspTestClient.start({ pullConfiguration: false, settings: {} });
  try {
    const u = uri('invalid-utf8.log');
    const message = JSON.stringify({
      jsonrpc: '2.0',
      method: 'textDocument/didOpen',
      params: { textDocument: { uri: u, languageId: 'mail-log', version: 1, text: `@@BAD@@ ${BOUNCE}\n\ud800 lone surrogate ${DEFER}\n` } },
    });
    const [head, tail] = message.split('@@BAD@@');
    // 0xff and 0xfe never occur in UTF-8; 0xc3 0x28 is a broken two-byte sequence; 0xe2 0x82 a truncated one.
    const body = Buffer.concat([Buffer.from(head), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82]), Buffer.from(tail)]);
    const waiting = other.waitForDiagnostics(u);
    // The push-style client sends nothing by itself, so this write cannot interleave with another message.
    other.process.stdin!.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
    const diags = await waiting;
    assert.deepEqual(
      diags.map((d) => [d.range.start.line, d.code]),
      [
        [0, '550 5.1.1'],
        [1, '452 4.2.2'],
      ],
    );
    await assertAlive(other);
  } finally {
    assert.equal(await other.stop(), 0);
  }
});

test('a 50 000-character line: every code on it, hover at its far end', async () => {
  const filler = 'x'.repeat(16_000);
  const line = `${BOUNCE} ${filler} ${DEFER} ${filler} reply="421 4.7.0 Try again later" `.padEnd(50_000, 'y');
  assert.equal(line.length, 50_000);
  const { uri: u, diags } = await openAndWait('long-line.log', 'mail-log', line);
  assert.deepEqual(
    diags.map((d) => d.code),
    ['550 5.1.1', '452 4.2.2', '421 4.7.0'],
  );
  assertOnCodes(line, diags);
  const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: u }, position: diags[2].range.start });
  assert.match((hover!.contents as MarkupContent).value, /421 4\\\.7\\\.0/);
});

test('a 1 000 000-line document: capped problems with a summary, hover and edit at its last line', async () => {
  const lines: string[] = [];
  for (let i = 0; i < 1_000_000; i++) lines.push(i % 400 === 0 ? `n${i} ${BOUNCE}` : `l${i % 10}`);
  lines[999_999] = DEFER;
  const text = lines.join('\n');
  const { uri: u, diags } = await openAndWait('million.log', 'mail-log', text);
  assert.equal(diags.length, 1001, 'maxProblems (1000) and one summary');
  assert.match(diags[1000].message, /first 1000 problems of this file; 1501 more/);
  const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: u }, position: { line: 999_999, character: DEFER.indexOf('452') } });
  assert.match((hover!.contents as MarkupContent).value, /452 4\\\.2\\\.2/);
  const found = await client.request<{ reply: string } | null>('smtpCodes/findingAt', { uri: u, position: { line: 999_999, character: DEFER.indexOf('4.2.2') } });
  assert.equal(found?.reply, '452');
  // An edit at the very end: the new code is there, on the last line.
  const waiting = client.waitForDiagnostics(u, () => client.diagnostics.get(u)?.version === 2);
  const start = DEFER.indexOf('452 4.2.2');
  await client.change(u, 2, [{ range: { start: { line: 999_999, character: start }, end: { line: 999_999, character: start + 9 } }, text: '550 5.7.1' }]);
  await waiting;
  const hover2 = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: u }, position: { line: 999_999, character: start } });
  assert.match((hover2!.contents as MarkupContent).value, /550 5\\\.7\\\.1/);
  await client.close(u);
});

test('CRLF, lone CR and mixed line endings: diagnostics on the lines the editor shows', async () => {
  const text = [`a ${BOUNCE}`, `b ${DEFER}`, `c ${BOUNCE}`, `d ${DEFER}`, 'e said: 250 2.0.0 Ok', `f ${BOUNCE}`].map((l, i) => l + ['\r\n', '\r', '\n'][i % 3]).join('');
  const { diags } = await openAndWait('mixed-endings.log', 'mail-log', text);
  assert.deepEqual(
    diags.map((d) => [d.range.start.line, d.code]),
    [
      [0, '550 5.1.1'],
      [1, '452 4.2.2'],
      [2, '550 5.1.1'],
      [3, '452 4.2.2'],
      [5, '550 5.1.1'],
    ],
  );
  assertOnCodes(text, diags);
  const crOnly = `${BOUNCE}\r${DEFER}\r`;
  const cr = await openAndWait('cr-only.log', 'mail-log', crOnly);
  assert.deepEqual(
    cr.diags.map((d) => d.range.start.line),
    [0, 1],
  );
  assertOnCodes(crOnly, cr.diags);
});

test('an empty file: no problems, no hover; typing a code into it reports it', async () => {
  const { uri: u, diags } = await openAndWait('empty.log', 'mail-log', '');
  assert.deepEqual(diags, []);
  assert.equal(await client.request('textDocument/hover', { textDocument: { uri: u }, position: { line: 0, character: 0 } }), null);
  assert.equal(await client.request('smtpCodes/findingAt', { uri: u, position: { line: 0, character: 0 } }), null);
  const waiting = client.waitForDiagnostics(u, (d) => d.length === 1);
  await client.change(u, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: BOUNCE }]);
  assert.equal((await waiting)[0].code, '550 5.1.1');
});

test('truncated and malformed .eml: broken boundaries, base64 that is not base64, cut mid-header', async () => {
  const head = ['From: MAILER-DAEMON@example.com', 'To: me@example.com', 'Subject: Undelivered Mail'];
  const cases: Array<[string, string, string[]]> = [
    ['boundary never found', [...head, 'Content-Type: multipart/report; boundary="nope"', '', BOUNCE, ''].join('\n'), ['550 5.1.1']],
    ['boundary never closed', [...head, 'Content-Type: multipart/mixed; boundary="b"', '', '--b', 'Content-Type: text/plain', '', BOUNCE, '--b', 'Content-Type: multipart/alternative; boundary="c"', '', '--c', DEFER].join('\n'), ['550 5.1.1', '452 4.2.2']],
    ['no boundary parameter', [...head, 'Content-Type: multipart/mixed', '', BOUNCE].join('\n'), ['550 5.1.1']],
    [
      'base64 that is not base64',
      [...head, 'Content-Type: multipart/mixed; boundary="b"', '', '--b', 'Content-Type: text/plain', 'Content-Transfer-Encoding: base64', '', `!!!! ${BOUNCE} !!!!`, '--b--'].join('\n'),
      ['550 5.1.1'],
    ],
    ['truncated base64', [...head, 'Content-Type: text/plain', 'Content-Transfer-Encoding: base64', '', Buffer.from(`${DEFER}\n`).toString('base64').slice(0, 50)].join('\n'), []],
    ['cut in the middle of a header', [...head, 'Content-Type: multipart/report; bound'].join('\n'), []],
    ['headers only, no blank line', [...head, `X-Note: ${BOUNCE}`].join('\n'), []],
  ];
  for (const [name, text, expected] of cases) {
    const { diags } = await openAndWait(`${name.replace(/\W+/g, '-')}.eml`, 'eml', text);
    assert.deepEqual(
      diags.map((d) => d.code),
      expected,
      name,
    );
    if (!text.includes('base64')) assertOnCodes(text, diags);
  }
  await assertAlive();
});

test('rapid edits: the last diagnostics are those of the last version, never of an older one', async () => {
  const u = uri('rapid.log');
  await client.open(u, 'mail-log', '');
  let text = '';
  const EDITS = 200;
  for (let v = 2; v <= EDITS + 1; v++) {
    // Type a line at the end, as fast as the pipe takes it.
    const line = v - 2;
    const insert = `${v % 2 ? BOUNCE : DEFER}\n`;
    await client.change(u, v, [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: insert }]);
    text += insert;
  }
  const final = EDITS + 1;
  const diags = await client.waitForVersion(u, final);
  const fresh = await openAndWait('rapid-fresh.log', 'mail-log', text);
  assert.deepEqual(diags, fresh.diags, 'the same problems as the final text opened fresh');
  assert.equal(diags.length, EDITS);
  const versions = client.published.filter((p) => p.uri === u).map((p) => p.version ?? -1);
  for (let i = 1; i < versions.length; i++) assert.ok(versions[i] >= versions[i - 1], `diagnostics of version ${versions[i]} published after those of ${versions[i - 1]}`);
});

test('a document closed while it is being scanned: cleared, and never reported again', async () => {
  const u = uri('closed-early.log');
  const big = Array.from({ length: 200_000 }, (_, i) => (i % 50 === 0 ? BOUNCE : 'filler line')).join('\n');
  const cleared = client.waitForDiagnostics(u, (d) => d.length === 0);
  await client.open(u, 'mail-log', big);
  await client.close(u);
  await cleared;
  // Another document goes through the same pipeline afterwards: anything pending for the closed one has run by then.
  await openAndWait('after-close.log', 'mail-log', BOUNCE);
  const published = client.published.filter((p) => p.uri === u).map((p) => p.diagnostics.length);
  assert.equal(published[published.length - 1], 0, `the last publication clears the closed document: ${published.join(', ')}`);
  assert.equal(await client.request('textDocument/hover', { textDocument: { uri: u }, position: { line: 0, character: BOUNCE.indexOf('550') } }), null);
});

test('cancelled requests are answered (a result or RequestCancelled) and the server goes on', async () => {
  const { uri: u } = await openAndWait('cancel.log', 'mail-log', Array.from({ length: 5000 }, () => BOUNCE).join('\n'));
  const settled = await Promise.allSettled(
    Array.from({ length: 30 }, (_, i) => {
      const source = new CancellationTokenSource();
      const p = client.connection.sendRequest('textDocument/hover', { textDocument: { uri: u }, position: { line: i, character: BOUNCE.indexOf('550') } }, source.token);
      source.cancel();
      return p;
    }),
  );
  for (const s of settled) {
    if (s.status === 'rejected') assert.equal((s.reason as { code?: number }).code, -32800, `a cancelled request failed otherwise: ${String(s.reason)}`);
    else assert.ok(s.value === null || typeof s.value === 'object');
  }
  const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: u }, position: { line: 4999, character: BOUNCE.indexOf('550') } });
  assert.ok(hover);
});

test('unknown requests get MethodNotFound, unknown notifications are ignored', async () => {
  await assert.rejects(client.request('smtpCodes/doesNotExist', { x: 1 }), (err: { code?: number }) => err.code === -32601);
  await assert.rejects(client.request('workspace/frobnicate', null), (err: { code?: number }) => err.code === -32601);
  await client.connection.sendNotification('smtpCodes/whatever', { x: [1, 2, 3] });
  await client.connection.sendNotification('$/unknownNotification', {});
  await assertAlive();
});

test('malformed parameters of every request get an answer (a result or an error), never a crash', async () => {
  const u = (await openAndWait('malformed.log', 'mail-log', BOUNCE)).uri;
  const calls: Array<[string, unknown]> = [
    ['smtpCodes/explain', null],
    ['smtpCodes/explain', { query: 42 }],
    ['smtpCodes/explain', { query: { toString: 1 } }],
    ['smtpCodes/explain', { reply: {}, enhanced: [], text: 5, context: null }],
    ['smtpCodes/explain', { reply: '550', text: { length: 3 } }],
    ['smtpCodes/explain', { query: `550${' '.repeat(100_000)}5.1.1` }],
    ['smtpCodes/findingAt', {}],
    ['smtpCodes/findingAt', { uri: u }],
    ['smtpCodes/findingAt', { uri: u, position: { line: 'a', character: null } }],
    ['smtpCodes/findingAt', { uri: 'file:///never/opened.log', position: { line: 0, character: 0 } }],
    ['smtpCodes/catalog', 'nonsense'],
    ['textDocument/hover', { textDocument: { uri: u }, position: { line: -1, character: -5 } }],
    ['textDocument/hover', { textDocument: { uri: u }, position: { line: 1e9, character: 1e9 } }],
    ['textDocument/hover', { textDocument: { uri: 'file:///never/opened.log' }, position: { line: 0, character: 0 } }],
    ['textDocument/codeAction', { textDocument: { uri: u }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [{ source: 'smtp-codes', data: { reply: 5, enhanced: {} }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: 'x' }] } }],
    ['textDocument/codeAction', { textDocument: { uri: u }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [{ source: 'smtp-codes', data: { reply: '550', enhanced: null, text: 'x', context: 'y' }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: 'x' }] } }],
    ['workspace/executeCommand', { command: 'smtpCodes.openRemedy', arguments: [{ reply: 5, enhanced: {}, text: null, context: 7 }] }],
    ['workspace/executeCommand', { command: 'smtpCodes.openRemedy', arguments: [{ reply: '../../../etc/passwd', enhanced: null, text: '', context: '' }] }],
    ['workspace/executeCommand', { command: 'smtpCodes.openReference', arguments: ['javascript:alert(1)'] }],
    ['workspace/executeCommand', { command: 'smtpCodes.copyExplanation', arguments: [] }],
    ['workspace/executeCommand', { command: 'smtpCodes.ignoreCode', arguments: [{}] }],
    ['workspace/executeCommand', { command: 'no.such.command', arguments: [1] }],
  ];
  for (const [method, params] of calls) {
    // An answer either way; an error must be a JSON-RPC error (with a code).
    await client.request(method, params).then(
      () => undefined,
      (err: { code?: number; message?: string }) => {
        assert.equal(typeof err.code, 'number', `${method} ${JSON.stringify(params)}: ${String(err)}`);
      },
    );
  }
  await assertAlive();
  assert.ok(!client.stderr.join('').includes('uncaught exception'), client.stderr.join(''));
});

test('settings of the wrong type: defaults are used, each problem is said once', async () => {
  const bad = { severity: 'loud', maxProblems: 'lots', ignoredCodes: [550, null], extraLanguages: 'plaintext' };
  const other = await LspTestClient.start({ settings: bad });
  try {
    const first = await openAndWait('wrong-1.log', 'mail-log', `${BOUNCE}\n${DEFER}`, other);
    assert.deepEqual(
      first.diags.map((d) => [d.code, d.severity]),
      [
        ['550 5.1.1', 1],
        ['452 4.2.2', 2],
      ],
      'default severities',
    );
    // Settings re-read after a change and for another document: the same problems are not said again.
    const again = other.waitForDiagnostics(first.uri, () => true);
    await other.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await again;
    await openAndWait('wrong-2.log', 'mail-log', BOUNCE, other);
    const said = other.messages.filter((m) => m.message.startsWith('SMTP Codes:')).map((m) => m.message);
    for (const key of ['smtpCodes.severity', 'smtpCodes.maxProblems', 'smtpCodes.ignoredCodes', 'smtpCodes.extraLanguages']) {
      assert.equal(said.filter((m) => m.includes(`${key} `)).length, 1, `${key} said once: ${JSON.stringify(said)}`);
    }
  } finally {
    assert.equal(await other.stop(), 0);
  }
});

test('settings that are not an object at all (push-style clients): defaults, said once', async () => {
  const other = await LspTestClient.start({ pullConfiguration: false, initializationOptions: { settings: 'banana' } });
  try {
    const { uri: u, diags } = await openAndWait('not-object.log', 'mail-log', BOUNCE, other);
    assert.equal(diags[0].severity, 1);
    const updated = other.waitForDiagnostics(u, () => true);
    await other.connection.sendNotification('workspace/didChangeConfiguration', { settings: { smtpCodes: [1, 2, 3] } });
    await updated;
    const updated2 = other.waitForDiagnostics(u, () => true);
    await other.connection.sendNotification('workspace/didChangeConfiguration', { settings: { smtpCodes: 'banana' } });
    await updated2;
    const said = other.messages.filter((m) => m.message.startsWith('SMTP Codes:')).map((m) => m.message);
    assert.equal(said.length, 1, JSON.stringify(said));
    assert.match(said[0], /smtpCodes settings must be an object/);
  } finally {
    assert.equal(await other.stop(), 0);
  }
});
