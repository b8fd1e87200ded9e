// A SIMD pre-filter for the line scanner. Finding candidate numbers is the scanner's hot loop:
// the candidate expression costs about 1.5 ns a character in V8's regex engine, the cost of
// walking 100 MB. A small WebAssembly function built here (no toolchain, no binary file in the
// repository) looks at 16 bytes at a time for the shape every candidate starts with, a digit
// 2-5, then 0-5 or `.`, then a digit, after a character that may precede a code. It runs
// about three times as fast, and the scanner then checks each position it reports exactly as the
// expression would (`matchCandidateAt` in lines.ts). Text that is not ASCII, or a host without
// WebAssembly SIMD, uses the expression: the results are the same, as the tests check.

/** Characters encoded and searched per call: the output then fits in one page. */
export const SIMD_WINDOW = 32 << 10;
/** Where the window's bytes start in memory: the byte before it is the previous character. */
const INPUT = 16;
/** The candidates' offsets (i32), after the input and its padding. */
const OUTPUT = INPUT + SIMD_WINDOW + 64;

// ------------------------------------------------------------------ a tiny assembler

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

// Opcodes (WebAssembly core spec; SIMD ones after the 0xfd prefix).
const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  br: (depth: number) => [0x0c, depth],
  brIf: (depth: number) => [0x0d, depth],
  get: (local: number) => [0x20, local],
  set: (local: number) => [0x21, local],
  tee: (local: number) => [0x22, local],
  i32: (n: number) => [0x41, ...sleb(n)],
  i32Store: [0x36, 0x02, 0x00],
  i32Ne: [0x47],
  i32GeU: [0x4f],
  i32Ctz: [0x68],
  i32Add: [0x6a],
  i32Sub: [0x6b],
  i32And: [0x71],
  i32Shl: [0x74],
  /** v128.load with alignment 1 at a constant offset from the address on the stack. */
  load: (offset: number) => [0xfd, 0x00, 0x00, ...uleb(offset)],
  /** A v128 constant with every byte `b`. */
  bytes: (b: number) => [0xfd, 0x0c, ...new Array<number>(16).fill(b & 0xff)],
  eq: [0xfd, 0x23],
  ltU: [0xfd, 0x26],
  and: [0xfd, 0x4e],
  andNot: [0xfd, 0x4f],
  or: [0xfd, 0x50],
  bitmask: [0xfd, 0x64],
  sub: [0xfd, 0x71],
};

/** Lanes of the vector on the stack with a byte in [lo, lo + count). */
const inRange = (lo: number, count: number) => [...op.bytes(lo), ...op.sub, ...op.bytes(count), ...op.ltU];
const equals = (b: number) => [...op.bytes(b), ...op.eq];

/**
 * `find(p, end, out) -> count`: writes the offsets i in [p, end) (stepping 16 at a time, so
 * up to 15 past `end`) where byte i is 2-5, byte i+1 is 0-5 or `.`, byte i+2 is 0-9 and
 * byte i-1 is not one of [0-9A-Za-z.\-/@$%&\\], or is `n` or `r` (a `\n` before a code: the
 * scanner checks the backslash). Reads bytes p-1 to end+17.
 */
