// Nothing leaves the machine and nothing runs from the workspace: no telemetry, no network,
// no shell, no eval. Checked on what ships (dist/client.js, dist/server.js, dist/cli.js) and on
// our sources:
// - each bundle is rebuilt in memory, unminified, with esbuild's metafile: every import of a
//   Node module that reaches the network or runs code (child_process, net, http, ...) is named
//   with the module that imports it, and must be on the allow-list below, which says why it is
//   harmless. An allow-list entry that no longer matches fails too, so the list stays exact.
// - the text of every bundle holds no eval, no Function constructor, no fetch, no
//   XMLHttpRequest or WebSocket, no dynamic import or require; the minified dist files hold
//   exactly the allowed imports.
// - WebAssembly: only the scanner's SIMD finder compiles a module, built from constants.
// - One listener: `smtp-codes exporter` serves /metrics with node:http, in the CLI only (never in
//   the extension's client or server), on 127.0.0.1 unless the user names another address.
// - the manifest declares untrusted-workspace support, the client starts the server from the
//   extension's own folder, and hover Markdown is not trusted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { repoRoot } from '../support/shared';

/** Node modules that reach the network or run other code. */
const FORBIDDEN_MODULES = ['child_process', 'cluster', 'worker_threads', 'vm', 'inspector', 'net', 'tls', 'http', 'https', 'http2', 'dgram', 'dns'];

