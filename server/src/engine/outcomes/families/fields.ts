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

/**
 * The cells of a CSV line as [start, end) of their text (a quoted cell without its quotes), at most
 * `max` cells; the last one ends at the line's end. A quote inside a quoted cell is written twice.
 */
export function csvCells(line: string, max = 64): Array<[number, number]> {
  const cells: Array<[number, number]> = [];
  let i = 0;
  while (cells.length < max) {
    if (line.charCodeAt(i) === 34) {
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) {
          j = line.length;
          break;
        }
        if (line.charCodeAt(q + 1) === 34) j = q + 2;
        else {
          j = q;
          break;
        }
      }
      cells.push([i + 1, j]);
      const comma = line.indexOf(',', j);
      if (comma < 0) break;
      i = comma + 1;
    } else {
      const comma = line.indexOf(',', i);
      cells.push([i, comma < 0 ? line.length : comma]);
      if (comma < 0) break;
      i = comma + 1;
    }
  }
  return cells;
}

/** A cell's value (a quoted cell's doubled quotes made single), at most MAX_VALUE long. */
export function cellValue(line: string, cell: [number, number] | undefined): string {
  if (!cell) return '';
  const v = line.slice(cell[0], Math.min(cell[1], cell[0] + MAX_VALUE));
  return v.includes('""') ? v.split('""').join('"') : v;
}
