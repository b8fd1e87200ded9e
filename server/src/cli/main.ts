// smtp-codes: the engine on the command line.
//   smtp-codes explain [--format text|json] CODE...
//   smtp-codes check [--format text|json] [--all] FILE...   (FILE may be - for stdin, or .gz)
// Exit codes: check: 0 no permanent failure, 1 permanent failures found, 2 usage error or a
// file that could not be read (the other files are still checked). explain: 0, or 1 when a
// code could not be read at all, 2 on a usage error.
import { explainCode, explainFinding, explanationText, formatCount, oneLine, parseCodeQuery, SummaryBuilder, type CodeClass, type Explanation, type Finding, type Summary } from '../engine/index';
import { scanFile } from '../io/scanFile';

declare const SMTP_CODES_VERSION: string;
const VERSION = typeof SMTP_CODES_VERSION === 'string' ? SMTP_CODES_VERSION : 'dev';

const HELP = `smtp-codes ${VERSION} — explain SMTP reply codes and find them in mail logs and bounces

Usage:
  smtp-codes explain [--format text|json] CODE...
      Explain codes: 550, 5.1.1, 550-5.1.1 or "550 5.1.1".
  smtp-codes check [--format text|json|sarif] [--all] FILE...
      Find SMTP codes in mail logs and .eml bounces, like a linter. FILE may be
      - (standard input) or a gzip-compressed rotated log (mail.log.2.gz).
      Prints permanent and transient failures (--all: successes too).
      sarif: SARIF 2.1.0 for CI systems.
  smtp-codes summary [--format text|json] FILE...
      Failure counts by class, code, bounce reason, recipient domain, provider and
      recipient, and failures over time (the summary report of the editor).

Options:
  --format FORMAT      output format (default text)
  --all                check: also print successes and intermediate replies
  --no-color           no colours (also when NO_COLOR is set or output is not a terminal)
  -h, --help           this help
  -v, --version        the version

Exit status:
  check    0 no permanent failure, 1 permanent failures found, 2 usage error or unreadable file
  summary  0, or 2 on a usage error or an unreadable file
  explain  0 all codes read, 1 a code could not be read, 2 usage error

The JSON of check is a stable contract; see the README.`;

interface Options {
  format: 'text' | 'json' | 'sarif';
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
      if (value !== 'text' && value !== 'json' && value !== 'sarif') throw new UsageError(`--format must be text, json or sarif (got ${value === undefined ? 'nothing' : JSON.stringify(value)})`);
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

/**
 * SARIF 2.1.0, streamed: results first, then the tool with one rule per code met (JSON key
 * order does not matter), so CI systems can show the findings.
 */
function sarifSink(opts: Options): Sink {
  const rules = new Map<string, { index: number; ex: Explanation }>();
  let first = true;
  let buffer: string[] = [];
  const write = (chunk: string) => {
    buffer.push(chunk);
    if (buffer.length >= 1024) {
      process.stdout.write(buffer.join(''));
      buffer = [];
    }
  };
  const invocations: { path: string; message: string }[] = [];
  write('{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{"results":[');
  return {
    fileStart() {},
    finding(path, f) {
      if (!opts.all && f.class !== 'permanent' && f.class !== 'transient') return;
      const ex = explainFinding(f);
      const id = ex.code.replace(' ', '/');
      let rule = rules.get(id);
      if (!rule) {
        rule = { index: rules.size, ex };
        rules.set(id, rule);
      }
      const result = {
        ruleId: id,
        ruleIndex: rule.index,
        level: f.class === 'permanent' ? 'error' : f.class === 'transient' ? 'warning' : 'note',
        message: { text: oneLine(ex) },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: path === '-' ? 'stdin' : path.split('\\').join('/') },
              region: { startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1, endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1 },
            },
          },
        ],
        properties: { reply: f.reply, enhanced: f.enhanced, class: f.class, reason: ex.reason?.id ?? null, provider: ex.provider?.id ?? null },
      };
      write(`${first ? '' : ','}${JSON.stringify(result)}`);
      first = false;
    },
    fileError(path, message) {
      invocations.push({ path, message });
      process.stderr.write(`smtp-codes: ${path}: ${message}\n`);
    },
    fileEnd() {},
    end() {
      const driverRules = [...rules.entries()].map(([id, { ex }]) => ({
        id,
        name: ex.title,
        shortDescription: { text: ex.summary },
        fullDescription: { text: ex.explanation.join(' ') },
        ...(ex.references[0] ? { helpUri: ex.references[0].url } : {}),
        help: { text: ex.remedies.map((r, i) => `${i + 1}. ${r}`).join('\n') },
        defaultConfiguration: { level: ex.class === 'permanent' ? 'error' : ex.class === 'transient' ? 'warning' : 'note' },
        properties: { class: ex.class, reason: ex.reason?.id ?? null },
      }));
      const tool = { driver: { name: 'smtp-codes', version: VERSION, semanticVersion: VERSION, informationUri: 'https://github.com/smtp-codes/smtp-codes', rules: driverRules } };
      const invocation = {
        executionSuccessful: invocations.length === 0,
        toolExecutionNotifications: invocations.map((i) => ({ level: 'error', message: { text: `${i.path}: ${i.message}` } })),
      };
      write(`],"tool":${JSON.stringify(tool)},"invocations":[${JSON.stringify(invocation)}]}]}\n`);
      process.stdout.write(buffer.join(''));
      buffer = [];
    },
  };
}

