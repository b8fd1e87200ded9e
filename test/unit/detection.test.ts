// Detection cases from third-party bounces and logs (issue 13): replies the scanner used to
// miss, and numbers it used to take for codes. Each example is our own, written after the kind.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanText } from '../../server/src/engine/index';

const codes = (text: string, kind: 'log' | 'eml' = 'log') => scanText(text, { kind }).map((f) => `${f.reply ?? '-'}/${f.enhanced ?? '-'}`);
const textOf = (text: string) => scanText(text, { kind: 'log' }).map((f) => f.text);

test('a lowercase reply inside a Postfix status is found', () => {
  const line = 'Mar  3 10:00:00 mx postfix/smtp[4242]: 1A2B3C: to=<ana@example.net>, relay=mx.example.net[192.0.2.10]:25, delay=0.4, dsn=2.0.0, status=sent (250 ok:  Message 40120 accepted)';
  assert.ok(codes(line).includes('250/-'), JSON.stringify(codes(line)));
  assert.ok(codes('Mar  3 10:00:00 mx postfix/smtp[4242]: 1A2B3C: to=<ana@example.net>, dsn=2.0.0, status=sent (250 ok)').includes('250/-'));
});

test('a code in brackets after "SMTP Error Code", and a status named in a sentence', () => {
  assert.deepEqual(codes('Delivery to bob@example.org failed [SMTP Error Code 550] mailbox unavailable'), ['550/-']);
  assert.deepEqual(textOf('Delivery to bob@example.org failed [SMTP Error Code 550] mailbox unavailable'), ['mailbox unavailable']);
  assert.deepEqual(codes("The MTA 'relay.example.org' gives error message 5.7.1 Unable to relay for bob@example.net"), ['-/5.7.1']);
});

test('a reply text that opens with a {tag}', () => {
  assert.deepEqual(codes('host mx.example.net[192.0.2.1] said: 550 {MSG_REJECTED} Message rejected as spam (in reply to end of DATA command)'), ['550/-']);
});

test("the last-reply column of Zeek's smtp.log", () => {
  const cols = ['1709459200.123456', 'CHhAvVGS1DHFjwGM9', '192.0.2.20', '51234', '192.0.2.25', '25', '1', 'mail.example.org', '<ana@example.org>', '<bob@example.net>', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-', '550 Requested action not taken: mailbox unavailable', '192.0.2.25,192.0.2.20', '-', 'F', '-'];
  const line = cols.join('\t');
  assert.deepEqual(codes(line), ['550/-']);
  assert.deepEqual(textOf(line), ['Requested action not taken: mailbox unavailable']);
});

test('version numbers with a date in changelog-like text are not statuses', () => {
  assert.deepEqual(codes('2.0.2 (03-Mar-2001) fixed the address parser'), []);
  assert.deepEqual(codes('- 4.1.3 (12-Jan-2003): faster queue runs'), []);
  // A status that opens words in parentheses still counts.
  assert.deepEqual(codes('Status: 5.1.1 (bad destination mailbox address)'), ['-/5.1.1']);
});

test('a three-digit number in an antivirus footer is a count, not a reply', () => {
  for (const line of ['ESET NOD32 Antivirus: 421 threats removed', 'Kaspersky Anti-Virus: 550 objects scanned', 'AntiVirus status: 250 files scanned, no threats', '-- \nThis message was checked by Example AntiVirus.\n550 Viruses blocked today', 'Scanned by the antivirus: 421 e-mails checked']) {
    assert.deepEqual(codes(line), [], line);
  }
});

test('replies that start with a counting word are still replies', () => {
  assert.deepEqual(codes('host mx.example.net[192.0.2.1] said: 452 Out of memory (in reply to RCPT TO command)'), ['452/-']);
  assert.deepEqual(codes('host mx.example.net[192.0.2.1] said: 554 Messages from 192.0.2.9 deferred due to complaints'), ['554/-']);
  // ... and counts are still counts.
  assert.deepEqual(codes('host said: 250 messages delivered, 3 out of 5 relays'), []);
  assert.deepEqual(codes('queue status: 450 out of 1000 slots'), []);
});
