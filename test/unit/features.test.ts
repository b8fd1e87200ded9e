// The engine's features on plain data: explanations (combined and conflicting replies,
// unregistered codes), problems (severities, ignored codes, the cap), hovers (escaping),
// quick fixes, settings validation, the catalog.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  analyzeLog,
  catalog,
  computeProblems,
  explainCode,
  explanationHtml,
  explanationMarkdown,
  hoverAt,
  ignoreMatcher,
  parseCodeQuery,
  quickFixesFor,
  readSettings,
  DEFAULT_SETTINGS,
  LogClock,
  parseLineTime,
  ScanResultsBuilder,
  type Settings,
} from '../../server/src/engine/index';

const settings = (over: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, severity: { ...DEFAULT_SETTINGS.severity }, ...over });

test('parseCodeQuery reads every spelling users type', () => {
  assert.deepEqual(parseCodeQuery('550'), { reply: '550', enhanced: null });
  assert.deepEqual(parseCodeQuery('5.1.1'), { reply: null, enhanced: '5.1.1' });
  assert.deepEqual(parseCodeQuery('550-5.1.1'), { reply: '550', enhanced: '5.1.1' });
  assert.deepEqual(parseCodeQuery(' 550 5.1.1 '), { reply: '550', enhanced: '5.1.1' });
  assert.deepEqual(parseCodeQuery('#550 5.4.1'), { reply: '550', enhanced: '5.4.1' });
  assert.deepEqual(parseCodeQuery('X.7.26'), { reply: null, enhanced: '5.7.26' });
  assert.equal(parseCodeQuery('hello'), null);
  assert.equal(parseCodeQuery('55'), null);
});

test('a reply with its enhanced code is one explanation: the enhanced code is the meaning, the reply the context', () => {
  const ex = explainCode({ reply: '550', enhanced: '5.1.1' });
  assert.equal(ex.code, '550 5.1.1');
  assert.equal(ex.class, 'permanent');
  assert.equal(ex.title, ex.enhancedPart!.title);
  assert.equal(ex.replyPart!.code, '550');
  assert.equal(ex.reason?.id, 'user-unknown');
  assert.equal(ex.bounce, 'hard');
  // How the two codes combine is a note (after the advice), not part of what it means.
  assert.ok(ex.notes.some((p) => p.includes('550') && p.includes('5.1.1') && /context/.test(p)));
});

test('disagreeing classes are explained, and the reply code decides', () => {
  const a = explainCode({ reply: '550', enhanced: '4.2.2' });
  assert.equal(a.class, 'permanent');
  assert.ok(a.notes.some((n) => /classes disagree/.test(n) && /reply code/.test(n)));
  const b = explainCode({ reply: '451', enhanced: '5.7.1' });
  assert.equal(b.class, 'transient');
  assert.equal(b.bounce, 'soft');
  assert.ok(b.notes.some((n) => /treated as a transient failure/.test(n)));
});

test('a well-formed code outside the registry still gets a useful answer', () => {
  const ex = explainCode({ enhanced: '5.9.99' });
  assert.equal(ex.known, true);
  assert.equal(ex.class, 'permanent');
  assert.match(ex.summary, /permanent/i);
  assert.ok(ex.remedies.length > 0);
  const sub = explainCode({ enhanced: '4.4.316' });
  assert.match(sub.enhancedPart!.title, /network/i);
  assert.equal(sub.class, 'transient');
  const reply = explainCode({ reply: '599' });
  assert.equal(reply.known, true);
  assert.equal(reply.class, 'permanent');
});

