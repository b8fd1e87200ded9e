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
  computeProblems,
  DEFAULT_SETTINGS,
  EditRegions,
  LogStreamScanner,
  OutcomeIndex,
  emptyCounts,
  lineTimestamp,
  readLine,
  type Analysis,
  type Outcome,
  type Settings,
} from '../../server/src/engine/index';
import { READERS } from '../../server/src/engine/outcomes/read';
import { streamOutcomes } from '../../server/src/engine/outcomes/stream';
import { MAX_LINE_READ } from '../../server/src/engine/scanner/lines';
import { LineDocument } from '../../server/src/lsp/lineDocument';
import { randomEdit, seededRandom } from '../support/edits';

const all: Settings = { ...DEFAULT_SETTINGS, maxProblems: 100000, severity: { permanent: 'error', transient: 'warning', success: 'off', deliveredLater: 'hint' } };

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

// ── Exchange message tracking ───────────────────────────────────────────────────────────────

const FIELDS =
  'date-time,client-ip,client-hostname,server-ip,server-hostname,source-context,connector-id,source,event-id,internal-message-id,message-id,network-message-id,recipient-address,recipient-status,total-bytes,recipient-count,related-recipient-address,reference,message-subject,sender-address,return-path,message-info,directionality,tenant-id,original-client-ip,original-server-ip,custom-data,transport-traffic-type,log-id,schema-version';

/** A tracking row in the standard (2013+) order from named fields. */
function row(fields: Record<string, string>, names = FIELDS.split(',')): string {
  return names.map((n) => fields[n] ?? '').map((v) => (v.includes(',') ? `"${v}"` : v)).join(',');
}

const NMID = '3c5d7e9f-1a2b-4c3d-8e4f-08dd5a6b7c8d';
const EXCHANGE = [
  '#Software: Microsoft Exchange Server',
  '#Version: 15.02.1258.012',
  '#Log-Type: Message Tracking Log',
  '#Date: 2025-03-03T09:00:00.000Z',
  `#Fields: ${FIELDS}`,
  row({ 'date-time': '2025-03-03T09:12:01.120Z', 'client-ip': '192.0.2.10', 'server-hostname': 'EXCH01', source: 'SMTP', 'event-id': 'RECEIVE', 'internal-message-id': '41231686041601', 'message-id': '<7f3a2b@app.example.org>', 'network-message-id': NMID, 'recipient-address': 'ana@example.net;ben@example.net', 'sender-address': 'alerts@example.org', 'return-path': 'alerts@example.org', directionality: 'Originating' }),
  row({ 'date-time': '2025-03-03T09:12:03.518Z', 'server-ip': '198.51.100.25', 'server-hostname': 'mx1.example.net', 'source-context': ';250 2.0.0 OK queued as 4Q2mXw1Zbkz9', 'connector-id': 'Internet Send', source: 'SMTP', 'event-id': 'SEND', 'internal-message-id': '41231686041601', 'message-id': '<7f3a2b@app.example.org>', 'network-message-id': NMID, 'recipient-address': 'ana@example.net;ben@example.net', 'recipient-status': '250 2.1.5 Recipient OK;250 2.6.0 Queued for delivery', 'sender-address': 'alerts@example.org', 'return-path': 'alerts@example.org' }),
  row({ 'date-time': '2025-03-03T09:12:04.001Z', source: 'SMTP', 'event-id': 'DEFER', 'internal-message-id': '41231686041602', 'message-id': '<9c1d@app.example.org>', 'network-message-id': NMID, 'recipient-address': 'cleo@example.com', 'recipient-status': '451 4.4.0 DNS query failed', 'return-path': 'alerts@example.org' }),
  row({ 'date-time': '2025-03-05T09:12:04.001Z', source: 'QUEUE', 'event-id': 'FAIL', 'internal-message-id': '41231686041602', 'message-id': '<9c1d@app.example.org>', 'network-message-id': NMID, 'recipient-address': 'cleo@example.com', 'recipient-status': '550 4.4.7 QUEUE.Expired; message expired', 'return-path': 'alerts@example.org' }),
  row({ 'date-time': '2025-03-05T09:12:04.310Z', source: 'DSN', 'event-id': 'DSN', 'internal-message-id': '41231686041610', 'message-id': '<c0ffee01@EXCH01.example.org>', 'network-message-id': NMID, 'recipient-address': 'alerts@example.org', reference: '<9c1d@app.example.org>' }),
  row({ 'date-time': '2025-03-03T09:13:00.000Z', 'server-hostname': 'EXCH01', source: 'STOREDRIVER', 'event-id': 'DELIVER', 'internal-message-id': '41231686041620', 'message-id': '<55aa@partner.example.com>', 'network-message-id': NMID, 'recipient-address': 'dora@example.org', 'return-path': 'news@partner.example.com' }),
  row({ 'date-time': '2025-03-03T09:14:00.000Z', 'server-hostname': 'mx.example.com', source: 'SMTP', 'event-id': 'FAIL', 'internal-message-id': '41231686041630', 'message-id': '<66bb@app.example.org>', 'network-message-id': NMID, 'recipient-address': 'gus@example.com;hal@example.com', 'recipient-status': '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found;550 5.4.1 Recipient address rejected: Access denied', 'return-path': 'alerts@example.org' }),
];

