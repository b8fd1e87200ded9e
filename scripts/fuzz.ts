// `npm run fuzz`: property-based fuzzing of the engine and a linear-time check on
// adversarial inputs. Prints the inputs tried, the failures found (each with what broke,
// the input and how to replay it), the cost per MB of every adversarial pattern at 100 KB
// and at 1 MB, and the slowest fuzz input's cost per MB, so a slowdown or a super-linear
// pattern is visible. Exits 1 on any failure (a broken property, or a pattern whose 1 MB cost
// is far above ten times its 100 KB cost).
//
//   npm run fuzz                      the full run (about a minute)
//   npm run fuzz -- --quick           a short run (CI); SMTP_CODES_FUZZ=quick does the same
//   npm run fuzz -- --runs 20000      runs per property
//   npm run fuzz -- --seed 42         replay a run (the seed is printed)
import fc from 'fast-check';
import { scanText } from '../server/src/engine/index';
import { ADVERSARIAL, ownSeeds, sharedSeeds, type Seed } from '../test/fuzz/corpus';
import { checkRender, checkScan, checkStream, codes, cuts, hostileText, mutatedSeed, tokenDocument } from '../test/fuzz/properties';

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

const own = ownSeeds();
fuzzScanning(own, `our ${own.length} seeds`);
const shared = sharedSeeds();
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

// ------------------------------------------------------------------ adversarial patterns

console.log('\nadversarial patterns: scan time per MB at 100 KB and at 1 MB (best of 3, of 8 when confirming; ratio = 1 MB cost / 10 × 100 KB cost)');
/** 100 KB slower than this is hopeless: 1 MB is not tried (a quadratic pattern would take minutes). */
const GIVE_UP_MS = 2000;
/** Super-linear: the 1 MB input costs more than this many times ten 100 KB inputs (and enough to matter). */
const MAX_RATIO = 3;
const MIN_MS = 100;
let worst = { name: '', msPerMb: 0, ratio: 0 };
for (const a of ADVERSARIAL) {
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

console.log(`\nfuzz: ${inputs} inputs tried, ${failures} failures`);
console.log(
  worst.msPerMb === Infinity
    ? `slowest adversarial input: ${worst.name}, over ${GIVE_UP_MS} ms at 100 KB`
    : `slowest adversarial input: ${worst.name} at ${worst.msPerMb.toFixed(1)} ms/MB (1 MB; ×${worst.ratio.toFixed(2)} of its 100 KB cost)`,
);
const slowest = slow.map((x) => ({ ...x, msPerMb: (bestOf(5, x.text, x.kind) * MB) / x.text.length })).sort((a, b) => b.msPerMb - a.msPerMb)[0];
if (slowest) console.log(`slowest fuzz input: ${slowest.msPerMb.toFixed(1)} ms/MB (${slowest.text.length} chars, ${slowest.input})`);
process.exit(failures ? 1 : 0);
