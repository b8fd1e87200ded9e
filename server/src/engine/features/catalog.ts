// The whole knowledge base as a list, for the "SMTP: Explain Code…" quick pick and for
// `smtp-codes explain --list`: every reply code, every enhanced code in each class it is
// used with, and every documented provider response.
import { explainCode } from '../explain';
import { ENHANCED_CODES, PROVIDERS, REPLY_CODES } from '../knowledge/index';
import { CLASS_LABEL } from './render';

export interface CatalogItem {
  /** What to pass to `explain`: `550`, `5.1.1`, `550 5.7.26`. */
  query: string;
  /** Reply text that selects a provider's response, if any. */
  text?: string;
  label: string;
  description: string;
  detail: string;
  /** Extra words the filter matches (title, reason, provider). */
  keywords: string;
}

let cached: CatalogItem[] | null = null;

export function catalog(): CatalogItem[] {
  if (cached) return cached;
  const items: CatalogItem[] = [];
  for (const e of REPLY_CODES) {
    const ex = explainCode({ reply: e.code });
    items.push({
      query: e.code,
      label: e.code,
      description: `${e.title} · ${ex.class ? CLASS_LABEL[ex.class] : ''}${e.status === 'non-standard' ? ' · non-standard' : ''}`,
      detail: e.summary,
      keywords: [e.title, ex.reason?.label ?? '', e.status].join(' '),
    });
  }
  for (const e of ENHANCED_CODES) {
    for (const digit of e.classes) {
      const code = `${digit}${e.code.slice(1)}`;
      const ex = explainCode({ enhanced: code });
      items.push({
        query: code,
        label: code,
        description: `${e.title} · ${ex.class ? CLASS_LABEL[ex.class] : ''}${e.status !== 'current' ? ` · ${e.status}` : ''}`,
        detail: ex.summary,
        keywords: [e.title, ex.reason?.label ?? ''].join(' '),
      });
    }
  }
  for (const p of PROVIDERS) {
    for (const r of p.responses) {
      const code = r.codes[0] ?? '';
      const isRange = code.includes('-');
      const query = isRange ? code.split('-')[0] : code;
      items.push({
        query,
        text: r.textIncludes?.[0] ?? p.detect[0],
        label: isRange ? code.replace('-', '–') : code || r.title,
        description: `${p.name} · ${r.title.replace(/^[^:]*:\s*/, '')}`,
        detail: r.advice.summary,
        keywords: [p.name, p.id, r.title, ...(r.textIncludes ?? []), r.advice.reason].join(' '),
      });
    }
  }
  cached = items;
  return items;
}
