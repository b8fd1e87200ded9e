// A bounded reader of the JSON on one log line (SES notifications, SendGrid and Microsoft 365
// events): one pass over at most the characters the readers see (MAX_LINE_READ), no recursion,
// nesting capped, so a hostile line costs no more than its length. A line cut short still gives the
// values it holds complete (the events of a long batch before the cut).

/** A value in a line's JSON, with where its text is in the line. */
export interface JsonValue {
  kind: 'object' | 'array' | 'string' | 'scalar';
  /** [start, end) in the line: from the opening bracket or quote to just after the closing one. */
  start: number;
  end: number;
  /** An object's members (the first of a repeated name wins). */
  members?: Map<string, JsonValue>;
  /** An array's items. */
  items?: JsonValue[];
  /** A string's decoded text (at most MAX_TEXT characters), a scalar's own text. */
  text?: string;
  /** The text ended before the value closed (a line longer than what is read): its members may be missing. */
  cut?: boolean;
}

/** Deeper nesting than any event we read: past it the line is not ours. */
const MAX_DEPTH = 32;
/** The longest decoded text kept of a string value (an SNS envelope's `Message` is decoded on its own). */
const MAX_TEXT = 320;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

/** The end of the string whose opening quote is at `at` (just after its closing quote), or -1 if it is not closed before `to`. */
function stringEnd(s: string, at: number, to: number): number {
  for (let i = at + 1; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) return i + 1;
  }
  return -1;
}

/**
 * The text of the JSON string s[start, end) (quotes included), decoded, with the column in `s` of each
 * decoded character when `columns` is given. Only the first `max` characters are decoded.
 */
export function decodeString(s: string, start: number, end: number, max = MAX_TEXT, columns?: number[]): string {
  let out = '';
  for (let i = start + 1; i < end - 1 && out.length < max; i++) {
    const at = i;
    let c = s[i];
    if (c === '\\') {
      const e = s[++i];
      if (e === 'u') {
        const code = Number.parseInt(s.slice(i + 1, i + 5), 16);
        c = Number.isNaN(code) ? '' : String.fromCharCode(code);
        i += 4;
      } else {
        c = e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e === 'b' ? '\b' : e === 'f' ? '\f' : e;
      }
    }
    out += c;
    columns?.push(at);
  }
  return out;
}

interface Open {
  value: JsonValue;
  /** The member name waiting for its value (objects). */
  name: string | null;
}

/**
 * The JSON value that starts at the first `{` or `[` of s[from, to), or null when there is none or the
 * text is not JSON. Containers the text leaves open end at `to`.
 */
export function parseJson(s: string, from: number, to: number): JsonValue | null {
  let i = from;
  while (i < to && s.charCodeAt(i) !== 123 && s.charCodeAt(i) !== 91) i++;
  if (i >= to) return null;
  const stack: Open[] = [];
  let root: JsonValue | null = null;
  /** After a member name: its colon was read, the value comes next. */
  let expectName = false;
  const attach = (v: JsonValue): void => {
    const top = stack[stack.length - 1];
    if (!top) root = v;
    else if (top.value.kind === 'array') top.value.items!.push(v);
    else if (top.name !== null) {
      if (!top.value.members!.has(top.name)) top.value.members!.set(top.name, v);
      top.name = null;
    }
  };
  while (i < to) {
    const c = s.charCodeAt(i);
    if (isSpace(c) || c === 58) {
      i++;
      continue;
    }
    if (c === 44) {
      expectName = stack.length > 0 && stack[stack.length - 1].value.kind === 'object';
      i++;
      continue;
    }
    if (c === 123 || c === 91) {
      if (stack.length >= MAX_DEPTH) return null;
      const v: JsonValue = c === 123 ? { kind: 'object', start: i, end: to, members: new Map() } : { kind: 'array', start: i, end: to, items: [] };
      attach(v);
      stack.push({ value: v, name: null });
      expectName = c === 123;
      i++;
      continue;
    }
    if (c === 125 || c === 93) {
      const top = stack.pop();
      if (!top) return null;
      top.value.end = i + 1;
      if (stack.length === 0) return root;
      expectName = false;
      i++;
      continue;
    }
    if (c === 34) {
      const end = stringEnd(s, i, to);
      if (end < 0) break;
      const top = stack[stack.length - 1];
      if (expectName && top && top.value.kind === 'object') {
        top.name = decodeString(s, i, end, 64);
        expectName = false;
      } else {
        attach({ kind: 'string', start: i, end, text: decodeString(s, i, end) });
      }
      i = end;
      continue;
    }
    // A number, true, false or null: up to the next delimiter.
    const start = i;
    while (i < to && !isSpace(s.charCodeAt(i)) && s.charCodeAt(i) !== 44 && s.charCodeAt(i) !== 125 && s.charCodeAt(i) !== 93) i++;
    if (stack.length === 0) return null;
    attach({ kind: 'scalar', start, end: i, text: s.slice(start, Math.min(i, start + 40)) });
  }
  for (const open of stack) open.value.cut = true;
  return root;
}

/** The member `name` of an object value (undefined for anything else). */
export function member(v: JsonValue | undefined, name: string): JsonValue | undefined {
  return v?.kind === 'object' ? v.members!.get(name) : undefined;
}

/** The text of a string member (or a scalar's text), or null. */
export function text(v: JsonValue | undefined, name?: string): string | null {
  const x = name === undefined ? v : member(v, name);
  return x && (x.kind === 'string' || x.kind === 'scalar') ? x.text! : null;
}

/** Where a JSON document starts on a line: its first `{` or `[` within the first characters (after a syslog head). */
export function jsonStart(line: string, within = 200): number {
  const end = Math.min(line.length, within);
  for (let i = 0; i < end; i++) {
    const c = line.charCodeAt(i);
    if (c === 123 || c === 91) return i;
  }
  return -1;
}
