// Diagnosis you can trust (issue 13): reasons come from evidence, providers only from the
// replying server, generic entries hold no provider facts, summaries never contradict the
// text, every explanation has one order, and the lookup finds by words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  analyzeLog,
  explainCode,
  explainFinding,
  explanationHtml,
  explanationMarkdown,
  explanationText,
  hoverAt,
  replyingContext,
  scanText,
  searchCatalog,
  serverWords,
} from '../../server/src/engine/index';
import { ENHANCED_CODES, PROVIDERS, REASONS, REPLY_CODES } from '../../server/src/engine/knowledge/index';

const explainLine = (line: string) => {
  const [f] = scanText(line, { kind: 'log' });
  assert.ok(f, `a reply is found in: ${line}`);
  return explainFinding(f);
};

// ---------------------------------------------------------------- reasons with evidence

test('a catch-all enhanced code or a bare reply code never gives a reason: unclassified and soft', () => {
  for (const [reply, enhanced] of [
    ['550', null],
    ['553', null],
    ['550', '5.7.1'],
    ['550', '5.0.0'],
    ['553', '5.0.0'],
    ['550', '5.2.0'],
    ['550', '5.4.0'],
    ['551', null],
  ] as const) {
    const ex = explainCode({ reply, enhanced });
    assert.equal(ex.reason?.id, 'unclassified', `${reply} ${enhanced ?? ''}`);
    assert.equal(ex.bounce, 'soft', `${reply} ${enhanced ?? ''} is not a hard bounce without evidence`);
  }
  // 5.3.2 is used for blocklists and missing PTR records too: not "domain accepts no mail, hard".
  assert.notEqual(explainCode({ enhanced: '5.3.2' }).bounce, 'hard');
});

test('the reply text decides before the codes: texts that used to read as "user unknown"', () => {
  const isp = explainCode({ reply: '550', enhanced: '5.7.1', text: 'Please use the smtp server of your ISP' });
  assert.equal(isp.reason?.id, 'blocked');
  const from = explainCode({ reply: '550', enhanced: '5.7.1', text: 'Messages with multiple addresses in From: header are not accepted' });
  assert.equal(from.reason?.id, 'content');
  const filtered = explainCode({ reply: '553', text: 'Message Filtered' });
  assert.notEqual(filtered.reason?.id, 'user-unknown');
  for (const ex of [isp, from, filtered]) assert.equal(ex.bounce, 'soft');
  // Words beat a specific code that says something else (5.2.1 is "mailbox disabled").
  assert.equal(explainCode({ reply: '550', enhanced: '5.2.1', text: '<x@example.com>... User Unknown' }).reason?.id, 'user-unknown');
  // Without words a specific code decides.
  assert.equal(explainCode({ reply: '550', enhanced: '5.1.1' }).reason?.id, 'user-unknown');
  assert.equal(explainCode({ reply: '550', enhanced: '5.1.1' }).bounce, 'hard');
});

test('hard only where the address or domain never receives; greylisting is its own reason', () => {
  const hard = REASONS.filter((r) => r.hardWhenPermanent).map((r) => r.id).sort();
  assert.deepEqual(hard, ['has-moved', 'host-unknown', 'mailbox-disabled', 'not-accepting-mail', 'user-unknown']);
  const grey = explainCode({ reply: '450', enhanced: '4.7.1', text: '<a@example.org>: Recipient address rejected: Greylisted, see http://postgrey.example/' });
  assert.equal(grey.reason?.id, 'greylisting');
  assert.equal(grey.bounce, 'soft');
});

test('reason phrases in German and French', () => {
  assert.equal(explainCode({ reply: '550', text: 'Benutzer unbekannt' }).reason?.id, 'user-unknown');
  assert.equal(explainCode({ reply: '552', text: 'Postfach voll' }).reason?.id, 'mailbox-full');
  assert.equal(explainCode({ reply: '550', text: 'Utilisateur inconnu' }).reason?.id, 'user-unknown');
  assert.equal(explainCode({ reply: '552', text: 'Boîte aux lettres pleine' }).reason?.id, 'mailbox-full');
  assert.equal(explainCode({ reply: '550', text: "Le domaine n'existe pas" }).reason?.id, 'host-unknown');
});

