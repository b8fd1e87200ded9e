// `npm run eval`: measures the engine on data nobody here wrote (../shared/corpus):
// line-level precision and recall of codes on labelled mail-log lines, class accuracy,
// the share of bounce recipients whose expected status is reported, and knowledge-base
// coverage of the registry. Prints the misses so they can be read.
// Exits 1 when a target is missed (so CI notices a regression), 0 otherwise, and 0 with a
// clear message when ../shared is absent.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { scanText } from '../server/src/engine/scanner/index';
import { VERDICTS, type LogFamily, type Verdict } from '../server/src/engine/outcomes/types';
import { ENHANCED_CODES, REPLY_CODES } from '../server/src/engine/knowledge/index';
import { explainCode } from '../server/src/engine/explain';
import { explainFinding } from '../server/src/engine/features/describe';
import type { Finding } from '../server/src/engine/types';
import { analyzeEmail, analyzeLog } from '../server/src/engine/analysis';
import { computeProblems } from '../server/src/engine/features/diagnostics';
import { DEFAULT_SETTINGS } from '../server/src/engine/features/settings';

const TARGETS = { precision: 99.5, recall: 99, bounceFound: 98, bounceClass: 99, problemsPerRecipient: 90 };

function findShared(): string | null {
  const candidates = [process.env.SMTP_CODES_SHARED, resolve(__dirname, '..', '..', '..', 'shared'), resolve(process.cwd(), '..', 'shared')];
  for (const c of candidates) if (c && existsSync(join(c, 'corpus'))) return c;
  return null;
}

