// The scanner on realistic lines of each log format and bounce layout (written by us),
// and on the numbers that are never codes. Each case checks the exact (reply, enhanced)
// pairs found on the line, and that every range points at the code's text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findingAt, scanText, type Finding } from '../../server/src/engine/index';

type Pair = [string | null, string | null];

function pairs(findings: Finding[]): Pair[] {
  return findings.map((f) => [f.reply, f.enhanced]);
}

/** Every range of a finding covers exactly its code's text. */
function assertRanges(text: string, findings: Finding[]): void {
  const lines = text.split('\n');
  for (const f of findings) {
    const { start, end } = f.range;
    assert.equal(start.line, end.line, 'a code range is on one line');
    const covered = lines[start.line].slice(start.character, end.character);
    const expected = [f.reply, f.enhanced].filter(Boolean);
    assert.ok(expected.length > 0);
    assert.ok(covered.startsWith(expected[0]!), `range covers "${covered}", expected it to start with ${expected[0]}`);
    assert.ok(covered.endsWith(expected[expected.length - 1]!), `range covers "${covered}", expected it to end with ${expected[expected.length - 1]}`);
  }
}

function check(name: string, text: string, expected: Pair[], kind: 'log' | 'eml' = 'log'): void {
  test(name, () => {
    const findings = scanText(text, { kind });
    assert.deepEqual(pairs(findings), expected);
    assertRanges(text, findings);
  });
}

// ------------------------------------------------------------------ Postfix
check(
  'postfix: bounced with said: reply and dsn=',
  'Nov 24 10:15:02 mx1 postfix/smtp[20410]: 3F2A81C0D4: to=<ana@example.net>, relay=mx.example.net[198.51.100.7]:25, delay=1.4, delays=0.05/0.01/0.9/0.4, dsn=5.1.1, status=bounced (host mx.example.net[198.51.100.7] said: 550 5.1.1 <ana@example.net>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command))',
  [['550', '5.1.1']],
);
check(
  'postfix: deferred 451 with a different dsn listed twice',
  'Nov 24 10:16:40 mx1 postfix/smtp[20412]: 7C1E21C0D9: to=<bo@example.org>, relay=mail.example.org[203.0.113.9]:25, delay=301, delays=300/0.02/0.5/0.3, dsn=4.0.0, status=deferred (host mail.example.org[203.0.113.9] said: 451 Temporary local problem - please try later (in reply to end of DATA command))',
  [
    [null, '4.0.0'],
    ['451', null],
  ],
);
check(
  'postfix: sent with 250 and its dsn folded into one',
  'Nov 24 10:17:00 mx1 postfix/smtp[20413]: 0A1B2C3D4E: to=<cy@example.com>, relay=aspmx.l.google.com[192.0.2.26]:25, delay=0.8, delays=0.1/0/0.3/0.4, dsn=2.0.0, status=sent (250 2.0.0 OK  1732443420 a640c23a62f3a-9a1b2c3d4e5si12345678a.123 - gsmtp)',
  [['250', '2.0.0']],
);
check(
  'postfix: NOQUEUE reject by smtpd',
  'Nov 24 10:18:11 mx1 postfix/smtpd[3301]: NOQUEUE: reject: RCPT from unknown[192.0.2.44]: 554 5.7.1 <spam@example.biz>: Relay access denied; from=<x@example.biz> to=<spam@example.biz> proto=ESMTP helo=<[192.0.2.44]>',
  [['554', '5.7.1']],
);
check(
  'postfix: postscreen reject after a port',
  'Nov 24 10:18:30 mx1 postfix/postscreen[1201]: NOQUEUE: reject: RCPT from [198.51.100.200]:51234: 550 5.7.1 Service unavailable; client [198.51.100.200] blocked using zen.spamhaus.org; from=<a@example.net>, to=<b@example.com>, proto=ESMTP, helo=<x>',
  [['550', '5.7.1']],
);
check(
  'postfix: milter-reject with an enhanced code only',
  'Nov 24 10:19:00 mx1 postfix/cleanup[4410]: 5D6E7F8A9B: milter-reject: END-OF-MESSAGE from mail.example.net[203.0.113.50]: 5.7.1 Rejected as spam by the content filter; from=<n@example.net> to=<me@example.com> proto=ESMTP helo=<mail.example.net>',
  [[null, '5.7.1']],
);
check(
  'postfix: lmtp deferral from the local store',
  'Nov 24 10:20:00 mx1 postfix/lmtp[5120]: 1A2B3C4D5E: to=<dee@example.com>, relay=imap.example.com[private/dovecot-lmtp], delay=0.3, delays=0.1/0/0/0.2, dsn=4.2.0, status=deferred (host imap.example.com[private/dovecot-lmtp] said: 451 4.2.0 <dee@example.com> Mailbox is locked, try again later (in reply to end of DATA command))',
  [['451', '4.2.0']],
);
check(
  'postfix: local delivery bounce with dsn only',
  'Nov 24 10:21:00 mx1 postfix/local[6001]: 9F8E7D6C5B: to=<nobody@example.com>, relay=local, delay=0.02, delays=0.01/0/0/0.01, dsn=5.1.1, status=bounced (unknown user: "nobody")',
  [[null, '5.1.1']],
);
check(
  'postfix: a Gmail multi-line reply logged on one line is one finding',
  'Nov 24 10:22:00 mx1 postfix/smtp[20420]: 4B4C4D4E4F: to=<zz@gmail.com>, relay=gmail-smtp-in.l.google.com[192.0.2.27]:25, delay=0.6, delays=0.01/0/0.3/0.3, dsn=5.1.1, status=bounced (host gmail-smtp-in.l.google.com[192.0.2.27] said: 550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 double-checking the recipient\'s email address for typos or 550-5.1.1 unnecessary spaces. 550 5.1.1 https://support.google.com/mail/?p=NoSuchUser a1si123 - gsmtp (in reply to RCPT TO command))',
  [['550', '5.1.1']],
);
check(
  'postfix: SASL failure of the SMTP client',
  'Nov 24 10:23:00 mx1 postfix/smtp[20421]: 2C3D4E5F6A: SASL authentication failed; server smtp.example.net[198.51.100.3] said: 535 5.7.8 Error: authentication failed: authentication failure',
  [['535', '5.7.8']],
);

