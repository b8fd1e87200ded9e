// `smtp-codes check FILE...`: like a linter. Exit status 0 no permanent failure, 1 permanent
// failures found, 2 a file could not be read (the other files are still checked).
import { scanFile } from '../../io/scanFile';
import { UsageError, type Options } from '../options';
import { jsonWriter } from '../writers/json';
import { sarifWriter } from '../writers/sarif';
import { textWriter } from '../writers/text';
import type { CheckWriter, Counts } from '../writers/writer';

/** The counts of the running check, for the exit status when the reader of our output goes away. */
let liveCounts: Counts | null = null;

/** The exit status so far: 1 once a permanent failure was printed. */
export function checkStatusSoFar(): number {
  return liveCounts && liveCounts.permanent > 0 ? 1 : 0;
}

async function checkOne(path: string, writer: CheckWriter, counts: Counts): Promise<boolean> {
  writer.fileStart(path);
  const result = await scanFile(path, {
    onFinding: (f) => {
      counts[f.class]++;
      writer.finding(path, f);
    },
  });
  if (!result.ok) writer.fileError(path, result.error);
  writer.fileEnd(path);
  return result.ok;
}

export async function runCheck(opts: Options, version: string): Promise<number> {
  if (opts.args.length === 0) throw new UsageError('check needs at least one FILE (or - for standard input)');
  const counts: Counts = { permanent: 0, transient: 0, success: 0, intermediate: 0 };
  liveCounts = counts;
  const writer = opts.format === 'json' ? jsonWriter() : opts.format === 'sarif' ? sarifWriter(opts, version) : textWriter(opts);
  let failed = 0;
  for (const path of opts.args) if (!(await checkOne(path, writer, counts))) failed++;
  writer.end(counts, opts.args.length, failed);
  if (failed > 0) return 2;
  return counts.permanent > 0 ? 1 : 0;
}