test('the reason: what the server said in words, else the specific code, never the reply code alone', () => {
  assert.equal(explainCode({ reply: '550', text: 'Mailbox full' }).reason?.id, 'mailbox-full');
  assert.equal(explainCode({ reply: '554', enhanced: '5.7.1', text: 'Relay access denied' }).reason?.id, 'relay-denied');
  // Servers pair "User unknown" with codes that mean something else (5.2.1 is "mailbox disabled").
  assert.equal(explainCode({ reply: '550', enhanced: '5.2.1', text: '<x@example.com>... User Unknown' }).reason?.id, 'user-unknown');
  // Without words, the specific code decides.
  assert.equal(explainCode({ reply: '550', enhanced: '5.2.1', text: '' }).reason?.id, 'mailbox-disabled');
  // A catch-all enhanced code (5.0.0) or a basic reply code alone gives no reason: the text speaks.
  assert.equal(explainCode({ reply: '550', enhanced: '5.0.0', text: '' }).reason?.id, 'unclassified');
  assert.equal(explainCode({ reply: '550' }).reason?.id, 'unclassified');
});

test('problems: severities by class in a format without verdicts, success never a problem there, ignored codes, cap with a closing summary', () => {
  const text = [
    'a said: 550 5.1.1 no such user',
    'b said: 452 4.2.2 mailbox full',
    'c said: 250 2.0.0 ok',
    'd said: 550 5.7.1 spam',
    'e said: 554 5.7.1 spam',
  ].join('\n');
  const a = analyzeLog(text);
  const problems = (s: Settings) => computeProblems(a.outcomes, a.index, s);
  const base = problems(settings());
  assert.deepEqual(
    base.problems.map((p) => [p.code, p.severity]),
    [
      ['550 5.1.1', 'error'],
      ['452 4.2.2', 'warning'],
      ['550 5.7.1', 'error'],
      ['554 5.7.1', 'error'],
    ],
  );
  assert.ok(base.problems.every((p) => p.href?.startsWith('https://')));
  const ignored = problems(settings({ ignoredCodes: ['5.7.1', '452'] }));
  assert.deepEqual(
    ignored.problems.map((p) => p.code),
    ['550 5.1.1'],
  );
  const capped = problems(settings({ maxProblems: 2 }));
  assert.equal(capped.problems.length, 3);
  assert.equal(capped.omitted, 2);
  assert.match(capped.problems[2].message, /first 2 problems.*2 more/);
  // A reply code alone records no delivery: only an MTA's verdict (status=sent) makes a success an outcome.
  const successOn = problems(settings({ severity: { permanent: 'off', transient: 'off', success: 'hint', deliveredLater: 'off' } }));
  assert.deepEqual(successOn.problems, []);
});

test('ignore entries: reply, enhanced, both classes (X.), pair', () => {
  const m = ignoreMatcher(['550', '5.1.1', 'X.2.2', '451 4.7.1', 'not a code']);
  assert.equal(m('550', '5.7.1'), true);
  assert.equal(m('554', '5.1.1'), true);
  assert.equal(m(null, '4.2.2'), true);
  assert.equal(m('552', '5.2.2'), true);
  assert.equal(m('451', '4.7.1'), true);
  assert.equal(m('451', '4.3.0'), false);
  assert.equal(m('421', null), false);
});

test('ignore entries: X. written as the lookup reads it (#X.1.1, a tab after the reply) matches both classes', () => {
  for (const entry of ['#X.1.1', '550\tX.1.1', '550 #X.1.1']) {
    const m = ignoreMatcher([entry]);
    assert.equal(m(entry.startsWith('550') ? '550' : null, '4.1.1'), true, `${entry} ignores 4.1.1`);
    assert.equal(m(entry.startsWith('550') ? '550' : null, '5.1.1'), true, `${entry} ignores 5.1.1`);
    assert.equal(m(null, '5.2.1'), false, `${entry} does not ignore 5.2.1`);
  }
});

