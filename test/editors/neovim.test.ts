// The server in a second editor: Debian's real Neovim, headless, with its built-in LSP client,
// reads back the diagnostics, a hover and the references of a queue ID (the lines of its message
// and of its notification). Skipped (with the reason) where nvim is not installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../support/shared';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const available = nvim.status === 0;

test(
  'Neovim (built-in LSP client) shows our diagnostics and hover, and finds the references of a queue ID',
  { skip: available ? false : 'nvim is not installed (apt-get install neovim); .ci/run installs it' },
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'smtp-codes-nvim-'));
    const log = join(dir, 'mail.log');
    writeFileSync(
      log,
      [
        'Nov 24 10:15:02 mx1 postfix/smtp[1]: 3F2A81C0D4: to=<ana@example.net>, relay=x[192.0.2.1]:25, dsn=5.1.1, status=bounced (host x[192.0.2.1] said: 550 5.1.1 User unknown (in reply to RCPT TO command))',
        'Nov 24 10:16:02 mx1 postfix/smtp[2]: 7C1E21C0D9: to=<bo@example.org>, relay=x[192.0.2.1]:25, dsn=4.2.2, status=deferred (host x[192.0.2.1] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command))',
        'Nov 24 10:16:03 mx1 postfix/cleanup[3]: 9D8E71C0E1: message-id=<20261124101603.9D8E71C0E1@mx1.example.com>',
        'Nov 24 10:16:03 mx1 postfix/bounce[4]: 3F2A81C0D4: sender non-delivery notification: 9D8E71C0E1',
        'Nov 24 10:16:03 mx1 postfix/qmgr[5]: 3F2A81C0D4: removed',
        'Nov 24 10:16:03 mx1 postfix/local[6]: 9D8E71C0E1: to=<sender@example.com>, relay=local, delay=0, dsn=2.0.0, status=sent (delivered to mailbox)',
        'Nov 24 10:16:03 mx1 postfix/qmgr[5]: 9D8E71C0E1: removed',
        '',
      ].join('\n'),
    );
    const out = join(dir, 'result.json');
    const r = spawnSync('nvim', ['--headless', '--clean', '-c', `luafile ${join(repoRoot, 'test', 'editors', 'neovim.lua')}`], {
      env: { ...process.env, SMTP_CODES_SERVER: join(repoRoot, 'dist', 'server.js'), SMTP_CODES_OUT: out, SMTP_CODES_LOG: log, SMTP_CODES_QUEUE_ID: '3F2A81C0D4' },
      encoding: 'utf8',
      timeout: 60000,
    });
    assert.equal(r.status, 0, `nvim exited with ${r.status}: ${r.stderr}`);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(result.error, undefined, result.error);
    assert.deepEqual(
      result.diagnostics.map((d: { line: number; severity: number; source: string; code: string }) => [d.line, d.severity, d.source, d.code]),
      [
        [0, 1, 'smtp-codes', '550 5.1.1'],
        [1, 2, 'smtp-codes', '452 4.2.2'],
      ],
    );
    assert.match(result.diagnostics[0].message, /^Bounced: 550 5\.1\.1 /);
    assert.match(result.hover, /permanent failure/);
    assert.match(result.hover, /What to do/);
    // References of 3F2A81C0D4: its lines and its notification's, not the other message's.
    assert.deepEqual(
      result.references.map((r: { uri: string; line: number; col: number }) => [r.uri, r.line, r.col]),
      [
        [pathToFileURL(log).toString(), 0, 37],
        [pathToFileURL(log).toString(), 2, 40],
        [pathToFileURL(log).toString(), 3, 39],
        [pathToFileURL(log).toString(), 4, 37],
        [pathToFileURL(log).toString(), 5, 38],
        [pathToFileURL(log).toString(), 6, 37],
      ],
    );
  },
);
