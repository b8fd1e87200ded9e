// Every regular expression of the product is linear-time safe. The expressions are collected
// from the sources (server/src, client/src) with the TypeScript parser, so a new one is
// checked without anyone listing it: `/.../` literals, `new RegExp(...)` / `RegExp(...)`
// (a string literal, or `X.source` of a literal in the same file), and string arguments of
// `.match`, `.matchAll` and `.search` (compiled as expressions). A `RegExp` built from
// anything else fails the test: it could not be checked.
//
// The analyser is recheck. Its automaton checker decides exactly, from the expression's
// automaton, whether matching can take super-linear time; it is used first. Only where it
// does not apply (an expression it does not support) the fuzz checker, a search for slow
// inputs with a fixed seed, gives the verdict. Anything but "safe" fails.
//
// Bounded repetitions (`[^<>\s@]{1,200}`) make the automaton checker slow (it unrolls each
// copy: 30 s for one expression). It first checks the expression with every `{m,n}` relaxed to
// `{m,}`: each way the bounded expression can match a text is one of the relaxed expression's
// ways (the copy of a repetition is fixed by how many came before it), so the backtracking
// matcher of the bounded expression never tries more paths, and a linear verdict for the
// relaxed expression is a proof for the bounded one. Only when the relaxed one is not proved
// safe is the expression checked as written (relaxing never hides a problem; it can only cost
// the slow exact check).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { check, type Diagnostics } from 'recheck';
import { repoRoot } from '../support/shared';
import { NEEDLE_INDEXES } from '../../server/src/engine/knowledge/index';

