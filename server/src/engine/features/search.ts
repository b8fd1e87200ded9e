// Searching the catalog, for the lookup quick pick and `smtp-codes search`: our own ranking,
// so an editor's fuzzy filter never decides what a user finds. A query holds codes (`550`,
// `5.1.1`, `550 5.7.1`, `550-5.7.1`, `X.1.1`), partial codes (`5.7.`) and words (`mailbox
// full`, `blocked spamhaus`, `hard bounce`). Ranking: the exact code first, then entries that
// share a code of the query (a pair's parts, providers' responses with the code), then by
// where the words occur (label and title before keywords before the summary).
import { displayCode, parseCodeQuery } from '../codes';
import { normalizeReplyText, responseCodeMatches } from '../knowledge/index';
import { catalog, type CatalogItem } from './catalog';

export interface SearchResult {
  items: CatalogItem[];
  /** When nothing matches: what to try instead. */
  hint?: string;
}

interface Query {
  reply: string | null;
  enhanced: string | null;
  /** Unfinished codes (`5.7.`, `55`): entries whose code starts so. */
  prefixes: string[];
  words: string[];
}

const PARTIAL_CODE = /^[0-9xX][0-9xX.]{0,10}$/;

function readQuery(input: string): Query {
  const tokens = input.trim().split(/\s+/).filter(Boolean);
  const q: Query = { reply: null, enhanced: null, prefixes: [], words: [] };
  for (let i = 0; i < tokens.length; i++) {
    const pair = i + 1 < tokens.length ? parseCodeQuery(`${tokens[i]} ${tokens[i + 1]}`) : null;
    const one = pair?.reply && pair.enhanced ? pair : parseCodeQuery(tokens[i]);
    if (one && (!q.reply || !one.reply) && (!q.enhanced || !one.enhanced)) {
      q.reply ??= one.reply;
      q.enhanced ??= one.enhanced;
      if (one === pair) i++;
    } else if (PARTIAL_CODE.test(tokens[i])) {
      q.prefixes.push(tokens[i].toLowerCase().replace(/^x/, ''));
    } else {
      q.words.push(normalizeReplyText(tokens[i]));
    }
  }
  return q;
}

function matchesCode(item: CatalogItem, reply: string | null, enhanced: string | null): boolean {
  return item.codes.some((c) => responseCodeMatches(c, reply, enhanced));
}

/** 0 the exact code, 1 a code of the query among others, 2 no code asked; -1 no match. */
function codeRank(item: CatalogItem, q: Query): number {
  if (!q.reply && !q.enhanced) return 2;
  const hasReply = q.reply !== null && matchesCode(item, q.reply, null);
  const hasEnhanced = q.enhanced !== null && matchesCode(item, null, q.enhanced);
  if (!hasReply && !hasEnhanced) return -1;
  const exact = item.provider === null && item.query === displayCode(q.reply, q.enhanced);
  return exact ? 0 : 1;
}

/**
 * How well the words match: -1 when one is missing; else higher for the words as a phrase,
 * for words in the label or title, and for registry entries over providers' responses.
 */
function wordScore(item: CatalogItem, words: string[]): number {
  if (words.length === 0) return item.weight;
  let score = item.weight;
  const head = `${item.label} ${item.title} ${item.provider ?? ''}`.toLowerCase();
  const description = item.description.toLowerCase();
  const detail = item.detail.toLowerCase();
  const phrase = words.join(' ');
  if (head.includes(phrase)) score += 8;
  else if (item.keywords.includes(phrase)) score += 6;
  for (const w of words) {
    if (head.includes(w)) score += 3;
    else if (item.keywords.includes(w)) score += 2;
    else if (description.includes(w) || detail.includes(w)) score += 1;
    else return -1;
  }
  return score;
}

/** A provider's response found by one of its codes is shown under that code (`5.7.1`, not its first code `5.4.5`). */
function underCode(item: CatalogItem, q: Query): CatalogItem {
  if (item.provider === null || item.codes.length === 0) return item;
  const code = [q.enhanced, q.reply].find((c): c is string => c !== null && item.codes.some((p) => responseCodeMatches(p, c.includes('.') ? null : c, c.includes('.') ? c : null)));
  return code && code !== item.label ? { ...item, label: code, query: code, code } : item;
}

/** A code asked for that the catalog has no entry of its own for (`5.9.99`, `550 4.2.2`). */
function askedCode(q: Query): CatalogItem {
  const code = displayCode(q.reply, q.enhanced);
  return {
    query: code,
    label: code,
    description: 'Explain this code',
    detail: q.reply && q.enhanced ? 'The reply code and the enhanced code, explained as one reply' : 'A well-formed code, explained by its class and subject',
    keywords: '',
    code,
    title: code,
    summary: '',
    provider: null,
    codes: [],
    weight: 3,
  };
}

export const SEARCH_HINT = 'Try a code (550, 5.1.1), a reply with its enhanced code (550 5.7.1), or words such as mailbox full, blocklist, relay denied, hard bounce or Gmail.';

/** The catalog entries matching `input`, best first (everything, in catalog order, for an empty query). */
export function searchCatalog(input: string): SearchResult {
  const q = readQuery(input);
  const all = catalog();
  if (!q.reply && !q.enhanced && q.prefixes.length === 0 && q.words.length === 0) return { items: all };
  const ranked: { item: CatalogItem; rank: number; score: number; order: number }[] = [];
  all.forEach((item, order) => {
    const rank = codeRank(item, q);
    if (rank < 0) return;
    if (q.prefixes.some((p) => !item.codes.some((c) => c.startsWith(p)) && !item.label.toLowerCase().startsWith(p))) return;
    const score = wordScore(item, q.words);
    if (score < 0) return;
    ranked.push({ item, rank, score, order });
  });
  ranked.sort((a, b) => a.rank - b.rank || b.score - a.score || a.order - b.order);
  const items = ranked.map((r) => underCode(r.item, q));
  if ((q.reply || q.enhanced) && q.words.length === 0 && !items.some((i) => i.provider === null && i.query === displayCode(q.reply, q.enhanced))) {
    items.unshift(askedCode(q));
  }
  return items.length ? { items } : { items, hint: SEARCH_HINT };
}
