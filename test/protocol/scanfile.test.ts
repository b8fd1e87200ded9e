// "SMTP: Scan File…" on the server: a log (plain or gzip) is read from disk, streaming; its
// problems are published for the file's URI and its summary returned; cancellation works.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import { LspTestClient } from '../support/lsp';
import { LogGenerator } from '../../scripts/bench/generate';

const dir = mkdtempSync(join(tmpdir(), 'smtp-codes-scan-'));
const LINES = [
  'Nov 24 10:15:02 mx1 postfix/smtp[1]: A: to=<ana@example.net>, relay=x[192.0.2.1]:25, dsn=5.1.1, status=bounced (host x[192.0.2.1] said: 550 5.1.1 User unknown (in reply to RCPT TO command))',
  'Nov 24 10:16:02 mx1 postfix/smtp[2]: B: to=<bo@example.org>, relay=x[192.0.2.1]:25, dsn=4.2.2, status=deferred (host x[192.0.2.1] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command))',
  'Nov 24 10:17:02 mx1 postfix/smtp[3]: C: to=<cy@example.net>, relay=x[192.0.2.1]:25, dsn=5.1.1, status=bounced (host x[192.0.2.1] said: 550 5.1.1 User unknown (in reply to RCPT TO command))',
];

let client: LspTestClient;
before(async () => {
  client = await LspTestClient.start({ settings: {} });
});
after(async () => {
  await client?.stop();
});

interface Result {
  ok: boolean;
  error?: string;
  cancelled: boolean;
  compressed: boolean;
  uri: string;
  problems: number;
  summary: { classes: Record<string, number>; codes: { key: string; count: number }[]; domains: { key: string; count: number }[] };
}

test('scans a log from disk, publishes its problems and returns its summary', async () => {
  const path = join(dir, 'mail.log');
  writeFileSync(path, LINES.join('\n') + '\n');
  const uri = pathToFileURL(path).toString();
  const published = client.waitForDiagnostics(uri);
  const result = await client.request<Result>('smtpCodes/scanFile', { path });
  assert.equal(result.ok, true);
  assert.equal(result.uri, uri);
  assert.equal(result.summary.classes.permanent, 2);
  assert.equal(result.summary.classes.transient, 1);
  assert.deepEqual(result.summary.codes[0], { ...result.summary.codes[0], key: '550 5.1.1', count: 2 });
  assert.deepEqual(result.summary.domains[0], { key: 'example.net', count: 2 });
  const diags = await published;
  assert.deepEqual(
    diags.map((d) => d.code),
    ['550 5.1.1', '452 4.2.2', '550 5.1.1'],
  );
});

test('scans a gzip-rotated log', async () => {
  const path = join(dir, 'mail.log.2.gz');
  writeFileSync(path, gzipSync(LINES.join('\n')));
  const result = await client.request<Result>('smtpCodes/scanFile', { path });
  assert.equal(result.ok, true);
  assert.equal(result.compressed, true);
  assert.equal(result.summary.classes.permanent, 2);
});

test('a file open in the editor keeps the problems of its open document, whatever its URI escapes', async () => {
  // VS Code's URI of `relay (copy).log` escapes the parentheses, Node's pathToFileURL does not.
  const path = join(dir, 'relay (copy).log');
  writeFileSync(path, LINES[0] + '\n');
  const editorUri = pathToFileURL(dir).toString() + '/' + encodeURIComponent('relay (copy).log').replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  assert.notEqual(editorUri, pathToFileURL(path).toString());
  const opened = client.waitForDiagnostics(editorUri);
  await client.open(editorUri, 'log', [LINES[1], LINES[0]].join('\n')); // edited, not saved
  assert.deepEqual((await opened).map((d) => d.code), ['452 4.2.2', '550 5.1.1']);
  const result = await client.request<Result>('smtpCodes/scanFile', { path });
  assert.equal(result.ok, true);
  // The server publishes a scanned file's problems before it answers: none were.
  assert.equal(client.diagnostics.get(pathToFileURL(path).toString()), undefined, 'no problems published for the file under another URI');
  await client.close(editorUri);
});

test('a missing file and a binary file get a clear error', async () => {
  const missing = await client.request<Result>('smtpCodes/scanFile', { path: join(dir, 'nope.log') });
  assert.deepEqual([missing.ok, missing.error], [false, 'no such file']);
  const bin = join(dir, 'blob.log');
  writeFileSync(bin, Buffer.from([0, 1, 2, 0, 0, 0, 255]));
  const binary = await client.request<Result>('smtpCodes/scanFile', { path: bin });
  assert.equal(binary.ok, false);
  assert.match(binary.error!, /not a text file/);
});

test('a scan is cancelled after its first progress report', async () => {
  const path = join(dir, 'big.log');
  await new LogGenerator(9).writeFile(path, 24 << 20);
  const source = new CancellationTokenSource();
  const progressed = new Promise<void>((resolve) => {
    const sub = client.connection.onNotification('smtpCodes/scanProgress', () => {
      sub.dispose();
      source.cancel();
      resolve();
    });
  });
  const pending = client.connection.sendRequest('smtpCodes/scanFile', { path }, source.token) as Promise<Result>;
  await progressed;
  const result = await pending.catch((err: { code?: number }) => ({ cancelledByProtocol: err.code }) as unknown as Result);
  // Either the server answered with a partial result, or the request was cancelled by the protocol.
  if ('cancelledByProtocol' in result) assert.equal((result as unknown as { cancelledByProtocol: number }).cancelledByProtocol, -32800);
  else {
    assert.equal(result.cancelled, true);
    assert.ok(result.summary.classes.success > 0);
  }
});