function findFunction(): number[] {
  const [P, END, OUT, COUNT, BITS, PREV, NEXT] = [0, 1, 2, 3, 4, 5, 6];
  // Branch-free but for the loop itself: which blocks hold candidates is data, and a
  // mispredicted branch per block cost more than the few instructions saved by skipping.
  const storeOne = [
    // out[count] = p + ctz(bits); count += bits != 0; bits &= bits - 1 (a store with no bit left is overwritten later)
    ...op.get(OUT), ...op.get(COUNT), ...op.i32(2), ...op.i32Shl, ...op.i32Add,
    ...op.get(P), ...op.get(BITS), ...op.i32Ctz, ...op.i32Add, ...op.i32Store,
    ...op.get(COUNT), ...op.get(BITS), ...op.i32(0), ...op.i32Ne, ...op.i32Add, ...op.set(COUNT),
    ...op.get(BITS), ...op.get(BITS), ...op.i32(1), ...op.i32Sub, ...op.i32And, ...op.set(BITS),
  ];
  const body = [
    ...op.block,
    ...op.loop,
    ...op.get(P), ...op.get(END), ...op.i32GeU, ...op.brIf(1),
    // This byte is 2-5,
    ...op.get(P), ...op.load(0), ...inRange(0x32, 4),
    // the next is 0-5 or '.',
    ...op.get(P), ...op.load(1), ...op.tee(NEXT), ...inRange(0x30, 6), ...op.get(NEXT), ...equals(0x2e), ...op.or, ...op.and,
    // the one after is a digit,
    ...op.get(P), ...op.load(2), ...inRange(0x30, 10), ...op.and,
    // and the byte before is not part of a word, number, path or host name...
    ...op.get(P), ...op.i32(1), ...op.i32Sub, ...op.load(0), ...op.set(PREV),
    ...op.get(PREV), ...inRange(0x30, 10),
    ...op.get(PREV), ...op.bytes(0x20), ...op.or, ...inRange(0x61, 26), ...op.or,
    ...op.get(PREV), ...inRange(0x24, 3), ...op.or, // $ % &
    ...op.get(PREV), ...inRange(0x2d, 3), ...op.or, // - . /
    ...op.get(PREV), ...equals(0x40), ...op.or, // @
    ...op.get(PREV), ...equals(0x5c), ...op.or, // backslash
    // ...unless it is n or r.
    ...op.get(PREV), ...equals(0x6e), ...op.get(PREV), ...equals(0x72), ...op.or, ...op.andNot,
    ...op.andNot,
    ...op.bitmask, ...op.set(BITS),
    // A candidate needs the 3 bytes before the next one's: at most 4 in 16 bytes.
    ...storeOne, ...storeOne, ...storeOne, ...storeOne,
    ...op.get(P), ...op.i32(16), ...op.i32Add, ...op.set(P),
    ...op.br(0),
    ...op.end,
    ...op.end,
    ...op.get(COUNT),
    ...op.end,
  ];
  // Locals: two i32 (count, bits), two v128 (previous bytes, next bytes).
  return [2, 2, 0x7f, 2, 0x7b, ...body];
}

// The trail's search (engine/outcomes/find.ts) has two functions of its own in the same module,
// on memory after the scanner's two pages, so neither overwrites the other's window.

/** Where the search's memory starts, and how many pages it has (window, padding, output). */
export const SEARCH_BASE = 2 * 65536;
const SEARCH_PAGES = 5;
export const SEARCH_BYTES = SEARCH_PAGES * 65536;

const i8x16Splat = [0xfd, 0x0f];
const i32Eqz = [0x45];
const i32GtU = [0x4b];
const i32LtU = [0x49];
const i32Popcnt = [0x69];
const ifThen = [0x04, 0x40];

/**
 * `pairs(p, end, d, a, b, out, cap) -> count`: the positions i in [p, end) (16 at a time, so up
 * to 15 past `end`) where byte i is `a` and byte i + d is `b`, written from `out` on; stops before
 * a block once more than `cap` are written, and stores where it stopped at `out - 4`.
 */
