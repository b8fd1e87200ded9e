// The guard on the server's stdio input (server/src/lsp/messageGuard.ts): a well-framed stream
// passes unchanged however it is cut into chunks; wrong or huge lengths, headers that are not
// headers and stalled messages are dropped with one line each, and reading resumes at the next
// message. A fake clock drives the stall: no test waits on time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentLength, headerStart, MessageGuard, type GuardTimers } from '../../server/src/lsp/messageGuard';

class FakeClock implements GuardTimers {
  private timers: Array<{ at: number; fn: () => void; id: number }> = [];
  private now = 0;
  private next = 1;
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.timers.push({ at: this.now + ms, fn, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }
  advance(ms: number): void {
    this.now += ms;
    for (const t of this.timers.filter((x) => x.at <= this.now)) {
      this.clearTimeout(t.id);
      t.fn();
    }
  }
}

const frame = (body: string, length = Buffer.byteLength(body)) => `Content-Length: ${length}\r\n\r\n${body}`;
const msg = (id: number, extra = '') => JSON.stringify({ jsonrpc: '2.0', id, method: 'x', params: { text: `Content-Length: 12 inside a string\r\n${extra}` } });

/** Feeds `input` to a guard in the given pieces; returns what it passed on and what it said. */
function run(input: Buffer, cuts: number[] = [], clock = new FakeClock(), limits = { message: 1 << 20, header: 256, stallMs: 1000 }, after?: (g: MessageGuard) => void) {
  const said: string[] = [];
  const out: Buffer[] = [];
  const guard = new MessageGuard((m) => said.push(m), clock, limits);
  guard.on('data', (d: Buffer) => out.push(d));
  let from = 0;
  for (const cut of [...cuts, input.length]) {
    if (cut > from) guard.write(input.subarray(from, cut));
    from = Math.max(from, cut);
  }
  after?.(guard);
  return { passed: Buffer.concat(out).toString(), said };
}

test('well-framed messages pass unchanged, cut anywhere (a JSON string may hold "Content-Length: 12" and an escaped CRLF)', () => {
  const stream = frame(msg(1)) + frame(msg(2, 'é')) + `content-length: 7\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{"a":1}` + frame('');
  const bytes = Buffer.from(stream);
  // Bodies collected in one buffer, and (over `oneBuffer`) in pieces.
  for (const oneBuffer of [undefined, 0]) {
    const limits = { message: 1 << 20, header: 256, stallMs: 1000, oneBuffer };
    for (let cut = 0; cut <= bytes.length; cut++) {
      const r = run(bytes, [cut], new FakeClock(), limits);
      assert.equal(r.passed, stream, `cut at ${cut}`);
      assert.deepEqual(r.said, [], `cut at ${cut}`);
    }
    const r = run(bytes, Array.from({ length: bytes.length }, (_, i) => i), new FakeClock(), limits);
    assert.equal(r.passed, stream, 'one byte at a time');
  }
});

test('a body arrives whole, in one buffer after its header, however it was cut (the reader behind copies nothing)', () => {
  const body = msg(1, 'x'.repeat(200_000));
  const bytes = Buffer.from(frame(body) + frame(msg(2)));
  const guard = new MessageGuard(() => {}, new FakeClock());
  const out: Buffer[] = [];
  guard.on('data', (d: Buffer) => out.push(d));
  for (let i = 0; i < bytes.length; i += 65536) guard.write(bytes.subarray(i, i + 65536));
  const header = (b: string) => `Content-Length: ${Buffer.byteLength(b)}\r\n\r\n`.length;
  assert.deepEqual(
    out.map((b) => b.length),
    [header(body), Buffer.byteLength(body), header(msg(2)), Buffer.byteLength(msg(2))],
  );
  assert.equal(Buffer.concat(out).toString(), frame(body) + frame(msg(2)));
});

test('a Content-Length too long: the message is dropped where the next header begins', () => {
  const stream = frame(msg(1), Buffer.byteLength(msg(1)) + 30) + frame(msg(2));
  for (const cut of [0, 10, Buffer.byteLength(stream) - 30, Buffer.byteLength(stream) - 3]) {
    const r = run(Buffer.from(stream), [cut]);
    assert.equal(r.passed, frame(msg(2)), `cut at ${cut}`);
    assert.equal(r.said.length, 1);
    assert.match(r.said[0], /announced \d+ bytes, but the next message began after \d+: the broken message was dropped/);
  }
});

test('a Content-Length too short: what follows is skipped up to the next header', () => {
  const stream = frame(msg(1), 10) + frame(msg(2));
  const r = run(Buffer.from(stream));
  assert.equal(r.passed, `${frame(msg(1), 10).slice(0, 'Content-Length: 10\r\n\r\n'.length + 10)}${frame(msg(2))}`, 'the short message is handed on as announced (the reader rejects it), then message 2');
  assert.deepEqual(r.said, ['skipping input that is not a message, up to the next header (a header line without a name: ' + JSON.stringify(msg(1).slice(10, 50)) + ')']);
});

test('a message over the limit is skipped as it streams, never buffered; the next one passes', () => {
  const big = `{"x":"${'a'.repeat(3 << 20)}"}`;
  const stream = Buffer.from(frame(big) + frame(msg(2)));
  const r = run(stream, [100, 70_000, 2 << 20]);
  assert.equal(r.passed, frame(msg(2)));
  assert.deepEqual(r.said, [`a message of ${Buffer.byteLength(big)} bytes is more than the ${1 << 20} bytes the server reads in one message: skipped`]);
});

test('headers that are not headers: no Content-Length, not a number, no end; each skipped, said once per stretch', () => {
  for (const [bad, why] of [
    [`Content-Type: x\r\n\r\n${msg(9)}`, /no Content-Length header/],
    [`Content-Length: 12x\r\n\r\n{}`, /Content-Length is not a number: "12x"/],
    ['x'.repeat(1000), /a header section longer than 256 bytes/],
    [`${'garbage '.repeat(200)}\r\n\r\n`, /./],
  ] as const) {
    const r = run(Buffer.from(`${bad}${frame(msg(2))}`), [7]);
    assert.equal(r.passed, frame(msg(2)), String(why));
    assert.equal(r.said.length, 1, JSON.stringify(r.said));
    assert.match(r.said[0], why);
  }
});

test('a message that stops coming (a length too long, the client waiting) is dropped after the stall time, on a fake clock', () => {
  const clock = new FakeClock();
  let guard: MessageGuard | null = null;
  const half = frame(msg(1), Buffer.byteLength(msg(1)) + 500);
  const r = run(Buffer.from(half), [], clock, undefined, (g) => (guard = g));
  assert.deepEqual(r.said, []);
  clock.advance(999);
  assert.deepEqual(r.said, [], 'not before the stall time');
  clock.advance(1);
  assert.equal(r.said.length, 1);
  assert.match(r.said[0], /announced \d+ bytes, \d+ came, then nothing for 1 s: dropped/);
  // Reading goes on with the next message.
  const out: Buffer[] = [];
  guard!.on('data', (d: Buffer) => out.push(d));
  guard!.write(Buffer.from(frame(msg(3))));
  assert.equal(Buffer.concat(out).toString(), `${frame(msg(3))}`);
});

test('after the server was busy longer than the stall time, a message whose rest is already waiting is not dropped', () => {
  // Timers run before waiting input is read: the stall timer fires first, its drop waits for that input.
  class BusyClock extends FakeClock {
    deferred: (() => void)[] = [];
    afterInput(fn: () => void): void {
      this.deferred.push(fn);
    }
  }
  const clock = new BusyClock();
  const said: string[] = [];
  const out: Buffer[] = [];
  const guard = new MessageGuard((m) => said.push(m), clock, { message: 1 << 20, header: 256, stallMs: 1000 });
  guard.on('data', (d: Buffer) => out.push(d));
  const bytes = Buffer.from(frame(msg(1)) + frame(msg(2)));
  guard.write(bytes.subarray(0, 30));
  clock.advance(5000); // busy: the stall timer is due
  guard.write(bytes.subarray(30)); // the rest, read in the same turn of the loop
  for (const fn of clock.deferred.splice(0)) fn();
  assert.deepEqual(said, []);
  assert.equal(Buffer.concat(out).toString(), frame(msg(1)) + frame(msg(2)));
  // With nothing waiting, the drop goes ahead.
  guard.write(Buffer.from(frame(msg(3), Buffer.byteLength(msg(3)) + 10)));
  clock.advance(1000);
  for (const fn of clock.deferred.splice(0)) fn();
  assert.equal(said.length, 1);
  assert.match(said[0], /then nothing for 1 s: dropped/);
});

test('contentLength and headerStart read headers as the protocol writes them, and nothing else', () => {
  assert.equal(contentLength('Content-Length: 42'), 42);
  assert.equal(contentLength('content-length:42\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8'), 42);
  assert.equal(contentLength('Content-Type: x'), 'no Content-Length header');
  assert.equal(contentLength('Content-Length: -1'), 'Content-Length is not a number: "-1"');
  assert.equal(headerStart(Buffer.from('}Content-Length: 5\r\n\r\n{}')), 1);
  assert.equal(headerStart(Buffer.from('"Content-Length: 5\\r\\n"')), -1, 'inside a JSON string: escaped CR LF');
  assert.equal(headerStart(Buffer.from('Content-Length: 5')), -1, 'not yet a whole line');
});