const pct = (n: number, d: number): string => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(2)} %`);
const ratio = (n: number, d: number): number => (d === 0 ? 100 : (100 * n) / d);
const verbose = process.argv.includes('--verbose');
const maxMisses = verbose ? Infinity : 40;

interface Gold {
  file: string;
  line: number;
  text: string;
  codes: { code: string | null; enhanced: string | null; class: string }[];
}

function pairKey(reply: string | null, enhanced: string | null): string {
  return `${reply ?? '-'}/${enhanced ?? '-'}`;
}

/** Findings by every line they cover: a multi-line reply counts on each of its lines. */
function findingsByLine(findings: Finding[]): Map<number, Finding[]> {
  const map = new Map<number, Finding[]>();
  for (const f of findings) {
    const lines = new Set([f.range.start.line, ...(f.otherRanges ?? []).map((r) => r.start.line)]);
    for (const l of lines) {
      const list = map.get(l + 1);
      if (list) list.push(f);
      else map.set(l + 1, [f]);
    }
  }
  return map;
}

function evalLogs(shared: string): boolean {
  const dir = join(shared, 'corpus', 'logs');
  // `--labels FILE` evaluates against another label file of the same format (lines marked ambiguous are left out).
  const labelsArg = process.argv.indexOf('--labels');
  const goldPath = labelsArg > 0 ? resolve(process.argv[labelsArg + 1]) : join(dir, 'expected.jsonl');
  if (!existsSync(goldPath)) {
    console.log('logs: no expected.jsonl, skipped');
    return true;
  }
  const gold: Gold[] = readFileSync(goldPath, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l))
    .filter((g: Gold & { ambiguous?: boolean }) => !g.ambiguous);
  console.log(`labels: ${goldPath}`);
  const cache = new Map<string, Map<number, Finding[]>>();
  interface Tally {
    tp: number;
    fp: number;
    fn: number;
    classOk: number;
    classTotal: number;
    lines: number;
  }
  const bySource = new Map<string, Tally>();
  const total: Tally = { tp: 0, fp: 0, fn: 0, classOk: 0, classTotal: 0, lines: 0 };
  const misses: string[] = [];
  for (const g of gold) {
    if (!cache.has(g.file)) {
      const text = readFileSync(join(dir, g.file), 'utf8');
      cache.set(g.file, findingsByLine(scanText(text, { kind: 'log' })));
    }
    const found = cache.get(g.file)!.get(g.line) ?? [];
    const source = g.file.split('/')[0];
    const t = bySource.get(source) ?? { tp: 0, fp: 0, fn: 0, classOk: 0, classTotal: 0, lines: 0 };
    bySource.set(source, t);
    const predicted = new Map(found.map((f) => [pairKey(f.reply, f.enhanced), f]));
    const expected = new Map(g.codes.map((c) => [pairKey(c.code, c.enhanced), c]));
    for (const tally of [t, total]) tally.lines++;
    for (const [key, c] of expected) {
      const f = predicted.get(key);
      if (f) {
        for (const tally of [t, total]) {
          tally.tp++;
          tally.classTotal++;
          if (f.class === c.class) tally.classOk++;
        }
        if (f.class !== c.class) misses.push(`CLASS ${g.file}:${g.line} ${key} engine=${f.class} expected=${c.class}`);
      } else {
        for (const tally of [t, total]) tally.fn++;
        misses.push(`MISS  ${g.file}:${g.line} ${key}\n        ${g.text.slice(0, 300)}`);
      }
    }
    for (const key of predicted.keys()) {
      if (!expected.has(key)) {
        for (const tally of [t, total]) tally.fp++;
        misses.push(`FALSE ${g.file}:${g.line} ${key}\n        ${g.text.slice(0, 300)}`);
      }
    }
  }
  console.log('\n## Mail-log lines (corpus/logs/expected.jsonl)\n');
  console.log('source                     lines   codes  precision    recall   class ok');
  const row = (name: string, t: Tally) =>
    console.log(
      `${name.padEnd(25)} ${String(t.lines).padStart(6)} ${String(t.tp + t.fn).padStart(7)} ${pct(t.tp, t.tp + t.fp).padStart(10)} ${pct(t.tp, t.tp + t.fn).padStart(9)} ${pct(t.classOk, t.classTotal).padStart(10)}`,
    );
  for (const [name, t] of [...bySource].sort()) row(name, t);
  row('OVERALL', total);
  if (misses.length) {
    console.log(`\nmisses (${misses.length}${misses.length > maxMisses ? `, first ${maxMisses}; --verbose for all` : ''}):`);
    for (const m of misses.slice(0, maxMisses)) console.log(`  ${m}`);
  }
  const precision = ratio(total.tp, total.tp + total.fp);
  const recall = ratio(total.tp, total.tp + total.fn);
  const ok = precision >= TARGETS.precision && recall >= TARGETS.recall;
  console.log(`\ntargets: precision >= ${TARGETS.precision} % (${precision.toFixed(2)}), recall >= ${TARGETS.recall} % (${recall.toFixed(2)}): ${ok ? 'met' : 'MISSED'}`);
  return ok;
}

interface Recipient {
  status: string;
  hardbounce?: boolean | number | null;
  replycode: string;
  class_by_status: string | null;
  class_by_replycode: string | null;
  status_literal_in_email: boolean | null;
  replycode_literal_in_email: boolean | null;
  reason: string;
}

/**
 * The mapping of sisimai's reasons to ours (README, "Bounce reasons"): a recipient agrees when
 * our reason is one of the listed. Where sisimai's reason is wider than one of ours (filtered,
 * securityerror) several of ours count; where it is about the sender's side of one of our
 * reasons (requireptr is reverse DNS, which we count as sender authentication or a block) too.
 */
const SISIMAI_REASONS: Record<string, string[]> = {
  userunknown: ['user-unknown'],
  mailboxfull: ['mailbox-full'],
  hostunknown: ['host-unknown'],
  blocked: ['blocked'],
  badreputation: ['blocked'],
  spamdetected: ['spam'],
  virusdetected: ['virus'],
  policyviolation: ['policy'],
  authfailure: ['sender-authentication'],
  requireptr: ['sender-authentication', 'blocked'],
  speeding: ['rate-limited'],
  toomanyconn: ['rate-limited'],
  mesgtoobig: ['too-large'],
  exceedlimit: ['too-many-recipients', 'too-large'],
  expired: ['expired', 'network'],
  networkerror: ['network', 'host-unknown'],
  systemerror: ['system'],
  systemfull: ['system'],
  mailererror: ['system'],
  suspend: ['mailbox-disabled'],
  hasmoved: ['has-moved'],
  notaccept: ['not-accepting-mail', 'host-unknown'],
  norelaying: ['relay-denied'],
  rejected: ['sender-rejected'],
  contenterror: ['content'],
  notcompliantrfc: ['content'],
  syntaxerror: ['protocol'],
  securityerror: ['smtp-auth', 'tls-required', 'policy'],
  failedstarttls: ['tls-required'],
  filtered: ['policy', 'spam', 'content'],
  onhold: ['unclassified'],
  undefined: ['unclassified'],
};

/** The hard/soft disagreements with sisimai that were read and judged: `file status` → why ours stands. */
const JUSTIFIED_PATH = resolve(__dirname, '..', '..', 'scripts', 'eval-hardsoft-justified.json');

function evalBounces(shared: string): boolean {
  const dir = join(shared, 'corpus', 'eml');
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    console.log('bounces: no manifest.json, skipped');
    return true;
  }
  const manifest: { file: string; recipients: Recipient[] | null }[] = JSON.parse(readFileSync(manifestPath, 'utf8'));
  let statusTotal = 0;
  let statusFound = 0;
  let classOk = 0;
  let replyTotal = 0;
  let replyFound = 0;
  let messages = 0;
  let findingsTotal = 0;
  const misses: string[] = [];
  let reasonTotal = 0;
  let reasonAgree = 0;
  const reasonMisses = new Map<string, string[]>();
  const perReason = new Map<string, { total: number; agree: number }>();
  let hardSoftTotal = 0;
  const hardSoftDisagreements: { key: string; line: string }[] = [];
  const justified: Record<string, string> = existsSync(JUSTIFIED_PATH) ? JSON.parse(readFileSync(JUSTIFIED_PATH, 'utf8')) : {};
  const started = Date.now();
  for (const entry of manifest) {
    if (!entry.recipients) continue;
    const path = join(dir, 'files', entry.file);
    if (!existsSync(path)) continue;
    messages++;
    const findings = scanText(readFileSync(path, 'utf8'), { kind: 'eml' });
    findingsTotal += findings.length;
    for (const r of entry.recipients) {
      if (r.status_literal_in_email) {
        statusTotal++;
        const withStatus = findings.filter((f) => f.enhanced === r.status);
        if (withStatus.length) {
          statusFound++;
          const expectedClass = r.replycode_literal_in_email && r.class_by_replycode ? r.class_by_replycode : r.class_by_status;
          const best = withStatus.find((f) => f.reply === r.replycode) ?? withStatus[0];
          if (best.class === expectedClass) classOk++;
          else misses.push(`CLASS  ${entry.file} ${r.replycode} ${r.status}: engine ${best.class}, expected ${expectedClass}`);
        } else {
          const seen = [...new Set(findings.map((f) => `${f.reply ?? '-'}/${f.enhanced ?? '-'}`))].join(' ') || 'nothing';
          misses.push(`STATUS ${entry.file} expected ${r.status} (${r.replycode || 'no reply'}); found ${seen}`);
        }
      }
      if (r.status_literal_in_email) {
        const withStatus = findings.filter((f) => f.enhanced === r.status);
        const best = withStatus.find((f) => f.reply === r.replycode) ?? withStatus[0];
        const ex = best ? explainFinding(best) : undefined;
        const ours = ex?.reason?.id;
        const theirs = SISIMAI_REASONS[r.reason];
        if (best && theirs) {
          reasonTotal++;
          const tally = perReason.get(r.reason) ?? { total: 0, agree: 0 };
          perReason.set(r.reason, tally);
          tally.total++;
          if (theirs.includes(ours ?? '')) {
            reasonAgree++;
            tally.agree++;
          } else {
            const k = `${r.reason} → ${ours}`;
            const list = reasonMisses.get(k) ?? [];
            reasonMisses.set(k, list);
            list.push(`${entry.file} ${best.reply ?? '-'} ${best.enhanced ?? '-'}: ${best.text.slice(0, 110)}`);
          }
        }
        // Hard or soft: sisimai's flag against ours, on permanent failures (a transient one is soft for both).
        if (best && ex && ex.class === 'permanent' && typeof r.hardbounce !== 'undefined' && r.hardbounce !== null) {
          hardSoftTotal++;
          const theirsHard = Boolean(r.hardbounce);
          if (theirsHard !== (ex.bounce === 'hard')) {
            const key = `${entry.file} ${r.status}`;
            hardSoftDisagreements.push({ key, line: `${key}: sisimai ${theirsHard ? 'hard' : 'soft'} (${r.reason}), ours ${ex.bounce} (${ours}): ${best.text.slice(0, 100)}` });
          }
        }
      }
      if (r.replycode_literal_in_email && r.replycode) {
        replyTotal++;
        if (findings.some((f) => f.reply === r.replycode)) replyFound++;
        else misses.push(`REPLY  ${entry.file} expected ${r.replycode} (${r.status || 'no status'})`);
      }
    }
  }
  // Informative: how often our bounce reason agrees with sisimai's (a different taxonomy, mapped).
  console.log('');
  let notBounceFindings = 0;
  const notDir = join(dir, 'not-bounce');
  if (existsSync(notDir)) {
    for (const name of readdirSync(notDir)) {
      notBounceFindings += scanText(readFileSync(join(notDir, name), 'utf8'), { kind: 'eml' }).filter((f) => f.class !== 'success').length;
    }
  }
  console.log('\n## Bounce messages (corpus/eml/manifest.json)\n');
  console.log(`messages scanned: ${messages} in ${Date.now() - started} ms, findings: ${findingsTotal}`);
  console.log(`recipients with a literal status: ${statusTotal}; status reported: ${statusFound} (${pct(statusFound, statusTotal)}); right class: ${classOk} (${pct(classOk, statusFound)})`);
  console.log(`recipients with a literal reply code: ${replyTotal}; reply code reported: ${replyFound} (${pct(replyFound, replyTotal)})`);
  console.log(`failure findings in the 3 non-bounce messages: ${notBounceFindings}`);
  console.log(`bounce reason agrees with sisimai's (informative, taxonomies mapped): ${reasonAgree} / ${reasonTotal} (${pct(reasonAgree, reasonTotal)})`);
  console.log('  per sisimai reason (agree / total):');
  for (const [name, t] of [...perReason].sort((a, b) => b[1].total - a[1].total)) {
    console.log(`    ${name.padEnd(16)} ${String(t.agree).padStart(3)} / ${String(t.total).padEnd(3)} ${pct(t.agree, t.total).padStart(9)}   ours: ${SISIMAI_REASONS[name].join(', ')}`);
  }
  if (verbose) {
    console.log('  disagreements:');
    for (const [k, list] of [...reasonMisses].sort((a, b) => b[1].length - a[1].length)) {
      console.log(`    ${String(list.length).padStart(3)}  ${k}`);
      for (const l of list.slice(0, 3)) console.log(`           ${l}`);
    }
  }
  const unjustified = hardSoftDisagreements.filter((d) => !justified[d.key]);
  console.log(`hard/soft agrees with sisimai on permanent failures: ${hardSoftTotal - hardSoftDisagreements.length} / ${hardSoftTotal}; disagreements: ${hardSoftDisagreements.length}, justified in scripts/eval-hardsoft-justified.json: ${hardSoftDisagreements.length - unjustified.length}`);
  for (const d of hardSoftDisagreements) console.log(`    ${justified[d.key] ? 'justified  ' : 'UNJUSTIFIED'} ${d.line}${justified[d.key] ? `\n                because: ${justified[d.key]}` : ''}`);
  if (misses.length) {
    console.log(`\nmisses (${misses.length}${misses.length > maxMisses ? `, first ${maxMisses}; --verbose for all` : ''}):`);
    for (const m of misses.slice(0, maxMisses)) console.log(`  ${m}`);
  }
  const found = ratio(statusFound, statusTotal);
  const cls = ratio(classOk, statusFound);
  const ok = found >= TARGETS.bounceFound && cls >= TARGETS.bounceClass && unjustified.length === 0;
  console.log(
    `\ntargets: status found >= ${TARGETS.bounceFound} % (${found.toFixed(2)}), right class >= ${TARGETS.bounceClass} % (${cls.toFixed(2)}), every hard/soft disagreement justified (${unjustified.length} not): ${ok ? 'met' : 'MISSED'}`,
  );
  return ok;
}

