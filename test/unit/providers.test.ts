// Spot checks of provider knowledge: a provider is recognised from the reply text or the log
// line, its documented response replaces the registry's general meaning, and codes only one
// provider sends are recognised by the code alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainCode } from '../../server/src/engine/index';

test('Gmail 5.7.26: recognised from "gsmtp", explained as Gmail\'s authentication requirement', () => {
  const ex = explainCode({ reply: '550', enhanced: '5.7.26', text: "Unauthenticated email from example.com is not accepted due to domain's DMARC policy. Please contact the administrator - gsmtp" });
  assert.equal(ex.provider?.id, 'gmail');
  assert.ok(ex.provider?.responseId, 'a documented Gmail response matched');
  assert.equal(ex.reason?.id, 'sender-authentication');
  assert.ok(ex.references[0].url.startsWith('https://support.google.com/'), 'Gmail\'s own page comes first');
});

test('the provider is recognised from the relay host on the log line, not only the reply text', () => {
  const ex = explainCode({ reply: '421', enhanced: '4.7.28', text: 'Our system has detected an unusual rate of unsolicited mail', context: 'relay=gmail-smtp-in.l.google.com[192.0.2.27]:25' });
  assert.equal(ex.provider?.id, 'gmail');
  assert.equal(ex.reason?.id, 'rate-limited');
});

test('Microsoft 5.7.606-649: the code alone is Microsoft\'s banned-IP response, with the delisting portal', () => {
  for (const code of ['5.7.606', '5.7.625', '5.7.649']) {
    const ex = explainCode({ reply: '550', enhanced: code });
    assert.equal(ex.provider?.id, 'microsoft', code);
    assert.equal(ex.reason?.id, 'blocked', code);
    assert.ok([...ex.remedies, ...ex.references.map((r) => r.url)].some((x) => x.includes('sender.office.com')), code);
  }
  // Outside the range, no Microsoft response is claimed from the code alone.
  assert.equal(explainCode({ reply: '550', enhanced: '5.7.650' }).provider?.responseId ?? null, null);
});

test('Microsoft 5.1.10 with RESOLVER text is "recipient not found", not the registry\'s null MX', () => {
  const ex = explainCode({ reply: '550', enhanced: '5.1.10', text: 'RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup' });
  assert.equal(ex.provider?.id, 'microsoft');
  assert.equal(ex.reason?.id, 'user-unknown');
  const registry = explainCode({ reply: '550', enhanced: '5.1.10' });
  assert.match(registry.enhancedPart!.title, /null MX/i);
});

test('Yahoo [TSS04] is a temporary volume / complaints deferral', () => {
  const ex = explainCode({ reply: '421', enhanced: '4.7.0', text: '[TSS04] Messages from 192.0.2.9 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes' });
  assert.equal(ex.provider?.id, 'yahoo');
  assert.equal(ex.class, 'transient');
  assert.equal(ex.reason?.id, 'rate-limited');
});

test('blocklists: Spamhaus and Barracuda named in a reject text', () => {
  const spamhaus = explainCode({ reply: '554', enhanced: '5.7.1', text: 'Service unavailable; Client host [192.0.2.9] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.9' });
  assert.equal(spamhaus.provider?.id, 'spamhaus');
  assert.equal(spamhaus.reason?.id, 'blocked');
  const barracuda = explainCode({ reply: '554', text: 'Service unavailable; Client host [192.0.2.9] blocked using Barracuda Reputation; http://bbl.barracudacentral.com/q.cgi?ip=192.0.2.9' });
  assert.equal(barracuda.provider?.id, 'barracuda');
  assert.equal(barracuda.reason?.id, 'blocked');
});

test('no provider is claimed for a plain reply', () => {
  const ex = explainCode({ reply: '550', enhanced: '5.1.1', text: '<ana@example.net>: Recipient address rejected: User unknown in local recipient table' });
  assert.equal(ex.provider, null);
});
