// Live logs from the built CLI, as a user runs it: `check --format jsonl` (files, .gz, standard
// input, written as it is read), `check --follow` (from the end, rotation by rename, truncation,
// a file that appears later, text with escaped control characters, the totals when stopped) and
// `exporter` (its /metrics against check's own events, nothing else served, localhost).
// Every wait polls a condition with a timeout; nothing sleeps a fixed time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot } from '../support/shared';
import { CLI, exporterUrl, httpGet, Proc, waitFor } from '../support/live';

const dir = mkdtempSync(join(tmpdir(), 'smtp-codes-live-'));
const BOUNCED = 'Nov 24 10:15:02 mx1 postfix/smtp[20410]: 3F2A81C0D4: to=<ana@example.net>, relay=mx.example.net[198.51.100.7]:25, delay=1.4, delays=0.05/0.01/0.9/0.4, dsn=5.1.1, status=bounced (host mx.example.net[198.51.100.7] said: 550 5.1.1 <ana@example.net>: User unknown (in reply to RCPT TO command))';
const DEFERRED = 'Nov 24 10:16:40 mx1 postfix/smtp[20412]: 7C1E21C0D9: to=<bo@example.org>, relay=mail.example.org[203.0.113.9]:25, delay=301, delays=300/0.02/0.5/0.3, dsn=4.2.2, status=deferred (host mail.example.org[203.0.113.9] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command))';
const SENT = 'Nov 24 10:17:00 mx1 postfix/smtp[20413]: 0A1B2C3D4E: to=<cy@example.com>, relay=mx.example.com[192.0.2.26]:25, delay=0.8, delays=0.1/0/0.3/0.4, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 1A2B3C)';
const FIXTURE = join(repoRoot, 'test', 'fixtures', 'mta', 'postfix', 'mail.log');

