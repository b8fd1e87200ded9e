// Buffered standard output for the writers: many small pieces become one write per batch, and
// what is written goes out by the end of the event loop's turn, so a reader of a pipe (a log
// shipper, `journalctl -f | smtp-codes check -`, `--follow`) gets each line as its input is read.
// Also the escaping of text that comes from documents before it reaches a terminal.

/** A batch is written once it holds this many characters: pieces held longer outlive V8's young generation. */
const BATCH_CHARS = 1 << 16;

export class Output {
  private parts: string[] = [];
  private length = 0;
  private scheduled = false;

  constructor(private readonly batch = 1024) {}

  write(s: string): void {
    this.parts.push(s);
    this.length += s.length;
    if (this.parts.length >= this.batch || this.length >= BATCH_CHARS) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.flush();
      });
    }
  }

  flush(): void {
    if (this.parts.length) process.stdout.write(this.parts.join(''));
    this.parts = [];
    this.length = 0;
  }
}

/**
 * Resolves when standard output takes more again, or undefined when it does now: a reader slower
 * than the input (a stalled log shipper) holds reading back, instead of node queueing our output
 * in memory without bound.
 */
export function stdoutDrained(): Promise<void> | undefined {
  if (!process.stdout.writableNeedDrain) return undefined;
  return new Promise((resolve) => process.stdout.once('drain', resolve));
}

/**
 * Characters a terminal acts on: C0 controls but the tab (ESC starts colour, title, hyperlink
 * and clear-screen sequences; CR and LF would forge lines), DEL, C1 controls (0x9B is an 8-bit
 * CSI), line separators and bidirectional overrides (they reorder what is shown).
 */
const TERMINAL_CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from a document (a recipient, a domain, a reply text, a file name) made safe for a
 * terminal: each control character is written as an escape (`\x1b`, `\u202e`), so a log line
 * cannot change the terminal's title, hide text, inject a link or fake an output line.
 */
export function terminalSafe(s: string): string {
  return s.replace(TERMINAL_CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
  });
}

/** Lines of text made safe for a terminal, their line breaks kept. */
export function terminalSafeLines(s: string): string {
  return s.split('\n').map(terminalSafe).join('\n');
}

/** An error about one file, on standard error: `smtp-codes: PATH: MESSAGE`. */
export function fileErrorLine(path: string, message: string): void {
  process.stderr.write(`smtp-codes: ${terminalSafe(path)}: ${terminalSafe(message)}\n`);
}

/**
 * A line-per-record writer's file hooks: what was written goes out before the file's error or
 * note on standard error (they arrive in reading order), and at the end of each file.
 */
export function streamFileHooks(out: Output): { fileError(path: string, message: string): void; fileNote(path: string, message: string): void; fileEnd(): void } {
  const said = (path: string, message: string) => {
    out.flush();
    fileErrorLine(path, message);
  };
  return { fileError: said, fileNote: said, fileEnd: () => out.flush() };
}
