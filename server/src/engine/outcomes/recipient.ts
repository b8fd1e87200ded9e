// The recipient a code is about, when its DSN group or its line says.
import type { Finding } from '../types';

const RECIPIENT_PATTERNS: RegExp[] = [
  // Postfix, Sendmail: to=<user@domain>
  /\bto=<([^<>\s@]{1,200}@[^<>\s]{1,200})>/,
  // Exim delivery lines: ** / == / => / -> user@domain
  /\s(?:\*\*|==|=>|->)\s+<?([^<>\s@]{1,200}@[^<>\s:]{1,200})>?/,
  // SMTP transcripts and errors: RCPT TO:<user@domain>
  /RCPT TO:\s?<([^<>\s@]{1,200}@[^<>\s]{1,200})>/i,
  // JSON events: "emailAddress":"user@domain", "email": "user@domain", "recipient": "user@domain"
  /"(?:emailAddress|email|recipient|rcpt)"\s*:\s*"([^"\s@]{1,200}@[^"\s]{1,200})"/i,
  // Sendmail ruleset rejects: arg1=<user@domain>
  /\barg1=<([^<>\s@]{1,200}@[^<>\s]{1,200})>/,
];

/** The recipient a finding is about, if its DSN group or its line says. */
export function findingRecipient(f: Pick<Finding, 'recipient' | 'context'>): string | null {
  if (f.recipient) return f.recipient.toLowerCase();
  const ctx = f.context;
  for (const re of RECIPIENT_PATTERNS) {
    const m = re.exec(ctx);
    if (m) return m[1].toLowerCase();
  }
  return null;
}

