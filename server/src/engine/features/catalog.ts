// The whole knowledge base as a list, for the "SMTP: Explain Code…" quick pick, `smtp-codes
// search` and `smtp-codes explain --list`: every reply code, every enhanced code in each class
// it is used with, and every documented provider response. Searching it is in ./search.ts.
import { explainCode } from '../explain';
import { ENHANCED_CODES, getReason, PROVIDERS, REPLY_CODES, type ReasonId } from '../knowledge/index';
import { CLASS_LABEL } from './render';

export interface CatalogItem {
  /** What to pass to `explain`: `550`, `5.1.1`, `550 5.7.26`. */
  query: string;
  /** Reply text that selects a provider's response, if any. */
  text?: string;
  label: string;
  description: string;
  detail: string;
  /** Extra words the search matches (title, reason and its aliases, provider, other uses), lower-case. */
  keywords: string;
  /** The code as people write it: `550`, `5.1.1`, `550 5.1.1`, `5.7.606–5.7.649`. */
  code: string;
  title: string;
  summary: string;
  /** The provider's name for a provider's documented response, else null. */
  provider: string | null;
  /** The codes the entry answers to, for the search: `550`, `5.1.1`, or a range `5.7.606-5.7.649`. */
  codes: string[];
  /** Search weight among equal matches: registry entries 3, specific RFC reply codes 2, catch-all, non-standard or deprecated 1, providers' responses 0. */
  weight: number;
}

let cached: CatalogItem[] | null = null;

/** The words of a reason people search with: its label, its aliases, hard or soft bounce. */
function reasonWords(id: ReasonId, permanent: boolean): string {
  const r = getReason(id);
  return [r.label, ...r.aliases, permanent && r.hardWhenPermanent ? 'hard bounce' : 'soft bounce'].join(' ');
}

export function catalog(): CatalogItem[] {
  if (cached) return cached;
  const items: CatalogItem[] = [];
  const seen = new Set<string>();
  const add = (item: CatalogItem): void => {
    // One entry per code and meaning: a provider documents some responses twice (with and without text).
    const key = `${item.label}|${item.detail}`;
    if (seen.has(key)) return;
    seen.add(key);
    items.push({ ...item, keywords: item.keywords.toLowerCase() });
  };
  for (const e of REPLY_CODES) {
    const ex = explainCode({ reply: e.code });
    add({
      query: e.code,
      label: e.code,
      description: `${e.title} · ${ex.class ? CLASS_LABEL[ex.class] : ''}${e.status === 'non-standard' ? ' · non-standard' : ''}`,
      detail: e.summary,
      keywords: [e.title, reasonWords(e.reason, e.code[0] === '5'), e.status, ...(e.alsoUsedFor ?? [])].join(' '),
      code: e.code,
      title: e.title,
      summary: e.summary,
      provider: null,
      codes: [e.code],
      weight: e.generic || e.status === 'non-standard' || e.status === 'draft' ? 1 : 2,
    });
  }
  for (const e of ENHANCED_CODES) {
    // Permanent first: a word search ("no such user") means the failure people meet most.
    for (const digit of [...e.classes].sort().reverse()) {
      const code = `${digit}${e.code.slice(1)}`;
      const ex = explainCode({ enhanced: code });
      add({
        query: code,
        label: code,
        description: `${e.title} · ${ex.class ? CLASS_LABEL[ex.class] : ''}${e.status !== 'current' ? ` · ${e.status}` : ''}`,
        detail: ex.summary,
        keywords: [e.title, reasonWords(e.byClass?.[digit]?.reason ?? e.reason, digit === '5'), ...(e.alsoUsedFor ?? [])].join(' '),
        code,
        title: e.title,
        summary: ex.summary,
        provider: null,
        codes: [code],
        weight: e.status === 'current' ? 3 : 1,
      });
    }
  }
  for (const p of PROVIDERS) {
    for (const r of p.responses) {
      const first = r.codes[0] ?? '';
      const isRange = first.includes('-');
      const query = isRange ? first.split('-')[0] : first;
      const label = isRange ? first.replace('-', '–') : first || r.title;
      add({
        query,
        text: r.textIncludes?.[0] ?? p.detect[0],
        label,
        description: `${p.name} · ${r.title.replace(/^[^:]*:\s*/, '')}`,
        detail: r.advice.summary,
        keywords: [p.name, p.id, r.title, ...(r.textIncludes ?? []), reasonWords(r.advice.reason, r.codes.some((c) => c[0] === '5'))].join(' '),
        code: isRange ? label : first,
        title: r.title,
        summary: r.advice.summary,
        provider: p.name,
        codes: r.codes,
        weight: 0,
      });
    }
  }
  cached = items;
  return items;
}
