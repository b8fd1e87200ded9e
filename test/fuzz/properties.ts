// Properties of the engine that must hold for every input, and the fast-check arbitraries
// that generate the inputs. Each check throws an AssertionError that says what broke.
// Shared by the property tests of `npm test` (few runs, fixed seed) and `npm run fuzz`
// (many runs, a report).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { marked } from 'marked';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  analyzeLog,
  computeProblems,
  explainCode,
  explanationHtml,
  explanationMarkdown,
  findingAt,
  hoverAt,
  isAllowedReferenceUrl,
  LogStreamScanner,
  scanText,
  DEFAULT_SETTINGS,
  type Finding,
  type Range,
} from '../../server/src/engine/index';
import { useSimd } from '../../server/src/engine/scanner/simd';
import type { Kind, Seed } from './corpus';

// ------------------------------------------------------------------ scanning

const REPLY = /^[2-5][0-5][0-9]$/;
const ENHANCED = /^[245]\.[0-9]{1,3}\.[0-9]{1,3}$/;
/** A MIME part whose text is decoded before scanning: its ranges point at the encoded text. */
const ENCODED = /content-transfer-encoding:[ \t]*(?:base64|quoted-printable)/i;

function where(r: Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** The range lies inside the document as an editor counts lines (LF, CRLF and CR end a line). */
function assertInDocument(doc: TextDocument, r: Range, what: string, oneLine: boolean): { start: number; end: number } {
  const start = doc.offsetAt(r.start);
  const end = doc.offsetAt(r.end);
  assert.deepEqual(doc.positionAt(start), r.start, `${what}: start ${where(r)} is outside the document (lines: ${doc.lineCount})`);
  assert.deepEqual(doc.positionAt(end), r.end, `${what}: end ${where(r)} is outside the document`);
  assert.ok(start < end, `${what}: empty or reversed range ${where(r)}`);
  // In a .eml a code may straddle a line break: an unfolded delivery-status field (`said: 554` /
  // `    5.6.0 ...`), or a base64 line break.
  if (oneLine) assert.equal(r.start.line, r.end.line, `${what}: a code range spans lines ${where(r)}`);
  return { start, end };
}

/** The findings (as data) of a scan with the SIMD pre-filter at every length, and with the expression alone. */
export function scanBothWays(text: string, kind: Kind | 'auto' = 'log'): { simd: unknown; expression: unknown } {
  const asData = (fs: Finding[]) => JSON.parse(JSON.stringify(fs)) as unknown;
  try {
    useSimd(true, 0);
    const simd = asData(scanText(text, { kind }));
    useSimd(false);
    return { simd, expression: asData(scanText(text, { kind })) };
  } finally {
    useSimd(true);
  }
}

/**
 * Scans `text` and checks every property of the findings: no exception, deterministic,
 * sorted, well-formed codes, every range inside the document and on the code's own text.
 */
export function checkScan(text: string, kind: Kind | 'auto'): Finding[] {
  const findings = scanText(text, { kind });
  assert.deepEqual(scanText(text, { kind }), findings, 'the same text scanned twice gives the same findings');
  // The SIMD pre-filter (used here for every length) and the expression alone find the same.
  const both = scanBothWays(text, kind);
  assert.deepEqual(both.simd, both.expression, 'the SIMD pre-filter and the expression find different codes');
  const doc = TextDocument.create('file:///fuzz', kind === 'eml' ? 'eml' : 'mail-log', 1, text);
  // Decoded parts map back to the encoded text, where the code's characters are not literally present.
  const literal = kind === 'log' || !ENCODED.test(text);
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    const what = `finding ${i} (${f.reply} ${f.enhanced})`;
    assert.ok(f.reply !== null || f.enhanced !== null, `${what}: no code`);
    if (f.reply !== null) assert.match(f.reply, REPLY, `${what}: reply code`);
    if (f.enhanced !== null) assert.match(f.enhanced, ENHANCED, `${what}: enhanced code`);
    assert.equal(f.class, { '2': 'success', '3': 'intermediate', '4': 'transient', '5': 'permanent' }[(f.reply ?? f.enhanced)![0]], `${what}: class`);
    if (i > 0) {
      const p = findings[i - 1].range.start;
      const q = f.range.start;
      assert.ok(p.line < q.line || (p.line === q.line && p.character <= q.character), `${what}: not sorted after ${where(findings[i - 1].range)}`);
    }
    assert.ok(f.text.length <= 2000 && f.context.length <= 4000, `${what}: text (${f.text.length}) or context (${f.context.length}) beyond its limit`);
    const main = assertInDocument(doc, f.range, what, kind === 'log');
    // The code is found again where it is: what hovers and quick fixes ask.
    assert.ok(findingAt(findings, f.range.start), `${what}: nothing found at its own start ${where(f.range)}`);
    for (const r of f.otherRanges ?? []) assert.ok(findingAt(findings, r.start), `${what}: nothing found at its other range ${where(r)}`);
    const codes = [f.reply, f.enhanced].filter((c): c is string => c !== null);
    if (literal) {
      const covered = text.slice(main.start, main.end);
      assert.ok(covered.startsWith(codes[0]), `${what}: range ${where(f.range)} covers ${JSON.stringify(covered)}, not the code`);
    }
    for (const r of f.otherRanges ?? []) {
      const other = assertInDocument(doc, r, `${what}, other range`, kind === 'log');
      if (literal) {
        const covered = text.slice(other.start, other.end);
        assert.ok(
          codes.some((c) => covered.startsWith(c)),
          `${what}: other range ${where(r)} covers ${JSON.stringify(covered)}, not ${codes.join(' or ')}`,
        );
      }
    }
  }
  return findings;
}

