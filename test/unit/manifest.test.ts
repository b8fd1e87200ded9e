// The manifest's file names and first lines (#14 item 3): which files open as Mail Log, which
// lines make an unnamed file one, which names get "SMTP: Scan File…" in the Explorer, with the
// names and lines that must not. VS Code matches `filenamePatterns` as globs against the file
// name in lower case, `firstLine` as an expression (no flags) against the first line, and the
// Explorer's `=~` with its flags; the same here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { looksLikeMailLog, MAIL_LOG_LINE } from '../../server/src/engine/index';
import { repoRoot } from '../support/shared';

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const mailLog = manifest.contributes.languages.find((l: { id: string }) => l.id === 'mail-log') as { filenames: string[]; filenamePatterns: string[]; firstLine: string };

/** A glob as VS Code reads a language's filename pattern: `*`, `?`, `[0-9]`, `{a,b}`. */
function globMatch(pattern: string, name: string): boolean {
  const brace = pattern.indexOf('{');
  if (brace >= 0) {
    const close = pattern.indexOf('}', brace);
    return pattern
      .slice(brace + 1, close)
      .split(',')
      .some((alt) => globMatch(pattern.slice(0, brace) + alt + pattern.slice(close + 1), name));
  }
  const match = (p: number, n: number): boolean => {
    if (p === pattern.length) return n === name.length;
    const c = pattern[p];
    if (c === '*') {
      for (let k = n; k <= name.length; k++) if (match(p + 1, k)) return true;
      return false;
    }
    if (n === name.length) return false;
    if (c === '?') return match(p + 1, n + 1);
    if (c === '[') {
      const end = pattern.indexOf(']', p);
      const set = pattern.slice(p + 1, end);
      const ch = name[n];
      let ok = false;
      for (let i = 0; i < set.length; i++) {
        if (set[i + 1] === '-' && i + 2 < set.length) {
          if (ch >= set[i] && ch <= set[i + 2]) ok = true;
          i += 2;
        } else if (ch === set[i]) ok = true;
      }
      return ok && match(end + 1, n + 1);
    }
    return c === name[n] && match(p + 1, n + 1);
  };
  return match(0, 0);
}

const isMailLogName = (name: string) => {
  const lower = name.toLowerCase();
  return mailLog.filenames.includes(lower) || mailLog.filenamePatterns.some((p) => globMatch(p.toLowerCase(), lower));
};

test('the glob reader of this test reads globs as VS Code does', () => {
  assert.equal(globMatch('mail.log.[0-9]*[0-9]', 'mail.log.12'), true);
  assert.equal(globMatch('mail.log.[0-9]*[0-9]', 'mail.log.1.gz'), false);
  assert.equal(globMatch('{a,b}.x', 'b.x'), true);
  assert.equal(globMatch('*.maillog', 'mx2.maillog'), true);
});

test('rotated, dated and cPanel names open as Mail Log, any rotation number', () => {
  const names = [
    'mail.log', 'maillog', 'mail.err', 'mail.warn', 'mail.info', 'mainlog', 'rejectlog', 'paniclog',
    'exim_mainlog', 'exim_rejectlog', 'exim_paniclog',
    'maillog.0', 'maillog.2', 'maillog.17', 'mail.log.1', 'mail.log.123', 'mainlog.2', 'mainlog.10', 'rejectlog.3',
    'mail.err.1', 'mail.warn.12', 'mail.info.0', 'exim_mainlog.1',
    'mail.log-20261124', 'maillog-20261124', 'mainlog-20261124', 'rejectlog-20261124', 'exim_mainlog-20261124', 'exim_rejectlog-20261124', 'mail.err-20261124',
    'mx2.maillog', 'MAIL.LOG', 'Maillog.1',
  ];
  assert.deepEqual(names.filter((n) => !isMailLogName(n)), []);
});

test('compressed rotations, other logs and look-alike names do not', () => {
  const names = ['mail.log.1.gz', 'mail.log.2.gz', 'maillog-20261124.gz', 'exim_mainlog.1.gz', 'mail.log.bak', 'mail.logger', 'syslog', 'messages', 'notes.txt', 'app.log', 'mainlog.txt', 'email.log', 'maillog-old'];
  assert.deepEqual(names.filter(isMailLogName), []);
});

