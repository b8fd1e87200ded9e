// `npm run redos`: proves every regular expression of the product linear-time and keeps the
// proofs that take longer than a second in test/unit/redos-proofs.json (npm test takes them from
// there). `--verify` (CI) proves every kept proof again and fails when one does not hold or is
// of an expression no longer in the sources. Prints each expression with its time.
import { writeFileSync } from 'node:fs';
import { collectRegexes, describe, readProofs, verdict, PROOFS_FILE, RECHECK_VERSION, type Proof } from '../support/regexes';

const SLOW_MS = 1000;

async function main(): Promise<number> {
  const verify = process.argv.includes('--verify');
  const { found } = collectRegexes();
  const kept = readProofs();
  const current = new Set(found.map((f) => `${f.flags}/${f.source}`));
  let failures = 0;
  if (verify) {
    if (kept.recheck !== RECHECK_VERSION) {
      console.log(`redos: the kept proofs are of recheck ${kept.recheck}, ${RECHECK_VERSION} is installed: run npm run redos`);
      return 1;
    }
    console.log(`redos: proving the ${kept.proofs.length} kept proofs again (recheck ${RECHECK_VERSION})`);
    for (const p of kept.proofs) {
      const started = Date.now();
      const d = await verdict(p.source, p.flags);
      const ok = d.status === 'safe' && current.has(`${p.flags}/${p.source}`);
      if (!ok) failures++;
      console.log(`${ok ? 'ok    ' : 'FAILED'} ${String(Date.now() - started).padStart(6)} ms  /${p.source.slice(0, 90)}/${p.flags}${ok ? '' : `: ${current.has(`${p.flags}/${p.source}`) ? describe(d) : 'no longer in the sources'}`}`);
    }
    console.log(failures ? `redos: ${failures} kept proof(s) do not hold` : 'redos: every kept proof holds');
    return failures ? 1 : 0;
  }
  const proofs: Proof[] = [];
  console.log(`redos: proving ${found.length} expressions (recheck ${RECHECK_VERSION})`);
  for (const f of found) {
    const started = Date.now();
    const d = await verdict(f.source, f.flags);
    const ms = Date.now() - started;
    const ok = d.status === 'safe';
    if (!ok) failures++;
    console.log(`${ok ? 'ok    ' : 'FAILED'} ${String(ms).padStart(6)} ms  ${f.where}${ok ? '' : `: ${describe(d)}`}`);
    if (ok && ms > SLOW_MS && d.status === 'safe' && !proofs.some((p) => p.source === f.source && p.flags === f.flags)) {
      proofs.push({ flags: f.flags, source: f.source, status: 'safe', checker: d.checker, complexity: d.complexity.summary, ms });
    }
  }
  if (failures) {
    console.log(`redos: ${failures} expression(s) are not linear-time; ${PROOFS_FILE} not written`);
    return 1;
  }
  writeFileSync(PROOFS_FILE, `${JSON.stringify({ recheck: RECHECK_VERSION, proofs }, null, 2)}\n`);
  console.log(`redos: ${proofs.length} proofs over ${SLOW_MS} ms kept in ${PROOFS_FILE}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`redos: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exit(1);
  },
);