/** sisimai's reasons that are not a failed recipient (a delivery report, a complaint, an auto-reply). */
const NOT_FAILED = new Set(['delivered', 'feedback', 'vacation']);

/**
 * Problems per failed recipient on the corpus bounces: a bounce mentions its reply several times
 * (the wrapped text, Status, Diagnostic-Code); each failed or delayed recipient should be one
 * problem. Informative, with a target on the share of messages where the two agree.
 */
function evalOutcomes(shared: string): boolean {
  const dir = join(shared, 'corpus', 'eml');
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) return true;
  const manifest: { file: string; recipients: Recipient[] | null }[] = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const settings = { ...DEFAULT_SETTINGS, maxProblems: 100000, severity: { ...DEFAULT_SETTINGS.severity } };
  let messages = 0;
  let failed = 0;
  let problems = 0;
  let mentions = 0;
  let agree = 0;
  const ratios: number[] = [];
  const misses: string[] = [];
  for (const entry of manifest) {
    if (!entry.recipients) continue;
    const path = join(dir, 'files', entry.file);
    if (!existsSync(path)) continue;
    const expected = entry.recipients.filter((r) => !NOT_FAILED.has(r.reason)).length;
    if (expected === 0) continue;
    messages++;
    const a = analyzeEmail(readFileSync(path, 'utf8'));
    const got = computeProblems(a.outcomes, a.index, settings).problems.length;
    failed += expected;
    problems += got;
    mentions += a.findings.filter((f) => f.class === 'permanent' || f.class === 'transient').length;
    ratios.push(got / expected);
    if (got === expected) agree++;
    else misses.push(`${entry.file}: ${got} problems for ${expected} failed recipients`);
  }
  ratios.sort((x, y) => x - y);
  const median = ratios.length ? ratios[Math.floor(ratios.length / 2)] : 0;
  const share = ratio(agree, messages);
  console.log('\n## Outcomes of bounce messages (one problem per failed recipient)\n');
  console.log(`messages with failed recipients: ${messages}; failed recipients: ${failed}; failure mentions: ${mentions} (${(mentions / Math.max(1, failed)).toFixed(2)} per recipient)`);
  console.log(`problems: ${problems}; per failed recipient: ${(problems / Math.max(1, failed)).toFixed(2)} overall, median ${median.toFixed(2)}; messages with exactly one problem per failed recipient: ${agree} (${pct(agree, messages)})`);
  if (misses.length) {
    console.log(`\nmisses (${misses.length}${misses.length > maxMisses ? `, first ${maxMisses}; --verbose for all` : ''}):`);
    for (const m of misses.slice(0, maxMisses)) console.log(`  ${m}`);
  }
  const ok = median === 1 && share >= TARGETS.problemsPerRecipient;
  console.log(`\ntargets: median problems per failed recipient = 1 (${median.toFixed(2)}), messages agreeing >= ${TARGETS.problemsPerRecipient} % (${share.toFixed(2)}): ${ok ? 'met' : 'MISSED'}`);
  return ok;
}

