// "SMTP: Scan File…" on the server: a log (plain or gzip) is read from disk, streaming; its
// results document (failures by outcome and code, with their lines) and summary are returned,
// its problems published on that document (never on the file); cancellation works.
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
  omitted: number;
  summary: { classes: Record<string, number>; outcomes: Record<string, number>; codes: { key: string; count: number }[]; domains: { key: string; count: number }[] };
  results: { uri: string; text: string; links: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; line: number }[] } | null;
}

/** The text of `range` in `text`. */
function textAt(text: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  const lines = text.split('\n');
  assert.equal(range.start.line, range.end.line, 'a one-line range');
  return lines[range.start.line].slice(range.start.character, range.end.character);
}

test('scans a log from disk: a results document by outcome and code, with the lines; its problems are on that document', async () => {
  const path = join(dir, 'mail.log');
  writeFileSync(path, LINES.join('\n') + '\n');
  const uri = pathToFileURL(path).toString();
  const resultsUri = `smtp-codes-scan:${pathToFileURL(path).pathname}%20(SMTP%20scan)`;
  const published = client.waitForDiagnostics(resultsUri);
  const result = await client.request<Result>('smtpCodes/scanFile', { path });
  assert.equal(result.ok, true);
  assert.equal(result.uri, uri);
  assert.deepEqual(result.summary.outcomes, { delivered: 0, deferred: 1, bounced: 2, expired: 0, rejected: 0 });
  assert.deepEqual(result.summary.codes[0], { ...result.summary.codes[0], key: '550 5.1.1', count: 2 });
  assert.deepEqual(result.summary.domains[0], { key: 'example.net', count: 2 });
  const r = result.results!;
  assert.equal(r.uri, resultsUri);
  const text = r.text;
  // Bounced before deferred; each failure with its line number, recipient and the line as logged.
  assert.match(text, /^SMTP Codes: scan of .*mail\.log\n/);
  assert.match(text, /2 bounced, 1 deferred/);
  const bounced = text.indexOf('Bounced — 2 recipients');
  const deferred = text.indexOf('Deferred (still deferred at the end of the file) — 1 recipient');
  assert.ok(bounced > 0 && deferred > bounced, text);
  assert.match(text, /\n {2}550 5\.1\.1 · The recipient mailbox does not exist \(user unknown\) — 2\n/);
  assert.match(text, /\n {4}line 1 · ana@example\.net · 550 5\.1\.1\n {8}Nov 24 10:15:02 mx1 postfix\/smtp\[1\]: A: to=<ana@example\.net>/);
  assert.match(text, /\n {4}line 3 · cy@example\.net · 550 5\.1\.1\n/);
  assert.match(text, /\n {4}line 2 · bo@example\.org · 452 4\.2\.2\n/);
  assert.match(text, /smtp-codes check ".*mail\.log"/, 'says how to see every failure');
  // The labels stand for the file's lines.
  assert.deepEqual(r.links.map((l) => [textAt(text, l.range), l.line]), [['line 1', 0], ['line 3', 2], ['line 2', 1]]);
  // One problem per failure, on its code in the quoted line, in the results document only.
  const diags = await published;
  assert.deepEqual(diags.map((d) => [d.code, textAt(text, d.range), d.severity]), [['550 5.1.1', '550 5.1.1', 1], ['550 5.1.1', '550 5.1.1', 1], ['452 4.2.2', '452 4.2.2', 2]]);
  assert.match(diags[0].message, /^Bounced: 550 5\.1\.1 .* — ana@example\.net/);
  assert.equal(result.problems, 3);
  assert.equal(client.diagnostics.get(uri), undefined, 'nothing published for the file itself');
});

test('scans a gzip-rotated log: the results show the decompressed lines', async () => {
  const path = join(dir, 'mail.log.2.gz');
  writeFileSync(path, gzipSync(LINES.join('\n')));
  const result = await client.request<Result>('smtpCodes/scanFile', { path });
  assert.equal(result.ok, true);
  assert.equal(result.compressed, true);
  assert.equal(result.summary.outcomes.bounced, 2);
  assert.match(result.results!.text, /mail\.log\.2\.gz \(gzip, shown decompressed\)/);
  assert.ok(result.results!.text.includes(`        ${LINES[1]}\n`), 'the deferral\'s line as logged');
});

