// The custom requests between the VS Code client and the server. Types and method names
// only (no engine code), so the client bundle stays small and every fact stays in the server.
import type { Explanation } from './engine/explain';
import type { CatalogItem } from './engine/features/catalog';
import type { SearchResult } from './engine/features/search';
import type { ProblemData } from './engine/features/diagnostics';
import type { Position } from './engine/types';
import type { Summary } from './engine/features/summary';
import type { FailureGroups } from './engine/features/failures';
import type { OutcomeCounts } from './engine/outcomes/types';
import type { ScanResultsLink } from './engine/features/scanResults';
import type { DocumentTiming } from './lsp/documents';

/** The scheme of a scan's results document (`smtp-codes-scan:/var/log/mail.log.2.gz (SMTP scan)`). */
export const SCAN_RESULTS_SCHEME = 'smtp-codes-scan';

export const Requests = {
  /** Explain a code: `{ query: "550 5.1.1" }` or `{ reply, enhanced, text, context }`. */
  explain: 'smtpCodes/explain',
  /** Every entry of the knowledge base, for the lookup quick pick. */
  catalog: 'smtpCodes/catalog',
  /** The entries matching what the user typed in the lookup, ranked by the engine: `{ query }`. */
  search: 'smtpCodes/search',
  /** The code under a position of an open document, if any. */
  findingAt: 'smtpCodes/findingAt',
  /** Open documents, their findings, and the server's memory (for troubleshooting and the benchmark). */
  stats: 'smtpCodes/stats',
  /**
   * Scan a file from disk (any size, also .gz), streaming; returns its results document (failures
   * by outcome and code, with their lines) and publishes its problems on that document.
   */
  scanFile: 'smtpCodes/scanFile',
  /** The failures of an open document, grouped by code and recipient domain (the SMTP Failures view). */
  failures: 'smtpCodes/failures',
  /** The failure summary of an open document, as data and as the report page. */
  summary: 'smtpCodes/summary',
  /** Whether the first lines of a text are a mail log's (the "Treat as Mail Log" offer). */
  looksLikeMailLog: 'smtpCodes/looksLikeMailLog',
} as const;

export const Notifications = {
  /** Progress of a scanFile request. */
  scanProgress: 'smtpCodes/scanProgress',
  /** Sent after a document's problems are published: its outcome counts (the status bar). */
  documentCounts: 'smtpCodes/documentCounts',
  /**
   * From the client: a big log's tab opened and its document is on its way; the server may read
   * it from disk meanwhile (`DocumentParams`; a document that arrives with other text is read as usual).
   */
  prefetch: 'smtpCodes/prefetch',
} as const;

export interface ExplainParams {
  query?: string;
  reply?: string | null;
  enhanced?: string | null;
  text?: string;
  context?: string;
}

export interface ExplainResult {
  explanation: Explanation;
  markdown: string;
  html: string;
  text: string;
}

export interface FindingAtParams {
  uri: string;
  position: Position;
}

export type FindingAtResult = ProblemData | null;
export type CatalogResult = CatalogItem[];

export interface SearchParams {
  query: string;
}

export type { SearchResult };

/** Sent by the VS Code client: it runs the quick-fix commands itself. */
export interface InitializationOptions {
  clientCommands?: boolean;
  settings?: unknown;
}

export interface StatsResult {
  /** `timing`: when the document's text arrived, was read, and its problems first went out (ms since the epoch). */
  documents: { uri: string; kind: string; lines: number; findings: number | null; outcomes: number | null; timing: DocumentTiming | null }[];
  memory: { rss: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number };
  /** Files read ahead from disk (smtpCodes/prefetch) whose documents have not arrived yet. */
  readAhead: string[];
}

export interface ScanFileParams {
  path: string;
}

export interface ScanProgressParams {
  path: string;
  bytesRead: number;
  totalBytes: number;
}

export interface ScanFileResult {
  path: string;
  uri: string;
  /** False when the file could not be read, or only in part (`error`; the problems found before it are kept). */
  ok: boolean;
  error?: string;
  /** What was read in an unusual way (NUL filler, a message cut at its size limit). */
  notes?: string[];
  bytes: number;
  compressed: boolean;
  cancelled: boolean;
  /** Problems published on the results document, and failures counted there but not listed. */
  problems: number;
  omitted: number;
  summary: Summary;
  /** The summary report page. */
  html: string;
  /** The results document: its URI (scheme SCAN_RESULTS_SCHEME), its text, and the file lines its `line N` labels stand for. */
  results: { uri: string; text: string; links: ScanResultsLink[] } | null;
}

export interface LooksLikeMailLogParams {
  /** The first lines of the document (the first ten non-blank ones are read). */
  lines: string[];
}

export interface DocumentParams {
  uri: string;
}

export type FailuresResult = FailureGroups | null;

export interface SummaryResult {
  summary: Summary;
  html: string;
}

export interface DocumentCountsParams {
  uri: string;
  version: number;
  /** Per recipient of a message its last state; each refused transaction once (as every view counts). */
  outcomes: OutcomeCounts;
  /** Attempts read (attempt lines, refusals, a bounce's recipients), and how many of them failed. */
  attempts: number;
  failedAttempts: number;
  /** Failures not counted in `outcomes` because their code is in `smtpCodes.ignoredCodes`. */
  ignored: number;
}