test('Exchange: SEND, DEFER, FAIL, DELIVER are outcomes per recipient, each with its own status; the others are the trail', () => {
  const lines = EXCHANGE;
  const a = analyzeLog(lines.join('\n'));
  const ana = on(a, 7, 'ana@example.net');
  assert.deepEqual([ana.family, ana.verdict, ana.queueId, ana.sender, ana.remote, ana.direction, code(ana)], ['exchange', 'delivered', '41231686041601', 'alerts@example.org', 'mx1.example.net', 'outbound', '250 2.1.5']);
  // Two recipients, two statuses in the same order: each recipient's code is its own.
  const ben = on(a, 7, 'ben@example.net');
  assert.deepEqual([ben.verdict, code(ben)], ['delivered', '250 2.6.0']);
  assert.ok(!ana.evidence.some((f) => f.enhanced === '2.6.0'), "ben's status is not evidence of ana's outcome");
  const gus = on(a, 12, 'gus@example.com');
  const hal = on(a, 12, 'hal@example.com');
  // `; not found` inside gus's status does not start another recipient's.
  assert.deepEqual([gus.verdict, code(gus), gus.evidence.length], ['bounced', '550 5.1.1', 0]);
  assert.deepEqual([hal.verdict, code(hal), hal.remote], ['bounced', '550 5.4.1', 'mx.example.com']);
  const deferred = on(a, 8);
  assert.deepEqual([deferred.verdict, deferred.recipient, code(deferred)], ['deferred', 'cleo@example.com', '451 4.4.0']);
  // `QUEUE.Expired`: the queue gave up on a deferred message.
  assert.equal(on(a, 9).verdict, 'expired');
  assert.equal(a.index.endOfOutcome(deferred).verdict, 'expired');
  // A delivery to a mailbox here, logged without a code.
  const local = on(a, 11);
  assert.deepEqual([local.verdict, local.direction, local.remote, local.finding, local.sender], ['delivered', 'local', null, null, 'news@partner.example.com']);
  assert.equal(covered(lines, local), 'DELIVER');
  // RECEIVE and DSN lines record no outcome.
  assert.equal(a.outcomes.filter((o) => o.line === 5 || o.line === 9).length, 0);
});

test('Exchange: the `#Fields:` header names the columns; without one, the standard order of the line', () => {
  // Exchange 2010 had no network-message-id: its header says so, and the columns follow it.
  const names2010 = FIELDS.split(',').filter((f) => f !== 'network-message-id').slice(0, 26);
  const fail = { 'date-time': '2025-03-03T10:00:00.000Z', source: 'SMTP', 'event-id': 'FAIL', 'internal-message-id': '900', 'message-id': '<a1@example.org>', 'recipient-address': 'gus@example.net', 'recipient-status': '550 5.1.1 User unknown', 'return-path': 'alerts@example.org' };
  const with2010 = analyzeLog([`#Fields: ${names2010.join(',')}`, row(fail, names2010)].join('\n'));
  assert.deepEqual([on(with2010, 2).verdict, on(with2010, 2).recipient, on(with2010, 2).sender, code(on(with2010, 2))], ['bounced', 'gus@example.net', 'alerts@example.org', '550 5.1.1']);
  // A header in another order: the reader follows it.
  const shuffled = ['date-time', 'event-id', 'recipient-address', 'recipient-status', 'internal-message-id', 'return-path'];
  const withShuffled = analyzeLog([`#Fields: ${shuffled.join(',')}`, row(fail, shuffled)].join('\n'));
  assert.deepEqual([on(withShuffled, 2).verdict, on(withShuffled, 2).recipient, on(withShuffled, 2).queueId], ['bounced', 'gus@example.net', '900']);
  // No header: a 2013 line (a network-message-id GUID in its place) and a 2010 line both read.
  const bare = analyzeLog([row({ ...fail, 'network-message-id': NMID }), row(fail, names2010)].join('\n'));
  assert.deepEqual(bare.outcomes.map((o) => [o.verdict, o.recipient, o.queueId]), [['bounced', 'gus@example.net', '900'], ['bounced', 'gus@example.net', '900']]);
});

