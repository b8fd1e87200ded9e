// Starts and stops an isolated code-server through scripts/code-server/{start,stop}.sh and opens
// its workbench in Debian's headless Chromium with playwright-core. Shared by the UI tests
// (test/e2e) and by the runTests "executable" that runs the in-host suite (test/vscode).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** The repository root (this file is bundled to out/test/e2e/support/ or out/test/vscode/). */
export const ROOT = (() => {
  let dir = __dirname;
  while (!existsSync(join(dir, 'scripts', 'code-server', 'start.sh'))) {
    const up = resolve(dir, '..');
    if (up === dir) throw new Error(`scripts/code-server/start.sh not found above ${__dirname}`);
    dir = up;
  }
  return dir;
})();

export const CODE_SERVER_VERSION = process.env.CODE_SERVER_VERSION || '4.96.4';
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export interface CodeServer {
  url: string;
  port: number;
  pid: number;
  runDir: string;
  stop(): void;
}

export interface StartOptions {
  runDir: string;
  workspace: string;
  vsix?: string;
  userDataDir?: string;
  extensionsDir?: string;
}

export function startCodeServer(options: StartOptions): CodeServer {
  const env: NodeJS.ProcessEnv = { ...process.env, CODE_SERVER_VERSION };
  if (options.userDataDir) env.CS_USER_DATA_DIR = options.userDataDir;
  if (options.extensionsDir) env.CS_EXTENSIONS_DIR = options.extensionsDir;
  const args = [join(ROOT, 'scripts', 'code-server', 'start.sh'), options.runDir, options.workspace];
  if (options.vsix) args.push(options.vsix);
  const out = execFileSync('bash', args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const field = (name: string) => {
    const m = new RegExp(`^${name}=(.*)$`, 'm').exec(out);
    if (!m) throw new Error(`start.sh printed no ${name}=: ${out}`);
    return m[1];
  };
  const runDir = options.runDir;
  return {
    url: field('URL'),
    port: Number(field('PORT')),
    pid: Number(field('PID')),
    runDir,
    stop: () => execFileSync('bash', [join(ROOT, 'scripts', 'code-server', 'stop.sh'), runDir], { stdio: 'inherit' }),
  };
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Headless Chromium with a fresh profile; its crash reporter writes there too, not to ~/.config. */
export async function launchBrowser(init?: (context: BrowserContext) => Promise<void>): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: run scripts/code-server/install-deps.sh (apt-get install chromium) or set CHROMIUM`);
  const profile = mkdtempSync(join(tmpdir(), 'smtp-codes-chromium-'));
  mkdirSync(join(profile, 'xdg'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    env: { ...process.env, XDG_CONFIG_HOME: join(profile, 'xdg') } as Record<string, string>,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  if (init) await init(context);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
