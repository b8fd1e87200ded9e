// Open documents and their findings. Logs are kept as lines (lineDocument.ts) and their
// findings updated by rescanning only the lines around each edit (engine/incremental.ts), so
// a one-line edit in a 50 MB log costs milliseconds, not a full scan. Other documents (.eml,
// extra languages) are small: a TextDocument, rescanned whole after an edit.
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { Analysis, analyzeLog, analyzeText, EditRegions, type DocumentKind } from '../engine/index';
import { LineDocument } from './lineDocument';

/** The scanner's kind for a document: by language id, then by file name, else by content. */
export function kindOf(languageId: string, uri: string): DocumentKind {
  if (languageId === 'eml' || /\.(?:eml|msg822)$/i.test(uri)) return 'eml';
  if (languageId === 'mail-log' || languageId === 'log') return 'log';
  return 'auto';
}

export interface OpenDocument {
  readonly uri: string;
  readonly languageId: string;
  version: number;
  readonly kind: DocumentKind;
  /** Logs: lines and incremental findings. */
  lines: LineDocument | null;
  /** Other documents: the whole text. */
  doc: TextDocument | null;
  /** Findings, outcomes and stories; null until first asked, and after an edit that needs a full rescan. */
  analysis: Analysis | null;
  /** The text's length as opened or last replaced whole (what its analysis costs is about in proportion). */
  size: number;
  /** When it was last opened, edited or asked about (a counter): the least recently used lose their analyses first. */
  used: number;
  /** Opened with a big text: memory is collected once it has been scanned. */
  big?: boolean;
  collected?: boolean;
  /** When its text arrived and was read, and when its problems were first published (ms since the epoch). */
  timing?: DocumentTiming;
}

export interface DocumentTiming {
  received: number;
  read: number;
  published: number | null;
  /** Its analysis was read ahead from disk while the editor handed the text over. */
  readAhead: boolean;
  /** When its first analysis was ready, and when its settings came from the client (first publication). */
  analysed?: number;
  configured?: number;
}

/**
 * The analyses kept, in characters of their documents' text: the most recently used documents'
 * (those shown, typed in, hovered), at least the last one used. An analysis costs about 1.4 times
 * its text (more with V8's slack), the text itself once, the server about 75 MB: keeping 16 Mi
 * characters plus a sixth of the open text keeps the server within 1.5 × its open text + 150 MB
 * (measured by `npm run fuzz`). The others are dropped once their problems are published, and
 * read again when asked.
 */
export const KEPT_ANALYSES = 16 << 20;
export const KEPT_SHARE = 1 / 6;

export class DocumentStore {
  private readonly docs = new Map<string, OpenDocument>();
  private clock = 0;
  /** Analyses dropped to keep memory bounded (tests count them). */
  evictions = 0;

  /** `prepared`: the lines and analysis of this very text, read ahead from disk (lsp/prefetch.ts). */
  open(uri: string, languageId: string, version: number, text: string, prepared?: { lines: LineDocument; analysis: Analysis } | null): OpenDocument {
    const kind = kindOf(languageId, uri);
    const entry: OpenDocument = { uri, languageId, version, kind, lines: null, doc: null, analysis: null, size: text.length, used: ++this.clock };
    if (kind === 'log') {
      // Keep the text as lines for edits; scanned when first asked (line breaks normalized once),
      // not here: a restart re-opens hundreds of logs at once, and each is scanned, published and
      // trimmed in turn, not all held at once.
      entry.lines = prepared?.lines ?? new LineDocument(text);
      entry.analysis = prepared?.analysis ?? null;
    } else {
      entry.doc = TextDocument.create(uri, languageId, version, text);
    }
    this.docs.set(uri, entry);
    return entry;
  }

  get(uri: string): OpenDocument | undefined {
    return this.docs.get(uri);
  }

  all(): OpenDocument[] {
    return [...this.docs.values()];
  }

  /**
   * Applies edits in order; keeps the findings of a log up to date incrementally. The changes of
   * one notification (a Replace All, typing with many cursors) are applied to the lines one by
   * one, then to the findings at once: the regions they touched are rescanned once each and the
   * findings between them moved once, not once per change.
   */
  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): OpenDocument | undefined {
    const entry = this.docs.get(uri);
    if (!entry) return undefined;
    entry.version = version;
    entry.used = ++this.clock;
    let regions: EditRegions | null = null;
    for (const change of changes) {
      if (entry.lines) {
        if (!('range' in change) || !change.range) {
          entry.lines = new LineDocument(change.text);
          entry.size = change.text.length;
          entry.analysis = null;
          regions = null;
          continue;
        }
        const edit = entry.lines.apply({ range: change.range, text: change.text });
        if (entry.analysis) (regions ??= new EditRegions()).add(edit);
      } else if (entry.doc) {
        entry.doc = TextDocument.update(entry.doc, [change], version);
        entry.analysis = null;
      }
    }
    if (regions && entry.analysis && entry.lines) entry.analysis.editRegions(regions.regions, entry.lines);
    return entry;
  }

  close(uri: string): void {
    this.docs.delete(uri);
  }

  analysis(entry: OpenDocument): Analysis {
    // A log as opened is scanned from its text as it arrived (no copy).
    entry.analysis ??= entry.lines && entry.lines.unedited ? analyzeLog(entry.lines.openedText) : analyzeText(entry.lines ? entry.lines.getText() : entry.doc!.getText(), entry.kind);
    return entry.analysis;
  }

  /** Marks a document as used now (shown, hovered, asked about): its analysis is kept longest. */
  touch(entry: OpenDocument): void {
    entry.used = ++this.clock;
  }

  /**
   * Drops the analyses of the least recently used documents beyond `budget` characters of text
   * (their problems are published; a request reads them again). Returns the URIs dropped.
   */
  trim(budget?: number): string[] {
    if (budget === undefined) {
      let open = 0;
      for (const e of this.docs.values()) open += e.size;
      budget = KEPT_ANALYSES + open * KEPT_SHARE;
    }
    const analysed = [...this.docs.values()].filter((e) => e.analysis !== null).sort((a, b) => b.used - a.used);
    const dropped: string[] = [];
    let kept = 0;
    for (const e of analysed) {
      kept += e.size;
      if (kept <= budget || e === analysed[0]) continue;
      e.analysis = null;
      this.evictions++;
      dropped.push(e.uri);
    }
    return dropped;
  }
}