test('Exchange: trail IDs — internal-message-id, the network-message-id and references as links, the Message-ID', () => {
  const ex = READERS.find((r) => r.family === 'exchange')!;
  assert.deepEqual(ex.trail(EXCHANGE[5]), { queueId: '41231686041601', links: [NMID], messageId: '7f3a2b@app.example.org' });
  assert.deepEqual(ex.trail(EXCHANGE[9]), { queueId: '41231686041610', links: [NMID, '9c1d@app.example.org'], messageId: 'c0ffee01@EXCH01.example.org' });
});

// ── Microsoft 365 message trace ─────────────────────────────────────────────────────────────

const TRACE = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
function m365Json(recipient: string, status: string, extra = ''): string {
  return `{"Organization":"contoso.example.com","MessageId":"\\u003c7f3a@app.example.org\\u003e","Received":"2025-03-03T09:12:01.1234567","SenderAddress":"alerts@example.org","RecipientAddress":"${recipient}","Subject":"Weekly report","Status":"${status}","ToIP":"198.51.100.25","FromIP":"192.0.2.10","Size":20417,"MessageTraceId":"${TRACE}","Index":0${extra}}`;
}
const M365 = [
  m365Json('ana@example.net', 'Delivered'),
  m365Json('ben@example.net', 'Failed'),
  m365Json('cleo@example.com', 'Pending'),
  m365Json('dora@example.org', 'Quarantined'),
  m365Json('eve@example.org', 'FilteredAsSpam'),
  m365Json('team@example.org', 'Expanded'),
  '"Received","SenderAddress","RecipientAddress","Subject","Status","ToIP","FromIP","Size","MessageId","MessageTraceId","Index"',
  `"3/3/2025 9:12:01 AM","alerts@example.org","fay@example.net","Weekly report","Failed","","192.0.2.10","20417","<7f3a@app.example.org>","${TRACE}","6"`,
];

test('Microsoft 365 message trace: Status maps to verdicts, JSON lines and a CSV export under its header', () => {
  const lines = M365;
  const a = analyzeLog(lines.join('\n'));
  const delivered = on(a, 1);
  assert.deepEqual([delivered.family, delivered.verdict, delivered.queueId, delivered.sender, delivered.remote, delivered.finding], ['m365', 'delivered', TRACE, 'alerts@example.org', '198.51.100.25', null]);
  assert.equal(covered(lines, delivered), 'Delivered');
  assert.deepEqual([on(a, 2).verdict, on(a, 2).recipient], ['bounced', 'ben@example.net']);
  assert.equal(covered(lines, on(a, 2)), 'Failed');
  assert.equal(on(a, 3).verdict, 'deferred');
  // Held by the service's own filter: not delivered, not a bounce.
  assert.deepEqual([on(a, 4).verdict, on(a, 4).direction], ['rejected', 'inbound']);
  // Filtered as spam: delivered, to the Junk Email folder.
  assert.equal(on(a, 5).verdict, 'delivered');
  // A group expanded into its members is no outcome; nor is the CSV header.
  assert.equal(a.outcomes.filter((o) => o.line === 5 || o.line === 6).length, 0);
  const csv = on(a, 8);
  assert.deepEqual([csv.verdict, csv.recipient, csv.queueId, csv.sender], ['bounced', 'fay@example.net', TRACE, 'alerts@example.org']);
  assert.equal(covered(lines, csv), 'Failed');
  // Without its header a CSV row is not read.
  assert.equal(analyzeLog(lines[7]).outcomes.length, 0);
  const m = READERS.find((r) => r.family === 'm365')!;
  assert.deepEqual(m.trail(lines[0]), { queueId: TRACE, links: [], messageId: '7f3a@app.example.org' });
});

// ── Amazon SES ──────────────────────────────────────────────────────────────────────────────

