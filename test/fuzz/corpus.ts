// The fuzz corpus: seed documents (our own fixtures, the shared corpus when it is present)
// and adversarial patterns, each a generator of a document of a given size. Used by the
// property tests of `npm test` (test/fuzz/*.test.ts) and by `npm run fuzz` (scripts/fuzz.ts).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, sharedDir } from '../support/shared';
import { FIXTURES } from '../vscode/fixtures';

export type Kind = 'log' | 'eml';

export interface Seed {
  name: string;
  kind: Kind;
  text: string;
}

/** Repeats `unit` to exactly `size` characters. */
export function fill(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** Repeats whole lines up to about `size` characters. */
function lines(line: string, size: number): string {
  return line.repeat(Math.max(1, Math.floor(size / line.length)));
}

/** A deterministic byte soup (no Math.random: the same size gives the same text). */
function bytes(size: number, seed = 1): string {
  let x = seed;
  let out = '';
  for (let i = 0; i < size; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out += String.fromCharCode((x >>> 16) & 0xff);
  }
  return out;
}

function b64(text: string): string {
  return Buffer.from(text, 'latin1')
    .toString('base64')
    .replace(/.{76}/g, '$&\n');
}

/** The head of a bounce (a multipart/report), up to its first part's boundary. */
export const DSN_HEAD = [
  'From: MAILER-DAEMON@example.com',
  'To: me@example.com',
  'Subject: Undelivered Mail Returned to Sender',
  'MIME-Version: 1.0',
  'Content-Type: multipart/report; report-type=delivery-status; boundary="b"',
  '',
  '--b',
].join('\n');

export interface Adversarial {
  name: string;
  kind: Kind;
  /** A document of about `size` characters. */
  make(size: number): string;
}

/**
 * Inputs built to hit the worst case of the scanner: long runs of what the candidate
 * expression and the context rules look at (digits, dots, dashes, introducers, quotes,
 * separators), many codes per line, huge multi-line replies, and broken or deep MIME.
 * Every one must scan in time linear in its size.
 */
export const ADVERSARIAL: readonly Adversarial[] = [
  { name: 'digits', kind: 'log', make: (n) => fill('5', n) },
  { name: 'codes separated by spaces', kind: 'log', make: (n) => fill('550 ', n) },
  { name: '550-550-550-…', kind: 'log', make: (n) => fill('550-', n) },
  { name: '5.5.5.5.5…', kind: 'log', make: (n) => fill('5.', n) },
  { name: '5.1.1.5.1.1…', kind: 'log', make: (n) => fill('5.1.1.', n) },
  { name: 'enhanced codes on one line', kind: 'log', make: (n) => fill('5.1.1 ', n) },
  { name: 'replies on one line', kind: 'log', make: (n) => fill('said: 550 5.1.1 x ', n) },
  { name: '550-5.1.1 on one line', kind: 'log', make: (n) => fill('550-5.1.1 ', n) },
  { name: 'dashes', kind: 'log', make: (n) => fill('-', n) },
  { name: 'dots', kind: 'log', make: (n) => fill('.', n) },
  { name: 'dots and dashes', kind: 'log', make: (n) => fill('.-', n) },
  { name: 'said: said: said:', kind: 'log', make: (n) => fill('said: ', n) },
  { name: 'said: then a code, far away', kind: 'log', make: (n) => `said: ${fill(' ', n - 20)}550 5.1.1 x` },
  { name: 'spaces then a code', kind: 'log', make: (n) => `${fill(' ', n - 12)}550 5.1.1 x` },
  { name: 'tabs then a code', kind: 'log', make: (n) => `${fill('\t', n - 12)}550 5.1.1 x` },
  { name: 'a huge quoted string', kind: 'log', make: (n) => `msg="550 ${fill('a', n - 10)}` },
  { name: 'a huge quoted string, closed', kind: 'log', make: (n) => `reply="550 5.1.1 ${fill('a', n - 20)}"` },
  { name: 'quotes', kind: 'log', make: (n) => fill('"550 ', n) },
  { name: 'escaped quotes', kind: 'log', make: (n) => `msg="550 ${fill('\\"', n - 10)}` },
  { name: 'literal \\n before codes', kind: 'log', make: (n) => fill('\\n550 ', n) },
  { name: 'key=key=key=', kind: 'log', make: (n) => fill('reply=', n) },
  { name: 'a=a=a=', kind: 'log', make: (n) => fill('a=', n) },
  { name: 'colons', kind: 'log', make: (n) => fill(': ', n) },
  { name: 'smtp; smtp;', kind: 'log', make: (n) => fill('smtp; ', n) },
  { name: 'bracketed addresses', kind: 'log', make: (n) => fill('[192.0.2.1]: 550 ', n) },
  { name: 'IP addresses', kind: 'log', make: (n) => fill('10.5.1.1 ', n) },
  { name: 'closing parentheses after a reply', kind: 'log', make: (n) => lines(`said: 550 x${fill(')', 1990)}\n`, n) },
  { name: 'opening parentheses after a reply', kind: 'log', make: (n) => lines(`said: 550 x${fill('(', 1990)}\n`, n) },
  { name: 'Exim error with a huge address', kind: 'log', make: (n) => `SMTP error from remote mail server after RCPT TO:<${fill('a', n - 80)}>: 550 5.1.1 x` },
  { name: 'HTTP lines', kind: 'log', make: (n) => fill('"GET / HTTP/1.1" 550 ', n) },
  { name: 'a multi-line reply of every line', kind: 'log', make: (n) => lines('<<< 550-5.1.1 more text\n', n) },
  { name: 'a reply on every line', kind: 'log', make: (n) => lines('host said: 550 5.1.1 <a@example.net>: User unknown\n', n) },
  { name: 'lone CR line endings', kind: 'log', make: (n) => lines('host said: 451 4.7.1 try later\r', n) },
  { name: 'CRLF line endings', kind: 'log', make: (n) => lines('host said: 451 4.7.1 try later\r\n', n) },
  { name: 'empty lines', kind: 'log', make: (n) => fill('\n', n) },
  { name: 'NUL bytes', kind: 'log', make: (n) => fill('\u0000550 ', n) },
  { name: 'a NUL run, then a log line', kind: 'log', make: (n) => `${fill('\u0000', n - 40)}x said: 550 5.1.1 user unknown\n` },
  {
    name: 'distinct codes on one line',
    kind: 'log',
    make: (n) => {
      const parts: string[] = [];
      for (let i = 0, len = 0; len < n; i++) {
        const p = `said: 5${i % 6}${i % 10} 5.${Math.floor(i / 1000) % 1000}.${i % 1000} x `;
        parts.push(p);
        len += p.length;
      }
      return parts.join('').slice(0, n);
    },
  },
  { name: 'binary', kind: 'log', make: (n) => bytes(n) },
  { name: 'a 50 000-character line, repeated', kind: 'log', make: (n) => lines(`${fill('x said: 550 5.1.1 ', 50_000)}\n`, n) },
  // .eml
  { name: 'eml: many parts', kind: 'eml', make: (n) => `${DSN_HEAD}\n${lines('Content-Type: text/plain\n\nsaid: 550 5.1.1 x\n--b\n', n)}` },
  { name: 'eml: boundary lines only', kind: 'eml', make: (n) => `${DSN_HEAD}\n${lines('--b\n', n)}` },
  {
    name: 'eml: deep multipart',
    kind: 'eml',
    make: (n) => {
      let s = '';
      for (let i = 0; s.length < n / 2; i++) s += `--b${i}\nContent-Type: multipart/mixed; boundary="b${i + 1}"\n\n`;
      return `${DSN_HEAD.replace('boundary="b"', 'boundary="b0"')}\n${s}said: 550 5.1.1 x\n${fill('x', n / 2)}`;
    },
  },
  {
    name: 'eml: a base64 part',
    kind: 'eml',
    make: (n) => `${DSN_HEAD}\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n${b64(lines('host said: 550 5.1.1 user unknown\n', (n * 3) / 4))}\n--b--\n`,
  },
  { name: 'eml: a base64 part that is not base64', kind: 'eml', make: (n) => `${DSN_HEAD}\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n${fill('!!said: 550 5.1.1 x ', n)}\n--b--\n` },
  { name: 'eml: quoted-printable =3D', kind: 'eml', make: (n) => `${DSN_HEAD}\nContent-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\nsaid: 550 5.1.1 ${fill('=3D', n)}\n` },
  { name: 'eml: quoted-printable soft breaks', kind: 'eml', make: (n) => `${DSN_HEAD}\nContent-Type: text/plain\nContent-Transfer-Encoding: quoted-printable\n\n${fill('said: 550 5.1.1 x=\n', n)}\n` },
  { name: 'eml: delivery-status fields', kind: 'eml', make: (n) => `${DSN_HEAD}\nContent-Type: message/delivery-status\n\n${lines('Final-Recipient: rfc822; a@example.net\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 x\n\n', n)}` },
  { name: 'eml: a folded delivery-status field', kind: 'eml', make: (n) => `${DSN_HEAD}\nContent-Type: message/delivery-status\n\nDiagnostic-Code: smtp; 550 5.1.1 x\n${lines(' 550-5.1.1 more\n', n)}` },
  { name: 'eml: Final-Recipient then tabs', kind: 'eml', make: (n) => `${DSN_HEAD}\nContent-Type: message/delivery-status\n\nFinal-Recipient:${fill('\t', n)}\n` },
  { name: 'eml: Final-Recipient then tabs, an address', kind: 'eml', make: (n) => `${DSN_HEAD}\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822;${fill('\t', n)}<x@example.net>\n` },
  { name: 'eml: a folded header', kind: 'eml', make: (n) => `From: a@example.com\nTo: b@example.com\nSubject: x\n${lines(' folded 550 5.1.1\n', n)}\nsaid: 550 5.1.1 x\n` },
  { name: 'eml: Content-Type parameters', kind: 'eml', make: (n) => `From: a@example.com\nTo: b@example.com\nContent-Type: multipart/mixed${fill('; a=b', n)}\n\nsaid: 550 5.1.1 x\n` },
  { name: 'eml: a huge header name', kind: 'eml', make: (n) => `From: a@example.com\nTo: b@example.com\n${fill('X', n)}: y\n\nsaid: 550 5.1.1 x\n` },
];

/** Seeds written by us: the in-host fixtures, the grammar test files (without their assertion lines) and a few layouts. */
export function ownSeeds(): Seed[] {
  const seeds: Seed[] = Object.entries(FIXTURES).map(([name, text]) => ({ name: `fixture ${name}`, kind: name.endsWith('.eml') ? 'eml' : 'log', text }));
  const grammarDir = join(repoRoot, 'test', 'grammar');
  for (const name of readdirSync(grammarDir)) {
    if (!/\.test\./.test(name)) continue;
    const text = readFileSync(join(grammarDir, name), 'utf8')
      .split('\n')
      .filter((l) => !l.startsWith('#'))
      .join('\n');
    seeds.push({ name: `grammar ${name}`, kind: name.endsWith('.eml') ? 'eml' : 'log', text });
  }
  seeds.push(
    {
      name: 'multi-line transcript',
      kind: 'log',
      text: '<<< 550-5.7.26 This mail has been blocked because the sender is\r\n<<< 550-5.7.26 unauthenticated. Gmail requires all senders to\r\n<<< 550 5.7.26 authenticate - gsmtp\r\n>>> QUIT\r\n<<< 221 2.0.0 closing connection\r\n',
    },
    {
      name: 'json log',
      kind: 'log',
      text: '{"event":"bounce","status":"5.1.1","reason":"550 5.1.1 The email account does not exist","code":550}\n{"status": 503, "error": "503 Service Unavailable"}\n',
    },
    {
      name: 'quoted-printable and base64 bounce',
      kind: 'eml',
      text: `${DSN_HEAD}\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\nThe server said: 550 5.1.1 Benutzer unbekannt =C3=BCber=\n quota\n--b\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n${b64('host said: 452 4.2.2 Mailbox full\n')}\n--b\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822; <x@example.net>\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550-5.1.1 The account\n 550 5.1.1 does not exist\n--b--\n`,
    },
  );
  for (const a of ADVERSARIAL) seeds.push({ name: `adversarial ${a.name}`, kind: a.kind, text: a.make(2048) });
  return seeds;
}

/** The shared corpus (../shared/corpus) as seeds, or the reason it is not used. */
export function sharedSeeds(): { seeds: Seed[]; skipped: string | null } {
  const dir = sharedDir ? join(sharedDir, 'corpus') : null;
  if (!dir || !existsSync(dir)) return { seeds: [], skipped: 'the shared corpus (../shared/corpus) is absent: fuzzing from our own fixtures only' };
  const seeds: Seed[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (!/^(?:LICENSE|COPYING|README|SOURCES|RULES)|\.(?:md|jsonl)$|^manifest\.json$/i.test(name)) {
        seeds.push({ name: path.slice(dir.length + 1), kind: /\.eml$/i.test(name) ? 'eml' : 'log', text: readFileSync(path, 'utf8') });
      }
    }
  };
  walk(dir);
  return { seeds, skipped: seeds.length ? null : `no files in ${dir}` };
}
