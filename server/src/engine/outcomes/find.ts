// Finding the lines that hold a few distinctive tokens (queue IDs, Message-IDs, addresses) in a
// big text, fast. `indexOf` walks a mail log at about 1 GB/s when the needle starts with a hex
// digit: the log is full of them (times, pids, sizes, other queue IDs), each one a false start.
// Here two SIMD functions of the scanner's WebAssembly module (scanner/simd.ts) do the walking:
// `pairs` looks at 16 positions at a time for two of the needle's rarest characters at their
// distance, and only those positions are compared; `count` counts line breaks, so a hit's line
// number costs no walk over the text in JavaScript. Windows of the text are copied into the
// module's memory as they are searched. Text that is not ASCII, needles that are too long, and
// hosts without WebAssembly SIMD use indexOf: the results are the same (tested).
import { SEARCH_BASE, SEARCH_BYTES, searchKernel, type SearchKernel } from '../scanner/simd';

/** Characters copied and searched per call. */
const WINDOW = 256 << 10;
/** Needles longer than this are searched with indexOf (a window keeps this much after it). */
const MAX_NEEDLE = 256;
/** Where the window's bytes start in the module's memory. */
const INPUT = SEARCH_BASE + 16;
/** The candidates' offsets (i32), after the input and its padding; the word before says where a call stopped. */
const OUTPUT = INPUT + WINDOW + MAX_NEEDLE + 64;
/** Candidates one call may report before it stops (and is called again from where it stopped). */
const OUT_CAPACITY = Math.min(8192, (SEARCH_BASE + SEARCH_BYTES - OUTPUT) >> 2);

let enabled = true;

/** Turns the SIMD path off or on (tests compare both). */
export function useSimdSearch(on: boolean): void {
  enabled = on;
}

/** True when this host searches with SIMD. */
export function simdSearchAvailable(): boolean {
  return searchKernel() !== null;
}

function activeKernel(): SearchKernel | null {
  return enabled ? searchKernel() : null;
}

/**
 * Characters that continue a token: a needle is found only where the characters around it are
 * not of these (`EF20920E37E:` and `<ana@example.net>` yes, `X.EF20920E37E@host` or
 * `diana@example.net` for `ana@example.net` no).
 */
export function isTokenChar(c: number): boolean {
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  // . - _ + @ % ! # $ & * ? ^ ` { | } ~
  return c === 46 || c === 45 || c === 95 || c === 43 || c === 64 || c === 37 || c === 33 || c === 35 || c === 36 || c === 38 || c === 42 || c === 63 || c === 94 || c === 96 || c === 123 || c === 124 || c === 125 || c === 126;
}

/** Whether `needle` occurs in `s` at `at` as a whole token. */
export function isTokenAt(s: string, at: number, length: number): boolean {
  return (at === 0 || !isTokenChar(s.charCodeAt(at - 1))) && (at + length >= s.length || !isTokenChar(s.charCodeAt(at + length)));
}

/** The first place in `s` (from `from`) where `needle` occurs as a whole token, or -1. */
export function tokenIndex(s: string, needle: string, from = 0): number {
  if (!needle) return -1;
  for (let at = s.indexOf(needle, from); at >= 0; at = s.indexOf(needle, at + 1)) if (isTokenAt(s, at, needle.length)) return at;
  return -1;
}

/** How often characters occur in the text, from a few samples (to pick a needle's rarest characters). */
function sampleCounts(s: string, from: number, to: number): Uint32Array {
  const counts = new Uint32Array(128);
  const samples = 32;
  const span = 512;
  const step = Math.max(span, Math.floor((to - from) / samples));
  for (let at = from; at < to; at += step) {
    const end = Math.min(to, at + span);
    for (let i = at; i < end; i++) {
      const c = s.charCodeAt(i);
      if (c < 128) counts[c]++;
    }
  }
  return counts;
}

interface Probe {
  needle: string;
  /** The first probed character's place in the needle, the distance to the second, and both bytes. */
  first: number;
  d: number;
  a: number;
  b: number;
  /** Searched with indexOf (too long, too short, not printable ASCII). */
  plain: boolean;
}

function isPrintableAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c > 126) return false;
  }
  return true;
}

function probeFor(needle: string, counts: Uint32Array): Probe {
  if (needle.length < 2 || needle.length > MAX_NEEDLE || !isPrintableAscii(needle)) return { needle, first: 0, d: 0, a: 0, b: 0, plain: true };
  // The two rarest characters (at different places), in needle order.
  let r1 = 0;
  for (let i = 1; i < needle.length; i++) if (counts[needle.charCodeAt(i)] < counts[needle.charCodeAt(r1)]) r1 = i;
  let r2 = r1 === 0 ? 1 : 0;
  for (let i = 0; i < needle.length; i++) if (i !== r1 && counts[needle.charCodeAt(i)] < counts[needle.charCodeAt(r2)]) r2 = i;
  const first = Math.min(r1, r2);
  const second = Math.max(r1, r2);
  return { needle, first, d: second - first, a: needle.charCodeAt(first), b: needle.charCodeAt(second), plain: false };
}