/** First lines of mail logs, as each MTA, syslog and journalctl write them. */
const MAIL_LINES = [
  'Nov 24 10:15:02 mx1 postfix/smtp[20410]: 3F2A81C0D4: to=<ana@example.net>, relay=mx.example.net[198.51.100.7]:25, dsn=5.1.1, status=bounced',
  'Nov  4 10:15:02 mx1 postfix/smtpd[1]: connect from unknown[192.0.2.1]',
  'Nov 24 10:15:02 mx1 postfix-submission/smtpd[1]: connect from unknown[192.0.2.1]',
  '<22>Nov 24 10:15:02 mx1 postfix/qmgr[9]: 3F2A81C0D4: removed',
  'Nov 24 10:15:02 mx1 sendmail[4242]: 4AOAF2xV004242: to=<ana@example.net>, delay=00:00:01, stat=User unknown',
  'Nov 24 10:15:02 mx1 sm-mta[4242]: 4AOAF2xV004242: from=<bo@example.org>, size=1234',
  'Nov 24 10:15:02 mx1 exim[4242]: 1t9AbC-000AbC-1d <= bo@example.org',
  '2026-11-24T10:15:02.123456+01:00 mx1 postfix/smtp[20410]: 3F2A81C0D4: to=<ana@example.net>, status=sent',
  '2026-11-24T10:15:02+0100 mx1 postfix/smtp[20410]: 3F2A81C0D4: removed',
  '2026-11-24T10:15:02Z mx1 postfix/cleanup[1]: 3F2A81C0D4: message-id=<x@example.org>',
  '<22>1 2026-11-24T10:15:02.003+01:00 mx1 postfix/smtp 20410 - - 3F2A81C0D4: to=<ana@example.net>, status=sent',
  '2026-11-24 10:15:02 1t9AbC-000AbC-1d <= bo@example.org H=mail.example.org [192.0.2.1] P=esmtps S=1234',
  '2026-11-24 10:15:02.123 +0100 [4242] 1t9AbC-0000000AbC-0001 => ana@example.net R=dnslookup T=remote_smtp',
  '2026-11-24 10:15:02 1t9AbC-000AbC-1d ** ana@example.net R=dnslookup T=remote_smtp: SMTP error from remote mail server after RCPT TO:<ana@example.net>: 550 5.1.1 User unknown',
  '2026-11-24 10:15:02 exim 4.96 daemon started: pid=4242, -q30m, listening for SMTP on port 25 (IPv4)',
  '2026-11-24 10:15:02 Start queue run: pid=4243',
  '2026-11-24 10:15:02 H=(spam.example) [203.0.113.9] F=<x@spam.example> rejected RCPT <ana@example.net>: relay not permitted',
  '2026-11-24 10:15:02 SMTP connection from [192.0.2.1]:50000 (TCP/IP connection count = 1)',
];

/** First lines that are not mail logs: other daemons, web servers, JSON, application logs. */
const OTHER_LINES = [
  'Nov 24 10:15:02 mx1 sshd[2211]: Accepted publickey for root from 192.0.2.1 port 50000 ssh2',
  'Nov 24 10:15:02 mx1 CRON[1]: (root) CMD (run-parts /etc/cron.hourly)',
  'Nov 24 10:15:02 mx1 kernel: [12345.678] eth0: link up',
  'Nov 24 10:15:02 mx1 dovecot: imap-login: Login: user=<ana>',
  '2026-11-24T10:15:02+01:00 mx1 systemd[1]: Started Postfix Mail Transport Agent.',
  '127.0.0.1 - - [24/Nov/2026:10:15:02 +0100] "GET /postfix/smtp HTTP/1.1" 550 5112',
  '{"timestamp":"2026-11-24T10:15:02Z","event":"bounce","email":"ana@example.net","smtp-response":"550 5.1.1"}',
  '2026-11-24 10:00:00 INFO mailer: upstream said: 421 4.7.0 Try again later',
  '2026-11-24 10:15:02,123 ERROR [smtp] 550 5.1.1 User unknown',
  'Meeting notes. The relay said: 550 5.1.1 User unknown.',
  '',
];

