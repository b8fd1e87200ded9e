// Validates the knowledge base as data: its schema, its internal consistency, its links,
// and (when ../shared is beside the repository) its completeness against the registry copy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CLASSES,
  ENHANCED_CODES,
  PROVIDERS,
  REASON_PHRASES,
  REASONS,
  REPLY_CODES,
  SUBJECTS,
  isAllowedReferenceUrl,
  type Advice,
  type Reference,
} from '../../server/src/engine/knowledge/index';
import { normalizeReplyText, responseCodeMatches } from '../../server/src/engine/knowledge/index';
import { sharedDir } from '../support/shared';

const ACTORS = new Set(['sender', 'sender-admin', 'recipient', 'recipient-admin', 'nobody']);
const REASON_IDS = new Set(REASONS.map((r) => r.id));

function checkAdvice(where: string, a: Partial<Advice>, partial = false): void {
  const required = ['summary', 'explanation', 'actors', 'causes', 'remedies', 'reason'] as const;
  for (const key of required) {
    if (partial && a[key] === undefined) continue;
    assert.ok(a[key] !== undefined, `${where}: missing ${key}`);
  }
  if (a.summary !== undefined) {
    assert.ok(a.summary.length >= 8 && a.summary.length <= 140, `${where}: summary length ${a.summary.length}`);
    assert.ok(!a.summary.endsWith('.'), `${where}: summary ends with a period`);
    assert.ok(!a.summary.includes('\n'), `${where}: summary is one line`);
  }
  if (a.explanation !== undefined) assert.ok(a.explanation.length >= 20, `${where}: explanation too short`);
  if (a.actors !== undefined) {
    assert.ok(a.actors.length > 0, `${where}: no actors`);
    for (const actor of a.actors) assert.ok(ACTORS.has(actor), `${where}: bad actor ${actor}`);
  }
  for (const list of ['causes', 'remedies'] as const) {
    const items = a[list];
    if (items === undefined) continue;
    assert.ok(items.length > 0, `${where}: empty ${list}`);
    for (const item of items) assert.ok(item.trim().length > 3, `${where}: empty item in ${list}`);
    assert.equal(new Set(items).size, items.length, `${where}: duplicate ${list}`);
  }
  if (a.reason !== undefined) assert.ok(REASON_IDS.has(a.reason), `${where}: bad reason ${a.reason}`);
}

function checkReferences(where: string, refs: Reference[]): void {
  for (const ref of refs) {
    assert.ok(ref.title.trim().length > 0, `${where}: reference without title`);
    assert.ok(isAllowedReferenceUrl(ref.url), `${where}: reference ${ref.url} is not https on an allowed documentation host`);
  }
  assert.equal(new Set(refs.map((r) => r.url)).size, refs.length, `${where}: duplicate reference`);
}

test('reply codes: schema, unique codes, class-consistent reasons, allowed links', () => {
  const seen = new Set<string>();
  for (const e of REPLY_CODES) {
    const where = `reply ${e.code}`;
    assert.match(e.code, /^[1-5][0-9][0-9]$/, where);
    assert.ok(!seen.has(e.code), `${where}: duplicate`);
    seen.add(e.code);
    assert.ok(e.title.length > 3, `${where}: title`);
    assert.ok(e.definedBy.length > 2, `${where}: definedBy`);
    checkAdvice(where, e);
    assert.ok(e.references.length > 0 || e.status === 'non-standard', `${where}: a defined code needs a reference`);
    checkReferences(where, e.references);
    if (e.code[0] === '2') assert.equal(e.reason, 'delivered', `${where}: a 2xx code is a success`);
    if (e.code[0] === '4' || e.code[0] === '5') assert.notEqual(e.reason, 'delivered', `${where}: a failure cannot be 'delivered'`);
    if (['standard', 'extension', 'bcp', 'experimental'].includes(e.status)) {
      assert.ok(e.references.some((r) => r.url.startsWith('https://www.rfc-editor.org/rfc/')), `${where}: an RFC code links its RFC`);
    }
  }
});

test('enhanced codes: schema, unique codes, classes, per-class advice, allowed links', () => {
  const seen = new Set<string>();
  for (const e of ENHANCED_CODES) {
    const where = `enhanced ${e.code}`;
    assert.match(e.code, /^X\.[0-7]\.\d{1,3}$/, where);
    assert.ok(!seen.has(e.code), `${where}: duplicate`);
    seen.add(e.code);
    assert.ok(e.classes.length > 0, `${where}: no classes`);
    for (const c of e.classes) assert.ok(['2', '4', '5'].includes(c), `${where}: bad class ${c}`);
    checkAdvice(where, e);
    checkReferences(where, e.references);
    if (e.status !== 'unregistered') {
      assert.ok(e.references.some((r) => r.url.startsWith('https://www.iana.org/')), `${where}: a registered code links the IANA registry`);
    }
    for (const [digit, advice] of Object.entries(e.byClass ?? {})) {
      assert.ok(e.classes.includes(digit as '2' | '4' | '5'), `${where}: advice for class ${digit} which the code is not used with`);
      checkAdvice(`${where} class ${digit}`, advice, true);
    }
    // The reading of the code in each of its classes must agree with that class.
    for (const digit of e.classes) {
      const reason = e.byClass?.[digit]?.reason ?? e.reason;
      if (digit === '2') assert.equal(reason, 'delivered', `${where}: its 2.x.x reading is a success`);
      else assert.notEqual(reason, 'delivered', `${where}: its ${digit}.x.x reading is a failure`);
    }
  }
});

