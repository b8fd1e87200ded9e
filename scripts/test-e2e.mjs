// `npm run test:e2e`: the suites that need a real VS Code, run in code-server with Debian's
// headless Chromium:
//   in-host  the mocha suite of test/vscode through @vscode/test-electron's runTests, with
//            scripts/code-server/code as the VS Code executable;
//   ui       the Playwright UI tests of test/e2e against the packaged smtp-codes.vsix.
// Usage: node scripts/test-e2e.mjs [--code-server VERSION]... [--suite in-host|ui]
//   VERSION: a code-server version, or "latest" (npm's newest); default $CODE_SERVER_VERSION
//   or 4.96.4 (VS Code 1.96, our minimum). Installs code-server when missing (cached, see
//   scripts/code-server/install.sh). Needs `npm run package` first and the Debian packages of
//   scripts/code-server/install-deps.sh. Screenshots go to test-results/e2e/.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);
const versions = [];
let suites = ['in-host', 'ui'];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--code-server') versions.push(args[++i]);
  else if (args[i] === '--suite') suites = [args[++i]];
  else {
    console.error(`test-e2e: unknown argument ${args[i]}`);
    process.exit(2);
  }
}
if (versions.length === 0) versions.push(process.env.CODE_SERVER_VERSION || '4.96.4');
if (suites.some((s) => !['in-host', 'ui'].includes(s))) {
  console.error(`test-e2e: --suite is in-host or ui`);
  process.exit(2);
}

/** Runs a step; `capture` keeps its standard output (printed once it ends) instead of streaming it. */
function run(title, command, commandArgs, env = {}, capture = false) {
  console.log(`\n=== ${title}`);
  const started = Date.now();
  const r = spawnSync(command, commandArgs, { cwd: root, stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'], env: { ...process.env, ...env }, encoding: 'utf8' });
  if (capture) process.stdout.write(r.stdout ?? '');
  const seconds = (Date.now() - started) / 1000;
  const ok = r.status === 0;
  console.log(`=== ${title}: ${ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${seconds.toFixed(1)} s`);
  return { ok, seconds, stdout: r.stdout ?? '' };
}

for (const [what, path] of [
  ['the packaged extension (npm run package)', join(root, 'smtp-codes.vsix')],
  ['the built tests (npm run build)', join(root, 'out', 'test', 'vscode', 'code-server', 'shim.js')],
]) {
  if (!existsSync(path)) {
    console.error(`test-e2e: ${path} is missing: build ${what} first`);
    process.exit(2);
  }
}

const results = [];
for (const requested of versions) {
  const install = run(`install code-server ${requested}`, 'bash', [join(root, 'scripts', 'code-server', 'install.sh'), requested], {}, true);
  if (!install.ok) {
    results.push({ version: requested, suite: 'install', ...install });
    continue;
  }
  const dir = install.stdout.trim().split('\n').pop();
  const version = dir.slice(dir.lastIndexOf('code-server-') + 'code-server-'.length);
  results.push({ version, suite: 'install', ...install });
  const shots = join(root, 'test-results', 'e2e', `code-server-${version}`);
  mkdirSync(shots, { recursive: true });
  const env = { CODE_SERVER_VERSION: version };
  if (suites.includes('in-host')) {
    const r = run(`in-host suite on code-server ${version}`, process.execPath, [join(root, 'out', 'test', 'vscode', 'run.js')], {
      ...env,
      VSCODE_EXECUTABLE: join(root, 'scripts', 'code-server', 'code'),
      SHIM_SCREENSHOT: join(root, 'test-results', 'e2e', `in-host-code-server-${version}.png`),
    });
    results.push({ version, suite: 'in-host', ...r });
  }
  if (suites.includes('ui')) {
    const r = run(`UI tests on code-server ${version}`, process.execPath, ['--test', '--test-concurrency=1', '--test-reporter=spec', join(root, 'out', 'test', 'e2e')], env);
    results.push({ version, suite: 'ui', ...r });
  }
}

console.log('\n=== test:e2e summary');
for (const r of results) console.log(`${r.ok ? 'ok    ' : 'FAILED'} code-server ${r.version.padEnd(8)} ${r.suite.padEnd(8)} ${r.seconds.toFixed(1).padStart(6)} s`);
const failed = results.filter((r) => !r.ok).length;
console.log(failed ? `test:e2e: ${failed} step(s) failed` : 'test:e2e: all steps passed');
process.exit(failed ? 1 : 0);