test('firstLine recognises a mail log from its first line, whatever its name', () => {
  // VS Code compiles firstLine with no flags; the engine's MAIL_LOG_LINE is the same expression.
  assert.equal(mailLog.firstLine, MAIL_LOG_LINE.source);
  assert.equal(MAIL_LOG_LINE.flags, '');
  assert.deepEqual(MAIL_LINES.filter((l) => !MAIL_LOG_LINE.test(l)), [], 'mail-log lines that do not match');
  assert.deepEqual(OTHER_LINES.filter((l) => MAIL_LOG_LINE.test(l)), [], 'other lines that match');
});

test('"Treat as Mail Log" is offered when most of the first lines are a mail log\'s', () => {
  assert.equal(looksLikeMailLog(MAIL_LINES.slice(0, 5)), true);
  assert.equal(looksLikeMailLog(['', ...MAIL_LINES.slice(10, 14)]), true, 'blank lines do not count');
  // A system log where the mail server writes now and then is not a mail log.
  assert.equal(looksLikeMailLog([MAIL_LINES[0], ...OTHER_LINES.slice(0, 3)]), false);
  assert.equal(looksLikeMailLog(OTHER_LINES), false);
  assert.equal(looksLikeMailLog([]), false);
});

test('the Explorer offers "SMTP: Scan File…" for log names in any case, and not for other files', () => {
  const when = (manifest.contributes.menus['explorer/context'] as { command: string; when: string }[]).find((m) => m.command === 'smtpCodes.scanFile')!.when;
  const SCAN_NAMES = /(\.(log|gz|eml|maillog|err|warn|info|txt|[0-9])$|^(mail|maillog|mainlog|rejectlog|paniclog|exim_)|-[0-9]{8}$)/i;
  assert.equal(when, `!explorerResourceIsFolder && resourceScheme == file && resourceFilename =~ ${SCAN_NAMES}`);
  const yes = ['MSGTRK20261124-1.LOG', 'mail.log', 'MAIL.LOG.2.GZ', 'exim_mainlog', 'maillog-20261124', 'bounce.EML', 'journal.txt', 'mainlog.2'];
  const no = ['package.json', 'README.md', 'photo.png', 'script.sh'];
  assert.deepEqual(yes.filter((n) => !SCAN_NAMES.test(n)), []);
  assert.deepEqual(no.filter((n) => SCAN_NAMES.test(n)), []);
});

test('ready to publish on the Marketplace and Open VSX: publisher, icon, repository, licence, engine', () => {
  for (const field of ['name', 'displayName', 'description', 'version', 'publisher', 'license', 'icon', 'homepage']) {
    assert.equal(typeof manifest[field], 'string', `${field} is set`);
    assert.ok(manifest[field].length > 0, `${field} is not empty`);
  }
  assert.match(manifest.version, /^\d+\.\d+\.\d+$/);
  assert.match(manifest.publisher, /^[a-z0-9][a-z0-9-]*$/, 'a Marketplace publisher id');
  assert.equal(manifest.license, 'MIT');
  assert.match(readFileSync(join(repoRoot, 'LICENSE'), 'utf8'), /^MIT License/);
  assert.match(manifest.repository?.url ?? '', /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\.git$/);
  assert.match(manifest.bugs?.url ?? '', /^https:\/\//);
  assert.match(manifest.engines?.vscode ?? '', /^\^1\.\d+\.\d+$/);
  // The Marketplace wants a PNG icon of at least 128×128 pixels.
  const icon = readFileSync(join(repoRoot, manifest.icon));
  assert.deepEqual([...icon.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG file');
  assert.ok(icon.readUInt32BE(16) >= 128 && icon.readUInt32BE(20) >= 128, 'at least 128×128');
  // The .vsix holds what a listing shows: README, CHANGELOG, LICENSE and the icon.
  const ignore = readFileSync(join(repoRoot, '.vscodeignore'), 'utf8').split('\n');
  for (const kept of ['!README.md', '!CHANGELOG.md', '!LICENSE', `!${manifest.icon}`]) assert.ok(ignore.includes(kept), `.vscodeignore keeps ${kept}`);
  // The publishing scripts take their tokens from the environment (VSCE_PAT, OVSX_PAT), never from the repository.
  assert.match(manifest.scripts['publish:marketplace'], /^vsce publish --no-dependencies --packagePath smtp-codes\.vsix$/);
  assert.match(manifest.scripts['publish:openvsx'], /^npx --yes ovsx@\d+ publish smtp-codes\.vsix$/);
});
