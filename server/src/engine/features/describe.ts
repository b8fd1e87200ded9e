// Explains findings, with a small cache: logs repeat the same reply thousands of times.
import { explainCode, type Explanation } from '../explain';
import type { Finding } from '../types';

const MAX_CACHE = 2000;
const cache = new Map<string, Explanation>();

/** The explanation of one finding (its codes, its reply text, and its line for the provider). */
export function explainFinding(f: Pick<Finding, 'reply' | 'enhanced' | 'text' | 'context'>): Explanation {
  const key = `${f.reply ?? ''}|${f.enhanced ?? ''}|${f.text}|${f.context}`;
  let ex = cache.get(key);
  if (!ex) {
    ex = explainCode({ reply: f.reply, enhanced: f.enhanced, text: f.text, context: f.context });
    if (cache.size >= MAX_CACHE) cache.delete(cache.keys().next().value as string);
    cache.set(key, ex);
  }
  return ex;
}
