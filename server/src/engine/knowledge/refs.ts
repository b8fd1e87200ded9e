// Builders for reference links, so every RFC and registry link has one spelling.
import type { Reference } from './schema';

/** A link to an RFC on rfc-editor.org, optionally to a section ("4.2.2"). */
export function rfc(num: number, section?: string, title?: string): Reference {
  const base = `https://www.rfc-editor.org/rfc/rfc${num}`;
  if (section) {
    return { title: title ?? `RFC ${num} §${section}`, url: `${base}#section-${section}` };
  }
  return { title: title ?? `RFC ${num}`, url: base };
}

export const IANA_ENHANCED_REGISTRY: Reference = {
  title: 'IANA SMTP Enhanced Status Codes registry',
  url: 'https://www.iana.org/assignments/smtp-enhanced-status-codes/smtp-enhanced-status-codes.xhtml',
};
