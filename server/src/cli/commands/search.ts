// `smtp-codes search WORDS...`: the knowledge base entries that match, best first (the ranking of
// the editor's lookup), as text or JSON `[{"code","title","summary","provider"}]`.
import { searchCatalog, type CatalogItem } from '../../engine/index';
import { paint, UsageError, type Options } from '../options';

/** Catalog entries as text: the label in bold, what it is, its one line. */
export function catalogText(items: CatalogItem[], color: boolean): string {
  return items.map((i) => `${paint(color, '1', i.label)}  ${i.description}\n    ${i.detail}\n`).join('');
}

/** Catalog entries as the JSON of `search` and `explain --list`: `[{code, title, summary, provider}]`. */
export function catalogJson(items: CatalogItem[]): string {
  return `${JSON.stringify(items.map((i) => ({ code: i.code || null, title: i.title, summary: i.summary, provider: i.provider })), null, 2)}\n`;
}

/** Exit status 0 when something matches, 1 when nothing does. */
export function runSearch(opts: Options): number {
  if (opts.args.length === 0) throw new UsageError('search needs words or codes, e.g. smtp-codes search mailbox full');
  if (opts.format === 'sarif') throw new UsageError('search prints text or json');
  const result = searchCatalog(opts.args.join(' '));
  if (opts.format === 'json') process.stdout.write(catalogJson(result.items));
  else if (result.items.length === 0) process.stderr.write(`smtp-codes: nothing matches ${JSON.stringify(opts.args.join(' '))}. ${result.hint}\n`);
  else process.stdout.write(catalogText(result.items, opts.color));
  return result.items.length ? 0 : 1;
}
