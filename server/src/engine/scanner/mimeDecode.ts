// Decoding the content-transfer-encodings of MIME parts (quoted-printable, base64) with a map
// from each decoded character back to its offset in the raw message, so findings in a decoded
// part keep their ranges in the text the editor shows. The map holds one entry per run (a
// stretch of the raw text that decodes in one way: a base64 line, literal text, a row of `=XX`
// escapes), never one per character: a 20 MB base64 part costs about what a plain one costs.

/** A decoded part: its text and the raw offset of each decoded character. */
export interface Decoded {
  text: string;
  /**
   * The decoded bytes, one character each (latin1), when the text is not made until asked (a
   * base64 part): the scanner reads them a window at a time, never the whole part as a string.
   */
  bytes?: DecodedBytes;
  /** The raw offset of decoded character `i`; offsets at or past the end map to the end of the part. */
  rawOffset(i: number): number;
}

/** Decoded bytes read a stretch at a time (latin1: one character per byte). */
export interface DecodedBytes {
  readonly length: number;
  /** Bytes [from, to) as latin1 text (clamped, as String.prototype.slice clamps). */
  slice(from: number, to: number): string;
  /** The offset of the first line feed at or after `from`, or -1. */
  lineBreak(from: number): number;
}

/** A growing list of 32-bit integers in one typed array: no array of numbers for the collector to copy and trace. */
class IntList {
  data = new Int32Array(16);
  length = 0;

  push(v: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = v;
  }
}

/**
 * The index of the last of the first `n` of `starts` (ascending) at or before `i`. Scans read
 * forward, so the run of the last lookup (`hint`) and the next one are tried before a binary search.
 */
function runAt(starts: Int32Array, n: number, i: number, hint: number): number {
  if (starts[hint] <= i && (hint + 1 >= n || starts[hint + 1] > i)) return hint;
  if (hint + 2 < n && starts[hint + 1] <= i && starts[hint + 2] > i) return hint + 1;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= i) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Decoded offset → raw offset, as runs: from `decoded[k]` on, decoded character `i` comes
 * from raw offset `raw[k] + step[k] * (i - decoded[k])`. Runs are added in order.
 */
export class RunMap {
  private readonly decoded = new IntList();
  private readonly raw = new IntList();
  private readonly step = new IntList();
  /** The run of the last lookup (see runAt). */
  private last = 0;

  /** `length` decoded characters; offsets at or past it map to `end`. */
  constructor(
    public length = 0,
    public end = 0,
  ) {}

  get runs(): number {
    return this.decoded.length;
  }

  /** Decoded characters from `decodedStart` on come from `rawStart`, `step` raw characters each. */
  add(decodedStart: number, rawStart: number, step: number): void {
    const n = this.decoded.length;
    const decoded = this.decoded.data;
    const raw = this.raw.data;
    const steps = this.step.data;
    // Extends the last run when the new one continues it.
    if (n > 0 && steps[n - 1] === step && raw[n - 1] + step * (decodedStart - decoded[n - 1]) === rawStart) return;
    if (n > 0 && decoded[n - 1] === decodedStart) {
      raw[n - 1] = rawStart;
      steps[n - 1] = step;
      return;
    }
    this.decoded.push(decodedStart);
    this.raw.push(rawStart);
    this.step.push(step);
  }

  rawOffset(i: number): number {
    const n = this.decoded.length;
    if (i >= this.length || n === 0) return this.end;
    const k = (this.last = runAt(this.decoded.data, n, i, this.last));
    return this.raw.data[k] + this.step.data[k] * (i - this.decoded.data[k]);
  }
}

/** The raw text of a part as it is (7bit, 8bit, binary, or an encoding we do not know). */
export function identity(s: string, start: number, end: number): Decoded {
  return { text: s.slice(start, end), rawOffset: (i) => start + i };
}

const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX['0123456789abcdef'.charCodeAt(i)] = i;
  HEX['0123456789ABCDEF'.charCodeAt(i)] = i;
}
const hexAt = (s: string, i: number): number => {
  const c = s.charCodeAt(i);
  return c < 128 ? HEX[c] : -1;
};
/** True when `=XX` (two hex digits) starts at `i`. */
const isEscape = (s: string, i: number): boolean => s.charCodeAt(i) === 61 && hexAt(s, i + 1) >= 0 && hexAt(s, i + 2) >= 0;

/**
 * Quoted-printable (RFC 2045 §6.7): `=XX` is one character (a byte, read as latin1 like the
 * rest until the charset says otherwise), `=` at the end of a line joins it to the next, any
 * other character (a lone `=` too) stands for itself. Literal stretches are sliced, not copied
 * a character at a time.
 */
