// Plain data types shared by the engine, the server, the CLI and the client.
// Nothing here knows about LSP or VS Code.

/** The class of a code, from its first digit (RFC 5321 §4.2.1, RFC 3463 §3.1). */
export type CodeClass = 'success' | 'intermediate' | 'transient' | 'permanent';

/** Zero-based position, UTF-16 code units, like LSP. */
export interface Position {
  line: number;
  character: number;
}

/** End-exclusive range. */
export interface Range {
  start: Position;
  end: Position;
}

/** How the code was found: the context that made the scanner believe it is a code. */
export type FindingSource =
  | 'reply' // a reply code (maybe with its enhanced code) introduced by reply context
  | 'status' // a standalone enhanced status code (dsn=, Status:, "status":, #5.1.1)
  | 'dsn-field'; // an RFC 3464 delivery-status field of a .eml

/**
 * One SMTP reply (or one standalone status) found in a document.
 * A reply code and the enhanced code that follows it are one finding; a multi-line
 * reply (`550-5.1.1 ...` continuation lines then `550 5.1.1 ...`) is one finding.
 */
export interface Finding {
  /** Range of the code itself (`550 5.1.1`, `550`, or `5.1.1`) on its first line. */
  range: Range;
  /**
   * Other places of the same reply: the codes of continuation lines of a multi-line reply,
   * or a status field on the same line repeating its enhanced code (`dsn=5.1.1`).
   */
  otherRanges?: Range[];
  /** Three-digit reply code, or null for a standalone enhanced status. */
  reply: string | null;
  /** Enhanced status code `class.subject.detail`, or null. */
  enhanced: string | null;
  /** Class of the finding: from the reply code if present, else from the enhanced code. */
  class: CodeClass;
  /** The reply text that follows the code (continuation lines joined with a space). */
  text: string;
  /** The whole line (or joined lines) the code sits on, for provider and reason detection. */
  context: string;
  source: FindingSource;
  /** The recipient the finding is about, when the document says (DSN Final-Recipient, to=<...>). */
  recipient?: string;
}

/** What kind of document is being scanned. `auto` looks at the text to decide. */
export type DocumentKind = 'log' | 'eml' | 'auto';

export interface ScanOptions {
  kind?: DocumentKind;
}

export const CLASS_BY_DIGIT: Readonly<Record<string, CodeClass>> = {
  '2': 'success',
  '3': 'intermediate',
  '4': 'transient',
  '5': 'permanent',
};