interface Found {
  where: string;
  source: string;
  flags: string;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (path.endsWith('.ts') && !path.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function literalParts(node: ts.RegularExpressionLiteral): { source: string; flags: string } {
  const text = node.text;
  const slash = text.lastIndexOf('/');
  return { source: text.slice(1, slash), flags: text.slice(slash + 1) };
}

function stringValue(node: ts.Node | undefined): string | undefined {
  if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) return node.text;
  return undefined;
}

/** All regular expressions of the product's sources, and the `RegExp` constructions that cannot be read. */
export function collectRegexes(): { found: Found[]; unreadable: string[] } {
  const found: Found[] = [];
  const unreadable: string[] = [];
  for (const file of [...walk(join(repoRoot, 'server', 'src')), ...walk(join(repoRoot, 'client', 'src'))]) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const at = (node: ts.Node) => `${relative(repoRoot, file)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    // Constants initialised with a literal, for `new RegExp(X.source, flags)`.
    const constants = new Map<string, { source: string; flags: string }>();
    const visitConstants = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && ts.isRegularExpressionLiteral(node.initializer)) {
        constants.set(node.name.text, literalParts(node.initializer));
      }
      ts.forEachChild(node, visitConstants);
    };
    visitConstants(sf);
    const visit = (node: ts.Node): void => {
      if (ts.isRegularExpressionLiteral(node)) {
        found.push({ where: at(node), ...literalParts(node) });
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp') {
        const [pattern, flagsArg] = node.arguments ?? [];
        const flags = flagsArg === undefined ? '' : stringValue(flagsArg);
        let source = stringValue(pattern);
        if (source === undefined && pattern && ts.isPropertyAccessExpression(pattern) && pattern.name.text === 'source' && ts.isIdentifier(pattern.expression)) {
          source = constants.get(pattern.expression.text)?.source;
        }
        if (source === undefined || flags === undefined) unreadable.push(`${at(node)}: ${node.getText()}`);
        else found.push({ where: at(node), source, flags });
      } else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ['match', 'matchAll', 'search'].includes(node.expression.name.text)) {
        const source = stringValue(node.arguments[0]);
        if (source !== undefined) found.push({ where: at(node), source, flags: node.expression.name.text === 'matchAll' ? 'g' : '' });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { found, unreadable };
}

/**
 * The expression with each bounded repetition `{m,n}` (and `{m,n}?`) relaxed to `{m,}`; `{m}` and
 * `{m,}` stay. Braces inside a character class or after a backslash are not quantifiers.
 */
export function relaxBounds(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      out += source.slice(i, i + 2);
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') inClass = true;
    if (c === '{') {
      let j = i + 1;
      while (j < source.length && source[j] >= '0' && source[j] <= '9') j++;
      const min = source.slice(i + 1, j);
      if (min && source[j] === ',') {
        let k = j + 1;
        while (k < source.length && source[k] >= '0' && source[k] <= '9') k++;
        if (k > j + 1 && source[k] === '}') {
          out += `{${min},}`;
          i = k;
          continue;
        }
      }
    }
    out += c;
  }
  return out;
}

async function exactVerdict(source: string, flags: string): Promise<Diagnostics> {
  const exact = await check(source, flags, { checker: 'automaton', timeout: 30_000 });
  if (exact.status !== 'unknown') return exact;
  return check(source, flags, { checker: 'fuzz', randomSeed: 1, timeout: 30_000 });
}

/**
 * recheck's verdict: the exact automaton checker first, the fuzz checker (fixed seed) where it
 * does not apply; on the relaxed expression first when it has bounded repetitions (see above).
 */
async function verdict(source: string, flags: string): Promise<Diagnostics> {
  const relaxed = relaxBounds(source);
  if (relaxed !== source) {
    const d = await check(relaxed, flags, { checker: 'automaton', timeout: 30_000 });
    if (d.status === 'safe') return d;
  }
  return exactVerdict(source, flags);
}

function describe(d: Diagnostics): string {
  if (d.status === 'vulnerable') return `${d.complexity.summary} (${d.checker}); attack: ${JSON.stringify(d.attack.pattern)}`;
  if (d.status === 'unknown') return `unknown: ${JSON.stringify(d.error)}`;
  return `${d.complexity.summary} (${d.checker})`;
}

const { found, unreadable } = collectRegexes();

test('the collector finds the expressions of the scanner, the engine and the client', () => {
  assert.ok(found.length >= 40, `only ${found.length} expressions found`);
  const where = (needle: string) => found.filter((f) => f.source.includes(needle)).map((f) => f.where.split(':')[0]);
  assert.ok(where('[2-5][0-5.]').includes('server/src/engine/scanner/lines.ts'), 'the candidate expression');
  assert.ok(
    found.some((f) => f.where.startsWith('server/src/engine/scanner/lines.ts') && f.flags === 'g' && f.source.includes('[2-5][0-5.]')),
    'new RegExp(CANDIDATE.source, "g") is read through the constant',
  );
  assert.ok(where('final|original').includes('server/src/engine/scanner/eml.ts'));
  assert.ok(found.some((f) => f.where.startsWith('client/src/')), 'the client');
});

/**
 * The one construction from data: `literalAlternation` (knowledge/needles.ts) joins escaped
 * literals. Its expressions are checked below on the instances the knowledge base builds.
 */
const BUILT_FROM_DATA = 'server/src/engine/knowledge/needles.ts';

test('every RegExp construction can be read (no expression built from a variable)', () => {
  assert.deepEqual(
    unreadable.filter((u) => !u.startsWith(`${BUILT_FROM_DATA}:`)),
    [],
  );
  assert.equal(unreadable.filter((u) => u.startsWith(`${BUILT_FROM_DATA}:`)).length, 1, 'the literal alternation is the only expression built from data');
});

for (const [i, index] of NEEDLE_INDEXES.entries()) {
  test(`linear-time: the needle index ${i} of the knowledge base (an alternation of ${index.pattern.source.split('|').length} escaped literals)`, async () => {
    // Only literal characters and escapes between the bars: no quantifier, no group, no class.
    assert.doesNotMatch(index.pattern.source.replace(/\\./g, ''), /[*+?{}()[\]]/);
    const d = await verdict(index.pattern.source, index.pattern.flags);
    assert.equal(d.status, 'safe', describe(d));
  });
}

test('relaxing bounded repetitions: only quantifiers, and a relaxed vulnerable expression is still caught', async () => {
  assert.equal(relaxBounds('a{1,200}[x{1,2}]\\{1,2}b{3}c{2,}d{0,9}?'), 'a{1,}[x{1,2}]\\{1,2}b{3}c{2,}d{0,}?');
  // Vulnerable as written: the relaxed check is not "safe", so the exact one decides.
  assert.equal((await verdict('^(?:a{1,50})+$', '')).status, 'vulnerable');
  // Safe as written but not once relaxed ((?:a{1,2}){1,2} is bounded): the exact check still says safe.
  assert.equal((await verdict('^(?:a{1,2}){1,2}$', '')).status, 'safe');
});

test('the analyser reports a known vulnerable expression (the check can fail)', async () => {
  assert.equal((await verdict('^(a+)+$', '')).status, 'vulnerable');
  assert.equal((await verdict('^\\s*(?:x)?\\s*$', '')).status, 'vulnerable');
});

for (const f of found) {
  test(`linear-time: ${f.where} /${f.source.length > 70 ? `${f.source.slice(0, 70)}…` : f.source}/${f.flags}`, async () => {
    const d = await verdict(f.source, f.flags);
    assert.equal(d.status, 'safe', `${f.where}: /${f.source}/${f.flags} is not linear-time: ${describe(d)}`);
  });
}
