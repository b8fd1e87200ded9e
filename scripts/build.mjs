// Bundles the extension client, the language server, the CLI and the dev scripts with
// esbuild, and the tests into out/. Type-checking is separate (`tsc --noEmit`).
import { build } from 'esbuild';
import { readdirSync, statSync, rmSync, readFileSync, chmodSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const common = {
  define: { SMTP_CODES_VERSION: JSON.stringify(pkg.version) },
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
};

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else out.push(path);
  }
  return out;
}

const started = Date.now();
rmSync(join(root, 'dist'), { recursive: true, force: true });
await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'], minify: true, keepNames: true }),
  // --expose-gc: the server collects garbage after a big document (server/src/lsp/memory.ts).
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', minify: true, keepNames: true, banner: { js: '#!/usr/bin/env -S node --expose-gc' } }),
  // The CLI's node flags: CLI_NODE_ARGS (server/src/launch.ts says why).
  build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', minify: true, keepNames: true, banner: { js: '#!/usr/bin/env -S node --expose-gc --max-semi-space-size=8' } }),
  build({
    ...common,
    entryPoints: walk(join(root, 'scripts')).filter((f) => f.endsWith('.ts')).map((f) => relative(root, f)),
    outdir: 'dist/scripts',
    outbase: 'scripts',
  }),
]);

for (const bin of ['dist/cli.js', 'dist/server.js']) chmodSync(join(root, bin), 0o755);

rmSync(join(root, 'out'), { recursive: true, force: true });
const tests = walk(join(root, 'test')).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).map((f) => relative(root, f));
await build({ ...common, entryPoints: tests, outdir: 'out/test', outbase: 'test', external: ['vscode', 'mocha', 'playwright-core', '@vscode/test-electron'], packages: 'external' });
console.log(`build: dist + tests in ${Date.now() - started} ms`);
