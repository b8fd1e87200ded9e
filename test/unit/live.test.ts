// Live logs in the engine: the index of a followed log (counts equal to a whole read, no text
// kept, a bound on messages in flight), the metrics of the exporter (bounded labels, the text
// exposition format, top N), the dashboard's queries against the metric list, and the times of
// JSON Lines records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeLog, emptyCounts, explainOutcome, LogStreamScanner, type Outcome } from '../../server/src/engine/index';
import { LiveOutcomeIndex } from '../../server/src/engine/outcomes/live';
import { streamOutcomes } from '../../server/src/engine/outcomes/stream';
import { escapeLabelValue, METRIC_FAMILIES, OutcomeMetrics, OTHER } from '../../server/src/engine/features/metrics';
import { attemptClass } from '../../server/src/cli/writers/writer';
import { eventTime } from '../../server/src/cli/writers/jsonl';
import { isLoopback, parseListen } from '../../server/src/cli/commands/exporter';
import { checkOptionsFor, parseOptions } from '../../server/src/cli/options';
import { repoRoot } from '../support/shared';
import { dashboardQueries } from '../support/live';

const read = (name: string) => readFileSync(join(repoRoot, 'test', 'fixtures', 'mta', name), 'utf8');

/** Streams `text` through a live index in pieces; returns the events, the final counts and the index. */
function stream(text: string, index: LiveOutcomeIndex, piece = 1000) {
  const finals = emptyCounts();
  index.onClose = (end) => finals[end.verdict]++;
  const events: Array<{ o: Outcome; attempt: number }> = [];
  const scanner = new LogStreamScanner(streamOutcomes(index, (o) => events.push({ o, attempt: index.attemptOf(o).total })));
  for (let i = 0; i < text.length; i += piece) scanner.push(text.slice(i, i + piece));
  scanner.end();
  return { events, finals };
}

test('a live index counts as a whole read does, and keeps none of the scanned text', () => {
  for (const name of ['postfix/mail.log', 'postfix/mail-multi.log', 'exim/mainlog']) {
    const text = read(name);
    const whole = analyzeLog(text);
    const index = new LiveOutcomeIndex();
    const { events, finals } = stream(text, index);
    // What the index holds while the stream runs: copies without text or findings.
    for (const story of (index as unknown as { stories: Map<string, { outcomes: Outcome[] }> }).stories.values()) {
      for (const o of story.outcomes) assert.ok(o.finding === null && o.lineText === '' && o.evidence.length === 0, `${name}: a story keeps no text`);
    }
    index.closeAll();
    assert.deepEqual(finals, whole.index.counts(), `${name}: counts`);
    assert.equal(events.length, whole.outcomes.length, `${name}: one event per outcome`);
    assert.equal(index.messagesInFlight, 0);
    // The attempt numbers are those of the whole read.
    const expected = whole.outcomes.map((o) => whole.index.attemptOf(o).index);
    assert.deepEqual(
      events.map((e) => e.attempt),
      expected,
      `${name}: attempt numbers`,
    );
  }
});

test('a live index holds at most maxMessages messages in flight, closing the oldest as at the end of a file', () => {
  const line = (id: string, to: string, status: string) =>
    `Nov 24 10:00:00 mx postfix/smtp[1]: ${id}: to=<${to}>, relay=x[192.0.2.1]:25, delay=1, dsn=4.2.2, status=${status} (host x[192.0.2.1] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command))\n`;
  const index = new LiveOutcomeIndex(2);
  const closed: string[] = [];
  index.onClose = (end) => closed.push(`${end.outcome.queueId} ${end.verdict}`);
  const scanner = new LogStreamScanner(streamOutcomes(index, () => undefined));
  scanner.push(line('AAAA1', 'a@example.net', 'deferred') + line('BBBB2', 'b@example.net', 'deferred') + line('AAAA1', 'a@example.net', 'deferred'));
  assert.equal(index.messagesInFlight, 2);
  assert.deepEqual(closed, []);
  scanner.push(line('CCCC3', 'c@example.net', 'deferred'));
  assert.deepEqual(closed, ['AAAA1 deferred'], 'the oldest message is closed with its state');
  assert.equal(index.messagesInFlight, 2);
  scanner.push('Nov 24 10:00:01 mx postfix/qmgr[2]: BBBB2: removed\n');
  assert.deepEqual(closed, ['AAAA1 deferred', 'BBBB2 deferred']);
  assert.equal(index.messagesInFlight, 1);
});