function run(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

async function runAsync(args: string[], input?: string) {
  const p = Proc.cli(args);
  p.child.stdin!.end(input);
  const code = await p.exited;
  return { code, out: p.out, err: p.err };
}

const records = (out: string) => out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
const file = (name: string, lines: string[]) => {
  const path = join(dir, name);
  writeFileSync(path, lines.map((l) => `${l}\n`).join(''));
  return path;
};

test('check --format jsonl: one object per failed attempt (--all: every event), the JSON contract fields plus path and time', async () => {
  const log = file('jsonl.log', [SENT, BOUNCED, DEFERRED]);
  const gz = join(dir, 'jsonl.log.1.gz');
  writeFileSync(gz, gzipSync(readFileSync(log)));
  const [r, allRun, jsonRun, gzRun, stdin, missing] = await Promise.all([
    runAsync(['check', '--format', 'jsonl', log]),
    runAsync(['check', '--format', 'jsonl', '--all', log]),
    runAsync(['check', '--format', 'json', log]),
    runAsync(['check', '--format', 'jsonl', gz]),
    runAsync(['check', '--format', 'jsonl', '-'], `${BOUNCED}\n`),
    runAsync(['check', '--format', 'jsonl', join(dir, 'missing.log')]),
  ]);
  assert.equal(r.code, 1, 'exit status as check: a permanent failure');
  const got = records(r.out);
  assert.deepEqual(
    got.map((x) => [x.path, x.line, x.verdict, x.reply, x.enhanced, x.class, x.recipient, x.queueId, x.direction, x.reason, x.time]),
    [
      [log, 2, 'bounced', '550', '5.1.1', 'permanent', 'ana@example.net', '3F2A81C0D4', 'outbound', 'user-unknown', `${new Date().getUTCFullYear()}-11-24T10:15:02`],
      [log, 3, 'deferred', '452', '4.2.2', 'transient', 'bo@example.org', '7C1E21C0D9', 'outbound', 'mailbox-full', `${new Date().getUTCFullYear()}-11-24T10:16:40`],
    ].map((row) => {
      // A date ahead of now is last year's (a December log read in January).
      const t = Date.parse(`${row[10]}Z`);
      if (t > Date.now() + 86_400_000) row[10] = `${new Date().getUTCFullYear() - 1}${String(row[10]).slice(4)}`;
      return row;
    }),
  );
  assert.equal(got[0].remote, 'mx.example.net[198.51.100.7]');
  // Each record is the JSON contract's finding for the same attempt, with path, time, sender and remote added.
  const all = records(allRun.out);
  const json = JSON.parse(jsonRun.out).files[0].findings;
  assert.equal(all.length, 3);
  for (let i = 0; i < 3; i++) {
    const { path, time, sender, remote, ...rest } = all[i];
    assert.equal(path, log);
    assert.ok(time === null || typeof time === 'string');
    assert.ok(sender === null || typeof sender === 'string');
    assert.ok(remote === null || typeof remote === 'string');
    assert.deepEqual(rest, json[i]);
  }
  // .gz and standard input.
  assert.deepEqual(
    records(gzRun.out).map((x) => [x.path, x.verdict]),
    [
      [gz, 'bounced'],
      [gz, 'deferred'],
    ],
  );
  assert.deepEqual(
    records(stdin.out).map((x) => [x.path, x.line, x.verdict]),
    [['-', 1, 'bounced']],
  );
  assert.equal(missing.code, 2);
});

test('check --format jsonl - reads what journalctl -f -o short-iso writes (the journald recipe)', async () => {
  // journalctl -o short-iso: an ISO time with its zone, the host, the unit's identifier and pid.
  const iso = (line: string, time: string) => line.replace(/^Nov 24 \d\d:\d\d:\d\d/, time);
  const input = [iso(DEFERRED, '2026-11-24T10:16:40+0100'), iso(SENT, '2026-11-24T10:17:00+0100'), iso(BOUNCED, '2026-11-24T10:18:02+0100')].join('\n') + '\n';
  const r = await runAsync(['check', '--format', 'jsonl', '-'], input);
  assert.equal(r.code, 1);
  assert.deepEqual(
    records(r.out).map((x) => [x.line, x.verdict, x.reply, x.recipient, x.time]),
    [
      [1, 'deferred', '452', 'bo@example.org', '2026-11-24T10:16:40'],
      [3, 'bounced', '550', 'ana@example.net', '2026-11-24T10:18:02'],
    ],
  );
});

test('check --format jsonl -: each event is written as soon as its line is read (a streaming filter)', async () => {
  const p = Proc.cli(['check', '--format', 'jsonl', '-']);
  p.child.stdin!.write(`${BOUNCED}\n`);
  await waitFor('the first record while standard input stays open', () => p.lines.length === 1);
  assert.equal(JSON.parse(p.lines[0]).verdict, 'bounced');
  p.child.stdin!.write(`${SENT}\n${DEFERRED}\n`);
  await waitFor('the second record', () => p.lines.length === 2);
  assert.equal(JSON.parse(p.lines[1]).verdict, 'deferred');
  p.child.stdin!.end();
  assert.equal(await p.exited, 1);
});

test('check --follow: starts at the end, reads what is appended, survives rotation by rename and copytruncate', async () => {
  const log = file('follow.log', [BOUNCED, SENT]);
  const p = Proc.cli(['check', '--follow', '--format', 'jsonl', log]);
  await waitFor('following to start', () => p.err.includes('following from line 3'));
  appendFileSync(log, `${DEFERRED}\n`);
  await waitFor('the appended deferral', () => p.lines.length === 1);
  assert.deepEqual(
    [JSON.parse(p.lines[0]).line, JSON.parse(p.lines[0]).verdict],
    [3, 'deferred'],
    'what the file held is skipped, lines keep their numbers',
  );
  // A line written half, then its end: read once, whole.
  appendFileSync(log, BOUNCED.slice(0, 100));
  appendFileSync(log, `${BOUNCED.slice(100)}\n`);
  await waitFor('the line written in two parts', () => p.lines.length === 2);
  assert.equal(JSON.parse(p.lines[1]).line, 4);
  // Rotation: a last line written to the old file, the old file renamed, a new file in its place.
  appendFileSync(log, `${DEFERRED}\n`);
  renameSync(log, `${log}.1`);
  writeFileSync(log, `${BOUNCED}\n`);
  await waitFor('the rotated file read to its end, then the new file', () => p.lines.length === 4);
  assert.deepEqual(
    p.lines.slice(2).map((l) => [JSON.parse(l).line, JSON.parse(l).verdict]),
    [
      [5, 'deferred'],
      [1, 'bounced'],
    ],
  );
  assert.match(p.err, /follow\.log: replaced \(rotated\); following the new file/);
  // copytruncate: the content copied away, the file truncated, then written again.
  copyFileSync(log, `${log}.2`);
  truncateSync(log, 0);
  await waitFor('the truncation noticed', () => p.err.includes('truncated; reading it from its start'));
  appendFileSync(log, `${DEFERRED}\n`);
  await waitFor('the line after the truncation', () => p.lines.length === 5);
  assert.deepEqual([JSON.parse(p.lines[4]).line, JSON.parse(p.lines[4]).verdict], [1, 'deferred']);
  assert.equal(await p.stop('SIGTERM'), 0, 'stopped by a signal: exit 0');
});

test('check --follow: waits for a missing file and reads it whole when it appears; text totals when interrupted; control characters escaped', async () => {
  const log = join(dir, 'later.log');
  const p = Proc.cli(['check', '--follow', log]);
  await waitFor('the wait to be announced', () => p.err.includes('later.log: no such file; waiting for it'));
  writeFileSync(log, `${SENT}\n${BOUNCED.replace('User unknown', 'User \u001b[31munknown\u0007')}\n`);
  await waitFor('the bounce', () => p.lines.length === 1);
  assert.match(p.err, /later\.log: following from line 1/);
  assert.match(p.lines[0], /later\.log:2:\d+: error Bounced: 550 5\.1\.1 /);
  assert.ok(!/[\u0000-\u0008\u000b-\u001f\u007f]/.test(p.out), 'no control character reaches the terminal');
  assert.equal(await p.stop('SIGINT'), 0);
  assert.match(p.out, /\n1 bounced, 0 expired, 0 rejected, 0 deferred, 1 delivered \(recipients, by their last state; refused transactions\) · 2 attempts, 1 failed in 1 file\n$/);
});

test('check --follow --from-start gives the records of check on the whole file; usage errors', async () => {
  const whole = run(['check', '--format', 'jsonl', '--all', FIXTURE]);
  const expected = whole.out.trim().split('\n');
  assert.ok(expected.length > 50);
  const p = Proc.cli(['check', '--follow', '--from-start', '--format', 'jsonl', '--all', FIXTURE]);
  await waitFor('every record of the file', () => p.lines.length >= expected.length);
  assert.deepEqual(p.lines, expected);
  assert.equal(await p.stop(), 0);

  // Usage errors: each option where it belongs (the rest of the table in test/unit/live.test.ts).
  const [follow, exporter] = await Promise.all([runAsync(['check', '--follow', '--format', 'json', FIXTURE]), runAsync(['exporter', '--top-domains', 'many', FIXTURE])]);
  assert.equal(follow.code, 2);
  assert.match(follow.err, /--follow prints text or jsonl/);
  assert.equal(exporter.code, 2);
  assert.match(exporter.err, /--top-domains needs a number/);
});

/** Samples of the exposition format: `name{labels}` → value. */
function samples(body: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of body.split('\n')) {
    const m = /^([a-z_]+(?:\{.*\})?) (\d+)$/.exec(line);
    if (m) out.set(m[1], Number(m[2]));
  }
  return out;
}

