// The scenarios the generator drives through Postfix and Exim, with what each
// is meant to produce. `expect` maps an envelope recipient to its intended
// final state (as defined in test/fixtures/mta/README.md); `rejects` lists
// the refusals the MTA itself is meant to log, each found by a unique string
// (an address) in the reject line. expected.mjs compares these intentions
// with what it reads from the MTA's own log and reports any difference.
//
// phase 'early': sent first; everything in it should be finished (delivered,
// bounced or expired) before the run stops. phase 'late': sent later; these
// stay deferred (still queued) at the end of the log.

const S = 'sender@example.com';

/** Scenarios shared by both MTAs; `only` restricts one to one MTA. */
export const SCENARIOS = [
  { id: '01', name: 'delivered', to: ['ok@deliver.test'], expect: { 'ok@deliver.test': 'delivered' } },
  { id: '02', name: 'bounce-at-rcpt', to: ['unknown@bounce.test'], expect: { 'unknown@bounce.test': 'bounced' } },
  { id: '03', name: 'bounce-multiline-5.7.26', to: ['dmarc@bounce.test'], expect: { 'dmarc@bounce.test': 'bounced' } },
  { id: '04', name: 'bounce-at-end-of-data', to: ['ok@spamfilter.test'], expect: { 'ok@spamfilter.test': 'bounced' } },
  { id: '05', name: 'greylisted-then-delivered', to: ['grey@greylist.test'], expect: { 'grey@greylist.test': 'delivered' } },
  { id: '06', name: 'deferred-then-expired', to: ['tempfail@bounce.test'], expect: { 'tempfail@bounce.test': 'expired' } },
  {
    id: '07',
    name: 'mixed-recipients',
    to: ['ok-mixed@deliver.test', 'unknown-mixed@bounce.test', 'grey-mixed@greylist.test', 'full@bounce.test', 'overquota@bounce.test'],
    expect: {
      'ok-mixed@deliver.test': 'delivered',
      'unknown-mixed@bounce.test': 'bounced',
      'grey-mixed@greylist.test': 'delivered',
      'full@bounce.test': 'expired',
      'overquota@bounce.test': 'bounced',
    },
  },
  { id: '08', name: 'remote-rejects-mail-from', from: 'badsender@example.com', to: ['ok-bs@deliver.test'], expect: { 'ok-bs@deliver.test': 'bounced' } },
  // Exim: no router accepts it, "** ... Unrouteable address". Postfix: the domain
  // goes to the error(8) transport, so smtpd already refuses it at RCPT (550 5.1.2);
  // submitted locally (16) it is bounced by error(8) instead.
  { id: '09', name: 'unroutable-domain', only: 'exim', to: ['x@nowhere.invalid'], expect: { 'x@nowhere.invalid': 'bounced' } },
  { id: '09', name: 'unroutable-domain', only: 'postfix', to: ['x@nowhere.invalid'], rejects: [{ match: 'x@nowhere.invalid', temporary: false }] },
  { id: '16', name: 'error-transport', only: 'postfix', via: 'sendmail', to: ['x-local@nowhere.invalid'], expect: { 'x-local@nowhere.invalid': 'bounced' } },
  { id: '10', name: 'local-delivery', to: [S], expect: { [S]: 'delivered' } },
  // Exim bounces on a 5xx greeting; Postfix defers (smtp_skip_5xx_greeting).
  { id: '11', name: 'greeting-5xx', only: 'exim', to: ['x@blocked.test'], expect: { 'x@blocked.test': 'bounced' } },
  {
    id: '12',
    name: 'virtual-alias-expansion',
    only: 'postfix',
    to: ['team@example.com'],
    expect: { 'ok-team@deliver.test': 'delivered', 'unknown-team@bounce.test': 'bounced' },
  },
  // Submitted on port 587, whose smtpd has content_filter=scan:[127.0.0.1]:10025:
  // the first queue ID is "delivered" to the re-injection smtpd, which queues
  // a second one (status=sent (250 2.0.0 Ok: queued as NEWID)).
  { id: '13', name: 'content-filter-hop', only: 'postfix', port: 587, to: ['ok-filter@deliver.test'], expect: { 'ok-filter@deliver.test': 'delivered' } },
  // Local submission with DSN requests: a success DSN, and an NDR carrying Original-Envelope-Id.
  { id: '14', name: 'dsn-success-notify', only: 'postfix', via: 'sendmail', dsn: 'success,delay,failure', envid: 'ENVID-14-SUCCESS', to: ['ok-dsn@deliver.test'], expect: { 'ok-dsn@deliver.test': 'delivered' } },
  { id: '15', name: 'dsn-failure-envid', only: 'postfix', via: 'sendmail', dsn: 'failure', envid: 'ENVID-15-FAILURE', to: ['unknown-dsn@bounce.test'], expect: { 'unknown-dsn@bounce.test': 'bounced' } },

  // --- the MTA's own refusals -------------------------------------------------
  { id: '20', name: 'reject-relay-denied', li: '127.0.0.50', to: ['someone-20@elsewhere.test'], rejects: [{ match: 'someone-20@elsewhere.test', temporary: false }] },
  { id: '21', name: 'reject-temporary-450', to: ['greylist-me@example.com'], rejects: [{ match: 'greylist-me@example.com', temporary: true }] },
  { id: '22', name: 'reject-unknown-local-user', to: ['nobody-here@example.com'], rejects: [{ match: 'nobody-here@example.com', temporary: false }] },
  { id: '23', name: 'reject-sender', from: 'spammer@example.net', to: [S], rejects: [{ match: 'spammer@example.net', temporary: false }] },
  { id: '24', name: 'reject-content', subject: '[REJECT-ME] cheap watches', to: [S], rejects: [{ match: 'Message content rejected by local policy', temporary: false }] },
  { id: '25', name: 'reject-mailbox-closed', to: ['closed@example.com'], rejects: [{ match: 'closed@example.com', temporary: false }] },
  // One recipient refused, the other accepted in the same transaction.
  {
    id: '26',
    name: 'reject-one-of-two',
    li: '127.0.0.50',
    to: [S, 'someone-26@elsewhere.test'],
    expect: { [S]: 'delivered' },
    rejects: [{ match: 'someone-26@elsewhere.test', temporary: false }],
  },
  // Postfix refuses the HELO name at RCPT (smtpd_delay_reject). Exim refuses the
  // EHLO and then the HELO that swaks falls back to: two rejection lines.
  { id: '27', name: 'reject-helo', only: 'postfix', helo: 'bad-helo.example.net', to: [S], rejects: [{ match: 'bad-helo.example.net', temporary: false }] },
  { id: '27', name: 'reject-helo', only: 'exim', helo: 'bad-helo.example.net', to: [S], rejects: [{ match: 'bad-helo.example.net', temporary: false, count: 2 }] },

  // --- late: left deferred at the end of the log ------------------------------
  { id: '30', name: 'greeting-5xx', only: 'postfix', phase: 'late', to: ['x@blocked.test'], expect: { 'x@blocked.test': 'deferred' } },
  { id: '31', name: 'connection-refused', phase: 'late', to: ['x@refused.test'], expect: { 'x@refused.test': 'deferred' } },
  { id: '32', name: 'greeting-421', phase: 'late', to: ['x@busy.test'], expect: { 'x@busy.test': 'deferred' } },
  { id: '33', name: 'greeting-timeout', phase: 'late', to: ['x@tarpit.test'], expect: { 'x@tarpit.test': 'deferred' } },
  { id: '34', name: 'connection-lost-after-data', phase: 'late', to: ['x@dropper.test'], expect: { 'x@dropper.test': 'deferred' } },
];

