// Is it text? Decided from the share of bytes no text has (control bytes, NUL bytes that are not
// part of a long run) in a sample of a file's first bytes, never from one byte: runs of NUL
// bytes are filler (the hole logrotate's copytruncate leaves at the start of a log a daemon
// keeps writing at its old offset, a preallocated tail), left out of the sample and counted.

/** NUL bytes in a run at least this long are filler, not evidence of binary content. */
export const FILLER_RUN = 32;
/** Bytes (filler left out) sampled before deciding. */
export const SAMPLE_BYTES = 64 << 10;
/** A file is binary when more than this share of its sample is control bytes or short NUL runs. */
export const BINARY_SHARE = 0.05;

/** Control bytes no text has: 0x01–0x06, 0x0E–0x1F but ESC (0x1B, terminal colours). BEL–CR are text. */
const CONTROL = new Uint8Array(256);
for (let b = 1; b < 32; b++) if (b < 7 || (b > 13 && b !== 27)) CONTROL[b] = 1;

export type Verdict = 'text' | 'binary';

/**
 * Reads bytes as they stream and decides, once it has sampled SAMPLE_BYTES bytes outside NUL
 * runs (or at the end), whether they are text. Counts every NUL byte, for the note that says so.
 */
export class TextSniffer {
  /** NUL bytes seen (all of them, decided or not). */
  nulBytes = 0;
  private sampled = 0;
  private nonText = 0;
  /** Length of the NUL run the last chunk ended in. */
  private run = 0;
  private verdict: Verdict | undefined;

  /** Feeds the next bytes; returns the verdict once there is one. */
  add(chunk: Uint8Array): Verdict | undefined {
    let i = chunk.indexOf(0);
    if (this.verdict) {
      // Decided: only NUL bytes are counted (at memchr speed between them).
      while (i >= 0) {
        let j = i;
        while (j < chunk.length && chunk[j] === 0) j++;
        this.nulBytes += j - i;
        i = chunk.indexOf(0, j);
      }
      return this.verdict;
    }
    for (let k = 0; k < chunk.length && this.sampled < SAMPLE_BYTES; k++) {
      const b = chunk[k];
      if (b === 0) {
        this.run++;
        this.nulBytes++;
        continue;
      }
      this.endRun();
      this.sampled++;
      if (CONTROL[b] === 1) this.nonText++;
      if (this.sampled >= SAMPLE_BYTES) {
        // The rest of the chunk: count its NUL bytes.
        this.verdict = this.decide();
        return this.add(chunk.subarray(k + 1));
      }
    }
    return undefined;
  }

  /** The verdict at the end of the stream (a file shorter than the sample, or only filler). */
  end(): Verdict {
    this.verdict ??= (this.endRun(), this.decide());
    return this.verdict;
  }

  private endRun(): void {
    if (this.run > 0 && this.run < FILLER_RUN) {
      // A short NUL run inside the data: binary structure (or UTF-16 without a byte-order mark).
      this.sampled += this.run;
      this.nonText += this.run;
    }
    this.run = 0;
  }

  private decide(): Verdict {
    return this.sampled > 0 && this.nonText / this.sampled > BINARY_SHARE ? 'binary' : 'text';
  }
}

/** True when every byte is NUL. */
export function allNul(chunk: Uint8Array): boolean {
  for (let i = 0; i < chunk.length; i++) if (chunk[i] !== 0) return false;
  return true;
}