/** Every log file of the corpus (not its licences, notes, labels or indexes). */
function corpusLogs(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, name.name);
    if (name.isDirectory()) corpusLogs(path, out);
    else if (!/^(LICEN[CS]E|COPYING)$|\.(md|jsonl|index|yaml)$/.test(name.name)) out.push(path);
  }
  return out.sort();
}

/**
 * Informative: the delivery outcomes the family readers find in the corpus logs, per family and
 * verdict (`generic`: failures of lines no reader knows, inferred from their codes).
 */
function evalLogOutcomes(shared: string): void {
  const dir = join(shared, 'corpus', 'logs');
  if (!existsSync(dir)) return;
  const table = new Map<LogFamily, { files: Set<string>; verdicts: Record<Verdict, number> }>();
  for (const path of corpusLogs(dir)) {
    for (const o of analyzeLog(readFileSync(path, 'utf8')).outcomes) {
      let t = table.get(o.family);
      if (!t) table.set(o.family, (t = { files: new Set(), verdicts: { delivered: 0, deferred: 0, bounced: 0, expired: 0, rejected: 0 } }));
      t.files.add(path);
      t.verdicts[o.verdict]++;
    }
  }
  console.log('\n## Outcomes per log family (corpus/logs, informative)\n');
  console.log(`family      files  outcomes  ${VERDICTS.map((v) => v.padStart(9)).join(' ')}`);
  for (const [family, t] of [...table].sort((a, b) => a[0].localeCompare(b[0]))) {
    const total = VERDICTS.reduce((n, v) => n + t.verdicts[v], 0);
    console.log(`${family.padEnd(10)} ${String(t.files.size).padStart(6)} ${String(total).padStart(9)}  ${VERDICTS.map((v) => String(t.verdicts[v]).padStart(9)).join(' ')}`);
  }
}

