// `check` as text: one line per failure, `path:line:column: error|warning CODE meaning`, then totals.
import { explainFinding, oneLine } from '../../engine/index';
import { COLORS, paint, type Options } from '../options';
import { fileErrorLine, Output } from './output';
import { isPrinted, type CheckWriter } from './writer';

export function textWriter(opts: Options): CheckWriter {
  const out = new Output(512);
  return {
    fileStart() {},
    finding(path, f) {
      if (!isPrinted(f, opts.all)) return;
      const ex = explainFinding(f);
      const label = f.class === 'permanent' ? 'error' : f.class === 'transient' ? 'warning' : f.class;
      out.write(`${path}:${f.range.start.line + 1}:${f.range.start.character + 1}: ${paint(opts.color, COLORS[f.class], label)} ${oneLine(ex)}\n`);
    },
    fileError(path, message) {
      out.flush();
      fileErrorLine(path, message);
    },
    fileEnd() {
      out.flush();
    },
    end(counts, files, failed) {
      out.flush();
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