export function scenariosFor(mta) {
  return SCENARIOS.filter((s) => !s.only || s.only === mta).map((s) => ({
    phase: 'early',
    from: S,
    port: 25,
    via: 'swaks',
    expect: {},
    rejects: [],
    ...s,
    messageId: `${mta[0]}${s.id}.${s.name}@client.example.com`,
    subject: s.subject ?? `${mta[0].toUpperCase()}${s.id} ${s.name}`,
  }));
}

/** A deterministic pseudo-random mix of ~N messages for the counting log. */
export function multiScenarios(n = 100, seed = 20240601) {
  let x = seed >>> 0;
  const rnd = () => {
    // xorshift32
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
  const kinds = [
    [50, (k) => [`ok-${k}@deliver.test`, 'delivered']],
    [10, (k) => [`unknown-${k}@bounce.test`, 'bounced']],
    [5, (k) => [`dmarc-${k}@bounce.test`, 'bounced']],
    [5, (k) => [`overquota-${k}@bounce.test`, 'bounced']],
    [5, (k) => [`full-${k}@bounce.test`, 'deferred']],
    [10, (k) => [`grey-${k}@greylist.test`, 'delivered']],
    [5, (k) => [`x-${k}@spamfilter.test`, 'bounced']],
    [3, (k) => [`x-${k}@nowhere.invalid`, 'rejected']], // refused by Postfix's smtpd at RCPT
    [3, (k) => [`x-${k}@refused.test`, 'deferred']],
  ];
  const total = kinds.reduce((a, [w]) => a + w, 0);
  const pick = (k) => {
    let r = rnd() * total;
    for (const [w, f] of kinds) {
      if ((r -= w) < 0) return f(k);
    }
    return kinds[0][1](k);
  };
  const out = [];
  let k = 0;
  for (let i = 1; i <= n; i++) {
    const id = `m${String(i).padStart(3, '0')}`;
    const r = rnd();
    if (r < 0.05) {
      out.push({ id, name: 'relay-denied', phase: 'early', via: 'swaks', port: 25, from: S, li: '127.0.0.50', to: [`someone-${id}@elsewhere.test`], expect: {}, rejects: [{ match: `someone-${id}@elsewhere.test`, temporary: false }] });
    } else if (r < 0.08) {
      out.push({ id, name: 'unknown-local', phase: 'early', via: 'swaks', port: 25, from: S, to: [`nobody-${id}@example.com`], expect: {}, rejects: [{ match: `nobody-${id}@example.com`, temporary: false }] });
    } else {
      const nr = 1 + Math.floor(rnd() * 3);
      const expect = {};
      const rejects = [];
      const to = [];
      for (let j = 0; j < nr; j++) {
        const [addr, state] = pick(++k);
        to.push(addr);
        if (state === 'rejected') rejects.push({ match: `<${addr}>`, temporary: false });
        else expect[addr] = state;
      }
      out.push({ id, name: 'mix', phase: 'early', via: 'swaks', port: 25, from: S, to, expect, rejects });
    }
  }
  return out.map((s) => ({ ...s, messageId: `${s.id}.${s.name}@client.example.com`, subject: `M ${s.id} ${s.name}` }));
}
