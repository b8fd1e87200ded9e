// Open documents and their findings. Logs are kept as lines (lineDocument.ts) and their
// findings updated by rescanning only the lines around each edit (engine/incremental.ts), so
// a one-line edit in a 50 MB log costs milliseconds, not a full scan. Other documents (.eml,
// extra languages) are small: a TextDocument, rescanned whole after an edit.
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { Analysis, analyzeLog, analyzeText, type DocumentKind } from '../engine/index';
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
}

export class DocumentStore {
  private readonly docs = new Map<string, OpenDocument>();

  /** `prepared`: the lines and analysis of this very text, read ahead from disk (lsp/prefetch.ts). */
  open(uri: string, languageId: string, version: number, text: string, prepared?: { lines: LineDocument; analysis: Analysis } | null): OpenDocument {
    const kind = kindOf(languageId, uri);
    const entry: OpenDocument = { uri, languageId, version, kind, lines: null, doc: null, analysis: null };
    if (kind === 'log') {
      // Keep the text as lines for edits; scan it as it arrived (line breaks normalized once).
      entry.lines = prepared?.lines ?? new LineDocument(text);
      entry.analysis = prepared?.analysis ?? analyzeLog(entry.lines.openedText);
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

  /** Applies edits in order; keeps the findings of a log up to date incrementally. */
  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): OpenDocument | undefined {
    const entry = this.docs.get(uri);
    if (!entry) return undefined;
    entry.version = version;
    for (const change of changes) {
      if (entry.lines) {
        if (!('range' in change) || !change.range) {
          entry.lines = new LineDocument(change.text);
          entry.analysis = null;
          continue;
        }
        const edit = entry.lines.apply({ range: change.range, text: change.text });
        entry.analysis?.edit(edit, entry.lines);
      } else if (entry.doc) {
        entry.doc = TextDocument.update(entry.doc, [change], version);
        entry.analysis = null;
      }
    }
    return entry;
  }

  close(uri: string): void {
    this.docs.delete(uri);
  }

  analysis(entry: OpenDocument): Analysis {
    entry.analysis ??= analyzeText(entry.lines ? entry.lines.getText() : entry.doc!.getText(), entry.kind);
    return entry.analysis;
  }
}