// ------------------------------------------------------------------ Exim
check(
  'exim: ** bounce with SMTP error after RCPT TO',
  '2026-11-24 10:30:01 1tFabc-000Abc-1x ** ed@example.org R=dnslookup T=remote_smtp H=mx.example.org [203.0.113.20] X=TLS1.3:ECDHE_X25519__RSA_PSS_RSAE_SHA256__AES_256_GCM:256 CV=yes: SMTP error from remote mail server after RCPT TO:<ed@example.org>: 550 5.1.1 <ed@example.org>: Recipient address rejected: User unknown',
  [['550', '5.1.1']],
);
check(
  'exim: == deferral with defer (-44) and a bare reply',
  '2026-11-24 10:30:05 1tFabd-000Abd-2y == fi@example.net R=dnslookup T=remote_smtp defer (-44) H=mx.example.net [198.51.100.21]: SMTP error from remote mail server after RCPT TO:<fi@example.net>: 452 Too many recipients received this hour',
  [['452', null]],
);
check(
  'exim: => delivery with C="250 ..." confirmation',
  '2026-11-24 10:30:09 1tFabe-000Abe-3z => gu@example.com R=dnslookup T=remote_smtp H=mx.example.com [192.0.2.30] X=TLS1.2:ECDHE-RSA-AES256-GCM-SHA384:256 CV=yes C="250 2.0.0 Ok: queued as 4XyZ1ab2Cd"',
  [['250', '2.0.0']],
);
check(
  'exim: authenticator failure',
  '2026-11-24 10:31:00 dovecot_login authenticator failed for (user) [192.0.2.99]:51002 I=[203.0.113.1]:587: 535 Incorrect authentication data (set_id=admin)',
  [['535', null]],
);
check(
  'exim: rejection logged without a code has none',
  '2026-11-24 10:31:10 H=(spam.example) [192.0.2.98]:40001 I=[203.0.113.1]:25 F=<x@example.biz> rejected RCPT <y@example.com>: relay not permitted',
  [],
);
check(
  'exim: LMTP multi-line reply with literal \\n is one finding',
  '2026-11-24 10:32:00 1tFabf-000Abf-4a ** hy@example.com R=local T=lmtp H=127.0.0.1 [127.0.0.1] : LMTP error after DATA: 552-Mailbox is over its quota\\n552 5.2.2 Please clean up',
  [['552', null], ['552', '5.2.2']],
);
check(
  'exim: rejectlog entry with an EHLO response',
  '2026-11-24 10:33:00 1tFabg-000Abg-5b H=mx.example.net [198.51.100.40]: Remote host closed connection in response to HELO ourhost.example.com (EHLO response was: 554 5.7.1 Your IP is on our block list)',
  [['554', '5.7.1']],
);