const SES_MAIL = '"mail":{"timestamp":"2025-03-03T09:12:00.000Z","source":"alerts@example.org","sourceArn":"arn:aws:ses:eu-west-1:111122223333:identity/example.org","sendingAccountId":"111122223333","messageId":"0102018e0a1b2c3d-5e6f7a8b-1c2d-4e5f-9a0b-1c2d3e4f5a6b-000000","destination":["ana@example.net","ben@example.net"],"commonHeaders":{"from":["alerts@example.org"],"messageId":"<7f3a@app.example.org>","subject":"Weekly report"}}';
const SES_ID = '0102018e0a1b2c3d-5e6f7a8b-1c2d-4e5f-9a0b-1c2d3e4f5a6b-000000';
const SES = [
  `{"notificationType":"Bounce","bounce":{"bounceType":"Permanent","bounceSubType":"General","bouncedRecipients":[{"emailAddress":"ana@example.net","action":"failed","status":"5.1.1","diagnosticCode":"smtp; 550 5.1.1 user unknown"},{"emailAddress":"ben@example.net","action":"failed","status":"5.2.2","diagnosticCode":"smtp; 552 5.2.2 mailbox full"}],"timestamp":"2025-03-03T09:12:02.000Z","feedbackId":"0102018e-aaaa","remoteMtaIp":"198.51.100.25","reportingMTA":"dsn; a1-2.smtp-out.eu-west-1.amazonses.com"},${SES_MAIL}}`,
  `{"eventType":"DeliveryDelay",${SES_MAIL},"deliveryDelay":{"timestamp":"2025-03-03T09:20:00.000Z","delayType":"TransientCommunicationFailure","expirationTime":"2025-03-03T21:12:00.000Z","delayedRecipients":[{"emailAddress":"cleo@example.com","status":"4.4.7","diagnosticCode":"smtp; 421 4.4.2 connection timed out"}]}}`,
  `{"eventType":"Delivery",${SES_MAIL},"delivery":{"timestamp":"2025-03-03T09:40:00.000Z","processingTimeMillis":1800000,"recipients":["cleo@example.com","dan@example.com"],"smtpResponse":"250 2.6.0 Message received","remoteMtaIp":"203.0.113.7","reportingMTA":"a1-2.smtp-out.eu-west-1.amazonses.com"}}`,
  `{"eventType":"Reject",${SES_MAIL},"reject":{"reason":"Bad content"}}`,
  `{"notificationType":"Complaint","complaint":{"complainedRecipients":[{"emailAddress":"dan@example.com"}],"timestamp":"2025-03-04T08:00:00.000Z","feedbackId":"0102018e-bbbb","complaintFeedbackType":"abuse"},${SES_MAIL}}`,
  `{"Type":"Notification","MessageId":"5d1e2f3a-4b5c-4d6e-8f9a-0b1c2d3e4f5a","TopicArn":"arn:aws:sns:eu-west-1:111122223333:ses-bounces","Message":${JSON.stringify(`{"notificationType":"Bounce","bounce":{"bounceType":"Transient","bounceSubType":"MailboxFull","bouncedRecipients":[{"emailAddress":"gus@example.net","status":"4.2.2","diagnosticCode":"smtp; 452 4.2.2 mailbox full"}],"timestamp":"2025-03-03T10:00:00.000Z","feedbackId":"0102018e-cccc"},${SES_MAIL}}`)},"Timestamp":"2025-03-03T10:00:01.000Z"}`,
];

test('Amazon SES: one outcome per reported recipient, each with its own diagnostic code; SNS envelopes too', () => {
  const lines = SES;
  const a = analyzeLog(lines.join('\n'));
  const ana = on(a, 1, 'ana@example.net');
  assert.deepEqual([ana.family, ana.verdict, ana.queueId, ana.sender, ana.remote, code(ana)], ['ses', 'bounced', SES_ID, 'alerts@example.org', '198.51.100.25', '550 5.1.1']);
  const ben = on(a, 1, 'ben@example.net');
  assert.equal(code(ben), '552 5.2.2');
  assert.ok(!ana.evidence.includes(ben.finding!) && !ben.evidence.includes(ana.finding!), "each recipient's code is its own");
  const cleo = on(a, 2);
  assert.deepEqual([cleo.verdict, cleo.recipient, code(cleo)], ['deferred', 'cleo@example.com', '421 4.4.2']);
  // One delivery names two recipients and one reply: both delivered on it.
  for (const r of ['cleo@example.com', 'dan@example.com']) assert.deepEqual([on(a, 3, r).verdict, code(on(a, 3, r)), on(a, 3, r).remote], ['delivered', '250 2.6.0', '203.0.113.7']);
  assert.equal(a.index.endOfOutcome(cleo).verdict, 'delivered');
  // SES refused to send: no code, its reason.
  const reject = on(a, 4);
  assert.deepEqual([reject.verdict, reject.finding, reject.text], ['rejected', null, 'Rejected by SES: Bad content']);
  assert.equal(covered(lines, reject), 'Reject');
  // A complaint is no delivery outcome.
  assert.equal(a.outcomes.filter((o) => o.line === 4).length, 0);
  // The notification inside an SNS envelope's Message string: read, its code found at its place in the line.
  const gus = on(a, 6);
  assert.deepEqual([gus.verdict, gus.recipient, gus.queueId, code(gus)], ['bounced', 'gus@example.net', SES_ID, '452 4.2.2']);
  assert.equal(covered(lines, gus), '452 4.2.2');
  const s = READERS.find((r) => r.family === 'ses')!;
  assert.deepEqual(s.trail(lines[5]), { queueId: SES_ID, links: [], messageId: '7f3a@app.example.org' });
});

