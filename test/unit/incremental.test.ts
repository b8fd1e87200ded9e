// Incremental rescans give exactly the findings of a full scan of the edited text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanLogText, updateLogFindings, type Finding } from '../../server/src/engine/index';
import { LogGenerator, prng } from '../../scripts/bench/generate';

function view(findings: readonly Finding[]) {
  return findings.map((f) => ({
    range: f.range,
    otherRanges: f.otherRanges ?? [],
    reply: f.reply,
    enhanced: f.enhanced,
    class: f.class,
    text: f.text,
  }));
}

/** Applies a replacement of lines [startLine, endLine] (inclusive, whole lines) by `replacement` lines. */
function edit(text: string, startLine: number, endLine: number, replacement: string[]) {
  const lines = text.split('\n');
  const next = [...lines.slice(0, startLine), ...replacement, ...lines.slice(endLine + 1)].join('\n');
  const nextLines = next.split('\n');
  return {
    next,
    lineEdit: { startLine, endLine, newLineCount: replacement.length },
    after: { lineCount: nextLines.length, textOfLines: (from: number, to: number) => nextLines.slice(from, to + 1).join('\n') },
  };
}

const TRANSCRIPT = ['<<< 550-5.1.1 The account does not exist.', '<<< 550-5.1.1 Check the spelling.', '<<< 550 5.1.1 Goodbye.'];

test('incremental updates equal full rescans over a sequence of random line edits', () => {
  const gen = new LogGenerator(11);
  const r = prng(5);
  let text = [...Array.from({ length: 200 }, () => gen.line()), ...TRANSCRIPT, ...Array.from({ length: 50 }, () => gen.line())].join('\n');
  let findings = scanLogText(text);
  for (let step = 0; step < 300; step++) {
    const lines = text.split('\n').length;
    const start = Math.floor(r() * lines);
    const end = Math.min(lines - 1, start + Math.floor(r() * 3));
    const kind = r();
    const replacement =
      kind < 0.3
        ? [] // delete lines
        : kind < 0.5
          ? TRANSCRIPT.slice(0, 1 + Math.floor(r() * 3)) // insert (part of) a multi-line reply
          : kind < 0.6
            ? ['250 OK', '550 5.7.1 no'] // bare transcript lines
            : Array.from({ length: 1 + Math.floor(r() * 3) }, () => gen.line());
    if (replacement.length === 0 && lines <= 1) continue;
    const e = edit(text, start, end, replacement);
    findings = updateLogFindings(findings, e.lineEdit, e.after);
    text = e.next;
    assert.deepEqual(view(findings), view(scanLogText(text)), `after edit ${step} (${start}-${end} → ${replacement.length} lines)`);
  }
});

test('an edit inside a line changes only that line; lines after it keep their findings, moved', () => {
  const text = ['a said: 550 5.1.1 no', 'b said: 451 4.7.1 later', 'quiet', 'quiet', 'quiet', 'c said: 250 2.0.0 ok'].join('\n');
  const before = scanLogText(text);
  const last = before[2];
  const e = edit(text, 0, 0, ['a said: 552 5.2.2 full', 'extra line']);
  const after = updateLogFindings(before, e.lineEdit, e.after);
  assert.deepEqual(
    after.map((f) => [f.range.start.line, f.reply]),
    [
      [0, '552'],
      [2, '451'],
      [6, '250'],
    ],
  );
  assert.equal(after[2], last, 'the finding far from the edit is reused and moved, not rescanned');
});
