// Edits cost what they change (issue #15, item 6): the changes of one notification (a Replace
// All, typing with many cursors) are applied to a log's findings at once. These tests count the
// work (findings and outcomes touched, regions scanned), never time it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EditRegions, editWork } from '../../server/src/engine/index';
import { DocumentStore } from '../../server/src/lsp/documents';

const LINE = 'Nov 24 10:15:02 mx1 postfix/smtp[1]: Q: to=<ana@example.net>, relay=x[192.0.2.1]:25, dsn=5.1.1, status=bounced (host x[192.0.2.1] said: 550 5.1.1 User unknown (in reply to RCPT TO command))';

function openLog(lines: number) {
  const store = new DocumentStore();
  const text = Array.from({ length: lines }, (_, i) => LINE.replace(' Q:', ` Q${i}:`)).join('\n');
  const entry = store.open('file:///edits.log', 'mail-log', 1, text);
  store.analysis(entry);
  return { store, entry };
}

const reset = () => Object.assign(editWork, { findingsTouched: 0, outcomesTouched: 0, regionsScanned: 0 });
const at = (line: number, character: number, text: string, endLine = line, endCharacter = character) => ({ range: { start: { line, character }, end: { line: endLine, character: endCharacter } }, text });

test('a Replace All of 500 changes touches each finding and outcome once, and scans one region per change', () => {
  const { store, entry } = openLog(5000);
  const findings = entry.analysis!.findings.length;
  const outcomes = entry.analysis!.outcomes.length;
  assert.equal(findings, 5000);
  reset();
  // Last first, as VS Code sends them: `550 5.1.1` becomes `552 5.2.2` on every tenth line.
  const changes = Array.from({ length: 500 }, (_, i) => {
    const line = (499 - i) * 10;
    const col = LINE.indexOf('550 5.1.1') + String(line).length;
    return at(line, col, '552 5.2.2', line, col + 9);
  });
  store.change(entry.uri, 2, changes);
  // Per change it was every finding after the change (about 1.25 million here).
  assert.ok(editWork.findingsTouched <= findings + 500, `${editWork.findingsTouched} findings touched`);
  assert.ok(editWork.outcomesTouched <= outcomes, `${editWork.outcomesTouched} outcomes touched`);
  assert.equal(editWork.regionsScanned, 500);
  const replaced = entry.analysis!.findings.filter((f) => f.reply === '552');
  assert.equal(replaced.length, 500);
  assert.deepEqual(replaced.slice(0, 3).map((f) => f.range.start.line), [0, 10, 20]);
});

test('typing with 100 cursors, lines added and removed: one pass per keystroke, close cursors scanned together', () => {
  const { store, entry } = openLog(3000);
  const findings = entry.analysis!.findings.length;
  let version = 2;
  for (const text of ['x', '\n', 'y', '\n']) {
    reset();
    // 100 cursors at the start of every 30th line (last first), and 100 on adjacent lines.
    const far = Array.from({ length: 100 }, (_, i) => at((99 - i) * 30 + 1, 0, text));
    store.change(entry.uri, version++, far);
    assert.ok(editWork.findingsTouched <= entry.analysis!.findings.length + 100, `${editWork.findingsTouched} findings touched for ${JSON.stringify(text)}`);
    assert.equal(editWork.regionsScanned, 100);
  }
  reset();
  const lines = entry.lines!.lineCount;
  store.change(entry.uri, version++, Array.from({ length: 100 }, (_, i) => at(lines - 1 - i, 0, 'z')));
  assert.equal(editWork.regionsScanned, 1, 'cursors on adjacent lines: one region');
  assert.equal(entry.analysis!.findings.length, findings);
  assert.deepEqual(entry.analysis!.findings.map((f) => f.range.start.line).slice(-2), [lines - 2, lines - 1]);
});

test('changes composed into regions: a change over a region an earlier change grew maps back to the old lines', () => {
  const r = new EditRegions();
  // Five lines inserted at line 10 (line 10 becomes lines 10..15)…
  r.add({ startLine: 10, endLine: 10, newLineCount: 6 });
  // …then lines 12..20 (as they are now) replaced by one line: old lines 10..15.
  r.add({ startLine: 12, endLine: 20, newLineCount: 1 });
  assert.deepEqual(r.regions, [{ oldStart: 10, oldEnd: 15, newStart: 10, newEnd: 12 }]);
  // A change above moves the region; one below stays apart, in old lines.
  r.add({ startLine: 2, endLine: 3, newLineCount: 1 });
  r.add({ startLine: 40, endLine: 40, newLineCount: 3 });
  assert.deepEqual(r.regions, [
    { oldStart: 2, oldEnd: 3, newStart: 2, newEnd: 2 },
    { oldStart: 10, oldEnd: 15, newStart: 9, newEnd: 11 },
    { oldStart: 44, oldEnd: 44, newStart: 40, newEnd: 42 },
  ]);
});

test('keystrokes at 100 cursors, new lines among them: findings and outcomes equal reading the edited text whole', () => {
  // A log of whole Postfix flows (codes on some lines only), cursors spread over it, last first.
  const flow = (i: number) => [
    `Nov 24 10:00:00 mx postfix/smtpd[1]: Q${i}: client=mail.example.net[192.0.2.1]`,
    `Nov 24 10:00:01 mx postfix/qmgr[2]: Q${i}: from=<s@example.org>, size=100, nrcpt=1 (queue active)`,
    i % 3 === 0 ? LINE.replace(' Q:', ` Q${i}:`) : `Nov 24 10:00:02 mx postfix/smtp[3]: Q${i}: to=<r${i}@example.net>, relay=x[192.0.2.1]:25, dsn=2.0.0, status=sent (250 2.0.0 Ok)`,
    `Nov 24 10:00:03 mx postfix/qmgr[2]: Q${i}: removed`,
  ];
  const store = new DocumentStore();
  const text = Array.from({ length: 800 }, (_, i) => flow(i).join('\n')).join('\n');
  const entry = store.open('file:///cursors.log', 'mail-log', 1, text);
  store.analysis(entry);
  const fresh = () => {
    const other = new DocumentStore();
    const e = other.open('file:///fresh.log', 'mail-log', 1, entry.lines!.getText());
    return other.analysis(e);
  };
  const rows = (a: ReturnType<typeof fresh>) => ({
    findings: a.findings.map((f) => [f.range.start.line, f.range.start.character, f.reply, f.enhanced]),
    outcomes: a.outcomes.map((o) => [o.line, o.verdict, o.queueId, o.recipient]),
    counts: a.index.counts(),
  });
  for (let v = 2; v <= 21; v++) {
    const lines = entry.lines!.lineCount;
    const changes = Array.from({ length: 100 }, (_, i) => at(Math.floor(((99 - i) * (lines - 1)) / 100), 0, v % 3 === 0 ? '\n' : 'k'));
    store.change(entry.uri, v, changes);
    assert.deepEqual(rows(store.analysis(entry)), rows(fresh()), `after keystroke ${v}`);
  }
});
