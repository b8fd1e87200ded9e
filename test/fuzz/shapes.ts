// Real-world input shapes for `npm run fuzz` (issue #15): each writes a file of about a given
// size, as the CLI or the language server meets them: holes of NUL bytes, lines without a
// break, many codes on one line, bounces with big base64 and quoted-printable parts, gzip
// bombs. The same size always gives the same bytes.
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { createGzip } from 'node:zlib';
import { LogGenerator } from '../../scripts/bench/generate';
import { DSN_HEAD } from './corpus';

export interface Shape {
  name: string;
  /** What of issue #15 it proves. */
  item: string;
  /** Scaled at two sizes (the time per MB must not grow); a bomb has one size of its own. */
  scaled: boolean;
  /** Writes the file; resolves with the bytes the tool reads (decompressed). */
  write(path: string, size: number): Promise<number>;
  /** The file name's ending (.log, .eml, .log.gz, .eml.gz). */
  ext: string;
}

/** Writes pieces to a stream (gzipped when asked), honouring backpressure; resolves with the bytes written before compression. */
async function writeAll(path: string, gzip: boolean, pieces: () => Generator<Buffer | string>): Promise<number> {
  const file = createWriteStream(path);
  const out: WriteStream | ReturnType<typeof createGzip> = gzip ? createGzip({ level: 6 }) : file;
  if (gzip) (out as ReturnType<typeof createGzip>).pipe(file);
  let bytes = 0;
  for (const piece of pieces()) {
    bytes += typeof piece === 'string' ? Buffer.byteLength(piece) : piece.length;
    if (!out.write(piece)) await once(out, 'drain');
  }
  out.end();
  await once(file, 'close');
  return bytes;
}

const MB = 1 << 20;
const ZEROS = Buffer.alloc(MB);

function* nul(bytes: number): Generator<Buffer> {
  for (let left = bytes; left > 0; left -= MB) yield left >= MB ? ZEROS : ZEROS.subarray(0, left);
}

function* logLines(bytes: number, seed = 15): Generator<string> {
  const gen = new LogGenerator(seed);
  let batch: string[] = [];
  let batchBytes = 0;
  for (let n = 0; n < bytes; ) {
    const line = `${gen.line()}\n`;
    batch.push(line);
    batchBytes += line.length;
    n += line.length;
    if (batchBytes >= 1 << 16) {
      yield batch.join('');
      batch = [];
      batchBytes = 0;
    }
  }
  if (batch.length) yield batch.join('');
}

/** The events of a sending API's export on one line, as JSON (no line break for `bytes`). */
function* oneLine(bytes: number): Generator<string> {
  let n = 0;
  for (let i = 0; n < bytes; i++) {
    const piece = `{"event":"bounce","email":"u${i}@example.net","status":"5.1.1","reason":"550 5.1.1 The email account that you tried to reach does not exist","ts":${1700000000 + i}},`.repeat(100);
    n += piece.length;
    yield piece;
  }
  yield '\n';
}

/** `said: 5xx 5.a.b x` with every enhanced code different, on one line. */
function* distinctCodes(bytes: number): Generator<string> {
  let n = 0;
  for (let block = 0; n < bytes; block++) {
    const parts: string[] = [];
    for (let i = block * 1000; i < (block + 1) * 1000; i++) parts.push(`said: 5${i % 6}${i % 10} 5.${Math.floor(i / 1000) % 1000}.${i % 1000} x `);
    const piece = parts.join('');
    n += piece.length;
    yield piece;
  }
  yield '\n';
}


/** The report lines of a bounce, about `bytes` of them (UTF-8, an accent in each). */
function reportLines(bytes: number): string[] {
  const lines: string[] = [];
  for (let i = 0, n = 0; n < bytes; i++) {
    const line = `<rcpt${i}@example.net>: host mx.example.net[192.0.2.1] said: 550 5.1.1 user unknown, adresse inconnue é (in reply to RCPT TO command)\n`;
    lines.push(line);
    n += Buffer.byteLength(line);
  }
  return lines;
}

