// The server's views of a document beyond problems: grouped failures (SMTP Failures view),
// the summary report, the counts for the status bar, and inlay hints.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { InlayHint } from 'vscode-languageserver-protocol/node';
import { LspTestClient } from '../support/lsp';

const LOG = [
  'Nov 24 10:15:02 mx1 postfix/smtp[1]: A: to=<ana@example.net>, relay=x[192.0.2.1]:25, dsn=5.1.1, status=bounced (host x[192.0.2.1] said: 550 5.1.1 User unknown (in reply to RCPT TO command))',
  'Nov 24 10:16:02 mx1 postfix/smtp[2]: B: to=<bo@example.org>, relay=x[192.0.2.1]:25, dsn=4.2.2, status=deferred (host x[192.0.2.1] said: 452 4.2.2 Mailbox full (in reply to RCPT TO command))',
  'Nov 24 11:17:02 mx1 postfix/smtp[3]: C: to=<cy@example.net>, relay=x[192.0.2.1]:25, dsn=5.1.1, status=bounced (host x[192.0.2.1] said: 550 5.1.1 User unknown (in reply to RCPT TO command))',
  'Nov 24 11:18:02 mx1 postfix/smtp[4]: D: to=<dee@example.com>, relay=x[192.0.2.1]:25, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 1A2B)',
].join('\n');
const URI = 'file:///tmp/smtp-codes-beyond/mail.log';

let client: LspTestClient;
before(async () => {
  client = await LspTestClient.start({ settings: { inlayHints: { enabled: true } } });
  const counts = new Promise<unknown>((resolve) => client.connection.onNotification('smtpCodes/documentCounts', resolve));
  const diags = client.waitForDiagnostics(URI);
  await client.open(URI, 'mail-log', LOG);
  await diags;
  // Outcomes per recipient (its last state), as the status bar shows them; attempts beside.
  assert.deepEqual(await counts, { uri: URI, version: 1, outcomes: { delivered: 1, deferred: 1, bounced: 2, expired: 0, rejected: 0 }, attempts: 4, failedAttempts: 3, ignored: 0 });
});
after(async () => {
  await client?.stop();
});

test('failures grouped by code, then recipient domain, then occurrence', async () => {
  const g = await client.request<{
    outcomes: Record<string, number>;
    reasons: { reason: string; count: number }[];
    groups: { code: string; count: number; verdicts: { key: string; count: number }[]; domains: { domain: string; count: number; occurrences: { range: { start: { line: number } }; recipient: string; verdict: string }[] }[] }[];
  }>('smtpCodes/failures', { uri: URI });
  assert.deepEqual(g.outcomes, { delivered: 1, deferred: 1, bounced: 2, expired: 0, rejected: 0 });
  assert.deepEqual(g.groups[0].verdicts, [{ key: 'bounced', count: 2 }]);
  assert.deepEqual(
    g.groups.map((x) => [x.code, x.count]),
    [
      ['550 5.1.1', 2],
      ['452 4.2.2', 1],
    ],
  );
  assert.deepEqual(
    g.groups[0].domains.map((d) => [d.domain, d.count, d.occurrences.map((o) => [o.range.start.line, o.recipient])]),
    [['example.net', 2, [[0, 'ana@example.net'], [2, 'cy@example.net']]]],
  );
  assert.deepEqual(g.reasons[0], { reason: 'user unknown', count: 2 });
  assert.equal(await client.request('smtpCodes/failures', { uri: 'file:///not/open.log' }), null);
});

test('the summary report: counts, timeline by minute, and a themed offline page', async () => {
  const r = await client.request<{
    summary: { outcomes: Record<string, number>; classes: Record<string, number>; timeline: { bucket: string; permanent: number; transient: number }[]; bucket: string; domains: { key: string }[] };
    html: string;
  }>('smtpCodes/summary', { uri: URI });
  assert.deepEqual(r.summary.outcomes, { delivered: 1, deferred: 1, bounced: 2, expired: 0, rejected: 0 });
  assert.deepEqual(r.summary.classes, { success: 1, intermediate: 0, transient: 1, permanent: 2 });
  assert.equal(r.summary.bucket, 'minute');
  const total = r.summary.timeline.reduce((n, b) => n + b.permanent + b.transient, 0);
  assert.equal(total, 3);
  assert.equal(r.summary.timeline.length, 64, 'every minute from the first attempt (10:15) to the last (11:18), gaps as zeros');
  assert.match(r.html, /<svg class="chart"/);
  assert.match(r.html, /var\(--vscode-editor-background/);
  assert.doesNotMatch(r.html, /<script/);
});

test('inlay hints: the short meaning after each code in the range', async () => {
  const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: URI }, range: { start: { line: 0, character: 0 }, end: { line: 1, character: 1000 } } });
  assert.deepEqual(
    hints.map((h) => [h.position.line, h.label]),
    [
      [0, 'user unknown'],
      [1, 'mailbox full'],
    ],
  );
  const line0 = LOG.split('\n')[0];
  assert.equal(hints[0].position.character, line0.indexOf('550 5.1.1') + 9);
});

