// `smtp-codes trace`, run from the built output as a user would, on the real Postfix and Exim
// logs of test/fixtures/mta: text and JSON (the contract), standard input, gzip-rotated logs in
// reading order, exit statuses, escaped terminal controls — and the same lines as the language
// server's references on the same file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { repoRoot } from '../support/shared';
import { LspTestClient } from '../support/lsp';

const CLI = join(repoRoot, 'dist', 'cli.js');
const MTA = join(repoRoot, 'test', 'fixtures', 'mta');
const LOG = join(MTA, 'postfix', 'mail.log');
const text = readFileSync(LOG, 'utf8');
const lines = text.split('\n');
const messages = JSON.parse(readFileSync(join(MTA, 'expected.json'), 'utf8')).logs['postfix/mail.log'].messages as Record<string, { notifications: { id: string }[]; messageId: string }>;

function run(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** 1-based lines holding one of the IDs as a word. */
function holding(source: string[], ids: string[]): number[] {
  const out: number[] = [];
  source.forEach((l, i) => {
    if (l.split(/[^A-Za-z0-9-]+/).some((w) => ids.includes(w))) out.push(i + 1);
  });
  return out;
}

const ID = 'EF20920E37E';
const WANT = holding(lines, [ID, ...messages[ID].notifications.map((n) => n.id)]);

interface TraceJson {
  version: number;
  messages: {
    ids: string[];
    lines: { path: string; line: number; text: string }[];
    outcomes: { recipient: string; verdict: string; reply: string | null; enhanced: string | null; line: number; path: string; queueId: string }[];
    messageIds: string[];
  }[];
  truncated: boolean;
  incomplete: boolean;
}

test('trace --format json: the contract, exactly the lines of the message and of its notification', () => {
  const r = run(['trace', '--format', 'json', ID, LOG]);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out) as TraceJson;
  assert.equal(j.version, 1);
  assert.equal(j.messages.length, 1);
  const [m] = j.messages;
  assert.deepEqual(m.ids, [ID, messages[ID].notifications[0].id]);
  assert.deepEqual(
    m.lines.map((l) => l.line),
    WANT,
  );
  for (const l of m.lines) {
    assert.equal(l.path, LOG);
    assert.equal(l.text, lines[l.line - 1]);
  }
  assert.deepEqual(
    m.outcomes.map((o) => [o.recipient, o.verdict, o.reply, o.enhanced, o.line, o.queueId]),
    [
      ['unknown@bounce.test', 'bounced', '550', '5.1.1', 20, ID],
      ['sender@example.com', 'delivered', null, '2.0.0', 30, messages[ID].notifications[0].id],
    ],
  );
  assert.deepEqual(m.messageIds, [messages[ID].messageId, `20261206004247.${messages[ID].notifications[0].id}@mx.smtp-codes.test`]);
  assert.equal(j.truncated, false);
  assert.equal(j.incomplete, false);
});

test("trace as text: the story of each message, then its lines; exit 1 when nothing is found, 2 on a usage error or an unreadable file", () => {
  const r = run(['trace', ID, LOG]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^Message EF20920E37E \(Postfix\), first seen Dec 06 00:42:46 \(.*mail\.log:9\)$/m);
  assert.match(r.out, /^ {2}received from localhost\[127\.0\.0\.1\], sender sender@example\.com, Message-ID <p02\.bounce-at-rcpt@client\.example\.com>, 446 bytes$/m);
  assert.match(r.out, /^ {2}unknown@bounce\.test: bounced, 550 5\.1\.1 at Dec 06 00:42:47 \(.*mail\.log:20\)$/m);
  assert.match(r.out, /^ {2}removed from the queue at Dec 06 00:42:47 \(.*mail\.log:25\)$/m);
  const printed = [...r.out.matchAll(/mail\.log:(\d+): /g)].map((x) => Number(x[1]));
  assert.deepEqual(printed, WANT);
  assert.match(r.out, /^1 trail for EF20920E37E$/m);

  const none = run(['trace', 'ABCDEF12345', LOG]);
  assert.equal(none.code, 1);
  assert.match(none.out, /nothing found for ABCDEF12345/);
  assert.equal(run(['trace', ID]).code, 2);
  assert.equal(run(['trace']).code, 2);
  assert.equal(run(['trace', 'two words', LOG]).code, 2);
  assert.equal(run(['trace', '--format', 'sarif', ID, LOG]).code, 2);
  const missing = run(['trace', ID, LOG, join(tmpdir(), 'no-such-smtp-codes.log')]);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /no such file/);
  assert.match(missing.out, /1 trail for EF20920E37E/, 'the readable file is still traced');
});