test('the bounce type is explained in words', () => {
  const soft = explainCode({ reply: '550', enhanced: '5.7.1', text: 'Relay access denied' });
  assert.match(soft.bounceNote ?? '', /^Soft bounce \(relaying denied\): a permanent refusal, but the address itself is fine: .+, then send again\.$/);
  assert.match(explainCode({ reply: '550', enhanced: '5.1.1' }).bounceNote ?? '', /^Hard bounce \(user unknown\): .*stop sending/);
  assert.match(explainCode({ reply: '451', enhanced: '4.3.0' }).bounceNote ?? '', /^Soft bounce: a temporary failure/);
  assert.match(explainCode({ reply: '550', enhanced: '5.7.1' }).bounceNote ?? '', /^Soft bounce: refused for good, but nothing in the reply says the address is bad/);
  assert.equal(explainCode({ reply: '250' }).bounceNote, null);
});

// ---------------------------------------------------------------- providers only from the replying server

test('a consumer domain anywhere but the replying server names no provider', () => {
  const lines = [
    // Exim rejecting: H= is the client, F= the sender, the HELO in parentheses.
    '2024-05-01 10:00:00 H=(mail.icloud.com) [192.0.2.7] F=<alice@icloud.com> rejected RCPT <bob@corp.example>: 550 5.1.1 User unknown',
    // Postfix: the sender and the recipient are consumer addresses, the relay is an ordinary server.
    'Jan  1 00:00:00 mx postfix/smtp[1]: A1: to=<bob@corp.example>, orig_to=<bob@hotmail.com>, relay=mx.corp.example[192.0.2.1]:25, delay=1, dsn=5.2.2, status=bounced (host mx.corp.example[192.0.2.1] said: 552 5.2.2 <bob@corp.example>: Mailbox full (in reply to RCPT TO command))',
    'Jan  1 00:00:00 mx postfix/smtp[1]: A2: to=<bob@example.net>, relay=none, delay=1, dsn=5.1.10, status=bounced (from=<x@outlook.com> 550 5.1.10 null MX)',
    'Jan  1 00:00:00 mx postfix/smtpd[1]: NOQUEUE: reject: RCPT from unknown[192.0.2.9]: 550 5.1.1 <bob@corp.example>: Recipient address rejected: User unknown; from=<alice@gmail.com> to=<bob@corp.example> proto=ESMTP helo=<mail.yahoo.com>',
    // The recipient's address inside the reply text of an ordinary server.
    'Jan  1 00:00:00 mx postfix/smtp[1]: A3: to=<x@corp.example>, relay=mx.corp.example[192.0.2.1]:25, dsn=5.1.1, status=bounced (host mx.corp.example[192.0.2.1] said: 550 5.1.1 <someone@icloud.com>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command))',
  ];
  for (const line of lines) {
    const ex = explainLine(line);
    assert.equal(ex.provider, null, `no provider for: ${line}`);
  }
  assert.equal(explainLine(lines[1]).reason?.id, 'mailbox-full');
  assert.doesNotMatch(explainLine(lines[1]).summary, /Exchange|Microsoft/);
  assert.equal(explainCode({ reply: '550', enhanced: '5.1.10', context: 'from=<x@outlook.com>' }).reason?.id, 'not-accepting-mail');
  // A From: header, a sender or a HELO in the context are not the replying server either.
  assert.equal(explainCode({ reply: '554', text: 'Message refused', context: 'From: alice@icloud.com helo=smtp.mail.yahoo.com from=<x@gmail.com>' }).provider, null);
});

test('the replying server is read from said:, relay=, Exim H= on a delivery error and Remote-MTA:', () => {
  const cases: [string, string][] = [
    ['Jan  1 00:00:00 mx postfix/smtp[1]: A: to=<a@gmail.com>, relay=gmail-smtp-in.l.google.com[192.0.2.27]:25, dsn=4.7.28, status=deferred (host gmail-smtp-in.l.google.com[192.0.2.27] said: 421 4.7.28 Unusual rate of unsolicited mail from your IP (in reply to end of DATA command))', 'gmail'],
    ['Jan  1 00:00:00 mx postfix/smtp[1]: A: to=<a@icloud.com>, relay=mx01.mail.icloud.com[17.57.154.6]:25, dsn=5.1.1, status=bounced (host mx01.mail.icloud.com[17.57.154.6] said: 550 5.1.1 <a@icloud.com>: inactive email address (in reply to RCPT TO command))', 'apple'],
    ['2024-05-01 10:00:00 1abc-000 H=mta5.am0.yahoodns.net [192.0.2.33]: SMTP error from remote mail server after pipelined MAIL FROM:<me@example.org>: 421 4.7.0 Messages from 192.0.2.9 temporarily deferred', 'yahoo'],
  ];
  for (const [line, provider] of cases) assert.equal(explainLine(line).provider?.id, provider, line);
  const dsn = explainCode({ reply: '550', enhanced: '5.2.2', text: 'Mailbox full', context: 'Remote-MTA: dns; mx4.hotmail.com\nDiagnostic-Code: smtp; 550 5.2.2 Mailbox full' });
  assert.equal(dsn.provider?.id, 'microsoft');
});

