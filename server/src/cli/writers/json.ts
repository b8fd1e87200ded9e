// `check --format json`: the stable JSON contract (README), streamed so a huge log never needs
// all its findings in memory.
import { explainFinding, type Finding } from '../../engine/index';
import { fileErrorLine, Output } from './output';
import type { CheckWriter } from './writer';

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

export function jsonWriter(): CheckWriter {
  const out = new Output();
  let firstFile = true;
  let firstFinding = true;
  let error: string | null = null;
  out.write('{"version":1,"files":[');
  return {
    fileStart(path) {
      out.write(`${firstFile ? '' : ','}{"path":${JSON.stringify(path)},"findings":[`);
      firstFile = false;
      firstFinding = true;
      error = null;
    },
    finding(_path, f) {
      out.write(`${firstFinding ? '' : ','}${JSON.stringify(findingJson(f))}`);
      firstFinding = false;
    },
    fileError(path, message) {
      error = message;
      fileErrorLine(path, message);
    },
    fileEnd() {
      out.write(`]${error ? `,"error":${JSON.stringify(error)}` : ''}}`);
    },
    end(counts) {
      out.write(`],"summary":${JSON.stringify(counts)}}\n`);
      out.flush();
    },
  };
}