test('trace from standard input and from a gzip-rotated log (read oldest first) gives the same lines', () => {
  const stdin = JSON.parse(run(['trace', '--json', ID, '-'], text).out) as TraceJson;
  assert.deepEqual(
    stdin.messages[0].lines.map((l) => [l.path, l.line]),
    WANT.map((n) => ['-', n]),
  );
  assert.equal(stdin.incomplete, false, 'the notification is found within the look-back of one pass');
  const dir = mkdtempSync(join(tmpdir(), 'smtp-codes-trace-'));
  writeFileSync(join(dir, 'mail.log.1.gz'), gzipSync(lines.slice(0, 150).join('\n') + '\n'));
  writeFileSync(join(dir, 'mail.log'), lines.slice(150).join('\n'));
  const id = '840C220E43A';
  const want = holding(lines, [id, ...messages[id].notifications.map((n) => n.id)]);
  // Given newest first, as a shell's glob would; read oldest first.
  const j = JSON.parse(run(['trace', '--json', id, join(dir, 'mail.log'), join(dir, 'mail.log.1.gz')]).out) as TraceJson;
  assert.deepEqual(
    j.messages[0].lines.map((l) => (l.path.endsWith('.gz') ? l.line : l.line + 150)),
    want,
  );
  // Exim: from a bounce's ID to its parent.
  const exim = JSON.parse(run(['trace', '--json', '1xa0MO-00082K-1B', join(MTA, 'exim', 'mainlog')]).out) as TraceJson;
  assert.deepEqual(exim.messages[0].ids, ['1xa0MO-00082F-0i', '1xa0MO-00082K-1B']);
});

test('trace by Message-ID and by address; a refusal that names no message is its own entry', () => {
  const byMid = JSON.parse(run(['trace', '--json', `<${messages[ID].messageId}>`, LOG]).out) as TraceJson;
  assert.deepEqual(
    byMid.messages[0].lines.map((l) => l.line),
    WANT,
  );
  const refused = JSON.parse(run(['trace', '--json', 'x@nowhere.invalid', LOG]).out) as TraceJson;
  assert.equal(refused.messages.length, 1);
  assert.deepEqual(refused.messages[0].ids, []);
  assert.deepEqual(
    refused.messages[0].outcomes.map((o) => [o.recipient, o.verdict, o.reply, o.enhanced]),
    [['x@nowhere.invalid', 'rejected', '550', '5.1.2']],
  );
});

test('terminal control characters in a log line are printed escaped', () => {
  const dir = mkdtempSync(join(tmpdir(), 'smtp-codes-trace-esc-'));
  const path = join(dir, 'mail.log');
  writeFileSync(path, `Dec 06 00:42:46 mx postfix/cleanup[1]: ABCDE12345: message-id=<x\u001b[2J\u001b]0;owned\u0007@example.com>\u009b31m\n`);
  const r = run(['trace', 'ABCDE12345', path]);
  assert.equal(r.code, 0);
  assert.doesNotMatch(r.out, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  assert.match(r.out, /x\\x1b\[2J\\x1b\]0;owned\\x07@example\.com>\\x9b31m/);
});

test('trace returns the same lines as the language server\'s references on the same file', async () => {
  const client = await LspTestClient.start({ settings: {} });
  try {
    const uri = pathToFileURL(LOG).toString();
    const opened = client.waitForDiagnostics(uri);
    await client.open(uri, 'mail-log', text);
    await opened;
    for (const id of ['EF20920E37E', '840C220E43A', '1754E20E44A', '67E3A20E436']) {
      const line = lines.findIndex((l) => l.includes(`: ${id}: `));
      const refs = await client.request<{ range: { start: { line: number } } }[]>('textDocument/references', {
        textDocument: { uri },
        position: { line, character: lines[line].indexOf(id) + 1 },
        context: { includeDeclaration: true },
      });
      const cli = JSON.parse(run(['trace', '--json', id, LOG]).out) as TraceJson;
      assert.deepEqual(
        cli.messages.flatMap((m) => m.lines.map((l) => l.line)),
        refs.map((r) => r.range.start.line + 1),
        id,
      );
    }
  } finally {
    await client.stop();
  }
});