test('hover escapes the document text: no live links, no HTML, no command URIs', () => {
  const text = 'host said: 550 5.7.1 [click](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> http://evil.example/';
  const hover = hoverAt(analyzeLog(text), { line: 0, character: text.indexOf('550') + 1 });
  assert.ok(hover);
  assert.ok(!hover.markdown.includes('](command:'), 'the command link is escaped');
  assert.ok(!hover.markdown.includes('<img'), 'HTML is escaped');
  assert.ok(!hover.markdown.includes('http://evil'), 'the bare URL is escaped');
  // Our own links are https and on the allow-list.
  for (const m of hover.markdown.matchAll(/\]\((\S+?)\)/g)) assert.match(m[1], /^https:\/\/(www\.rfc-editor\.org|www\.iana\.org|support\.google\.com|learn\.microsoft\.com)/);
  const html = explanationHtml(explainCode({ reply: '550', enhanced: '5.7.1' }), '<script>alert(1)</script>');
  assert.ok(!html.includes('<script>'));
  assert.ok(html.includes('&lt;script&gt;'));
  assert.match(html, /default-src 'none'/);
});

test('markdown of an explanation has the parts a user needs', () => {
  const md = explanationMarkdown(explainCode({ reply: '550', enhanced: '5.1.1' }));
  for (const part of ['permanent failure', 'Likely causes', 'What to do', 'Who acts']) assert.ok(md.includes(part), part);
});

test('quick fixes: remedy first and preferred, then reference, copy, ignore', () => {
  const fixes = quickFixesFor({ reply: '550', enhanced: '5.1.1', text: 'User unknown', context: '' });
  assert.deepEqual(
    fixes.map((f) => f.command),
    ['smtpCodes.openRemedy', 'smtpCodes.openReference', 'smtpCodes.copyExplanation', 'smtpCodes.ignoreCode'],
  );
  assert.equal(fixes[0].isPreferred, true);
  assert.deepEqual(quickFixesFor({ reply: 'abc', enhanced: null, text: '', context: '' }), []);
});

test('settings: defaults, nested and flat keys, wrong types reported', () => {
  assert.deepEqual(readSettings(undefined).settings, { ...DEFAULT_SETTINGS, severity: { ...DEFAULT_SETTINGS.severity }, ignoredCodes: [], extraLanguages: [] });
  const nested = readSettings({ severity: { transient: 'off' }, maxProblems: 5, ignoredCodes: ['550'] });
  assert.equal(nested.settings.severity.transient, 'off');
  assert.equal(nested.settings.maxProblems, 5);
  assert.deepEqual(nested.problems, []);
  const flat = readSettings({ 'severity.permanent': 'warning' });
  assert.equal(flat.settings.severity.permanent, 'warning');
  const wrong = readSettings({ severity: { permanent: 'loud' }, maxProblems: -1, ignoredCodes: 'all', inlayHints: { enabled: 'yes' } });
  assert.equal(wrong.settings.severity.permanent, 'error');
  assert.equal(wrong.settings.maxProblems, 1000);
  assert.deepEqual(wrong.settings.ignoredCodes, []);
  assert.equal(wrong.problems.length, 4);
});

test('the catalog covers every code and is filterable by words', () => {
  const items = catalog();
  const labels = new Set(items.map((i) => i.label));
  for (const code of ['211', '550', '571', '5.1.1', '4.1.1', '2.0.0', '5.7.26', '4.7.0']) assert.ok(labels.has(code), code);
  assert.ok(items.some((i) => /mailbox/i.test(`${i.description} ${i.detail}`) && /full/i.test(`${i.description} ${i.detail}`)), 'words such as "mailbox full" find entries');
});

test('log times: ISO with an offset kept as written, an RFC 5424 header, web-server style, syslog without a year', () => {
  assert.deepEqual(parseLineTime('2026-11-24T10:15:02.123+01:00 mx1 postfix/smtp[1]: x'), { year: 2026, month: 10, day: 24, hour: 10, minute: 15, second: 2, offset: 60 });
  assert.equal(parseLineTime('2026-11-24 10:15:02 +0100 1t9xyz-000abc-1d <= a@b')?.offset, 60);
  assert.equal(parseLineTime('<22>1 2026-11-24T10:15:02Z mx1 postfix/smtp 1 - - x')?.offset, 0);
  assert.equal(parseLineTime('2026-11-24T10:15:02-05:30 x')?.offset, -330);
  assert.equal(parseLineTime('2026-11-24 10:15:02 INFO x')?.offset, null);
  assert.deepEqual(parseLineTime('[24/Nov/2026:10:15:02 +0100] x'), { year: 2026, month: 10, day: 24, hour: 10, minute: 15, second: 2, offset: 60 });
  assert.deepEqual(parseLineTime('Nov  4 10:15:02 mx1 x'), { year: null, month: 10, day: 4, hour: 10, minute: 15, second: 2, offset: null });
  assert.equal(parseLineTime('no time here'), null);
});

