#!/usr/bin/env node
// Scenario driver: submits the scenarios of scenarios.mjs to a running Postfix
// or Exim (with swaks over SMTP, or Postfix's own sendmail), waits for the
// queue to reach the intended end state, and writes the intentions as JSON.
//
//   node drive.mjs --mta postfix --set main --log LOG --intents OUT \
//        --postfix-conf DIR
//   node drive.mjs --mta exim --set main --log LOG --intents OUT \
//        --exim BIN --exim-conf FILE
//   node drive.mjs --mta postfix --set multi ...
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { scenariosFor, multiScenarios } from './scenarios.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const MTA = opt('--mta');
const SET = opt('--set', 'main');
const LOG = opt('--log');
const INTENTS = opt('--intents');
const PF_CONF = opt('--postfix-conf');
const EXIM = opt('--exim');
const EXIM_CONF = opt('--exim-conf');
const LATE_AFTER = Number(opt('--late-after', '25')); // seconds after the start
const MIN_TOTAL = Number(opt('--min-total', '45'));
const MAX_TOTAL = Number(opt('--max-total', '150'));

const sleep = (s) => new Promise((r) => setTimeout(r, s * 1000));
const t0 = Date.now();
const elapsed = () => (Date.now() - t0) / 1000;
const say = (m) => console.log(`[drive ${MTA}/${SET} +${elapsed().toFixed(1)}s] ${m}`);

function submit(s) {
  if (s.via === 'sendmail') {
    // Postfix's sendmail(1): -N DSN notify, -V envelope id.
    const msg = `From: ${s.from}\nTo: ${s.to.join(', ')}\nSubject: ${s.subject}\nMessage-Id: <${s.messageId}>\n\nThis is a test mailing\n`;
    const a = ['-C', PF_CONF, '-f', s.from];
    if (s.dsn) a.push('-N', s.dsn);
    if (s.envid) a.push('-V', s.envid);
    a.push(...s.to);
    const r = spawnSync('/usr/sbin/sendmail', a, { input: msg });
    return r.status;
  }
  const a = [
    '--server', `127.0.0.1:${s.port}`,
    '--helo', s.helo ?? 'client.example.com',
    '--from', s.from,
    '--to', s.to.join(','),
    '--header', `Subject: ${s.subject}`,
    '--header', `Message-Id: <${s.messageId}>`,
  ];
  if (s.li) a.push('--local-interface', s.li);
  const r = spawnSync('swaks', a, { encoding: 'utf8' });
  return r.status;
}

/** Queue IDs in the queue now, with their pending recipients. */
function queued() {
  if (MTA === 'postfix') {
    const out = execFileSync('postqueue', ['-c', PF_CONF, '-j'], { encoding: 'utf8' });
    return out
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .map((j) => ({ id: j.queue_id, queue: j.queue_name, rcpts: j.recipients.map((r) => r.address) }));
  }
  const out = execFileSync(EXIM, ['-C', EXIM_CONF, '-bp'], { encoding: 'utf8' });
  const res = [];
  let cur = null;
  for (const line of out.split('\n')) {
    const m = /^\s*\S+\s+\S+\s+([0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4})\s/.exec(line);
    if (m) res.push((cur = { id: m[1], queue: 'queue', rcpts: [] }));
    else if (cur && /^\s+(?!D )\S+@\S+/.test(line)) cur.rcpts.push(line.trim());
  }
  return res;
}

/** message-id -> queue IDs, from the MTA's log. */
function idsByMessageId() {
  const map = new Map();
  const text = fs.existsSync(LOG) ? fs.readFileSync(LOG, 'utf8') : '';
  const re =
    MTA === 'postfix'
      ? /: ([0-9A-Za-z]+): message-id=<([^>]*)>/g
      : / ([0-9A-Za-z]{6}-[0-9A-Za-z]{6,11}-[0-9A-Za-z]{2,4}) <= .*? id=(\S+)/g;
  for (const m of text.matchAll(re)) {
    if (!map.has(m[2])) map.set(m[2], new Set());
    map.get(m[2]).add(m[1]);
  }
  return map;
}

async function main() {
  const list = SET === 'multi' ? multiScenarios(Number(opt('--count', '100'))) : scenariosFor(MTA);
  const early = list.filter((s) => s.phase === 'early');
  const late = list.filter((s) => s.phase === 'late');
  const sent = [];
  const send = (s) => {
    const rc = submit(s);
    sent.push({ ...s, submitExit: rc });
  };
  for (const s of early) send(s);
  say(`sent ${early.length} early scenarios`);

  if (SET === 'multi') {
    // Wait until only recipients that can never succeed (452 mailbox full,
    // connection refused) are left, and nothing is in the active queue.
    const stuck = /^(full-\d+@bounce\.test|.*@refused\.test)$/;
    let ok = 0;
    while (elapsed() < MAX_TOTAL) {
      await sleep(2);
      const q = queued();
      const done = q.every((m) => m.queue === 'deferred' && m.rcpts.every((r) => stuck.test(r)));
      ok = done ? ok + 1 : 0;
      if (ok >= 2 && elapsed() >= MIN_TOTAL) break;
    }
    say(`queue at stop: ${queued().length} messages`);
  } else {
    while (elapsed() < LATE_AFTER) await sleep(1);
    for (const s of late) send(s);
    say(`sent ${late.length} late scenarios`);
    // Wait until everything left in the queue is one of the late messages.
    let ok = 0;
    while (elapsed() < MAX_TOTAL) {
      await sleep(2);
      const byMid = idsByMessageId();
      const lateIds = new Set(late.flatMap((s) => [...(byMid.get(s.messageId) ?? [])]));
      const q = queued();
      const done = q.every((m) => lateIds.has(m.id));
      ok = done ? ok + 1 : 0;
      if (ok >= 2 && elapsed() >= MIN_TOTAL) break;
    }
    const q = queued();
    say(`queue at stop: ${q.map((m) => m.id).join(' ') || '(empty)'}`);
    if (elapsed() >= MAX_TOTAL) say('WARNING: gave up waiting for the early scenarios to finish');
  }
  fs.writeFileSync(
    INTENTS,
    JSON.stringify(
      sent.map(({ id, name, phase, via, port, from, to, li, helo, messageId, subject, expect, rejects, submitExit, dsn, envid }) => ({
        id, name, phase, via, port, from, to, li, helo, messageId, subject, expect, rejects, submitExit, dsn, envid,
      })),
      null,
      1,
    ) + '\n',
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
