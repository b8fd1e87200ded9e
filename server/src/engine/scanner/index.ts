// The scanner: finds SMTP reply codes and enhanced status codes, in context, with their
// exact ranges. Logs are read line by line; .eml messages through their MIME structure.
import type { DocumentKind, Finding, ScanOptions } from '../types';
import { normalizeLineBreaks, scanLogText } from './lines';
import { looksLikeEmail, scanEmail, streamEmail, type EmailReport } from './eml';

export { scanLogText, LogStreamScanner } from './lines';

/** Decides whether a document is a mail message or a log, when the caller does not know. */
export function detectKind(text: string): Exclude<DocumentKind, 'auto'> {
  return looksLikeEmail(text) ? 'eml' : 'log';
}

/** The findings of a mail message handed on in order as they are found (see streamEmail); returns its report for its outcomes. */
export function streamEmailText(input: string, emit: (found: Finding[]) => void): EmailReport {
  return streamEmail(normalizeLineBreaks(input), emit);
}

/** All findings of a document, sorted by position. */
export function scanText(input: string, options: ScanOptions = {}): Finding[] {
  const text = normalizeLineBreaks(input);
  const kind = !options.kind || options.kind === 'auto' ? detectKind(text) : options.kind;
  return kind === 'eml' ? scanEmail(text) : scanLogText(text);
}
