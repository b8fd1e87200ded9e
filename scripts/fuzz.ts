// `npm run fuzz`: property-based fuzzing of the engine, a linear-time check on adversarial
// inputs, and the real-world shapes of issue #15 run through the built CLI and language server
// (in the server: a big bounce typed in, a huge paste, a Replace All of 1 000 changes, 100
// cursors typing, a full-text change every 10 ms, many 5 MB logs and a restart that re-opens them).
// Prints the inputs tried, the failures found (each with what broke, the input and how to
// replay it), the cost per MB of every adversarial pattern at 100 KB and at 1 MB, the time per
// MB and peak RSS of every shape against its memory budget, and the slowest input per MB and
// the peak RSS. Exits 1 on any failure (a broken property, a pattern whose 1 MB cost is far
// above ten times its 100 KB cost, a shape that is super-linear, fails, or misses its budget).
//
//   npm run fuzz                      the full run (a few minutes)
//   npm run fuzz -- --quick           a short run (CI); SMTP_CODES_FUZZ=quick does the same
//   npm run fuzz -- --runs 20000      runs per property
//   npm run fuzz -- --seed 42         replay a run (the seed is printed)
//   npm run fuzz -- --only-shapes     only the real-world shapes; --no-shapes: all but them
//   npm run fuzz -- --build DIR       run the shapes against another build's cli.js and server.js
//   npm run fuzz -- --shape TEXT      only the shapes whose name holds TEXT
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { scanText } from '../server/src/engine/index';
import { MAX_MESSAGE } from '../server/src/io/scanFile';
import { ADVERSARIAL, ownSeeds, sharedSeeds, type Seed } from '../test/fuzz/corpus';
import { checkRender, checkScan, checkStream, codes, cuts, hostileText, mutatedSeed, tokenDocument } from '../test/fuzz/properties';
import { base64BounceText, CLI_SHAPES, distinctCodesText, logText } from '../test/fuzz/shapes';
import { LspTestClient } from '../test/support/lsp';
import { repoRoot } from '../test/support/shared';
import { CLI_NODE_ARGS } from '../server/src/launch';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = args.includes('--quick') || process.env.SMTP_CODES_FUZZ === 'quick';
const runs = Number(option('--runs') ?? (quick ? 400 : 20000));
const seed = Number(option('--seed') ?? (Date.now() ^ (process.pid << 8)) >>> 0);
const MB = 1_000_000;

let inputs = 0;
let failures = 0;
/**
 * The slowest fuzz inputs by scan time per MB (inputs of at least 4 KB: below, the fixed cost
 * dominates). Timed once while fuzzing, the ten slowest are timed again at the end, when the
 * code is compiled and warm, and the slowest of those is reported.
 */
const SLOW_KEPT = 10;
let slow: Array<{ msPerMb: number; text: string; kind: 'log' | 'eml'; input: string }> = [];

/** The fastest of `times` scans, in ms (a scan slower than a second is not repeated). */
function bestOf(times: number, text: string, kind: 'log' | 'eml'): number {
  let best = Infinity;
  for (let i = 0; i < times; i++) {
    const t0 = process.hrtime.bigint();
    scanText(text, { kind });
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e6);
    if (best > 1000) break;
  }
  return best;
}

function timedScan(input: string, text: string, kind: 'log' | 'eml'): void {
  if (text.length < 4096) return;
  const msPerMb = (bestOf(1, text, kind) * MB) / text.length;
  if (slow.length < SLOW_KEPT || msPerMb > slow[slow.length - 1].msPerMb) {
    slow = [...slow, { msPerMb, text, kind, input }].sort((a, b) => b.msPerMb - a.msPerMb).slice(0, SLOW_KEPT);
  }
}

