// Code syntax: what a reply code and an enhanced status code look like, their class,
// and how a user's query ("550 5.1.1", "550-5.1.1", "5.7.26") is read.
import { CLASS_BY_DIGIT, type CodeClass } from './types';

/** A well-formed enhanced status code: class 2, 4 or 5, subject and detail of 1 to 3 digits (RFC 3463 §2). */
export const ENHANCED_SYNTAX = /^[245]\.\d{1,3}\.\d{1,3}$/;
/** A reply code as users type it: three digits, first digit 1 to 5 (1yz are only client-side pseudo codes). */
export const REPLY_SYNTAX = /^[1-5]\d\d$/;

export function classOfDigit(digit: string): CodeClass | null {
  return CLASS_BY_DIGIT[digit] ?? null;
}

/** Class of a reply: from the reply code if any, else from the enhanced code. */
export function classOf(reply: string | null, enhanced: string | null): CodeClass | null {
  if (reply) return classOfDigit(reply[0]);
  if (enhanced) return classOfDigit(enhanced[0]);
  return null;
}

export interface CodeQuery {
  reply: string | null;
  enhanced: string | null;
}

/**
 * Reads what a user typed: `550`, `5.1.1`, `550-5.1.1`, `550 5.1.1`, `#550 5.1.1`, `X.1.1`
 * (read as the permanent reading). Returns null when no code can be read.
 */
export function parseCodeQuery(input: string): CodeQuery | null {
  const trimmed = input.trim().replace(/^#/, '');
  // No trailing `\s*`: the input is trimmed, and `[ \t]+` then `\s*` would backtrack quadratically.
  const m = /^(?:(\d{3})(?:[ \t]+|-|$))?#?((?:\d|[xX])\.\d{1,3}\.\d{1,3})?$/.exec(trimmed);
  if (!m || (!m[1] && !m[2])) return null;
  const reply = m[1] ?? null;
  let enhanced = m[2] ?? null;
  if (enhanced && /^[xX]/.test(enhanced)) enhanced = (reply && /^[245]/.test(reply) ? reply[0] : '5') + enhanced.slice(1);
  if (reply && !REPLY_SYNTAX.test(reply)) return null;
  return { reply, enhanced };
}

/** How a reply is written for people: `550 5.1.1`, `550`, `5.1.1`. */
export function displayCode(reply: string | null, enhanced: string | null): string {
  return [reply, enhanced].filter(Boolean).join(' ');
}
