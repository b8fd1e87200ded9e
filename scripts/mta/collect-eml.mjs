#!/usr/bin/env node
// Copies the notifications (bounces, delay warnings, success DSNs) that the
// MTA delivered into the local Maildirs to DEST as .eml files, in delivery
// order, named NN-<scenario tag>-<first Action>.eml. Ordinary mail that was
// delivered locally (a scenario addressed to sender@example.com) is skipped.
//
//   node collect-eml.mjs MAILDIR_ROOT DEST
import fs from 'node:fs';
import path from 'node:path';

const [root, dest] = process.argv.slice(2);
const files = [];
const walk = (d) => {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) walk(p);
    else if (/\/(new|cur)\//.test(p)) files.push(p);
  }
};
if (fs.existsSync(root)) walk(root);
// Maildir names start with the delivery time in seconds; the mtime orders within a second.
files.sort((a, b) => {
  const sa = fs.statSync(a).mtimeMs;
  const sb = fs.statSync(b).mtimeMs;
  return sa - sb || path.basename(a).localeCompare(path.basename(b));
});
fs.mkdirSync(dest, { recursive: true });
let n = 0;
for (const f of files) {
  const text = fs.readFileSync(f, 'latin1');
  const head = text.split(/\r?\n\r?\n/)[0];
  const isReport = /^Content-Type:\s*multipart\/report/im.test(head);
  const fromDaemon = /^From:.*mailer-daemon/im.test(head);
  if (!isReport && !fromDaemon) continue;
  // The scenario tag is the Subject of the returned message ("P07 mixed-recipients").
  const subjects = [...text.matchAll(/^Subject: (.*)$/gim)].map((m) => m[1]);
  const inner = subjects.slice(1).find((s) => /^[PEM]\s?\d+ /.test(s)) ?? 'unknown';
  const tag = inner.replace(/^([PEM])\s?(\d+) /, '$1$2-').replace(/[^A-Za-z0-9.-]+/g, '-');
  const action = (/^Action:\s*(\S+)/im.exec(text)?.[1] ?? 'noaction').toLowerCase();
  const name = `${String(++n).padStart(2, '0')}-${tag}-${action}.eml`;
  fs.copyFileSync(f, path.join(dest, name));
}
console.log(`collect-eml: ${n} notification(s) -> ${dest}`);
