#!/usr/bin/env node
// Independent reader for the MTA fixtures: derives test/fixtures/mta/expected.json
// from the MTAs' OWN status fields, and cross-checks it against what the
// scenarios intended (scenarios.mjs, as recorded by drive.mjs).
//
//   node expected.mjs FIXTURE_DIR [--intents-postfix F] [--intents-exim F]
//        [--intents-multi F] [--versions F]
//
// Deliberately small and line-based; it shares no code with the extension.
// Definitions (also in test/fixtures/mta/README.md):
//  * one record per (queue ID, envelope recipient); its state is the LAST
//    state in the file:
//      delivered  Postfix status=sent        Exim => or ->
//      deferred   Postfix status=deferred    Exim ==  (or accepted and never tried)
//      bounced    Postfix status=bounced     Exim ** (not "retry timeout exceeded")
//      expired    Postfix qmgr "status=expired" (applies to that message's
//                 recipients whose last state is deferred)
//                 Exim ** ... retry timeout exceeded
//  * attempts: Postfix status lines from delivery agents (anything but qmgr);
//    Exim =>, ->, **, == lines, except "== ... retry time not reached".
//  * rejected: each reject line counted once (Postfix "reject:" and
//    "milter-reject:", not "reject_warning:"; Exim "rejected RCPT|MAIL|EHLO|
//    HELO|after DATA"), temporary when 4xx (Exim: "temporarily rejected").
import fs from 'node:fs';
import path from 'node:path';

const args = process.argv.slice(2);
const FIX = args[0];
const opt = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const readJson = (f) => (f && fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, 'utf8')) : null);

// ---------------------------------------------------------------- Postfix ---
function readPostfix(text) {
  const records = new Map(); // "qid\0rcpt" -> record
  const messages = new Map();
  const rejections = [];
  const msg = (id) => {
    if (!messages.has(id)) messages.set(id, { queueId: id, messageId: null, from: null, nrcpt: null, notifications: [], queuedAs: [] });
    return messages.get(id);
  };
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const m = /^(\w{3} +\d+ \d\d:\d\d:\d\d|\d{4}-\d\d-\d\dT\S+) (\S+) (postfix[\w./-]*)\[(\d+)\]: (.*)$/.exec(line);
    if (!m) return;
    const prog = m[3];
    const agent = prog.split('/').pop();
    const rest = m[5];
    let r;
    if ((r = /^([0-9A-Za-z]+): to=<([^>]*)>(?:, orig_to=<([^>]*)>)?, relay=([^,]+), .*?status=(\w+)(?: \((.*)\))?$/.exec(rest)) && agent !== 'qmgr') {
      const [, qid, to, origTo, relay, status, text] = r;
      const state = { sent: 'delivered', deferred: 'deferred', bounced: 'bounced' }[status];
      if (!state) return; // e.g. verify probes: deliverable/undeliverable
      const key = `${qid}\0${to}`;
      if (!records.has(key)) records.set(key, { queueId: qid, recipient: to, state: null, attempts: 0 });
      const rec = records.get(key);
      if (origTo) rec.origRecipient = origTo;
      rec.state = state;
      rec.attempts++;
      rec.lastLine = i + 1;
      rec.lastAgent = prog;
      rec.lastRelay = relay;
      msg(qid);
      const q = status === 'sent' && /queued as ([0-9A-Za-z]+)\)?$/.exec(text ?? '');
      if (q) msg(qid).queuedAs.push({ recipient: to, id: q[1] });
    } else if ((r = /^([0-9A-Za-z]+): from=<([^>]*)>, status=expired, returned to sender$/.exec(rest))) {
      for (const rec of records.values())
        if (rec.queueId === r[1] && rec.state === 'deferred') {
          rec.state = 'expired';
          rec.lastLine = i + 1;
        }
      msg(r[1]).expiredLine = i + 1;
    } else if ((r = /^([0-9A-Za-z]+): from=<([^>]*)>, size=(\d+), nrcpt=(\d+)/.exec(rest))) {
      const mm = msg(r[1]);
      mm.from = r[2];
      mm.nrcpt = Number(r[4]);
    } else if ((r = /^([0-9A-Za-z]+): message-id=<?([^>]*)>?$/.exec(rest))) {
      msg(r[1]).messageId = r[2];
    } else if ((r = /^([0-9A-Za-z]+): (sender|postmaster) (non-delivery|delay|delivery status) notification: ([0-9A-Za-z]+)$/.exec(rest))) {
      const kind = { 'non-delivery': 'non-delivery', delay: 'delay', 'delivery status': 'delivery-status' }[r[3]];
      msg(r[1]).notifications.push({ kind, to: r[2], id: r[4] });
      msg(r[4]).notificationFor = r[1];
    } else if ((r = /^([0-9A-Za-z]+): (reject|milter-reject): (.*)$/.exec(rest))) {
      const body = r[3];
      let stage = null;
      let code = null;
      let dsn = null;
      let s;
      if ((s = /^(\S+) from [^:]*\]: (\d{3})(?: (\d\.\d{1,3}\.\d{1,3}))? /.exec(body))) [, stage, code, dsn] = s;
      else if ((s = /^(header|body|END-OF-MESSAGE|DATA)\b/.exec(body))) stage = s[1];
      if (!dsn && (s = /: (\d\.\d{1,3}\.\d{1,3}) [^:]*$/.exec(body))) dsn = s[1];
      const klass = code ? code[0] : dsn ? dsn[0] : null;
      rejections.push({ line: i + 1, queueId: r[1], program: prog, kind: r[2], stage, code, dsn, temporary: klass === '4' });
    }
  });
  return finish('postfix', records, messages, rejections);
}

