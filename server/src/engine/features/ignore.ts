// Matching findings against `smtpCodes.ignoredCodes` entries.
import { parseCodeQuery } from '../codes';

export interface IgnoreMatcher {
  (reply: string | null, enhanced: string | null): boolean;
}

/** Entries: `550` (any reply 550), `5.1.1` (any reply with 5.1.1), `X.1.1` (4.1.1 or 5.1.1), `550 5.1.1` (that pair). */
export function ignoreMatcher(entries: readonly string[]): IgnoreMatcher {
  const rules: Array<{ reply: string | null; enhanced: string | null; anyClass: boolean }> = [];
  for (const entry of entries) {
    // `X.` in any form parseCodeQuery reads: `#X.1.1`, `550 X.1.1`, `550\tX.1.1`, `550-#X.1.1`.
    const anyClass = /^\s*#?(?:\d{3}(?:[ \t]+|-))?#?[xX]\./.test(entry);
    const q = parseCodeQuery(entry);
    if (q) rules.push({ reply: q.reply, enhanced: q.enhanced, anyClass });
  }
  if (rules.length === 0) return () => false;
  return (reply, enhanced) =>
    rules.some((r) => {
      if (r.reply && r.reply !== reply) return false;
      if (r.enhanced) {
        if (!enhanced) return false;
        if (r.anyClass ? r.enhanced.slice(1) !== enhanced.slice(1) : r.enhanced !== enhanced) return false;
      }
      return true;
    });
}
