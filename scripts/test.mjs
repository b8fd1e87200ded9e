// `npm test`: type-checks (beside the rest), builds, then runs the engine unit tests, the property tests (a
// short fuzz with a fixed seed; `npm run fuzz` is the long one), the CLI tests, the protocol
// tests against the built server (node's test runner) and the grammar tests. Each test is
// printed as it ends; at the end, the time of each step and every skipped test with its reason.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const started = Date.now();
const steps = [];

function step(title, command, args) {
  console.log(`\n=== ${title}`);
  const t0 = Date.now();
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  const ok = r.status === 0;
  const seconds = (Date.now() - t0) / 1000;
  console.log(`=== ${title}: ${ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${seconds.toFixed(1)} s`);
  steps.push({ title, ok, seconds });
  return ok;
}

const grammars = readdirSync(join(root, 'syntaxes'))
  .filter((f) => f.endsWith('.tmLanguage.json'))
  .flatMap((f) => ['-g', join('syntaxes', f)]);

// A TAP copy of the test run, read at the end for the skipped tests and their reasons.
const tapDir = mkdtempSync(join(tmpdir(), 'smtp-codes-test-'));
const tap = join(tapDir, 'tests.tap');

// The type-check runs beside the build and the tests (it only reads the sources); its result is
// reported, and counted, when it ends.
console.log('\n=== type-check (beside the build and the tests; its result comes at the end)');
const typeCheckStarted = Date.now();
const typeCheck = new Promise((resolve) => {
  const child = spawn(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  child.on('close', (code) => resolve({ ok: code === 0, out, seconds: (Date.now() - typeCheckStarted) / 1000 }));
});

if (step('build', process.execPath, ['scripts/build.mjs'])) {
  const suites = ['out/test/unit', 'out/test/fuzz', 'out/test/cli', 'out/test/protocol', 'out/test/editors'].filter((d) => existsSync(join(root, d)));
  // A test that hangs (a server that never answers) fails after five minutes instead of holding CI.
  // Two files at a time: many tests wait on a spawned CLI or server, so two keep both cores busy.
  step('unit, property, CLI, protocol and editor tests', process.execPath, [
    '--test',
    '--test-concurrency=2',
    '--test-timeout=300000',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...suites,
  ]);
  step('grammar tests', bin('vscode-tmgrammar-test'), [...grammars, '-g', 'test/grammar/fixtures/log.tmLanguage.json', 'test/grammar/*.test.*']);
}

const checked = await typeCheck;
console.log(`\n=== type-check`);
if (checked.out) process.stdout.write(checked.out);
console.log(`=== type-check: ${checked.ok ? 'ok' : 'FAILED'} in ${checked.seconds.toFixed(1)} s`);
steps.unshift({ title: 'type-check (beside the others)', ok: checked.ok, seconds: checked.seconds });

const skipped = existsSync(tap)
  ? readFileSync(tap, 'utf8')
      .split('\n')
      .map((line) => /^\s*ok \d+ - (.*?) # SKIP\b ?(.*)$/.exec(line))
      .filter(Boolean)
      .map((m) => `${m[1]}: ${m[2] || '(no reason given)'}`)
  : [];
rmSync(tapDir, { recursive: true, force: true });

console.log('\n=== npm test summary');
for (const s of steps) console.log(`${s.ok ? 'ok    ' : 'FAILED'} ${s.title.padEnd(48)} ${s.seconds.toFixed(1).padStart(6)} s`);
if (skipped.length) {
  console.log(`\n${skipped.length} skipped (each needs something this machine does not have):`);
  for (const s of skipped) console.log(`  - ${s}`);
}
const failed = steps.filter((s) => !s.ok).length;
console.log(`\nnpm test: ${failed ? `${failed} step(s) failed` : 'all steps passed'} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(failed ? 1 : 0);