test('a recipient deferred then bounced is one failure, listed by its last attempt; a group is listed up to its cap', async () => {
  const path = join(dir, 'stories.log');
  const deferral = 'Nov 24 09:00:00 mx1 postfix/smtp[9]: Q: to=<ana@example.net>, relay=x[192.0.2.1]:25, dsn=4.2.2, status=deferred (host x[192.0.2.1] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command))';
  const bounce = 'Nov 24 10:00:00 mx1 postfix/smtp[9]: Q: to=<ana@example.net>, relay=x[192.0.2.1]:25, dsn=5.2.2, status=bounced (host x[192.0.2.1] said: 552 5.2.2 Mailbox full (in reply to RCPT TO command))';
  const many = Array.from({ length: 55 }, (_, i) => `Nov 24 11:${String(i).padStart(2, '0')}:00 mx1 postfix/smtp[9]: M${i}: to=<u${i}@example.org>, relay=x[192.0.2.1]:25, dsn=5.1.1, status=bounced (host x[192.0.2.1] said: 550 5.1.1 User unknown (in reply to RCPT TO command))`);
  writeFileSync(path, [deferral, bounce, ...many].join('\n') + '\n');
  const result = await client.request<Result>('smtpCodes/scanFile', { path });
  const text = result.results!.text;
  assert.match(text, /\n {4}line 2 · ana@example\.net · 552 5\.2\.2 · after 2 attempts \(the first at line 1\)\n/);
  assert.doesNotMatch(text, /Deferred/, 'the deferral is part of the bounced story');
  assert.match(text, /550 5\.1\.1 · .* — 55\n/);
  assert.match(text, /\n {4}… and 5 more \(the last at line 57\): smtp-codes check ".*stories\.log" lists them all\n/);
  assert.equal(result.problems, 51);
  assert.equal(result.omitted, 5);
});

test('scanning publishes nothing for the file itself: an open document keeps its own problems, whatever its URI escapes', async () => {
  // VS Code's URI of `relay (copy).log` escapes the parentheses, Node's pathToFileURL does not.
  const path = join(dir, 'relay (copy).log');
  writeFileSync(path, LINES[0] + '\n');
  const editorUri = pathToFileURL(dir).toString() + '/' + encodeURIComponent('relay (copy).log').replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  assert.notEqual(editorUri, pathToFileURL(path).toString());
  const opened = client.waitForDiagnostics(editorUri);
  await client.open(editorUri, 'log', [LINES[1], LINES[0]].join('\n')); // edited, not saved
  assert.deepEqual((await opened).map((d) => d.code), ['452 4.2.2', '550 5.1.1']);
  const before = client.published.length;
  const result = await client.request<Result>('smtpCodes/scanFile', { path });
  assert.equal(result.ok, true);
  // The server publishes a scan's problems before it answers: only on the results document.
  assert.deepEqual(client.published.slice(before).map((p) => p.uri), [result.results!.uri]);
  await client.close(editorUri);
});

test('ignored codes are left out of the results and said so', async () => {
  const other = await LspTestClient.start({ settings: { ignoredCodes: ['5.1.1'] } });
  try {
    const path = join(dir, 'ignored.log');
    writeFileSync(path, LINES.join('\n') + '\n');
    const result = await other.request<Result>('smtpCodes/scanFile', { path });
    assert.deepEqual(result.summary.outcomes, { delivered: 0, deferred: 1, bounced: 0, expired: 0, rejected: 0 });
    assert.match(result.results!.text, /\n2 failures have an ignored code \(smtpCodes\.ignoredCodes; not listed\)\.\n/);
    assert.doesNotMatch(result.results!.text, /550 5\.1\.1/);
    assert.equal(result.problems, 1);
  } finally {
    await other.stop();
  }
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