test("the providers' current short phrases match our matchers (fixture)", () => {
  const fixture: { phrases: { reply: string | null; enhanced: string | null; text: string; context?: string; provider: string; response: string }[] } = JSON.parse(
    readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'provider-phrases.json'), 'utf8'),
  );
  assert.ok(fixture.phrases.length >= 25);
  for (const p of fixture.phrases) {
    const ex = explainCode({ reply: p.reply, enhanced: p.enhanced, text: p.text, context: p.context });
    assert.equal(ex.provider?.id, p.provider, p.text);
    assert.equal(ex.provider?.responseId, p.response, p.text);
  }
});

test("a problem's quick-fix data carries only the replying hosts of its line, and explains as the whole line does", () => {
  const fixture: { phrases: { reply: string | null; enhanced: string | null; text: string; context?: string }[] } = JSON.parse(
    readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'provider-phrases.json'), 'utf8'),
  );
  const cases = fixture.phrases.filter((p) => p.context).map((p) => ({ reply: p.reply, enhanced: p.enhanced, text: p.text, context: p.context! }));
  for (const dir of ['postfix', 'exim']) {
    for (const entry of readdirSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'mta', dir), { withFileTypes: true })) {
      if (!entry.isFile() || entry.name.endsWith('.eml')) continue;
      const text = readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'mta', dir, entry.name), 'utf8');
      for (const o of analyzeLog(text).outcomes) if (o.finding) cases.push({ reply: o.finding.reply, enhanced: o.finding.enhanced, text: o.finding.text, context: o.finding.context });
    }
  }
  cases.push({ reply: '550', enhanced: '5.1.1', text: 'User unknown', context: 'Nov 24 10:00:00 mx postfix/smtp[1]: A: to=<a@outlook.com>, relay=mx.gmail.example[192.0.2.1]:25, status=bounced (host Gmail-SMTP-IN.l.google.com[192.0.2.1] said: 550 5.1.1 User unknown)' });
  let withHosts = 0;
  for (const c of cases) {
    const short = replyingContext(c.context);
    assert.ok(short.length <= c.context.length, short);
    if (short) withHosts++;
    assert.deepEqual(explainCode({ ...c, context: short }), explainCode(c), c.context);
  }
  assert.ok(withHosts >= 10, `${withHosts} cases name a replying host`);
});

// ---------------------------------------------------------------- generic entries and provider reuse

const PROVIDER_WORDS = /\b(gmail|google|microsoft|outlook\.com|office 365|microsoft 365|exchange online|hotmail|yahoo|aol|apple|icloud|proofpoint|mimecast|barracuda|spamhaus|spamcop|cisco|ironport)\b/i;

test('generic (registry and reply-code) entries hold no provider facts and link no provider page', () => {
  const providerHosts = new Set(PROVIDERS.flatMap((p) => [p.page, ...p.responses.flatMap((r) => r.references)]).map((r) => new URL(r.url).hostname));
  for (const e of [...REPLY_CODES, ...ENHANCED_CODES]) {
    const texts = [e.title, e.summary, e.explanation, ...e.causes, ...e.remedies, ...(e.notes ?? []), ...(e.alsoUsedFor ?? [])];
    for (const advice of Object.values('byClass' in e ? (e.byClass ?? {}) : {})) texts.push(advice.summary ?? '', advice.explanation ?? '', ...(advice.causes ?? []), ...(advice.remedies ?? []));
    for (const t of texts) assert.doesNotMatch(t, PROVIDER_WORDS, `${e.code}: ${t}`);
    for (const r of e.references) assert.ok(!providerHosts.has(new URL(r.url).hostname), `${e.code} links a provider page: ${r.url}`);
  }
});

