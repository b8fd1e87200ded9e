// The outcome readers of Sendmail, qmail, Exchange message tracking, Microsoft 365 message trace,
// Amazon SES and SendGrid, on lines written here (RFC 2606 names, documentation addresses) in the
// formats their documentation describes: verdicts, recipients, senders, remotes, directions, queue
// IDs, trail IDs, codeless verdicts and the deciding code; a line of several records gives one
// outcome per record with only its own codes; no reader takes another family's lines; streams in
// pieces and edits agree with reading the whole text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  analyzeLog,
  lineTimestamp,
  type Analysis,
  type Outcome,
} from '../../server/src/engine/index';
import { READERS } from '../../server/src/engine/outcomes/read';

/** The outcome on a line (1-based) for a recipient, or the only one there. */
function on(a: Analysis, line: number, recipient?: string): Outcome {
  const list = a.outcomes.filter((o) => o.line === line - 1 && (recipient === undefined || o.recipient === recipient));
  assert.equal(list.length, 1, `one outcome on line ${line}${recipient ? ` for ${recipient}` : ''}, got ${list.length}`);
  return list[0];
}

/** `550 5.1.1`, `- 2.0.0`, or `none` when no code decided. */
function code(o: Outcome): string {
  return o.finding ? `${o.finding.reply ?? '-'} ${o.finding.enhanced ?? '-'}` : 'none';
}

/** The text a problem or an outcome's range covers. */
function covered(lines: string[], o: Outcome): string {
  return lines[o.range.start.line].slice(o.range.start.character, o.range.end.character);
}

// ── Sendmail ────────────────────────────────────────────────────────────────────────────────

const SENDMAIL = [
  'Mar  3 09:12:01 relay sm-mta[4101]: 523A9C1x004101: from=<alerts@example.org>, size=2417, class=0, nrcpts=3, msgid=<20250303091201.523A9C1x004101@relay.example.org>, proto=ESMTP, daemon=MTA-v4, relay=app1.example.org [192.0.2.10]',
  'Mar  3 09:12:03 relay sm-mta[4102]: 523A9C1x004101: to=<ana@example.net>,<ben@example.net>, delay=00:00:02, xdelay=00:00:01, mailer=esmtp, pri=152417, relay=mx1.example.net. [198.51.100.25], dsn=2.0.0, stat=Sent (OK id=4Q2mXw1Zbkz9 queued as 4Q2mXw1Zbkz9)',
  'Mar  3 09:12:04 relay sm-mta[4102]: 523A9C1x004101: to=<cleo@example.com>, delay=00:00:03, xdelay=00:00:01, mailer=esmtp, pri=152417, relay=mx.example.com. [203.0.113.7], dsn=4.0.0, stat=Deferred: Connection refused by mx.example.com.',
  'Mar  3 09:42:05 relay sm-mta[4188]: 523A9C1x004101: to=<cleo@example.com>, delay=00:30:04, xdelay=00:00:02, mailer=esmtp, pri=242417, relay=mx.example.com. [203.0.113.7], dsn=5.1.1, stat=User unknown',
  'Mar  3 09:42:05 relay sm-mta[4188]: 523A9C1x004101: 523AgC5z004188: DSN: User unknown',
  'Mar  3 09:50:11 relay sm-mta[4190]: 523AoB2q004190: to=dave, ctladdr=<dave@relay.example.org> (1001/1001), delay=00:00:00, xdelay=00:00:00, mailer=local, pri=30412, dsn=2.0.0, stat=Sent',
  'Mar  3 10:01:17 relay sm-mta[4201]: 523B1H0k004201: ruleset=check_rcpt, arg1=<nobody@example.org>, relay=client.example.net [198.51.100.77] (may be forged), reject=550 5.7.1 <nobody@example.org>... Relaying denied',
  'Mar  3 10:01:19 relay sm-mta[4202]: 523B1J7t004202: <ghost@relay.example.org>... User unknown',
  'Mar  3 10:03:40 relay sendmail[4209]: ruleset=check_relay, arg1=[198.51.100.90], arg2=198.51.100.90, relay=[198.51.100.90], reject=421 4.3.2 Connection rate limit exceeded.',
  'Mar  3 10:05:00 relay sm-mta[4210]: 523B5a0c004210: ruleset=check_mail, arg1=<spoof@example.invalid>, relay=[198.51.100.91], reject=553 5.1.8 <spoof@example.invalid>... Domain of sender address spoof@example.invalid does not exist',
  'Mar  8 09:13:00 relay sm-mta[5001]: 523C7a1b005001: to=<eve@example.com>, delay=4+23:59:00, xdelay=00:00:30, mailer=esmtp, pri=9000000, relay=mx.example.com. [203.0.113.7], dsn=4.4.1, stat=Deferred: Connection timed out with mx.example.com.',
  'Mar  8 09:14:00 relay sm-mta[5001]: 523C7a1b005001: 523C7a1c005001: DSN: Cannot send message for 5 days',
];

