// Context rules: given a candidate number in a line, decide whether it is an SMTP reply
// code or an enhanced status code. A number counts only with positive evidence from its
// context (what introduces it, what follows it); pids, ports, sizes, delays, versions,
// IP addresses and HTTP statuses never have that evidence.
//
// Every regular expression here runs on a short window (at most a few hundred characters)
// around a candidate and is linear-time: no nested quantifiers, no ambiguous alternations.

/** Keys whose value is a server reply or diagnostic text (`reply=550 ...`, `"reason":"550 ..."`). */
const REPLY_KEYS = new Set([
  'reply',
  'reject',
  'response',
  'resp',
  'smtp_response',
  'smtpresponse',
  'smtp-response',
  'server_response',
  'serverresponse',
  'remote_response',
  'last_response',
  'lastresponse',
  'lr',
  'msg',
  'message',
  'reason',
  'error',
  'err',
  'errormessage',
  'error_message',
  'text',
  'answer',
  'banner',
  'result',
  'diag',
  'diagnostic',
  'diagnosticcode',
  'diagnostic_code',
  'diagnostic-code',
  'dsndiag',
  'details',
  'detail',
  'description',
  'stat',
  'di',
  'c',
  'smtpstatus',
  'smtp_status',
  'deliverystatus',
  'delivery_status',
  'bounce_reason',
  'bouncereason',
  'recipient-status',
  'recipientstatus',
  'recipient_status',
  'latestdeliverystatus',
]);

/** Keys whose value may be a bare code (`"status": "550"`, `dsn=5.1.1`, `"enhanced-code": "5.1.1"`). */
const CODE_KEYS = new Set([
  'status',
  'dsn',
  'dsnstatus',
  'dsn_status',
  'dsn-status',
  'code',
  'smtp_code',
  'smtpcode',
  'smtp-code',
  'reply_code',
  'replycode',
  'reply-code',
  'status_code',
  'statuscode',
  'enhanced',
  'enhanced_code',
  'enhancedcode',
  'enhanced-code',
  'enhanced_status',
  'enhancedstatus',
  'enhancedstatuscode',
  'smtp_status',
  'smtpstatus',
  'stat',
  'bounce_code',
  'bouncecode',
  'error_code',
  'errorcode',
  'error-code',
]);

/** First words after a number that show it counts something rather than being a reply code. */
const COUNTER_WORDS = new Set([
  'from',
  'of',
  'per',
  'out',
  'more',
  'less',
  'total',
  'times',
  'bytes',
  'byte',
  'kb',
  'mb',
  'gb',
  'ms',
  'msec',
  'msecs',
  'sec',
  'secs',
  'seconds',
  'mins',
  'minutes',
  'hours',
  'days',
  'messages',
  'msgs',
  'recipients',
  'rcpts',
  'connections',
  'hits',
  'items',
  'lines',
  'entries',
  'records',
  'requests',
  'points',
  // What an antivirus or anti-spam footer counts (`550 objects scanned`, `421 threats removed`).
  'files',
  'objects',
  'threats',
  'viruses',
  'infections',
  'emails',
  'e-mails',
  'mails',
  'spams',
  'signatures',
])

/**
 * Is `word` (the first word after a number) a count rather than reply text? `out` counts only
 * as `out of <number>` (`452 Out of memory` is a reply); `messages from` opens a reply
 * (`554 Messages from 192.0.2.9 deferred`), not a count.
 */
function isCounter(s: string, word: string, after: number, end: number): boolean {
  if (!COUNTER_WORDS.has(word)) return false;
  const rest = s.slice(after, Math.min(end, after + 6)).toLowerCase();
  if (word === 'out') return rest.startsWith(' of ') && isDigit(rest.charCodeAt(4));
  if (word === 'messages' || word === 'msgs') return !rest.startsWith(' from ');
  return true;
}

/**
 * HTTP reason phrases that a three-digit number followed by them betrays as an HTTP status
 * (`"error":"404 Not Found"`), with the SMTP-looking codes they would otherwise pass as.
 */
