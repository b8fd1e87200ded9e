// Buffered standard output for the writers: many small pieces become one write per batch, and
// what is written goes out by the end of the event loop's turn, so a reader of a pipe (a log
// shipper, `journalctl -f | smtp-codes check -`, `--follow`) gets each line as its input is read.

export class Output {
  private parts: string[] = [];
  private scheduled = false;

  constructor(private readonly batch = 1024) {}

  write(s: string): void {
    this.parts.push(s);
    if (this.parts.length >= this.batch) this.flush();
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
 * Terminal control characters (C0 but tab, DEL, C1) and the bidirectional overrides that can hide
 * text, written as `\xHH` / `\uHHHH`: a log line cannot move the cursor or recolour the terminal.
 */
export function escapeControls(s: string): string {
  return s.replace(/[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** An error about one file, on standard error: `smtp-codes: PATH: MESSAGE`. */
export function fileErrorLine(path: string, message: string): void {
  process.stderr.write(`smtp-codes: ${escapeControls(path)}: ${escapeControls(message)}\n`);
}
