// Property tests of the engine, run by `npm test` with a fixed seed and few inputs (the same
// properties run long in `npm run fuzz`): scanning never throws, findings are deterministic,
// sorted and in the document on the code's own text; a log read in pieces gives the findings
// of the whole; hostile reply text never becomes a link or markup.
// SMTP_CODES_FUZZ_SEED and SMTP_CODES_FUZZ_RUNS change the seed and the number of inputs.
import { test } from 'node:test';
import fc from 'fast-check';
import { ADVERSARIAL, ownSeeds, sharedSeeds } from './corpus';
import { checkRender, checkScan, checkStream, codes, cuts, hostileText, mutatedSeed, tokenDocument } from './properties';

const seed = Number(process.env.SMTP_CODES_FUZZ_SEED ?? 5321);
const numRuns = Number(process.env.SMTP_CODES_FUZZ_RUNS ?? 150);
const params = { seed, numRuns };

const own = ownSeeds();
/** Runs `fn` on each seed; a failure names the seed. */
function each<T extends { name: string }>(items: readonly T[], fn: (item: T) => void): void {
  for (const item of items) {
    try {
      fn(item);
    } catch (err) {
      (err as Error).message = `${item.name}: ${(err as Error).message}`;
      throw err;
    }
  }
}
const shared = sharedSeeds();
const skipShared = shared.skipped ?? false;

test('every seed of ours, as it is, scans with all properties (as its kind and auto-detected)', () => {
  each(own, (s) => {
    checkScan(s.text, s.kind);
    checkScan(s.text, 'auto');
  });
});

test('every file of the shared corpus, as it is, scans with all properties', { skip: skipShared }, () => {
  each(shared.seeds, (s) => checkScan(s.text, s.kind));
});

test('adversarial patterns at 20 KB scan with all properties', () => {
  each(ADVERSARIAL, (a) => checkScan(a.make(20_000), a.kind));
});

test('mutated seeds of ours scan with all properties', () => {
  fc.assert(
    fc.property(mutatedSeed(own), ({ kind, text }) => {
      checkScan(text, kind);
      checkScan(text, 'auto');
    }),
    params,
  );
});

test('mutated files of the shared corpus scan with all properties', { skip: skipShared }, () => {
  fc.assert(
    fc.property(mutatedSeed(shared.seeds), ({ kind, text }) => {
      checkScan(text, kind);
    }),
    params,
  );
});

test('documents of scanner tokens scan with all properties as log, eml and auto', () => {
  fc.assert(
    fc.property(tokenDocument, (text) => {
      checkScan(text, 'log');
      checkScan(text, 'eml');
      checkScan(text, 'auto');
    }),
    params,
  );
});

test('LogStreamScanner: a log fed in random pieces gives the findings of the whole text', () => {
  const logs = [...own, ...shared.seeds].filter((s) => s.kind === 'log');
  fc.assert(
    fc.property(fc.oneof(tokenDocument, mutatedSeed(logs, 8192).map((m) => m.text)), cuts, (text, at) => checkStream(text, at)),
    params,
  );
});

test('hostile reply text never becomes a link, markup or HTML (hover, remedy page, problems)', () => {
  fc.assert(
    fc.property(hostileText, codes, (text, c) => checkRender(text, c.reply, c.enhanced)),
    params,
  );
});
