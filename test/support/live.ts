// Helpers for the tests of live logs: a process whose output is collected and waited on (never a
// fixed sleep: every wait polls a condition, with a timeout that fails the test), free local
// ports, HTTP GETs on localhost, and the real tools (Prometheus, rsyslog) looked up on PATH.
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './shared';

export const CLI = join(repoRoot, 'dist', 'cli.js');

export class Proc {
  out = '';
  err = '';
  readonly exited: Promise<number | null>;
  constructor(readonly child: ChildProcess) {
    child.stdout?.setEncoding('utf8').on('data', (s: string) => (this.out += s));
    child.stderr?.setEncoding('utf8').on('data', (s: string) => (this.err += s));
    this.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : null))));
  }

  static start(command: string, args: string[], options: SpawnOptions = {}): Proc {
    return new Proc(spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], ...options, env: { ...process.env, NO_COLOR: '1', ...options.env } }));
  }

  /** The CLI, built. */
  static cli(args: string[], options: SpawnOptions = {}): Proc {
    return Proc.start(process.execPath, [CLI, ...args], options);
  }

  /** Lines of standard output, the last one complete. */
  get lines(): string[] {
    return this.out.split('\n').slice(0, -1);
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}

/** Waits until `condition` returns a truthy value (polled every 20 ms); fails with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, condition: () => T | Promise<T>, timeoutMs = 15000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await condition();
      if (v) return v as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${last})` : ''}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A TCP port free on 127.0.0.1 right now (for a program that must be told its port). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** GET on localhost: status and body. */
export function httpGet(url: string): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = get(url, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (s: string) => (body += s));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.setTimeout(5000, () => req.destroy(new Error('timeout')));
  });
}

/** The path of a program, or null when it is not installed. */
export function which(program: string, extraDirs: string[] = []): string | null {
  const r = spawnSync('sh', ['-c', 'command -v "$0"', program], { encoding: 'utf8', env: { ...process.env, PATH: [process.env.PATH, ...extraDirs].join(':') } });
  return r.status === 0 ? r.stdout.trim() : null;
}

/**
 * The skip message of a test of a real tool: one line on a user's machine without it, false when
 * it is installed — and false in CI (CI set), where scripts/code-server/install-deps.sh installs
 * it: there a missing tool fails the test (requireTool) instead of skipping it.
 */
export function toolSkip(program: string, pkg: string, extraDirs: string[] = []): string | false {
  if (which(program, extraDirs) || process.env.CI) return false;
  return `${program} is not installed (Debian: apt-get install ${pkg}; scripts/code-server/install-deps.sh installs it)`;
}

/** The path of a tool the test needs; fails the test when it is missing. */
export function requireTool(program: string, pkg: string, extraDirs: string[] = []): string {
  const path = which(program, extraDirs);
  if (!path) throw new Error(`${program} is not installed (apt-get install ${pkg}, or scripts/code-server/install-deps.sh as root)`);
  return path;
}

/** The exporter's address from its start-up line on standard error. */
export async function exporterUrl(p: Proc): Promise<string> {
  const m = await waitFor('the exporter to listen', () => /serving (http:\/\/\S+\/metrics)/.exec(p.err) ?? (p.child.exitCode !== null ? Promise.reject(new Error(`exited: ${p.err}`)) : null));
  return m[1];
}

export const DASHBOARD = join(repoRoot, 'contrib', 'grafana', 'smtp-codes-dashboard.json');

export interface DashboardQuery {
  panel: string;
  expr: string;
  legend: string;
}

/** Every query of the Grafana dashboard: the panels' targets and the template variables' queries. */
export function dashboardQueries(): DashboardQuery[] {
  const dash = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as {
    panels: Array<{ title: string; targets: Array<{ expr: string; legendFormat?: string }> }>;
    templating: { list: Array<{ name: string; definition?: string }> };
  };
  const out: DashboardQuery[] = [];
  for (const p of dash.panels) for (const t of p.targets) out.push({ panel: p.title, expr: t.expr, legend: t.legendFormat ?? '' });
  for (const v of dash.templating.list) if (v.definition) out.push({ panel: `variable ${v.name}`, expr: v.definition, legend: '' });
  return out;
}

/** A dashboard query as Grafana sends it: its variables replaced (every host, a rate window, the range). */
export function concreteQuery(expr: string): string {
  return expr.split('$__rate_interval').join('1m').split('$__range').join('1h').split('$instance').join('.*');
}