function* base64Bounce(bytes: number): Generator<string> {
  yield `${DSN_HEAD}\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n`;
  const lines = reportLines((bytes * 3) / 4);
  // 57 bytes a line of base64 (76 characters), in blocks that are multiples of 57.
  const body = Buffer.from(lines.join(''));
  const block = 57 * 1024;
  for (let i = 0; i < body.length; i += block) yield `${body.subarray(i, i + block).toString('base64').replace(/.{76}/g, '$&\n')}\n`;
  yield '--b--\n';
}

function* quotedPrintableBounce(bytes: number): Generator<string> {
  yield `${DSN_HEAD}\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n`;
  for (const line of reportLines(bytes)) {
    const encoded = line.replace(/é/g, '=C3=A9');
    // Soft line breaks at 76 characters, as encoders write them.
    yield encoded.length > 76 ? `${encoded.slice(0, 75)}=\n${encoded.slice(75)}` : encoded;
  }
  yield '--b--\n';
}

/** A bounce whose report comes first, then a returned message with a huge attachment that compresses to almost nothing. */
function* bombBounce(bytes: number): Generator<string | Buffer> {
  yield `${DSN_HEAD}\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822; x@example.net\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 User unknown\n\n--b\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n`;
  const line = Buffer.from(`${Buffer.from('said: 550 5.1.1 user unknown\n'.repeat(2)).toString('base64').slice(0, 76)}\n`);
  const block = Buffer.concat(Array.from({ length: 8192 }, () => line));
  for (let n = 0; n < bytes; n += block.length) yield block;
  yield '--b--\n';
}

export const CLI_SHAPES: readonly Shape[] = [
  { name: 'an ordinary log', item: 'baseline', scaled: true, ext: '.log', write: (p, n) => writeAll(p, false, () => logLines(n)) },
  {
    name: 'a NUL run at the start (copytruncate), then the log',
    item: '4, 5',
    scaled: true,
    ext: '.log',
    write: (p, n) =>
      writeAll(p, false, function* () {
        yield* nul(n / 2);
        yield* logLines(n / 2);
      }),
  },
  {
    name: 'a NUL run in the middle of the log',
    item: '4, 5',
    scaled: true,
    ext: '.log',
    write: (p, n) =>
      writeAll(p, false, function* () {
        yield* logLines(n / 4, 1);
        yield* nul(n / 2);
        yield* logLines(n / 4, 2);
      }),
  },
  {
    name: 'a NUL run at the end of the log',
    item: '4, 5',
    scaled: true,
    ext: '.log',
    write: (p, n) =>
      writeAll(p, false, function* () {
        yield* logLines(n / 2);
        yield* nul(n / 2);
      }),
  },
  { name: 'a line without breaks (JSON events)', item: '5', scaled: true, ext: '.log', write: (p, n) => writeAll(p, false, () => oneLine(n)) },
  { name: 'many distinct codes on one line', item: '7', scaled: true, ext: '.log', write: (p, n) => writeAll(p, false, () => distinctCodes(n)) },
  { name: 'a bounce with a big base64 text part', item: '2', scaled: true, ext: '.eml', write: (p, n) => writeAll(p, false, () => base64Bounce(n)) },
  { name: 'a bounce with a big quoted-printable part', item: '2', scaled: true, ext: '.eml', write: (p, n) => writeAll(p, false, () => quotedPrintableBounce(n)) },
  { name: 'a .gz of one line without breaks', item: '2, 5', scaled: true, ext: '.log.gz', write: (p, n) => writeAll(p, true, () => oneLine(n)) },
  { name: 'a .eml.gz bomb (a small file, a huge message)', item: '2', scaled: false, ext: '.eml.gz', write: (p, n) => writeAll(p, true, () => bombBounce(n)) },
];

/** A bounce with a base64 text part, as a string (the server shapes open it). */
export function base64BounceText(bytes: number): string {
  return [...base64Bounce(bytes)].join('');
}

/** Log lines, as a string. */
export function logText(bytes: number, seed = 15): string {
  return [...logLines(bytes, seed)].join('');
}

/** One line of distinct codes, as a string. */
export function distinctCodesText(bytes: number): string {
  return [...distinctCodes(bytes)].join('');
}