test("a provider's reuse of a registry code is a seen-in-the-wild note; its own entry shows when the reply is theirs", () => {
  for (const code of ['5.7.27', '4.7.28', '5.7.29', '5.7.30']) {
    const typed = explainCode({ enhanced: code });
    assert.equal(typed.provider, null, code);
    assert.ok(typed.notes.some((n) => /^Seen in the wild: Gmail/.test(n)), `${code}: ${typed.notes.join(' | ')}`);
  }
  const x41 = explainCode({ reply: '451', enhanced: '4.4.1', text: 'connect to mx.example.net[192.0.2.1]:25: Connection refused' });
  assert.doesNotMatch(x41.summary, /Microsoft/);
  assert.equal(x41.reason?.id, 'network');
  const dbeb = explainCode({ reply: '550', enhanced: '5.4.1', text: 'Recipient address rejected: Access denied' });
  assert.equal(dbeb.provider?.responseId, 'ms-5.4.1-dbeb');
  assert.ok(explainCode({ enhanced: '5.4.1' }).notes.some((n) => n.startsWith('Seen in the wild: Microsoft')));
  const gmail27 = explainCode({ reply: '550', enhanced: '5.7.27', text: 'The sender does not pass SPF - gsmtp' });
  assert.equal(gmail27.provider?.responseId, 'gmail-spf-required');
  assert.ok(!gmail27.notes.some((n) => n.startsWith('Seen in the wild')));
});

test('other uses of a code are notes, and the text decides; 522, 544 and Gmail 5.7.40 exist', () => {
  const uses: [string | null, string | null, RegExp][] = [
    ['551', null, /relaying denied/],
    ['513', null, /authentication required/],
    ['465', null, /code page unavailable/],
    [null, '5.3.2', /blocklist/],
    [null, '5.3.2', /PTR/],
    [null, '5.4.5', /hourly sending quota/],
    [null, '5.2.1', /larger than/],
  ];
  for (const [reply, enhanced, re] of uses) {
    const ex = explainCode({ reply, enhanced });
    assert.ok(ex.notes.some((n) => n.startsWith('Also used by some servers for') && re.test(n)), `${reply ?? enhanced}: ${ex.notes.join(' | ')}`);
  }
  assert.equal(explainCode({ reply: '551', text: 'Relaying denied' }).reason?.id, 'relay-denied');
  assert.equal(explainCode({ reply: '551', text: 'Authentication required' }).reason?.id, 'smtp-auth');
  for (const code of ['522', '544']) assert.ok(REPLY_CODES.some((e) => e.code === code), code);
  assert.equal(explainCode({ reply: '550', enhanced: '5.7.40', text: 'no DMARC record - gsmtp' }).provider?.responseId, 'gmail-dmarc-missing');
});

test('Yahoo and Gmail items: unresolvable From domain, PH01 content, no "dd" tag, BL21 is Yahoo, relay suspended for abuse', () => {
  const unresolvable = explainCode({ reply: '554', text: 'Message rejected due to unresolvable RFC.5322 from domain' , context: 'relay=mta5.am0.yahoodns.net[192.0.2.1]:25' });
  assert.equal(unresolvable.provider?.responseId, 'yahoo-unresolvable-from');
  assert.match(unresolvable.explanation.join(' '), /From: header/);
  assert.match(unresolvable.explanation.join(' '), /SOA/);
  const ph01 = explainCode({ reply: '554', text: 'Message not allowed - [PH01] Email not accepted for policy reasons' });
  assert.equal(ph01.reason?.id, 'content');
  assert.match(ph01.summary, /malware|phishing/);
  const yahooProvider = PROVIDERS.find((p) => p.id === 'yahoo')!;
  for (const r of yahooProvider.responses) for (const t of r.textIncludes ?? []) assert.ok(!t.startsWith('dd '), `${r.id}: ${t}`);
  const bl21 = explainCode({ reply: '553', enhanced: '5.7.1', text: "[BL21] Connections will not be accepted from 192.0.2.9, because the ip is in Spamhaus's list" });
  assert.equal(bl21.provider?.id, 'yahoo');
  const relay = explainCode({ reply: '550', enhanced: '5.7.0', text: 'Email relay denied. Relay access has been suspended due to abuse - gsmtp' });
  assert.equal(relay.provider?.responseId, 'gmail-relay-suspended');
  assert.doesNotMatch(relay.remedies.join(' '), /relay (service )?settings/i);
});

// ---------------------------------------------------------------- summaries that agree with the text

