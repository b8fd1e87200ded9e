// The product's regular expressions and their linear-time proofs, shared by the redos test
// (test/unit/redos.test.ts) and the prover (test/redos/prove.ts, `npm run redos`).
//
// The expressions are collected from the sources (server/src, client/src) with the TypeScript
// parser, so a new one is checked without anyone listing it: `/.../` literals, `new RegExp(...)`
// / `RegExp(...)` (a string literal, or `X.source` of a literal in the same file), and string
// arguments of `.match`, `.matchAll` and `.search` (compiled as expressions). A `RegExp` built
// from anything else is reported as unreadable: it could not be checked.
//
// The analyser is recheck. Its automaton checker decides exactly, from the expression's
// automaton, whether matching can take super-linear time; it is used first. Only where it
// does not apply (an expression it does not support) the fuzz checker, a search for slow
// inputs with a fixed seed, gives the verdict. Anything but "safe" fails.
//
// Two sound shortcuts make the exact checker's work smaller:
// - Bounded repetitions (`[^<>\s@]{1,200}`) are slow to check (each copy is unrolled: 30 s for
//   one expression). The expression is first checked with every `{m,n}` relaxed to `{m,}`: each
//   way the bounded expression can match a text is one of the relaxed expression's ways (the
//   copy of a repetition is fixed by how many came before it), so the backtracking matcher of
//   the bounded expression never tries more paths, and a linear verdict for the relaxed
//   expression is a proof for the bounded one. When the relaxed one is not proved safe, the
//   expression is checked as written (relaxing never hides a problem).
// - An expression that is an alternation at its top (`A|B`, `^(?:A|B)`) is checked one
//   alternative at a time: a backtracking matcher tries A, then B, at each start, so its time is
//   the sum of theirs, linear when each is.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { check, type Diagnostics } from 'recheck';
import { repoRoot } from './shared';

export const RECHECK_VERSION: string = JSON.parse(readFileSync(join(repoRoot, 'node_modules', 'recheck', 'package.json'), 'utf8')).version;

export interface Found {
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
 * The alternatives of an expression that is an alternation at its top (`A|B`, or `^(?:A|B)` with
 * nothing after the group, each alternative then anchored); null when it is not one.
 */
export function topAlternatives(source: string): string[] | null {
  const top = splitTop(source);
  if (top.parts.length > 1) return top.parts;
  if (!source.startsWith('^(?:') || !source.endsWith(')')) return null;
  // `^(?:…)` with the group closing at the very end: its inner text never closes more than it opens.
  const inner = splitTop(source.slice(4, -1));
  return !inner.unbalanced && inner.parts.length > 1 ? inner.parts.map((p) => `^${p}`) : null;
}

/** An expression's alternatives at its top level, and whether it closes a group it did not open. */
function splitTop(s: string): { parts: string[]; unbalanced: boolean } {
  const parts: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  let unbalanced = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth < 0) unbalanced = true;
    else if (c === '|' && depth === 0) {
      parts.push(s.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(s.slice(start));
  return { parts, unbalanced };
}

/** One expression without alternatives at its top: relaxed first, then as written. */
async function singleVerdict(source: string, flags: string): Promise<Diagnostics> {
  const relaxed = relaxBounds(source);
  if (relaxed !== source) {
    const d = await check(relaxed, flags, { checker: 'automaton', timeout: 30_000 });
    if (d.status === 'safe') return d;
  }
  return exactVerdict(source, flags);
}

/**
 * recheck's verdict: the exact automaton checker first, the fuzz checker (fixed seed) where it
 * does not apply; per top alternative, each relaxed first when it has bounded repetitions (see above).
 */
export async function verdict(source: string, flags: string): Promise<Diagnostics> {
  const alternatives = topAlternatives(source);
  if (!alternatives) return singleVerdict(source, flags);
  let last: Diagnostics | null = null;
  for (const a of alternatives) {
    last = await singleVerdict(a, flags);
    if (last.status !== 'safe') return last;
  }
  return last!;
}

export function describe(d: Diagnostics): string {
  if (d.status === 'vulnerable') return `${d.complexity.summary} (${d.checker}); attack: ${JSON.stringify(d.attack.pattern)}`;
  if (d.status === 'unknown') return `unknown: ${JSON.stringify(d.error)}`;
  return `${d.complexity.summary} (${d.checker})`;
}


/**
 * Proofs that take long are kept in test/unit/redos-proofs.json, by the exact text and flags of
 * their expression and the recheck version that made them: `npm test` takes a proof from there
 * (an expression changed by one character is proved again), and CI proves each one again
 * (`node out/test/redos/prove.js --verify`). `npm run redos` writes the file.
 */
export const PROOFS_FILE = join(repoRoot, 'test', 'unit', 'redos-proofs.json');

export interface Proof {
  flags: string;
  source: string;
  status: 'safe';
  checker: string;
  complexity: string;
  /** How long the proof took where it was made. */
  ms: number;
}

export interface ProofsFile {
  recheck: string;
  proofs: Proof[];
}

export function readProofs(): ProofsFile {
  try {
    return JSON.parse(readFileSync(PROOFS_FILE, 'utf8')) as ProofsFile;
  } catch {
    return { recheck: RECHECK_VERSION, proofs: [] };
  }
}

/** The kept proof of an expression, if one was made for exactly this text by this recheck version. */
export function keptProof(file: ProofsFile, source: string, flags: string): Proof | null {
  if (file.recheck !== RECHECK_VERSION) return null;
  return file.proofs.find((p) => p.source === source && p.flags === flags && p.status === 'safe') ?? null;
}