test('Sendmail: deliveries, deferrals, bounces and expiry per recipient, with the deciding code and the relay', () => {
  const lines = SENDMAIL;
  const a = analyzeLog(lines.join('\n'));
  // One line names two recipients of the same relay: one outcome each.
  for (const r of ['ana@example.net', 'ben@example.net']) {
    const o = on(a, 2, r);
    assert.equal(o.family, 'sendmail');
    assert.equal(o.verdict, 'delivered');
    assert.equal(o.queueId, '523A9C1x004101');
    assert.equal(o.remote, 'mx1.example.net[198.51.100.25]');
    assert.equal(o.direction, 'outbound');
    assert.equal(code(o), '- 2.0.0');
    assert.equal(o.hop, '4Q2mXw1Zbkz9');
  }
  const deferred = on(a, 3);
  assert.deepEqual([deferred.verdict, deferred.recipient, code(deferred)], ['deferred', 'cleo@example.com', '- 4.0.0']);
  const bounced = on(a, 4);
  assert.deepEqual([bounced.verdict, bounced.recipient, code(bounced)], ['bounced', 'cleo@example.com', '- 5.1.1']);
  // The local mailer delivers on this host.
  assert.deepEqual([on(a, 6).verdict, on(a, 6).recipient, on(a, 6).direction], ['delivered', 'dave', 'local']);
  // The notification line is a link of the trail, not one more outcome.
  assert.equal(a.outcomes.filter((o) => o.line === 4).length, 0);
  // Expiry: the message's recipient still deferred ends expired.
  const expiry = on(a, 12);
  assert.deepEqual([expiry.verdict, expiry.scope, expiry.queueId, expiry.finding], ['expired', 'message', '523C7a1b005001', null]);
  assert.equal(covered(lines, expiry), 'Cannot send message for 5 days');
  assert.equal(a.index.endOfOutcome(on(a, 11)).verdict, 'expired');
  // Per recipient, its last state: cleo deferred then bounced counts once, as bounced.
  assert.deepEqual(a.index.counts(), { delivered: 3, deferred: 0, bounced: 1, expired: 1, rejected: 4 });
  assert.equal(a.index.attemptOf(bounced).total, 2);
});

test("Sendmail: this server's refusals are inbound rejections, with the refused address and the client", () => {
  const lines = SENDMAIL;
  const a = analyzeLog(lines.join('\n'));
  const relay = on(a, 7);
  assert.deepEqual([relay.verdict, relay.direction, relay.recipient, relay.remote, code(relay), relay.temporary], ['rejected', 'inbound', 'nobody@example.org', 'client.example.net[198.51.100.77]', '550 5.7.1', false]);
  // `<r>... User unknown` carries no code: the verdict stands on sendmail's words.
  const unknown = on(a, 8);
  assert.deepEqual([unknown.verdict, unknown.recipient, unknown.finding], ['rejected', 'ghost@relay.example.org', null]);
  assert.equal(covered(lines, unknown), 'User unknown');
  // A connection refused with 421 is a temporary refusal; `sendmail[pid]` is the same program.
  const rate = on(a, 9);
  assert.deepEqual([rate.verdict, rate.queueId, rate.recipient, rate.remote, rate.temporary], ['rejected', null, null, '[198.51.100.90]', true]);
  // check_mail refuses a sender.
  const mail = on(a, 10);
  assert.deepEqual([mail.sender, mail.recipient, code(mail)], ['spoof@example.invalid', null, '553 5.1.8']);
});

