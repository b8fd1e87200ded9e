// The trail of a message over LSP, against the built server: references, document highlights,
// definition and the hover on a queue ID in a real Postfix log (test/fixtures/mta), across the
// open log and the workspace's rotated logs on disk (one gzip-compressed); and from a bounce's
// X-Postfix-Queue-ID to the log lines of its message. Expected lines are computed here from
// expected.json and a word split of the log, not by the engine.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { LspTestClient } from '../support/lsp';
import { repoRoot } from '../support/shared';

const MTA = join(repoRoot, 'test', 'fixtures', 'mta');
const text = readFileSync(join(MTA, 'postfix', 'mail.log'), 'utf8');
const lines = text.split('\n');
const expected = JSON.parse(readFileSync(join(MTA, 'expected.json'), 'utf8')).logs['postfix/mail.log'].messages as Record<string, { notifications: { id: string }[] }>;

/** 0-based lines of `source` holding one of the IDs as a word. */
function holding(source: string[], ids: string[]): number[] {
  const out: number[] = [];
  source.forEach((l, i) => {
    if (l.split(/[^A-Za-z0-9-]+/).some((w) => ids.includes(w))) out.push(i);
  });
  return out;
}

/** Where an ID is on a 0-based line. */
function at(source: string[], line: number, id: string): { line: number; character: number } {
  const character = source[line].indexOf(id);
  assert.ok(character >= 0, `${id} on line ${line + 1}`);
  return { line, character: character + 2 };
}

interface Location {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

// A workspace: the older half of the log rotated and compressed (mail.log.1.gz, never opened), the
// newer half as mail.log (opened), and a bounce beside them.
const ws = mkdtempSync(join(tmpdir(), 'smtp-codes-trail-'));
const SPLIT = 150;
const older = lines.slice(0, SPLIT);
const newer = lines.slice(SPLIT);
writeFileSync(join(ws, 'mail.log.1.gz'), gzipSync(older.join('\n') + '\n'));
writeFileSync(join(ws, 'mail.log'), newer.join('\n'));
const whole = join(mkdtempSync(join(tmpdir(), 'smtp-codes-trail-whole-')), 'mail.log');
writeFileSync(whole, text);
const bounceName = '01-P02-bounce-at-rcpt-failed.eml';
copyFileSync(join(MTA, 'postfix', 'bounces', bounceName), join(ws, bounceName));
const wsUri = pathToFileURL(ws).toString();
const logUri = pathToFileURL(join(ws, 'mail.log')).toString();
const gzUri = pathToFileURL(join(ws, 'mail.log.1.gz')).toString();
const wholeUri = pathToFileURL(whole).toString();

let client: LspTestClient;
before(async () => {
  client = await LspTestClient.start({ settings: {}, workspaceFolders: [wsUri] });
});
after(async () => {
  await client?.stop();
});

test('the server declares references, document highlights and definition', () => {
  const caps = client.initializeResult!.capabilities;
  assert.equal(caps.referencesProvider, true);
  assert.equal(caps.documentHighlightProvider, true);
  assert.equal(caps.definitionProvider, true);
});

test('references on a queue ID: exactly its message lines and its notification lines; highlights the same lines', async () => {
  const opened = client.waitForDiagnostics(wholeUri);
  await client.open(wholeUri, 'mail-log', text);
  await opened;
  const id = 'EF20920E37E';
  const want = holding(lines, [id, ...expected[id].notifications.map((n) => n.id)]);
  const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri: wholeUri }, position: at(lines, 19, id), context: { includeDeclaration: true } });
  assert.deepEqual(
    refs.map((r) => r.range.start.line),
    want,
  );
  // Each reference points at an ID of the trail on its line.
  for (const r of refs) {
    const word = lines[r.range.start.line].slice(r.range.start.character, r.range.end.character);
    assert.ok([id, ...expected[id].notifications.map((n) => n.id)].includes(word), word);
  }
  const highlights = await client.request<{ range: Location['range'] }[]>('textDocument/documentHighlight', { textDocument: { uri: wholeUri }, position: at(lines, 19, id) });
  assert.deepEqual([...new Set(highlights.map((h) => h.range.start.line))], want);
  // The notification line names both IDs: both are highlighted.
  const link = lines.findIndex((l) => l.includes(`${id}: sender non-delivery notification`));
  assert.equal(highlights.filter((h) => h.range.start.line === link).length, 2);
  // An address: highlighted where it is written; its references are its message's trail.
  const address = await client.request<{ range: Location['range'] }[]>('textDocument/documentHighlight', { textDocument: { uri: wholeUri }, position: at(lines, 19, 'unknown@bounce.test') });
  assert.deepEqual(
    address.map((h) => [h.range.start.line, lines[h.range.start.line].slice(h.range.start.character, h.range.end.character)]),
    [
      [19, 'unknown@bounce.test'],
      [19, 'unknown@bounce.test'],
    ],
  );
  // (The workspace's logs hold the same lines: an address's messages are found in every log.)
  const byAddress = await client.request<Location[]>('textDocument/references', { textDocument: { uri: wholeUri }, position: at(lines, 19, 'unknown@bounce.test'), context: { includeDeclaration: true } });
  assert.deepEqual(
    byAddress.filter((r) => r.uri === wholeUri).map((r) => r.range.start.line),
    want,
  );
  assert.deepEqual(
    byAddress.filter((r) => r.uri === gzUri).map((r) => r.range.start.line),
    want.filter((l) => l < SPLIT),
  );
  // Not on an ID: nothing.
  const none = await client.request<unknown[] | null>('textDocument/references', { textDocument: { uri: wholeUri }, position: { line: 0, character: 3 }, context: { includeDeclaration: true } });
  assert.ok(none === null || none.length === 0);
  await client.close(wholeUri);
});

