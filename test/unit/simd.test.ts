// The SIMD pre-filter of the line scanner: the WebAssembly module is valid and used, the
// positions it reports are decided exactly as the candidate expression decides them, and a
// scan with it finds what a scan with the expression alone finds, across its windows, with
// non-ASCII text and at the edges of the text. (The property tests compare both paths on
// every generated input too.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CANDIDATE, matchCandidateAt } from '../../server/src/engine/scanner/lines';
import { candidateModuleBytes, simdAvailable, simdCandidates, SIMD_WINDOW } from '../../server/src/engine/scanner/simd';
import { scanBothWays } from '../fuzz/properties';

/** Characters that matter to the expression, and some that do not. */
const ALPHABET = ['2', '3', '4', '5', '0', '1', '9', '.', '.', '\\', 'n', 'r', ':', '-', '/', '@', '%', '&', '$', '_', 'a', 'Z', ' ', ' ', '\n', '\t', '(', '=', '"', 'é', '→', '\u{1F600}'];
const chars = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 120, size: 'max' }).map((a) => a.join(''));

/** The end of the expression's match starting exactly at `i` (lookbehind sees before it), or -1. */
function expressionAt(s: string, i: number): number {
  const re = new RegExp(CANDIDATE.source, 'y');
  re.lastIndex = i;
  return re.test(s) ? re.lastIndex : -1;
}

test('the module is valid WebAssembly and this host runs it (Node has had SIMD since 16.4)', () => {
  const wasm = (globalThis as unknown as { WebAssembly: { validate(b: Uint8Array): boolean } }).WebAssembly;
  assert.ok(wasm.validate(candidateModuleBytes()), 'the assembled module does not validate');
  assert.ok(simdAvailable(), 'the SIMD finder did not load: every scan would fall back to the expression');
});

test('matchCandidateAt decides every position exactly as the candidate expression', () => {
  const fixed = ['550', '5.1.1', '\\n550 x', 'n550', '\\r421-4.7.0', '250:30', '250.5', '4.2.22.1', '5.1.1234', '5.12.345.', '2.0.0.1', '3.1.1', 'x550', '550x', '550/', '5.1.1.', '5.1.1.a', '451%', '(550)', '=4.2.2,'];
  for (const s of fixed) for (let i = 0; i <= s.length; i++) assert.equal(matchCandidateAt(s, i), expressionAt(s, i), `${JSON.stringify(s)} at ${i}`);
  fc.assert(
    fc.property(chars, (s) => {
      for (let i = 0; i <= s.length; i++) assert.equal(matchCandidateAt(s, i), expressionAt(s, i), `${JSON.stringify(s)} at ${i}`);
    }),
    { seed: 3463, numRuns: 2000 },
  );
});

test('the SIMD finder reports every position where the expression can match', () => {
  const out = new Int32Array(SIMD_WINDOW / 2);
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...ALPHABET.filter((c) => c.charCodeAt(0) < 128)), { minLength: 1, maxLength: 600, size: 'max' }).map((a) => a.join('')), fc.nat(), (s, cut) => {
      const from = cut % s.length;
      const n = simdCandidates(s, from, s.length, out);
      assert.ok(n >= 0, 'ASCII text was refused');
      const reported = new Set(out.subarray(0, n));
      for (let i = from; i < s.length; i++) if (expressionAt(s, i) >= 0) assert.ok(reported.has(i), `${JSON.stringify(s)}: a match at ${i} was not reported`);
      for (const i of reported) assert.ok(i >= from && i < s.length, `reported ${i} outside [${from}, ${s.length})`);
    }),
    { seed: 2034, numRuns: 1500 },
  );
});

test('text that is not ASCII is left to the expression (offsets would not match bytes)', () => {
  const out = new Int32Array(SIMD_WINDOW / 2);
  assert.equal(simdCandidates('café 550 5.1.1 unknown', 0, 22, out), -1);
  assert.equal(simdCandidates('é550 ok', 1, 7, out), -1, 'the character before the window counts too');
  assert.ok(simdCandidates('café 550 5.1.1 unknown', 5, 22, out) >= 1, 'an ASCII window after non-ASCII text is searched');
});

test('a scan with SIMD equals a scan with the expression: across windows, at the edges, mixed text', () => {
  const line = (i: number) =>
    [
      `Nov  1 00:00:0${i % 10} mx postfix/smtp[4${i}]: to=<u${i}@example.com>, relay=mx[192.0.2.${i % 250}]:25, delay=2.5, dsn=5.1.1, status=bounced (host said: 550 5.1.1 user unknown)`,
      `2026-11-24 10:00:00 1tK${i} ** u@example.org R=dnslookup T=remote_smtp H=mx [192.0.2.1]: SMTP error from remote mail server after RCPT TO:<u@example.org>: 452 4.2.2 Mailbox full`,
      `café → 421-4.7.0 Try again later\\n421 4.7.0 closing ${i}`,
      `550`,
      `size=550 version 5.1.1 port 25 550-5.7.1 denied`,
    ][i % 5];
  const lines: string[] = [];
  let length = 0;
  for (let i = 0; length < 3 * SIMD_WINDOW + 1000; i++) {
    lines.push(line(i));
    length += lines[lines.length - 1].length + 1;
  }
  const text = lines.join('\n');
  const { simd, expression } = scanBothWays(text);
  assert.ok((expression as unknown[]).length > 100, 'the text has findings');
  assert.deepEqual(simd, expression);
  // Codes straddling each window boundary, and at the very start and end.
  for (const shift of [0, 1, 2, 3, 5, 7]) {
    const pad = 'x '.repeat(SIMD_WINDOW / 2 - 2) + ' '.repeat(shift);
    const t = `550 5.1.1 first\n${pad}said: 550 5.1.1 user unknown ${pad}status 4.2.2, 451 later\n250`;
    const r = scanBothWays(t);
    assert.deepEqual(r.simd, r.expression, `shift ${shift}`);
  }
  fc.assert(
    fc.property(fc.array(chars, { minLength: 1, maxLength: 8 }), fc.nat({ max: SIMD_WINDOW * 2 }), (pieces, padding) => {
      const t = pieces.join(' '.repeat(padding % 97)) + '\n' + '-'.repeat(padding) + pieces.join('\n');
      const r = scanBothWays(t);
      assert.deepEqual(r.simd, r.expression);
    }),
    { seed: 5321, numRuns: 60 },
  );
});

test('a window after a character that is not ASCII goes to the expression, and finds the code at its start', () => {
  // U+0161 keeps 0x61 ('a', part of a word) in its low byte: stored as a byte first, it would
  // have hidden the code that starts the next window.
  const text = `${'x '.repeat(SIMD_WINDOW / 2 - 1)}x\u0161550 5.1.1 User unknown\n`;
  assert.equal(text.indexOf('550'), SIMD_WINDOW);
  assert.equal(simdCandidates(text, SIMD_WINDOW, text.length, new Int32Array(SIMD_WINDOW / 2)), -1);
  const r = scanBothWays(text);
  assert.deepEqual(r.simd, r.expression);
  assert.equal((r.expression as { reply: string }[]).map((f) => f.reply).join(), '550');
});