test('a live index forgets a message of a family that logs no message end once its last story is complete (Sendmail)', () => {
  const text = [
    'Mar  3 09:12:03 relay sm-mta[4102]: 523A9C1x004101: to=<ana@example.net>,<ben@example.net>, delay=00:00:02, xdelay=00:00:01, mailer=esmtp, pri=152417, relay=mx1.example.net. [198.51.100.25], dsn=2.0.0, stat=Sent (OK id=4Q2mXw1Zbkz9 queued as 4Q2mXw1Zbkz9)',
    'Mar  3 09:12:04 relay sm-mta[4102]: 523A9C1x004101: to=<cleo@example.com>, delay=00:00:03, xdelay=00:00:01, mailer=esmtp, pri=152417, relay=mx.example.com. [203.0.113.7], dsn=4.0.0, stat=Deferred: Connection refused by mx.example.com.',
    'Mar  3 09:42:05 relay sm-mta[4188]: 523A9C1x004101: to=<cleo@example.com>, delay=00:30:04, xdelay=00:00:02, mailer=esmtp, pri=242417, relay=mx.example.com. [203.0.113.7], dsn=5.1.1, stat=User unknown',
    '',
  ].join('\n');
  const index = new LiveOutcomeIndex();
  const finals = emptyCounts();
  index.onClose = (end) => finals[end.verdict]++;
  const scanner = new LogStreamScanner(streamOutcomes(index, () => undefined));
  scanner.push(text.split('\n').slice(0, 2).join('\n') + '\n');
  assert.equal(index.messagesInFlight, 1, 'cleo is still deferred');
  scanner.push(text.split('\n').slice(2).join('\n'));
  scanner.end();
  assert.equal(index.messagesInFlight, 0, 'every story of the message is complete');
  assert.deepEqual(finals, { ...emptyCounts(), delivered: 2, bounced: 1 });
});

/** Parses the text exposition format strictly enough to catch a malformed line. */
function parseExposition(text: string): Map<string, number> {
  assert.ok(text.endsWith('\n'));
  const samples = new Map<string, number>();
  for (const line of text.slice(0, -1).split('\n')) {
    if (line.startsWith('# HELP ') || line.startsWith('# TYPE ')) {
      assert.match(line, /^# (?:HELP [a-z_]+ \S.*|TYPE [a-z_]+ (?:counter|gauge))$/);
      continue;
    }
    const m = /^([a-z_]+)(\{(?:[a-z_]+="(?:[^"\\\n]|\\["\\n])*"(?:,|(?=\})))*\})? (\d+)$/.exec(line);
    assert.ok(m, `a sample line: ${line}`);
    samples.set(`${m[1]}${m[2] ?? ''}`, Number(m[3]));
  }
  return samples;
}

function metricsOf(text: string, options: ConstructorParameters<typeof OutcomeMetrics>[0]) {
  const metrics = new OutcomeMetrics(options);
  const index = new LiveOutcomeIndex();
  index.onClose = (end) => metrics.final(end.verdict);
  const scanner = new LogStreamScanner(streamOutcomes(index, (o) => metrics.event('mail.log', o, explainOutcome(o), attemptClass(o))));
  scanner.push(text);
  scanner.end();
  index.closeAll();
  return { metrics, samples: parseExposition(metrics.render()) };
}

