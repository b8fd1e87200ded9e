// smtp-codes: the engine on the command line.
//   smtp-codes explain [--format text|json] CODE...
//   smtp-codes check [--format text|json] [--all] FILE...   (FILE may be - for stdin, or .gz)
// Exit codes: check: 0 no permanent failure, 1 permanent failures found, 2 usage error or a
// file that could not be read (the other files are still checked). explain: 0, or 1 when a
// code could not be read at all, 2 on a usage error.
import { createReadStream, statSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { pipeline, Readable } from 'node:stream';
import {
  detectKind,
  explainCode,
  explainFinding,
  explanationText,
  LogStreamScanner,
  oneLine,
  parseCodeQuery,
  scanText,
  type CodeClass,
  type Explanation,
  type Finding,
} from '../engine/index';

declare const SMTP_CODES_VERSION: string;
const VERSION = typeof SMTP_CODES_VERSION === 'string' ? SMTP_CODES_VERSION : 'dev';

const HELP = `smtp-codes ${VERSION} — explain SMTP reply codes and find them in mail logs and bounces

Usage:
  smtp-codes explain [--format text|json] CODE...
      Explain codes: 550, 5.1.1, 550-5.1.1 or "550 5.1.1".
  smtp-codes check [--format text|json] [--all] FILE...
      Find SMTP codes in mail logs and .eml bounces, like a linter. FILE may be
      - (standard input) or a gzip-compressed rotated log (mail.log.2.gz).
      Prints permanent and transient failures (--all: successes too).

Options:
  --format text|json   output format (default text)
  --all                check: also print successes and intermediate replies
  --no-color           no colours (also when NO_COLOR is set or output is not a terminal)
  -h, --help           this help
  -v, --version        the version

Exit status:
  check    0 no permanent failure, 1 permanent failures found, 2 usage error or unreadable file
  explain  0 all codes read, 1 a code could not be read, 2 usage error

The JSON of check is a stable contract; see the README.`;

interface Options {
  format: 'text' | 'json';
  all: boolean;
  color: boolean;
  args: string[];
}

class UsageError extends Error {}

function parseOptions(argv: string[]): Options {
  const opts: Options = {
    format: 'text',
    all: false,
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    args: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--format' || a.startsWith('--format=')) {
      const value = a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i];
      if (value !== 'text' && value !== 'json') throw new UsageError(`--format must be text or json (got ${value === undefined ? 'nothing' : JSON.stringify(value)})`);
      opts.format = value;
    } else if (a === '--json') {
      opts.format = 'json';
    } else if (a === '--all') {
      opts.all = true;
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

const COLORS: Record<CodeClass, string> = { permanent: '31', transient: '33', success: '32', intermediate: '36' };
const paint = (on: boolean, code: string, s: string): string => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

// ---------------------------------------------------------------- explain

function explanationJson(query: string, ex: Explanation): Record<string, unknown> {
  return {
    query,
    known: ex.known,
    code: ex.code,
    reply: ex.reply,
    enhanced: ex.enhanced,
    class: ex.class,
    title: ex.title,
    summary: ex.summary,
    explanation: ex.explanation.join('\n\n'),
    reason: ex.reason?.id ?? null,
    reasonLabel: ex.reason?.label ?? null,
    bounce: ex.bounce,
    provider: ex.provider?.id ?? null,
    providerName: ex.provider?.name ?? null,
    actors: ex.actors,
    causes: ex.causes,
    remedies: ex.remedies,
    notes: ex.notes,
    references: ex.references,
    replyCode: ex.replyPart,
    enhancedCode: ex.enhancedPart,
  };
}

function runExplain(opts: Options): number {
  if (opts.args.length === 0) throw new UsageError('explain needs at least one CODE, e.g. smtp-codes explain 550 5.1.1');
  // `smtp-codes explain 550 5.1.1` (two words) is one reply; `explain 550 451` is two codes.
  const queries: string[] = [];
  for (let i = 0; i < opts.args.length; i++) {
    const a = opts.args[i];
    const next = opts.args[i + 1];
    if (/^\d{3}$/.test(a) && next && /^#?[245]\.\d{1,3}\.\d{1,3}$/.test(next)) {
      queries.push(`${a} ${next}`);
      i++;
    } else {
      queries.push(a);
    }
  }
  let unreadable = 0;
  const results = queries.map((q) => {
    const parsed = parseCodeQuery(q);
    const ex = parsed ? explainCode(parsed) : explainCode({ reply: q.slice(0, 20) });
    if (!ex.known) unreadable++;
    return { q, ex };
  });
  if (opts.format === 'json') {
    process.stdout.write(`${JSON.stringify(results.map((r) => explanationJson(r.q, r.ex)), null, 2)}\n`);
  } else {
    process.stdout.write(
      results
        .map(({ ex }) => {
          const text = explanationText(ex);
          return ex.class ? text.replace(ex.code, paint(opts.color, `1;${COLORS[ex.class]}`, ex.code)) : text;
        })
        .join('\n'),
    );
  }
  return unreadable > 0 ? 1 : 0;
}

// ---------------------------------------------------------------- check

interface Counts {
  permanent: number;
  transient: number;
  success: number;
  intermediate: number;
}

function findingJson(f: Finding): Record<string, unknown> {
  const ex = explainFinding(f);
  return {
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    reply: f.reply,
    enhanced: f.enhanced,
    class: f.class,
    summary: ex.summary,
    reason: ex.reason?.id ?? null,
    bounce: ex.bounce,
    provider: ex.provider?.id ?? null,
    text: f.text,
  };
}

interface Sink {
  fileStart(path: string): void;
  finding(path: string, f: Finding): void;
  fileError(path: string, message: string): void;
  fileEnd(path: string): void;
  end(counts: Counts, files: number, failed: number): void;
}

function textSink(opts: Options): Sink {
  const out: string[] = [];
  const flush = () => {
    if (out.length) process.stdout.write(out.join(''));
    out.length = 0;
  };
  return {
    fileStart() {},
    finding(path, f) {
      if (!opts.all && f.class !== 'permanent' && f.class !== 'transient') return;
      const ex = explainFinding(f);
      const label = f.class === 'permanent' ? 'error' : f.class === 'transient' ? 'warning' : f.class;
      out.push(`${path}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${paint(opts.color, COLORS[f.class], label)} ${oneLine(ex)}\n`);
      if (out.length >= 512) flush();
    },
    fileError(path, message) {
      flush();
      process.stderr.write(`smtp-codes: ${path}: ${message}\n`);
    },
    fileEnd() {
      flush();
    },
    end(counts, files, failed) {
      flush();
      const parts = [
        paint(opts.color, COLORS.permanent, `${counts.permanent} permanent`),
        paint(opts.color, COLORS.transient, `${counts.transient} transient`),
        paint(opts.color, COLORS.success, `${counts.success} success`),
      ];
      if (counts.intermediate) parts.push(`${counts.intermediate} intermediate`);
      const fileWord = files === 1 ? 'file' : 'files';
      process.stdout.write(`${parts.join(', ')} in ${files} ${fileWord}${failed ? ` (${failed} could not be read)` : ''}\n`);
    },
  };
}

/** Streams the JSON document, so a huge log never needs all findings in memory. */
function jsonSink(): Sink {
  let firstFile = true;
  let firstFinding = true;
  let buffer: string[] = [];
  const write = (s: string) => {
    buffer.push(s);
    if (buffer.length >= 1024) {
      process.stdout.write(buffer.join(''));
      buffer = [];
    }
  };
  const flush = () => {
    if (buffer.length) process.stdout.write(buffer.join(''));
    buffer = [];
  };
  let error: string | null = null;
  write('{"version":1,"files":[');
  return {
    fileStart(path) {
      write(`${firstFile ? '' : ','}{"path":${JSON.stringify(path)},"findings":[`);
      firstFile = false;
      firstFinding = true;
      error = null;
    },
    finding(_path, f) {
      write(`${firstFinding ? '' : ','}${JSON.stringify(findingJson(f))}`);
      firstFinding = false;
    },
    fileError(path, message) {
      error = message;
      process.stderr.write(`smtp-codes: ${path}: ${message}\n`);
    },
    fileEnd() {
      write(`]${error ? `,"error":${JSON.stringify(error)}` : ''}}`);
    },
    end(counts) {
      write(`],"summary":${JSON.stringify(counts)}}\n`);
      flush();
    },
  };
}

const MAX_EMAIL_BYTES = 256 * 1024 * 1024;

function isBinary(head: Buffer): boolean {
  const n = Math.min(head.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i];
    if (b === 0) return true;
    if (b < 7 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  return n > 0 && control / n > 0.1;
}

/** The encoding of a text file from its byte-order mark: UTF-8 unless it says UTF-16 (Windows tools write that). */
function encodingOf(head: Buffer): 'utf-8' | 'utf-16le' | 'utf-16be' {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/** Reads a stream; gunzips it when it starts with the gzip magic number (rotated logs). */
async function* chunksOf(stream: Readable): AsyncGenerator<Buffer> {
  const it = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return;
  const head: Buffer = first.value;
  async function* all(): AsyncGenerator<Buffer> {
    yield head;
    for (;;) {
      const next = await it.next();
      if (next.done) return;
      yield next.value;
    }
  }
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
    const gunzip = createGunzip();
    pipeline(Readable.from(all()), gunzip, () => undefined);
    yield* gunzip as AsyncIterable<Buffer>;
  } else {
    yield* all();
  }
}

async function checkOne(path: string, sink: Sink, counts: Counts): Promise<boolean> {
  let stream: Readable;
  if (path === '-') {
    stream = process.stdin;
  } else {
    let st;
    try {
      st = statSync(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      sink.fileStart(path);
      sink.fileError(path, code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : `cannot read (${code ?? String(err)})`);
      sink.fileEnd(path);
      return false;
    }
    if (st.isDirectory()) {
      sink.fileStart(path);
      sink.fileError(path, 'is a directory (give the log files inside it)');
      sink.fileEnd(path);
      return false;
    }
    stream = createReadStream(path, { highWaterMark: 1 << 20 });
  }
  sink.fileStart(path);
  const count = (f: Finding) => {
    counts[f.class]++;
    sink.finding(path, f);
  };
  try {
    let decoder = new TextDecoder();
    let scanner: LogStreamScanner | null = null;
    let email: string[] | null = null;
    let emailBytes = 0;
    let first = true;
    for await (const chunk of chunksOf(stream)) {
      if (first) {
        first = false;
        const encoding = encodingOf(chunk);
        // UTF-16 text is full of NUL bytes: only text without a UTF-16 byte-order mark is sniffed.
        if (encoding === 'utf-8' && isBinary(chunk)) {
          sink.fileError(path, 'not a text file (binary content); skipped');
          sink.fileEnd(path);
          stream.destroy();
          return false;
        }
        // Invalid bytes become U+FFFD; a byte-order mark is dropped, as editors do (columns agree).
        decoder = new TextDecoder(encoding);
        const head = decoder.decode(chunk, { stream: true });
        if (/\.eml$/i.test(path) || detectKind(head) === 'eml') email = [head];
        else {
          scanner = new LogStreamScanner();
          for (const f of scanner.push(head)) count(f);
        }
        emailBytes = chunk.length;
        continue;
      }
      if (email) {
        emailBytes += chunk.length;
        if (emailBytes > MAX_EMAIL_BYTES) throw new Error('message larger than 256 MB; not scanned');
        email.push(decoder.decode(chunk, { stream: true }));
      } else if (scanner) {
        for (const f of scanner.push(decoder.decode(chunk, { stream: true }))) count(f);
      }
    }
    const tail = decoder.decode();
    if (email) {
      email.push(tail);
      for (const f of scanText(email.join(''), { kind: 'eml' })) count(f);
    } else if (scanner) {
      for (const f of scanner.push(tail)) count(f);
      for (const f of scanner.end()) count(f);
    }
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const message =
      e.code === 'EACCES'
        ? 'permission denied'
        : e.code === 'Z_DATA_ERROR'
          ? 'corrupt gzip data'
          : e.code === 'Z_BUF_ERROR'
            ? 'truncated gzip data (unexpected end of file)'
            : e.message;
    sink.fileError(path, message);
    sink.fileEnd(path);
    return false;
  }
  sink.fileEnd(path);
  return true;
}

/** The counts of the running check, for the exit status when the reader of our output goes away. */
let liveCounts: Counts | null = null;

async function runCheck(opts: Options): Promise<number> {
  if (opts.args.length === 0) throw new UsageError('check needs at least one FILE (or - for standard input)');
  const counts: Counts = { permanent: 0, transient: 0, success: 0, intermediate: 0 };
  liveCounts = counts;
  const sink = opts.format === 'json' ? jsonSink() : textSink(opts);
  let failed = 0;
  for (const path of opts.args) if (!(await checkOne(path, sink, counts))) failed++;
  sink.end(counts, opts.args.length, failed);
  if (failed > 0) return 2;
  return counts.permanent > 0 ? 1 : 0;
}

// ---------------------------------------------------------------- main

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(`${HELP}\n`);
    return command ? 0 : 2;
  }
  if (command === '-v' || command === '--version') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (rest.includes('-h') || rest.includes('--help')) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  try {
    const opts = parseOptions(rest);
    if (command === 'explain') return runExplain(opts);
    if (command === 'check') return await runCheck(opts);
    throw new UsageError(`unknown command ${JSON.stringify(command)} (try: explain, check)`);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`smtp-codes: ${err.message}\nRun smtp-codes --help for usage.\n`);
      return 2;
    }
    throw err;
  }
}

// `smtp-codes check big.log | head`: the reader closed the pipe. Stop quietly (no stack trace),
// with the status of what was found so far.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  process.exit(liveCounts && liveCounts.permanent > 0 ? 1 : 0);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`smtp-codes: internal error: ${err?.stack ?? err}\n`);
    process.exitCode = 2;
  },
);
