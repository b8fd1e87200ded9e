// smtp-codes: the engine on the command line. This file reads the command and dispatches;
// each command is a module of commands/, each output format of check a writer of writers/.
import { checkStatusSoFar, runCheck } from './commands/check';
import { runExplain } from './commands/explain';
import { runExporter } from './commands/exporter';
import { runSearch } from './commands/search';
import { runSummary } from './commands/summary';
import { runTrace } from './commands/trace';
import { checkOptionsFor, parseOptions, UsageError } from './options';
import { terminalSafe } from './writers/output';

declare const SMTP_CODES_VERSION: string;
const VERSION = typeof SMTP_CODES_VERSION === 'string' ? SMTP_CODES_VERSION : 'dev';

const HELP = `smtp-codes ${VERSION} — explain SMTP reply codes and find them in mail logs and bounces

Usage:
  smtp-codes explain [--format text|json] CODE...
      Explain codes: 550, 5.1.1, 550-5.1.1 or "550 5.1.1"; or a pasted reply or log
      line ("550 5.7.1 Relay access denied"): each reply in it, with its words.
  smtp-codes explain --list [--format text|json]
      The whole knowledge base: every code and every documented provider response.
  smtp-codes search [--format text|json] WORDS...
      Search the knowledge base by code or words (mailbox full, blocked spamhaus,
      550 5.7.1 gmail), best first.
  smtp-codes check [--format text|json|jsonl|sarif] [--all] FILE...
      Find SMTP codes in mail logs and .eml bounces, like a linter. FILE may be
      - (standard input) or a gzip-compressed rotated log (mail.log.2.gz).
      Prints permanent and transient failures (--all: successes too).
      jsonl: one JSON object per event, written as it is read (a streaming
      filter: journalctl -f -o short-iso | smtp-codes check --format jsonl -).
      sarif: SARIF 2.1.0 for CI systems.
  smtp-codes check --follow [--from-start] [--format text|jsonl] [--all] FILE...
      Like tail -F: print failures as the logs grow, through rotation and
      truncation, from their end (--from-start: from their start) until Ctrl-C.
  smtp-codes exporter [--listen HOST:PORT] [--from-start] [--top-domains N]
                      [--top-recipients N] FILE...
      Follow the logs and serve Prometheus metrics at http://HOST:PORT/metrics
      (default 127.0.0.1:9180; nothing else is served). --top-domains and
      --top-recipients add labels for the N with the most failures.
  smtp-codes summary [--format text|json] FILE...
      Failure counts by class, code, bounce reason, recipient domain, provider and
      recipient, and failures over time (the summary report of the editor).
  smtp-codes trace [--format text|json] ID|ADDRESS FILE...
      Every line of one message and of the messages linked to it (a content
      filter's hop, its notifications, an Exim bounce's parent), and its story:
      received from, sender, Message-ID, size, each recipient's outcome, removal.
      ID is a queue ID (Postfix, Exim...) or a Message-ID; ADDRESS an envelope
      sender or recipient (all its messages). Streams files (.gz, - for stdin).

Options:
  --format FORMAT      output format (default text)
  --all                check: also print successes and intermediate replies
  --list               explain: list the whole knowledge base
  -f, --follow         check: follow the files as they grow
  --no-color           no colours (also when NO_COLOR is set or output is not a terminal)
  -h, --help           this help
  -v, --version        the version

Exit status:
  check    0 no permanent failure, 1 permanent failures found, 2 usage error or unreadable file
           (--follow: 0 when interrupted, 2 when a file cannot be read any more)
  exporter 0 when stopped (SIGINT, SIGTERM), 2 on a usage error, a port in use or a read error
  summary  0, or 2 on a usage error or an unreadable file
  explain  0 all codes read, 1 a code could not be read, 2 usage error
  search   0 something matched, 1 nothing matched, 2 usage error
  trace    0 found, 1 nothing found, 2 usage error or unreadable file

The JSON of check and trace and the JSON Lines of check are stable contracts; see the README.`;

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
    checkOptionsFor(command, opts);
    if (command === 'explain') return runExplain(opts);
    if (command === 'check') return await runCheck(opts, VERSION);
    if (command === 'summary') return await runSummary(opts);
    if (command === 'search') return runSearch(opts);
    if (command === 'trace') return await runTrace(opts);
    if (command === 'exporter') return await runExporter(opts);
    throw new UsageError(`unknown command ${JSON.stringify(command)} (try: explain, search, check, summary, trace, exporter)`);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`smtp-codes: ${terminalSafe(err.message)}\nRun smtp-codes --help for usage.\n`);
      return 2;
    }
    throw err;
  }
}

// `smtp-codes check big.log | head`: the reader closed the pipe. Stop quietly (no stack trace),
// with the status of what was found so far. Any other failure to write (`> /dev/full`: ENOSPC, EIO)
// is one line and status 2: 1 would mean "permanent failures found".
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(checkStatusSoFar());
  process.stderr.write(`smtp-codes: cannot write the output: ${err.code ? `${err.code} (${err.message.replace(/^[A-Z]+: /, '').replace(/, write$/, '')})` : err.message}\n`);
  process.exit(2);
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
