// `check` as text: one line per failed attempt, `path:line:column: error|warning Verdict: CODE meaning — recipient`, then totals.
import { oneLine, outcomeMessage } from '../../engine/index';
import { COLORS, paint, type Options } from '../options';
import { Output, streamFileHooks, terminalSafe } from './output';
import { isPrinted, type CheckWriter } from './writer';

const VERDICT_ORDER = ['bounced', 'expired', 'rejected', 'deferred', 'delivered'] as const;

export function textWriter(opts: Options): CheckWriter {
  const out = new Output(512);
  return {
    fileStart() {},
    attempt(path, a) {
      if (!isPrinted(a, opts.all)) return;
      const label = a.class === 'permanent' ? 'error' : a.class === 'transient' ? 'warning' : a.class;
      // A stream does not know yet how a deferral's story ends: the message says which attempt it is.
      const message = outcomeMessage(a.o, a.ex, oneLine(a.ex), null, { index: a.attempt, total: a.attempt });
      const r = a.o.range;
      // Text from the log is shown with its control characters escaped: a line cannot drive the terminal.
      out.write(`${terminalSafe(path)}:${r.start.line + 1}:${r.start.character + 1}: ${paint(opts.color, COLORS[a.class], label)} ${terminalSafe(message)}\n`);
    },
    ...streamFileHooks(out),
    end(totals, files, failed) {
      out.flush();
      const o = totals.outcomes;
      const color = { bounced: COLORS.permanent, expired: COLORS.permanent, rejected: COLORS.permanent, deferred: COLORS.transient, delivered: COLORS.success };
      const parts = VERDICT_ORDER.map((k) => paint(opts.color, color[k], `${o[k]} ${k}`));
      const c = totals.classes;
      const attempts = c.permanent + c.transient + c.success + c.intermediate;
      const fileWord = files === 1 ? 'file' : 'files';
      process.stdout.write(
        `${parts.join(', ')} (recipients, by their last state; refused transactions) · ${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}, ${c.permanent + c.transient} failed` +
          ` in ${files} ${fileWord}${failed ? ` (${failed} could not be read)` : ''}\n`,
      );
    },
  };
}