/** Splits `text` at `cuts` (fractions of its length) and feeds the pieces to a LogStreamScanner. */
export function streamFindings(text: string, cuts: number[]): Finding[] {
  const offsets = [...new Set(cuts.map((c) => Math.floor(c * text.length)))].sort((a, b) => a - b);
  const scanner = new LogStreamScanner();
  const out: Finding[] = [];
  let from = 0;
  for (const at of [...offsets, text.length]) {
    out.push(...scanner.push(text.slice(from, at)));
    from = at;
  }
  out.push(...scanner.end());
  return out;
}

/** A log read in pieces (the CLI's stream) gives exactly the findings of the whole text. */
export function checkStream(text: string, cuts: number[]): void {
  const whole = scanText(text, { kind: 'log' });
  assert.deepEqual(streamFindings(text, cuts), whole, `streamed in pieces at ${JSON.stringify(cuts)} differs from the whole text`);
}

// ------------------------------------------------------------------ rendering

/** Text a hostile log line may hold: links, command URIs, HTML, Markdown syntax, escapes. */
export const HOSTILE_TOKENS: readonly string[] = [
  '[x](command:workbench.action.terminal.new)',
  '[a](https://evil.example/)',
  '[a]( https://evil.example/ "t")',
  '![i](https://evil.example/x.png)',
  '[ref]: command:workbench.action.terminal.new',
  '[ref]',
  '[a][ref]',
  '<https://evil.example/>',
  '<command:x>',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '<a href="javascript:alert(1)">x</a>',
  '<!--',
  '-->',
  'javascript:alert(1)',
  'https://evil.example/',
  'http://evil.example/x',
  'www.evil.example',
  'evil@example.com',
  'file:///etc/passwd',
  'vscode://vscode.git/x',
  'data:text/html,<b>x</b>',
  '`',
  '```',
  '\\',
  '\\]',
  '\\(',
  '](',
  '](command:x)',
  '<',
  '>',
  '&',
  '&lt;',
  '&#60;',
  '&#x3C;',
  '%3C',
  '*',
  '**',
  '_',
  '~~',
  '|',
  '# ',
  '- ',
  '1. ',
  '> ',
  '[',
  ']',
  '(',
  ')',
  ':',
  '"',
  "'",
  ' ',
  '\n',
  '\r\n',
  '\u0000',
  '\u202e',
  '\ud800',
  'said: 550 5.1.1 ',
  'mailbox full',
  'gmail',
];

export const hostileText = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...HOSTILE_TOKENS) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) }), { maxLength: 30 })
  .map((parts) => parts.join(''));

/** Markdown links `[..](url)` in rendered Markdown. */
function markdownLinks(md: string): string[] {
  const out: string[] = [];
  for (let i = md.indexOf(']('); i >= 0; i = md.indexOf('](', i + 2)) {
    const close = md.indexOf(')', i + 2);
    out.push(close < 0 ? md.slice(i + 2) : md.slice(i + 2, close));
  }
  return out;
}

// code: our own knowledge-base text marks commands and replies as code spans (never the document's text).
const ALLOWED_TAGS = new Set(['p', 'strong', 'em', 'ol', 'ul', 'li', 'a', 'br', 'code']);