test('Sendmail: trail IDs — the queue ID, the notification it sent, the Message-ID it recorded', () => {
  const sm = READERS.find((r) => r.family === 'sendmail')!;
  assert.deepEqual(sm.trail(SENDMAIL[0]), { queueId: '523A9C1x004101', links: [], messageId: '20250303091201.523A9C1x004101@relay.example.org' });
  assert.deepEqual(sm.trail(SENDMAIL[4]), { queueId: '523A9C1x004101', links: ['523AgC5z004188'], messageId: null });
  assert.deepEqual(sm.trail(SENDMAIL[8]), { queueId: null, links: [], messageId: null });
});

// ── qmail ───────────────────────────────────────────────────────────────────────────────────

/** A multilog TAI64N label for seconds since 1970. */
function tai(seconds: number, nano = 0): string {
  return `@${(0x40000000).toString(16)}${(seconds + 10).toString(16).padStart(8, '0')}${nano.toString(16).padStart(8, '0')}`;
}

const T0 = 1709461921;
const QMAIL = [
  `${tai(T0)} new msg 1573049`,
  `${tai(T0, 1)} info msg 1573049: bytes 3120 from <reports@example.org> qp 20417 uid 1002`,
  `${tai(T0, 2)} starting delivery 41: msg 1573049 to remote ana@example.net`,
  `${tai(T0, 3)} starting delivery 42: msg 1573049 to remote bo@example.com`,
  `${tai(T0, 4)} starting delivery 43: msg 1573049 to local root@relay.example.org`,
  `${tai(T0 + 1)} delivery 43: success: did_0+0+1/`,
  `${tai(T0 + 2)} delivery 41: success: 198.51.100.25_accepted_message./Remote_host_said:_250_2.0.0_Ok:_queued_as_4Q2mXw1Zbkz9/`,
  `${tai(T0 + 3)} delivery 42: deferral: 203.0.113.7_does_not_like_recipient./Remote_host_said:_451_4.7.1_Greylisted,_please_try_again_later/Giving_up_on_203.0.113.7./`,
  `${tai(T0 + 900)} starting delivery 57: msg 1573049 to remote bo@example.com`,
  `${tai(T0 + 901)} delivery 57: success: 203.0.113.7_accepted_message./Remote_host_said:_250_2.0.0_OK_1709462826/`,
  `${tai(T0 + 901, 5)} end msg 1573049`,
  `${tai(T0 + 1000)} new msg 1573101`,
  `${tai(T0 + 1000, 1)} info msg 1573101: bytes 988 from <noreply@example.org> qp 20533 uid 1002`,
  `${tai(T0 + 1000, 2)} starting delivery 58: msg 1573101 to remote nobody@example.net`,
  `${tai(T0 + 1001)} delivery 58: failure: 198.51.100.25_does_not_like_recipient./Remote_host_said:_550_5.1.1_<nobody@example.net>:_Recipient_address_rejected:_User_unknown/Giving_up_on_198.51.100.25./`,
  `${tai(T0 + 1001, 1)} bounce msg 1573101 qp 20540`,
  `${tai(T0 + 1001, 2)} end msg 1573101`,
  `${tai(T0 + 1001, 3)} new msg 1573102`,
  `${tai(T0 + 1001, 4)} info msg 1573102: bytes 2210 from <> qp 20540 uid 1003`,
  `${tai(T0 + 1001, 5)} starting delivery 59: msg 1573102 to remote noreply@example.org`,
  `${tai(T0 + 1002)} delivery 59: failure: Sorry,_I_couldn't_find_any_host_named_example.org._(#5.1.2)/`,
  `${tai(T0 + 1002, 1)} end msg 1573102`,
  'Mar  3 10:20:01 relay qmail: 1709461201.118230 delivery 77: deferral: Sorry,_I_wasn\'t_able_to_establish_an_SMTP_connection._(#4.4.1)/',
  'Mar  3 10:20:02 relay qmail: 1709461202.004512 rblsmtpd: 198.51.100.66 pid 20601 zen.example.net: 451 Your address is listed, see https://www.example.net/lookup',
];