// ── SendGrid ────────────────────────────────────────────────────────────────────────────────

const SENDGRID = [
  '[{"email":"ana@example.net","timestamp":1709457121,"smtp-id":"<7f3a@app.example.org>","event":"processed","sg_event_id":"ZXZlbnQtMDE","sg_message_id":"qJ1bX2c3RpS4dU5vW6x7Yw.recvd-5f6d7c8b9-abcde-1-65E4A1B2-3.0"},' +
    '{"email":"ana@example.net","timestamp":1709457123,"smtp-id":"<7f3a@app.example.org>","event":"delivered","response":"250 2.0.0 OK 1709457123 a1si2345678wrb.12 - gsmtp","sg_event_id":"ZXZlbnQtMDI","sg_message_id":"qJ1bX2c3RpS4dU5vW6x7Yw.recvd-5f6d7c8b9-abcde-1-65E4A1B2-3.0"},' +
    '{"email":"ben@example.com","timestamp":1709457124,"smtp-id":"<8e4b@app.example.org>","event":"deferred","response":"451 4.7.1 Greylisted, try again later","attempt":"1","sg_event_id":"ZXZlbnQtMDM","sg_message_id":"Rk2cY3d4SqT5eV6wX7y8Zx.recvd-5f6d7c8b9-abcde-1-65E4A1B2-4.0"},' +
    '{"email":"cleo@example.org","timestamp":1709457125,"smtp-id":"<9f5c@app.example.org>","event":"bounce","type":"bounce","status":"5.1.1","reason":"550 5.1.1 <cleo@example.org>: Recipient address rejected: User unknown","sg_event_id":"ZXZlbnQtMDQ","sg_message_id":"Sl3dZ4e5TrU6fW7xY8z9Ay.recvd-5f6d7c8b9-abcde-1-65E4A1B2-5.0"}]',
  '[{"email":"ben@example.com","timestamp":1709458024,"smtp-id":"<8e4b@app.example.org>","event":"delivered","response":"250 2.0.0 Ok: queued as 4Q2mXw1Zbkz9","sg_event_id":"ZXZlbnQtMDU","sg_message_id":"Rk2cY3d4SqT5eV6wX7y8Zx.recvd-5f6d7c8b9-abcde-1-65E4A1B2-4.0"}]',
  '{"email":"dan@example.net","timestamp":1709458030,"smtp-id":"<aa11@app.example.org>","event":"dropped","reason":"Bounced Address","sg_event_id":"ZXZlbnQtMDY","sg_message_id":"Tm4eA5f6UsV7gX8yZ9a0Bz.recvd-5f6d7c8b9-abcde-1-65E4A1B2-6.0"}',
  '[{"created":"2025-03-01 08:00:00","email":"gone@example.invalid","reason":"550 5.1.2 Host or domain name not found","status":"5.1.2"}]',
];