/** What a Markdown renderer (marked, as VS Code uses) makes of the hover: only our tags, only allow-listed links. */
function assertRenderedSafely(md: string, allowed: Set<string>, what: string): void {
  const html = marked.parse(md, { async: false, gfm: true }) as string;
  for (const m of html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)/g)) {
    assert.ok(ALLOWED_TAGS.has(m[1].toLowerCase()), `${what}: the rendered hover holds a <${m[1]}> element: ${html}`);
  }
  for (const m of html.matchAll(/<a [^>]*>/g)) {
    const href = /href="([^"]*)"/.exec(m[0])?.[1] ?? '';
    assert.ok(allowed.has(href.replace(/&amp;/g, '&')), `${what}: the rendered hover links to ${href}`);
  }
}

/**
 * Hostile reply text (and the same as the line's context) never turns into a link, markup or
 * HTML: the hover Markdown has no raw `<`, links only to our allow-listed https references,
 * renders to our own elements only; the remedy page HTML has exactly the tags of a harmless
 * text; a problem's message carries none of it.
 */
export function checkRender(hostile: string, reply: string | null, enhanced: string | null): void {
  const ex = explainCode({ reply, enhanced, text: hostile, context: hostile });
  const allowed = new Set(ex.references.map((r) => r.url));
  for (const url of allowed) assert.ok(isAllowedReferenceUrl(url), `a reference is not allow-listed: ${url}`);
  const md = explanationMarkdown(ex, hostile);
  assert.ok(!md.includes('<'), `the hover has a raw "<": ${md}`);
  for (const url of markdownLinks(md)) assert.ok(allowed.has(url), `the hover links to ${JSON.stringify(url)}`);
  assertRenderedSafely(md, allowed, 'explanationMarkdown');

  // The same length and the same blanks (a blank quote is left out), nothing else.
  const benign = hostile.replace(/\S/g, "x");
  const tags = (s: string) => s.split('<').length;
  assert.equal(tags(explanationHtml(ex, hostile)), tags(explanationHtml(ex, benign)), 'the remedy page has more tags with the hostile text than with a harmless one');

  // Through the scanner and the hover, as a user meets it.
  const line = `host said: ${[reply, enhanced].filter(Boolean).join(' ')} ${hostile.replace(/[\r\n]/g, ' ')}`;
  const analysis = analyzeLog(line);
  const findings = analysis.findings;
  for (const f of findings) {
    const hover = hoverAt(analysis, f.range.start);
    assert.ok(hover, 'a finding has a hover');
    assert.ok(!hover.markdown.includes('<'), `the hover has a raw "<": ${hover.markdown}`);
    const hoverAllowed = new Set(explainCode({ reply: f.reply, enhanced: f.enhanced, text: f.text, context: f.context }).references.map((r) => r.url));
    for (const url of markdownLinks(hover.markdown)) assert.ok(hoverAllowed.has(url), `the hover links to ${JSON.stringify(url)}`);
    assertRenderedSafely(hover.markdown, hoverAllowed, 'hover');
  }
  const { problems } = computeProblems(analysis.outcomes, analysis.index, { ...DEFAULT_SETTINGS, severity: { permanent: 'error', transient: 'error', success: 'hint', deliveredLater: 'hint' } });
  for (const p of problems) {
    assert.ok(!/[<\n\r]|\]\(/.test(p.message), `a problem message holds markup: ${JSON.stringify(p.message)}`);
    if (p.href) assert.ok(isAllowedReferenceUrl(p.href), `a problem links to ${p.href}`);
  }
}

// ------------------------------------------------------------------ documents

/** Codes as they appear in logs and bounces, and numbers that look like them. */
const CODE_TOKENS: readonly string[] = [
  '550',
  '550 ',
  '550-',
  '550 5.1.1 ',
  '550-5.1.1 ',
  '550 #5.1.1 ',
  '5.1.1',
  ' 5.1.1 ',
  '#5.7.1',
  '4.2.2',
  '452 4.2.2 ',
  '421-4.7.0 ',
  '250 2.0.0 Ok',
  '354 ',
  '221',
  '5.7.26',
  '4.4.316',
  '599',
  '5.',
  '.5',
  '10.5.1.1',
  '550:25',
  '550.',
];

