// Regressions found by fuzzing the engine (test/fuzz, `npm run fuzz`) and by the ReDoS check
// (test/unit/redos.test.ts): each test pins the fixed behaviour on the input that broke it.
// The super-linear slowdowns that were fixed (a long line without a quote, a line with many
// codes, closing parentheses) are checked for linearity by `npm run fuzz`, which CI runs: tests
// never assert on time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LogStreamScanner, parseCodeQuery, readSettings, scanText, type Finding } from '../../server/src/engine/index';

const at = (findings: Finding[]) => findings.map((f) => [f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character, f.reply, f.enhanced]);

test('a lone CR ends a line, as editors count lines: findings are on the lines the editor shows', () => {
  const text = 'a said: 550 5.1.1 x\rb said: 451 4.7.1 y\r\nc said: 452 4.2.2 z';
  assert.deepEqual(at(scanText(text, { kind: 'log' })), [
    [0, 8, 0, 17, '550', '5.1.1'],
    [1, 8, 1, 17, '451', '4.7.1'],
    [2, 8, 2, 17, '452', '4.2.2'],
  ]);
});

test('a lone CR at the start of a line still lets a transcript line start there', () => {
  assert.deepEqual(
    scanText('>>> RCPT TO:<a@example.net>\r<<< 550 5.1.1 User unknown\r', { kind: 'log' }).map((f) => [f.range.start.line, f.reply, f.text]),
    [[1, '550', 'User unknown']],
  );
});

test('LogStreamScanner: a CRLF split between two chunks is one line break, a lone CR is one too', () => {
  const s = new LogStreamScanner();
  const found = [...s.push('a said: 550 5.1.1 x\r'), ...s.push('\nb said: 451 4.7.1 y\r'), ...s.push('c said: 452 4.2.2 z'), ...s.end()];
  assert.deepEqual(at(found), at(scanText('a said: 550 5.1.1 x\r\nb said: 451 4.7.1 y\rc said: 452 4.2.2 z', { kind: 'log' })));
  assert.deepEqual(
    found.map((f) => f.range.start.line),
    [0, 1, 2],
  );
});

const DSN = [
  'From: MAILER-DAEMON@example.com',
  'To: me@example.com',
  'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
  '',
  '--b',
  'Content-Type: message/delivery-status',
  '',
  'Final-Recipient: rfc822;\t\t<x@example.net>',
  'Action: failed',
  'Diagnostic-Code: smtp; 550 5.1.1',
  '    User unknown',
  '--b--',
  '',
];

test('a .eml with lone CR line endings is read through its MIME structure', () => {
  for (const eol of ['\n', '\r\n', '\r']) {
    const findings = scanText(DSN.join(eol), { kind: 'eml' });
    assert.deepEqual(at(findings), [[9, 23, 9, 32, '550', '5.1.1']], JSON.stringify(eol));
    assert.equal(findings[0].recipient, 'x@example.net');
    assert.equal(findings[0].text, 'User unknown');
  }
});

test('a code at the end of a folded delivery-status line ends on its own line, not on the next', () => {
  // The unfolded field is `... 550 5.1.1 User unknown`: the offset after the code is the joining space.
  const [f] = scanText(DSN.join('\n'), { kind: 'eml' });
  assert.deepEqual(f.range, { start: { line: 9, character: 23 }, end: { line: 9, character: 32 } });
});

test('Final-Recipient with tabs or spaces around the address type (the expression no longer backtracks)', () => {
  for (const field of ['Final-Recipient: rfc822;\t\t<x@example.net>', 'Final-Recipient:\t\tx@example.net', 'Final-Recipient: rfc822 ;  x@example.net']) {
    const text = [...DSN.slice(0, 7), field, 'Status: 5.1.1', '--b--', ''].join('\n');
    assert.deepEqual(
      scanText(text, { kind: 'eml' }).map((f) => f.recipient),
      ['x@example.net'],
      field,
    );
  }
});

test('closing parentheses of the log line are dropped from the reply text, its own are kept', () => {
  const [f] = scanText('status=bounced (host x said: 550 5.1.1 no (really))) trailing', { kind: 'log' });
  assert.equal(f.text, 'no (really))) trailing', 'only a parenthesis at the end belongs to the log line');
  const [g] = scanText('status=bounced (host x said: 550 5.1.1 no (really)))', { kind: 'log' });
  assert.equal(g.text, 'no (really)');
});

test("a reply in a quoted value after `returned '` ends at the closing quote", () => {
  const [f] = scanText("2026-11-24 mailer: delivery failed, returned '550 5.1.1 User unknown' after 3 tries", { kind: 'log' });
  assert.equal(f.text, 'User unknown');
});

test('transcript markers with tabs and spaces around them (the expression no longer backtracks)', () => {
  assert.deepEqual(
    scanText('\t<<< \t550 User unknown\n   550 Mailbox unavailable\n--  550 gone', { kind: 'log' }).map((f) => [f.range.start.line, f.reply, f.text]),
    [
      [0, '550', 'User unknown'],
      [1, '550', 'Mailbox unavailable'],
      [2, '550', 'gone'],
    ],
  );
});

test('parseCodeQuery reads the same without its trailing-blank rule (its input is trimmed)', () => {
  const cases: Array<[string, [string | null, string | null] | null]> = [
    ['550 #', ['550', null]],
    ['#550 5.1.1', ['550', '5.1.1']],
    ['550\t\t5.1.1', ['550', '5.1.1']],
    ['550\t\t\t', ['550', null]],
    [' 5.1.1 \t', [null, '5.1.1']],
    ['550-X.1.1', ['550', '5.1.1']],
    ['550 5.1.1x', null],
    [`550${'\t'.repeat(1000)}X`, null],
  ];
  for (const [q, expected] of cases) {
    const r = parseCodeQuery(q);
    assert.deepEqual(r && [r.reply, r.enhanced], expected, JSON.stringify(q));
  }
});

test('settings that are not an object, or a group that is not one, are reported (they were ignored in silence)', () => {
  for (const raw of ['banana', 42, [1, 2], true]) {
    const r = readSettings(raw);
    assert.deepEqual(r.problems, ['smtpCodes settings must be an object; using the defaults'], JSON.stringify(raw));
    assert.deepEqual(r.settings, readSettings(undefined).settings);
  }
  const group = readSettings({ severity: 'loud', inlayHints: 3 });
  assert.deepEqual([...group.problems].sort(), ['smtpCodes.inlayHints must be an object; using its defaults', 'smtpCodes.severity must be an object; using its defaults']);
  assert.equal(group.settings.severity.permanent, 'error');
  assert.deepEqual(readSettings(null).problems, [], 'null is "not set"');
  assert.deepEqual(readSettings({ severity: null }).problems, []);
});
