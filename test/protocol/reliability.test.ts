// Issue #15 (reliability), the server side: Scan File on a named pipe, a truncated .gz and a log
// with a hole of NUL bytes; a paste bigger than the stack; a client whose Content-Length is wrong
// or huge. The server must answer throughout. Waits are on events, never fixed sleeps.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { LspTestClient } from '../support/lsp';
import { repoRoot } from '../support/shared';
import { SERVER_ENV, SERVER_NODE_ARGS } from '../../server/src/launch';

const dir = mkdtempSync(join(tmpdir(), 'smtp-codes-reliability-'));
const BOUNCE = 'Nov 24 10:15:02 mx1 postfix/smtp[1]: A: to=<ana@example.net>, relay=x[192.0.2.1]:25, dsn=5.1.1, status=bounced (host x[192.0.2.1] said: 550 5.1.1 User unknown (in reply to RCPT TO command))';

let client: LspTestClient;
before(async () => {
  client = await LspTestClient.start({ settings: {} });
});
after(async () => {
  assert.equal(await client.stop(), 0, `the server exited badly; stderr: ${client.stderr.join('')}`);
});

interface ScanResult {
  ok: boolean;
  error?: string;
  notes?: string[];
  problems: number;
  omitted: number;
  results: { uri: string; text: string } | null;
  summary: { classes: Record<string, number> };
}

async function assertAlive(): Promise<void> {
  const r = await client.request<{ explanation: { code: string } }>('smtpCodes/explain', { query: '550 5.1.1' });
  assert.equal(r.explanation.code, '550 5.1.1');
}

test('Scan File on a named pipe nobody writes to: refused at once, the server keeps answering (it froze in a synchronous open)', async () => {
  const fifo = join(dir, 'spool.fifo');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0, 'mkfifo');
  const result = await client.request<ScanResult>('smtpCodes/scanFile', { path: fifo });
  assert.deepEqual([result.ok, result.error], [false, 'not a regular file (a named pipe); scan a file on disk, or pipe it to `smtp-codes check -`']);
  // Standard input is the server's protocol stream (--stdio): never read as a file.
  for (const path of ['/dev/stdin', '-']) {
    const stdin = await client.request<ScanResult>('smtpCodes/scanFile', { path });
    assert.deepEqual([stdin.ok, stdin.error], [false, 'not a regular file (standard input); scan a file on disk'], path);
  }
  await assertAlive();
});

test('Scan File on a truncated .gz: the failures found before the break are listed with their problems, and the error said', async () => {
  const lines = Array.from({ length: 5000 }, (_, i) => BOUNCE.replace(' A: to=<ana@', ` Q${i}: to=<u${i}@`));
  const whole = gzipSync(Buffer.from(`${lines.join('\n')}\n`));
  const path = join(dir, 'mail.log.3.gz');
  writeFileSync(path, whole.subarray(0, Math.floor(whole.length * 0.6)));
  // The problems go on the scan's results document (the file itself is never opened as text).
  const resultsUri = `smtp-codes-scan:${pathToFileURL(path).pathname}%20(SMTP%20scan)`;
  const published = client.waitForDiagnostics(resultsUri);
  const result = await client.request<ScanResult>('smtpCodes/scanFile', { path });
  assert.deepEqual([result.ok, result.error], [false, 'truncated gzip data (unexpected end of file)']);
  assert.ok(result.summary.classes.permanent > 100, `${result.summary.classes.permanent} failures kept`);
  const diags = await published;
  // A group is listed up to its cap; the rest are counted, and listed by `smtp-codes check`.
  assert.ok(diags.length >= 50, `${diags.length} problems published`);
  assert.equal(result.problems, diags.length);
  assert.equal(result.problems + result.omitted, result.summary.classes.permanent, 'every failure found is listed or counted');
  assert.match(result.results!.text, /\n[\d.]+ [KM]B read before the read failed: truncated gzip data \(unexpected end of file\) \(the rest of the file is not included\) · [\d,]+ bounced/);
  assert.match(result.results!.text, /\nBounced — [\d,]+ recipients\n/);
});

test('Scan File on a log with a hole of NUL bytes (logrotate copytruncate): scanned, the filler said', async () => {
  const path = join(dir, 'hole.log');
  writeFileSync(path, Buffer.concat([Buffer.alloc(200_000), Buffer.from(`${BOUNCE}\n${BOUNCE}\n`)]));
  const result = await client.request<ScanResult>('smtpCodes/scanFile', { path });
  assert.equal(result.ok, true, result.error);
  assert.equal(result.summary.classes.permanent, 2);
  assert.deepEqual(result.notes, ['200,000 NUL bytes read as filler (never part of a code)']);
});

test('a paste of 150 000 findings into an open log updates its problems (the change handler overflowed the stack)', async () => {
  const uri = pathToFileURL(join(dir, 'paste.log')).toString();
  const opened = client.waitForDiagnostics(uri);
  await client.open(uri, 'mail-log', `${BOUNCE}\n`);
  assert.equal((await opened).length, 1);
  const paste = `${'host said: 452 4.2.2 Mailbox full\n'.repeat(150_000)}`;
  const updated = client.waitForDiagnostics(uri, () => client.diagnostics.get(uri)?.version === 2, 60_000);
  await client.change(uri, 2, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: paste }]);
  const diags = await updated;
  assert.equal(diags.length, 1001, 'the cap, and one closing problem');
  assert.match(diags[1000].message, /149001 more are not shown/, "150 001 failures, 1 000 shown");
  await client.close(uri);
});

