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

test('adopting a rescanned region keeps the text, lines and pieces (whole document and part of it)', () => {
  const r = prng(7);
  const block = (n: number) => Array.from({ length: n }, (_, i) => `Nov 24 mx postfix/smtp[${i}]: to=<u${i}@example.net>, status=bounced (host said: 550 5.1.1 x${Math.floor(r() * 1e6)})`).join('\n');
  // A big paste into a small document: the region read again is the whole document.
  let text = 'start\n';
  const doc = new LineDocument(text);
  const paste = `${block(3000)}\n`;
  doc.apply({ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: paste });
  text = `start\n${paste}`;
  const before = [...doc.pieces(true)];
  doc.adopt(0, doc.lineCount - 1, doc.textOfLines(0, doc.lineCount - 1));
  assert.equal(doc.getText(), text);
  assert.equal(before.join(''), text, 'a reader of pieces keeps the text it started with');
  assert.equal([...doc.pieces()].join(''), text);
  assert.equal(doc.lineText(1), text.split('\n')[1]);
  // Then a big paste in the middle: the region read again is part of it.
  const middle = `${block(2000)}\n`;
  doc.apply({ range: { start: { line: 100, character: 5 }, end: { line: 100, character: 5 } }, text: middle });
  const lines = text.split('\n');
  text = [...lines.slice(0, 100), `${lines[100].slice(0, 5)}${middle}${lines[100].slice(5)}`, ...lines.slice(101)].join('\n');
  assert.equal(doc.getText(), text);
  doc.adopt(98, 2102, doc.textOfLines(98, 2102));
  assert.equal(doc.getText(), text);
  assert.equal([...doc.pieces()].join(''), text);
  // Text that is not the lines' is not adopted.
  doc.adopt(0, doc.lineCount - 1, 'x\n'.repeat(40000));
  assert.equal(doc.getText(), text);
  // Edits go on as before.
  doc.apply({ range: { start: { line: 2000, character: 0 }, end: { line: 2001, character: 3 } }, text: 'said: 451 4.7.1 later\n' });
  const l = text.split('\n');
  text = [...l.slice(0, 2000), `said: 451 4.7.1 later\n${l[2001].slice(3)}`, ...l.slice(2002)].join('\n');
  assert.equal(doc.getText(), text);
});