/** What surrounds codes: introducers, fields, separators, MIME structure, odd characters. */
const CONTEXT_TOKENS: readonly string[] = [
  '[192.0.2.1]',
  ':25',
  'said: ',
  'host x said: ',
  'reply=',
  'dsn=',
  'status=',
  '"status":"',
  '"reason": "',
  'msg="',
  'smtp; ',
  'Status: ',
  'Diagnostic-Code: smtp; ',
  'Final-Recipient: rfc822; a@example.net',
  '<<< ',
  '>>> ',
  '#',
  '(',
  ')',
  '"',
  "'",
  '\\',
  '\\n',
  '=',
  ':',
  ';',
  ',',
  '-',
  '_',
  '+',
  '<',
  '>',
  ' ',
  '  ',
  '\t',
  '\u0000',
  '\ufffd',
  'é',
  '😀',
  '\ud83d',
  'HTTP/1.1" ',
  'SMTP error from remote mail server after RCPT TO:<a@b>: ',
  '(in reply to RCPT TO command)',
  '; from=<a@b> to=<c@d> proto=ESMTP',
  'User unknown',
  'size=',
  'smtpd[',
  ']: ',
  'From: a@example.com',
  'To: b@example.com',
  'Content-Type: multipart/report; boundary="b"',
  'Content-Type: text/plain',
  'Content-Type: message/delivery-status',
  'Content-Type: message/rfc822',
  'Content-Transfer-Encoding: base64',
  'Content-Transfer-Encoding: quoted-printable',
  '--b',
  '--b--',
  '=3D',
  '=',
  'NTUwIDUuMS4xIHVzZXIgdW5rbm93bgo=',
];

export const TOKENS: readonly string[] = [...CODE_TOKENS, ...CONTEXT_TOKENS, '\n', '\r\n', '\r'];
export const token = fc.constantFrom(...TOKENS);

const lineOfTokens = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...CODE_TOKENS) },
      { weight: 5, arbitrary: fc.constantFrom(...CONTEXT_TOKENS) },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 12 }) },
    ),
    { maxLength: 14 },
  )
  .map((parts) => parts.join(''));

/** A document of lines made of scanner tokens and random text, with any line endings. */
export const tokenDocument = fc
  .array(fc.tuple(lineOfTokens, fc.constantFrom('\n', '\n', '\n', '\r\n', '\r', '')), { maxLength: 40 })
  .map((lines) => lines.map(([l, end]) => l + end).join(''));

type Mutation =
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'duplicate'; at: number; length: number }
  | { op: 'truncate'; at: number }
  | { op: 'endings'; to: '\n' | '\r\n' | '\r' | 'mixed' };

/** A position as a fraction of a length, spread evenly (fc.double favours the extremes). */
const fraction = fc.integer({ min: 0, max: 999_999 }).map((n) => n / 1_000_000);

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('insert' as const), at: fraction, text: fc.oneof(token, fc.string({ unit: 'binary', maxLength: 8 })) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fraction, length: fc.nat({ max: 64 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('duplicate' as const), at: fraction, length: fc.nat({ max: 200 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('truncate' as const), at: fraction }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('endings' as const), to: fc.constantFrom('\n' as const, '\r\n' as const, '\r' as const, 'mixed' as const) }) },
);

function mutate(text: string, m: Mutation): string {
  const at = 'at' in m ? Math.floor(m.at * (text.length + 1)) : 0;
  switch (m.op) {
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + m.length);
    case 'duplicate':
      return text.slice(0, at + m.length) + text.slice(at, at + m.length) + text.slice(at + m.length);
    case 'truncate':
      return text.slice(0, at);
    case 'endings': {
      let i = 0;
      return text.replace(/\r\n|\r|\n/g, () => (m.to === 'mixed' ? ['\n', '\r\n', '\r'][i++ % 3] : m.to));
    }
  }
}

/** A window of at most `max` characters of a seed (corpus logs can be long), starting at a line. */
function window(text: string, start: number, max: number): string {
  if (text.length <= max) return text;
  let from = Math.floor(start * (text.length - max));
  const nl = text.lastIndexOf('\n', from);
  from = nl < 0 ? 0 : nl + 1;
  return text.slice(from, from + max);
}

/** A seed, cut to a window, with a few mutations. */
export function mutatedSeed(seeds: readonly Seed[], maxLength = 16384): fc.Arbitrary<{ seed: string; kind: Kind; text: string }> {
  return fc.record({ seed: fc.constantFrom(...seeds), start: fraction, mutations: fc.array(mutation, { maxLength: 6 }) }).map(({ seed, start, mutations }) => {
    const base = seed.kind === 'eml' ? seed.text.slice(0, maxLength * 4) : window(seed.text, start, maxLength);
    return { seed: seed.name, kind: seed.kind, text: mutations.reduce(mutate, base) };
  });
}

/** Fractions of a text's length where it is cut into pieces. */
export const cuts = fc.array(fraction, { maxLength: 12 });

export const codes = fc.record({
  reply: fc.option(fc.constantFrom('550', '554', '452', '451', '421', '250', '354', '599'), { nil: null }),
  enhanced: fc.option(fc.constantFrom('5.1.1', '5.7.1', '5.7.26', '4.2.2', '4.7.0', '2.0.0', '5.9.99'), { nil: null }),
});
