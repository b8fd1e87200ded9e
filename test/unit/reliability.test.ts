// Issue #15 (reliability), the engine and I/O side: inputs whose shape made the scanner
// quadratic, overflow the stack or skip a good log. Each test asserts behaviour, counts or
// scaling (1× against 4× input), never time; `npm run fuzz` measures time and memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { findingAt, LogStreamScanner, scanLogText, scanText, streamEmailText, updateLogFindings, type Finding } from '../../server/src/engine/index';
import { LONG_LINE } from '../../server/src/engine/scanner/lines';
import { decodeBase64, decodeQuotedPrintable } from '../../server/src/engine/scanner/mimeDecode';
import { scanEmailReport } from '../../server/src/engine/scanner/eml';
import { normalizeLineBreaks } from '../../server/src/engine/scanner/lines';
import { readBounceOutcomes } from '../../server/src/engine/outcomes/families/dsn';
import { TextSniffer, FILLER_RUN } from '../../server/src/io/sniff';
import { WholeRescans } from '../../server/src/lsp/wholeRescans';

const at = (fs: readonly Finding[]) => fs.map((f) => [f.range.start.line, f.range.start.character, f.range.end.character, f.reply, f.enhanced]);

/** One line of `n` distinct replies (`said: 5xx 5.a.b x`, every enhanced code different). */
function distinctCodes(n: number): string {
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(`said: 5${i % 6}${i % 10} 5.${Math.floor(i / 1000) % 1000}.${i % 1000} x`);
  return parts.join(' ');
}

/**
 * Feeds `text` to a stream scanner in chunks of `size`; returns the findings, and how many of
 * them came back before the first line break had been fed.
 */
function stream(text: string, size = 64 << 10): { findings: Finding[]; beforeFirstBreak: number } {
  const s = new LogStreamScanner();
  const findings: Finding[] = [];
  const firstBreak = text.indexOf('\n');
  let beforeFirstBreak = 0;
  for (let i = 0; i < text.length; i += size) {
    for (const f of s.push(text.slice(i, i + size))) findings.push(f);
    if (i + size <= firstBreak) beforeFirstBreak = findings.length;
  }
  for (const f of s.end()) findings.push(f);
  return { findings, beforeFirstBreak };
}

test('many distinct codes on one line: one finding each, in the editor and streamed (no quadratic search, no stack overflow)', () => {
  const line = distinctCodes(150_000);
  const whole = scanText(line, { kind: 'log' });
  assert.equal(whole.length, 150_000);
  assert.equal(whole[149_999].enhanced, '5.149.999');
  // Streamed, the line (over LONG_LINE) is read in windows: the same findings.
  const streamed = stream(line).findings;
  assert.equal(streamed.length, 150_000);
  assert.deepEqual(at(streamed.slice(-3)), at(whole.slice(-3)));
});

test('a paste of more findings than call arguments fit the stack updates the findings (was: Maximum call stack size exceeded)', () => {
  const before = 'a said: 550 5.1.1 x\nb said: 451 4.7.1 y';
  const pasted = Array.from({ length: 200_000 }, (_, i) => `host said: 550 5.1.1 user${i} unknown`);
  const lines = ['a said: 550 5.1.1 x', ...pasted, 'b said: 451 4.7.1 y'];
  const updated = updateLogFindings(scanLogText(before), { startLine: 1, endLine: 0, newLineCount: pasted.length }, {
    lineCount: lines.length,
    textOfLines: (from, to) => lines.slice(from, to + 1).join('\n'),
  });
  assert.equal(updated.length, 200_002);
  assert.deepEqual(at([updated[0], updated[200_001]]), [
    [0, 8, 17, '550', '5.1.1'],
    [200_001, 8, 17, '451', '4.7.1'],
  ]);
});