test('SendGrid: a batch of events of several messages gives one outcome per event, each with only its own codes', () => {
  const lines = SENDGRID;
  const a = analyzeLog(lines.join('\n'));
  // `processed` is no outcome: three of the four events are.
  assert.equal(a.outcomes.filter((o) => o.line === 0).length, 3);
  const ana = on(a, 1, 'ana@example.net');
  assert.deepEqual([ana.family, ana.verdict, ana.queueId, code(ana), ana.evidence.length], ['sendgrid', 'delivered', 'qJ1bX2c3RpS4dU5vW6x7Yw.recvd-5f6d7c8b9-abcde-1-65E4A1B2-3.0', '250 2.0.0', 0]);
  const ben = on(a, 1, 'ben@example.com');
  assert.deepEqual([ben.verdict, code(ben), ben.evidence.length], ['deferred', '451 4.7.1', 0]);
  const cleo = on(a, 1, 'cleo@example.org');
  assert.deepEqual([cleo.verdict, code(cleo), cleo.evidence.length], ['bounced', '550 5.1.1', 0]);
  // Deferred in one batch, delivered in a later one: one story.
  assert.equal(a.index.endOfOutcome(ben).verdict, 'delivered');
  // A drop carries no code; the bounce list's entries are bounces.
  const dropped = on(a, 3);
  assert.deepEqual([dropped.verdict, dropped.finding, dropped.text], ['bounced', null, 'Bounced Address']);
  assert.equal(covered(lines, dropped), 'dropped');
  assert.deepEqual([on(a, 4).verdict, on(a, 4).recipient, code(on(a, 4))], ['bounced', 'gone@example.invalid', '550 5.1.2']);
  assert.deepEqual(a.index.counts(), { delivered: 2, deferred: 0, bounced: 3, expired: 0, rejected: 0 });
  // One problem per failed event, on its own code, even when they share a line.
  const { problems } = computeProblems(a.outcomes, a.index, all);
  const first = problems.filter((p) => p.range.start.line === 0);
  assert.deepEqual(first.map((p) => lines[0].slice(p.range.start.character, p.range.end.character)), ['451 4.7.1', '550 5.1.1']);
  // Trail: the first event's IDs, the batch's other messages beside it (not as links).
  const sg = READERS.find((r) => r.family === 'sendgrid')!;
  const t = sg.trail(lines[0])!;
  assert.deepEqual([t.queueId, t.links, t.messageId], ['qJ1bX2c3RpS4dU5vW6x7Yw.recvd-5f6d7c8b9-abcde-1-65E4A1B2-3.0', ['qJ1bX2c3RpS4dU5vW6x7Yw'], '7f3a@app.example.org']);
  assert.deepEqual(t.also!.map((x) => x.messageId), ['7f3a@app.example.org', '8e4b@app.example.org', '9f5c@app.example.org']);
});

test('a batch longer than the readers see: its events past the limit still count, from their codes', () => {
  // Each event its own code (a line's equal codes are one finding).
  const event = (i: number) =>
    `{"email":"user${i}@example.net","timestamp":${1709457000 + i},"event":"bounce","type":"bounce","status":"5.${1 + (i % 7)}.${Math.floor(i / 7)}","reason":"55${i % 5} 5.${1 + (i % 7)}.${Math.floor(i / 7)} user${i} is not known at this address, please check the spelling and try again","sg_event_id":"ev${i}","sg_message_id":"msg${i}.recvd-1"}`;
  const events = Array.from({ length: 60 }, (_, i) => event(i));
  const line = `[${events.join(',')}]`;
  assert.ok(line.length > MAX_LINE_READ * 1.5);
  const a = analyzeLog(line);
  const read = a.outcomes.filter((o) => !o.inferred);
  const inferred = a.outcomes.filter((o) => o.inferred);
  assert.ok(read.length > 20 && read.every((o) => o.family === 'sendgrid' && o.verdict === 'bounced' && o.finding !== null));
  // The events past the limit, and the one the limit cuts, are counted from their codes.
  assert.ok(inferred.length > 0 && inferred.every((o) => o.family === 'generic' && o.verdict === 'bounced'));
  assert.ok(inferred.some((o) => o.finding!.range.start.character >= MAX_LINE_READ));
  // Every event's code is one outcome's, exactly once.
  assert.equal(read.length + inferred.length, events.length);
});

// ── Across families ─────────────────────────────────────────────────────────────────────────

const POSTFIX = [
  'Mar  3 09:12:05 mx postfix/smtp[2201]: 4Q2mXw1Zbkz9: to=<ana@example.net>, relay=mx1.example.net[198.51.100.25]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 9ZZ1)',
  'Mar  3 09:12:06 mx postfix/smtpd[2202]: NOQUEUE: reject: RCPT from client.example.net[198.51.100.77]: 554 5.7.1 <x@example.org>: Relay access denied; from=<s@example.net> to=<x@example.org> proto=ESMTP helo=<client.example.net>',
];
const EXIM = [
  '2025-03-03 09:12:07 1tXyZa-000Abc-AB => ana@example.net R=dnslookup T=remote_smtp H=mx1.example.net [198.51.100.25] C="250 2.0.0 Ok"',
  '2025-03-03 09:12:08 1tXyZb-000Abd-AC ** bo@example.com R=dnslookup T=remote_smtp: Unrouteable address',
];
const SAMPLES: Record<string, readonly string[]> = {
  postfix: POSTFIX,
  exim: EXIM,
  sendmail: SENDMAIL,
  qmail: QMAIL,
  exchange: EXCHANGE,
  m365: M365.filter((l) => !l.startsWith('"3/3')),
  ses: SES,
  sendgrid: SENDGRID,
};

