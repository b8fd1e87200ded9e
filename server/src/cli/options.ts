// Command-line options shared by every command, the usage error, and terminal colours.
import type { CodeClass } from '../engine/index';

export type Format = 'text' | 'json' | 'sarif';

export interface Options {
  format: Format;
  all: boolean;
  /** explain --list: the whole knowledge base. */
  list: boolean;
  color: boolean;
  args: string[];
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
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--format' || a.startsWith('--format=')) {
      const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (value !== 'text' && value !== 'json' && value !== 'sarif') throw new UsageError(`--format must be text, json or sarif (got ${value === undefined ? 'nothing' : JSON.stringify(value)})`);
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