function pairsFunction(): number[] {
  const [P, END, D, A, B, OUT, CAP, COUNT, BITS, VA, VB] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const body = [
    ...op.get(A), ...i8x16Splat, ...op.set(VA),
    ...op.get(B), ...i8x16Splat, ...op.set(VB),
    ...op.block,
    ...op.loop,
    ...op.get(P), ...op.get(END), ...op.i32GeU, ...op.brIf(1),
    ...op.get(COUNT), ...op.get(CAP), ...i32GtU, ...op.brIf(1),
    ...op.get(P), ...op.load(0), ...op.get(VA), ...op.eq,
    ...op.get(P), ...op.get(D), ...op.i32Add, ...op.load(0), ...op.get(VB), ...op.eq,
    ...op.and, ...op.bitmask, ...op.set(BITS),
    // Most blocks have no candidate: one well-predicted branch, then a loop over the few bits.
    ...op.block,
    ...op.loop,
    ...op.get(BITS), ...i32Eqz, ...op.brIf(1),
    ...op.get(OUT), ...op.get(COUNT), ...op.i32(2), ...op.i32Shl, ...op.i32Add,
    ...op.get(P), ...op.get(BITS), ...op.i32Ctz, ...op.i32Add, ...op.i32Store,
    ...op.get(COUNT), ...op.i32(1), ...op.i32Add, ...op.set(COUNT),
    ...op.get(BITS), ...op.get(BITS), ...op.i32(1), ...op.i32Sub, ...op.i32And, ...op.set(BITS),
    ...op.br(0),
    ...op.end,
    ...op.end,
    ...op.get(P), ...op.i32(16), ...op.i32Add, ...op.set(P),
    ...op.br(0),
    ...op.end,
    ...op.end,
    ...op.get(OUT), ...op.i32(4), ...op.i32Sub, ...op.get(P), ...op.i32Store,
    ...op.get(COUNT),
    ...op.end,
  ];
  // Locals: two i32 (count, bits), two v128 (the splatted bytes).
  return [2, 2, 0x7f, 2, 0x7b, ...body];
}

/** `count(p, end, byte) -> n`: how many bytes in [p, end) are `byte`. */
function countFunction(): number[] {
  const [P, END, BYTE, COUNT, BITS, REM, V] = [0, 1, 2, 3, 4, 5, 6];
  const body = [
    ...op.get(BYTE), ...i8x16Splat, ...op.set(V),
    ...op.block,
    ...op.loop,
    ...op.get(P), ...op.get(END), ...op.i32GeU, ...op.brIf(1),
    ...op.get(P), ...op.load(0), ...op.get(V), ...op.eq, ...op.bitmask, ...op.set(BITS),
    // The last block: only the bytes before `end`.
    ...op.get(END), ...op.get(P), ...op.i32Sub, ...op.tee(REM), ...op.i32(16), ...i32LtU,
    ...ifThen,
    ...op.get(BITS), ...op.i32(1), ...op.get(REM), ...op.i32Shl, ...op.i32(1), ...op.i32Sub, ...op.i32And, ...op.set(BITS),
    ...op.end,
    ...op.get(COUNT), ...op.get(BITS), ...i32Popcnt, ...op.i32Add, ...op.set(COUNT),
    ...op.get(P), ...op.i32(16), ...op.i32Add, ...op.set(P),
    ...op.br(0),
    ...op.end,
    ...op.end,
    ...op.get(COUNT),
    ...op.end,
  ];
  // Locals: three i32 (count, bits, rem), one v128.
  return [2, 3, 0x7f, 1, 0x7b, ...body];
}

function section(id: number, bytes: number[]): number[] {
  return [id, ...uleb(bytes.length), ...bytes];
}

function name(s: string): number[] {
  return [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
}

/**
 * The module: the scanner's `find` on the first 2 pages of its memory (window, padding, output),
 * the trail search's `pairs` and `count` on the pages after them.
 */
export function candidateModuleBytes(): Uint8Array {
  const fn = findFunction();
  const pairs = pairsFunction();
  const count = countFunction();
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    // Types: 0 = (i32, i32, i32) -> i32, 1 = (i32 × 7) -> i32.
    ...section(1, [2, 0x60, 3, 0x7f, 0x7f, 0x7f, 1, 0x7f, 0x60, 7, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 1, 0x7f]),
    ...section(3, [3, 0, 1, 0]), // find: type 0, pairs: type 1, count: type 0
    ...section(5, [1, 0x00, ...uleb(2 + SEARCH_PAGES)]), // memory, no maximum
    ...section(7, [4, ...name('find'), 0x00, 0, ...name('pairs'), 0x00, 1, ...name('count'), 0x00, 2, ...name('memory'), 0x02, 0]),
    ...section(10, [3, ...uleb(fn.length), ...fn, ...uleb(pairs.length), ...pairs, ...uleb(count.length), ...count]),
  ]);
}