test('a line longer than LONG_LINE streams in windows: its codes are reported while it streams, equal to the whole scan', () => {
  // Codes every ~300 characters of a 3.5 MB line, all distinct (a window keeps one finding per
  // distinct code, like a line), some right at chunk ends.
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < 3.5 * LONG_LINE; i++) {
    const p = `${'x'.repeat(200 + (i % 97))} said: 550 5.${Math.floor(i / 1000)}.${i % 1000} user${i} unknown`;
    parts.push(p);
    n += p.length + 1;
  }
  const line = `${parts.join(' ')}\nnext line said: 452 4.2.2 full\n`;
  const whole = scanText(line, { kind: 'log' });
  const { findings, beforeFirstBreak } = stream(line, 65_521);
  assert.deepEqual(at(findings), at(whole));
  assert.deepEqual(
    findings.slice(0, 50).map((f) => f.text),
    whole.slice(0, 50).map((f) => f.text),
  );
  // Found while the line streams, so what is kept of it stays bounded (the old scanner kept the
  // whole line, re-joined on every chunk, and found nothing before its end).
  assert.ok(beforeFirstBreak > whole.length / 2, `${beforeFirstBreak} of ${whole.length} findings reported while the line streamed`);
});

test('a long line of NUL bytes (a copytruncate hole) then a log line: the code found at its true column', () => {
  const hole = '\u0000'.repeat(3 * LONG_LINE + 12345);
  const line = 'Nov 24 mx postfix/smtp[1]: said: 550 5.1.1 User unknown';
  const text = `${hole}${line}\nhost said: 451 4.7.1 later\n`;
  const { findings } = stream(text);
  assert.deepEqual(at(findings), at(scanText(text, { kind: 'log' })));
  assert.equal(findings[0].range.start.character, hole.length + line.indexOf('550'));
});

// ------------------------------------------------------------------ MIME decoding

/** The decoders as they were, one array entry per byte: the reference for text and offsets. */
function referenceQuotedPrintable(s: string, start: number, end: number) {
  const out: string[] = [];
  const map: number[] = [];
  let i = start;
  while (i < end) {
    if (s.charCodeAt(i) === 61) {
      if (s.charCodeAt(i + 1) === 10) {
        i += 2;
        continue;
      }
      if (s.charCodeAt(i + 1) === 13 && s.charCodeAt(i + 2) === 10) {
        i += 3;
        continue;
      }
      const hex = s.slice(i + 1, i + 3);
      if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
        out.push(String.fromCharCode(parseInt(hex, 16)));
        map.push(i);
        i += 3;
        continue;
      }
    }
    out.push(s[i]);
    map.push(i);
    i++;
  }
  map.push(end);
  return { text: out.join(''), rawOffset: (k: number) => map[Math.min(k, map.length - 1)] };
}

function referenceBase64(s: string, start: number, end: number) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const positions: number[] = [];
  const values: number[] = [];
  let bad = 0;
  for (let i = start; i < end; i++) {
    const v = alphabet.indexOf(s[i]);
    if (v >= 0) {
      positions.push(i);
      values.push(v);
    } else if (!'=\n\r \t'.includes(s[i])) bad++;
  }
  if (values.length === 0 || bad > values.length / 20) return null;
  const bytes: string[] = [];
  const map: number[] = [];
  for (let q = 0; q + 1 < values.length; q += 4) {
    const [a, b, c, d] = values.slice(q, q + 4);
    bytes.push(String.fromCharCode(((a << 2) | (b >> 4)) & 255));
    map.push(positions[q]);
    if (c !== undefined) {
      bytes.push(String.fromCharCode(((b << 4) | (c >> 2)) & 255));
      map.push(positions[q + 1]);
    }
    if (d !== undefined) {
      bytes.push(String.fromCharCode(((c << 6) | d) & 255));
      map.push(positions[q + 2]);
    }
  }
  map.push(end);
  return { text: bytes.join(''), rawOffset: (k: number) => map[Math.min(k, map.length - 1)] };
}

function sameDecoding(got: { text: string; rawOffset(i: number): number } | null, want: { text: string; rawOffset(i: number): number } | null, what: string) {
  assert.equal(got === null, want === null, `${what}: decoded or not`);
  if (!got || !want) return;
  assert.equal(got.text, want.text, `${what}: text`);
  for (let k = 0; k <= got.text.length + 2; k++) assert.equal(got.rawOffset(k), want.rawOffset(k), `${what}: offset of decoded ${k}`);
}

const qpText = fc
  .array(fc.constantFrom('a', ' ', 'é', '=', '=3D', '=C3=A9', '=c3', '=\n', '=\r\n', '=Z', '\n', '\r\n', '550 5.1.1', '=4', '='), { maxLength: 60 })
  .map((a) => a.join(''));