test("hover on a queue ID tells the message's story; a code's hover still explains the code", async () => {
  const opened = client.waitForDiagnostics(wholeUri);
  await client.open(wholeUri, 'mail-log', text);
  await opened;
  const hover = await client.request<{ contents: { value: string }; range: Location['range'] } | null>('textDocument/hover', { textDocument: { uri: wholeUri }, position: at(lines, 10, 'EF20920E37E') });
  assert.ok(hover);
  const shown = hover.contents.value.replace(/\\(.)/g, '$1').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
  assert.match(shown, /Message EF20920E37E \(Postfix\)/);
  assert.match(shown, /received from localhost\[127\.0\.0\.1\], sender sender@example\.com, Message-ID <p02\.bounce-at-rcpt@client\.example\.com>, 446 bytes/);
  assert.match(shown, /unknown@bounce\.test: bounced, 550 5\.1\.1 at Dec 06 00:42:47 \(line 20\)/);
  assert.match(shown, /removed from the queue at Dec 06 00:42:47 \(line 25\)/);
  assert.match(shown, /2B34C20E044, sender <> \(a notification\): sender@example\.com delivered/);
  assert.equal(lines[10].slice(hover.range.start.character, hover.range.end.character), 'EF20920E37E');
  const code = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: wholeUri }, position: { line: 19, character: lines[19].indexOf('550 5.1.1') + 1 } });
  assert.match(code!.contents.value, /5\\\.1\\\.1/);
  assert.doesNotMatch(code!.contents.value, /Message EF20920E37E/);
  await client.close(wholeUri);
});

test("references across the workspace's logs: the rotated, compressed sibling on disk too", async () => {
  const opened = client.waitForDiagnostics(logUri);
  await client.open(logUri, 'mail-log', newer.join('\n'));
  await opened;
  const id = '840C220E43A';
  const all = holding(lines, [id, ...expected[id].notifications.map((n) => n.id)]);
  // The cursor on its expiry line, in the newer log.
  const expiry = lines.findIndex((l) => l.includes(`${id}: from=<sender@example.com>, status=expired`));
  const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri: logUri }, position: at(newer, expiry - SPLIT, id), context: { includeDeclaration: true } });
  const got = refs.map((r) => (r.uri === gzUri ? r.range.start.line : r.uri === logUri ? r.range.start.line + SPLIT : -1));
  assert.deepEqual(got, all);
  assert.ok(refs.some((r) => r.uri === gzUri) && refs.some((r) => r.uri === logUri));
  // Highlights stay in the open document.
  const highlights = await client.request<{ range: Location['range'] }[]>('textDocument/documentHighlight', { textDocument: { uri: logUri }, position: at(newer, expiry - SPLIT, id) });
  assert.deepEqual([...new Set(highlights.map((h) => h.range.start.line + SPLIT))], all.filter((l) => l >= SPLIT));
  await client.close(logUri);
});

test("a bounce's X-Postfix-Queue-ID leads to the log lines of its message (references and definition)", async () => {
  const eml = readFileSync(join(ws, bounceName), 'utf8');
  const emlLines = eml.split('\n');
  const uri = pathToFileURL(join(ws, bounceName)).toString();
  const opened = client.waitForDiagnostics(uri);
  await client.open(uri, 'eml', eml);
  await opened;
  const line = emlLines.findIndex((l) => l.startsWith('X-Postfix-Queue-ID: '));
  const position = { line, character: 'X-Postfix-Queue-ID: '.length + 3 };
  const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: false } });
  const id = 'EF20920E37E';
  const want = holding(lines, [id, ...expected[id].notifications.map((n) => n.id)]);
  assert.deepEqual(
    refs.filter((r) => r.uri === gzUri).map((r) => r.range.start.line),
    want.filter((l) => l < SPLIT),
  );
  const definition = await client.request<Location | null>('textDocument/definition', { textDocument: { uri }, position });
  assert.equal(definition?.uri, gzUri);
  assert.equal(definition?.range.start.line, lines.findIndex((l) => l.includes(`${id}: client=`)));
  // The returned message's Message-ID leads to the same message.
  const mid = emlLines.findIndex((l) => l.startsWith('Message-Id: <p02.'));
  const byMid = await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position: { line: mid, character: 16 }, context: { includeDeclaration: true } });
  assert.ok(byMid.some((r) => r.uri === uri && r.range.start.line === mid), 'the declaration in the bounce');
  assert.deepEqual(
    byMid.filter((r) => r.uri === gzUri).map((r) => r.range.start.line),
    want.filter((l) => l < SPLIT),
  );
  await client.close(uri);
});

test('bounded on a big document where one address is on every line: answers come, with at most a few thousand places', async () => {
  const uri = 'untitled:huge-trail.log';
  const many: string[] = [];
  for (let i = 0; i < 200000; i++) many.push(`Dec 06 00:42:46 mx postfix/qmgr[1]: ${(0x10000000000 + i * 7919).toString(16).toUpperCase().slice(1)}: from=<same@example.com>, size=1, nrcpt=1 (queue active)`);
  const opened = client.waitForDiagnostics(uri, () => true, 60000);
  await client.open(uri, 'mail-log', many.join('\n'));
  await opened;
  const position = { line: 100000, character: many[100000].indexOf('same@') + 2 };
  const highlights = await client.request<unknown[]>('textDocument/documentHighlight', { textDocument: { uri }, position });
  assert.ok(highlights.length > 0 && highlights.length <= 5000, String(highlights.length));
  const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position, context: { includeDeclaration: true } });
  assert.ok(refs.length > 0 && refs.length <= 5000, String(refs.length));
  // Still answering.
  const hover = await client.request<unknown>('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 40 } });
  assert.ok(hover);
  await client.close(uri);
});