// ------------------------------------------------------------------ Sendmail
check(
  'sendmail: dsn=, stat= with a reply inside',
  'Nov 24 10:40:00 relay sm-mta[7001]: 4AOAe0qA007001: to=<ivy@example.net>, delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=120456, relay=mx.example.net. [198.51.100.50], dsn=5.1.1, stat=User unknown',
  [[null, '5.1.1']],
);
check(
  'sendmail: reply= and stat=Deferred',
  'Nov 24 10:40:30 relay sm-mta[7002]: 4AOAeUqB007002: to=<jo@example.org>, ctladdr=<me@example.com> (1000/1000), delay=00:05:00, xdelay=00:00:30, mailer=esmtp, pri=211000, relay=mx.example.org. [203.0.113.60], dsn=4.7.1, stat=Deferred: 421 4.7.1 Try again later, reply=421 4.7.1 Try again later',
  [['421', '4.7.1']],
);
check(
  'sendmail: ruleset reject=',
  'Nov 24 10:41:00 relay sm-mta[7003]: 4AOAf0qC007003: ruleset=check_rcpt, arg1=<nope@example.com>, relay=bad.example.net [192.0.2.77], reject=550 5.7.1 <nope@example.com>... Relaying denied',
  [['550', '5.7.1']],
);

// ------------------------------------------------------------------ Others
check(
  'qmail: Remote host said with underscores',
  '@4000000068a1b2c3 delivery 42: failure: 203.0.113.70_does_not_like_recipient./Remote_host_said:_550_5.1.1_<kim@example.com>..._User_unknown/Giving_up_on_203.0.113.70./',
  [['550', '5.1.1']],
);
check(
  'qmail-local: (#5.1.1)',
  '@4000000068a1b2c4 delivery 43: failure: Sorry,_no_mailbox_here_by_that_name._(#5.1.1)/',
  [[null, '5.1.1']],
);
check(
  'courier: msg= quoted reply',
  'Nov 24 10:50:00 mail courieresmtpd: error,relay=::ffff:192.0.2.80,port=45012,msg="535 Authentication failed.",cmd: AUTH LOGIN',
  [['535', null]],
);
check(
  'SMTP transcript (sendmail style) with a multi-line reply joined',
  '>>> RCPT To:<lu@example.com>\n<<< 550-5.1.1 The user does not exist here.\n<<< 550 5.1.1 Try another address.',
  [['550', '5.1.1']],
);
check('swaks transcript', ' -> RCPT TO:<ma@example.com>\n<-  250 2.1.5 Ok\n -> DATA\n<-  354 End data with <CR><LF>.<CR><LF>\n<-  250 2.0.0 Ok: queued', [
  ['250', '2.1.5'],
  ['354', null],
  ['250', '2.0.0'],
]);
check(
  'Exchange NDR text',
  "Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'",
  [['550', '5.1.10']],
);
check('Exchange #code##', '#550 5.4.1 Recipient address rejected: Access denied ##', [['550', '5.4.1']]);
check(
  'Amazon SES JSON: status and diagnosticCode',
  '{"notificationType":"Bounce","bounce":{"bounceType":"Permanent","bounceSubType":"General","bouncedRecipients":[{"emailAddress":"ni@example.com","action":"failed","status":"5.1.1","diagnosticCode":"smtp; 550 5.1.1 user unknown"}],"timestamp":"2026-11-24T10:00:00.000Z","feedbackId":"0100019abc-1234","remoteMtaIp":"192.0.2.31"}}',
  [['550', '5.1.1']],
);
check('SendGrid event JSON: string status and reason', '{"email":"ol@example.com","event":"bounce","status":"5.2.2","reason":"552 5.2.2 Mailbox full","type":"bounce"}', [['552', '5.2.2']]);
check(
  'Mailgun delivery-status JSON',
  '{"event":"failed","severity":"permanent","delivery-status":{"code":550,"message":"550 5.7.1 Message rejected due to content","description":""},"recipient":"pa@example.com"}',
  [['550', '5.7.1']],
);
check('Haraka response="..."', '[NOTICE] [B1C2D3E4-F5A6-7890-ABCD-EF0123456789.1] [outbound] bounce: host=mx.example.com ip=192.0.2.40 port=25 mode=SMTP response="550 5.1.1 No such user"', [
  ['550', '5.1.1'],
]);
check('OpenSMTPD stat="..."', 'Nov 24 11:00:00 mx smtpd[812]: 1a2b3c4d5e6f7a8b mta delivery evpid=0123456789abcdef from=<a@example.com> to=<b@example.net> rcpt=<-> source="192.0.2.5" relay="198.51.100.5 (mx.example.net)" delay=2s result="PermFail" stat="550 5.1.1 User unknown"', [
  ['550', '5.1.1'],
]);
check('PowerMTA accounting CSV', 'b,2026-11-24 11:05:00+0000,2026-11-24 11:04:58+0000,qa@example.org,rcpt@example.net,,failed,5.1.1 (bad destination mailbox address),smtp;550 5.1.1 <rcpt@example.net>: Recipient address rejected,198.51.100.9', [
  ['550', '5.1.1'],
]);

