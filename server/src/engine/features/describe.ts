// Explains findings, with a cache: logs repeat the same reply thousands of times. The cache
// key is made of the codes and of what the text told (provider, documented response, reason
// phrase), never of the text itself, so the cache holds no slice of a document.
import { analyzeTextCached, explainCode, explanationKey, type Explanation } from '../explain';
import { classOf } from '../codes';
import type { Finding } from '../types';

const MAX_CACHE = 4000;
const cache = new Map<string, Explanation>();

/** The explanation of one finding (its codes, its reply text, and its line for the provider). */
export function explainFinding(f: Pick<Finding, 'reply' | 'enhanced' | 'text' | 'context'>): Explanation {
  // A success's words never change its explanation (its reason is `delivered`): they are not read for a reason.
  const analysis = analyzeTextCached(f.reply, f.enhanced, f.text, f.context, classOf(f.reply, f.enhanced) !== 'success');
  const key = explanationKey(f.reply, f.enhanced, analysis);
  let ex = cache.get(key);
  if (!ex) {
    ex = explainCode({ reply: f.reply, enhanced: f.enhanced }, analysis);
    if (cache.size >= MAX_CACHE) cache.delete(cache.keys().next().value as string);
    cache.set(key, ex);
  }
  return ex;
}
