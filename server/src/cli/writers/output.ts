// Buffered standard output for the writers: many small pieces become one write per batch.

export class Output {
  private parts: string[] = [];

  constructor(private readonly batch = 1024) {}

  write(s: string): void {
    this.parts.push(s);
    if (this.parts.length >= this.batch) this.flush();
  }

  flush(): void {
    if (this.parts.length) process.stdout.write(this.parts.join(''));
    this.parts = [];
  }
}

/** An error about one file, on standard error: `smtp-codes: PATH: MESSAGE`. */
export function fileErrorLine(path: string, message: string): void {
  process.stderr.write(`smtp-codes: ${path}: ${message}\n`);
}
