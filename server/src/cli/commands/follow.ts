// `smtp-codes check --follow FILE…`: like `tail -F` — starts at the end of each file (unless
// --from-start), survives rotation and truncation, and prints each failure (--all: each event)
// as its line is written, as text or JSON Lines. Runs until interrupted (Ctrl-C, SIGTERM), or
// until standard input ends when it is the only input; then the totals (text) and exit status 0.
import { emptyCounts } from '../../engine/index';
import { readLive, untilSignal } from '../live';
import { UsageError, type Options } from '../options';
import { stdoutDrained } from '../writers/output';
import { attemptView, type CheckWriter, type Counts } from '../writers/writer';

export async function runFollow(opts: Options, writer: CheckWriter, classes: Counts): Promise<number> {
  const compressed = opts.args.find((p) => /\.gz$/i.test(p));
  if (compressed) throw new UsageError(`${compressed}: a compressed log does not grow; check it without --follow`);
  const outcomes = emptyCounts();
  const inputs = readLive(
    opts.args,
    { fromStart: opts.fromStart, beforeRead: stdoutDrained },
    {
      event(path, o, attempt) {
        const view = attemptView(o, attempt);
        classes[view.class]++;
        writer.attempt(path, view);
      },
      final(_path, end) {
        outcomes[end.verdict]++;
      },
    },
  );
  let failed = false;
  const stopped = await Promise.race([
    untilSignal(),
    inputs.done.then(
      () => null,
      (err: Error) => {
        process.stderr.write(`smtp-codes: ${err.message}\n`);
        failed = true;
        return null;
      },
    ),
  ]);
  await inputs.stop();
  writer.end({ classes, outcomes }, new Set(opts.args).size, failed ? 1 : 0);
  return failed ? 2 : stopped ? 0 : classes.permanent > 0 ? 1 : 0;
}
