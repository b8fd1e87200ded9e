#!/usr/bin/env node
// Rewrites the generated block of test/fixtures/mta/README.md (versions, totals,
// sizes) from expected.json, between <!-- generated:start --> and <!-- generated:end -->.
//   node readme-block.mjs FIXTURE_DIR
import fs from 'node:fs';
import path from 'node:path';

const fix = process.argv[2];
const readme = path.join(fix, 'README.md');
if (!fs.existsSync(readme)) process.exit(0);
const e = JSON.parse(fs.readFileSync(path.join(fix, 'expected.json'), 'utf8'));
const v = e.versions ?? {};
const size = (f) => (fs.existsSync(path.join(fix, f)) ? `${(fs.statSync(path.join(fix, f)).size / 1024).toFixed(1)} KB` : '-');
const lines = [
  '<!-- generated:start (scripts/mta/readme-block.mjs; do not edit by hand) -->',
  `Produced with: Postfix ${v.postfix ?? '?'}, Exim ${v.exim ?? '?'} (${v.eximBanner ?? ''}), swaks ${v.swaks ?? '?'}, Node ${v.node ?? '?'}.`,
  `Debian packages: ${(v.debianPackages ?? []).map((p) => p.replace(/\s+/, ' ')).join('; ')}.`,
  '',
  '| file | size | delivered | deferred | bounced | expired | rejected (4xx) |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  ...Object.entries(e.logs).map(([f, l]) => {
    const t = l.totals;
    const temp = l.rejections.filter((r) => r.temporary).length;
    return `| ${f} | ${size(f)} | ${t.delivered} | ${t.deferred} | ${t.bounced} | ${t.expired} | ${t.rejected} (${temp}) |`;
  }),
  '',
  `Notifications: ${Object.keys(e.bounces).filter((b) => b.startsWith('postfix/')).length} Postfix .eml, ${Object.keys(e.bounces).filter((b) => b.startsWith('exim/')).length} Exim .eml.`,
  `Cross-check against the scenarios' intentions: ${e.crossCheck.problems.length ? `${e.crossCheck.problems.length} difference(s), listed in expected.json crossCheck.problems` : 'no differences'}.`,
  '<!-- generated:end -->',
];
const text = fs.readFileSync(readme, 'utf8');
const re = /<!-- generated:start[\s\S]*?<!-- generated:end -->/;
fs.writeFileSync(readme, re.test(text) ? text.replace(re, lines.join('\n')) : `${text.trimEnd()}\n\n${lines.join('\n')}\n`);
console.log('readme-block: updated', readme);
