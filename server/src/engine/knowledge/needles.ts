// Finding which of many lower-case needles (provider host names, reason phrases) occur in a
// text, fast and exactly: the needles become one regular expression, an alternation of
// escaped literals in table order (linear time: no quantifier at all; checked by the ReDoS
// test through NEEDLE_INDEXES). Among the needles found, the one listed first wins (tables
// are ordered from specific to general).

function escapeLiteral(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** An expression matching any of the literals, preferring the earlier one at a position. */
export function literalAlternation(literals: readonly string[]): RegExp {
  return new RegExp(literals.map(escapeLiteral).join('|'), 'g');
}

export class NeedleIndex<T> {
  readonly pattern: RegExp;
  private readonly rank = new Map<string, { rank: number; value: T }>();

  constructor(entries: ReadonlyArray<readonly [string, T]>) {
    const needles: string[] = [];
    entries.forEach(([needle, value], rank) => {
      if (needle.length === 0 || this.rank.has(needle)) return;
      this.rank.set(needle, { rank, value });
      needles.push(needle);
    });
    this.pattern = literalAlternation(needles.length ? needles : ['\u0000never\u0000']);
  }

  /**
   * The value of the first-ranked needle found in `hay` (already lower-case), or undefined.
   * The expression reports, at each position where needles match, the first-listed one; it is
   * asked again from the next position, so every position is seen and the lowest rank wins.
   */
  first(hay: string): T | undefined {
    const re = this.pattern;
    re.lastIndex = 0;
    let best: { rank: number; value: T } | undefined;
    let m: RegExpExecArray | null;
    while ((m = re.exec(hay)) !== null) {
      const hit = this.rank.get(m[0])!;
      if (!best || hit.rank < best.rank) {
        best = hit;
        if (hit.rank === 0) break;
      }
      re.lastIndex = m.index + 1;
    }
    return best?.value;
  }

  /** The values of every needle found in `hay` (already lower-case), best rank first, each once. */
  all(hay: string): T[] {
    const re = this.pattern;
    re.lastIndex = 0;
    let m = re.exec(hay);
    // Most texts name none: no lists to make.
    if (m === null) return [];
    const hits: { rank: number; value: T }[] = [];
    for (; m !== null; m = re.exec(hay)) {
      const hit = this.rank.get(m[0])!;
      if (!hits.includes(hit)) hits.push(hit);
      re.lastIndex = m.index + 1;
    }
    hits.sort((a, b) => a.rank - b.rank);
    const values: T[] = [];
    for (const h of hits) if (!values.includes(h.value)) values.push(h.value);
    return values;
  }
}
