// `npm run bench`, live logs: `check --follow` and `exporter` following a log that grows at a
// steady rate above the target (lines appended every 50 ms, as a busy MTA and syslog write
// them), then a burst (all at once) for the headroom. Target: they keep up with 20 000 appended
// lines per second (every line read within a second of the last append) at <= 100 MB RSS.
// The machine may be shared: the load average is printed beside the figures.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { get } from 'node:http';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { analyzeLog } from '../../server/src/engine/index';
import { LogGenerator } from './generate';

export const TARGET_LINES_PER_S = 20_000;
export const TARGET_RSS_MB = 100;
/** Appended a quarter faster than the target, so keeping up means more than the target. */
const OFFERED_LINES_PER_S = 25_000;
const TICK_MS = 50;

export type Row = (what: string, value: string, target?: string, ok?: boolean) => void;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

function metric(url: string, name: string): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (s: string) => (body += s));
      res.on('end', () => {
        let sum = 0;
        for (const line of body.split('\n')) if (line.startsWith(name)) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
        resolve(sum);
      });
    }).on('error', reject);
  });
}

async function waitUntil(what: string, condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await sleep(5);
  }
}

interface Subject {
  name: string;
  child: ChildProcess;
  /** How far it got: records written (--follow --all: one per event) or lines read (the exporter says). */
  progress(): Promise<number>;
  /** The progress that means every line of `lines` was read. */
  doneAt(lines: string[], before: number): number;
}

async function start(cli: string, mode: 'follow' | 'exporter', log: string): Promise<Subject> {
  const args = mode === 'follow' ? [cli, 'check', '--follow', '--format', 'jsonl', '--all', log] : [cli, 'exporter', '--listen', '127.0.0.1:0', log];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (err += s));
  // Records are counted as they arrive (a search for line breaks per chunk): the bench reads the pipe as a shipper would.
  let records = 0;
  child.stdout!.on('data', (b: Buffer) => {
    for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) records++;
  });
  await waitUntil(`${mode} to start`, () => err.includes('following from line'), 30_000);
  if (mode === 'exporter') {
    const url = /serving (http:\/\/\S+)/.exec(err)![1];
    return { name: 'smtp-codes exporter', child, progress: () => metric(url, 'smtp_codes_lines_read_total'), doneAt: (lines, before) => before + lines.length };
  }
  return {
    name: 'smtp-codes check --follow --format jsonl --all',
    child,
    progress: async () => records,
    doneAt: (lines, before) => before + analyzeLog(lines.join('')).outcomes.length,
  };
}

interface Run {
  linesPerS: number;
  lagMs: number;
  peakRssMb: number;
}

/** Appends `lines` at `rate` lines/s (Infinity: at once) and measures how the subject keeps up. */
async function measure(subject: Subject, log: string, lines: string[], rate: number): Promise<Run> {
  const target = subject.doneAt(lines, await subject.progress());
  const fd = openSync(log, 'a');
  const perTick = Number.isFinite(rate) ? Math.max(1, Math.round((rate * TICK_MS) / 1000)) : lines.length;
  const t0 = performance.now();
  for (let i = 0, tick = 0; i < lines.length; i += perTick, tick++) {
    const wait = t0 + tick * TICK_MS - performance.now();
    if (wait > 0) await sleep(wait);
    writeSync(fd, lines.slice(i, i + perTick).join(''));
  }
  const appended = performance.now();
  closeSync(fd);
  await waitUntil(`${subject.name} to read every line`, async () => (await subject.progress()) >= target, 120_000);
  const done = performance.now();
  return { linesPerS: lines.length / ((done - t0) / 1000), lagMs: done - appended, peakRssMb: peakRssMb(subject.child.pid!) };
}

export async function benchLive(row: Row, figures: Record<string, number | string | null>, options: { quick: boolean; dir: string; cli: string }): Promise<void> {
  const seconds = options.quick ? 2 : 10;
  const generator = new LogGenerator(7, { exim: false });
  const make = (n: number) => Array.from({ length: n }, () => `${generator.line()}\n`);
  const steadyLines = make(OFFERED_LINES_PER_S * seconds);
  const burstLines = make(options.quick ? 50_000 : 500_000);
  const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
  console.log(`  load average before: ${load()} (1, 5, 15 min; the machine may be shared with other work)`);
  for (const mode of ['follow', 'exporter'] as const) {
    const log = join(options.dir, `live-${mode}.log`);
    writeFileSync(log, '');
    const subject = await start(options.cli, mode, log);
    try {
      const steady = await measure(subject, log, steadyLines, OFFERED_LINES_PER_S);
      const burst = await measure(subject, log, burstLines, Infinity);
      // VmHWM only grows: the steady run's figure is its peak, the burst's the peak over both.
      figures[`${mode}_steady_lines_per_s`] = Math.round(steady.linesPerS);
      figures[`${mode}_lag_ms`] = Math.round(steady.lagMs);
      figures[`${mode}_steady_peak_rss_mb`] = Math.round(steady.peakRssMb);
      figures[`${mode}_burst_lines_per_s`] = Math.round(burst.linesPerS);
      figures[`${mode}_burst_peak_rss_mb`] = Math.round(burst.peakRssMb);
      row(
        `${subject.name}: ${steadyLines.length} lines appended at ${OFFERED_LINES_PER_S} lines/s`,
        `read at ${Math.round(steady.linesPerS)} lines/s, all read ${steady.lagMs.toFixed(0)} ms after the last append`,
        `>= ${TARGET_LINES_PER_S} lines/s, within 1 s`,
        steady.linesPerS >= TARGET_LINES_PER_S && steady.lagMs <= 1000,
      );
      row(`${subject.name}: peak RSS while keeping up`, `${steady.peakRssMb.toFixed(0)} MB`, `<= ${TARGET_RSS_MB} MB`, steady.peakRssMb <= TARGET_RSS_MB);
      row(`${subject.name}: ${burstLines.length} lines appended at once (headroom)`, `read at ${Math.round(burst.linesPerS)} lines/s; peak RSS ${burst.peakRssMb.toFixed(0)} MB`);
    } finally {
      subject.child.kill('SIGTERM');
      await new Promise((r) => subject.child.once('exit', r));
    }
  }
  console.log(`  load average after: ${load()}`);
  figures.live_load_average = load();
}