test('qmail: a result names only its delivery number; its message, recipient and direction come from the line that started it', () => {
  const lines = QMAIL;
  const a = analyzeLog(lines.join('\n'));
  const local = on(a, 6);
  // `did_0+0+1/`: a local delivery without any code.
  assert.deepEqual([local.family, local.verdict, local.queueId, local.recipient, local.direction, local.finding], ['qmail', 'delivered', '1573049', 'root@relay.example.org', 'local', null]);
  const remote = on(a, 7);
  assert.deepEqual([remote.verdict, remote.recipient, remote.remote, remote.direction, code(remote)], ['delivered', 'ana@example.net', '198.51.100.25', 'outbound', '250 2.0.0']);
  const grey = on(a, 8);
  assert.deepEqual([grey.verdict, grey.recipient, code(grey)], ['deferred', 'bo@example.com', '451 4.7.1']);
  // Retried under another delivery number, the same story: deferred, then delivered.
  assert.equal(a.index.endOfOutcome(grey).verdict, 'delivered');
  assert.equal(a.index.attemptOf(grey).total, 2);
  const failed = on(a, 15);
  assert.deepEqual([failed.verdict, failed.queueId, failed.recipient, code(failed)], ['bounced', '1573101', 'nobody@example.net', '550 5.1.1']);
  // qmail's own status: `(#5.1.2)`.
  assert.deepEqual([on(a, 21).verdict, on(a, 21).recipient, code(on(a, 21))], ['bounced', 'noreply@example.org', '- 5.1.2']);
  // A result whose start is not in the file stands alone, still counted.
  const orphan = on(a, 23);
  assert.deepEqual([orphan.verdict, orphan.queueId, orphan.recipient, code(orphan), orphan.key], ['deferred', null, null, '- 4.4.1', null]);
  // This server's refusal through rblsmtpd: temporary, from the client.
  const refused = on(a, 24);
  assert.deepEqual([refused.verdict, refused.direction, refused.remote, refused.temporary, code(refused)], ['rejected', 'inbound', '198.51.100.66', true, '451 -']);
  assert.deepEqual(a.index.counts(), { delivered: 3, deferred: 1, bounced: 2, expired: 0, rejected: 1 });
  assert.equal(a.outcomes.length, 8);
});

test('qmail: trail IDs — the message number, and `qp` joining a message to its notification', () => {
  const q = READERS.find((r) => r.family === 'qmail')!;
  assert.deepEqual(q.trail(QMAIL[1]), { queueId: '1573049', links: ['qp 20417'], messageId: null });
  assert.deepEqual(q.trail(QMAIL[15]), { queueId: '1573101', links: ['qp 20540'], messageId: null });
  assert.deepEqual(q.trail(QMAIL[18]), { queueId: '1573102', links: ['qp 20540'], messageId: null });
  assert.deepEqual(q.trail(QMAIL[2]), { queueId: '1573049', links: [], messageId: null });
  // A qmail line of no message.
  assert.deepEqual(q.trail(`${tai(T0)} status: local 0/10 remote 1/20`), { queueId: null, links: [], messageId: null });
});

test('qmail: TAI64N labels and accustamp times date the lines', () => {
  assert.equal(new Date(lineTimestamp(QMAIL[0], 2025)!).toISOString(), '2024-03-03T10:32:01.000Z');
  assert.equal(new Date(lineTimestamp('1709461201.118230 delivery 77: deferral: x/', 2025)!).toISOString(), '2024-03-03T10:20:01.000Z');
});
