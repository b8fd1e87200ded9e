// `check --format json`: the stable JSON contract (README), streamed so a huge log never needs
// all its attempts in memory. Version 1 fields stay; outcome fields are additions.
import { oneLine, type Explanation } from '../../engine/index';
import { fileErrorLine, Output } from './output';
import type { AttemptView, CheckWriter } from './writer';

/** One attempt as the JSON contract gives it (the JSON Lines records too). */
export function attemptJson(a: AttemptView): Record<string, unknown> {
  const { o, ex } = a;
  const r = o.range;
  return {
    line: r.start.line + 1,
    column: r.start.character + 1,
    endLine: r.end.line + 1,
    endColumn: r.end.character + 1,
    reply: o.finding?.reply ?? null,
    enhanced: o.finding?.enhanced ?? null,
    class: a.class,
    summary: ex.summary,
    reason: ex.reason?.id ?? null,
    bounce: ex.bounce,
    provider: ex.provider?.id ?? null,
    text: o.finding ? o.finding.text : o.text,
    verdict: o.inferred ? null : o.verdict,
    queueId: o.queueId,
    recipient: o.recipient,
    direction: o.inferred ? null : o.direction,
    attempts: a.attempt,
    message: oneLine(ex),
  };
}

const str = (s: string | null | undefined) => (s === null || s === undefined ? 'null' : quote(s));

/**
 * `JSON.stringify(s)` for a string: one that JSON writes as it is (no quote, backslash, control
 * character or surrogate: most texts, IDs and addresses) is quoted here, without a call into
 * JSON.stringify; any other goes to it.
 */
export function quote(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(s);
  }
  return `"${s}"`;
}

/** Quoted values of the fields whose values come from small sets (codes, class, verdict, direction). */
const MAX_QUOTED = 1000;
const quoted = new Map<string, string>();

/**
 * `str(s)` for a value of a small set: quoted once (bounded; past the bound, quoted each time).
 * Only short values are kept: V8 makes no slice of a chunk for them, so none keeps a chunk alive.
 */
function strOfFew(s: string | null | undefined): string {
  if (s === null || s === undefined) return 'null';
  let q = quoted.get(s);
  if (q === undefined) {
    q = JSON.stringify(s);
    if (s.length < 13 && quoted.size < MAX_QUOTED) quoted.set(s, q);
  }
  return q;
}

/** An explanation's fields of an attempt, as JSON text: made once per explanation (they are cached and shared). */
const explanationJson = new WeakMap<Explanation, { middle: string; message: string }>();

function explanationParts(ex: Explanation): { middle: string; message: string } {
  let parts = explanationJson.get(ex);
  if (!parts) {
    parts = {
      middle: `,"summary":${str(ex.summary)},"reason":${str(ex.reason?.id)},"bounce":${str(ex.bounce)},"provider":${str(ex.provider?.id)}`,
      message: `,"message":${str(oneLine(ex))}}`,
    };
    explanationJson.set(ex, parts);
  }
  return parts;
}

/**
 * `JSON.stringify(attemptJson(a))`, written directly as text (no object per attempt; an
 * explanation's fields are written once per explanation). Held equal by test/unit/jsonWriter.test.ts.
 */
export function attemptJsonText(a: AttemptView): string {
  const { o, ex } = a;
  const r = o.range;
  const f = o.finding;
  const { middle, message } = explanationParts(ex);
  return (
    `{"line":${r.start.line + 1},"column":${r.start.character + 1},"endLine":${r.end.line + 1},"endColumn":${r.end.character + 1}` +
    `,"reply":${strOfFew(f?.reply)},"enhanced":${strOfFew(f?.enhanced)},"class":${strOfFew(a.class)}${middle}` +
    `,"text":${str(f ? f.text : o.text)},"verdict":${o.inferred ? 'null' : strOfFew(o.verdict)},"queueId":${str(o.queueId)},"recipient":${str(o.recipient)}` +
    `,"direction":${o.inferred ? 'null' : strOfFew(o.direction)},"attempts":${a.attempt}${message}`
  );
}

/** Every attempt, deliveries included (version 1 listed every reply: readers count on the successes being there). */
export function jsonWriter(): CheckWriter {
  const out = new Output();
  let firstFile = true;
  let firstFinding = true;
  let error: string | null = null;
  let notes: string[] = [];
  out.write('{"version":1,"files":[');
  return {
    fileStart(path) {
      out.write(`${firstFile ? '' : ','}{"path":${JSON.stringify(path)},"findings":[`);
      firstFile = false;
      firstFinding = true;
      error = null;
      notes = [];
    },
    attempt(_path, a) {
      out.write(firstFinding ? attemptJsonText(a) : `,${attemptJsonText(a)}`);
      firstFinding = false;
    },
    fileError(path, message) {
      error = message;
      fileErrorLine(path, message);
    },
    fileNote(path, message) {
      notes.push(message);
      fileErrorLine(path, message);
    },
    fileEnd() {
      out.write(`]${error ? `,"error":${JSON.stringify(error)}` : ''}${notes.length ? `,"notes":${JSON.stringify(notes)}` : ''}}`);
    },
    end(totals) {
      out.write(`],"summary":${JSON.stringify({ ...totals.classes, outcomes: totals.outcomes })}}\n`);
      out.flush();
    },
  };
}
