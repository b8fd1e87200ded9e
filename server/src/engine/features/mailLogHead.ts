// Is this text a mail server's log? Read from its first lines, for files whose name says nothing
// (journalctl output saved as .txt, a renamed copy). MAIL_LOG_LINE is also the manifest's
// `firstLine` for the Mail Log language (a test holds the two equal), so VS Code and the
// "Treat as Mail Log" offer recognise the same lines: Postfix, Sendmail and Exim lines in syslog
// (classic `Nov 24 10:15:02`, ISO 8601, RFC 5424, `journalctl -o short-iso`) and Exim's own
// mainlog and rejectlog lines. Other daemons' syslog lines, web-server and JSON logs never match.

/** One line of a mail log, from its start. No flags: VS Code compiles `firstLine` without any. */
export const MAIL_LOG_LINE =
  /^(?:(?:<\d{1,3}>)?[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d [^ ]{1,255} (?:postfix[^ \/]{0,64}\/|(?:sendmail|sm-mta|sm-msp-queue|exim4?)[[ ])|(?:<\d{1,3}>1 )?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:?\d\d)? [^ ]{1,255} (?:postfix[^ \/]{0,64}\/|(?:sendmail|sm-mta|sm-msp-queue|exim4?)[[ ])|\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{3})?(?: [+-]\d{4})? (?:\[\d{1,10}\] )?[\dA-Za-z]{6}-[\dA-Za-z]{6,11}-[\dA-Za-z]{2,4} (?:<=|=>|->|\*\*|==|Completed|SMTP error|H=)|\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{3})?(?: [+-]\d{4})? (?:\[\d{1,10}\] )?(?:exim \d|Start queue run|End queue run|SMTP connection from|H=[^ ]|no host name found|TLS error on))/;

/** The lines looked at: the first ten that are not blank. */
const HEAD_LINES = 10;

/**
 * Whether the first lines of a text are a mail log's: most of its first ten non-blank lines are
 * (a system log where the mail server writes now and then is not a mail log).
 */
export function looksLikeMailLog(lines: readonly string[]): boolean {
  const head = lines.filter((l) => l.trim() !== '').slice(0, HEAD_LINES);
  if (head.length === 0) return false;
  const matching = head.filter((l) => MAIL_LOG_LINE.test(l.slice(0, 2000))).length;
  return matching * 2 > head.length;
}
