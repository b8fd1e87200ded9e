// The CLI on files that are not what it expects: empty, unreadable, a symlink loop, not text,
// UTF-16, invalid UTF-8, a gzip file that is truncated or holds binary data, standard input
// (empty, binary, an .eml), a reader that closes the pipe early, and a big log whose chunk
// boundaries fall inside CRLF pairs and multi-byte characters. Each gets a clear message and
// the right exit code, and the other files are still checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess, type SpawnSyncOptions } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, openSync, symlinkSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGzip, gzipSync } from 'node:zlib';
import { analyzeLog } from '../../server/src/engine/index';
import { repoRoot } from '../support/shared';
import { DSN_HEAD } from '../fuzz/corpus';

const CLI = join(repoRoot, 'dist', 'cli.js');
const BOUNCE = 'host mx.example.net[198.51.100.7] said: 550 5.1.1 <ana@example.net>: User unknown';
const DEFER = 'host mail.example.org[203.0.113.9] said: 452 4.2.2 Mailbox full';

function run(args: string[], input?: string | Buffer, options: SpawnSyncOptions = {}) {
  const r = spawnSync(process.execPath, [options.cwd ? 'cli.js' : CLI, ...args], { input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 1 << 28, ...options });
  return { code: r.status, out: String(r.stdout), err: String(r.stderr) };
}

const dir = mkdtempSync(join(tmpdir(), 'smtp-codes-cli-robust-'));
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const good = file('good.log', `${BOUNCE}\n${DEFER}\n`);

/** JSON output of `check` on `paths`: exit code, stderr and the files. */
function checkJson(paths: string[], input?: string | Buffer) {
  const r = run(['check', '--format', 'json', ...paths], input);
  return { ...r, doc: JSON.parse(r.out) as { files: Array<{ path: string; error?: string; findings: Array<Record<string, unknown>> }>; summary: Record<string, number> } };
}

test('an empty file and /dev/null: no findings, exit 0', () => {
  const empty = file('empty.log', '');
  const r = checkJson([empty, '/dev/null']);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(
    r.doc.files.map((f) => [f.findings.length, f.error]),
    [
      [0, undefined],
      [0, undefined],
    ],
  );
  assert.equal(r.err, '');
});

test('an unreadable file: "permission denied", exit 2, the next file still checked', () => {
  // Root reads everything: run the CLI as nobody then, from a copy it can read.
  const asRoot = process.getuid?.() === 0;
  const where = asRoot ? mkdtempSync(join(tmpdir(), 'smtp-codes-cli-nobody-')) : dir;
  if (asRoot) {
    chmodSync(where, 0o755);
    copyFileSync(CLI, join(where, 'cli.js'));
  }
  const secret = join(where, 'secret.log');
  const open = join(where, 'open.log');
  writeFileSync(secret, `${BOUNCE}\n`);
  writeFileSync(open, `${BOUNCE}\n`);
  chmodSync(secret, 0o000);
  chmodSync(open, 0o644);
  const r = run(['check', '--format', 'json', secret, open], undefined, asRoot ? { cwd: where, uid: 65534, gid: 65534 } : {});
  assert.equal(r.code, 2, r.err);
  assert.match(r.err, /secret\.log: permission denied/);
  const doc = JSON.parse(r.out);
  assert.equal(doc.files[0].error, 'permission denied');
  assert.equal(doc.files[1].findings.length, 1, 'the readable file is still checked');
});

test('a symlink loop and a name that is not there: a message each, exit 2, the rest checked', () => {
  const a = join(dir, 'loop-a');
  const b = join(dir, 'loop-b');
  symlinkSync(b, a);
  symlinkSync(a, b);
  const r = checkJson([a, join(dir, 'nope', 'x.log'), good]);
  assert.equal(r.code, 2);
  assert.match(r.err, /loop-a: cannot read \(ELOOP\)/);
  assert.match(r.err, /x\.log: no such file/);
  assert.equal(r.doc.files[2].findings.length, 2);
});

