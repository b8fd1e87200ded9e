// Reading a big log ahead (smtpCodes/prefetch): the server reads the file from disk before its
// document arrives; a document with exactly that text gets the analysis read ahead, one with
// other text (an unsaved change) is read as it arrived. Both publish the same problems.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { LspTestClient } from '../support/lsp';
import { LogGenerator } from '../../scripts/bench/generate';
import type { StatsResult } from '../../server/src/protocol';

const dir = mkdtempSync(join(tmpdir(), 'smtp-codes-prefetch-'));
let client: LspTestClient;
let path: string;
let uri: string;
let text: string;

before(async () => {
  client = await LspTestClient.start({ settings: {} });
  path = join(dir, 'mail.log');
  // Just over the size the server reads ahead (server/src/lsp/memory.ts BIG_DOCUMENT, 4 MB).
  await new LogGenerator(7).writeFile(path, (4 << 20) + (64 << 10));
  uri = pathToFileURL(path).toString();
  text = readFileSync(path, 'utf8');
});
after(async () => {
  await client?.stop();
});

/** Asks the server until the file has been read ahead (a condition, not a fixed wait). */
async function readAhead(target: string): Promise<void> {
  for (const deadline = Date.now() + 30000; ; ) {
    const stats = await client.request<StatsResult>('smtpCodes/stats', {});
    if (stats.readAhead.includes(target)) return;
    assert.ok(Date.now() < deadline, `${target} was not read ahead within 30 s`);
  }
}

const summary = (d: Diagnostic[]) => d.map((x) => `${x.range.start.line}:${x.range.start.character} ${x.code} ${x.message}`);

test('a big log read ahead from disk is not read again when its document arrives with the same text', async () => {
  await client.connection.sendNotification('smtpCodes/prefetch', { uri });
  await readAhead(uri);
  const published = client.waitForDiagnostics(uri);
  await client.open(uri, 'mail-log', text);
  const withReadAhead = await published;
  const stats = await client.request<StatsResult>('smtpCodes/stats', {});
  assert.equal(stats.documents.find((d) => d.uri === uri)?.timing?.readAhead, true);
  assert.deepEqual(stats.readAhead, [], 'the read-ahead is handed over, not kept');
  await client.close(uri);
  // The same document without a read-ahead: the same problems.
  const again = client.waitForDiagnostics(uri, (d) => d.length > 0);
  await client.open(uri, 'mail-log', text);
  const without = await again;
  assert.equal((await client.request<StatsResult>('smtpCodes/stats', {})).documents.find((d) => d.uri === uri)?.timing?.readAhead, false);
  assert.ok(withReadAhead.length > 100);
  assert.deepEqual(summary(withReadAhead), summary(without));
  await client.close(uri);
});

test('a document whose text differs from the file (an unsaved change) is read as it arrived', async () => {
  await client.connection.sendNotification('smtpCodes/prefetch', { uri });
  await readAhead(uri);
  const edited = `Nov 24 10:15:02 mx1 postfix/smtp[1]: A: to=<ana@example.net>, relay=x[192.0.2.1]:25, dsn=5.1.1, status=bounced (host x[192.0.2.1] said: 550 5.1.1 User unknown (in reply to RCPT TO command))\n${text}`;
  const published = client.waitForDiagnostics(uri, (d) => d.length > 0);
  await client.open(uri, 'mail-log', edited);
  const d = await published;
  assert.equal((await client.request<StatsResult>('smtpCodes/stats', {})).documents.find((x) => x.uri === uri)?.timing?.readAhead, false);
  assert.equal(d[0].range.start.line, 0, 'the problem of the unsaved first line');
  assert.equal(d[0].code, '550 5.1.1');
  await client.close(uri);
});