test('a Replace All (300 changes in one didChange, last first) and 50 cursors typing: the problems are those of the edited text', async () => {
  const uri = pathToFileURL(join(dir, 'replace-all.log')).toString();
  const lines = Array.from({ length: 3000 }, (_, i) => BOUNCE.replace(' A: to=<ana@', ` Q${i}: to=<u${i}@`));
  const opened = client.waitForDiagnostics(uri);
  await client.open(uri, 'mail-log', `${lines.join('\n')}\n`);
  assert.equal((await opened).length, 1001);
  // Every tenth line becomes a delivery: 300 fewer failures.
  const sent = 'Nov 24 10:15:03 mx1 postfix/smtp[1]: S: to=<bo@example.net>, relay=x[192.0.2.1]:25, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued)';
  const changes = Array.from({ length: 300 }, (_, k) => {
    const line = (299 - k) * 10;
    return { range: { start: { line, character: 0 }, end: { line, character: lines[line].length } }, text: sent };
  });
  const replaced = client.waitForDiagnostics(uri, () => client.diagnostics.get(uri)?.version === 2, 60_000);
  await client.change(uri, 2, changes);
  const diags = await replaced;
  assert.match(diags[1000].message, /1700 more are not shown/, '2 700 failures left, 1 000 shown');
  assert.equal(diags.slice(0, 1000).filter((d) => d.range.start.line % 10 === 0).length, 0, 'no failure left on a replaced line');
  // 50 cursors, each inserting a line above its line: everything below moves.
  const typed = client.waitForDiagnostics(uri, () => client.diagnostics.get(uri)?.version === 3, 60_000);
  await client.change(uri, 3, Array.from({ length: 50 }, (_, k) => ({ range: { start: { line: (49 - k) * 60 + 1, character: 0 }, end: { line: (49 - k) * 60 + 1, character: 0 } }, text: 'note\n' })));
  const after = await typed;
  assert.equal(after.length, 1001);
  // The first failure below the first new line (old line 1) is now on line 2.
  assert.deepEqual(after.slice(0, 2).map((d) => d.range.start.line), [2, 3]);
  await client.close(uri);
});

// ------------------------------------------------------------------ the wire

/** A server spoken to in raw bytes: what a broken client sends. */
function rawServer() {
  const child = spawn(process.execPath, [...SERVER_NODE_ARGS, join(repoRoot, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...SERVER_ENV } });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  connection.onRequest('client/registerCapability', () => null);
  connection.onNotification(() => undefined);
  connection.listen();
  const frame = (body: string, length = Buffer.byteLength(body)) => `Content-Length: ${length}\r\n\r\n${body}`;
  const request = (id: number, method: string, params: unknown) => JSON.stringify({ jsonrpc: '2.0', id, method, params });
  /** Sends raw bytes, then a well-framed explain request; resolves with its answer. */
  async function answersAfter(raw: string | Buffer, id: number): Promise<unknown> {
    child.stdin.write(raw);
    const answered = new Promise((resolve) => {
      const onData = (d: Buffer) => {
        const text = d.toString();
        if (text.includes(`"id":${id}`)) {
          child.stdout.off('data', onData);
          resolve(text.slice(text.indexOf('{')));
        }
      };
      child.stdout.on('data', onData);
    });
    child.stdin.write(frame(request(id, 'smtpCodes/explain', { query: '451 4.7.1' })));
    return answered;
  }
  return { child, connection, frame, request, answersAfter, stderr: () => stderr };
}

test('a wrong or huge Content-Length: the server resynchronises, answers the next request and says what it dropped', async () => {
  const s = rawServer();
  await s.connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  await s.connection.sendNotification('initialized', {});
  s.connection.dispose(); // from here on the test reads the raw bytes
  const hover = s.request(100, 'textDocument/hover', { textDocument: { uri: 'file:///x' }, position: { line: 0, character: 0 } });
  // 1. A length of 5 GB with a short body: the reader would buffer everything that follows, forever.
  assert.match(String(await s.answersAfter(s.frame(hover, 5_000_000_000), 1)), /"id":1,"result":\{"explanation"/);
  // 2. A length too long by 40 bytes, then the next message: the next request is still answered.
  assert.match(String(await s.answersAfter(s.frame(hover, Buffer.byteLength(hover) + 40), 2)), /"id":2,"result"/);
  // 3. A length too short: the rest of the body is not a header.
  assert.match(String(await s.answersAfter(s.frame(hover, 20), 3)), /"id":3,"result"/);
  // 4. No Content-Length at all, and bytes that are no message.
  assert.match(String(await s.answersAfter(`Content-Type: application/json\r\n\r\n${hover}garbage\r\n\r\n`, 4)), /"id":4,"result"/);
  const said = s.stderr();
  assert.match(said, /a message of 5000000000 bytes is more than the 268435456 bytes the server reads in one message: skipped/);
  assert.match(said, /a message announced \d+ bytes, but the next message began after \d+: the broken message was dropped/);
  assert.match(said, /skipping input that is not a message, up to the next header/);
  s.child.kill();
});