// ------------------------------------------------------------------ the finder

interface Finder {
  find(p: number, end: number, out: number): number;
  bytes: Uint8Array;
  out: Int32Array;
  search: SearchKernel;
}

/** The trail search's functions and its memory (from SEARCH_BASE on, SEARCH_BYTES long). */
export interface SearchKernel {
  pairs(p: number, end: number, d: number, a: number, b: number, out: number, cap: number): number;
  count(p: number, end: number, byte: number): number;
  bytes: Uint8Array;
  words: Int32Array;
}

/** What we use of the WebAssembly API (the engine's type library has no DOM types). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: { find: Finder['find']; pairs: SearchKernel['pairs']; count: SearchKernel['count']; memory: { buffer: ArrayBuffer } } };
}

let finder: Finder | null | undefined;
let enabled = true;
/** Texts shorter than this are searched with the expression (not worth copying to WebAssembly). */
let minLength = 4096;

function load(): Finder | null {
  try {
    const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    if (!wasm) return null;
    const bytes = candidateModuleBytes();
    if (!wasm.validate(bytes)) return null; // no SIMD in this host
    const { exports } = new wasm.Instance(new wasm.Module(bytes), {});
    // The memory never grows, so these views stay valid.
    return {
      find: exports.find,
      bytes: new Uint8Array(exports.memory.buffer),
      out: new Int32Array(exports.memory.buffer, OUTPUT, SIMD_WINDOW / 2),
      search: { pairs: exports.pairs, count: exports.count, bytes: new Uint8Array(exports.memory.buffer), words: new Int32Array(exports.memory.buffer) },
    };
  } catch {
    return null;
  }
}

/**
 * Turns the SIMD path off or on, and sets the shortest text it is used for (tests compare
 * both paths on every input, short ones included).
 */
export function useSimd(on: boolean, shortest = 4096): void {
  enabled = on;
  minLength = shortest;
}

/** True when candidates can be found with SIMD in this host. */
export function simdAvailable(): boolean {
  if (finder === undefined) finder = load();
  return finder !== null;
}

/** The trail search's SIMD functions, when this host has WebAssembly SIMD (`useSimd` does not turn them off). */
export function searchKernel(): SearchKernel | null {
  return simdAvailable() ? finder!.search : null;
}

/** True when a text of this length is searched with SIMD. */
export function simdFor(length: number): boolean {
  return enabled && length >= minLength && simdAvailable();
}

const encoder = new TextEncoder();

/**
 * Fills `out` with the offsets in [from, to) of `s` that may start a candidate, in order, and
 * returns how many; -1 when this window is not plain ASCII (or SIMD is off): the caller then
 * uses the expression. `to - from` is at most SIMD_WINDOW.
 */
export function simdCandidates(s: string, from: number, to: number, out: Int32Array): number {
  if (!simdAvailable()) return -1;
  const f = finder!;
  const mem = f.bytes;
  // The character before the window (a line break stands for the start of the text: a code may
  // start there), the window, and 17 characters after it, which the last positions look at.
  const before = from > 0 ? s.charCodeAt(from - 1) : 10;
  if (before > 0x7f) return -1; // checked before storing: a byte would keep only its low 8 bits
  mem[INPUT - 1] = before;
  const end = Math.min(s.length, to + 17);
  const piece = s.substring(from, end);
  const { read, written } = encoder.encodeInto(piece, mem.subarray(INPUT, INPUT + SIMD_WINDOW + 17));
  if (read !== piece.length || written !== piece.length) return -1;
  // Past the end of the text: zeros, which match nothing.
  mem.fill(0, INPUT + written, INPUT + SIMD_WINDOW + 48);
  const count = f.find(INPUT, INPUT + (to - from), OUTPUT);
  let n = 0;
  const found = f.out;
  for (let i = 0; i < count; i++) {
    const at = found[i] - INPUT;
    if (at >= to - from) break;
    out[n++] = from + at;
  }
  return n;
}