const b64Text = fc
  .tuple(fc.uint8Array({ maxLength: 200 }), fc.integer({ min: 1, max: 80 }), fc.array(fc.constantFrom('', '=', '==', ' ', '\r', '!', '\t'), { maxLength: 6 }))
  .map(([bytes, width, junk]) => {
    const wrapped = Buffer.from(bytes).toString('base64').replace(new RegExp(`.{${width}}`, 'g'), '$&\n');
    return junk.reduce((s, j, i) => s.slice(0, (i * 37) % (s.length + 1)) + j + s.slice((i * 37) % (s.length + 1)), wrapped);
  });

test('quoted-printable and base64 decode to the same text and raw offsets as a per-byte map', () => {
  fc.assert(
    fc.property(qpText, fc.nat(5), fc.nat(5), (body, a, b) => {
      const s = `${'h'.repeat(a)}${body}${'t'.repeat(b)}`;
      sameDecoding(decodeQuotedPrintable(s, a, s.length - b), referenceQuotedPrintable(s, a, s.length - b), JSON.stringify(s));
    }),
    { seed: 15, numRuns: 400 },
  );
  fc.assert(
    fc.property(b64Text, fc.nat(5), (body, a) => {
      const s = `${'h'.repeat(a)}${body}`;
      sameDecoding(decodeBase64(s, a, s.length), referenceBase64(s, a, s.length), JSON.stringify(s));
    }),
    { seed: 15, numRuns: 400 },
  );
});

test('the offset map costs one entry per run (a line, a literal stretch, a row of escapes), not per byte', () => {
  const lines = (n: number, width: number) => Array.from({ length: n }, (_, i) => `said: 550 5.1.1 caf=C3=A9 ${'x'.repeat(width)} ${i}`).join('\n');
  // Quoted-printable: the same number of lines four times as long keep the same number of runs.
  const qp1 = decodeQuotedPrintable(lines(100, 50), 0, lines(100, 50).length);
  const qp4 = decodeQuotedPrintable(lines(100, 200), 0, lines(100, 200).length);
  assert.equal(qp4.runs, qp1.runs);
  assert.ok(qp1.runs <= 2 * 100 + 1, `${qp1.runs} runs for 100 lines`);
  // Base64: one run per line of 76 characters, whatever the size.
  const b64 = (bytes: number) => Buffer.alloc(bytes, 'said: 550 5.1.1 user unknown\n').toString('base64').replace(/.{76}/g, '$&\n');
  const small = b64(57 * 1000);
  const big = b64(57 * 4000);
  assert.equal(decodeBase64(small, 0, small.length)!.runs, 1000);
  assert.equal(decodeBase64(big, 0, big.length)!.runs, 4000);
});

test('a base64 bounce and the same bounce in plain text give the same findings, ranges on the encoded text', () => {
  const report = Array.from({ length: 2000 }, (_, i) => `<u${i}@example.net>: host x[192.0.2.1] said: 550 5.1.1 user unknown`).join('\n');
  const head = 'From: MAILER-DAEMON@example.com\nTo: me@example.com\nContent-Type: multipart/report; boundary="b"\n\n--b\nContent-Type: text/plain\n';
  const plain = scanText(`${head}\n${report}\n--b--\n`, { kind: 'eml' });
  const encoded = `${head}Content-Transfer-Encoding: base64\n\n${Buffer.from(report).toString('base64').replace(/.{76}/g, '$&\n')}\n--b--\n`;
  const decoded = scanText(encoded, { kind: 'eml' });
  assert.deepEqual(
    decoded.map((f) => [f.reply, f.enhanced, f.text]),
    plain.map((f) => [f.reply, f.enhanced, f.text]),
  );
  const rawLines = encoded.split('\n');
  for (const f of decoded.slice(0, 50)) {
    // The range covers the base64 characters the code was decoded from.
    const covered = rawLines[f.range.start.line].slice(f.range.start.character, f.range.end.line === f.range.start.line ? f.range.end.character : undefined);
    assert.ok(covered.length >= 4 && /^[A-Za-z0-9+/]+$/.test(covered), JSON.stringify(covered));
  }
});

