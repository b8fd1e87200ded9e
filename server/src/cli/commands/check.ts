// `smtp-codes check FILE...`: like a linter, one row per failed attempt (`--all`: deliveries too).
// Exit status 0 no permanent failure, 1 permanent failures found, 2 a file could not be read
// (the other files are still checked).
import { compactOutcome, emptyCounts, OutcomeIndex } from '../../engine/index';
import { scanFile } from '../../io/scanFile';
import { readingOrder } from '../inputs';
import { runFollow } from './follow';
import { fileErrorLine, stdoutDrained } from '../writers/output';
import { UsageError, type Options } from '../options';
import { jsonWriter } from '../writers/json';
import { jsonlWriter } from '../writers/jsonl';
import { sarifWriter } from '../writers/sarif';
import { textWriter } from '../writers/text';
import { attemptView, type CheckWriter, type Counts } from '../writers/writer';

/** The counts of the running check, for the exit status when the reader of our output goes away. */
let liveCounts: Counts | null = null;

/** The exit status so far: 1 once a permanent failure was read. */
export function checkStatusSoFar(): number {
  return liveCounts && liveCounts.permanent > 0 ? 1 : 0;
}

async function checkOne(path: string, writer: CheckWriter, classes: Counts, index: OutcomeIndex): Promise<boolean> {
  writer.fileStart(path);
  const result = await scanFile(path, {
    index,
    onOutcome: (o) => {
      const view = attemptView(o, index.attemptOf(o).total);
      classes[view.class]++;
      writer.attempt(path, view);
    },
    onWaiting: (message) => fileErrorLine(path, message),
    beforeRead: stdoutDrained,
  });
  for (const note of result.notes) writer.fileNote(path, note);
  if (!result.ok) writer.fileError(path, result.error);
  writer.fileEnd(path);
  return result.ok;
}

export async function runCheck(opts: Options, version: string): Promise<number> {
  if (opts.args.length === 0) throw new UsageError('check needs at least one FILE (or - for standard input)');
  const classes: Counts = { permanent: 0, transient: 0, success: 0, intermediate: 0 };
  const outcomes = emptyCounts();
  liveCounts = classes;
  const writer = opts.format === 'json' ? jsonWriter() : opts.format === 'jsonl' ? jsonlWriter(opts) : opts.format === 'sarif' ? sarifWriter(opts, version) : textWriter(opts);
  if (opts.follow) return runFollow(opts, writer, classes);
  // One index for all files: a recipient's story goes on in the next rotated log. Its stories are
  // only counted by how they end: they keep compact copies, never the chunks they were read from.
  // onClose counts verdicts only: a story told as soon as it opens needs no compact copy.
  const index = new OutcomeIndex({ streaming: true, detach: (o) => compactOutcome(o), verdictsOnly: true });
  index.onClose = (end) => {
    outcomes[end.verdict]++;
  };
  let failed = 0;
  const paths = readingOrder(opts.args);
  for (const path of paths) if (!(await checkOne(path, writer, classes, index))) failed++;
  index.closeAll();
  writer.end({ classes, outcomes }, paths.length, failed);
  if (failed > 0) return 2;
  return classes.permanent > 0 ? 1 : 0;
}


