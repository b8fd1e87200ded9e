// `smtp-codes explain CODE...`: the explanation of each code, as text or JSON.
import { explainCode, explanationText, parseCodeQuery, type Explanation } from '../../engine/index';
import { COLORS, paint, UsageError, type Options } from '../options';

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

/** Exit status: 0, or 1 when a code could not be read at all. */
export function runExplain(opts: Options): number {
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