test('a base64 part read a window at a time gives the findings of the whole decoded text: wrapped replies and multi-line replies across windows, CRLF', () => {
  const lines: string[] = [];
  for (let i = 0; i < 6000; i++) {
    if (i % 5 === 0) lines.push(`<u${i}@example.net>: host x said: 550-5.1.1 The account`, '    that you tried to reach does not exist, café', `    550 5.1.1 try again (in reply to RCPT TO command)`);
    else if (i % 5 === 1) lines.push('said: 451-4.3.0 try', '451-4.3.0 again', '451 4.3.0 later');
    else lines.push(`RCPT TO:<v${i}@example.org> said: 552 5.2.2 over quota ${'x'.repeat(i % 97)}`);
  }
  const head = 'From: MAILER-DAEMON@example.com\r\nTo: me@example.com\r\nContent-Type: multipart/report; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n';
  const body = Buffer.from(lines.join('\r\n'));
  const plain = scanText(`${head}Content-Transfer-Encoding: 8bit\r\n\r\n${body.toString('latin1')}\r\n--b--\r\n`, { kind: 'eml' });
  const encoded = scanText(`${head}Content-Transfer-Encoding: base64\r\n\r\n${body.toString('base64').replace(/.{76}/g, '$&\r\n')}\r\n--b--\r\n`, { kind: 'eml' });
  assert.ok(plain.length > 5000);
  assert.deepEqual(
    encoded.map((f) => [f.reply, f.enhanced, f.class, f.text, f.context]),
    plain.map((f) => [f.reply, f.enhanced, f.class, f.text, f.context]),
  );
});

test('a streamed bounce that repeats one reply keeps a bounded number of its failures, and has the outcomes of the whole scan', () => {
  const head = 'From: MAILER-DAEMON@example.com\nTo: me@example.com\nContent-Type: multipart/report; boundary="b"\n\n';
  const dsn = '--b\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822; x@example.net\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 User unknown\n\n';
  const text = (n: number) => `${head}${dsn}--b\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n${Buffer.from('said: 550 5.1.1 user unknown\n'.repeat(n)).toString('base64').replace(/.{76}/g, '$&\n')}\n--b--\n`;
  const kept = (n: number) => {
    let found = 0;
    const report = streamEmailText(text(n), (fs) => (found += fs.length));
    const outcomes = readBounceOutcomes(report);
    return { found, failures: report.findings.length, outcomes: outcomes.map((o) => [o.verdict, o.recipient, o.finding?.reply, o.finding?.enhanced, o.line]) };
  };
  const small = kept(20000);
  const large = kept(80000);
  assert.ok(large.found > 80000 && small.found > 20000);
  // The failures of the first lines (where prose names recipients) and one line of each repeated reply.
  assert.equal(large.failures, small.failures);
  assert.deepEqual(large.outcomes, small.outcomes);
  assert.deepEqual(large.outcomes, readBounceOutcomes(scanEmailReport(normalizeLineBreaks(text(80000)))).map((o) => [o.verdict, o.recipient, o.finding?.reply, o.finding?.enhanced, o.line]));
});

// ------------------------------------------------------------------ text or binary

test('text or binary: from the share of non-text bytes in a sample; NUL runs are filler, counted', () => {
  const verdict = (...chunks: Buffer[]) => {
    const s = new TextSniffer();
    for (const c of chunks) s.add(c);
    return [s.end(), s.nulBytes] as const;
  };
  const text = Buffer.from('Nov 24 10:00:00 mx postfix/smtp[1]: said: 550 5.1.1 x\n'.repeat(2000));
  assert.deepEqual(verdict(Buffer.alloc(1 << 20), text), ['text', 1 << 20], 'a hole of NUL bytes before the text');
  assert.deepEqual(verdict(text.subarray(0, 5000), Buffer.alloc(FILLER_RUN), text), ['text', FILLER_RUN], 'a NUL run in the middle');
  assert.deepEqual(verdict(Buffer.alloc(300)), ['text', 300], 'nothing but filler');
  assert.deepEqual(verdict(Buffer.from('a\0b\0c\0d\0')), ['binary', 4], 'short NUL runs between bytes: binary structure');
  assert.deepEqual(verdict(Buffer.from(Array.from({ length: 4000 }, (_, i) => (i % 3 === 0 ? 1 : 65)))), ['binary', 0], 'control bytes');
  assert.deepEqual(verdict(Buffer.from('caf\xe9 \xff latin1, \x1b[31mcolour\x1b[0m\t\f\n'.repeat(50), 'latin1')), ['text', 0], 'latin1, ANSI colours, tabs');
  // The verdict waits for the sample: a chunk split anywhere gives the same.
  const mixed = Buffer.concat([Buffer.alloc(100), text.subarray(0, 70_000)]);
  for (const cut of [1, 99, 100, 101, 65_600]) assert.deepEqual(verdict(mixed.subarray(0, cut), mixed.subarray(cut)), ['text', 100], `cut at ${cut}`);
});