/** Code that runs strings as code or talks to the network without a Node module. */
const FORBIDDEN_CODE: ReadonlyArray<[string, RegExp]> = [
  ['eval', /(?<![\w$.])eval\s*\(/],
  ['new Function', /\bnew\s+Function\b/],
  ['Function()', /(?<![\w$.])Function\s*\(/],
  ['fetch', /(?<![\w$.])fetch\s*\(/],
  ['XMLHttpRequest', /\bXMLHttpRequest\b/],
  ['WebSocket', /\bWebSocket\b/],
  ['dynamic import', /(?<![\w$.])import\s*\(/],
  ['require of a computed name', /(?<![\w$.])require\s*\(\s*[^"'\s)]/],
  ['process.binding', /\bprocess\.binding\b/],
];

type Bundle = 'client' | 'server' | 'cli';

/** Every allowed import of a forbidden module: which bundle, which module imports it, and why it is harmless. */
const ALLOWED: ReadonlyArray<{ bundle: Bundle; importer: string; module: string; why: string }> = [
  {
    bundle: 'client',
    importer: 'node_modules/vscode-languageclient/lib/node/main.js',
    module: 'child_process',
    why: "starts the language server: a fork of the extension's own dist/server.js over the node IPC channel (TransportKind.ipc); the spawn paths for executables and other transports are never configured",
  },
  {
    bundle: 'client',
    importer: 'node_modules/vscode-languageclient/lib/node/processes.js',
    module: 'child_process',
    why: "kills the server's process tree if it does not exit on shutdown (taskkill on Windows; on Linux and macOS a script that the .vsix does not ship, so the call fails harmlessly)",
  },
  {
    bundle: 'client',
    importer: 'node_modules/vscode-jsonrpc/lib/node/main.js',
    module: 'net',
    why: 'the pipe and socket transports of the JSON-RPC library, which connect only to a local pipe or localhost; the client uses the node IPC channel',
  },
  {
    bundle: 'server',
    importer: 'node_modules/vscode-jsonrpc/lib/node/main.js',
    module: 'net',
    why: 'the --pipe and --socket transports an editor may start the server with: a connection to that editor on this machine (a local pipe or localhost)',
  },
  {
    bundle: 'server',
    importer: 'node_modules/vscode-languageserver/lib/node/files.js',
    module: 'child_process',
    why: 'Files.resolveGlobalNodePath / resolveGlobalYarnPath run npm or yarn; the library bundles them, the server never calls them (checked below)',
  },
  {
    bundle: 'cli',
    importer: 'server/src/cli/commands/exporter.ts',
    module: 'http',
    why: "`smtp-codes exporter` serves Prometheus metrics at /metrics (nothing else, GET and HEAD only): a listener the user starts from the command line, on 127.0.0.1 by default (--listen names another address, with a warning). It sends nothing: Prometheus, if the user points it there, asks. CLI only: the extension's client and server bundles have no entry for it, so they fail this test if it ever reaches them",
  },
];

const ENTRIES: Record<Bundle, { entry: string; external: string[] }> = {
  client: { entry: 'client/src/extension.ts', external: ['vscode'] },
  server: { entry: 'server/src/server.ts', external: [] },
  cli: { entry: 'server/src/cli/main.ts', external: [] },
};

const bare = (module: string) => module.replace(/^node:/, '');

interface Built {
  text: string;
  imports: Array<{ importer: string; module: string }>;
}

const builds = new Map<Bundle, Promise<Built>>();
/** The bundle as scripts/build.mjs makes it, unminified, with its metafile. */
function built(bundle: Bundle): Promise<Built> {
  let b = builds.get(bundle);
  if (!b) {
    const { entry, external } = ENTRIES[bundle];
    b = build({
      entryPoints: [entry],
      absWorkingDir: repoRoot,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external,
      write: false,
      metafile: true,
      logLevel: 'silent',
      define: { SMTP_CODES_VERSION: '"test"' },
    }).then((r) => {
      const meta = r.metafile as Metafile;
      const imports = Object.entries(meta.inputs).flatMap(([importer, input]) => input.imports.filter((i) => i.external).map((i) => ({ importer, module: bare(i.path) })));
      return { text: r.outputFiles[0].text, imports };
    });
    builds.set(bundle, b);
  }
  return b;
}

for (const bundle of Object.keys(ENTRIES) as Bundle[]) {
  test(`${bundle}: every import of a network or process module is on the allow-list, and every allow-list entry is used`, async () => {
    const { imports } = await built(bundle);
    const forbidden = imports.filter((i) => FORBIDDEN_MODULES.includes(i.module));
    const allowed = ALLOWED.filter((a) => a.bundle === bundle);
    for (const i of forbidden) {
      assert.ok(
        allowed.some((a) => a.importer === i.importer && a.module === i.module),
        `${bundle}: ${i.importer} imports ${i.module}, which is not on the allow-list of test/unit/security.test.ts`,
      );
    }
    for (const a of allowed) assert.ok(forbidden.some((i) => i.importer === a.importer && i.module === a.module), `stale allow-list entry: ${a.bundle} ${a.importer} ${a.module}`);
    // Our own code imports none of them, except the allowed listener of the exporter (CLI only).
    assert.deepEqual(
      forbidden.filter((i) => !i.importer.startsWith('node_modules/')),
      allowed.filter((a) => !a.importer.startsWith('node_modules/')).map(({ importer, module }) => ({ importer, module })),
    );
  });

  test(`${bundle}: no eval, Function constructor, fetch, XMLHttpRequest, WebSocket or dynamic import/require in the bundle`, async () => {
    const { text } = await built(bundle);
    let module = '(bundle runtime)';
    const hits: string[] = [];
    for (const line of text.split('\n')) {
      const m = /^\/\/ (\S+)$/.exec(line);
      if (m) module = m[1];
      else for (const [name, re] of FORBIDDEN_CODE) if (re.test(line)) hits.push(`${name} in ${module}: ${line.trim().slice(0, 120)}`);
    }
    assert.deepEqual(hits, []);
  });

  test(`${bundle}: the shipped dist/${bundle}.js holds exactly the allowed imports and none of the forbidden code`, async () => {
    const dist = readFileSync(join(repoRoot, 'dist', `${bundle}.js`), 'utf8');
    const { imports } = await built(bundle);
    for (const module of FORBIDDEN_MODULES) {
      const required = dist.split(`require("${module}")`).length - 1 + dist.split(`require("node:${module}")`).length - 1;
      const expected = new Set(imports.filter((i) => i.module === module).map((i) => i.importer)).size;
      assert.equal(required, expected, `dist/${bundle}.js requires ${module} ${required} times; the allowed importers are ${expected}`);
    }
    for (const [name, re] of FORBIDDEN_CODE) assert.ok(!re.test(dist), `dist/${bundle}.js holds ${name}`);
  });
}

function sources(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts')) out.push(path);
    }
  };
  walk(join(repoRoot, 'server', 'src'));
  walk(join(repoRoot, 'client', 'src'));
  return out;
}

test('sources: no network or process module, no eval or fetch, no use of the library functions that run npm', () => {
  const hits: string[] = [];
  for (const path of sources()) {
    const text = readFileSync(path, 'utf8');
    const where = relative(repoRoot, path);
    for (const module of FORBIDDEN_MODULES) {
      if (!new RegExp(`from ['"](?:node:)?${module}['"]|require\\(['"](?:node:)?${module}['"]\\)`).test(text)) continue;
      if (!ALLOWED.some((a) => a.importer === where.split('\\').join('/') && a.module === module)) hits.push(`${where} imports ${module}`);
    }
    for (const [name, re] of FORBIDDEN_CODE) if (re.test(text)) hits.push(`${where} uses ${name}`);
    if (/\bFiles\.|resolveGlobal(?:Node|Yarn)Path|resolveModulePath/.test(text)) hits.push(`${where} uses the Files helpers of vscode-languageserver (they run npm or yarn)`);
  }
  assert.deepEqual(hits, []);
});

test('WebAssembly: only the SIMD finder of the scanner compiles any, and only its own constant module', () => {
  const code = (path: string) => readFileSync(path, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
  const users = sources()
    .filter((path) => /\bWebAssembly\b/.test(code(path)))
    .map((path) => relative(repoRoot, path));
  assert.deepEqual(users, [join('server', 'src', 'engine', 'scanner', 'simd.ts')]);
  const text = readFileSync(join(repoRoot, 'server', 'src', 'engine', 'scanner', 'simd.ts'), 'utf8');
  // One Module, made from candidateModuleBytes() (no argument: nothing of a document goes in).
  assert.equal(text.match(/new wasm\.Module\(/g)?.length, 1);
  assert.match(text, /const bytes = candidateModuleBytes\(\);\s+if \(!wasm\.validate\(bytes\)\)/);
  assert.match(text, /export function candidateModuleBytes\(\): Uint8Array/);
  assert.ok(!/instantiateStreaming|compileStreaming|WebAssembly\.(?:compile|instantiate)\(/.test(text), 'no other way of compiling');
});

test('manifest: works in untrusted workspaces, contributes no setting that names a program or a path', () => {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  assert.equal(pkg.capabilities?.untrustedWorkspaces?.supported, true);
  assert.equal(pkg.main, './dist/client.js');
  const settings = Object.keys(pkg.contributes.configuration.properties);
  assert.ok(settings.length > 0);
  for (const key of settings) assert.doesNotMatch(key, /path|command|executable|program|binary|script|url|endpoint|telemetry/i, `${key} could make the extension run or reach something`);
});

test('client: starts the server from its own folder, hovers are not trusted Markdown, the remedy page runs no script', () => {
  const text = readFileSync(join(repoRoot, 'client', 'src', 'extension.ts'), 'utf8');
  assert.match(text, /const module = context\.asAbsolutePath\('dist\/server\.js'\);/);
  assert.match(text, /run: \{ module, transport: TransportKind\.ipc\b/);
  // The server's node flags and environment come from one reviewed place (server/src/launch.ts).
  assert.match(text, /execArgv: \[\.\.\.SERVER_NODE_ARGS\]/);
  // vscode-languageclient renders hovers as untrusted Markdown without HTML unless told otherwise.
  assert.doesNotMatch(text, /isTrusted|supportHtml|markdown\s*:/);
  assert.match(text, /enableScripts: false/);
  assert.match(text, /localResourceRoots: \[\]/);
});

test('the exporter: the one listener, in the CLI only, on 127.0.0.1 by default, serving /metrics only', () => {
  const listeners = sources()
    .filter((path) => /\bcreateServer\s*\(|\.createSocket\s*\(/.test(readFileSync(path, 'utf8')))
    .map((path) => relative(repoRoot, path).split('\\').join('/'));
  assert.deepEqual(listeners, ['server/src/cli/commands/exporter.ts']);
  const text = readFileSync(join(repoRoot, 'server', 'src', 'cli', 'commands', 'exporter.ts'), 'utf8');
  assert.match(text, /export const DEFAULT_LISTEN = '127\.0\.0\.1:9180';/);
  assert.match(text, /parseListen\(opts\.listen \?\? DEFAULT_LISTEN\)/);
  assert.match(text, /if \(path !== '\/metrics'\) \{\s+res\.writeHead\(404/);
  // The extension's code imports none of the CLI's commands or live inputs (the bundle tests above hold it for node:http too).
  const extension = sources().filter((p) => p.startsWith(join(repoRoot, 'client')) || p.startsWith(join(repoRoot, 'server', 'src', 'lsp')) || p === join(repoRoot, 'server', 'src', 'server.ts'));
  assert.ok(extension.length > 5);
  for (const path of extension) assert.doesNotMatch(readFileSync(path, 'utf8'), /from '[./]*(?:server\/src\/)?(?:cli\/commands\/|cli\/live'|io\/follow')/, path);
});
