// Command-line options shared by every command, the usage error, and terminal colours.
import type { CodeClass } from '../engine/index';

export type Format = 'text' | 'json' | 'jsonl' | 'sarif';

export interface Options {
  format: Format;
  all: boolean;
  /** explain --list: the whole knowledge base. */
  list: boolean;
  color: boolean;
  args: string[];
  /** check: follow the files as they grow (tail -F); exporter always does. */
  follow: boolean;
  /** --follow, exporter: read what the files hold first (else start at their end). */
  fromStart: boolean;
  /** exporter: where to serve /metrics (host:port). */
  listen: string | null;
  /** exporter: label the N recipient domains / addresses with the most failures (0: none). */
  topDomains: number;
  topRecipients: number;
}

/** A mistake in the command line: printed with a hint, exit status 2. */
export class UsageError extends Error {}

export function parseOptions(argv: string[]): Options {
  const opts: Options = {
    format: 'text',
    all: false,
    list: false,
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    args: [],
    follow: false,
    fromStart: false,
    listen: null,
    topDomains: 0,
    topRecipients: 0,
  };
  let i = 0;
  const valueOf = (a: string): string => {
    const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
    if (v === undefined) throw new UsageError(`${a} needs a value`);
    return v;
  };
  const count = (a: string): number => {
    const v = valueOf(a);
    if (!/^\d{1,6}$/.test(v)) throw new UsageError(`${a.split('=')[0]} needs a number of entries (got ${JSON.stringify(v)})`);
    return Number(v);
  };
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--format' || a.startsWith('--format=')) {
      const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (value !== 'text' && value !== 'json' && value !== 'jsonl' && value !== 'sarif') throw new UsageError(`--format must be text, json, jsonl or sarif (got ${value === undefined ? 'nothing' : JSON.stringify(value)})`);
      opts.format = value;
    } else if (a === '--json') {
      opts.format = 'json';
    } else if (a === '--all') {
      opts.all = true;
    } else if (a === '--list') {
      opts.list = true;
    } else if (a === '--no-color') {
      opts.color = false;
    } else if (a === '--color') {
      opts.color = true;
    } else if (a === '--follow' || a === '-f') {
      opts.follow = true;
    } else if (a === '--from-start') {
      opts.fromStart = true;
    } else if (a === '--listen' || a.startsWith('--listen=')) {
      opts.listen = valueOf(a);
    } else if (a === '--top-domains' || a.startsWith('--top-domains=')) {
      opts.topDomains = count(a);
    } else if (a === '--top-recipients' || a.startsWith('--top-recipients=')) {
      opts.topRecipients = count(a);
    } else if (a === '--') {
      opts.args.push(...argv.slice(i + 1));
      break;
    } else if (a.startsWith('--') || (a.startsWith('-') && a !== '-')) {
      throw new UsageError(`unknown option ${a}`);
    } else {
      opts.args.push(a);
    }
  }
  return opts;
}

export const COLORS: Record<CodeClass, string> = { permanent: '31', transient: '33', success: '32', intermediate: '36' };

/** `s` in an ANSI colour when `on`. */
export const paint = (on: boolean, code: string, s: string): string => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

/** The options that belong to some commands only: another command given one is a usage error. */
const COMMAND_OPTIONS: ReadonlyArray<[keyof Options, string, readonly string[]]> = [
  ['follow', '--follow', ['check']],
  ['fromStart', '--from-start', ['check', 'exporter']],
  ['listen', '--listen', ['exporter']],
  ['topDomains', '--top-domains', ['exporter']],
  ['topRecipients', '--top-recipients', ['exporter']],
];

export function checkOptionsFor(command: string, opts: Options): void {
  for (const [key, flag, commands] of COMMAND_OPTIONS) {
    if (opts[key] && !commands.includes(command)) throw new UsageError(`${flag} is an option of ${commands.join(' and ')}, not of ${command}`);
  }
  if (command === 'check' && opts.fromStart && !opts.follow) throw new UsageError('--from-start goes with --follow (check reads whole files anyway)');
  if (command === 'check' && opts.follow && opts.format !== 'text' && opts.format !== 'jsonl') throw new UsageError('--follow prints text or jsonl (json and sarif are whole documents)');
}