// ------------------------------------------------------------------- Exim ---
const EXIM_ID = '[0-9A-Za-z]{6}-[0-9A-Za-z]{6}-[0-9A-Za-z]{2}|[0-9A-Za-z]{6}-[0-9A-Za-z]{11}-[0-9A-Za-z]{4}';
function readExim(text) {
  const records = new Map();
  const messages = new Map();
  const rejections = [];
  const msg = (id) => {
    if (!messages.has(id)) messages.set(id, { queueId: id, messageId: null, from: null, notifications: [], subject: null });
    return messages.get(id);
  };
  const rec = (id, rcpt) => {
    const key = `${id}\0${rcpt}`;
    if (!records.has(key)) records.set(key, { queueId: id, recipient: rcpt, state: 'deferred', attempts: 0 });
    return records.get(key);
  };
  text.split('\n').forEach((line, i) => {
    const m = /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?)(?: [+-]\d{4})? (?:\[\d+\] )?(.*)$/.exec(line);
    if (!m) return;
    const rest = m[2];
    const rj = /\b(temporarily )?rejected (RCPT|MAIL|EHLO|HELO|after DATA)\b/.exec(rest);
    if (rj) {
      const idm = new RegExp(`^(${EXIM_ID}) `).exec(rest);
      rejections.push({ line: i + 1, queueId: idm ? idm[1] : null, stage: rj[2], temporary: !!rj[1] });
      return;
    }
    const r = new RegExp(`^(${EXIM_ID}) (<=|=>|->|\\*\\*|==) (.*)$`).exec(rest);
    if (!r) return;
    const [, id, flag, body] = r;
    if (flag === '<=') {
      const mm = msg(id);
      mm.from = body.split(' ')[0];
      mm.messageId = / id=(\S+)/.exec(body)?.[1] ?? null;
      mm.subject = / T="((?:[^"\\]|\\.)*)"/.exec(body)?.[1] ?? null;
      const parent = / R=(\S+)/.exec(body)?.[1];
      if (parent && mm.from === '<>') {
        const kind = /^Warning: message .* delayed/.test(mm.subject ?? '') ? 'delay' : /delivery failed/i.test(mm.subject ?? '') ? 'non-delivery' : 'other';
        msg(parent).notifications.push({ kind, id });
        mm.notificationFor = parent;
      }
      const f = / for ((?:\S+ ?)+)$/.exec(body.replace(/ T="(?:[^"\\]|\\.)*"/, ''));
      if (f) for (const a of f[1].trim().split(' ')) rec(id, a);
      return;
    }
    // "=> local <orig@dom> R=..." logs the original address in <>; "** addr: error" ends it with ':'.
    const a = /^(\S+?):?(?: <([^>]+)>)?(?: |$)/.exec(body);
    const rcpt = a[2] ?? a[1];
    if (flag === '==' && /retry time not reached/.test(body)) {
      rec(id, rcpt); // a queue run that skipped it: not an attempt
      return;
    }
    const x = rec(id, rcpt);
    x.attempts++;
    x.lastLine = i + 1;
    x.state =
      flag === '=>' || flag === '->' ? 'delivered' : flag === '==' ? 'deferred' : /retry timeout exceeded/.test(body) ? 'expired' : 'bounced';
    msg(id);
  });
  return finish('exim', records, messages, rejections);
}

function finish(mta, records, messages, rejections) {
  const recs = [...records.values()];
  const totals = { delivered: 0, deferred: 0, bounced: 0, expired: 0, rejected: rejections.length };
  for (const r of recs) totals[r.state]++;
  const msgs = {};
  for (const [id, m] of messages) msgs[id] = m;
  // "queued as NEWID": a hop inside this log (content filter) or the remote server's own ID.
  for (const m of messages.values()) for (const q of m.queuedAs ?? []) q.inThisLog = messages.has(q.id);
  return { mta, totals, recipients: recs, messages: msgs, rejections };
}