const HTTP_PHRASES: ReadonlyArray<readonly [string, string]> = [
  ['200', 'ok'],
  ['201', 'created'],
  ['202', 'accepted'],
  ['204', 'no content'],
  ['206', 'partial content'],
  ['301', 'moved permanently'],
  ['302', 'found'],
  ['304', 'not modified'],
  ['400', 'bad request'],
  ['401', 'unauthorized'],
  ['403', 'forbidden'],
  ['404', 'not found'],
  ['405', 'method not allowed'],
  ['408', 'request timeout'],
  ['409', 'conflict'],
  ['410', 'gone'],
  ['413', 'payload too large'],
  ['413', 'request entity too large'],
  ['415', 'unsupported media type'],
  ['422', 'unprocessable'],
  ['429', 'too many requests'],
  ['500', 'internal server error'],
  ['502', 'bad gateway'],
  ['503', 'service unavailable'],
  ['504', 'gateway timeout'],
];

function isHttpPhrase(code: string, lowerTextStart: string): boolean {
  for (const [c, phrase] of HTTP_PHRASES) {
    if (c === code && lowerTextStart.startsWith(phrase)) {
      const next = lowerTextStart.charCodeAt(phrase.length);
      if (Number.isNaN(next) || !isAlnum(next)) return true;
    }
  }
  return false;
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

export function isAlpha(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export function isAlnum(c: number): boolean {
  return isDigit(c) || isAlpha(c);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

/** Interned three-digit strings: a log repeats the same few codes millions of times. */
const REPLY_STRINGS: string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const enhancedStrings = new Map<string, string>();

/** The reply code at `pos` (three digits), without allocating a new string. */
function replyAt(s: string, pos: number): string {
  return REPLY_STRINGS[(s.charCodeAt(pos) - 48) * 100 + (s.charCodeAt(pos + 1) - 48) * 10 + (s.charCodeAt(pos + 2) - 48)];
}

/** The enhanced code at [pos, end), interned. */
function enhancedAt(s: string, pos: number, end: number): string {
  const fresh = s.slice(pos, end);
  const known = enhancedStrings.get(fresh);
  if (known !== undefined) return known;
  if (enhancedStrings.size < 10000) enhancedStrings.set(fresh, fresh);
  return fresh;
}

/**
 * The separator right before a value at `pos`, skipping spaces and an opening quote:
 * '=' (a field), ':' (JSON key when the char before it is a quote, else a hint), or 0.
 */
function fieldSeparatorBefore(s: string, lineStart: number, pos: number): number {
  let i = pos - 1;
  const c0 = s.charCodeAt(i);
  if (i >= lineStart && (c0 === 34 || c0 === 39)) i--;
  while (i >= lineStart && isSpace(s.charCodeAt(i))) i--;
  const sep = s.charCodeAt(i);
  if (sep === 61) return 61;
  if (sep !== 58) return 0;
  i--;
  while (i >= lineStart && isSpace(s.charCodeAt(i))) i--;
  const k = s.charCodeAt(i);
  return k === 34 || k === 39 ? 34 : 58;
}

/** Matches an enhanced code at `pos` of `s`; returns its end or -1. */
export function matchEnhancedAt(s: string, pos: number, end: number): number {
  const c0 = s.charCodeAt(pos);
  if (c0 !== 50 && c0 !== 52 && c0 !== 53) return -1; // 2, 4, 5
  if (s.charCodeAt(pos + 1) !== 46) return -1;
  let i = pos + 2;
  let n = 0;
  while (i < end && n < 4 && isDigit(s.charCodeAt(i))) (i++, n++);
  if (n < 1 || n > 3 || s.charCodeAt(i) !== 46) return -1;
  i++;
  n = 0;
  while (i < end && n < 4 && isDigit(s.charCodeAt(i))) (i++, n++);
  if (n < 1 || n > 3) return -1;
  // Not part of a longer dotted number (an IP address or a version).
  if (s.charCodeAt(i) === 46 && isDigit(s.charCodeAt(i + 1))) return -1;
  return i;
}

/** What the scanner decided about a candidate. */
export interface Decision {
  /** Offset of the code. */
  pos: number;
  reply: string | null;
  enhanced: string | null;
  /** End of the code span (after the enhanced code if any). */
  codeEnd: number;
  /** Start and end of the reply text that follows. */
  textStart: number;
  textEnd: number;
  /** The reply is a continuation line opener (`550-...`). */
  dash: boolean;
  source: 'reply' | 'status';
}

function decision(pos: number, reply: string | null, enhanced: string | null, codeEnd: number, textStart: number, textEnd: number, dash: boolean, source: 'reply' | 'status'): Decision {
  return { pos, reply, enhanced, codeEnd, textStart, textEnd, dash, source };
}

/** The key of a `key=` or `"key":` right before `pos`, lower-cased, or null. */
interface KeyInfo {
  key: string;
  /** The code itself is the start of a quoted string (`"550 ..."`, `'550'`). */
  valueQuoted: boolean;
  /** A JSON key (`"status": ...`). */
  json: boolean;
  /** A bare `word: value`, which is only a hint, not a field. */
  colon: boolean;
}

function keyBefore(s: string, lineStart: number, pos: number): KeyInfo | null {
  let i = pos - 1;
  let quoted = false;
  if (i >= lineStart && (s.charCodeAt(i) === 34 || s.charCodeAt(i) === 39)) {
    quoted = true;
    i--;
  }
  while (i >= lineStart && isSpace(s.charCodeAt(i))) i--;
  const sep = s.charCodeAt(i);
  if (sep !== 61 && sep !== 58) return null; // '=' or ':'
  i--;
  while (i >= lineStart && isSpace(s.charCodeAt(i))) i--;
  let keyEnd = i + 1;
  let jsonKey = false;
  if (s.charCodeAt(i) === 34 || s.charCodeAt(i) === 39) {
    // "key": value
    keyEnd = i;
    i--;
    jsonKey = true;
  }
  const limit = Math.max(lineStart, keyEnd - 40);
  let j = keyEnd - 1;
  while (j >= limit) {
    const c = s.charCodeAt(j);
    if (isAlnum(c) || c === 95 || c === 45 || c === 46) j--;
    else break;
  }
  if (j === keyEnd - 1) return null;
  let key = s.slice(j + 1, keyEnd).toLowerCase();
  const dot = key.lastIndexOf('.');
  if (dot >= 0) key = key.slice(dot + 1);
  // `key=value` and JSON `"key": value` are fields; a bare `word: value` is only a hint.
  return { key, valueQuoted: quoted, json: jsonKey, colon: sep === 58 && !jsonKey };
}

/** The first word of the text at `pos` (letters, and a hyphen between letters: `e-mails`), lower-case, for counter and HTTP checks. */
function firstWord(s: string, pos: number, end: number): string {
  let i = pos;
  while (i < end && i - pos < 24 && (isAlpha(s.charCodeAt(i)) || (s.charCodeAt(i) === 45 && i > pos && isAlpha(s.charCodeAt(i + 1))))) i++;
  return s.slice(pos, i).toLowerCase();
}

/**
 * Does the text at `pos` look like the text of a reply? It starts with a letter, an
 * address, a bracket or a quote, is not `key=value`, not a counter and not an HTTP phrase.
 */
function looksLikeReplyText(s: string, code: string, pos: number, end: number): boolean {
  if (pos >= end) return false;
  const c = s.charCodeAt(pos);
  if (isAlpha(c)) {
    const word = firstWord(s, pos, end);
    if (isCounter(s, word, pos + word.length, end)) return false;
    const after = s.charCodeAt(pos + word.length);
    if (after === 61) return false; // key=value: another field, not a reply text
    if (isHttpPhrase(code, s.slice(pos, Math.min(end, pos + 40)).toLowerCase())) return false;
    return true;
  }
  // <address>, [tag], (comment), {tag}, #, quotes, and the first char of non-ASCII texts.
  return c === 60 || c === 91 || c === 40 || c === 123 || c === 35 || c === 39 || c === 34 || c === 42 || c > 127;
}

/** Lower-cased tail of the text before `pos` on the same line, at most `n` characters. */
function tail(s: string, lineStart: number, pos: number, n: number): string {
  return s.slice(Math.max(lineStart, pos - n), pos).toLowerCase();
}

// Phrases that introduce a server reply, matched at the end of the text before the code.
// Each is a plain alternation of literals anchored at the end: linear-time.
const INTRODUCER_END =
  /(?:(?:response|reply|smtp|status|error|return|result|diagnostic)[ _-]?code|said|says|reply|replied|response|responded|answer|answered|returned|respond|response was|reply was|banner|greeting|error|failed|failure|rejected|deferred|bounced|status|message|reason|diagnostic|refused|notification|confirmation|errstr|ehlo-resp|helo-resp)[ _]?[:=]?[ _]*<?$/;
/** Diagnostic-Code types and similar `type;` prefixes (`smtp; 550 ...`, `X-Postfix; ...`). */
const DIAGNOSTIC_TYPE_END = /(?:^|[^a-z0-9])(?:e?smtp|lmtp|x-postfix|x-unix|x-local|x-exim|mailbox|smtpreply|x-smtp)\s*;\s*['"]?$/;
/** A Postfix delivery status carrying the reply in parentheses: `status=sent (250 ok: ...)`. */
const STATUS_PAREN_END = /\bstatus=[a-z]{1,12} \($/;
/** A status code named inside a sentence: `MTA 'x' gives error message 5.7.1 ...`, `replied 5.1.1 ...`. */
const SENTENCE_STATUS_END = /(?:error message|error code|said|replied|responded|answered) $/;
/** Exim's "SMTP error from remote mail server after ...:" and "LMTP error after ...:". */
const EXIM_ERROR = /(?:smtp|lmtp) error (?:from remote mail server )?after /;
/** A transcript marker at the start of a line: `<<< `, `<- `, `<~ `, `S: `, `<= `... */
const TRANSCRIPT_START = /^\s*(?:(?:<<<|<<|<-|<~|<=|<|s:|s<|\[s\]|server:|recv:|<--|rcvd:|--|-|\*|>)\s*)?$/;
/** Words right before a dotted number that make it a version, not a status. */
const VERSION_END = /(?:version|ver|release|build|rev|revision|v|firmware|kernel|postfix|exim|sendmail|dovecot|openssl|tls|ssl|mysql|php|python|node|java|release:|version:)[ :=]*$/;
/**
 * Is the number at `pos` right after an HTTP version (`"GET / HTTP/1.1" 500`)? Web-server
 * logs are never SMTP. Checked on characters, without allocating.
 */
function afterHttpVersion(s: string, lineStart: number, pos: number): boolean {
  let i = pos - 1;
  while (i >= lineStart && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i--;
  if (s.charCodeAt(i) === 34) i--;
  // HTTP/d or HTTP/d.d
  if (!isDigit(s.charCodeAt(i))) return false;
  i--;
  if (s.charCodeAt(i) === 46 && isDigit(s.charCodeAt(i - 1))) i -= 2;
  return i - 4 >= lineStart && s.charCodeAt(i) === 47 && /^http$/i.test(s.slice(i - 4, i));
}

/**
 * Decides whether the three-digit number at `pos` is a reply code. `lineStart`/`lineEnd`
 * bound its line.
 */
export function decideReply(s: string, pos: number, lineStart: number, lineEnd: number): Decision | null {
  const code = replyAt(s, pos);
  let i = pos + 3;
  const sepChar = s.charCodeAt(i);
  let dash = false;
  let enhanced: string | null = null;
  let codeEnd = i;
  // The separator after the code: space, '-', '_' (qmail), '+' (IIS) or end of value.
  const colonThenEnhanced = sepChar === 58 && matchEnhancedAt(s, s.charCodeAt(i + 1) === 32 ? i + 2 : i + 1, lineEnd) > 0;
  // `550: User unknown` (a colon after the code) is only believed at the start of a line.
  const colonSep = sepChar === 58 && !colonThenEnhanced && s.charCodeAt(i + 1) === 32;
  if (sepChar === 32 || sepChar === 9 || sepChar === 45 || sepChar === 95 || sepChar === 43 || colonThenEnhanced || colonSep) {
    dash = sepChar === 45;
    let j = i + 1;
    // A reply may carry its enhanced code after the separator: `550 5.1.1`, `550-5.1.1`.
    while (j < lineEnd && s.charCodeAt(j) === 32) j++;
    if (s.charCodeAt(j) === 35) j++; // `550 #5.1.1`
    const enhEnd = matchEnhancedAt(s, j, lineEnd);
    if (enhEnd > 0) {
      enhanced = enhancedAt(s, j, enhEnd);
      codeEnd = enhEnd;
      i = enhEnd;
    } else {
      i = i + 1;
    }
  } else if (!(Number.isNaN(sepChar) || sepChar === 13 || sepChar === 10 || sepChar === 34 || sepChar === 39 || sepChar === 41 || sepChar === 44 || sepChar === 59 || sepChar === 46 || sepChar === 93 || sepChar === 92)) {
    return null;
  }
  // Skip separators to the reply text.
  let textStart = i;
  while (textStart < lineEnd) {
    const c = s.charCodeAt(textStart);
    // Spaces, qmail's `_`, IIS's `+`, and separators such as `550 - text`, `550: : text`.
    // `]` closes a bracketed code (`[SMTP Error Code 550] text`).
    if (c === 32 || c === 9 || c === 95 || c === 43 || ((c === 45 || c === 58) && (textStart === codeEnd || s.charCodeAt(textStart + 1) === 32)) || (c === 93 && textStart === codeEnd)) textStart++;
    else break;
  }
  const digit = code.charCodeAt(0);
  const before = pos > lineStart ? s.charCodeAt(pos - 1) : -1;
  // Never a lone number in brackets: `smtpd[550]`, `[250]`.
  if (before === 91 && s.charCodeAt(pos + 3) === 93) return null;
  // Never inside an identifier (`TLS_AES_256_GCM`) or after `digits:` (`SHA384:256`, times, ports).
  if ((before === 95 || before === 58) && pos - 2 >= lineStart && isDigit(s.charCodeAt(pos - 2))) return null;
  if (before === 95 && pos - 2 >= lineStart && isAlpha(s.charCodeAt(pos - 2)) && s.charCodeAt(pos + 3) === 95 && isAlpha(s.charCodeAt(pos + 4))) return null;
  // Never after an HTTP version (`"GET / HTTP/1.1" 500 ...`).
  if (afterHttpVersion(s, lineStart, pos)) return null;

  const textEnd = lineEnd;
  // 3xx replies (354, 334) are only read in unmistakable places (transcripts, replies with text).
  const intermediate = digit === 51;

  const sepBefore = before === 32 || before === 34 || before === 39 || before === 58 || before === 61 || before === 9 ? fieldSeparatorBefore(s, lineStart, pos) : 0;
  // 1. A reply that carries its enhanced code is a reply, unless it is the value of a field (`x=550 5.1.1`, checked below).
  if (enhanced && !intermediate && !colonSep && (sepBefore === 0 || sepBefore === 58)) return decision(pos, code, enhanced, codeEnd, textStart, textEnd, dash, 'reply');

  const key = sepBefore !== 0 ? keyBefore(s, lineStart, pos) : null;
  const knownKey = key !== null && (REPLY_KEYS.has(key.key) || CODE_KEYS.has(key.key));
  // `size=550`, `"bytes": "550"`: a field we do not know is never a reply.
  if (key && !key.colon && !knownKey) return null;
  if (enhanced && !intermediate && !colonSep) return decision(pos, code, enhanced, codeEnd, textStart, textEnd, dash, 'reply');

  // The rest needs the text before the code and a look at the text after it.
  const lowerTail = tail(s, lineStart, pos, 120);
  const textOk = looksLikeReplyText(s, code, textStart, lineEnd);
  if (colonSep && !TRANSCRIPT_START.test(lowerTail)) return null;
  if (enhanced && !intermediate) return decision(pos, code, enhanced, codeEnd, textStart, textEnd, dash, 'reply');

  // 2. key=value, "key": "value", `Key: value`.
  if (key && knownKey) {
    // JSON numbers (`"status": 503`, `"code": 550`) are HTTP statuses or repeat a reply given as text: skipped.
    if (key.json && !key.valueQuoted) return null;
    if (textOk) return decision(pos, code, enhanced, codeEnd, textStart, textEnd, dash, 'reply');
    if (intermediate) return null;
    // A bare code value: quoted (`"status": "550"`), or at the end of a field (`ERROR_CODE :550,`, `reply=550`).
    const closes = s.charCodeAt(pos + 3);
    const valueEnds = closes === 34 || closes === 39 || closes === 44 || closes === 59 || Number.isNaN(closes) || pos + 3 >= lineEnd;
    if (valueEnds && !isHttpPhrase(code, s.slice(textStart, Math.min(lineEnd, textStart + 40)).toLowerCase())) return decision(pos, code, enhanced, codeEnd, textStart, textEnd, dash, 'reply');
    return null;
  }
  // `host:443`: a number glued after a colon is a port unless a known key introduced it.
  if (before === 58 || before === 61) return null;

  // 3. A value that opens with the code inside quotes: `msg="535 ..."`, `,"220 ..."`, `b'550 ...'`.
  if (before === 34 || before === 39) {
    return textOk || enhanced ? decision(pos, code, enhanced, codeEnd, textStart, textEnd, dash, 'reply') : null;
  }

  // 4. Introduced by a diagnostic type (`smtp; 550`) or a reply phrase (`said: 550`).
  if (DIAGNOSTIC_TYPE_END.test(lowerTail)) return decision(pos, code, enhanced, codeEnd, textStart, textEnd, dash, 'reply');
  // `[SMTP Error Code 550]`: a bracket closes the value too.
  const valueEnd = sepChar === 44 || sepChar === 59 || sepChar === 41 || sepChar === 34 || sepChar === 39 || sepChar === 93;
  if (INTRODUCER_END.test(lowerTail) && (textOk || sepChar === 45 || textStart >= lineEnd || valueEnd)) {
    if (intermediate && !textOk) return null;
    return decision(pos, code, enhanced, codeEnd, textStart, textEnd, dash, 'reply');
  }

  // A Postfix status with its reply in parentheses: `dsn=2.0.0, status=sent (250 ok: queued as ...)`.
  if (STATUS_PAREN_END.test(lowerTail) && textOk && !intermediate) return decision(pos, code, enhanced, codeEnd, textStart, textEnd, dash, 'reply');

  // 5. Exim: "SMTP error from remote mail server after RCPT TO:<x>: 550 ..." (the address may be long).
  if (/:[ _]*$/.test(lowerTail) && (textOk || sepChar === 45)) {
    const window = tail(s, lineStart, pos, 600);
    if (EXIM_ERROR.test(window)) return decision(pos, code, enhanced, codeEnd, textStart, textEnd, dash, 'reply');
  }

  // 6. At the start of a line (bounce bodies, transcripts), or after a literal `\n` in a logged multi-line reply.
  if (TRANSCRIPT_START.test(lowerTail) || (before === 110 && s.charCodeAt(pos - 2) === 92) || (before === 114 && s.charCodeAt(pos - 2) === 92)) {
    if (textOk || sepChar === 45) return decision(pos, code, enhanced, codeEnd, textStart, textEnd, dash, 'reply');
    if (textStart >= lineEnd && lowerTail.trim().length > 0) return decision(pos, code, enhanced, codeEnd, textStart, textEnd, dash, 'reply');
    return null;
  }

  // 7. After `host]: `, `<addr>: `, `host: ` and similar: a reply logged after what it answered.
  if (/[\])>a-z0-9.]:[ _]+$/.test(lowerTail) && textOk && !intermediate) return decision(pos, code, enhanced, codeEnd, textStart, textEnd, dash, 'reply');
  // A reply with no text after the address it answered: `host x [192.0.2.1]: 550 :`.
  if (/[\]>]:[ _]+$/.test(lowerTail) && !intermediate && /^[\s:]*$/.test(s.slice(textStart, Math.min(lineEnd, textStart + 4)))) return decision(pos, code, enhanced, codeEnd, textStart, textEnd, dash, 'reply');

  // After the client's address in brackets: `... authenticator failed H=host [192.0.2.1] 535 Incorrect ...`.
  if (/\[[0-9a-f.:]{3,45}\][ _]+$/.test(lowerTail) && textOk && !intermediate) return decision(pos, code, enhanced, codeEnd, textStart, textEnd, dash, 'reply');

  // 8. IIS plus-encoded replies: `?250+OK`, `+250+2.0.0+...`.
  if ((before === 63 || before === 43) && sepChar === 43 && textOk) return decision(pos, code, enhanced, codeEnd, textStart, textEnd, dash, 'reply');

  // 9. A tab-separated log whose column holds the last reply (Zeek's smtp.log `last_reply`): a
  // whole field `\t550 Mailbox unavailable\t` after several columns.
  if (before === 9 && textOk && !intermediate) {
    const fieldEnd = tabFieldEnd(s, lineStart, pos, lineEnd);
    if (fieldEnd > 0) return decision(pos, code, enhanced, codeEnd, textStart, fieldEnd, dash, 'reply');
  }

  return null;
}

/** The end of the column the code at `pos` opens, when it is a whole column of a tab-separated line with at least six columns before it; else -1. */
function tabFieldEnd(s: string, lineStart: number, pos: number, lineEnd: number): number {
  let tabs = 0;
  for (let i = s.lastIndexOf('\t', pos - 1); i >= lineStart && tabs < 6; i = s.lastIndexOf('\t', i - 1)) tabs++;
  if (tabs < 6) return -1;
  const next = s.indexOf('\t', pos);
  return next > pos && next <= lineEnd ? next : -1;
}

/**
 * Decides whether the enhanced status code at `pos` (not preceded by a reply code) is a
 * status: `dsn=5.1.1`, `Status: 5.1.1`, `"status":"5.1.1"`, `(#5.1.1)`, `#5.7.1`,
 * `...]: 5.7.1 Spam rejected`.
 */
export function decideEnhanced(s: string, pos: number, end: number, lineStart: number, lineEnd: number): Decision | null {
  const enhanced = enhancedAt(s, pos, end);
  const before = pos > lineStart ? s.charCodeAt(pos - 1) : -1;
  const after = s.charCodeAt(end);
  // A status is followed by a separator, end of value, or (after a reply only) glued text.
  if (!(Number.isNaN(after) || after === 32 || after === 9 || after === 44 || after === 59 || after === 41 || after === 34 || after === 39 || after === 13 || after === 10 || after === 93 || after === 62 || after === 92)) {
    return null;
  }
  let textStart = end;
  while (textStart < lineEnd && (s.charCodeAt(textStart) === 32 || s.charCodeAt(textStart) === 9)) textStart++;

  const sepBefore = before === 32 || before === 34 || before === 39 || before === 58 || before === 61 || before === 9 ? fieldSeparatorBefore(s, lineStart, pos) : 0;
  const key = sepBefore !== 0 ? keyBefore(s, lineStart, pos) : null;
  const knownKey = key !== null && (CODE_KEYS.has(key.key) || REPLY_KEYS.has(key.key));
  if (knownKey) return decision(pos, null, enhanced, end, textStart, lineEnd, false, 'status');
  if (key && !key.colon) return null; // an unknown field: `version=2.4.1`
  if (before === 61 || before === 58) return null;
  if (before === 35) return decision(pos, null, enhanced, end, textStart, lineEnd, false, 'status'); // #5.1.1
  const lowerTail = tail(s, lineStart, pos, 80);
  if (VERSION_END.test(lowerTail)) return null;
  // RFC 3464 fields and headers: `Status: 5.1.1`, `Diagnostic-Code: smtp; 5.1.1 ...`.
  if (/(?:^|[^a-z-])(?:status|dsn|action status|delivery status|enhanced status code|enhanced code|status code)\s*:\s*$/.test(lowerTail)) return decision(pos, null, enhanced, end, textStart, lineEnd, false, 'status');
  if (DIAGNOSTIC_TYPE_END.test(lowerTail)) return decision(pos, null, enhanced, end, textStart, lineEnd, false, 'status');
  // Text starts with a letter, `<`, `[`, a quote, or a parenthesis that opens words (`(delivery ...)`,
  // not a date: a changelog's `2.0.2 (03-Mar-2001)` is a version).
  const t0 = s.charCodeAt(textStart);
  const textOk = textStart < lineEnd && (isAlpha(t0) || t0 === 60 || (t0 === 40 && isAlpha(s.charCodeAt(textStart + 1))) || t0 === 91 || t0 === 39 || t0 === 34);
  // `...]: 5.7.1 Spam rejected` (Postfix milter-reject, header_checks), `said: 5.7.1 ...`,
  // `not accepted: 5.7.1 This system ...` (a status inside a reply text).
  if (/[\])>a-z]\s?:\s+$/.test(lowerTail) && textOk) return decision(pos, null, enhanced, end, textStart, lineEnd, false, 'status');
  if (INTRODUCER_END.test(lowerTail) && /[:=]\s*$/.test(lowerTail) && textOk) return decision(pos, null, enhanced, end, textStart, lineEnd, false, 'status');
  if (SENTENCE_STATUS_END.test(lowerTail) && textOk) return decision(pos, null, enhanced, end, textStart, lineEnd, false, 'status');
  // Quoted value: `'5.7.1 Message rejected'`.
  if ((before === 34 || before === 39) && textOk) return decision(pos, null, enhanced, end, textStart, lineEnd, false, 'status');
  // A PowerMTA-style CSV column: `,5.0.0 (undefined status),`.
  if (before === 44 && s.charCodeAt(textStart) === 40 && isAlpha(s.charCodeAt(textStart + 1))) return decision(pos, null, enhanced, end, textStart, lineEnd, false, 'status');
  // A transcript or bounce-body line that starts with the status.
  if (TRANSCRIPT_START.test(lowerTail) && textOk) return decision(pos, null, enhanced, end, textStart, lineEnd, false, 'status');
  return null;
}
