// The workspace the in-host suite and the UI tests run in: written to a fresh folder by the
// runners with writeFixtures(). Names may hold folders (archive/…).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** A Postfix delivery line: `status=bounced|deferred|sent` with the remote server's reply. */
export function postfix(time: string, queueId: string, to: string, dsn: string, reply: string): string {
  const domain = to.slice(to.indexOf('@') + 1);
  const status = dsn.startsWith('5') ? 'bounced' : dsn.startsWith('4') ? 'deferred' : 'sent';
  const said = status === 'sent' ? `(${reply})` : `(host mx.${domain}[198.51.100.7] said: ${reply} (in reply to RCPT TO command))`;
  return `${time} mx2 postfix/smtp[3100]: ${queueId}: to=<${to}>, relay=mx.${domain}[198.51.100.7]:25, delay=1.2, delays=0.1/0/0.6/0.5, dsn=${dsn}, status=${status} ${said}`;
}

export const FIXTURES: Record<string, string> = {
  'notes.txt': 'Meeting notes. The relay said: 550 5.1.1 User unknown.\n',
  'mail.log': [
    'Nov 24 10:15:02 mx1 postfix/smtp[20410]: 3F2A81C0D4: to=<ana@example.net>, relay=mx.example.net[198.51.100.7]:25, delay=1.4, delays=0.05/0.01/0.9/0.4, dsn=5.1.1, status=bounced (host mx.example.net[198.51.100.7] said: 550 5.1.1 <ana@example.net>: Recipient address rejected: User unknown (in reply to RCPT TO command))',
    'Nov 24 10:16:40 mx1 postfix/smtp[20412]: 7C1E21C0D9: to=<bo@example.org>, relay=mail.example.org[203.0.113.9]:25, delay=301, delays=300/0.02/0.5/0.3, dsn=4.2.2, status=deferred (host mail.example.org[203.0.113.9] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command))',
    'Nov 24 10:17:00 mx1 postfix/smtp[20413]: 0A1B2C3D4E: to=<cy@example.com>, relay=mx.example.com[192.0.2.26]:25, delay=0.8, delays=0.1/0/0.3/0.4, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 1A2B3C)',
    '',
  ].join('\n'),
  'app.log': '2026-11-24 10:00:00 INFO mailer: upstream said: 421 4.7.0 Try again later\n',
  'probe.log': '2026-11-24 10:00:00 INFO mailer: upstream said: 554 5.7.1 Rejected\n',
  'bounce.eml': [
    'From: MAILER-DAEMON@example.com',
    'To: me@example.com',
    'Subject: Undelivered Mail Returned to Sender',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
    '',
    '--b',
    'Content-Type: message/delivery-status',
    '',
    'Final-Recipient: rfc822; x@gmail.com',
    'Action: failed',
    'Status: 5.7.26',
    'Diagnostic-Code: smtp; 550 5.7.26 Unauthenticated email is not accepted from this domain - gsmtp',
    '--b--',
    '',
  ].join('\n'),
  // The SMTP Failures view, the status bar and the summary, by recipient and its last state:
  // 4 bounced (550 5.1.1 on lines 1, 3 and 5: example.net twice, example.org once; 554 5.7.1 on
  // line 6), 1 deferred (452 4.2.2 on line 4), 3 delivered (lines 2 and 7, and gus@example.net,
  // deferred on line 8 with 451 4.7.1, then delivered on line 9: not a failure).
  'mx2.maillog': [
    postfix('Nov 25 08:00:01', 'A1B2C3D4E5', 'ana@example.net', '5.1.1', '550 5.1.1 <ana@example.net>: Recipient address rejected: User unknown'),
    postfix('Nov 25 08:00:05', 'B2C3D4E5F6', 'ben@example.com', '2.0.0', '250 2.0.0 Ok: queued as 9F8E7D'),
    postfix('Nov 25 08:02:10', 'C3D4E5F6A7', 'bo@example.org', '5.1.1', '550 5.1.1 <bo@example.org>: Recipient address rejected: User unknown'),
    postfix('Nov 25 08:05:40', 'D4E5F6A7B8', 'cy@example.org', '4.2.2', '452 4.2.2 Mailbox full'),
    postfix('Nov 25 08:09:12', 'E5F6A7B8C9', 'dee@example.net', '5.1.1', '550 5.1.1 <dee@example.net>: Recipient address rejected: User unknown'),
    postfix('Nov 25 08:15:00', 'F6A7B8C9D0', 'eve@example.com', '5.7.1', '554 5.7.1 <eve@example.com>: Relay access denied'),
    postfix('Nov 25 08:20:30', '0A7B8C9D0E', 'fay@example.com', '2.0.0', '250 2.0.0 Ok: queued as 1C2D3E'),
    postfix('Nov 25 08:21:00', '1B2C3D4E5F', 'gus@example.net', '4.7.1', '451 4.7.1 Greylisted, please try again later'),
    postfix('Nov 25 08:26:00', '1B2C3D4E5F', 'gus@example.net', '2.0.0', '250 2.0.0 Ok: queued as 7A8B9C'),
    '',
  ].join('\n'),
  // Names and first lines (#14 item 3): rotated and cPanel names open as Mail Log; journalctl
  // output saved as .txt is offered "Treat as Mail Log", another daemon's syslog is not.
  exim_mainlog: '2026-11-24 10:15:02 1t9AbC-000AbC-1d ** ana@example.net R=dnslookup T=remote_smtp H=mx.example.net [198.51.100.7]: SMTP error from remote mail server after RCPT TO:<ana@example.net>: 550 5.1.1 User unknown\n',
  'maillog.2': postfix('Nov 20 06:00:00', '77AA88BB99', 'mo@example.net', '5.1.1', '550 5.1.1 <mo@example.net>: Recipient address rejected: User unknown') + '\n',
  'journal.txt': [
    '2026-11-24T10:15:02+0100 mx1 postfix/smtp[20410]: 3F2A81C0D4: to=<ana@example.net>, relay=mx.example.net[198.51.100.7]:25, delay=1.4, delays=0.05/0.01/0.9/0.4, dsn=5.1.1, status=bounced (host mx.example.net[198.51.100.7] said: 550 5.1.1 <ana@example.net>: Recipient address rejected: User unknown (in reply to RCPT TO command))',
    '2026-11-24T10:15:03+0100 mx1 postfix/bounce[20411]: 3F2A81C0D4: sender non-delivery notification: 5B6C7D8E9F',
    '2026-11-24T10:15:03+0100 mx1 postfix/qmgr[1200]: 3F2A81C0D4: removed',
    '',
  ].join('\n'),
  'sshd.txt': 'Nov 24 10:15:02 mx1 sshd[2211]: Accepted publickey for root from 192.0.2.1 port 50000 ssh2\nNov 24 10:15:09 mx1 sshd[2211]: Disconnected from user root 192.0.2.1 port 50000\n',
  // A live log: lines are appended to it on disk while it is open.
  'live.maillog': [
    postfix('Nov 26 09:00:00', 'AA11BB22CC', 'ana@example.net', '5.1.1', '550 5.1.1 <ana@example.net>: Recipient address rejected: User unknown'),
    postfix('Nov 26 09:01:00', 'BB22CC33DD', 'bo@example.org', '4.2.2', '452 4.2.2 Mailbox full'),
    '',
  ].join('\n'),
  // "SMTP: Scan File…" on a file open in the editor; its name has characters that file URIs
  // may or may not escape (space, parentheses).
  'relay (copy).log': '2026-11-24 10:00:00 INFO mailer: upstream said: 554 5.7.1 Rejected\n',
  // "SMTP: Scan File…" on logs that are never opened in an editor: 1 permanent, 1 transient.
  'archive/mail.log.1': [
    postfix('Nov 23 22:10:01', '11AA22BB33', 'gus@example.net', '5.1.1', '550 5.1.1 <gus@example.net>: Recipient address rejected: User unknown'),
    postfix('Nov 23 22:11:30', '22BB33CC44', 'hal@example.org', '4.7.1', '451 4.7.1 Greylisted, please try again later'),
    postfix('Nov 23 22:12:00', '33CC44DD55', 'ivy@example.com', '2.0.0', '250 2.0.0 Ok: queued as 4D5E6F'),
    '',
  ].join('\n'),
  // The trail of a message: 5E1D2C3B4A arrives and is deferred in the rotated log (never opened),
  // then bounces in mail.log, whose non-delivery notification 6F2E3D4C5B is delivered locally.
  'trail/mail.log.1': [
    'Nov 26 09:00:00 mx3 postfix/smtpd[4100]: 5E1D2C3B4A: client=client.example.com[192.0.2.44]',
    'Nov 26 09:00:00 mx3 postfix/cleanup[4101]: 5E1D2C3B4A: message-id=<trail-1@client.example.com>',
    'Nov 26 09:00:00 mx3 postfix/qmgr[4102]: 5E1D2C3B4A: from=<sender@example.com>, size=1234, nrcpt=1 (queue active)',
    postfix('Nov 26 09:00:01', '5E1D2C3B4A', 'pat@example.org', '4.2.2', '452 4.2.2 Mailbox full'),
    '',
  ].join('\n'),
  'trail/mail.log': [
    'Nov 26 10:00:00 mx3 postfix/qmgr[4102]: 5E1D2C3B4A: from=<sender@example.com>, size=1234, nrcpt=1 (queue active)',
    postfix('Nov 26 10:00:01', '5E1D2C3B4A', 'pat@example.org', '5.2.2', '552 5.2.2 Mailbox quota exceeded'),
    'Nov 26 10:00:01 mx3 postfix/cleanup[4101]: 6F2E3D4C5B: message-id=<20261126100001.6F2E3D4C5B@mx3.example.com>',
    'Nov 26 10:00:01 mx3 postfix/qmgr[4102]: 6F2E3D4C5B: from=<>, size=2345, nrcpt=1 (queue active)',
    'Nov 26 10:00:01 mx3 postfix/bounce[4104]: 5E1D2C3B4A: sender non-delivery notification: 6F2E3D4C5B',
    'Nov 26 10:00:01 mx3 postfix/qmgr[4102]: 5E1D2C3B4A: removed',
    'Nov 26 10:00:02 mx3 postfix/local[4105]: 6F2E3D4C5B: to=<sender@example.com>, relay=local, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (delivered to mailbox)',
    'Nov 26 10:00:02 mx3 postfix/qmgr[4102]: 6F2E3D4C5B: removed',
    '',
  ].join('\n'),
};