function readCsvColumn(path: string, column: string): string[] {
  const [header, ...rows] = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim());
  const idx = header.split(',').indexOf(column);
  return rows.map((r) => r.split(',')[idx]);
}

function evalCoverage(shared: string): boolean {
  const ref = join(shared, 'reference');
  console.log('\n## Knowledge-base coverage\n');
  let ok = true;
  const enhancedCsv = join(ref, 'enhanced-status-codes.csv');
  if (existsSync(enhancedCsv)) {
    const codes = readCsvColumn(enhancedCsv, 'code');
    const have = new Set(ENHANCED_CODES.map((e) => e.code));
    const covered = codes.filter((c) => have.has(c));
    console.log(`registry codes covered: ${covered.length} / ${codes.length}`);
    if (covered.length < codes.length) {
      ok = false;
      console.log(`  missing: ${codes.filter((c) => !have.has(c)).join(' ')}`);
    }
  }
  const replyCsv = join(ref, 'reply-codes.csv');
  if (existsSync(replyCsv)) {
    const codes = [...new Set(readCsvColumn(replyCsv, 'code'))];
    const have = new Set(REPLY_CODES.map((e) => e.code));
    const covered = codes.filter((c) => have.has(c));
    console.log(`basic codes covered: ${covered.length} / ${codes.length}`);
    if (covered.length < codes.length) {
      ok = false;
      console.log(`  missing: ${codes.filter((c) => !have.has(c)).join(' ')}`);
    }
    // Every code answers `explain` with a known explanation.
    const unknown = codes.filter((c) => !explainCode({ reply: c }).known);
    if (unknown.length) console.log(`  not explained: ${unknown.join(' ')}`);
  }
  return ok;
}

function main(): void {
  const shared = findShared();
  if (!shared) {
    console.log('eval: ../shared (the evaluation corpus) is not beside this checkout; nothing to measure. Skipped.');
    return;
  }
  console.log(`eval: corpus at ${shared}`);
  const results = [evalLogs(shared), evalBounces(shared), evalOutcomes(shared), evalCoverage(shared)];
  evalLogOutcomes(shared);
  if (results.some((r) => !r)) {
    console.log('\neval: a target was missed');
    process.exitCode = 1;
  } else {
    console.log('\neval: all targets met');
  }
}

main();
