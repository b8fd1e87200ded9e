// Random edits of a log for the property tests (edits read incrementally equal a whole read):
// seeded, so a failure names an edit that happens again.

/** A seeded pseudo-random integer below `n`: the same seed gives the same sequence. */
export function seededRandom(seed: number): (n: number) => number {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s % n;
  };
}

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/**
 * One edit at a random line of a document of `lineCount` lines: delete the line, insert a line of
 * `lines`, type a character, or (when `kinds` is 4) replace up to three lines with a line of `lines`.
 */
export function randomEdit(rnd: (n: number) => number, lineCount: number, lines: readonly string[], kinds: 3 | 4 = 3): { range: Range; text: string } {
  const line = rnd(lineCount);
  const at = { line, character: 0 };
  switch (rnd(kinds)) {
    case 0:
      return { range: { start: at, end: { line: line + 1, character: 0 } }, text: '' };
    case 1:
      return { range: { start: at, end: at }, text: `${lines[rnd(lines.length)]}\n` };
    case 2:
      return { range: { start: at, end: at }, text: 'x' };
    default:
      return { range: { start: at, end: { line: Math.min(line + 3, lineCount - 1), character: 0 } }, text: `${lines[rnd(lines.length)]}\n` };
  }
}