/** Written gzip-compressed (a rotated log): 1 permanent failure (552 5.2.2), 2 transient (452 4.2.2). */
export const GZIP_FIXTURES: Record<string, string> = {
  'archive/mail.log.2.gz': [
    postfix('Nov 22 06:30:00', '44DD55EE66', 'jo@example.net', '5.2.2', '552 5.2.2 <jo@example.net>: Mailbox quota exceeded'),
    postfix('Nov 22 06:31:10', '55EE66FF77', 'kim@example.org', '4.2.2', '452 4.2.2 Mailbox full'),
    postfix('Nov 22 06:32:20', '66FF77AA88', 'lee@example.org', '4.2.2', '452 4.2.2 Mailbox full'),
    '',
  ].join('\n'),
};

/**
 * Real bounces made by Debian's Postfix (test/fixtures/mta, see scripts/mta): Gmail's DMARC
 * refusal, its reply wrapped over seven `550-5.7.26` lines and repeated in the Status and
 * Diagnostic-Code fields (9 code mentions, 1 failed recipient); and one message to two
 * recipients that both failed (552 5.2.2 and 550 5.1.1, 6 mentions).
 */
export const REPO_FIXTURES: Record<string, string> = {
  'gmail-dmarc.eml': 'test/fixtures/mta/postfix/bounces/02-P03-bounce-multiline-5.7.26-failed.eml',
  'two-recipients.eml': 'test/fixtures/mta/postfix/bounces/04-P07-mixed-recipients-failed.eml',
};

/** The repository root (this file runs from out/test/vscode/ or test/vscode/). */
function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'test', 'fixtures', 'mta'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`test/fixtures/mta not found above ${__dirname}`);
    dir = up;
  }
  return dir;
}

/** The text of a fixture copied from the repository. */
export function repoFixture(name: keyof typeof REPO_FIXTURES): string {
  return readFileSync(join(repoRoot(), REPO_FIXTURES[name]), 'utf8');
}

/** Writes every fixture into `dir`. */
export function writeFixtures(dir: string): void {
  const write = (name: string, data: string | Uint8Array) => {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), data);
  };
  for (const [name, text] of Object.entries(FIXTURES)) write(name, text);
  for (const [name, text] of Object.entries(GZIP_FIXTURES)) write(name, gzipSync(text));
  for (const name of Object.keys(REPO_FIXTURES)) write(name, repoFixture(name));
}