// -------------------------------------------------------------- eml (DSN) ---
function unfoldHeaders(block) {
  const out = [];
  for (const l of block.split(/\r?\n/)) {
    // Unfold, collapsing the fold's whitespace to one space ("address\n    rejected" -> "address rejected").
    if (/^[ \t]/.test(l) && out.length) out[out.length - 1] = `${out[out.length - 1].replace(/[ \t]+$/, '')} ${l.trim()}`;
    else if (l) out.push(l);
  }
  return out.map((l) => {
    const i = l.indexOf(':');
    return [l.slice(0, i).trim().toLowerCase(), l.slice(i + 1).trim()];
  });
}
const hget = (hs, name) => hs.find(([k]) => k === name)?.[1] ?? null;
function splitHead(text) {
  const m = /\r?\n\r?\n/.exec(text);
  return m ? [text.slice(0, m.index), text.slice(m.index + m[0].length)] : [text, ''];
}
function parts(body, ctype) {
  const b = /boundary="?([^";]+)"?/i.exec(ctype ?? '');
  if (!b) return [];
  const chunks = body.split(new RegExp(`^--${b[1].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:--)?[ \\t]*\\r?$`, 'm'));
  return chunks.slice(1, -1).map((c) => {
    const [h, bd] = splitHead(c.replace(/^\r?\n/, ''));
    return { headers: unfoldHeaders(h), body: bd };
  });
}
function readEml(text) {
  const [h, body] = splitHead(text);
  const hs = unfoldHeaders(h);
  const ps = parts(body, hget(hs, 'content-type'));
  const res = {
    subject: hget(hs, 'subject'),
    from: hget(hs, 'from'),
    reportingMta: null,
    queueId: null,
    originalEnvelopeId: null,
    returnedMessageId: null,
    recipients: [],
    source: null,
  };
  const dsn = ps.find((p) => /^message\/delivery-status/i.test(hget(p.headers, 'content-type') ?? ''));
  if (dsn) {
    res.source = 'message/delivery-status';
    const groups = dsn.body.split(/\r?\n[ \t]*\r?\n/).map((g) => unfoldHeaders(g)).filter((g) => g.length);
    const [perMsg, ...perRcpt] = groups;
    res.reportingMta = hget(perMsg, 'reporting-mta');
    res.queueId = hget(perMsg, 'x-postfix-queue-id');
    res.originalEnvelopeId = hget(perMsg, 'original-envelope-id');
    for (const g of perRcpt) {
      const strip = (v) => (v ? v.replace(/^rfc822;\s*/i, '') : null);
      res.recipients.push({
        finalRecipient: strip(hget(g, 'final-recipient')),
        originalRecipient: strip(hget(g, 'original-recipient')),
        action: hget(g, 'action'),
        status: hget(g, 'status'),
        diagnosticCode: hget(g, 'diagnostic-code'),
        remoteMta: hget(g, 'remote-mta'),
      });
    }
  } else {
    res.source = 'text';
    const failed = hget(hs, 'x-failed-recipients');
    if (failed) for (const a of failed.split(/,\s*/)) res.recipients.push({ finalRecipient: a.trim(), action: 'failed' });
  }
  const ret = ps.find((p) => /^(message\/rfc822|text\/rfc822-headers)/i.test(hget(p.headers, 'content-type') ?? ''));
  if (ret) {
    const [rh] = splitHead(ret.body);
    res.returnedMessageId = (hget(unfoldHeaders(rh), 'message-id') ?? '').replace(/^<|>$/g, '') || null;
    res.returnedSubject = hget(unfoldHeaders(rh), 'subject');
  }
  return res;
}