// ------------------------------------------------------------------ .eml (RFC 3464)
const DSN = [
  'From: MAILER-DAEMON@mx.example.com (Mail Delivery System)',
  'To: sender@example.com',
  'Subject: Undelivered Mail Returned to Sender',
  'MIME-Version: 1.0',
  'Content-Type: multipart/report; report-type=delivery-status; boundary="B1"',
  '',
  '--B1',
  'Content-Type: text/plain; charset=us-ascii',
  '',
  '<rx@example.net>: host mx.example.net[198.51.100.7] said: 550 5.1.1',
  '    <rx@example.net>: Recipient address rejected: User unknown (in reply to',
  '    RCPT TO command)',
  '',
  '--B1',
  'Content-Type: message/delivery-status',
  '',
  'Reporting-MTA: dns; mx.example.com',
  '',
  'Final-Recipient: rfc822; rx@example.net',
  'Action: failed',
  'Status: 5.1.1',
  'Diagnostic-Code: smtp; 550-5.1.1 The account does not exist.',
  '    550 5.1.1 Please check the address.',
  '',
  '--B1',
  'Content-Type: text/rfc822-headers',
  '',
  'Received: from client (client [192.0.2.1]) by mx.example.com; Mon, 24 Nov 2026 10:00:00 +0000',
  'Subject: 550 reasons',
  '',
  '--B1--',
  '',
].join('\n');
check('eml: human-readable part, Status and a folded Diagnostic-Code; the original headers are skipped', DSN, [
  ['550', '5.1.1'],
  [null, '5.1.1'],
  ['550', '5.1.1'],
], 'eml');

test('eml: the recipient of a delivery-status group is attached to its findings', () => {
  const findings = scanText(DSN, { kind: 'eml' });
  assert.equal(findings[1].recipient, 'rx@example.net');
  assert.equal(findings[2].recipient, 'rx@example.net');
  // The folded continuation joined the first line: one finding, its text joined.
  assert.match(findings[2].text, /The account does not exist\. Please check the address\./);
  assert.equal(findings[2].otherRanges?.length, 1);
});