function run<T>(name: string, arbitrary: fc.Arbitrary<T>, predicate: (value: T) => void, numRuns = runs): void {
  const started = Date.now();
  const result = fc.check(
    fc.property(arbitrary, (value) => {
      predicate(value);
    }),
    { numRuns, seed },
  );
  inputs += result.numRuns;
  if (result.failed) {
    failures++;
    const example = JSON.stringify(result.counterexample?.[0]);
    console.log(`FAIL ${name} after ${result.numRuns} inputs (${result.numShrinks} shrinks)`);
    console.log(`  ${String((result.errorInstance as Error)?.message ?? result.errorInstance).split('\n').slice(0, 6).join('\n  ')}`);
    console.log(`  input: ${example && example.length > 2000 ? `${example.slice(0, 2000)}… (${example.length} chars)` : example}`);
    console.log(`  replay: npm run fuzz -- --seed ${seed}   (fast-check path ${result.counterexamplePath})`);
  } else {
    console.log(`ok   ${name}: ${result.numRuns} inputs in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

function fuzzScanning(seeds: Seed[], label: string): void {
  run(`scan ${label} (mutated), as its kind and auto-detected`, mutatedSeed(seeds), ({ seed, kind, text }) => {
    timedScan(`${seed} (mutated)`, text, kind);
    checkScan(text, kind);
    checkScan(text, 'auto');
  });
}

console.log(`smtp-codes fuzz: ${quick ? 'quick' : 'full'} run, ${runs} inputs per property, seed ${seed}\n`);

/** `--only-shapes`: the real-world shapes alone (they take the longest; this replays them). */
const onlyShapes = args.includes('--only-shapes');
const own = ownSeeds();
const shared = sharedSeeds();
if (!onlyShapes) fuzzEngine();

function fuzzEngine(): void {
  fuzzScanning(own, `our ${own.length} seeds`);
  if (shared.skipped) console.log(`skip shared corpus: ${shared.skipped}`);
  else fuzzScanning(shared.seeds, `the shared corpus (${shared.seeds.length} files)`);
  run('scan token documents as log, eml and auto', tokenDocument, (text) => {
    checkScan(text, 'log');
    checkScan(text, 'eml');
    checkScan(text, 'auto');
  });
  const logSeeds = [...own, ...shared.seeds].filter((s) => s.kind === 'log');
  run('stream in random pieces = whole (token documents)', fc.tuple(tokenDocument, cuts), ([text, at]) => checkStream(text, at));
  run('stream in random pieces = whole (mutated logs)', fc.tuple(mutatedSeed(logSeeds, 8192), cuts), ([{ text }, at]) => checkStream(text, at));
  run('hostile reply text is never a link or markup', fc.tuple(hostileText, codes), ([text, c]) => checkRender(text, c.reply, c.enhanced));
}

// ------------------------------------------------------------------ adversarial patterns

if (!onlyShapes) console.log('\nadversarial patterns: scan time per MB at 100 KB and at 1 MB (best of 3, of 8 when confirming; ratio = 1 MB cost / 10 × 100 KB cost)');
/** 100 KB slower than this is hopeless: 1 MB is not tried (a quadratic pattern would take minutes). */
const GIVE_UP_MS = 2000;
/** Super-linear: the 1 MB input costs more than this many times ten 100 KB inputs (and enough to matter). */
const MAX_RATIO = 3;
const MIN_MS = 100;
let worst = { name: '', msPerMb: 0, ratio: 0 };
for (const a of onlyShapes ? [] : ADVERSARIAL) {
  const small = a.make(MB / 10);
  const large = a.make(MB);
  inputs += 2;
  try {
    checkScan(small, a.kind);
  } catch (err) {
    failures++;
    console.log(`FAIL adversarial ${a.name} (100 KB): ${(err as Error).message.split('\n')[0]}`);
  }
  let t100 = bestOf(3, small, a.kind);
  if (t100 > GIVE_UP_MS) {
    const perMb100 = (t100 * MB) / small.length;
    failures++;
    worst = { name: a.name, msPerMb: Infinity, ratio: Infinity };
    console.log(`FAIL ${a.name.padEnd(44)} ${perMb100.toFixed(1).padStart(8)} ms/MB  too slow at 100 KB: 1 MB not tried`);
    continue;
  }
  let t1m = bestOf(3, large, a.kind);
  const superLinear = () => t1m / (10 * t100) > MAX_RATIO && t1m > MIN_MS;
  if (superLinear()) {
    // Confirm before failing: another process may have slowed one of the measurements.
    t100 = Math.min(t100, bestOf(5, small, a.kind));
    t1m = Math.min(t1m, bestOf(5, large, a.kind));
  }
  const perMb100 = (t100 * MB) / small.length;
  const perMb1m = (t1m * MB) / large.length;
  const ratio = perMb1m / Math.max(perMb100, 0.01);
  const failed = superLinear();
  if (failed) failures++;
  if (perMb1m > worst.msPerMb) worst = { name: a.name, msPerMb: perMb1m, ratio };
  console.log(`${failed ? 'FAIL' : 'ok  '} ${a.name.padEnd(44)} ${perMb100.toFixed(1).padStart(8)} ms/MB ${perMb1m.toFixed(1).padStart(8)} ms/MB  ×${ratio.toFixed(2)}${failed ? '  super-linear' : ''}`);
}

// ------------------------------------------------------------------ real-world shapes (#15)

/** Bytes to megabytes, for budgets and costs. */
const MiB = 1 << 20;
const shapeRows: Array<{ name: string; msPerMb: number; rss: number; budget: number }> = [];
let peak = { rss: 0, name: '' };

/** Runs the CLI on a file with a preload that writes the process's peak RSS when it exits. */
function runCli(build: string, dir: string, file: string, args: string[], nodeFlags: string[] = []): { ms: number; rss: number; status: number | null; stderr: string } {
  const rssFile = join(dir, 'rss');
  rmSync(rssFile, { force: true });
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [...CLI_NODE_ARGS, ...nodeFlags, '--require', join(dir, 'preload.js'), join(build, 'cli.js'), ...args, file], {
    env: { ...process.env, SMTP_CODES_RSS_FILE: rssFile, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    timeout: 600_000,
  });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const rss = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : 0;
  return { ms, rss, status: r.status, stderr: String(r.stderr ?? '').slice(0, 300) };
}

async function cliShapes(build: string, dir: string): Promise<void> {
  const [small, large] = quick ? [2 * MiB, 8 * MiB] : [8 * MiB, 32 * MiB];
  const bomb = quick ? 100 * MiB : 183 * MiB;
  console.log(
    `\nreal-world shapes through the CLI (check --format json, a process each; ${large / small}× sizes): time per MB, peak RSS, budget 3 × the bytes read + 150 MB`,
  );
  const only = option('--shape');
  for (const shape of CLI_SHAPES.filter((s) => !only || s.name.includes(only))) {
    const sizes = shape.scaled ? [small, large] : [bomb];
    const runs: Array<{ bytes: number; ms: number; rss: number; status: number | null; stderr: string; limited?: number; unlimitedRss?: number }> = [];
    for (const size of sizes) {
      const file = join(dir, `shape${shape.ext}`);
      const bytes = await shape.write(file, size);
      const read = shape.name.includes('bomb') ? Math.min(bytes, MAX_MESSAGE) : bytes;
      // The better of two runs: another process may slow one down.
      const a = runCli(build, dir, file, ['check', '--format', 'json']);
      const b = a.ms > 1000 ? a : runCli(build, dir, file, ['check', '--format', 'json']);
      const run = { ...(a.ms <= b.ms ? a : b), rss: Math.max(a.rss, b.rss), bytes: read } as (typeof runs)[number];
      const budget = 3 * read + 150 * MiB;
      if (run.rss > budget) {
        // Over the budget: garbage V8 had not collected yet, or memory the run needs? The same run
        // with the heap limited to fit the budget tells: it completes (and stays within it) or dies.
        const heap = Math.floor((budget - 120 * MiB) / MiB);
        const limited = runCli(build, dir, file, ['check', '--format', 'json'], [`--max-old-space-size=${heap}`]);
        if ((limited.status === 0 || limited.status === 1) && limited.rss <= budget) Object.assign(run, { rss: limited.rss, limited: heap, unlimitedRss: run.rss });
      }
      runs.push(run);
      rmSync(file, { force: true });
    }
    inputs += runs.length;
    const last = runs[runs.length - 1];
    const msPerMb = (last.ms * MiB) / last.bytes;
    const budget = 3 * last.bytes + 150 * MiB;
    const problems: string[] = [];
    if (runs.some((r) => r.status !== 0 && r.status !== 1)) problems.push(`exit ${runs.map((r) => r.status).join('/')}: ${runs.map((r) => r.stderr.trim()).join(' ')}`);
    const rss = Math.max(...runs.map((r) => r.rss));
    if (rss === 0) problems.push('no RSS measured');
    if (runs.some((r) => r.rss > 3 * r.bytes + 150 * MiB)) problems.push('over the memory budget');
    let ratio = 1;
    if (runs.length === 2) {
      // Time per MB at the large size against the small one (node's start-up, ~50 ms, taken off).
      const per = (r: (typeof runs)[number]) => Math.max(1, r.ms - 50) / r.bytes;
      ratio = per(runs[1]) / per(runs[0]);
      if (ratio > MAX_RATIO && runs[1].ms > 1000) problems.push(`super-linear (×${ratio.toFixed(2)} per MB at ${large / small}× the size)`);
    }
    if (problems.length) failures++;
    shapeRows.push({ name: shape.name, msPerMb, rss, budget });
    if (rss > peak.rss) peak = { rss, name: shape.name };
    const limited = runs.filter((r) => r.limited);
    console.log(
      `${problems.length ? 'FAIL' : 'ok  '} ${shape.name.padEnd(50)} ${(last.bytes / MiB).toFixed(0).padStart(4)} MB ${msPerMb.toFixed(1).padStart(8)} ms/MB  ×${ratio.toFixed(2)}  ` +
        `RSS ${(rss / MiB).toFixed(0).padStart(4)} MB of ${(budget / MiB).toFixed(0)} MB${problems.length ? `  ${problems.join('; ')}` : ''}` +
        (limited.length ? `  (with the heap limited to ${limited.map((r) => `${r.limited} MB`).join(', ')}; unlimited, V8 let garbage grow to ${limited.map((r) => `${(r.unlimitedRss! / MiB).toFixed(0)} MB`).join(', ')})` : ''),
    );
  }
}

/** The server's resident memory once it settles (it collects after a big document), and its peak. */
async function serverMemory(pid: number): Promise<{ rss: number; peak: number }> {
  const read = (field: RegExp) => Number(field.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
  const VM_RSS = /VmRSS:\s+(\d+) kB/;
  // Settled: the server collects after a big document, its collections spaced by what the last one
  // cost (lsp/memory.ts: a second or two on a loaded machine), so the lowest RSS until none lower
  // came for 2 s (at most 8 s).
  let rss = read(VM_RSS);
  let since = 0;
  for (let i = 0; i < 80 && since < 20; i++) {
    await new Promise((r) => setTimeout(r, 100));
    const now = read(VM_RSS);
    if (now < rss) {
      rss = now;
      since = 0;
    } else since++;
  }
  return { rss, peak: read(/VmHWM:\s+(\d+) kB/) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function insertAt(line: number, text: string) {
  return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text };
}

/** `text` inserted at the start of `n` lines spread over a document of `lines` lines, last first (as VS Code sends them). */
function spreadInserts(n: number, lines: number, text: string) {
  return Array.from({ length: n }, (_, i) => insertAt(Math.floor(((n - 1 - i) * (lines - 1)) / n), text));
}

async function openAndWait(c: LspTestClient, uri: string, text: string): Promise<void> {
  const opened = c.waitForDiagnostics(uri, () => true, 600_000);
  await c.open(uri, 'mail-log', text);
  await opened;
}

/** Sends an edit of many changes three times (versions from `version`): the best time to its diagnostics, and how long a hover sent right after it waited. */
async function bestEdit(c: LspTestClient, uri: string, version: number, changes: (v: number) => unknown[]): Promise<{ toDiagnostics: number; hover: number }> {
  const best = { toDiagnostics: Infinity, hover: Infinity };
  for (let v = version; v < version + 3; v++) {
    const all = changes(v);
    const t0 = Date.now();
    const published = c.waitForDiagnostics(uri, () => c.diagnostics.get(uri)?.version === v, 600_000);
    await c.change(uri, v, all);
    await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    const hover = Date.now() - t0;
    await published;
    best.toDiagnostics = Math.min(best.toDiagnostics, Date.now() - t0);
    best.hover = Math.min(best.hover, hover);
  }
  return best;
}

async function serverShapes(build: string): Promise<void> {
  if (!existsSync('/proc/self/status')) {
    console.log('\nskip server shapes: no /proc here to read the server\'s memory');
    return;
  }
  const size = quick ? 8 * MiB : 40 * MiB;
  console.log(`\nreal-world shapes in the language server (a server each, ${size / MiB} MB): time, hover latency while typing, RSS once settled (budget 1.5 × the open text + 150 MB) and peak`);
  /** A hover must answer within this while a big document is edited (it waited behind whole rescans: 26 s). */
  const HOVER_MS = 1000;
  const shapes: Array<{ name: string; item: string; run(c: LspTestClient): Promise<{ textBytes: number; ms: number; detail: string; problem?: string }> }> = [
    {
      name: 'open a bounce with a big base64 part, type in it',
      item: '2',
      async run(c) {
        const text = base64BounceText(size);
        const uri = 'file:///fuzz/bounce.eml';
        const t0 = Date.now();
        const opened = c.waitForDiagnostics(uri, () => true, 600_000);
        await c.open(uri, 'eml', text);
        await opened;
        const ms = Date.now() - t0;
        let slowestHover = 0;
        for (let v = 2; v <= 6; v++) {
          await c.change(uri, v, [{ range: { start: { line: 2, character: 9 }, end: { line: 2, character: 9 } }, text: 'x' }]);
          const h = Date.now();
          await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 12, character: 10 } });
          slowestHover = Math.max(slowestHover, Date.now() - h);
        }
        await c.waitForVersion(uri, 6, 600_000);
        return {
          textBytes: Buffer.byteLength(text),
          ms,
          detail: `open ${ms} ms, slowest hover while typing ${slowestHover} ms`,
          problem: slowestHover > HOVER_MS ? `a hover took ${slowestHover} ms (over ${HOVER_MS} ms)` : undefined,
        };
      },
    },
    {
      name: 'paste a big log into an open log',
      item: '1',
      async run(c) {
        const uri = 'file:///fuzz/paste.log';
        const opened = c.waitForDiagnostics(uri);
        await c.open(uri, 'mail-log', 'start\n');
        await opened;
        // Log lines, then 150 000 replies: more findings than call arguments fit the stack.
        const paste = `${logText(size)}${'host said: 452 4.2.2 Mailbox full\n'.repeat(150_000)}`;
        const t0 = Date.now();
        const updated = c.waitForDiagnostics(uri, () => c.diagnostics.get(uri)?.version === 2, 120_000);
        await c.change(uri, 2, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: paste }]);
        const diags = await updated;
        const ms = Date.now() - t0;
        if (diags.length < 2) throw new Error(`the paste left ${diags.length} problems`);
        return { textBytes: Buffer.byteLength(paste), ms, detail: `paste to diagnostics ${ms} ms` };
      },
    },
    {
      name: 'open a log with many distinct codes on one line',
      item: '7',
      async run(c) {
        // 10 000 then 80 000 codes (the line of the issue that froze the server for 22 s): the
        // time per code must not grow.
        const open = async (codes: number) => {
          const text = distinctCodesText(codes * 21);
          const uri = `file:///fuzz/codes-${codes}.log`;
          const t0 = Date.now();
          const opened = c.waitForDiagnostics(uri, () => true, 600_000);
          await c.open(uri, 'mail-log', text);
          await opened;
          return { text, uri, ms: Date.now() - t0 };
        };
        const small = await open(10_000);
        const large = await open(80_000);
        const h = Date.now();
        await c.request('textDocument/hover', { textDocument: { uri: large.uri }, position: { line: 0, character: large.text.length - 20 } });
        const ratio = large.ms / 8 / Math.max(1, small.ms);
        return {
          textBytes: Buffer.byteLength(small.text) + Buffer.byteLength(large.text),
          ms: large.ms,
          detail: `open 10 000 codes ${small.ms} ms, 80 000 codes ${large.ms} ms (×${ratio.toFixed(2)} per code), hover ${Date.now() - h} ms`,
          problem: ratio > MAX_RATIO && large.ms > 1000 ? `super-linear (×${ratio.toFixed(2)} per code at 8× the codes)` : undefined,
        };
      },
    },
    {
      name: 'replace all: 1 000 changes in one didChange',
      item: '6',
      async run(c) {
        // VS Code sends a Replace All as one notification, its changes last first. Each change
        // moved every finding after it: 1 000 changes cost 1 000 one-change edits.
        const text = logText(size);
        const uri = 'file:///fuzz/replace-all.log';
        const lines = lineCount(text);
        await openAndWait(c, uri, text);
        const spread = (n: number, v: number) => spreadInserts(n, lines, v % 2 ? 'X' : 'Y');
        const one = await bestEdit(c, uri, 2, (v) => spread(1, v));
        const all = await bestEdit(c, uri, 5, (v) => spread(1000, v));
        const ratio = all.hover / Math.max(one.hover, 10);
        return {
          textBytes: Buffer.byteLength(text),
          ms: all.toDiagnostics,
          detail: `to diagnostics ${all.toDiagnostics} ms; the server blocked ${all.hover} ms (one change: ${one.hover} ms, ×${ratio.toFixed(1)}; best of 3)`,
          problem: ratio > 20 && all.hover > 500 ? `1 000 changes blocked the server ${all.hover} ms, ×${ratio.toFixed(0)} one change` : undefined,
        };
      },
    },
    {
      name: 'type with 100 cursors',
      item: '6',
      async run(c) {
        const text = logText(size);
        const uri = 'file:///fuzz/cursors.log';
        const lines = lineCount(text);
        await openAndWait(c, uri, text);
        const cursors = (n: number, v: number) => spreadInserts(n, lines, v % 3 === 0 ? '\n' : 'k');
        const one = await bestEdit(c, uri, 2, (v) => cursors(1, v));
        // 20 keystrokes 30 ms apart, each a change at each of 100 cursors (last first), some new lines.
        const t0 = Date.now();
        let slowest = 0;
        let best = Infinity;
        for (let v = 5; v <= 24; v++) {
          await c.change(uri, v, cursors(100, v));
          const h = Date.now();
          await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
          slowest = Math.max(slowest, Date.now() - h);
          best = Math.min(best, Date.now() - h);
          await sleep(30);
        }
        const typed = Date.now();
        await c.waitForVersion(uri, 24, 120_000);
        const after = Date.now() - typed;
        const ratio = best / Math.max(one.hover, 10);
        return {
          textBytes: Buffer.byteLength(text),
          ms: Date.now() - t0,
          detail: `a keystroke at 100 cursors blocked the server ${best}–${slowest} ms (at one cursor ${one.hover} ms, ×${ratio.toFixed(1)}); diagnostics ${after} ms after the last`,
          problem: ratio > 10 && best > 100 ? `a keystroke at 100 cursors cost ×${ratio.toFixed(0)} one at one cursor (${best} ms)` : undefined,
        };
      },
    },
    {
      name: 'a stream of full-text changes every 10 ms',
      item: '6',
      async run(c) {
        const text = logText(256 * 1024);
        const uri = 'file:///fuzz/stream.log';
        await openAndWait(c, uri, text);
        // 3 s of changes 10 ms apart; diagnostics must keep coming while they do.
        const times: number[] = [];
        const t0 = Date.now();
        let seen = c.published.length;
        let v = 1;
        while (Date.now() - t0 < 3000) {
          v++;
          await c.change(uri, v, [{ text: v % 2 ? text : `${text}x\n` }]);
          await sleep(10);
          for (; seen < c.published.length; seen++) if (c.published[seen].uri === uri) times.push(Date.now());
        }
        const stopped = Date.now();
        await c.waitForVersion(uri, v, 60_000);
        let gap = 0;
        let prev = t0;
        for (const t of [...times, stopped]) {
          gap = Math.max(gap, t - prev);
          prev = t;
        }
        return {
          textBytes: Buffer.byteLength(text),
          ms: Date.now() - stopped,
          detail: `${v - 1} changes in ${stopped - t0} ms: ${times.length} publications while they came (longest without one ${gap} ms), the last ${Date.now() - stopped} ms after they stopped`,
          problem: gap > 1000 ? `${gap} ms without a publication while changes came (bounded interval: at least every second)` : undefined,
        };
      },
    },
    {
      name: 'many documents, then a restart that re-opens them',
      item: '10',
      async run(c) {
        // The extension's own flags (server/src/launch.ts): 5 MB logs, then the same in a new server.
        const count = quick ? 40 : 300;
        const text = logText(5 * MiB, 16);
        let slowestOpen = 0;
        const openAll = async (client: LspTestClient) => {
          for (let i = 0; i < count; i++) {
            const uri = `file:///fuzz/many/mail-${i}.log`;
            const t0 = Date.now();
            await openAndWait(client, uri, `${i}\n${text}`);
            slowestOpen = Math.max(slowestOpen, Date.now() - t0);
          }
        };
        const t0 = Date.now();
        await openAll(c);
        const restarted = await LspTestClient.start({ settings: {}, serverPath: join(build, 'server.js') });
        try {
          // The client re-opens every document at once after a restart.
          const all = Array.from({ length: count }, (_, i) => restarted.waitForDiagnostics(`file:///fuzz/many/mail-${i}.log`, () => true, 600_000));
          for (let i = 0; i < count; i++) await restarted.open(`file:///fuzz/many/mail-${i}.log`, 'mail-log', `${i}\n${text}`);
          await Promise.all(all);
          const alive = await restarted.request<{ explanation: { code: string } }>('smtpCodes/explain', { query: '550 5.1.1' });
          if (alive.explanation.code !== '550 5.1.1') throw new Error('the restarted server does not answer');
          const mem = await serverMemory(restarted.process.pid!);
          const budget = 1.5 * count * Buffer.byteLength(text) + 150 * MiB;
          return {
            textBytes: count * Buffer.byteLength(text),
            ms: Date.now() - t0,
            detail: `${count} × 5 MB opened (slowest open ${slowestOpen} ms); restarted and re-opened at once: RSS ${(mem.rss / MiB).toFixed(0)} MB (peak ${(mem.peak / MiB).toFixed(0)} MB)`,
            problem: mem.rss > budget ? `the restarted server is over its budget (${(mem.rss / MiB).toFixed(0)} MB of ${(budget / MiB).toFixed(0)} MB)` : undefined,
          };
        } finally {
          restarted.process.kill();
        }
      },
    },
  ];
  const only = option('--shape');
  for (const shape of shapes.filter((s) => !only || s.name.includes(only))) {
    inputs++;
    const c = await LspTestClient.start({ settings: {}, serverPath: join(build, 'server.js') });
    let line: string;
    try {
      const r = await shape.run(c);
      const mem = await serverMemory(c.process.pid!);
      const budget = 1.5 * r.textBytes + 150 * MiB;
      const problems = [...(r.problem ? [r.problem] : []), ...(mem.rss > budget ? ['over the memory budget'] : [])];
      if (problems.length) failures++;
      shapeRows.push({ name: `server: ${shape.name}`, msPerMb: (r.ms * MiB) / r.textBytes, rss: mem.rss, budget });
      if (mem.rss > peak.rss) peak = { rss: mem.rss, name: `server: ${shape.name}` };
      line =
        `${problems.length ? 'FAIL' : 'ok  '} ${shape.name.padEnd(50)} ${r.detail}; RSS ${(mem.rss / MiB).toFixed(0)} MB of ${(budget / MiB).toFixed(0)} MB ` +
        `(peak ${(mem.peak / MiB).toFixed(0)} MB)${problems.length ? `  ${problems.join('; ')}` : ''}`;
    } catch (err) {
      failures++;
      // What the server said (its errors, the input guard's drops) tells why it did not answer.
      const said = c.stderr.join('').trim().split('\n').slice(-5).join(' | ');
      const logged = c.log.slice(-5).join(' | ');
      line =
        `FAIL ${shape.name.padEnd(50)} ${(err as Error).message.split('\n')[0].slice(0, 600)}${said ? `; the server said: ${said.slice(0, 1000)}` : '; the server said nothing on stderr'}` +
        (logged ? `; it logged: ${logged.slice(0, 1500)}` : '; it logged nothing');
    }
    console.log(line);
    c.process.kill();
  }
}

