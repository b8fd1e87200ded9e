// Reading a big log from disk while the editor is still handing it over. Opening a 45 MB log,
// VS Code first loads it into its editor, then copies it to the extension host, which sends it
// to us: seconds in which the server would idle. The client names the file as soon as its tab
// opens; the server reads and analyses it from disk meanwhile. When the document arrives, its
// text is compared with what was read (one string comparison): the same, the work is already
// done; different (an unsaved change, another encoding, the file changed), it is done as usual.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { analyzeLog, type Analysis } from '../engine/index';
import { LineDocument } from './lineDocument';
import { releaseMemorySoon } from './memory';

/** Files the editor does not hand to extensions (over 50 MB) are not read ahead. */
const MAX_BYTES = 50 * 1024 * 1024;
/** How long a read-ahead waits for its document. */
const KEEP_MS = 120_000;

export interface Prefetched {
  text: string;
  lines: LineDocument;
  analysis: Analysis;
}

export class Prefetcher {
  private readonly done = new Map<string, Prefetched>();
  private readonly reading = new Set<string>();

  /** Reads and analyses the file of `uri` (a file: URI of a log) unless it is already being read. */
  prefetch(uri: string): void {
    if (this.done.has(uri) || this.reading.has(uri) || !uri.startsWith('file:')) return;
    let path: string;
    try {
      path = fileURLToPath(uri);
    } catch {
      return;
    }
    this.reading.add(uri);
    void readFile(path)
      .then((bytes) => {
        // Cancelled meanwhile (its document arrived first), or too big for the editor to hand over.
        if (!this.reading.delete(uri) || bytes.length > MAX_BYTES) return;
        // As editors read UTF-8: a byte-order mark is not part of the text.
        const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
        const text = bytes.toString('utf8', start);
        const lines = new LineDocument(text);
        this.done.set(uri, { text, lines, analysis: analyzeLog(lines.openedText) });
        setTimeout(() => {
          // Its document never came (VS Code's "very large" question was not answered): give the memory back.
          if (this.done.delete(uri)) releaseMemorySoon();
        }, KEEP_MS).unref();
      })
      .catch(() => this.reading.delete(uri));
  }

  /** Files read ahead, waiting for their documents. */
  get ready(): string[] {
    return [...this.done.keys()];
  }

  /** The read-ahead of `uri` if its text is exactly `text`; forgotten either way. */
  take(uri: string, text: string): Prefetched | null {
    this.reading.delete(uri);
    const p = this.done.get(uri);
    this.done.delete(uri);
    return p && p.text === text ? p : null;
  }
}
