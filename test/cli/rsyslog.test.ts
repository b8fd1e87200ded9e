// A real rsyslog (Debian's `rsyslog`) pipes mail lines through `smtp-codes check --format jsonl -`
// with omprog, into a file — the fleet recipe of the README. rsyslogd runs in the foreground with
// its own config in a temp folder: its own socket (no /dev/log), no privileged port, no system
// file; as `nobody` when the tests run as root (and nobody can run the CLI there). `logger`
// writes to its socket as Postfix's syslog(3) calls would. Skipped with one line where rsyslog is
// not installed (CI installs it: scripts/code-server/install-deps.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, Proc, requireTool, toolSkip, waitFor } from '../support/live';

const SBIN = ['/usr/sbin', '/sbin'];
const NOBODY = 65534;

/** Postfix lines as syslog(3) gets them: tag, pid, message. */
const MAIL: Array<[string, number, string]> = [
  ['postfix/smtp', 20410, '3F2A81C0D4: to=<ana@example.net>, relay=mx.example.net[198.51.100.7]:25, delay=1.4, delays=0.05/0.01/0.9/0.4, dsn=4.2.2, status=deferred (host mx.example.net[198.51.100.7] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command))'],
  ['postfix/smtp', 20411, '3F2A81C0D4: to=<ana@example.net>, relay=mx.example.net[198.51.100.7]:25, delay=2.1, delays=0.05/0.01/0.9/0.4, dsn=5.1.1, status=bounced (host mx.example.net[198.51.100.7] said: 550 5.1.1 <ana@example.net>: User unknown (in reply to RCPT TO command))'],
  ['postfix/smtp', 20412, '0A1B2C3D4E: to=<cy@example.com>, relay=mx.example.com[192.0.2.26]:25, delay=0.8, delays=0.1/0/0.3/0.4, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 1A2B3C)'],
  ['postfix/smtpd', 20413, 'NOQUEUE: reject: RCPT from unknown[192.0.2.9]: 554 5.7.1 <x@example.org>: Relay access denied; from=<s@example.com> to=<x@example.org> proto=ESMTP helo=<h>'],
];

/** The uid/gid to run rsyslogd as: nobody when we are root and nobody can run the CLI; else ourselves. */
function unprivileged(): { uid?: number; gid?: number; who: string } {
  if (process.getuid?.() !== 0) return { who: `uid ${process.getuid?.()}` };
  const probe = spawnSync(process.execPath, [CLI, '--version'], { uid: NOBODY, gid: NOBODY, encoding: 'utf8' });
  return probe.status === 0 ? { uid: NOBODY, gid: NOBODY, who: 'nobody' } : { who: 'root (nobody cannot read the checkout here)' };
}

test('rsyslog pipes mail lines through check --format jsonl - (omprog) into a file', { skip: toolSkip('rsyslogd', 'rsyslog', SBIN), timeout: 60_000 }, async (t) => {
  const rsyslogd = requireTool('rsyslogd', 'rsyslog', SBIN);
  const logger = requireTool('logger', 'bsdutils');
  const dir = mkdtempSync(join(tmpdir(), 'smtp-codes-rsyslog-'));
  const user = unprivileged();
  if (user.uid !== undefined) chmodSync(dir, 0o777);
  mkdirSync(join(dir, 'work'), { mode: 0o777 });
  chmodSync(join(dir, 'work'), 0o777);
  const socket = join(dir, 'log.sock');
  const out = join(dir, 'outcomes.jsonl');
  // The recipe of the README, with the temp folder's paths.
  writeFileSync(
    join(dir, 'rsyslog.conf'),
    [
      `global(workDirectory="${join(dir, 'work')}")`,
      'module(load="imuxsock" SysSock.Use="off")',
      `input(type="imuxsock" Socket="${socket}")`,
      'module(load="omprog")',
      'if $syslogfacility-text == "mail" then {',
      `  action(type="omprog" binary="${process.execPath} ${CLI} check --format jsonl --all -" output="${out}" template="RSYSLOG_TraditionalFileFormat")`,
      '}',
      '',
    ].join('\n'),
  );
  t.diagnostic(`rsyslogd runs as ${user.who}`);
  const daemon = Proc.start(rsyslogd, ['-n', '-f', join(dir, 'rsyslog.conf'), '-i', join(dir, 'rsyslogd.pid')], { uid: user.uid, gid: user.gid, cwd: dir });
  try {
    await waitFor('rsyslogd to open its socket', () => existsSync(socket) || (daemon.child.exitCode !== null && Promise.reject(new Error(daemon.err))), 20_000);
    const send = (priority: string, tag: string, pid: number, message: string) => {
      const r = spawnSync(logger, ['--socket-errors=on', '-u', socket, '-p', priority, '-t', tag, `--id=${pid}`, message], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
    };
    send('mail.info', ...MAIL[0]);
    send('user.info', 'cron', 1, 'not mail: (root) CMD (run-parts /etc/cron.hourly) 550 5.1.1');
    for (const m of MAIL.slice(1)) send('mail.info', ...m);
    const records = await waitFor(
      'four records in the file',
      () => {
        const text = existsSync(out) ? readFileSync(out, 'utf8') : '';
        const lines = text.split('\n').filter(Boolean);
        return lines.length >= 4 ? lines.map((l) => JSON.parse(l)) : null;
      },
      30_000,
    );
    assert.deepEqual(
      records.map((r) => [r.path, r.line, r.verdict, r.reply, r.enhanced, r.queueId, r.recipient, r.direction, r.attempts]),
      [
        ['-', 1, 'deferred', '452', '4.2.2', '3F2A81C0D4', 'ana@example.net', 'outbound', 1],
        ['-', 2, 'bounced', '550', '5.1.1', '3F2A81C0D4', 'ana@example.net', 'outbound', 2],
        ['-', 3, 'delivered', '250', '2.0.0', '0A1B2C3D4E', 'cy@example.com', 'outbound', 1],
        ['-', 4, 'rejected', '554', '5.7.1', null, 'x@example.org', 'inbound', 1],
      ],
      'the mail lines only, in order, each read as the MTA recorded it',
    );
    // rsyslog stamps the lines as it received them: the records carry that time.
    for (const r of records) assert.match(r.time, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  } finally {
    await daemon.stop('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
});