test('eml: a quoted-printable delivery-status part is decoded, its range anchored in the raw text', () => {
  const raw = [
    'From: postmaster@example.com',
    'To: a@example.com',
    'Subject: failure',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; boundary="Q"',
    '',
    '--Q',
    'Content-Type: message/delivery-status',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    'Final-Recipient: rfc822; qp@example.net',
    'Status: 5.2.2',
    'Diagnostic-Code: smtp; 552 5.2.2 The mailbox of this user is over its quo=',
    'ta',
    '--Q--',
  ].join('\n');
  const findings = scanText(raw, { kind: 'eml' });
  assert.deepEqual(pairs(findings), [
    [null, '5.2.2'],
    ['552', '5.2.2'],
  ]);
  assertRanges(raw, findings);
  assert.match(findings[1].text, /over its quota$/);
});

test('eml: a base64 delivery-status part is decoded and found', () => {
  const body = Buffer.from('Final-Recipient: rfc822; b64@example.net\nAction: failed\nStatus: 5.7.26\nDiagnostic-Code: smtp; 550 5.7.26 Unauthenticated email is not accepted\n').toString('base64');
  const raw = [
    'From: postmaster@example.com',
    'To: a@example.com',
    'Subject: failure',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; boundary="X"',
    '',
    '--X',
    'Content-Type: message/delivery-status',
    'Content-Transfer-Encoding: base64',
    '',
    ...body.match(/.{1,76}/g)!,
    '--X--',
  ].join('\n');
  const findings = scanText(raw, { kind: 'eml' });
  assert.deepEqual(pairs(findings), [
    [null, '5.7.26'],
    ['550', '5.7.26'],
  ]);
  // Anchored inside the encoded lines of the part.
  const firstEncodedLine = raw.split('\n').indexOf(body.slice(0, 76));
  for (const f of findings) assert.ok(f.range.start.line >= firstEncodedLine, 'range lies in the base64 part');
  assert.equal(findings[1].recipient, 'b64@example.net');
});

test('eml: broken MIME (boundary never found, part not base64) never throws and still finds codes', () => {
  const raw = [
    'From: postmaster@example.com',
    'To: a@example.com',
    'Subject: failure',
    'Content-Type: multipart/report; boundary="NEVER"',
    '',
    'This message could not be delivered.',
    'Remote host said: 550 5.1.1 No such mailbox',
  ].join('\n');
  assert.deepEqual(pairs(scanText(raw, { kind: 'eml' })), [['550', '5.1.1']]);
  const notBase64 = raw.replace('Content-Type: multipart/report; boundary="NEVER"', 'Content-Type: text/plain\nContent-Transfer-Encoding: base64');
  assert.deepEqual(pairs(scanText(notBase64, { kind: 'eml' })), [['550', '5.1.1']]);
});

test('detects an .eml from its headers when the kind is not given', () => {
  assert.deepEqual(pairs(scanText(DSN)), pairs(scanText(DSN, { kind: 'eml' })));
});

