// The line-array document used for big logs applies LSP edits exactly as a plain string would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineDocument } from '../../server/src/lsp/lineDocument';
import { normalizeLineBreaks } from '../../server/src/engine/index';
import { prng } from '../../scripts/bench/generate';

function applyToString(text: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, newText: string): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => {
    if (p.line >= lines.length) return text.length;
    let o = 0;
    for (let i = 0; i < p.line; i++) o += lines[i].length + 1;
    // A CR of a CRLF is not a character of the line (LSP): positions stop before it.
    const content = lines[p.line].endsWith('\r') ? lines[p.line].length - 1 : lines[p.line].length;
    return o + Math.min(p.character, content);
  };
  const a = offset(range.start);
  const b = Math.max(a, offset(range.end));
  return text.slice(0, a) + newText + text.slice(b);
}

test('random ranged edits (inserts, deletes, line breaks, CRLF) match a plain string', () => {
  const r = prng(3);
  // The model counts lines as LSP does: a lone CR (left by deleting the LF of a CRLF) ends a line.
  let text = 'Nov 24 mx postfix: said: 550 5.1.1 x\r\nsecond line\n\nfourth 250 ok\nlast';
  const doc = new LineDocument(text);
  const pieces = ['', 'x', '\n', '\r\n', 'said: 451 4.7.1 later\n', 'a\nb\nc', '550'];
  for (let i = 0; i < 500; i++) {
    const lines = text.split('\n');
    const sl = Math.floor(r() * lines.length);
    const el = Math.min(lines.length - 1, sl + Math.floor(r() * 2));
    const sc = Math.floor(r() * (lines[sl].length + 1));
    const ec = el === sl ? sc + Math.floor(r() * (lines[el].length - sc + 1)) : Math.floor(r() * (lines[el].length + 1));
    const range = { start: { line: sl, character: sc }, end: { line: el, character: ec } };
    const piece = pieces[Math.floor(r() * pieces.length)];
    text = normalizeLineBreaks(applyToString(text, range, piece));
    const edit = doc.apply({ range, text: piece });
    assert.equal(doc.getText(), text, `edit ${i}`);
    assert.equal(doc.lineCount, text.split('\n').length);
    assert.equal(edit.startLine, sl);
    assert.equal(edit.newLineCount, (text.split('\n').length - lines.length) + (el - sl + 1));
  }
});