test('subjects, classes and reasons are complete and consistent', () => {
  assert.deepEqual(SUBJECTS.map((s) => s.subject), ['0', '1', '2', '3', '4', '5', '6', '7']);
  assert.deepEqual(CLASSES.map((c) => c.digit), ['2', '3', '4', '5']);
  for (const c of CLASSES) checkAdvice(`class ${c.digit}`, c.advice);
  assert.equal(new Set(REASONS.map((r) => r.id)).size, REASONS.length);
  for (const s of SUBJECTS) assert.ok(REASON_IDS.has(s.reason));
});

test('providers: detection strings, responses, allowed links', () => {
  const ids = new Set<string>();
  const responseIds = new Set<string>();
  for (const p of PROVIDERS) {
    assert.ok(!ids.has(p.id), `provider ${p.id}: duplicate`);
    ids.add(p.id);
    assert.ok(p.detect.length > 0, `provider ${p.id}: nothing to detect it by`);
    for (const d of p.detect) assert.equal(d, d.toLowerCase(), `provider ${p.id}: detect strings are lower-case`);
    checkReferences(`provider ${p.id}`, [p.page]);
    for (const r of p.responses) {
      const where = `response ${r.id}`;
      assert.ok(!responseIds.has(r.id), `${where}: duplicate`);
      responseIds.add(r.id);
      for (const code of r.codes) {
        assert.match(code, /^(\d{3}|[245]\.\d{1,3}\.\d{1,3}(-[245]\.\d{1,3}\.\d{1,3})?)$/, `${where}: bad code pattern ${code}`);
        if (!code.includes('-') && code.includes('.')) assert.ok(responseCodeMatches(code, null, code), `${where}: pattern ${code} matches itself`);
      }
      for (const t of r.textIncludes ?? []) assert.equal(t, t.toLowerCase(), `${where}: textIncludes are lower-case`);
      assert.ok(r.codes.length > 0 || (r.textIncludes?.length ?? 0) > 0, `${where}: matches everything`);
      checkAdvice(where, r.advice);
      checkReferences(where, r.references);
      for (const code of r.codes) {
        const digit = code[0];
        if (digit === '4' || digit === '5') assert.notEqual(r.advice.reason, 'delivered', `${where}: a failure cannot be 'delivered'`);
      }
    }
  }
});

test('tables are written as the text is matched: normalised (lower-case, "email" as "mail")', () => {
  const written = [
    ...REASON_PHRASES.map((p) => p.phrase),
    ...PROVIDERS.flatMap((p) => [...p.detect, ...p.responses.flatMap((r) => r.textIncludes ?? [])]),
  ];
  for (const w of written) assert.equal(normalizeReplyText(w), w, `"${w}" would never match normalised text`);
});

test('reasons: what to fix, an advice of their own, lower-case search words', () => {
  for (const r of REASONS) {
    assert.ok(r.fix.length > 3 && !r.fix.endsWith('.'), `${r.id}: fix`);
    checkAdvice(`reason ${r.id}`, { summary: r.summary, actors: r.actors, remedies: r.remedies }, true);
    assert.ok(r.aliases.length > 0, `${r.id}: aliases`);
    for (const a of r.aliases) assert.equal(a, a.toLowerCase(), `${r.id}: alias ${a}`);
  }
});

test('reason phrases are lower-case and name known reasons', () => {
  const seen = new Set<string>();
  for (const p of REASON_PHRASES) {
    assert.equal(p.phrase, p.phrase.toLowerCase());
    assert.ok(REASON_IDS.has(p.reason));
    assert.ok(!seen.has(p.phrase), `duplicate phrase ${p.phrase}`);
    seen.add(p.phrase);
  }
});

function readCsv(path: string): Record<string, string>[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim());
  const split = (line: string): string[] => {
    const out: string[] = [];
    let cur = '';
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (ch === ',' && !quoted) (out.push(cur), (cur = ''));
      else cur += ch;
    }
    out.push(cur);
    return out;
  };
  const header = split(lines[0]);
  return lines.slice(1).map((l) => Object.fromEntries(split(l).map((v, i) => [header[i], v])));
}

const registryCsv = sharedDir ? join(sharedDir, 'reference', 'enhanced-status-codes.csv') : null;
const replyCsv = sharedDir ? join(sharedDir, 'reference', 'reply-codes.csv') : null;

test(
  'completeness: every code of the IANA registry copy is in the knowledge base with its classes',
  { skip: registryCsv && existsSync(registryCsv) ? false : 'needs ../shared/reference/enhanced-status-codes.csv (not present beside this checkout)' },
  () => {
    const rows = readCsv(registryCsv!);
    assert.ok(rows.length >= 80);
    const byCode = new Map(ENHANCED_CODES.map((e) => [e.code, e]));
    const missing = rows.filter((r) => !byCode.has(r.code)).map((r) => r.code);
    assert.deepEqual(missing, [], `registry codes missing from the knowledge base`);
    for (const row of rows) {
      const entry = byCode.get(row.code)!;
      const registryClasses = row.classes.split(';').filter((c) => ['2', '4', '5'].includes(c)).sort();
      for (const c of registryClasses) assert.ok(entry.classes.includes(c as '2' | '4' | '5'), `${row.code}: class ${c} of the registry is missing`);
    }
  },
);

test(
  'completeness: every basic reply code of the reference list is in the knowledge base',
  { skip: replyCsv && existsSync(replyCsv) ? false : 'needs ../shared/reference/reply-codes.csv (not present beside this checkout)' },
  () => {
    const rows = readCsv(replyCsv!);
    const codes = new Set(REPLY_CODES.map((e) => e.code));
    const missing = [...new Set(rows.map((r) => r.code))].filter((c) => !codes.has(c));
    assert.deepEqual(missing, [], 'reply codes missing from the knowledge base');
  },
);