// ------------------------------------------------------------------ never a code
const NEVER: Array<[string, string]> = [
  ['a pid', 'Nov 24 12:00:00 mx postfix/smtp[550]: connect to mx.example.com[192.0.2.5]:25: Connection timed out'],
  ['a size', 'Nov 24 12:00:01 mx postfix/qmgr[451]: 1A2B3C: from=<a@example.com>, size=550, nrcpt=1 (queue active)'],
  ['ports', 'Nov 24 12:00:02 mx postfix/smtpd[250]: connect from unknown[192.0.2.6]:587 to [203.0.113.1]:25'],
  ['IP addresses', 'client 10.5.1.1 and 192.0.2.250 and 2001:db8::550 connected'],
  ['versions', 'Nov 24 12:00:03 mx postfix/master[1]: daemon started -- version 3.5.1, configuration /etc/postfix; agent v2.4.1.1 and 5.1.1.0'],
  ['delays', 'Nov 24 12:00:04 mx postfix/smtp[2]: 1A2B3C: to=<a@example.com>, relay=none, delay=5.1, delays=0.1/0/4.5/0.1, status=deferred (connect to example.com: Connection refused)'],
  ['dates and times', '2026-11-24 12:00:05.250 [550] INFO 12:05:50 took 450ms'],
  ['queue and message ids', 'Nov 24 12:00:06 mx postfix/cleanup[3]: 4B5501A2F: message-id=<20261124.550.451@example.com>'],
  ['percentages', 'disk usage 450% of quota, 250 % free'],
  ['stack-trace line numbers', '    at Object.<anonymous> (/srv/app/mailer.js:550:12)\n    at Module._compile (node:internal/modules/cjs/loader:1554:14)'],
  ['HTTP statuses in an access log', '192.0.2.10 - - [24/Nov/2026:12:00:07 +0000] "GET / HTTP/1.1" 500 550 "-" "curl/8.5.0"\n192.0.2.11 - - [24/Nov/2026:12:00:08 +0000] "POST /api/mail HTTP/2.0" 404 451 "-" "Mozilla/5.0"'],
  ['an HTTP status in a JSON app log', '{"level":"error","status":503,"msg":"503 Service Unavailable","path":"/v1/send"}'],
  ['a counter after a colon (rate limit)', 'Nov 24 12:00:09 mx postfix/smtpd[4]: warning: Message delivery request rate limit exceeded: 334 from spam.example.com[192.0.2.7] for service smtp'],
  ['spam scores', 'Nov 24 12:00:10 mx amavis[5]: (05550-01) Passed CLEAN, hits=2.5 required=5.0 tests=[BAYES_00=-1.9]'],
  ['host names with digits', 'Nov 24 12:00:11 mx postfix/smtpd[6]: connect from 207-250-64-66.static.example.net[207.250.64.66]'],
  ['errno codes', 'Nov 24 12:00:12 mx exim[7]: 1tFabc-0001 == a@example.com R=dnslookup T=remote_smtp defer (111): Connection refused'],
  ['an expiry without a code', 'Nov 24 12:00:13 mx postfix/qmgr[8]: 585BC3F: from=<>, status=expired, returned to sender'],
];
for (const [what, text] of NEVER) {
  test(`never a code: ${what}`, () => {
    assert.deepEqual(pairs(scanText(text, { kind: 'log' })), []);
  });
}

test('findings are sorted by position and deterministic', () => {
  const text = [
    'Nov 24 10:00:00 mx postfix/smtp[1]: A: to=<a@example.com>, dsn=5.1.1, status=bounced (host x[192.0.2.1] said: 550 5.1.1 nope (in reply to RCPT TO command))',
    'Nov 24 10:00:01 mx postfix/smtp[1]: B: to=<b@example.com>, dsn=4.2.2, status=deferred (host x[192.0.2.1] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command))',
  ].join('\n');
  const a = scanText(text);
  const b = scanText(text);
  assert.deepEqual(a, b);
  for (let i = 1; i < a.length; i++) {
    const p = a[i - 1].range.start;
    const q = a[i].range.start;
    assert.ok(p.line < q.line || (p.line === q.line && p.character <= q.character));
  }
  assert.deepEqual(
    a.map((f) => f.class),
    ['permanent', 'transient'],
  );
});

