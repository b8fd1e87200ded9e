// Findings of open documents, computed on demand and kept until the document changes.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { scanText, type DocumentKind, type Finding } from '../engine/index';

interface Entry {
  version: number;
  findings: Finding[];
}

/** The scanner's kind for a document: by language id, then by file name, else by content. */
export function kindOf(doc: Pick<TextDocument, 'languageId' | 'uri'>): DocumentKind {
  if (doc.languageId === 'eml' || /\.(?:eml|msg822)$/i.test(doc.uri)) return 'eml';
  if (doc.languageId === 'mail-log' || doc.languageId === 'log') return 'log';
  return 'auto';
}

export class DocumentStore {
  private readonly entries = new Map<string, Entry>();

  findings(doc: TextDocument): Finding[] {
    const cached = this.entries.get(doc.uri);
    if (cached && cached.version === doc.version) return cached.findings;
    const findings = scanText(doc.getText(), { kind: kindOf(doc) });
    this.entries.set(doc.uri, { version: doc.version, findings });
    return findings;
  }

  changed(doc: TextDocument): void {
    const cached = this.entries.get(doc.uri);
    if (cached && cached.version !== doc.version) this.entries.delete(doc.uri);
  }

  closed(uri: string): void {
    this.entries.delete(uri);
  }
}