test('a summary never contradicts the text or the class', () => {
  const quota = explainCode({ reply: '550', enhanced: '5.4.6', text: 'Hourly sending quota exceeded' });
  assert.equal(quota.reason?.id, 'rate-limited');
  assert.doesNotMatch(quota.summary, /loop/i);
  assert.ok(quota.notes.some((n) => /Routing loop detected/.test(n) && /words/.test(n)), quota.notes.join(' | '));
  const addressee = explainCode({ reply: '553', enhanced: '5.3.0', text: 'Addressee unknown' });
  assert.equal(addressee.reason?.id, 'user-unknown');
  assert.match(addressee.summary, /does not exist/);
  const success = explainCode({ enhanced: '2.2.0' });
  assert.equal(success.class, 'success');
  assert.match(success.summary, /^Success/);
  assert.equal(success.reason?.id, 'delivered');
});

// ---------------------------------------------------------------- one order for every explanation

test('every rendering has one order: headline, meaning, who acts, what to do, the server\'s words, then notes', () => {
  const ex = explainCode({ reply: '550', enhanced: '5.7.1', text: 'Relay access denied' });
  const words = 'Relay access denied';
  const order = (s: string, parts: string[]) => {
    const at = parts.map((p) => s.indexOf(p));
    for (const [i, p] of at.entries()) assert.ok(p >= 0, `${parts[i]} in the rendering`);
    for (let i = 1; i < at.length; i++) assert.ok(at[i - 1] < at[i], `${parts[i - 1]} before ${parts[i]}`);
  };
  order(explanationMarkdown(ex, words), ['**550 5\\.7\\.1**', 'Soft bounce', ex.summary.slice(0, 20), '**Who acts:**', '**What to do**', '**Server said:**', 'Note:']);
  order(explanationText(ex, words), ['550 5.7.1 —', 'Soft bounce', 'Who acts:', 'What to do:', 'Server said:', 'Note:']);
  order(explanationHtml(ex, words), ['<h1>', 'Soft bounce', 'Who acts:', '<h2>What to do</h2>', '<h2>What the server said</h2>', '<h2>Notes</h2>']);
});

test('"Server said" shows the reply text only, not the log syntax around it', () => {
  assert.equal(serverWords(', status=deferred (connect to mx.example.net[192.0.2.1]:25: Connection refused)'), 'connect to mx.example.net[192.0.2.1]:25: Connection refused');
  const line = 'Jan  1 00:00:00 mx postfix/smtp[1]: A: to=<a@example.net>, relay=none, delay=30, dsn=4.4.1, status=deferred (connect to mx.example.net[192.0.2.1]:25: Connection refused)';
  const hover = hoverAt(analyzeLog(line), { line: 0, character: line.indexOf('4.4.1') + 1 });
  assert.ok(hover);
  assert.match(hover.markdown, /\*\*Server said:\*\* \*connect to/);
  assert.doesNotMatch(hover.markdown, /status\\=deferred/);
});

// ---------------------------------------------------------------- lookup that finds

test('the lookup finds by words, ranks the exact code first, lists no duplicates, and says what to try when nothing matches', () => {
  const first = (q: string) => searchCatalog(q).items[0];
  const has = (q: string, pred: (i: ReturnType<typeof first>) => boolean) => assert.ok(searchCatalog(q).items.some(pred), q);
  has('user unknown', (i) => i.label === '5.1.1' && i.provider === null);
  has('no such user', (i) => i.label === '5.1.1');
  has('blacklist', (i) => /block/i.test(i.title));
  has('blocked spamhaus', (i) => i.provider?.startsWith('Spamhaus') ?? false);
  has('hard bounce', (i) => i.label === '5.1.1');
  has('550 5.7.1 gmail', (i) => i.provider === 'Gmail / Google Workspace' && i.label === '5.7.1');
  assert.ok(searchCatalog('relay denied').items.length >= 4, 'relay denied finds more than one entry');
  assert.equal(first('550').label, '550');
  assert.ok(searchCatalog('550').items.every((i) => !i.label.startsWith('4')), '550 lists no transient codes');
  assert.equal(first('550 5.7.1').label, '550 5.7.1');
  assert.equal(first('5.7.26').label, '5.7.26');
  assert.equal(first('5.9.99').label, '5.9.99');
  const tens = searchCatalog('5.1.10').items.map((i) => `${i.label}|${i.detail}`);
  assert.equal(new Set(tens).size, tens.length, 'no entry twice');
  const none = searchCatalog('qwertyuiop');
  assert.equal(none.items.length, 0);
  assert.match(none.hint ?? '', /Try a code/);
  // Registry entries before catch-all reply codes and providers' responses, permanent first.
  assert.equal(first('no such user').label, '5.1.1');
  assert.equal(first('mailbox full').label, '5.2.2');
});
