// The smtp-codes CLI, run from the built output as a user would: explain, check (text and
// JSON), exit codes, standard input, gzip-rotated logs, unreadable and binary files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot } from '../support/shared';
import { CLI_NODE_ARGS } from '../../server/src/launch';

const CLI = join(repoRoot, 'dist', 'cli.js');

function run(args: string[], input?: string | Buffer) {
  const r = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'smtp-codes-cli-'));
const BOUNCED = 'Nov 24 10:15:02 mx1 postfix/smtp[20410]: 3F2A81C0D4: to=<ana@example.net>, relay=mx.example.net[198.51.100.7]:25, delay=1.4, delays=0.05/0.01/0.9/0.4, dsn=5.1.1, status=bounced (host mx.example.net[198.51.100.7] said: 550 5.1.1 <ana@example.net>: User unknown (in reply to RCPT TO command))';
const DEFERRED = 'Nov 24 10:16:40 mx1 postfix/smtp[20412]: 7C1E21C0D9: to=<bo@example.org>, relay=mail.example.org[203.0.113.9]:25, delay=301, delays=300/0.02/0.5/0.3, dsn=4.2.2, status=deferred (host mail.example.org[203.0.113.9] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command))';
const SENT = 'Nov 24 10:17:00 mx1 postfix/smtp[20413]: 0A1B2C3D4E: to=<cy@example.com>, relay=mx.example.com[192.0.2.26]:25, delay=0.8, delays=0.1/0/0.3/0.4, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 1A2B3C)';
const bad = join(dir, 'mail.log');
writeFileSync(bad, [SENT, BOUNCED, DEFERRED].join('\n') + '\n');
const good = join(dir, 'good.log');
writeFileSync(good, [SENT, DEFERRED].join('\n') + '\n');

