// A "VS Code executable" for @vscode/test-electron's runTests({ vscodeExecutablePath }) that
// runs the extension tests in code-server: the real VS Code workbench and Node extension host,
// served to Debian's headless Chromium. runTests only spawns its executable with
// --extensionDevelopmentPath / --extensionTestsPath / --user-data-dir / --extensions-dir and a
// folder, and waits for the exit code; this program does the same job as desktop VS Code:
//   1. starts an isolated code-server (scripts/code-server/start.sh) on the folder;
//   2. opens the workbench in Chromium with `developmentOptions` (the extension under
//      development and the tests) injected into the workbench configuration, as
//      @vscode/test-web does, so the extension host loads the extension and awaits run();
//   3. forwards the extension host's log (window.codeAutomationLog) to stdout and exits with
//      the code the workbench reports through window.codeAutomationExit.
// Started through scripts/code-server/code (an executable file, which runTests needs).
// Environment: CODE_SERVER_VERSION, CHROMIUM, SHIM_TIMEOUT_MS (default 300000),
// SHIM_SCREENSHOT (a .png written when the tests end), SHIM_VERBOSE=1 (browser console).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { format } from 'node:util';
import { launchBrowser, startCodeServer, CODE_SERVER_VERSION, type Browser, type CodeServer } from '../../e2e/support/codeServer';

interface Args {
  developmentPaths: string[];
  testsPath?: string;
  userDataDir?: string;
  extensionsDir?: string;
  folder?: string;
  ignored: string[];
}

function parseArgs(argv: string[]): Args {
  const args: Args = { developmentPaths: [], ignored: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const m = /^--([^=]+)(?:=(.*))?$/.exec(arg);
    if (!m) {
      args.folder = resolve(arg);
      continue;
    }
    const [, name, inline] = m;
    const takesValue = ['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir'].includes(name);
    const value = takesValue ? (inline ?? argv[++i]) : inline;
    if (name === 'extensionDevelopmentPath') args.developmentPaths.push(resolve(value!));
    else if (name === 'extensionTestsPath') args.testsPath = resolve(value!);
    else if (name === 'user-data-dir') args.userDataDir = resolve(value!);
    else if (name === 'extensions-dir') args.extensionsDir = resolve(value!);
    // Desktop-only flags (--no-sandbox, --disable-gpu-sandbox, --disable-updates, --skip-welcome,
    // --skip-release-notes, --disable-workspace-trust, --disable-extensions) have no meaning here
    // or are the code-server defaults of start.sh (fresh extensions dir, trust disabled).
    else args.ignored.push(arg);
  }
  return args;
}

/** Runs in the page before the workbench: adds developmentOptions to the workbench configuration. */
function injectDevelopmentOptions(options: { extensions: string[]; tests: string }): void {
  // Page globals, typed here because the project compiles without the DOM library.
  type PageElement = { id: string };
  const page = globalThis as unknown as {
    Element: { prototype: { getAttribute(this: PageElement, name: string): string | null } };
    location: { host: string };
  };
  const getAttribute = page.Element.prototype.getAttribute;
  page.Element.prototype.getAttribute = function (this: PageElement, name: string) {
    const value = getAttribute.call(this, name);
    if (value && name === 'data-settings' && this.id === 'vscode-workbench-web-configuration') {
      const config = JSON.parse(value);
      const authority: string = config.remoteAuthority || page.location.host;
      const uri = (path: string) => ({ scheme: 'vscode-remote', authority, path });
      config.developmentOptions = { ...config.developmentOptions, extensions: options.extensions.map(uri), extensionTestsPath: uri(options.tests) };
      return JSON.stringify(config);
    }
    return value;
  };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (!args.testsPath || args.developmentPaths.length === 0) {
    console.error('usage: code [--extensionDevelopmentPath=DIR]... --extensionTestsPath=FILE [--user-data-dir=DIR] [--extensions-dir=DIR] [FOLDER]');
    return 2;
  }
  const verbose = process.env.SHIM_VERBOSE === '1';
  if (verbose && args.ignored.length) console.log(`[shim] ignoring ${args.ignored.join(' ')}`);
  const runDir = mkdtempSync(join(tmpdir(), 'smtp-codes-shim-'));
  const folder = args.folder ?? join(runDir, 'workspace');
  mkdirSync(folder, { recursive: true });
  const timeoutMs = Number(process.env.SHIM_TIMEOUT_MS || 300000);

  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const started = Date.now();
  try {
    server = startCodeServer({ runDir, workspace: folder, userDataDir: args.userDataDir, extensionsDir: args.extensionsDir });
    console.log(`[shim] code-server ${CODE_SERVER_VERSION} on port ${server.port} (${Date.now() - started} ms), folder ${folder}`);
    let exit: (code: number) => void = () => {};
    const exited = new Promise<number>((resolve) => (exit = resolve));
    browser = await launchBrowser(async (context) => {
      await context.exposeFunction('codeAutomationLog', (type: string, messages: unknown[]) => {
        // console.* arguments from the extension host: a printf-style format string, then values.
        const text = format(...(Array.isArray(messages) ? messages : [messages]));
        (type === 'error' ? console.error : console.log)(text);
      });
      await context.exposeFunction('codeAutomationExit', (code: number) => exit(code));
      await context.addInitScript(injectDevelopmentOptions, { extensions: args.developmentPaths, tests: args.testsPath! });
    });
    const { page } = browser;
    if (verbose) page.on('console', (m) => console.log(`[browser ${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => console.error(`[shim] page error: ${e.message}`));
    await page.goto(server.url);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<number>((resolve) => {
      timer = setTimeout(() => {
        console.error(`[shim] the tests did not finish within ${timeoutMs} ms`);
        resolve(1);
      }, timeoutMs);
    });
    const code = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (process.env.SHIM_SCREENSHOT) {
      mkdirSync(dirname(process.env.SHIM_SCREENSHOT), { recursive: true });
      writeFileSync(process.env.SHIM_SCREENSHOT, await page.screenshot());
    }
    console.log(`[shim] extension tests exited with ${code} after ${Date.now() - started} ms`);
    return code;
  } finally {
    await browser?.close().catch((e) => console.error(`[shim] closing Chromium: ${e}`));
    server?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[shim] ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