const sumWhere = (s: Map<string, number>, re: RegExp) => [...s].filter(([k]) => re.test(k)).reduce((n, [, v]) => n + v, 0);

test('exporter: counts each event check reports, lines read; serves /metrics only, on 127.0.0.1', async () => {
  const log = join(dir, 'exported.log');
  writeFileSync(log, `${BOUNCED}\n`); // there before the exporter: not counted (it starts at the end)
  const p = Proc.cli(['exporter', '--listen', ':0', log]);
  const url = await exporterUrl(p);
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/metrics$/, 'localhost unless told otherwise');
  await waitFor('following to start', () => p.err.includes('following from line 2'));
  const fixture = readFileSync(FIXTURE, 'utf8');
  appendFileSync(log, fixture);
  const lineCount = fixture.split('\n').length - 1;
  const s = await waitFor('every line read', async () => {
    const m = samples((await httpGet(url)).body);
    return m.get(`smtp_codes_lines_read_total{path="${log}"}`) === lineCount ? m : null;
  });
  // The events of check on the same lines, by verdict (null: a format without verdicts).
  const events = records(run(['check', '--format', 'jsonl', '--all', FIXTURE]).out);
  const byVerdict = new Map<string, number>();
  for (const e of events) byVerdict.set(e.verdict ?? 'unknown', (byVerdict.get(e.verdict ?? 'unknown') ?? 0) + 1);
  for (const [verdict, n] of byVerdict) assert.equal(sumWhere(s, new RegExp(`^smtp_codes_outcomes_total\\{verdict="${verdict}"`)), n, verdict);
  assert.equal(sumWhere(s, /^smtp_codes_outcomes_total\{/), events.length);
  assert.equal(s.get(`smtp_codes_lines_not_understood_total{path="${log}"}`), 0);
  // Nothing else is served.
  const root = await httpGet(url.replace('/metrics', '/'));
  assert.equal(root.status, 404);
  assert.equal((await httpGet(url.replace('/metrics', '/metrics/x'))).status, 404);
  const post = await new Promise<number>((resolve, reject) => {
    const req = request(url, { method: 'POST' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end('x');
  });
  assert.equal(post, 405);
  const ok = await httpGet(url);
  assert.equal(ok.status, 200);
  assert.match(String(ok.headers['content-type']), /^text\/plain; version=0\.0\.4/);
  assert.equal(await p.stop('SIGTERM'), 0);
});

test('exporter -: reads standard input, and serves the metrics after it ends', async () => {
  const p = Proc.cli(['exporter', '--listen', '127.0.0.1:0', '--top-domains', '5', '-']);
  const url = await exporterUrl(p);
  p.child.stdin!.end(`${BOUNCED}\n${DEFERRED}\n${SENT}\n`);
  const s = await waitFor('three lines read', async () => {
    const m = samples((await httpGet(url)).body);
    return m.get('smtp_codes_lines_read_total{path="-"}') === 3 ? m : null;
  });
  assert.equal(sumWhere(s, /^smtp_codes_outcomes_total\{verdict="bounced",class="permanent",reply="550",enhanced="5\.1\.1",reason="user-unknown",provider="",direction="outbound"\}$/), 1);
  assert.equal(s.get('smtp_codes_domain_outcomes_total{domain="example.net",verdict="bounced"}'), 1);
  assert.equal(s.get('smtp_codes_domain_outcomes_total{domain="example.com",verdict="delivered"}'), 1);
  // Still serving after standard input ended; the stories were closed at its end.
  const again = samples((await httpGet(url)).body);
  assert.equal(again.get('smtp_codes_final_outcomes_total{verdict="bounced"}'), 1);
  assert.equal(again.get('smtp_codes_final_outcomes_total{verdict="deferred"}'), 1);
  assert.equal(await p.stop('SIGINT'), 0);
});