/** Deterministic bytes like compressed data (an image's pixels, an archive). */
function noise(size: number): Buffer {
  const b = Buffer.alloc(size);
  let x = 7;
  for (let i = 0; i < size; i++) b[i] = (x = (Math.imul(x, 1103515245) + 12345) >>> 0) >>> 16;
  return b;
}

test('files that are not text: an image, control bytes, a gzip file of binary data', () => {
  // A PNG: its signature, then compressed data (binary is decided from a sample's share of
  // non-text bytes, so the image needs its data, not only its 12-byte signature).
  const png = file('image.png', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.from('IHDR'), noise(4096), Buffer.from(BOUNCE)]));
  const ctrl = file('control.log', Buffer.from(Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? 1 : 65 + (i % 26)))));
  const gzBinary = file('binary.log.gz', gzipSync(Buffer.from([0, 1, 2, 3, 0, 0, 0, 0, 5, 5, 0])));
  const r = checkJson([png, ctrl, gzBinary, good]);
  assert.equal(r.code, 2);
  for (const name of ['image.png', 'control.log', 'binary.log.gz']) assert.match(r.err, new RegExp(`${name.replace('.', '\\.')}: not a text file \\(binary content\\); skipped`));
  assert.deepEqual(
    r.doc.files.map((f) => f.findings.length),
    [0, 0, 0, 2],
  );
});

test('gzip: truncated, corrupt, empty, and a plain file named .gz', () => {
  const whole = gzipSync(Buffer.from(`${BOUNCE}\n`.repeat(2000)));
  const truncated = file('truncated.log.gz', whole.subarray(0, Math.floor(whole.length / 2)));
  const corrupt = file('corrupt.log.gz', Buffer.concat([whole.subarray(0, 12), Buffer.alloc(64, 0xaa)]));
  const empty = file('empty.log.gz', gzipSync(Buffer.alloc(0)));
  const plain = file('plain.log.gz', `${BOUNCE}\n`);
  const r = checkJson([truncated, corrupt, empty, plain]);
  assert.equal(r.code, 2);
  assert.match(r.err, /truncated\.log\.gz: truncated gzip data \(unexpected end of file\)/);
  assert.match(r.err, /corrupt\.log\.gz: corrupt gzip data/);
  const [t, c, e, p] = r.doc.files;
  assert.equal(t.error, 'truncated gzip data (unexpected end of file)');
  assert.equal(c.error, 'corrupt gzip data');
  assert.deepEqual([e.error, e.findings.length], [undefined, 0]);
  assert.deepEqual([p.error, p.findings.length], [undefined, 1], 'a .gz name without the gzip magic is read as text');
});

