// Open documents and their findings. Edits are applied incrementally; a log's findings are
// updated by rescanning only the lines around each edit (engine/incremental.ts), so a
// one-line edit in a 50 MB log costs milliseconds, not a full scan.
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { scanText, updateLogFindings, type DocumentKind, type Finding } from '../engine/index';

/** The scanner's kind for a document: by language id, then by file name, else by content. */
export function kindOf(languageId: string, uri: string): DocumentKind {
  if (languageId === 'eml' || /\.(?:eml|msg822)$/i.test(uri)) return 'eml';
  if (languageId === 'mail-log' || languageId === 'log') return 'log';
  return 'auto';
}

export interface OpenDocument {
  readonly uri: string;
  doc: TextDocument;
  readonly kind: DocumentKind;
  /** Null until first asked, and after an edit that needs a full rescan. */
  findings: Finding[] | null;
}

export class DocumentStore {
  private readonly docs = new Map<string, OpenDocument>();

  open(uri: string, languageId: string, version: number, text: string): OpenDocument {
    const entry: OpenDocument = { uri, doc: TextDocument.create(uri, languageId, version, text), kind: kindOf(languageId, uri), findings: null };
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
    for (const change of changes) {
      if (!('range' in change) || entry.kind !== 'log' || entry.findings === null) {
        entry.doc = TextDocument.update(entry.doc, [change], version);
        entry.findings = null;
        continue;
      }
      const edit = {
        startLine: change.range.start.line,
        endLine: Math.min(change.range.end.line, entry.doc.lineCount - 1),
        newLineCount: countLines(change.text),
      };
      entry.doc = TextDocument.update(entry.doc, [change], version);
      const doc = entry.doc;
      entry.findings = updateLogFindings(entry.findings, edit, {
        text: doc.getText(),
        lineCount: doc.lineCount,
        offsetAt: (line) => doc.offsetAt({ line, character: 0 }),
      });
    }
    return entry;
  }

  close(uri: string): void {
    this.docs.delete(uri);
  }

  findings(entry: OpenDocument): Finding[] {
    entry.findings ??= scanText(entry.doc.getText(), { kind: entry.kind });
    return entry.findings;
  }
}

function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
