// Every regular expression of the product is linear-time safe (test/support/regexes.ts says how
// they are found and proved). Proofs that take long are taken from test/unit/redos-proofs.json
// when it holds one for the expression exactly as written (CI proves those again); any other
// expression is proved here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NEEDLE_INDEXES } from '../../server/src/engine/knowledge/index';
import { collectRegexes, describe, keptProof, readProofs, relaxBounds, topAlternatives, verdict, RECHECK_VERSION } from '../support/regexes';

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

test('an alternation at the top is proved one alternative at a time, and a vulnerable alternative is caught', async () => {
  assert.deepEqual(topAlternatives('^(?:ab|c(d|e)|[|])'), ['^ab', '^c(d|e)', '^[|]']);
  assert.deepEqual(topAlternatives('a|b\\|c'), ['a', 'b\\|c']);
  assert.equal(topAlternatives('^(?:a|b)+$'), null);
  assert.equal(topAlternatives('^(?:a)(b|c)'), null);
  assert.equal((await verdict('^(?:x|(a+)+$)', '')).status, 'vulnerable');
});

const proofs = readProofs();

test('every kept proof is of an expression of the sources, made by the recheck installed', () => {
  assert.equal(proofs.recheck, RECHECK_VERSION, 'the kept proofs were made by another recheck version: run `npm run redos`');
  const current = new Set(found.map((f) => `${f.flags}/${f.source}`));
  assert.deepEqual(
    proofs.proofs.filter((p) => !current.has(`${p.flags}/${p.source}`)).map((p) => p.source),
    [],
    'proofs of expressions no longer in the sources: run `npm run redos` to rewrite test/unit/redos-proofs.json',
  );
});

for (const f of found) {
  test(`linear-time: ${f.where} /${f.source.length > 70 ? `${f.source.slice(0, 70)}…` : f.source}/${f.flags}`, async (t) => {
    const kept = keptProof(proofs, f.source, f.flags);
    if (kept) {
      t.diagnostic(`proved by recheck ${proofs.recheck} (${kept.checker}, ${kept.complexity}, ${kept.ms} ms; kept in test/unit/redos-proofs.json, proved again in CI)`);
      return;
    }
    const started = Date.now();
    const d = await verdict(f.source, f.flags);
    assert.equal(d.status, 'safe', `${f.where}: /${f.source}/${f.flags} is not linear-time: ${describe(d)}`);
    const ms = Date.now() - started;
    if (ms > 2000) t.diagnostic(`this proof took ${ms} ms: \`npm run redos\` keeps it in test/unit/redos-proofs.json`);
  });
}
