// `check --format sarif`: SARIF 2.1.0, streamed: results first, then the tool with one rule per
// code met (JSON key order does not matter), so CI systems can show the findings.
import { oneLine, outcomeCode, outcomeMessage, type Explanation } from '../../engine/index';
import type { Options } from '../options';
import { fileErrorLine, Output } from './output';
import { isPrinted, type CheckWriter } from './writer';

export function sarifWriter(opts: Options, version: string): CheckWriter {
  const rules = new Map<string, { index: number; ex: Explanation }>();
  let first = true;
  const out = new Output();
  const invocations: { path: string; message: string; level: 'error' | 'note' }[] = [];
  out.write('{"$schema":"https://json.schemastore.org/sarif-2.1.0.json","version":"2.1.0","runs":[{"results":[');
  return {
    fileStart() {},
    attempt(path, a) {
      if (!isPrinted(a, opts.all)) return;
      const { o, ex } = a;
      const f = o.range;
      const id = outcomeCode(o).replace(' ', '/');
      let rule = rules.get(id);
      if (!rule) {
        rule = { index: rules.size, ex };
        rules.set(id, rule);
      }
      const result = {
        ruleId: id,
        ruleIndex: rule.index,
        level: a.class === 'permanent' ? 'error' : a.class === 'transient' ? 'warning' : 'note',
        message: { text: outcomeMessage(o, ex, oneLine(ex), null, { index: a.attempt, total: a.attempt }) },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: path === '-' ? 'stdin' : path.split('\\').join('/') },
              region: { startLine: f.start.line + 1, startColumn: f.start.character + 1, endLine: f.end.line + 1, endColumn: f.end.character + 1 },
            },
          },
        ],
        properties: { reply: o.finding?.reply ?? null, enhanced: o.finding?.enhanced ?? null, class: a.class, verdict: o.inferred ? null : o.verdict, recipient: o.recipient, queueId: o.queueId, reason: ex.reason?.id ?? null, provider: ex.provider?.id ?? null },
      };
      out.write(`${first ? '' : ','}${JSON.stringify(result)}`);
      first = false;
    },
    fileError(path, message) {
      invocations.push({ path, message, level: 'error' });
      fileErrorLine(path, message);
    },
    fileNote(path, message) {
      invocations.push({ path, message, level: 'note' });
      fileErrorLine(path, message);
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
      const tool = { driver: { name: 'smtp-codes', version, semanticVersion: version, informationUri: 'https://github.com/smtp-codes/smtp-codes', rules: driverRules } };
      const invocation = {
        executionSuccessful: !invocations.some((i) => i.level === 'error'),
        toolExecutionNotifications: invocations.map((i) => ({ level: i.level, message: { text: `${i.path}: ${i.message}` } })),
      };
      out.write(`],"tool":${JSON.stringify(tool)},"invocations":[${JSON.stringify(invocation)}]}]}\n`);
      out.flush();
    },
  };
}
