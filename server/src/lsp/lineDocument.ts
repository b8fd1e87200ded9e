// A document kept as an array of lines, for big logs. An edit splices a few lines; the text
// of the lines around it is joined for a rescan. No full-text string is rebuilt per
// keystroke (a 50 MB string copy each time), and findings of rescanned regions hold only
// their region's text, never a whole old version of the document.

import { normalizeLineBreaks } from '../engine/index';

/** An LSP content change: a range replaced by text, or the whole text. */
export interface ContentChange {
  range?: { start: { line: number; character: number }; end: { line: number; character: number } };
  text: string;
}

/** The longest piece of text `pieces()` gives (cut after a line break). */
const PIECE = 4 << 20;

/** Above this many inserted lines, splice through a new array (no huge argument lists). */
const SPREAD_LIMIT = 10000;

/** Regions at least this long are adopted (`adopt`); shorter ones are not worth the pass. */
const ADOPT_MIN = 64 << 10;

export class LineDocument {
  /** The text as opened (or as a rescan of the whole document last read it: `adopt`). */
  private base: string;
  /**
   * One entry per line: a number is the offset in `base` where an unedited line starts (its
   * end is the next \n); a string is a line that was edited. Numbers are small integers, so
   * a million lines cost a few megabytes, not a million strings.
   */
  private entries: Array<number | string>;
  /** No edit since it was opened. */
  private edited = false;
  /** pieces() handed the entries to a reader that may pause: the next edit works on a copy. */
  private shared = false;

  constructor(input: string) {
    // Lines as the editor counts them: a lone CR ends a line too (offsets do not move).
    const text = normalizeLineBreaks(input);
    this.base = text;
    const entries: Array<number | string> = [0];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) entries.push(i + 1);
    this.entries = entries;
  }

  /** The text as opened, with its line breaks as the editor counts them (what a first scan reads). */
  get openedText(): string {
    return this.base;
  }

  /** Whether the text is still the text as opened (then `openedText` is the whole text). */
  get unedited(): boolean {
    return !this.edited;
  }

  get lineCount(): number {
    return this.entries.length;
  }

  lineText(line: number): string {
    const e = this.entries[line];
    if (typeof e === 'string') return e;
    const end = this.base.indexOf('\n', e);
    return this.base.slice(e, end < 0 ? this.base.length : end);
  }

  /** Lines [from, to] joined with `\n` (a fresh string holding only that region). */
  textOfLines(from: number, to: number): string {
    const parts: string[] = [];
    for (let i = from; i <= to; i++) parts.push(this.lineText(i));
    return parts.join('\n');
  }

  /**
   * The text in pieces of whole lines, without copying it: runs of lines as opened are slices of
   * the opened text (adjacent unedited lines are adjacent there: an edit replaces the lines it
   * touches by at least one edited line), edited lines are joined per run. For the trail search.
   * `snapshot`: the lines as they are now, even if the document is edited while the pieces are
   * read (a reader that waits between pieces).
   */
  *pieces(snapshot = false): Generator<string> {
    const entries = this.entries;
    const base = this.base;
    // Copied on the next edit, not now (a copy of a million lines costs tens of milliseconds).
    if (snapshot) this.shared = true;
    const n = entries.length;
    for (let i = 0; i < n; ) {
      const e = entries[i];
      let j = i + 1;
      if (typeof e === 'number') {
        while (j < n && typeof entries[j] === 'number') j++;
        const lastStart = entries[j - 1] as number;
        const lastEnd = base.indexOf('\n', lastStart);
        // Each piece ends with its line break but the document's last line's.
        const end = j === n || lastEnd < 0 ? (lastEnd < 0 ? base.length : lastEnd) : lastEnd + 1;
        // At most a few megabytes each, cut after a line break: a reader may pause between pieces.
        let at = e;
        while (end - at > PIECE) {
          const cut = base.lastIndexOf('\n', at + PIECE);
          if (cut < at) break;
          yield base.slice(at, cut + 1);
          at = cut + 1;
        }
        yield base.slice(at, end);
      } else {
        while (j < n && typeof entries[j] === 'string') j++;
        const lines = entries.slice(i, j) as string[];
        yield j === n ? lines.join('\n') : `${lines.join('\n')}\n`;
      }
      i = j;
    }
  }

  /** The whole text (costly for big documents: only for a full rescan). */
  getText(): string {
    return this.textOfLines(0, this.entries.length - 1);
  }

  /**
   * Lines [from, to] joined with `\n` are `text` (a region an edit's rescan read: its findings keep
   * that string). The document keeps those lines as slices of it rather than of the text the edit
   * brought, which would hold a second copy of a big paste: the whole document as offsets in it
   * (a line costs a small integer), edited lines of part of it as slices.
   */
  adopt(from: number, to: number, text: string): void {
    if (text.length < ADOPT_MIN || from < 0 || to >= this.entries.length || from > to) return;
    if (from === 0 && to === this.entries.length - 1) {
      const entries: Array<number | string> = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) entries.push(i + 1);
      if (entries.length !== this.entries.length) return; // not this document's lines
      // A reader of pieces() keeps the entries and text it started with.
      this.shared = false;
      this.base = text;
      this.entries = entries;
      return;
    }
    if (this.shared) {
      this.entries = this.entries.slice();
      this.shared = false;
    }
    let at = 0;
    for (let i = from; i <= to && at <= text.length; i++) {
      let end = text.indexOf('\n', at);
      if (end < 0) end = text.length;
      if (typeof this.entries[i] === 'string') this.entries[i] = text.slice(at, end);
      at = end + 1;
    }
  }

  /**
   * Applies a ranged change. Returns the old lines it touched and how many lines replaced
   * them, for the incremental rescan.
   */
  apply(change: Required<ContentChange>): { startLine: number; endLine: number; newLineCount: number } {
    this.edited = true;
    if (this.shared) {
      // A reader of pieces() may still be going through the lines as they were.
      this.entries = this.entries.slice();
      this.shared = false;
    }
    const last = this.entries.length - 1;
    const startLine = Math.min(Math.max(0, change.range.start.line), last);
    const endLine = Math.min(Math.max(startLine, change.range.end.line), last);
    const first = this.lineText(startLine);
    const lastText = endLine === startLine ? first : this.lineText(endLine);
    // A character beyond the end of a line means its end, before a CR of its CRLF (LSP counts
    // the line break out of the line's characters).
    const contentLength = (t: string) => (t.endsWith('\r') ? t.length - 1 : t.length);
    const startChar = Math.min(Math.max(0, change.range.start.character), contentLength(first));
    const endChar = change.range.end.line > last ? lastText.length : Math.min(Math.max(0, change.range.end.character), contentLength(lastText));
    const joined = first.slice(0, startChar) + change.text + lastText.slice(endLine === startLine ? Math.max(startChar, endChar) : endChar);
    // A CR left at the end is the first half of the CRLF that ends the last line touched (unless
    // that was the document's last line): it stays; any other lone CR is a line break.
    const keepCr = endLine < last && joined.endsWith('\r');
    const replacement = (keepCr ? `${normalizeLineBreaks(joined.slice(0, -1))}\r` : normalizeLineBreaks(joined)).split('\n');
    if (replacement.length > SPREAD_LIMIT) {
      this.entries = [...this.entries.slice(0, startLine), ...replacement, ...this.entries.slice(endLine + 1)];
    } else {
      this.entries.splice(startLine, endLine - startLine + 1, ...replacement);
    }
    return { startLine, endLine, newLineCount: replacement.length };
  }
}