test('inlay hints are off unless enabled', async () => {
  const other = await LspTestClient.start({ settings: {} });
  try {
    const d = other.waitForDiagnostics(URI);
    await other.open(URI, 'mail-log', LOG);
    await d;
    const hints = await other.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: URI }, range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } } });
    assert.deepEqual(hints, []);
  } finally {
    await other.stop();
  }
});

test('an ignored code leaves the counts, the failures and the summary together, and they come back when it is no longer ignored', async () => {
  const nextCounts = () =>
    new Promise<{ outcomes: Record<string, number>; failedAttempts: number; ignored: number }>((resolve) => {
      const sub = client.connection.onNotification('smtpCodes/documentCounts', (c: { outcomes: Record<string, number>; failedAttempts: number; ignored: number }) => {
        sub.dispose();
        resolve(c);
      });
    });
  try {
    client.settings = { ...client.settings, ignoredCodes: ['5.1.1'] };
    const counts = nextCounts();
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const c = await counts;
    assert.deepEqual([c.outcomes, c.failedAttempts, c.ignored], [{ delivered: 1, deferred: 1, bounced: 0, expired: 0, rejected: 0 }, 1, 2]);
    const g = await client.request<{ outcomes: Record<string, number>; ignored: number; groups: { code: string }[] }>('smtpCodes/failures', { uri: URI });
    assert.deepEqual([g.outcomes.bounced, g.ignored, g.groups.map((x) => x.code)], [0, 2, ['452 4.2.2']]);
    const r = await client.request<{ summary: { outcomes: Record<string, number>; ignored: number; codes: { key: string }[]; attempts: { failed: number } }; html: string }>('smtpCodes/summary', { uri: URI });
    assert.deepEqual([r.summary.outcomes.bounced, r.summary.ignored, r.summary.codes.map((x) => x.key), r.summary.attempts.failed], [0, 2, ['452 4.2.2'], 1]);
  } finally {
    client.settings = { ...client.settings, ignoredCodes: [] };
    const counts = nextCounts();
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.equal((await counts).outcomes.bounced, 2);
  }
});

test('summary times: an offset is kept, syslog dates roll over the new year', async () => {
  const uri = 'file:///tmp/smtp-codes-beyond/times.log';
  const zoned = [
    '2026-11-24T10:15:02.123+01:00 mx1 postfix/smtp[1]: A: to=<ana@example.net>, relay=x[192.0.2.1]:25, dsn=5.1.1, status=bounced (host x[192.0.2.1] said: 550 5.1.1 User unknown (in reply to RCPT TO command))',
    '2026-11-24T10:45:00+01:00 mx1 postfix/smtp[2]: B: to=<bo@example.org>, relay=x[192.0.2.1]:25, dsn=2.0.0, status=sent (250 2.0.0 Ok)',
  ].join('\n');
  let d = client.waitForDiagnostics(uri);
  await client.open(uri, 'mail-log', zoned);
  await d;
  type S = { summary: { firstTime: string; lastTime: string; timeZone: string | null; timeline: { bucket: string }[] } };
  const z = (await client.request<S>('smtpCodes/summary', { uri })).summary;
  assert.deepEqual([z.firstTime, z.lastTime, z.timeZone, z.timeline[0].bucket], ['2026-11-24T10:15:02+01:00', '2026-11-24T10:45:00+01:00', '+01:00', '2026-11-24T10:15:00+01:00']);
  await client.close(uri);
  const rollover = [
    'Dec 28 23:50:02 mx1 postfix/smtp[1]: A: to=<ana@example.net>, relay=x[192.0.2.1]:25, dsn=5.1.1, status=bounced (host x[192.0.2.1] said: 550 5.1.1 User unknown (in reply to RCPT TO command))',
    'Jan  3 08:00:00 mx1 postfix/smtp[2]: B: to=<bo@example.org>, relay=x[192.0.2.1]:25, dsn=2.0.0, status=sent (250 2.0.0 Ok)',
  ].join('\n');
  d = client.waitForDiagnostics(uri);
  await client.open(uri, 'mail-log', rollover);
  await d;
  const y = (await client.request<S>('smtpCodes/summary', { uri })).summary;
  assert.equal(y.timeZone, null, 'syslog gives no zone');
  assert.match(y.firstTime, /^\d{4}-12-28T23:50:02$/);
  assert.equal(y.lastTime.slice(4), '-01-03T08:00:00');
  assert.equal(Number(y.lastTime.slice(0, 4)), Number(y.firstTime.slice(0, 4)) + 1, `Jan 3 comes after Dec 28: ${y.firstTime} – ${y.lastTime}`);
  await client.close(uri);
});
