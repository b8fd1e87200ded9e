// The custom requests between the VS Code client and the server. Types and method names
// only (no engine code), so the client bundle stays small and every fact stays in the server.
import type { Explanation } from './engine/explain';
import type { CatalogItem } from './engine/features/catalog';
import type { ProblemData } from './engine/features/diagnostics';
import type { Position } from './engine/types';

export const Requests = {
  /** Explain a code: `{ query: "550 5.1.1" }` or `{ reply, enhanced, text, context }`. */
  explain: 'smtpCodes/explain',
  /** Every entry of the knowledge base, for the lookup quick pick. */
  catalog: 'smtpCodes/catalog',
  /** The code under a position of an open document, if any. */
  findingAt: 'smtpCodes/findingAt',
  /** Open documents, their findings, and the server's memory (for troubleshooting and the benchmark). */
  stats: 'smtpCodes/stats',
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

/** Sent by the VS Code client: it runs the quick-fix commands itself. */
export interface InitializationOptions {
  clientCommands?: boolean;
  settings?: unknown;
}

export interface StatsResult {
  documents: { uri: string; kind: string; lines: number; findings: number | null }[];
  memory: { rss: number; heapUsed: number; heapTotal: number; external: number; arrayBuffers: number };
}