export function decodeQuotedPrintable(s: string, start: number, end: number): Decoded & { runs: number } {
  const pieces: string[] = [];
  const map = new RunMap();
  let length = 0;
  let literal = start; // where the literal stretch not yet copied starts
  const copyLiteral = (to: number) => {
    if (to <= literal) return;
    map.add(length, literal, 1);
    pieces.push(s.slice(literal, to));
    length += to - literal;
  };
  let i = s.indexOf('=', start);
  while (i >= 0 && i < end) {
    const next = s.charCodeAt(i + 1);
    if (next === 10 || (next === 13 && s.charCodeAt(i + 2) === 10)) {
      // A soft line break: dropped.
      copyLiteral(i);
      literal = i + (next === 10 ? 2 : 3);
      i = s.indexOf('=', literal);
      continue;
    }
    if (!isEscape(s, i)) {
      i = s.indexOf('=', i + 1);
      continue;
    }
    copyLiteral(i);
    // A row of escapes (`=C3=BC…`) is one run: three raw characters per decoded one.
    map.add(length, i, 3);
    let j = i;
    while (j < end && isEscape(s, j)) j += 3;
    const row = Buffer.allocUnsafe((j - i) / 3);
    for (let k = i, b = 0; k < j; k += 3) row[b++] = (hexAt(s, k + 1) << 4) | hexAt(s, k + 2);
    pieces.push(row.toString('latin1'));
    length += row.length;
    literal = j;
    i = s.indexOf('=', j);
  }
  copyLiteral(end);
  map.length = length;
  map.end = end;
  return { text: pieces.join(''), rawOffset: (k) => map.rawOffset(k), runs: map.runs };
}

const B64 = new Int8Array(128).fill(-1);
for (let i = 0; i < 64; i++) B64['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;

/**
 * Base64 decoded to bytes read as latin1 (one character per byte; the charset is applied to
 * findings' text later). Null when the part is not base64 (no base64 characters, or more than
 * one in twenty characters outside the alphabet, `=` and white space). The alphabet's characters
 * are one stream: `=` and white space anywhere are skipped. Decoded byte `d` of a quartet maps
 * to the quartet's character `d mod 3`; the map keeps one run per stretch of contiguous base64
 * characters (a line), keyed by the character's index in the stream. Nothing is decoded until
 * asked: `bytes` decodes any stretch from the raw text (through the same runs), so a big part is
 * read a window at a time; `text` decodes the whole part, once.
 */
export function decodeBase64(s: string, start: number, end: number): (Decoded & { runs: number }) | null {
  const runChar = new IntList(); // index in the stream of base64 characters where each run starts
  const runRaw = new IntList(); // its raw offset
  let n = 0; // base64 characters so far
  let bad = 0;
  let prev = -2; // raw offset of the last base64 character
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? B64[c] : -1;
    if (v < 0) {
      if (c !== 61 && c !== 10 && c !== 13 && c !== 32 && c !== 9) bad++;
      continue;
    }
    if (i !== prev + 1) {
      runChar.push(n);
      runRaw.push(i);
    }
    prev = i;
    n++;
  }
  if (n === 0 || bad > n / 20) return null;
  // Three bytes per full quartet; a last quartet of 2 or 3 characters gives 1 or 2.
  const bytes = 3 * (n >> 2) + Math.max(0, (n & 3) - 1);
  let last = 0;
  const rawOffset = (d: number): number => {
    if (d >= bytes) return end;
    // Decoded byte d: the (d mod 3)-th character of quartet d div 3.
    const g = 4 * Math.floor(d / 3) + (d % 3);
    const k = (last = runAt(runChar.data, runChar.length, g, last));
    return runRaw.data[k] + (g - runChar.data[k]);
  };
  let readHint = 0;
  /** Decoded bytes [from, to) (clamped to the part), decoded from their quartets in the raw text. */
  const read = (from: number, to: number): Buffer => {
    from = Math.max(0, Math.min(from, bytes));
    to = Math.max(from, Math.min(to, bytes));
    const out = Buffer.allocUnsafe(to - from);
    if (to === from) return out;
    // From the start of the quartet of byte `from`: the raw offset of its first character.
    const q = Math.floor(from / 3);
    const k = (readHint = runAt(runChar.data, runChar.length, 4 * q, readHint));
    const raw = runRaw.data[k] + (4 * q - runChar.data[k]);
    let d = 3 * q; // the decoded byte the next output is
    let phase = 0;
    let acc = 0;
    let w = 0;
    for (let i = raw; i < end && d < to; i++) {
      const c = s.charCodeAt(i);
      const v = c < 128 ? B64[c] : -1;
      if (v < 0) continue;
      acc = (acc << 6) | v;
      let byte = -1;
      if (phase === 1) byte = (acc >> 4) & 255;
      else if (phase === 2) byte = (acc >> 2) & 255;
      else if (phase === 3) {
        byte = acc & 255;
        acc = 0;
      }
      phase = (phase + 1) & 3;
      if (byte < 0) continue;
      if (d >= from) out[w++] = byte;
      d++;
    }
    return out;
  };
  let text: string | null = null;
  return {
    get text() {
      return (text ??= read(0, bytes).toString('latin1'));
    },
    bytes: {
      length: bytes,
      slice: (from, to) => read(from, to).toString('latin1'),
      lineBreak(from) {
        // Decoded a block at a time: a line break is usually near.
        for (let at = Math.max(0, from), block = 4096; at < bytes; at += block, block = Math.min(block * 4, 1 << 20)) {
          const i = read(at, at + block).indexOf(10);
          if (i >= 0) return at + i;
        }
        return -1;
      },
    },
    rawOffset,
    runs: runChar.length,
  };
}

/** A part's body decoded by its Content-Transfer-Encoding (a part that is not the base64 it claims is read as it is). */
export function decodeBody(s: string, start: number, end: number, encoding: string): Decoded {
  const enc = encoding.trim().toLowerCase();
  if (enc === 'quoted-printable') return decodeQuotedPrintable(s, start, end);
  if (enc === 'base64') return decodeBase64(s, start, end) ?? identity(s, start, end);
  return identity(s, start, end);
}