async function runSummary(opts: Options): Promise<number> {
  if (opts.args.length === 0) throw new UsageError('summary needs at least one FILE (or - for standard input)');
  if (opts.format === 'sarif') throw new UsageError('summary prints text or json');
  const builder = new SummaryBuilder();
  let failed = 0;
  for (const path of opts.args) {
    const result = await scanFile(path, { onFinding: (f) => builder.add(f) });
    if (!result.ok) {
      failed++;
      process.stderr.write(`smtp-codes: ${path}: ${result.error}\n`);
    }
  }
  const summary = builder.result(20);
  if (opts.format === 'json') {
    process.stdout.write(`${JSON.stringify({ version: 1, files: opts.args, summary }, null, 2)}\n`);
  } else {
    process.stdout.write(summaryText(summary, opts));
  }
  return failed > 0 ? 2 : 0;
}

function summaryText(s: Summary, opts: Options): string {
  const n = formatCount;
  const failures = s.classes.permanent + s.classes.transient;
  const out: string[] = [];
  out.push(
    `${paint(opts.color, COLORS.permanent, `${n(s.classes.permanent)} permanent`)}, ${paint(opts.color, COLORS.transient, `${n(s.classes.transient)} transient`)}, ` +
      `${paint(opts.color, COLORS.success, `${n(s.classes.success)} success`)} (${n(s.findings)} codes)`,
  );
  if (s.firstTime && s.lastTime) out.push(`from ${s.firstTime.slice(0, 19).replace('T', ' ')} to ${s.lastTime.slice(0, 19).replace('T', ' ')}`);
  const table = (title: string, rows: { key: string; count: number; extra?: string }[]) => {
    if (!rows.length) return;
    out.push('', title);
    const width = Math.min(48, Math.max(...rows.map((r) => r.key.length)));
    for (const r of rows) {
      const share = failures ? ((100 * r.count) / failures).toFixed(1) : '0.0';
      out.push(`  ${r.key.padEnd(width)}  ${n(r.count).padStart(9)}  ${share.padStart(5)} %${r.extra ? `  ${r.extra}` : ''}`);
    }
  };
  table('By code', s.codes.map((c) => ({ key: c.key, count: c.count, extra: c.summary })));
  table('By bounce reason', s.reasons);
  table('By recipient domain', s.domains);
  table('By provider', s.providers);
  table('Top failing recipients', s.recipients);
  if (s.timeline.length) {
    const max = Math.max(...s.timeline.map((b) => b.permanent + b.transient));
    const step = Math.max(1, Math.ceil(s.timeline.length / 24));
    out.push('', `Failures per ${s.bucket}${step > 1 ? ` (every ${step}th ${s.bucket} shown)` : ''}`);
    for (let i = 0; i < s.timeline.length; i += step) {
      const b = s.timeline[i];
      const total = b.permanent + b.transient;
      const bar = max ? '#'.repeat(Math.round((40 * total) / max)) : '';
      out.push(`  ${b.bucket.slice(0, 16).replace('T', ' ')}  ${n(total).padStart(7)}  ${bar}`);
    }
  }
  return `${out.join('\n')}\n`;
}

async function checkOne(path: string, sink: Sink, counts: Counts): Promise<boolean> {
  sink.fileStart(path);
  const result = await scanFile(path, {
    onFinding: (f) => {
      counts[f.class]++;
      sink.finding(path, f);
    },
  });
  if (!result.ok) sink.fileError(path, result.error);
  sink.fileEnd(path);
  return result.ok;
}

/** The counts of the running check, for the exit status when the reader of our output goes away. */
let liveCounts: Counts | null = null;

async function runCheck(opts: Options): Promise<number> {
  if (opts.args.length === 0) throw new UsageError('check needs at least one FILE (or - for standard input)');
  const counts: Counts = { permanent: 0, transient: 0, success: 0, intermediate: 0 };
  liveCounts = counts;
  const sink = opts.format === 'json' ? jsonSink() : opts.format === 'sarif' ? sarifSink(opts) : textSink(opts);
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
    if (command === 'summary') return await runSummary(opts);
    throw new UsageError(`unknown command ${JSON.stringify(command)} (try: explain, check, summary)`);
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