// ------------------------------------------------------------------ kinds of misses found on real data
// Each case is a line of our own with the shape of a miss the evaluation found.
check('exim: a reply after the bracketed client address without a colon', '2026-11-24 11:10:00 spa authenticator failed H=client.example.net [192.0.2.61] 535 Incorrect authentication data', [['535', null]]);
check('exim: event-style fields in angle brackets', '2026-11-24 11:10:01 1tFabh-000Abh-6c . banner <220 mx.example.com ESMTP>\n2026-11-24 11:10:02 1tFabh-000Abh-6c . delivery ip <192.0.2.62> confirmation <250 OK id=1tFabi> router <dnslookup>', [
  ['220', null],
  ['250', null],
]);
check('a code key followed by a space and a colon (ERROR_CODE :550)', 'pa@example.com Invalid Address, ERROR_CODE :550, ERROR_CODE :5.2.1 <pa@example.com>... Mailbox disabled', [
  ['550', null],
  [null, '5.2.1'],
]);
check('a colon after the reply code before its enhanced code (550: 5.1.1)', '550: 5.1.1 <qu@example.com>... User Unknown', [['550', '5.1.1']]);
check('a colon after the reply code at the start of a line (550: : text)', '550: : User unknown', [['550', null]]);
check('a list marker before a status (-- 5.4.1)', '-- 5.4.1 Recipient address rejected: Access denied', [[null, '5.4.1']]);
check('a dash between the code and its text (550 - text)', '550 - Requested action not taken: no such user here', [['550', null]]);
check('a reply with no text after the address it answered', '    host mx.example.net [198.51.100.70]: 550 :', [['550', null]]);
check('a ResponseCode field written with a space', '[Status: Error, Address: <ra@example.com>, ResponseCode 421, , Host not reachable.]', [['421', null]]);
check('two records on one JSON line keep both distinct pairs', '[{"status": "550", "reason": "550 Unknown user sa@example.com", "email": "sa@example.com"},{"status": "5.2.2", "reason": "550 5.2.2 <ta@example.com>... Mailbox Full", "email": "ta@example.com"}]', [
  ['550', null],
  ['550', '5.2.2'],
]);
check('a status quoted inside a reply text', 'host mx.example.net[198.51.100.71] said: 501 Rcpt-To validation failed: RCPT TO not accepted: 5.7.1 This system does not relay', [
  ['501', null],
  [null, '5.7.1'],
]);

test('a server transcript without markers: continuation lines join the first line of the reply', () => {
  const text = '220 mx.example.com ESMTP\n250-mx.example.com\n250-SIZE 52428800\n250 HELP\n550 5.1.1 No such user';
  const findings = scanText(text, { kind: 'log' });
  assert.deepEqual(pairs(findings), [
    ['220', null],
    ['250', null],
    ['550', '5.1.1'],
  ]);
  assert.deepEqual(
    findings[1].otherRanges?.map((r) => r.start.line),
    [2, 3],
  );
  assert.equal(findings[1].text, 'mx.example.com SIZE 52428800 HELP');
});

// ------------------------------------------------------------------ human-readable bounce bodies
const bounce = (body: string): string => ['From: mailer-daemon@example.com', 'To: me@example.com', 'Subject: Delivery Status Notification (Failure)', 'Content-Type: text/plain; charset=utf-8', '', body].join('\n');
check(
  'bounce body: Gmail',
  bounce("** Address not found **\n\nYour message wasn't delivered to zo@example.com because the address couldn't be found.\n\nThe response was:\n\n550 5.1.1 The email account that you tried to reach does not exist. - gsmtp"),
  [['550', '5.1.1']],
  'eml',
);
check(
  'bounce body: Outlook / Exchange NDR',
  bounce("Delivery has failed to these recipients or groups:\n\nab@example.com\n\nDiagnostic information for administrators:\n\nGenerating server: EX01.example.com\n\nab@example.com\nRemote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'"),
  [['550', '5.1.10']],
  'eml',
);
check(
  'bounce body: Exim',
  bounce('This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error.\n\n  bc@example.net\n    host mx.example.net [198.51.100.80]\n    SMTP error from remote mail server after RCPT TO:<bc@example.net>:\n    550 5.1.1 <bc@example.net>: Recipient address rejected: User unknown'),
  [['550', '5.1.1']],
  'eml',
);
check(
  'bounce body: Postfix "The mail system"',
  bounce('This is the mail system at host mx.example.com.\n\n                   The mail system\n\n<cd@example.org>: host mx.example.org[203.0.113.81] said: 552 5.2.2\n    <cd@example.org>: Mailbox full (in reply to RCPT TO command)'),
  [['552', '5.2.2']],
  'eml',
);
check(
  'bounce body: qmail',
  bounce("Hi. This is the qmail-send program at mx.example.com.\nI'm afraid I wasn't able to deliver your message to the following addresses.\n\n<de@example.com>:\n198.51.100.82 does not like recipient.\nRemote host said: 550 No such mailbox here\nGiving up on 198.51.100.82."),
  [['550', null]],
  'eml',
);
check(
  'bounce body: Yahoo',
  bounce("Sorry, we were unable to deliver your message to the following address.\n\n<ef@yahoo.example>:\n554: delivery error: dd This user doesn't have a yahoo.example account (ef@yahoo.example) [0] - mta1234.mail.example"),
  [['554', null]],
  'eml',
);