const encoder = new TextEncoder();

/** Line breaks in s[from, to), searched in that range only (a text without any is not walked to its end). */
function countPlain(s: string, from: number, to: number): number {
  if (to <= from) return 0;
  const region = s.substring(from, to);
  let n = 0;
  for (let i = region.indexOf('\n'); i >= 0; i = region.indexOf('\n', i + 1)) n++;
  return n;
}

/** A line holding a needle: its index (counted from the searched range's start) and its bounds. */
export type LineVisitor = (lineIndex: number, lineStart: number, lineEnd: number) => boolean | void;

/**
 * The lines of `s[from, to)` holding one of `needles` as a whole token, in order, each once:
 * `visit(lineIndex, lineStart, lineEnd)` (lineIndex counts the line breaks from `from`; a line's
 * bounds may reach outside the range; its end excludes the line break). Stops visiting when
 * `visit` returns false. Returns the number of line breaks in the range (all of them, even after
 * a stop, so that a caller can go on counting lines).
 */
export function searchLines(s: string, from: number, to: number, needles: readonly string[], visit: LineVisitor): number {
  to = Math.min(to, s.length);
  if (to <= from) return 0;
  const k = activeKernel();
  const counts = needles.length ? sampleCounts(s, from, to) : null;
  const probes = needles.map((n) => probeFor(n, counts!));
  let lines = 0;
  let stopped = false;
  /** The end of the last line visited: more hits before it are on that line (no walk back over a huge line). */
  let lastLineEnd = -1;
  /** Hits of one window (positions), sorted before they are visited. */
  const hits: number[] = [];
  for (let w = from; w < to; w += WINDOW) {
    const wEnd = Math.min(to, w + WINDOW);
    hits.length = 0;
    // The window and the needle-length after it (a needle starting near the end ends there).
    let ascii = false;
    if (k) {
      const piece = s.substring(w, Math.min(s.length, wEnd + MAX_NEEDLE));
      const { read, written } = encoder.encodeInto(piece, k.bytes.subarray(INPUT, INPUT + WINDOW + MAX_NEEDLE));
      ascii = read === piece.length && written === piece.length;
      if (ascii) k.bytes.fill(0, INPUT + written, OUTPUT);
    }
    /** Line breaks in [a, b) of this window. */
    const breaks = ascii ? (a: number, b: number) => k!.count(INPUT + (a - w), INPUT + (b - w), 10) : (a: number, b: number) => countPlain(s, a, b);
    if (!stopped) {
      for (const p of probes) {
        const len = p.needle.length;
        if (len === 0) continue;
        if (p.plain || !ascii) {
          // In the window (and the needle's length after it) only.
          const region = s.substring(w, Math.min(s.length, wEnd + len - 1));
          for (let at = region.indexOf(p.needle); at >= 0; at = region.indexOf(p.needle, at + 1)) if (isTokenAt(s, w + at, len)) hits.push(w + at);
          continue;
        }
        // Candidates are where the first probed character sits: the needle starts `first` before it.
        let pos = INPUT + p.first;
        const end = INPUT + p.first + (wEnd - w);
        while (pos < end) {
          const count = k!.pairs(pos, end, p.d, p.a, p.b, OUTPUT, OUT_CAPACITY - 16);
          for (let i = 0; i < count; i++) {
            const at = w + k!.words[(OUTPUT >> 2) + i] - INPUT - p.first;
            if (at >= w && at < wEnd && s.startsWith(p.needle, at) && isTokenAt(s, at, len)) hits.push(at);
          }
          pos = k!.words[(OUTPUT >> 2) - 1];
        }
      }
    }
    if (hits.length > 1) hits.sort((x, y) => x - y);
    let at = w;
    for (const pos of hits) {
      lines += breaks(at, pos);
      at = pos;
      if (pos <= lastLineEnd) continue;
      const lineStart = s.lastIndexOf('\n', pos - 1) + 1;
      let lineEnd = s.indexOf('\n', pos);
      if (lineEnd < 0) lineEnd = s.length;
      lastLineEnd = lineEnd;
      if (visit(lines, lineStart, lineEnd) === false) {
        stopped = true;
        break;
      }
    }
    lines += breaks(at, wEnd);
  }
  return lines;
}