async function finish(): Promise<void> {
  if (!args.includes('--no-shapes')) {
    const build = option('--build') ?? join(repoRoot, 'dist');
    const dir = mkdtempSync(join(tmpdir(), 'smtp-codes-fuzz-'));
    // Peak RSS of a child, written as it exits (polling /proc would miss the last peak).
    writeFileSync(join(dir, 'preload.js'), "process.on('exit', () => { try { require('fs').writeFileSync(process.env.SMTP_CODES_RSS_FILE, String(process.resourceUsage().maxRSS * 1024)); } catch {} });\n");
    try {
      await cliShapes(build, dir);
      await serverShapes(build);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(`\nfuzz: ${inputs} inputs tried, ${failures} failures`);
  console.log(
    worst.msPerMb === Infinity
      ? `slowest adversarial input: ${worst.name}, over ${GIVE_UP_MS} ms at 100 KB`
      : `slowest adversarial input: ${worst.name} at ${worst.msPerMb.toFixed(1)} ms/MB (1 MB; ×${worst.ratio.toFixed(2)} of its 100 KB cost)`,
  );
  const slowest = slow.map((x) => ({ ...x, msPerMb: (bestOf(5, x.text, x.kind) * MB) / x.text.length })).sort((a, b) => b.msPerMb - a.msPerMb)[0];
  if (slowest) console.log(`slowest fuzz input: ${slowest.msPerMb.toFixed(1)} ms/MB (${slowest.text.length} chars, ${slowest.input})`);
  if (shapeRows.length) {
    const slowestShape = [...shapeRows].sort((a, b) => b.msPerMb - a.msPerMb)[0];
    const met = shapeRows.filter((r) => r.rss <= r.budget).length;
    console.log(`slowest real-world shape: ${slowestShape.name} at ${slowestShape.msPerMb.toFixed(1)} ms/MB`);
    console.log(`peak RSS: ${(peak.rss / MiB).toFixed(0)} MB (${peak.name}); memory budgets met: ${met} of ${shapeRows.length}`);
  }
  process.exit(failures ? 1 : 0);
}

finish().catch((err) => {
  console.error(`fuzz failed: ${err?.stack ?? err}`);
  process.exit(1);
});