test('the log clock: a new year after December, last year for a date ahead of now, offsets shown in the first one', () => {
  const now = Date.UTC(2027, 0, 5, 12);
  const c = new LogClock(undefined, now);
  const dec = c.time('Dec 28 23:50:02 mx1 x')!;
  const jan = c.time('Jan  3 08:00:00 mx1 x')!;
  assert.deepEqual([c.iso(dec), c.iso(jan)], ['2026-12-28T23:50:02', '2027-01-03T08:00:00']);
  assert.ok(jan > dec);
  assert.equal(c.timeZone, null);
  // A year given is used as is; no rollover without a backward jump.
  const fixed = new LogClock(2020, now);
  assert.equal(fixed.iso(fixed.time('Dec 28 23:50:02 x')!), '2020-12-28T23:50:02');
  // Daylight saving: +01:00 then +02:00 shown in the first offset, in order.
  const z = new LogClock(undefined, now);
  const a = z.time('2026-03-29T01:59:00+01:00 x')!;
  const b = z.time('2026-03-29T03:01:00+02:00 x')!;
  assert.deepEqual([z.iso(a), z.iso(b), z.timeZone], ['2026-03-29T01:59:00+01:00', '2026-03-29T02:01:00+01:00', '+01:00']);
});

test('scan results: failures by outcome and code, most severe first, each with its line and the line as logged; the problem on its code', () => {
  const log = [
    'Nov 24 10:16:02 mx1 postfix/smtp[2]: B: to=<bo@example.org>, relay=x[192.0.2.1]:25, dsn=4.2.2, status=deferred (host x[192.0.2.1] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command))',
    'Nov 24 10:17:02 mx1 postfix/smtpd[3]: NOQUEUE: reject: RCPT from unknown[198.51.100.9]: 554 5.7.1 <x@example.biz>: Relay access denied; from=<s@example.com> to=<x@example.biz> proto=ESMTP helo=<spam.example>',
    'Nov 24 10:18:02 mx1 postfix/smtp[1]: A: to=<ana@example.net>, relay=x[192.0.2.1]:25, dsn=5.1.1, status=bounced (host x[192.0.2.1] said: 550 5.1.1 User unknown (in reply to RCPT TO command))',
  ].join('\n');
  const a = analyzeLog(log);
  const builder = new ScanResultsBuilder(settings());
  a.index.forEachEnd((end, story) => builder.addEnd(end, story), a.outcomes);
  const r = builder.result({ path: '/var/log/mail.log', bytes: log.length, compressed: false, cancelled: false, outcomes: a.index.counts(), attempts: { total: 3, failed: 3 } });
  const lines = r.text.split('\n');
  const sections = lines.filter((l) => /^[A-Z]/.test(l) && l.includes(' — '));
  assert.deepEqual(sections, ['Bounced — 1 recipient', 'Rejected by this server — 1 transaction', 'Deferred (still deferred at the end of the file) — 1 recipient']);
  assert.deepEqual(r.links.map((l) => l.line), [2, 1, 0]);
  for (const [i, p] of r.problems.entries()) {
    assert.equal(lines[p.range.start.line].slice(p.range.start.character, p.range.end.character), p.code, `problem ${i} on its code`);
    assert.equal(lines[r.links[i].range.start.line].slice(r.links[i].range.start.character, r.links[i].range.end.character), `line ${r.links[i].line + 1}`);
  }
  assert.deepEqual(r.problems.map((p) => p.severity), ['error', 'error', 'warning']);
  assert.deepEqual([r.listed, r.unlisted], [3, 0]);
});