// ------------------------------------------------------------------ more formats
check(
  'Exchange message tracking CSV (recipient-status with glued text)',
  '2026-11-24T10:00:01.123Z,192.0.2.10,EX01,203.0.113.5,mx.example.net,;250 2.0.0 OK 1732442401 q12si345 - gsmtp,Outbound Proxy Frontend,SMTP,SEND,1234567890,<a1b2@example.com>,1a2b-3c4d,ana@example.net,250 2.1.5Recipient OK,2048,1,,,Quarterly report',
  [
    ['250', '2.0.0'],
    ['250', '2.1.5'],
  ],
);
check(
  'Microsoft 365 message trace export (JSON detail)',
  '{"Received":"2026-11-24T10:00:00Z","SenderAddress":"me@example.com","RecipientAddress":"bo@example.org","Status":"Failed","Size":18211,"Detail":"550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup"}',
  [['550', '5.1.10']],
);
check(
  'Postmark bounce webhook JSON',
  '{"RecordType":"Bounce","Type":"HardBounce","TypeCode":1,"Email":"cy@example.net","Details":"smtp;550 5.1.1 The email account that you tried to reach does not exist","BouncedAt":"2026-11-24T10:00:00Z"}',
  [['550', '5.1.1']],
);
check(
  'Zimbra / amavis: FWD via SMTP with two replies on one line',
  'Nov 24 10:30:00 mail amavis[4242]: (04242-01) Passed CLEAN {RelayedInbound}, [192.0.2.20]:41234 [192.0.2.20] <a@example.net> -> <b@example.com>, Queue-ID: 4B5C6D7E8F, Message-ID: <x@example.net>, mail_id: AbCdEf, Hits: -1.9, size: 2412, queued_as: 9A8B7C6D5E, 250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as 9A8B7C6D5E, 812 ms',
  [['250', '2.0.0']],
);
check(
  'Courier: delivery failure with the reply',
  'Nov 24 10:31:00 mail courieresmtp: id=0001A2B3.4C5D6E7F.00001234,from=<a@example.com>,addr=<dd@example.org>: 550 5.1.1 <dd@example.org>: Recipient address rejected: User unknown',
  [['550', '5.1.1']],
);
check(
  'OpenSMTPD: smtp failed-command with result="..."',
  'Nov 24 10:32:00 mx smtpd[777]: 0a1b2c3d4e5f6a7b smtp failed-command command="RCPT TO:<ee@example.com>" result="550 Invalid recipient: <ee@example.com>"',
  [['550', null]],
);
check('Python smtplib debug output (the status is quoted again on the second line)', "reply: b'550 5.1.1 <ff@example.com>: Recipient address rejected'\nreply: retcode (550); Msg: b'5.1.1 <ff@example.com>: Recipient address rejected'", [
  ['550', '5.1.1'],
  [null, '5.1.1'],
]);

test('eml: a reply wrapped onto indented lines of a bounce body gets its whole text', () => {
  const raw = bounce('<rx@example.net>: host mx.example.net[198.51.100.7] said: 550 5.1.1\n    <rx@example.net>: Recipient address rejected: User unknown in local\n    recipient table (in reply to RCPT TO command)\n\nSomething else.');
  const [f] = scanText(raw, { kind: 'eml' });
  assert.equal(f.reply, '550');
  assert.equal(f.text, '<rx@example.net>: Recipient address rejected: User unknown in local recipient table');
});

test('eml: a status before its reply on an earlier raw line (quoted-printable joins them) is still found by position', () => {
  const raw = 'Content-Transfer-Encoding: quoted-printable\n\n 5.1.1 =\n[192.0.2.1]550 #5.1.1 \n';
  const findings = scanText(raw, { kind: 'eml' });
  assert.equal(findings.length, 1);
  const [f] = findings;
  assert.deepEqual(f.otherRanges?.map((r) => r.start), [{ line: 2, character: 1 }]);
  // What a hover asks: the finding under the status's position.
  assert.equal(findingAt(findings, { line: 2, character: 2 })?.finding, f);
});