test('no reader reads or traces another family’s lines, and every line is read by its own family', () => {
  for (const [family, lines] of Object.entries(SAMPLES)) {
    for (const line of lines) {
      for (const reader of READERS) {
        if (reader.family === family) continue;
        assert.equal(reader.read(line), null, `${reader.family} reads a ${family} line: ${line.slice(0, 80)}`);
        assert.equal(reader.trail(line), null, `${reader.family} traces a ${family} line: ${line.slice(0, 80)}`);
      }
      assert.equal(readLine(line)?.family, family, `${family} line read by ${readLine(line)?.family}: ${line.slice(0, 80)}`);
    }
  }
});

// ── Streams and edits ───────────────────────────────────────────────────────────────────────

/** A log of every family above, interleaved (as a collector would gather them). */
const MIXED = [...QMAIL.slice(0, 8), ...SENDMAIL.slice(0, 6), ...EXCHANGE, ...QMAIL.slice(8, 16), ...SES, ...SENDGRID, ...M365, ...QMAIL.slice(16), ...SENDMAIL.slice(6)].join('\n');

const rows = (outcomes: readonly Outcome[]) => outcomes.map((o) => [o.line, o.family, o.verdict, o.queueId, o.recipient, o.direction, o.finding?.reply ?? null, o.finding?.enhanced ?? null, o.text]);

function stories(a: Analysis): Map<string, string> {
  const out = new Map<string, string>();
  a.index.forEachEnd((end, story) => {
    if (!story) return;
    const o = story.outcomes[0];
    out.set(`${o.family} ${o.queueId} ${o.recipient}`, `${end.verdict}/${story.outcomes.length}/${end.outcome.line + 1}`);
  }, a.outcomes);
  return out;
}

test('the mixed log streamed in pieces gives the outcomes and counts of the whole text, and forgets finished stories', () => {
  const whole = analyzeLog(MIXED);
  assert.ok(whole.outcomes.length > 40);
  for (const size of [61, 97, 1000, 4096]) {
    const index = new OutcomeIndex({ streaming: true });
    const counts = emptyCounts();
    index.onClose = (end) => counts[end.verdict]++;
    const got: Outcome[] = [];
    let open = 0;
    const scanner = new LogStreamScanner(
      streamOutcomes(index, (o) => {
        got.push(o);
        open = Math.max(open, index.openStories);
      }),
    );
    for (let i = 0; i < MIXED.length; i += size) scanner.push(MIXED.slice(i, i + size));
    scanner.end();
    const beforeEnd = index.openStories;
    index.closeAll();
    assert.deepEqual(rows(got), rows(whole.outcomes), `pieces of ${size}`);
    assert.deepEqual(counts, whole.index.counts(), `counts in pieces of ${size}`);
    // Stories whose verdict is final (Sendmail, Exchange, M365; SES and SendGrid bounces) and qmail's ended messages are gone before the end.
    let total = 0;
    whole.index.forEachEnd((_, story) => (total += story ? 1 : 0), []);
    assert.ok(beforeEnd < total / 2, `${beforeEnd} stories still open of ${total}`);
  }
});

test('edits of the mixed log keep outcomes and stories equal to reading the edited text whole', () => {
  const lines = MIXED.split('\n');
  const doc = new LineDocument(MIXED);
  const a = analyzeLog(MIXED);
  const rnd = seededRandom(11);
  for (let k = 0; k < 120; k++) {
    // Delete a line (a qmail start, a header…), insert a line of the log, type a character, replace a few lines.
    a.edit(doc.apply(randomEdit(rnd, doc.lineCount, lines, 4)), doc);
    const fresh = analyzeLog(doc.getText());
    assert.deepEqual(rows(a.outcomes), rows(fresh.outcomes), `after edit ${k}`);
    assert.deepEqual(a.index.counts(), fresh.index.counts(), `counts after edit ${k}`);
    assert.deepEqual(stories(a), stories(fresh), `stories after edit ${k}`);
  }
});