// ------------------------------------------------------------ cross-check ---
function crossCheck(log, intents, bounces, label) {
  const problems = [];
  const scen = [];
  if (!intents) return { scenarios: [], problems };
  const byMid = new Map();
  for (const m of Object.values(log.messages)) {
    if (!m.messageId) continue;
    if (!byMid.has(m.messageId)) byMid.set(m.messageId, []);
    byMid.get(m.messageId).push(m.queueId);
  }
  for (const s of intents) {
    const qids = byMid.get(s.messageId) ?? [];
    const observed = {};
    for (const r of log.recipients) if (qids.includes(r.queueId)) (observed[r.recipient] ??= []).push(r.state);
    const entry = { id: s.id, name: s.name, messageId: s.messageId, queueIds: qids, intended: s.expect, observed, rejectsIntended: s.rejects.length, ok: true };
    for (const [rcpt, want] of Object.entries(s.expect)) {
      const got = observed[rcpt];
      if (!got || got.some((g) => g !== want)) {
        entry.ok = false;
        problems.push(`${label} ${s.id} ${s.name}: ${rcpt} intended ${want}, log says ${got ? got.join('/') : 'nothing'}`);
      }
    }
    for (const rcpt of Object.keys(observed))
      if (!(rcpt in s.expect)) {
        entry.ok = false;
        problems.push(`${label} ${s.id} ${s.name}: unexpected recipient ${rcpt} (${observed[rcpt].join('/')})`);
      }
    for (const rj of s.rejects) {
      const hits = log.rejections.filter((x) => x.text.includes(rj.match));
      const want = rj.count ?? 1;
      if (hits.length !== want || hits.some((h) => h.temporary !== rj.temporary)) {
        entry.ok = false;
        problems.push(`${label} ${s.id} ${s.name}: reject "${rj.match}" intended ${want}x (${rj.temporary ? '4xx' : '5xx'}), found ${hits.length}${hits.length ? ` (${hits.map((h) => (h.temporary ? '4xx' : '5xx')).join(',')})` : ''}`);
      }
    }
    scen.push(entry);
  }
  // Every bounced/expired recipient of an ordinary message is reported failed in some .eml.
  if (bounces) {
    for (const r of log.recipients) {
      if (r.state !== 'bounced' && r.state !== 'expired') continue;
      const m = log.messages[r.queueId];
      if (!m || m.from === '' || m.from === '<>') continue;
      const found = Object.values(bounces).some(
        (b) =>
          (log.mta === 'postfix' ? b.queueId === r.queueId : b.returnedMessageId === m.messageId) &&
          b.recipients.some((x) => /^failed$/i.test(x.action ?? '') && (x.finalRecipient === r.recipient || x.originalRecipient === r.recipient)),
      );
      if (!found) problems.push(`${label}: no .eml reports ${r.queueId} ${r.recipient} (${r.state}) as failed`);
    }
  }
  return { scenarios: scen, problems };
}

// ------------------------------------------------------------------- main ---
const out = {
  about:
    'Expected delivery outcomes for the MTA fixtures, derived by scripts/mta/expected.mjs from the MTAs\' own status fields. See test/fixtures/mta/README.md for the definitions.',
  versions: readJson(opt('--versions')),
  logs: {},
  bounces: {},
  crossCheck: { problems: [] },
};
const withText = (text, res) => {
  const lines = text.split('\n');
  for (const r of res.rejections) r.text = lines[r.line - 1];
  return res;
};
const rel = (p) => path.relative(FIX, p);
const emlDir = (d) =>
  fs.existsSync(d)
    ? fs
        .readdirSync(d)
        .filter((f) => f.endsWith('.eml'))
        .sort()
        .map((f) => path.join(d, f))
    : [];
for (const f of [...emlDir(path.join(FIX, 'postfix/bounces')), ...emlDir(path.join(FIX, 'exim/bounces'))])
  out.bounces[rel(f)] = readEml(fs.readFileSync(f, 'latin1'));

const pick = (prefix) => Object.fromEntries(Object.entries(out.bounces).filter(([k]) => k.startsWith(prefix)));
const jobs = [
  ['postfix/mail.log', readPostfix, opt('--intents-postfix'), pick('postfix/')],
  ['postfix/mail-multi.log', readPostfix, opt('--intents-multi'), null],
  ['exim/mainlog', readExim, opt('--intents-exim'), pick('exim/')],
  ['exim/rejectlog', readExim, null, null],
];
for (const [name, reader, intentsFile, bounces] of jobs) {
  const file = path.join(FIX, name);
  if (!fs.existsSync(file)) continue;
  const text = fs.readFileSync(file, 'utf8');
  const log = withText(text, reader(text));
  const cc = crossCheck(log, readJson(intentsFile), bounces, name);
  for (const r of log.rejections) delete r.text;
  out.logs[name] = { ...log, scenarios: cc.scenarios };
  out.crossCheck.problems.push(...cc.problems);
}
fs.writeFileSync(path.join(FIX, 'expected.json'), JSON.stringify(out, null, 1) + '\n');
for (const [name, l] of Object.entries(out.logs)) console.log(`expected: ${name}: ${JSON.stringify(l.totals)}`);
console.log(`expected: ${Object.keys(out.bounces).length} .eml files read`);
if (out.crossCheck.problems.length) {
  console.log('expected: CROSS-CHECK DIFFERENCES (explain them in README.md):');
  for (const p of out.crossCheck.problems) console.log(`  - ${p}`);
} else console.log('expected: cross-check OK (every scenario ended as intended)');