test("the built CLI's #! line runs node with the CLI's flags (CLI_NODE_ARGS), and runs as a program", () => {
  const first = readFileSync(CLI, 'utf8').split('\n', 1)[0];
  assert.equal(first, `#!/usr/bin/env -S node ${CLI_NODE_ARGS.join(' ')}`);
  const r = spawnSync(CLI, ['--version'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
});

test('explain: one reply in JSON, with the contract fields', () => {
  const r = run(['explain', '--format', 'json', '550 5.1.1']);
  assert.equal(r.code, 0);
  const [e] = JSON.parse(r.out);
  assert.equal(e.reply, '550');
  assert.equal(e.enhanced, '5.1.1');
  assert.equal(e.class, 'permanent');
  assert.equal(typeof e.summary, 'string');
  assert.equal(typeof e.explanation, 'string');
  assert.ok(Array.isArray(e.remedies) && e.remedies.every((x: unknown) => typeof x === 'string') && e.remedies.length > 0);
  assert.ok(e.references.every((x: { title: string; url: string }) => x.title && x.url.startsWith('https://')));
  assert.equal(e.reason, 'user-unknown');
});

test('explain: the accepted spellings of a code', () => {
  for (const spelling of [['550'], ['5.1.1'], ['550-5.1.1'], ['550 5.1.1'], ['550', '5.1.1']]) {
    const r = run(['explain', '--format', 'json', ...spelling]);
    assert.equal(r.code, 0, spelling.join(' '));
    const out = JSON.parse(r.out);
    assert.equal(out.length, 1);
    assert.equal(out[0].known, true);
  }
  const two = JSON.parse(run(['explain', '--json', '550', '451']).out);
  assert.deepEqual(
    two.map((e: { reply: string }) => e.reply),
    ['550', '451'],
  );
});

test('explain: an unknown code gets known:false and exit 1, never a crash; text output reads well', () => {
  const r = run(['explain', '--format', 'json', 'banana', '5.9.99']);
  assert.equal(r.code, 1);
  const [unknown, unregistered] = JSON.parse(r.out);
  assert.equal(unknown.known, false);
  assert.equal(unregistered.known, true);
  assert.equal(unregistered.class, 'permanent');
  const text = run(['explain', '4.7.28']);
  assert.equal(text.code, 0);
  assert.match(text.out, /^4\.7\.28 — /);
  assert.match(text.out, /transient failure/);
});

test('check: text output like a linter, exit 1 when a permanent failure is found', () => {
  const r = run(['check', bad]);
  assert.equal(r.code, 1);
  const lines = r.out.trim().split('\n');
  assert.match(lines[0], new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:\\d+: error Bounced: 550 5\\.1\\.1 .* — ana@example\\.net$`));
  assert.match(lines[1], /:3:\d+: warning Deferred: 452 4\.2\.2 .* — bo@example\.org$/);
  assert.equal(lines[2], '1 bounced, 0 expired, 0 rejected, 1 deferred, 1 delivered (recipients, by their last state; refused transactions) · 3 attempts, 2 failed in 1 file');
});

test('check: exit 0 without permanent failures', () => {
  assert.equal(run(['check', good]).code, 0);
});

test('check: the JSON contract', () => {
  const r = run(['check', '--format', 'json', bad]);
  assert.equal(r.code, 1);
  const doc = JSON.parse(r.out);
  assert.equal(doc.version, 1);
  assert.equal(doc.files.length, 1);
  assert.equal(doc.files[0].path, bad);
  const f = doc.files[0].findings;
  assert.deepEqual(
    f.map((x: { reply: string; enhanced: string; class: string }) => [x.reply, x.enhanced, x.class]),
    [
      ['250', '2.0.0', 'success'],
      ['550', '5.1.1', 'permanent'],
      ['452', '4.2.2', 'transient'],
    ],
  );
  const perm = f[1];
  assert.equal(perm.line, 2);
  assert.equal(BOUNCED.slice(perm.column - 1, perm.endColumn - 1), '550 5.1.1');
  assert.equal(perm.endLine, 2);
  assert.equal(typeof perm.summary, 'string');
  assert.equal(perm.reason, 'user-unknown');
  assert.ok('provider' in perm);
  assert.deepEqual(doc.summary, { permanent: 1, transient: 1, success: 1, intermediate: 0, outcomes: { delivered: 1, deferred: 1, bounced: 1, expired: 0, rejected: 0 } });
  // The outcome fields of each attempt (additions to version 1).
  assert.deepEqual(
    f.map((x: { verdict: string; queueId: string; recipient: string; direction: string; attempts: number }) => [x.verdict, x.queueId, x.recipient, x.direction, x.attempts]),
    [
      ['delivered', '0A1B2C3D4E', 'cy@example.com', 'outbound', 1],
      ['bounced', '3F2A81C0D4', 'ana@example.net', 'outbound', 1],
      ['deferred', '7C1E21C0D9', 'bo@example.org', 'outbound', 1],
    ],
  );
});

test('check: standard input, gzip-rotated logs', () => {
  const stdin = run(['check', '--format', 'json', '-'], [BOUNCED].join('\n'));
  assert.equal(stdin.code, 1);
  assert.equal(JSON.parse(stdin.out).files[0].findings[0].reply, '550');
  const gz = join(dir, 'mail.log.2.gz');
  writeFileSync(gz, gzipSync(Buffer.from([SENT, BOUNCED].join('\n'))));
  const r = run(['check', '--format', 'json', gz]);
  assert.equal(r.code, 1);
  assert.deepEqual(JSON.parse(r.out).summary, { permanent: 1, transient: 0, success: 1, intermediate: 0, outcomes: { delivered: 1, deferred: 0, bounced: 1, expired: 0, rejected: 0 } });
});

test('check: missing, directory and binary files get a clear message and exit 2; other files are still checked', () => {
  const sub = join(dir, 'sub');
  mkdirSync(sub, { recursive: true });
  const bin = join(dir, 'blob.bin');
  writeFileSync(bin, Buffer.from([0, 1, 2, 3, 0, 255, 0, 10, 53, 53, 48, 32, 53, 46, 49, 46, 49]));
  const r = run(['check', '--format', 'json', join(dir, 'missing.log'), sub, bin, bad]);
  assert.equal(r.code, 2);
  assert.match(r.err, /missing\.log: no such file/);
  assert.match(r.err, /sub: is a directory/);
  assert.match(r.err, /blob\.bin: not a text file/);
  const doc = JSON.parse(r.out);
  assert.equal(doc.files.length, 4);
  assert.equal(doc.files[0].error, 'no such file');
  assert.equal(doc.files[3].findings.length, 3, 'the readable file is still checked');
});

test('usage errors exit 2 with a message', () => {
  assert.equal(run(['check']).code, 2);
  assert.equal(run(['explain']).code, 2);
  const r = run(['check', '--format', 'xml', bad]);
  assert.equal(r.code, 2);
  assert.match(r.err, /--format must be text, json, jsonl or sarif/);
  assert.equal(run(['frobnicate']).code, 2);
  assert.equal(run(['--help']).code, 0);
  assert.match(run(['--version']).out, /^\d+\.\d+\.\d+\n$/);
});

test('check --format sarif: SARIF 2.1.0 with one rule per code and a result per failure', () => {
  const r = run(['check', '--format', 'sarif', bad]);
  assert.equal(r.code, 1);
  const sarif = JSON.parse(r.out);
  assert.equal(sarif.version, '2.1.0');
  const run0 = sarif.runs[0];
  assert.equal(run0.tool.driver.name, 'smtp-codes');
  assert.deepEqual(
    run0.results.map((x: { ruleId: string; level: string }) => [x.ruleId, x.level]),
    [
      ['550/5.1.1', 'error'],
      ['452/4.2.2', 'warning'],
    ],
  );
  const region = run0.results[0].locations[0].physicalLocation.region;
  assert.deepEqual([region.startLine, BOUNCED.slice(region.startColumn - 1, region.endColumn - 1)], [2, '550 5.1.1']);
  const rule = run0.tool.driver.rules[run0.results[0].ruleIndex];
  assert.equal(rule.id, '550/5.1.1');
  assert.match(rule.helpUri, /^https:\/\//);
  assert.equal(run0.invocations[0].executionSuccessful, true);
});

test('summary: text and JSON counts by class, code, reason and domain', () => {
  const text = run(['summary', bad]);
  assert.equal(text.code, 0);
  assert.match(text.out, /^1 bounced, 0 expired, 0 rejected, 1 deferred, 1 delivered\n/);
  assert.match(text.out, /Failures by code\n(?: .*\n)* {2}550 5\.1\.1 +1 +50\.0 %  The recipient mailbox does not exist \[bounced 1; user unknown 1\]\n/);
  const json = run(['summary', '--format', 'json', bad, good]);
  assert.equal(json.code, 0);
  const doc = JSON.parse(json.out);
  assert.deepEqual(doc.files, [bad, good]);
  assert.deepEqual(doc.summary.classes, { success: 2, intermediate: 0, transient: 2, permanent: 1 });
  // bo@example.org is deferred in both files under one queue ID: one recipient, still deferred.
  assert.deepEqual(doc.summary.outcomes, { delivered: 1, deferred: 1, bounced: 1, expired: 0, rejected: 0 });
  assert.deepEqual(doc.summary.attempts, { total: 5, failed: 3 });
  assert.deepEqual(doc.summary.domains[0], { key: 'example.net', count: 1 });
  assert.equal(run(['summary', join(dir, 'missing.log')]).code, 2);
});

test('search: ranked entries by words or codes, as text or JSON [{code, title, summary, provider}]; exit 1 when nothing matches', () => {
  const r = run(['search', '--format', 'json', 'blocked', 'spamhaus']);
  assert.equal(r.code, 0);
  const rows: { code: string | null; title: string; summary: string; provider: string | null }[] = JSON.parse(r.out);
  assert.ok(rows.length > 0);
  for (const row of rows) assert.deepEqual(Object.keys(row).sort(), ['code', 'provider', 'summary', 'title']);
  assert.ok(rows.some((row) => row.provider?.startsWith('Spamhaus')));
  const pair = JSON.parse(run(['search', '--format', 'json', '550', '5.7.1']).out);
  assert.equal(pair[0].code, '550 5.7.1');
  assert.ok(pair.some((row: { code: string }) => row.code === '5.7.1'));
  const words = run(['search', 'mailbox', 'full']);
  assert.equal(words.code, 0);
  assert.match(words.out, /^4\.2\.2 {2}Mailbox full/m);
  const none = run(['search', 'qwertyuiop']);
  assert.equal(none.code, 1);
  assert.match(none.err, /Try a code/);
});

test('explain: a pasted reply or log line is explained with its own words; --list lists the knowledge base', () => {
  const r = run(['explain', '--format', 'json', '550 5.7.1 Relay access denied']);
  assert.equal(r.code, 0);
  const [ex] = JSON.parse(r.out);
  assert.equal(ex.code, '550 5.7.1');
  assert.equal(ex.reason, 'relay-denied');
  assert.equal(ex.bounce, 'soft');
  assert.equal(ex.text, 'Relay access denied');
  const words = run(['explain', '550', '5.7.1', 'Relay', 'access', 'denied']);
  assert.equal(words.code, 0);
  assert.match(words.out, /relaying denied/);
  assert.match(words.out, /Server said: Relay access denied/);
  const list = run(['explain', '--list', '--format', 'json']);
  assert.equal(list.code, 0);
  const items = JSON.parse(list.out);
  assert.ok(items.length > 300);
  assert.ok(items.some((i: { code: string }) => i.code === '5.1.1'));
});