test('many changes in one notification (a Replace All, many cursors), applied at once, equal reading the edited text whole', () => {
  const lines = MIXED.split('\n');
  const doc = new LineDocument(MIXED);
  const a = analyzeLog(MIXED);
  const rnd = seededRandom(23);
  const findings = (fs: Analysis['findings']) => fs.map((f) => [f.range.start.line, f.range.start.character, f.reply, f.enhanced, (f.otherRanges ?? []).map((r) => r.start.line).join(',')]);
  for (let k = 0; k < 150; k++) {
    // Up to 12 changes, each in the lines the changes before it left (as LSP gives them), some
    // at the same place (typing), some far apart (a Replace All), some joining lines.
    const regions = new EditRegions();
    const n = 1 + rnd(12);
    let near = rnd(doc.lineCount);
    for (let c = 0; c < n; c++) {
      const e = randomEdit(rnd, doc.lineCount, lines, 4);
      if (rnd(3) === 0) {
        near = Math.min(doc.lineCount - 1, near + rnd(3));
        e.range.start.line = near;
        if (e.range.end.line < near) e.range.end = { ...e.range.start };
      }
      regions.add(doc.apply(e));
    }
    a.editRegions(regions.regions, doc);
    const fresh = analyzeLog(doc.getText());
    assert.deepEqual(findings(a.findings), findings(fresh.findings), `findings after batch ${k}`);
    assert.deepEqual(rows(a.outcomes), rows(fresh.outcomes), `after batch ${k}`);
    assert.deepEqual(a.index.counts(), fresh.index.counts(), `counts after batch ${k}`);
    assert.deepEqual(stories(a), stories(fresh), `stories after batch ${k}`);
  }
});

test('edits that remove or restore the line starting a qmail delivery change the result it reports', () => {
  const text = QMAIL.join('\n');
  const doc = new LineDocument(text);
  const a = analyzeLog(text);
  assert.equal(on(a, 8).recipient, 'bo@example.com');
  // Delete `starting delivery 42` (line 4): its result no longer knows its recipient.
  a.edit(doc.apply({ range: { start: { line: 3, character: 0 }, end: { line: 4, character: 0 } }, text: '' }), doc);
  assert.deepEqual([on(a, 7).recipient, on(a, 7).queueId, on(a, 7).key], [null, null, null]);
  // Put it back, far above: resolved again.
  a.edit(doc.apply({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: `${QMAIL[3]}\n` }), doc);
  assert.deepEqual([on(a, 8).recipient, on(a, 8).queueId], ['bo@example.com', '1573049']);
  assert.deepEqual(rows(a.outcomes), rows(analyzeLog(doc.getText()).outcomes));
});

test('an edit of an Exchange `#Fields:` header reads the lines after it again', () => {
  const names = ['date-time', 'event-id', 'recipient-address', 'recipient-status', 'internal-message-id'];
  const fail = { 'date-time': '2025-03-03T10:00:00.000Z', 'event-id': 'FAIL', 'internal-message-id': '900', 'recipient-address': 'gus@example.net', 'recipient-status': '550 5.1.1 User unknown' };
  // Rows far below the header too: an edit's own region is only a few lines.
  const recipients = ['gus', 'hal', 'ida', 'jon', 'kim', 'lou', 'max'].map((n) => `${n}@example.net`);
  const text = [`#Fields: ${names.join(',')}`, ...recipients.map((r) => row({ ...fail, 'recipient-address': r }, names))].join('\n');
  const doc = new LineDocument(text);
  const a = analyzeLog(text);
  const expected = recipients.map((r) => ['exchange', r]);
  assert.deepEqual(a.outcomes.map((o) => [o.family, o.recipient]), expected);
  // The header no longer names an event-id: the rows below are no tracking events now.
  const at = text.indexOf('event-id');
  a.edit(doc.apply({ range: { start: { line: 0, character: at }, end: { line: 0, character: at } }, text: 'x-' }), doc);
  assert.deepEqual(rows(a.outcomes), rows(analyzeLog(doc.getText()).outcomes));
  assert.ok(!a.outcomes.some((o) => o.family === 'exchange'));
  // And back.
  a.edit(doc.apply({ range: { start: { line: 0, character: at }, end: { line: 0, character: at + 2 } }, text: '' }), doc);
  assert.deepEqual(a.outcomes.map((o) => [o.family, o.recipient]), expected);
});