test('metrics: each event counted once by its labels, final outcomes as check counts them, a valid exposition', () => {
  const text = read('postfix/mail.log');
  const whole = analyzeLog(text);
  const { samples } = metricsOf(text, { paths: ['mail.log'] });
  const byVerdict = new Map<string, number>();
  for (const [key, n] of samples) {
    const m = /^smtp_codes_outcomes_total\{verdict="([a-z]+)"/.exec(key);
    if (m) byVerdict.set(m[1], (byVerdict.get(m[1]) ?? 0) + n);
  }
  const expected = new Map<string, number>();
  for (const o of whole.outcomes) expected.set(o.verdict, (expected.get(o.verdict) ?? 0) + 1);
  assert.deepEqual(byVerdict, expected);
  const counts = whole.index.counts();
  for (const verdict of Object.keys(counts) as Array<keyof typeof counts>) assert.equal(samples.get(`smtp_codes_final_outcomes_total{verdict="${verdict}"}`), counts[verdict], verdict);
  assert.equal(samples.get('smtp_codes_lines_not_understood_total{path="mail.log"}'), 0, 'every Postfix line is understood');
  assert.equal(samples.get('smtp_codes_lines_read_total{path="mail.log"}'), 0, 'lines are counted by the reader (none given here)');
  // Every family of the list is rendered with its labels (the opt-in ones when asked).
  for (const f of METRIC_FAMILIES) assert.ok(/^smtp_codes_[a-z_]+$/.test(f.name) && f.labels.every((l) => /^[a-z_]+$/.test(l)), f.name);
});

test('metrics: lines no reader knows are counted, their failures have verdict unknown', () => {
  const text = 'connect\n<<< 550 5.1.1 <x@example.net>: no such user\nsome 250 words\n>>> RCPT TO:<y@example.net>\n<<< 451 4.7.1 try later\n';
  const { samples } = metricsOf(text, { paths: ['mail.log'] });
  assert.equal(samples.get('smtp_codes_lines_not_understood_total{path="mail.log"}'), 2);
  const unknown = [...samples].filter(([k]) => k.startsWith('smtp_codes_outcomes_total{verdict="unknown"'));
  assert.equal(unknown.reduce((n, [, v]) => n + v, 0), 2);
  assert.ok(unknown.every(([k]) => k.includes('direction="unknown"')));
});

test('metrics: labels come from bounded sets; beyond the series cap, new label sets read other', () => {
  const lines: string[] = [];
  // 30 distinct unregistered enhanced codes and 30 distinct replies.
  for (let i = 0; i < 30; i++) lines.push(`Nov 24 10:00:00 mx postfix/smtp[1]: Q${1000 + i}: to=<u${i}@d${i}.example>, relay=x[192.0.2.1]:25, delay=1, dsn=5.9.${100 + i}, status=bounced (host x[192.0.2.1] said: 5${i % 6}${i % 10} 5.9.${100 + i} no (in reply to RCPT TO command))`);
  const { samples } = metricsOf(lines.join('\n') + '\n', { paths: ['mail.log'], maxOutcomeSeries: 10 });
  const outcomes = [...samples.keys()].filter((k) => k.startsWith('smtp_codes_outcomes_total'));
  assert.ok(outcomes.length <= 11, `${outcomes.length} series`);
  assert.ok(outcomes.every((k) => /enhanced="(?:other|)"/.test(k)), 'an unregistered enhanced code reads other');
  assert.ok(outcomes.some((k) => k.includes(`reply="${OTHER}"`)), 'label sets beyond the cap fold into other');
  assert.equal([...samples].filter(([k]) => k.startsWith('smtp_codes_outcomes_total')).reduce((n, [, v]) => n + v, 0), 30, 'no event lost');
});

test('metrics: recipient domains and addresses only when asked, the top N by failures', () => {
  const line = (i: number, to: string, status: string, reply: string) => `Nov 24 10:00:00 mx postfix/smtp[1]: Q${1000 + i}: to=<${to}>, relay=x[192.0.2.1]:25, delay=1, dsn=${reply[0]}.0.0, status=${status} (host x[192.0.2.1] said: ${reply} nope (in reply to RCPT TO command))`;
  const text = [line(1, 'a@one.example', 'bounced', '550'), line(2, 'b@one.example', 'bounced', '550'), line(3, 'c@two.example', 'deferred', '451'), line(4, 'd@three.example', 'sent', '250'), line(5, 'a@one.example', 'sent', '250')].join('\n') + '\n';
  assert.ok(![...metricsOf(text, { paths: [] }).samples.keys()].some((k) => k.includes('domain=') || k.includes('recipient=')));
  const { samples } = metricsOf(text, { paths: [], topDomains: 2, topRecipients: 1 });
  assert.equal(samples.get('smtp_codes_domain_outcomes_total{domain="one.example",verdict="bounced"}'), 2);
  assert.equal(samples.get('smtp_codes_domain_outcomes_total{domain="one.example",verdict="delivered"}'), 1);
  assert.equal(samples.get('smtp_codes_domain_outcomes_total{domain="two.example",verdict="deferred"}'), 1);
  assert.ok(![...samples.keys()].some((k) => k.includes('three.example')), 'beyond the top N');
  assert.deepEqual(
    [...samples.keys()].filter((k) => k.startsWith('smtp_codes_recipient_outcomes_total')),
    ['smtp_codes_recipient_outcomes_total{recipient="a@one.example",verdict="bounced"}', 'smtp_codes_recipient_outcomes_total{recipient="a@one.example",verdict="delivered"}'],
  );
});

test('metrics: label values are escaped as the exposition format says', () => {
  assert.equal(escapeLabelValue('plain'), 'plain');
  assert.equal(escapeLabelValue('a"b\\c\nd'), 'a\\"b\\\\c\\nd');
  const { samples } = metricsOf('', { paths: ['/var/log/"odd"\\name\n'] });
  assert.ok(samples.has('smtp_codes_lines_read_total{path="/var/log/\\"odd\\"\\\\name\\n"}'));
});

test('exporter: --listen forms, loopback by default', () => {
  assert.deepEqual(parseListen('127.0.0.1:9180'), { host: '127.0.0.1', port: 9180 });
  assert.deepEqual(parseListen(':9300'), { host: '127.0.0.1', port: 9300 });
  assert.deepEqual(parseListen('9300'), { host: '127.0.0.1', port: 9300 });
  assert.deepEqual(parseListen('[::1]:0'), { host: '::1', port: 0 });
  assert.deepEqual(parseListen('0.0.0.0:9180'), { host: '0.0.0.0', port: 9180 });
  for (const bad of ['', 'x', '1.2.3.4:99999', 'a b:1', '[zz]:1']) assert.throws(() => parseListen(bad), /--listen/);
  assert.ok(isLoopback('127.0.0.1') && isLoopback('::1') && isLoopback('localhost'));
  assert.ok(!isLoopback('0.0.0.0') && !isLoopback('::') && !isLoopback('192.0.2.1'));
});

test('JSON Lines times: the log clock as ISO 8601, syslog lines dated this year or, ahead of now, last year', () => {
  const jan = Date.UTC(2027, 0, 2, 12);
  assert.equal(eventTime('Jan  2 10:15:02 mx postfix/smtp[1]: x', jan), '2027-01-02T10:15:02');
  assert.equal(eventTime('Dec 31 23:59:59 mx postfix/smtp[1]: x', jan), '2026-12-31T23:59:59');
  assert.equal(eventTime('2026-11-24T10:15:02.123456+01:00 mx postfix/smtp[1]: x', jan), '2026-11-24T10:15:02');
  assert.equal(eventTime('no time here', jan), null);
});

test('options of live logs: each where it belongs, with a message that says so', () => {
  const usage = (command: string, argv: string[]) => () => checkOptionsFor(command, parseOptions(argv));
  assert.throws(usage('check', ['--follow', '--format', 'json', 'x']), /--follow prints text or jsonl/);
  assert.throws(usage('check', ['--follow', '--format', 'sarif', 'x']), /--follow prints text or jsonl/);
  assert.throws(usage('check', ['--from-start', 'x']), /--from-start goes with --follow/);
  assert.throws(usage('check', ['--listen', ':0', 'x']), /--listen is an option of exporter, not of check/);
  assert.throws(usage('check', ['--top-recipients=3', 'x']), /--top-recipients is an option of exporter/);
  assert.throws(usage('summary', ['--follow', 'x']), /--follow is an option of check, not of summary/);
  assert.throws(usage('explain', ['--from-start', '550']), /--from-start is an option of check and exporter/);
  assert.throws(usage('exporter', ['--listen']), /--listen needs a value/);
  assert.throws(usage('exporter', ['--top-domains', '-1']), /--top-domains needs a number/);
  assert.throws(usage('exporter', ['--format=xml']), /--format must be text, json, jsonl or sarif/);
  assert.doesNotThrow(usage('check', ['-f', '--from-start', '--format=jsonl', '--all', 'x']));
  assert.doesNotThrow(usage('exporter', ['--listen=[::1]:9180', '--from-start', '--top-domains', '20', '--top-recipients=5', 'x']));
  const opts = parseOptions(['--listen=[::1]:9180', '--top-domains', '20', '--top-recipients=5', 'x']);
  assert.deepEqual([opts.listen, opts.topDomains, opts.topRecipients, opts.args], ['[::1]:9180', 20, 5, ['x']]);
});

test('the Grafana dashboard asks for metrics and labels that exist', () => {
  const queries = dashboardQueries();
  assert.ok(queries.length >= 10);
  const families = new Map(METRIC_FAMILIES.map((f) => [f.name, f]));
  // Labels Prometheus adds to every scraped series.
  const target = ['instance', 'job'];
  for (const q of queries) {
    const where = `${q.panel}: ${q.expr}`;
    // Brackets balance.
    for (const [open, close] of ['()', '{}', '[]']) assert.equal(q.expr.split(open).length, q.expr.split(close).length, `${where}: ${open}${close}`);
    const names = [...q.expr.matchAll(/\bsmtp_codes_[a-z_]+/g)].map((m) => m[0]);
    assert.ok(names.length > 0, `${where}: asks for one of our metrics`);
    const labels = new Set(target);
    for (const name of names) {
      const f = families.get(name);
      assert.ok(f, `${where}: ${name} is not a metric of METRIC_FAMILIES`);
      for (const l of f.labels) labels.add(l);
    }
    for (const m of q.expr.matchAll(/\bsmtp_codes_[a-z_]+\{([^}]*)\}/g)) {
      for (const matcher of m[1].split(',')) {
        const label = /^\s*([a-z_]+)\s*(?:=~|!~|!=|=)\s*"[^"]*"\s*$/.exec(matcher);
        assert.ok(label, `${where}: matcher ${matcher}`);
        assert.ok(labels.has(label[1]), `${where}: label ${label[1]}`);
      }
    }
    const grouped = new Set<string>();
    for (const m of q.expr.matchAll(/\b(?:by|without)\s*\(([^)]*)\)/g)) {
      for (const l of m[1].split(',').map((x) => x.trim())) {
        assert.ok(labels.has(l), `${where}: grouped by ${l}`);
        grouped.add(l);
      }
    }
    for (const m of q.legend.matchAll(/\{\{\s*([a-z_]+)\s*\}\}/g)) assert.ok(grouped.has(m[1]), `${where}: legend {{${m[1]}}} is a grouping label`);
  }
  // Every always-on family is on the dashboard.
  const asked = new Set(queries.flatMap((q) => [...q.expr.matchAll(/\bsmtp_codes_[a-z_]+/g)].map((m) => m[0])));
  for (const f of METRIC_FAMILIES) if (!f.optIn) assert.ok(asked.has(f.name), `${f.name} is on the dashboard`);
});

test('the README lists every metric with its labels and its cost', () => {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  for (const f of METRIC_FAMILIES) {
    const row = readme.split('\n').find((l) => l.startsWith(`| \`${f.name}\``));
    assert.ok(row, `README has a row for ${f.name}`);
    for (const l of f.labels) assert.ok(row.includes(l), `${f.name}: label ${l} in the README`);
    assert.ok(row.includes(f.cost), `${f.name}: its cost in the README ("${f.cost}")`);
  }
});
