// `smtp-codes search WORDS...`: the knowledge base entries that match, best first (the ranking of
// the editor's lookup), as text or JSON `[{"code","title","summary","provider"}]`.
import { searchCatalog } from '../../engine/index';
import { paint, UsageError, type Options } from '../options';

/** Exit status 0 when something matches, 1 when nothing does. */
export function runSearch(opts: Options): number {
  if (opts.args.length === 0) throw new UsageError('search needs words or codes, e.g. smtp-codes search mailbox full');
  if (opts.format === 'sarif') throw new UsageError('search prints text or json');
  const result = searchCatalog(opts.args.join(' '));
  if (opts.format === 'json') {
    const rows = result.items.map((i) => ({ code: i.code || null, title: i.title, summary: i.summary, provider: i.provider }));
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  } else if (result.items.length === 0) {
    process.stderr.write(`smtp-codes: ${result.empty}\n`);
  } else {
    process.stdout.write(result.items.map((i) => `${paint(opts.color, '1', i.label)}  ${i.description}\n    ${i.detail}\n`).join(''));
  }
  return result.items.length ? 0 : 1;
}
