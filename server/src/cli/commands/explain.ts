// `smtp-codes explain CODE...`: the explanation of each code, as text or JSON. A pasted reply or
// log line (`550 5.7.1 Relay access denied`) is scanned like a log and each reply in it explained
// with its text; `--list` lists the whole knowledge base.
import { catalog, explainCode, explainFinding, explanationText, parseCodeQuery, scanText, type Explanation } from '../../engine/index';
import { COLORS, paint, UsageError, type Options } from '../options';
import { catalogJson, catalogText } from './search';
import { terminalSafe, terminalSafeLines } from '../writers/output';

function explanationJson(query: string, ex: Explanation, text: string | null): Record<string, unknown> {
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
    bounceNote: ex.bounceNote,
    provider: ex.provider?.id ?? null,
    providerName: ex.provider?.name ?? null,
    actors: ex.actors,
    causes: ex.causes,
    remedies: ex.remedies,
    text,
    notes: ex.notes,
    references: ex.references,
    replyCode: ex.replyPart,
    enhancedCode: ex.enhancedPart,
  };
}

interface Asked {
  query: string;
  ex: Explanation;
  /** The reply text, when a pasted reply or line was explained. */
  text: string | null;
}

/** Codes as typed: `550 5.1.1` (two words) is one reply; `explain 550 451` is two codes. */
function pairCodes(args: string[]): string[] {
  const queries: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const next = args[i + 1];
    if (/^\d{3}$/.test(a) && next && /^#?[245]\.\d{1,3}\.\d{1,3}$/.test(next)) {
      queries.push(`${a} ${next}`);
      i++;
    } else {
      queries.push(a);
    }
  }
  return queries;
}

function explainAll(args: string[]): Asked[] {
  const queries = pairCodes(args);
  if (!queries.every((q) => parseCodeQuery(q))) {
    // A pasted reply or log line (`550 5.7.1 Relay access denied`): scanned like a log, and
    // every reply in it explained with its own words.
    const line = args.join(' ');
    const found = scanText(line, { kind: 'log' });
    if (found.length) return found.map((f) => ({ query: line, ex: explainFinding(f), text: f.text }));
  }
  return queries.map((q) => {
    const parsed = parseCodeQuery(q);
    return { query: q, ex: parsed ? explainCode(parsed) : explainCode({ reply: q.slice(0, 20) }), text: null };
  });
}

/** Exit status: 0, or 1 when a code could not be read at all. */
export function runExplain(opts: Options): number {
  if (opts.list) {
    if (opts.format === 'sarif') throw new UsageError('explain --list prints text or json');
    process.stdout.write(opts.format === 'json' ? catalogJson(catalog()) : catalogText(catalog(), opts.color));
    return 0;
  }
  if (opts.args.length === 0) throw new UsageError('explain needs at least one CODE, e.g. smtp-codes explain 550 5.1.1, or a pasted reply in quotes');
  const results = explainAll(opts.args);
  const unreadable = results.filter((r) => !r.ex.known).length;
  if (opts.format === 'json') {
    process.stdout.write(`${JSON.stringify(results.map((r) => explanationJson(r.query, r.ex, r.text)), null, 2)}\n`);
  } else {
    process.stdout.write(
      results
        .map(({ ex, text }) => {
          // A code that could not be read is shown as typed: escaped, like any text from outside.
          const out = terminalSafeLines(explanationText(ex, text ?? undefined));
          const code = terminalSafe(ex.code);
          return ex.class ? out.replace(code, paint(opts.color, `1;${COLORS[ex.class]}`, code)) : out;
        })
        .join('\n'),
    );
  }
  return unreadable > 0 ? 1 : 0;
}