test('UTF-16 logs (with a byte-order mark, as Windows tools write them) are read as text', () => {
  const text = `${BOUNCE}\r\n${DEFER}\r\n`;
  const le = file('utf16le.log', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  const beBytes = Buffer.from(text, 'utf16le');
  for (let i = 0; i + 1 < beBytes.length; i += 2) [beBytes[i], beBytes[i + 1]] = [beBytes[i + 1], beBytes[i]];
  const be = file('utf16be.log', Buffer.concat([Buffer.from([0xfe, 0xff]), beBytes]));
  const r = checkJson([le, be]);
  assert.equal(r.code, 1, r.err);
  for (const f of r.doc.files) {
    assert.deepEqual(
      f.findings.map((x) => [x.line, x.column, x.reply]),
      [
        [1, BOUNCE.indexOf('550') + 1, '550'],
        [2, DEFER.indexOf('452') + 1, '452'],
      ],
      f.path,
    );
  }
});

test('a UTF-8 byte-order mark is not a column; invalid UTF-8 is replaced, the line still read', () => {
  const bom = file('bom.log', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${BOUNCE}\n`)]));
  const latin1 = file('latin1.log', Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9, 0xff, 0xc3]), Buffer.from(` ${BOUNCE}\n`)]));
  const r = checkJson([bom, latin1]);
  assert.equal(r.code, 1, r.err);
  assert.equal(r.doc.files[0].findings[0].column, BOUNCE.indexOf('550') + 1);
  assert.equal(r.doc.files[1].findings[0].reply, '550');
});

test('standard input: empty, binary, an .eml, and given twice', () => {
  const empty = checkJson(['-'], '');
  assert.deepEqual([empty.code, empty.doc.files[0].findings.length], [0, 0]);
  const binary = checkJson(['-', good], Buffer.from([0, 0, 0, 1, 2, 3, 0]));
  assert.equal(binary.code, 2);
  assert.match(binary.err, /-: not a text file/);
  assert.equal(binary.doc.files[1].findings.length, 2);
  const eml = [
    'From: MAILER-DAEMON@example.com',
    'To: me@example.com',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
    '',
    '--b',
    'Content-Type: message/delivery-status',
    '',
    'Final-Recipient: rfc822; x@example.net',
    'Status: 5.1.1',
    '--b--',
    '',
  ].join('\r\n');
  const mail = checkJson(['-'], eml);
  assert.deepEqual(
    mail.doc.files[0].findings.map((f) => [f.line, f.enhanced]),
    [[9, '5.1.1']],
  );
  const twice = checkJson(['-', '-'], `${BOUNCE}\n`);
  assert.deepEqual(
    twice.doc.files.map((f) => f.findings.length),
    [1, 0],
    'the second - finds standard input at its end',
  );
});

test('a reader that closes the pipe early: no stack trace, the status of what was found', async () => {
  const big = file('big.log', `${BOUNCE}\n`.repeat(200_000));
  const child = spawn(process.execPath, [CLI, 'check', big], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  // Read the first line, then close our end, like `| head -1`.
  const first = await new Promise<string>((resolve) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) {
        child.stdout.destroy();
        resolve(out.slice(0, out.indexOf('\n')));
      }
    });
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  assert.match(first, /big\.log:1:\d+: error 550 5\.1\.1/);
  assert.equal(err, '', 'nothing on stderr');
  assert.equal(code, 1, 'a permanent failure had been found');
});

test('a big log read in chunks = the whole text scanned at once (boundaries inside CRLF, a character, a code)', () => {
  // The CLI reads files in 64 KiB chunks, so every MiB is a chunk boundary. Lines of varying length, all line endings, multi-byte
  // characters; and at each chunk boundary on purpose: a CRLF split in two, a 4-byte character
  // split, a reply code split inside a multi-line reply.
  const MiB = 1 << 20;
  const parts: string[] = [];
  let bytes = 0;
  const add = (s: string) => {
    parts.push(s);
    bytes += Buffer.byteLength(s);
  };
  const endings = ['\n', '\r\n', '\r'];
  let i = 0;
  const varied = (until: number) => {
    for (; bytes < until; i++) {
      const pad = 'é😀ü'.repeat(i % 7) + 'x'.repeat((i * 37) % 113);
      const line = i % 5 === 0 ? `<<< 550-5.1.1 ${pad}` : i % 5 === 1 ? `<<< 550 5.1.1 end ${pad}` : i % 5 === 2 ? `${pad} ${BOUNCE}` : i % 5 === 3 ? `${pad} ${DEFER}` : pad;
      add(`${line}${endings[i % 3]}\n`);
    }
  };
  /** ASCII filler lines up to exactly `target` bytes. */
  const padTo = (target: number) => {
    while (target - bytes > 200) add(`${'p'.repeat(150)}\n`);
    add(`${'q'.repeat(target - bytes - 1)}\n`);
  };
  const split = [
    ['said: 550 5.1.1 user unknown\r', '\nnext line'],
    ['said: 452 4.2.2 full \ud83d', '\ude00 more\n'],
    ['<<< 550-5.1.1 first\n<<< 5', '50 5.1.1 second\n'],
  ];
  for (let k = 0; k < split.length; k++) {
    varied((k + 1) * MiB - 300_000);
    padTo((k + 1) * MiB - Buffer.byteLength(split[k][0]));
    add(split[k][0]);
    assert.equal(bytes, (k + 1) * MiB);
    add(split[k][1]);
  }
  varied(3.5 * MiB);
  const text = parts.join('');
  const path = file('chunks.log', text);
  const r = checkJson([path]);
  assert.equal(r.code, 1, r.err);
  // Each failure is an attempt (a format without verdicts: one per failed reply), read the same from chunks as from the whole text.
  const expected = analyzeLog(text).outcomes.map((o) => {
    const f = o.finding!;
    return [f.range.start.line + 1, f.range.start.character + 1, f.range.end.line + 1, f.range.end.character + 1, f.reply, f.enhanced, f.text];
  });
  const got = r.doc.files[0].findings.map((f) => [f.line, f.column, f.endLine, f.endColumn, f.reply, f.enhanced, f.text]);
  assert.ok(expected.length > 10_000, `${expected.length} findings`);
  for (const probe of ['user unknown', 'full \ud83d\ude00 more', 'first second']) assert.ok(expected.some((e) => e[6] === probe), `the finding at a chunk boundary: ${probe}`);
  assert.deepEqual(got, expected);
});

// ---------------------------------------------------------------- issue #15: real-world input

test('NUL runs are filler, at the start (copytruncate), in the middle and at the end: the log is read, the NUL bytes said once', () => {
  const nul = (n: number) => Buffer.alloc(n);
  const line = (s: string) => Buffer.from(`${s}\n`);
  // A hole of NUL bytes at the start runs into the first line, as logrotate's copytruncate leaves it.
  const hole = file('hole.log', Buffer.concat([nul(300_000), line(BOUNCE), line(DEFER), nul(70_000), line(BOUNCE), nul(5000)]));
  const r = checkJson([hole]);
  assert.equal(r.code, 1, r.err);
  assert.deepEqual(
    r.doc.files[0].findings.map((f) => [f.line, f.column, f.reply]),
    [
      [1, 300_000 + BOUNCE.indexOf('550') + 1, '550'],
      [2, DEFER.indexOf('452') + 1, '452'],
      [3, 70_000 + BOUNCE.indexOf('550') + 1, '550'],
    ],
  );
  assert.equal(r.err, `smtp-codes: ${hole}: 375,000 NUL bytes read as filler (never part of a code)\n`, 'said once, on standard error');
  assert.deepEqual((r.doc.files[0] as { notes?: string[] }).notes, ['375,000 NUL bytes read as filler (never part of a code)']);
  // The same with summary (it skipped the whole log before) and a file that is nothing but NUL bytes.
  const s = run(['summary', '--format', 'json', hole]);
  assert.equal(s.code, 0, s.err);
  assert.equal(JSON.parse(s.out).summary.classes.permanent, 2);
  const zeros = checkJson([file('zeros.log', nul(200_000))]);
  assert.deepEqual([zeros.code, zeros.doc.files[0].findings.length, zeros.doc.files[0].error], [0, 0, undefined]);
});

test('binary is decided from the share of non-text bytes, not from one NUL byte', () => {
  // A few NUL bytes inside text (a daemon's stray zero) do not make a log binary.
  const stray = checkJson([file('stray.log', Buffer.concat([Buffer.from(`${BOUNCE}\0\n`), Buffer.from(`x\0y ${DEFER}\n`)]))]);
  assert.equal(stray.code, 1, stray.err);
  assert.equal(stray.doc.files[0].findings.length, 2);
  // Compressed data with a little text in it stays binary.
  const blob = checkJson([file('blob.bin', Buffer.concat([noise(20_000), Buffer.from(`\n${BOUNCE}\n`), noise(20_000)]))]);
  assert.equal(blob.code, 2);
  assert.equal(blob.doc.files[0].error, 'not a text file (binary content); skipped');
});

test('every path a shell gives: /dev/stdin, a pipe as /dev/fd/N (what <(zcat …) is), a named pipe with a writer', async () => {
  const viaStdin = run(['check', '--format', 'json', '/dev/stdin'], `${BOUNCE}\n`);
  assert.equal(viaStdin.code, 1, viaStdin.err);
  assert.equal(JSON.parse(viaStdin.out).files[0].findings.length, 1);
  // `check <(zcat mail.log.gz)`: the shell passes /dev/fd/63, the read end of a pipe (a real pipe:
  // node's own stdio pipes are sockets). The process substitution gives gzip data, read as such.
  const gz = file('sub.log.gz', gzipSync(`${BOUNCE}\n${DEFER}\n`));
  const sub = spawnSync('bash', ['-c', 'exec "$0" "$1" check --format json <(cat "$2") <(zcat "$2")', process.execPath, CLI, gz], { encoding: 'utf8' });
  assert.equal(sub.error, undefined, 'bash runs');
  assert.equal(sub.stderr, '');
  assert.equal(sub.status, 1);
  assert.deepEqual(
    JSON.parse(sub.stdout).files.map((f: { findings: Array<{ reply: string }> }) => f.findings.map((x) => x.reply)),
    [
      ['550', '452'],
      ['550', '452'],
    ],
  );
  // A named pipe (mkfifo) with a writer.
  const fifo = makeFifo('writer.fifo');
  const reader = spawn(process.execPath, [CLI, 'check', '--format', 'json', fifo], { stdio: ['ignore', 'pipe', 'pipe'] });
  await writeFile(fifo, `${BOUNCE}\n`);
  const [fifoCode, fifoOut] = await finished(reader);
  assert.equal(fifoCode, 1);
  assert.equal(JSON.parse(fifoOut).files[0].findings.length, 1);
});

test('a named pipe nobody writes to: check says what it waits for, then reads the writer that comes', async () => {
  const fifo = makeFifo('lonely.fifo');
  const child = spawn(process.execPath, [CLI, 'check', '--format', 'json', fifo], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  await new Promise<void>((resolve) => {
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('\n')) resolve();
    });
  });
  assert.equal(err, `smtp-codes: ${fifo}: waiting for data: a named pipe, nothing written to it yet (Ctrl+C to stop)\n`);
  await writeFile(fifo, `${DEFER}\n`);
  const [code, out] = await finished(child);
  assert.equal(code, 0);
  assert.equal(JSON.parse(out).files[0].findings[0].reply, '452');
});

test('no text output lets document text drive the terminal: check, summary, explain escape control characters', () => {
  // A recipient and a reply text carrying a window-title change, concealed text, an OSC 8 link,
  // a bell and a right-to-left override; the file name clears the screen and returns the cursor.
  const evil = '\u001b]0;pwned\u0007\u001b[8mhidden\u001b[0m\u001b]8;;https://evil.example/\u001b\\click\u001b]8;;\u001b\\\u202e';
  const log = file(
    'evil\u001b[2J\r.log',
    [
      `Nov 24 10:15:02 mx1 postfix/smtp[1]: A1: to=<x${evil}@ex${evil}ample.net>, relay=x[192.0.2.1]:25, dsn=5.1.1, status=bounced (host x[192.0.2.1] said: 550 5.1.1 User ${evil} unknown (in reply to RCPT TO command))`,
      `host said: 550 5.7.1 ${evil} gsmtp ${evil}`,
      '',
    ].join('\n'),
  );
  /** What may reach the terminal: printable text, tabs, line breaks, and (with --color) our own SGR colours. */
  const clean = (out: string, what: string) => {
    const rest = out.replace(/\u001b\[[0-9;]{1,8}m/g, '').replace(/\n/g, '');
    const bad = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.exec(rest);
    assert.equal(bad, null, `${what}: ${JSON.stringify(bad?.[0])} reaches the terminal in ${JSON.stringify(out.slice(0, 300))}`);
  };
  for (const color of ['--no-color', '--color']) {
    for (const args of [['check', '--all', color, log], ['summary', color, log], ['check', color, join(dir, 'missing\u001b]0;x\u0007.log')]]) {
      const r = run(args);
      assert.ok(r.out.length > 0 || r.err.length > 0, args.join(' '));
      clean(r.out, `stdout of ${args[0]} ${color}`);
      clean(r.err, `stderr of ${args[0]} ${color}`);
    }
  }
  const summary = run(['summary', '--no-color', log]);
  assert.match(summary.out, /x\\x1b\]0;pwned\\x07/, 'the recipient is shown, escaped');
  for (const args of [['explain', '--color', `550\u001b]0;x\u0007`], ['explain', '--no-color', '5.1.1'], ['--bogus\u001b[2J']]) {
    const r = run(args);
    clean(r.out, `stdout of ${args.join(' ')}`);
    clean(r.err, `stderr of ${args.join(' ')}`);
  }
});

test('a full disk (> /dev/full): one line on standard error, exit status 2', { skip: existsSync('/dev/full') ? false : 'no /dev/full here' }, () => {
  const r = spawnSync(process.execPath, [CLI, 'check', good], { stdio: ['ignore', openSync('/dev/full', 'w'), 'pipe'], encoding: 'utf8' });
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stderr, 'smtp-codes: cannot write the output: ENOSPC (no space left on device)\n');
});

test('a gzip bomb of a message (.eml.gz expanding past the message limit): its report is scanned, the rest skipped and said', () => {
  // The report first, then a returned message with a base64 attachment of 38 MB of zeros (a 40 KB .gz).
  const head = [
    DSN_HEAD,
    'Content-Type: message/delivery-status',
    '',
    'Final-Recipient: rfc822; x@example.net',
    'Action: failed',
    'Status: 5.1.1',
    'Diagnostic-Code: smtp; 550 5.1.1 User unknown',
    '',
    '--b',
    'Content-Type: application/octet-stream',
    'Content-Transfer-Encoding: base64',
    '',
    '',
  ].join('\n');
  const zlib = createGzip();
  const parts: Buffer[] = [];
  zlib.on('data', (d: Buffer) => parts.push(d));
  zlib.write(head);
  const line = Buffer.from(`${'A'.repeat(76)}\n`);
  const block = Buffer.concat(Array.from({ length: 1 << 13 }, () => line));
  for (let i = 0; i < 60; i++) zlib.write(block); // 60 × 8192 lines of 77 bytes: 38 MB
  zlib.end('--b--\n');
  return new Promise<void>((resolve, reject) => {
    zlib.on('end', () => {
      try {
        const bomb = file('bomb.eml.gz', Buffer.concat(parts));
        assert.ok(Buffer.concat(parts).length < 1 << 20);
        const r = checkJson([bomb]);
        assert.equal(r.code, 1, r.err);
        assert.deepEqual(
          r.doc.files[0].findings.map((f) => [f.line, f.reply, f.enhanced]),
          // One failure for the one recipient (its Status is evidence of the same outcome).
          [[13, '550', '5.1.1']],
        );
        assert.match(r.err, /bomb\.eml\.gz: message larger than 32 MB: its first 32 MB were scanned, the rest \(returned message, attachments\) was not read\n$/);
        resolve();
      } catch (err) {
        reject(err);
      }
    });
  });
});

/** A named pipe in the test folder (POSIX mkfifo). */
function makeFifo(name: string): string {
  const path = join(dir, name);
  assert.equal(spawnSync('mkfifo', [path]).status, 0, 'mkfifo');
  return path;
}

function finished(child: ChildProcess): Promise<[number | null, string, string]> {
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve([code, out, err])));
}
