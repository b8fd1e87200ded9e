// The workspace the in-host suite runs in: written to a fresh folder by the runners.
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
};

