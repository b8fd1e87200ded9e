// `npm test`: type-checks, builds, then runs the engine unit tests, the property tests (a
// short fuzz with a fixed seed; `npm run fuzz` is the long one), the CLI tests, the protocol
// tests against the built server (node's test runner) and the grammar tests.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);

function step(title, command, args) {
  console.log(`\n=== ${title}`);
  const started = Date.now();
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  const ok = r.status === 0;
  console.log(`=== ${title}: ${ok ? 'ok' : `FAILED (exit ${r.status ?? r.signal})`} in ${Date.now() - started} ms`);
  return ok;
}

const grammars = readdirSync(join(root, 'syntaxes'))
  .filter((f) => f.endsWith('.tmLanguage.json'))
  .flatMap((f) => ['-g', join('syntaxes', f)]);

const results = [];
results.push(step('type-check', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']));
results.push(step('build', process.execPath, ['scripts/build.mjs']));
if (results.every(Boolean)) {
  const suites = ['out/test/unit', 'out/test/fuzz', 'out/test/cli', 'out/test/protocol', 'out/test/editors'].filter((d) => existsSync(join(root, d)));
  // A test that hangs (a server that never answers) fails after five minutes instead of holding CI.
  results.push(step('unit, property, CLI, protocol and editor tests', process.execPath, ['--test', '--test-reporter=spec', '--test-timeout=300000', ...suites]));
  results.push(step('grammar tests', bin('vscode-tmgrammar-test'), [...grammars, '-g', 'test/grammar/fixtures/log.tmLanguage.json', 'test/grammar/*.test.*']));
}
const failed = results.filter((r) => !r).length;
console.log(failed ? `\nnpm test: ${failed} step(s) failed` : '\nnpm test: all steps passed');
process.exit(failed ? 1 : 0);
