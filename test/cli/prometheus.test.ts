// The exporter scraped by a real Prometheus (Debian's `prometheus`): the test starts
// `smtp-codes exporter` on a log, Prometheus on a free local port with a config that scrapes it
// every second, appends mail lines (and rotates the log on the way), and asks Prometheus' HTTP
// API for the counts; then runs every query of the Grafana dashboard through it. Skipped with
// one line where Prometheus is not installed (CI installs it: scripts/code-server/install-deps.sh).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { concreteQuery, dashboardQueries, exporterUrl, freePort, httpGet, Proc, requireTool, toolSkip, waitFor } from '../support/live';

const at = (s: number) => `Nov 24 10:00:${String(s).padStart(2, '0')} mx`;
const ID = 'AB12CD34EF';
const deferred = (s: number) => `${at(s)} postfix/smtp[101]: ${ID}: to=<ana@example.net>, relay=mx.example.net[198.51.100.7]:25, delay=${s}, delays=0/0/0/1, dsn=4.2.2, status=deferred (host mx.example.net[198.51.100.7] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command))`;
/** A recipient deferred six times then bounced, a delivery, a Gmail bounce, a refusal of this server. */
const BEFORE_ROTATION = [
  ...[1, 2, 3, 4, 5, 6].map(deferred),
  `${at(7)} postfix/smtp[101]: ${ID}: to=<ana@example.net>, relay=mx.example.net[198.51.100.7]:25, delay=7, delays=0/0/0/1, dsn=5.2.2, status=bounced (host mx.example.net[198.51.100.7] said: 552 5.2.2 Mailbox full, over quota (in reply to RCPT TO command))`,
  `${at(7)} postfix/qmgr[102]: ${ID}: removed`,
  `${at(8)} postfix/smtp[103]: 0A1B2C3D4E: to=<cy@example.com>, relay=mx.example.com[192.0.2.26]:25, delay=0.8, delays=0.1/0/0.3/0.4, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 1A2B3C)`,
  `${at(8)} postfix/qmgr[102]: 0A1B2C3D4E: removed`,
];
const AFTER_ROTATION = [
  `${at(9)} postfix/smtp[104]: 5B1C2D3E4F: to=<zoe@gmail.com>, relay=gmail-smtp-in.l.google.com[142.250.27.26]:25, delay=1, delays=0/0/0/1, dsn=5.7.26, status=bounced (host gmail-smtp-in.l.google.com[142.250.27.26] said: 550-5.7.26 This mail has been blocked because the sender is unauthenticated. Gmail requires all senders to authenticate with either SPF or DKIM. 550 5.7.26 https://support.google.com/mail/answer/81126#authentication - gsmtp (in reply to end of DATA command))`,
  `${at(9)} postfix/qmgr[102]: 5B1C2D3E4F: removed`,
  `${at(10)} postfix/smtpd[105]: NOQUEUE: reject: RCPT from unknown[192.0.2.9]: 554 5.7.1 <x@example.org>: Relay access denied; from=<s@example.com> to=<x@example.org> proto=ESMTP helo=<h>`,
  `${at(11)} dovecot: imap-login: Login: user=<ana>, method=PLAIN, rip=192.0.2.10`,
  `${at(12)} appliance: <<< 550 5.1.1 <bo@example.org>: no such user`,
];

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

async function query(base: string, promql: string): Promise<Sample[]> {
  const r = await httpGet(`${base}/api/v1/query?query=${encodeURIComponent(promql)}`);
  const doc = JSON.parse(r.body) as { status: string; error?: string; data?: { result: Sample[] } };
  if (doc.status !== 'success') throw new Error(`${promql}: ${doc.error}`);
  return doc.data!.result;
}

/** `sum by (label)` results as { value of label: number }. */
const byLabel = (samples: Sample[], label: string) => Object.fromEntries(samples.map((s) => [s.metric[label] ?? '', Number(s.value[1])]));

