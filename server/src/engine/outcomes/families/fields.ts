// Small field readers shared by the family readers: bounded string search, no expressions.

/** The longest value read from a field: a line of a hostile log cannot make a reader copy more. */
const MAX_VALUE = 320;

/** The value of `key` written as `key<value>` (e.g. `to=<`), searched from `from`; null if absent, `''` for `<>`. */
export function angleValue(line: string, key: string, from = 0): string | null {
  const i = line.indexOf(key, from);
  if (i < 0) return null;
  const start = i + key.length;
  const end = line.indexOf('>', start);
  if (end < 0 || end - start > MAX_VALUE) return null;
  return line.slice(start, end);
}

/** The value of `key` written as `key=value` up to a comma, semicolon or space; null if absent. */
export function fieldValue(line: string, key: string, from = 0): string | null {
  let i = line.indexOf(key, from);
  // Only a whole key: `relay=` must not match inside `xrelay=`.
  while (i > 0 && !isFieldStart(line.charCodeAt(i - 1))) i = line.indexOf(key, i + key.length);
  if (i < 0) return null;
  const start = i + key.length;
  let end = start;
  while (end < line.length && end - start < MAX_VALUE) {
    const c = line.charCodeAt(end);
    if (c === 44 || c === 59 || c === 32 || c === 9) break;
    end++;
  }
  return line.slice(start, end);
}

function isFieldStart(before: number): boolean {
  return before === 32 || before === 44 || before === 59 || before === 9;
}

export function isIdChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** The end of a run of letters and digits starting at `at` (at most `max` long). */
export function idEnd(line: string, at: number, max = 40): number {
  let i = at;
  while (i < line.length && i - at < max && isIdChar(line.charCodeAt(i))) i++;
  return i;
}