// ------------------------------------------------------------------ the editor's big bounces

test('a big document rescanned whole: no scan per keystroke while its rescan waits, the last findings meanwhile', () => {
  let pending = false;
  const rescans = new WholeRescans(() => pending);
  let scans = 0;
  const scan = () => {
    scans++;
    return [] as Finding[];
  };
  rescans.current('u', null, scan); // opened: scanned once
  // Typing: each keystroke schedules a rescan and requests come in before it runs.
  pending = true;
  for (let i = 0; i < 50; i++) rescans.current('u', null, scan);
  assert.equal(scans, 1, 'hovers while a rescan is pending read the last scan');
  pending = false;
  rescans.current('u', null, scan);
  assert.equal(scans, 2);
  // The debounce grows with the size, to at most 2 s; small documents keep the short one.
  assert.deepEqual([rescans.delayAfterEdit(10_000), rescans.delayAfterEdit(10 << 20), rescans.delayAfterEdit(49 << 20)], [40, 459, 2000]);
});

test('a message streamed (findings handed on as found, none kept) gives the findings of the whole scan, in order, across windows', () => {
  const report = (n: number) => Array.from({ length: n }, (_, i) => `<u${i}@example.net>: host x[192.0.2.1] said: 550 5.1.${i % 9} user unknown`).join('\n');
  const head = 'From: MAILER-DAEMON@example.com\nTo: me@example.com\nContent-Type: multipart/report; boundary="b"\n\n--b\nContent-Type: text/plain\n';
  // A multi-line reply cut by the text part's window (about 1 Mi characters), a base64 part, delivery-status groups.
  const transcript = '<<< 550-5.7.1 first\n<<< 550-5.7.1 second\n<<< 550 5.7.1 third\n';
  const big = report(9000);
  const cut = big.lastIndexOf('\n', (1 << 20) - 20);
  const message =
    `${head}\n${big.slice(0, cut + 1)}${transcript}${big.slice(cut + 1)}\n--b\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n` +
    `${Buffer.from(report(3000)).toString('base64').replace(/.{76}/g, '$&\n')}\n--b\nContent-Type: message/delivery-status\n\n` +
    'Final-Recipient: rfc822; a@example.net\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 gone\n\nFinal-Recipient: rfc822; b@example.net\nStatus: 4.2.2\n\n--b--\n';
  const whole = scanText(message, { kind: 'eml' });
  const batches: Finding[][] = [];
  streamEmailText(message, (found) => batches.push(found));
  const streamed = batches.flat();
  const view = (fs: Finding[]) => fs.map((f) => [JSON.stringify(f.range), JSON.stringify(f.otherRanges ?? []), f.reply, f.enhanced, f.text, f.recipient]);
  assert.deepEqual(view(streamed), view(whole));
  assert.ok(batches.length >= 4, `${batches.length} batches: the big part in windows, the others each`);
  assert.ok(whole.some((f) => f.enhanced === '5.7.1' && f.text === 'first second third'), 'the reply across the window is one finding');
});

test('a hover on a repeat of a code, far along a line of many codes, finds the code (found by the fuzz seed of distinct codes)', () => {
  // The 100th code repeated at the end (the lookup asked only the first 50 findings of a line).
  const line = `${distinctCodes(200)} said: 539 5.0.99 again`;
  const findings = scanText(line, { kind: 'log' });
  const first = findings.find((f) => f.enhanced === '5.0.99')!;
  assert.equal(findings.indexOf(first), 99);
  const repeat = first.otherRanges![0];
  assert.equal(line.slice(repeat.start.character, repeat.end.character), '539 5.0.99');
  assert.equal(findingAt(findings, repeat.start)?.finding, first);
});
