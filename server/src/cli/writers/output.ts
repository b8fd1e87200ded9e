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

/** Control characters (C0, DEL, C1) of text from a log, shown as `\xNN`: a log line cannot drive the terminal. */
export function escapeControls(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** An error about one file, on standard error: `smtp-codes: PATH: MESSAGE`. */
export function fileErrorLine(path: string, message: string): void {
  process.stderr.write(`smtp-codes: ${escapeControls(path)}: ${escapeControls(message)}\n`);
}