test('Prometheus scrapes the exporter: the counts of the appended lines through its HTTP API, and every dashboard query answers', { skip: toolSkip('prometheus', 'prometheus'), timeout: 120_000 }, async () => {
  const prometheusBin = requireTool('prometheus', 'prometheus');
  const dir = mkdtempSync(join(tmpdir(), 'smtp-codes-prometheus-'));
  const log = join(dir, 'mail.log');
  writeFileSync(log, `${deferred(0)}\n`); // before the exporter starts: not counted
  const exporter = Proc.cli(['exporter', '--listen', '127.0.0.1:0', '--top-domains', '10', log]);
  let prometheus: Proc | null = null;
  try {
    const metricsUrl = await exporterUrl(exporter);
    await waitFor('the exporter to follow the log', () => exporter.err.includes('following from line 2'));
    const port = await freePort();
    const target = new URL(metricsUrl).host;
    writeFileSync(
      join(dir, 'prometheus.yml'),
      ['global:', '  scrape_interval: 1s', '  scrape_timeout: 1s', 'scrape_configs:', '  - job_name: smtp-codes', '    static_configs:', `      - targets: ['${target}']`, ''].join('\n'),
    );
    prometheus = Proc.start(prometheusBin, [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], { cwd: dir });
    const base = `http://127.0.0.1:${port}`;
    await waitFor('Prometheus to be ready', async () => (await httpGet(`${base}/-/ready`)).status === 200, 60_000);
    await waitFor('the first scrape', async () => (await query(base, 'up{job="smtp-codes"} == 1')).length === 1, 30_000);

    appendFileSync(log, BEFORE_ROTATION.map((l) => `${l}\n`).join(''));
    await waitFor('the lines before the rotation read', async () => (await query(base, 'sum(smtp_codes_lines_read_total)'))[0]?.value[1] === String(BEFORE_ROTATION.length), 30_000);
    renameSync(log, `${log}.1`);
    writeFileSync(log, AFTER_ROTATION.map((l) => `${l}\n`).join(''));

    const lines = BEFORE_ROTATION.length + AFTER_ROTATION.length;
    await waitFor('every line read, as Prometheus sees it', async () => (await query(base, 'sum(smtp_codes_lines_read_total)'))[0]?.value[1] === String(lines), 30_000);
    // Each attempt as the log records it: 6 deferred and 1 bounced for ana; the unknown format's failure has no verdict.
    assert.deepEqual(byLabel(await query(base, 'sum by (verdict) (smtp_codes_outcomes_total)'), 'verdict'), { deferred: 6, bounced: 2, delivered: 1, rejected: 1, unknown: 1 });
    // Recipients by their last state as their messages left the queue; the refusal once; the unknown
    // format's 550 as check counts it (a bounce inferred from its class).
    assert.deepEqual(byLabel(await query(base, 'sum by (verdict) (smtp_codes_final_outcomes_total)'), 'verdict'), { delivered: 1, deferred: 0, bounced: 3, expired: 0, rejected: 1 });
    assert.deepEqual(byLabel(await query(base, 'sum by (provider) (smtp_codes_outcomes_total{provider!=""})'), 'provider'), { gmail: 1 });
    assert.deepEqual(byLabel(await query(base, 'sum by (reply, enhanced) (smtp_codes_outcomes_total{direction="inbound"})'), 'reply'), { '554': 1 });
    assert.deepEqual(byLabel(await query(base, 'smtp_codes_log_reopened_total'), 'reason'), { rotated: 1 });
    assert.deepEqual(byLabel(await query(base, 'smtp_codes_lines_not_understood_total'), 'path'), { [log]: 1 });
    assert.deepEqual(byLabel(await query(base, 'sum by (domain) (smtp_codes_domain_outcomes_total{verdict="deferred"})'), 'domain'), { 'example.net': 6 });

    // Every query of the dashboard is valid PromQL and shows data (rates need two scrapes of the new series).
    for (const q of dashboardQueries()) {
      const promql = q.expr.startsWith('label_values(') ? q.expr.replace(/^label_values\(([a-z_]+), [a-z_]+\)$/, 'count by (instance) ($1)') : concreteQuery(q.expr);
      await waitFor(`data for "${q.panel}": ${promql}`, async () => (await query(base, promql)).length > 0, 30_000);
    }
  } finally {
    await prometheus?.stop();
    assert.equal(await exporter.stop(), 0);
    rmSync(dir, { recursive: true, force: true });
  }
});
