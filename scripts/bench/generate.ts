// Seeded generator of realistic synthetic mail logs for the benchmark: a Postfix and Exim
// mix written as whole message flows (connect, client, cleanup, qmgr, delivery, removed,
// disconnect), so the proportions are those of a busy relay — mostly deliveries, some
// deferrals, bounces and rejected sessions, postscreen noise — with the non-code numbers of
// real logs (pids, sizes, delays, ports, IP addresses, queue ids). Written by us; the same
// seed always gives the same bytes.
import { createWriteStream } from 'node:fs';

/** mulberry32: a small, fast, seeded PRNG. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DOMAINS = ['example.com', 'example.net', 'example.org', 'gmail.example', 'outlook.example', 'yahoo.example', 'corp.example'];
const USERS = ['ana', 'bo', 'cy', 'dee', 'ed', 'fi', 'gu', 'hy', 'ivy', 'jo', 'kim', 'lu', 'ma', 'ni', 'ol'];
const HEX = '0123456789ABCDEF';
/** The lines of a flow that carry a code: deliveries, deferrals, bounces, rejects. */
const CODE_LINE = /status=|NOQUEUE: reject|C="| \*\* | == /;

export interface Generated {
  lines: number;
  bytes: number;
}

export interface GeneratorOptions {
  /** Include Exim lines (default true); pflogsumm needs a Postfix-only log. */
  exim?: boolean;
  /**
   * Dense: every line a delivery, deferral, bounce or reject (the worst case for a reader of
   * codes); otherwise whole message flows, where about one line in seven carries a code.
   */
  dense?: boolean;
}

export class LogGenerator {
  private readonly r: () => number;
  private readonly exim: boolean;
  private readonly dense: boolean;
  private t = 0;
  constructor(seed = 42, options: GeneratorOptions = {}) {
    this.r = prng(seed);
    this.exim = options.exim ?? true;
    this.dense = options.dense ?? false;
  }
  private pick<T>(a: readonly T[]): T {
    return a[Math.floor(this.r() * a.length)];
  }
  private int(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }
  private ip(): string {
    return `${this.pick([192, 198, 203])}.${this.int(0, 255)}.${this.int(0, 255)}.${this.int(1, 254)}`;
  }
  private qid(): string {
    let s = '';
    for (let i = 0; i < 10; i++) s += HEX[this.int(0, 15)];
    return s;
  }
  private addr(): string {
    return `${this.pick(USERS)}${this.int(1, 999)}@${this.pick(DOMAINS)}`;
  }
  private delays(): string {
    return `delay=${(this.r() * 5).toFixed(2)}, delays=${(this.r() * 2).toFixed(2)}/${(this.r() * 0.1).toFixed(2)}/${(this.r() * 2).toFixed(1)}/${(this.r() * 1).toFixed(2)}`;
  }
  private stamp(): string {
    this.t += this.int(0, 2);
    const s = this.t % 60;
    const m = Math.floor(this.t / 60) % 60;
    const h = Math.floor(this.t / 3600) % 24;
    const d = 1 + (Math.floor(this.t / 86400) % 28);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${MONTHS[10]} ${String(d).padStart(2, ' ')} ${pad(h)}:${pad(m)}:${pad(s)}`;
  }

  private queue: string[] = [];

  /** The next line: messages are generated as whole flows (connect … removed), as real logs are. */
  line(): string {
    while (this.queue.length === 0) this.queue = (this.dense ? this.flow().filter((l) => CODE_LINE.test(l)) : this.flow()).reverse();
    return this.queue.pop()!;
  }

  /** One message or session, as the lines a busy relay writes for it. */
  private flow(): string[] {
    // Without Exim, the same Postfix mix (the first 80 % of the range).
    const x = this.exim ? this.r() : this.r() * 0.8;
    const host = `mx${this.int(1, 4)}`;
    const qid = this.qid();
    const client = this.ip();
    const smtpd = `${this.stamp()} ${host} postfix/smtpd[${this.int(100, 65000)}]`;
    if (x < 0.62) {
      // Postfix: received and relayed on; the outcome is mostly sent, some deferred, a few bounced.
      const out = this.r();
      const pid = this.int(100, 65000);
      const relayIp = this.ip();
      const to = this.addr();
      const lines = [
        `${smtpd}: connect from mail.${this.pick(DOMAINS)}[${client}]`,
        `${smtpd}: ${qid}: client=mail.${this.pick(DOMAINS)}[${client}]`,
        `${this.stamp()} ${host} postfix/cleanup[${this.int(100, 65000)}]: ${qid}: message-id=<${this.int(100000, 999999)}.${this.int(100, 999)}@${this.pick(DOMAINS)}>`,
        `${this.stamp()} ${host} postfix/qmgr[${this.int(100, 65000)}]: ${qid}: from=<${this.addr()}>, size=${this.int(500, 900000)}, nrcpt=1 (queue active)`,
        `${smtpd}: disconnect from mail.${this.pick(DOMAINS)}[${client}] ehlo=2 starttls=1 mail=1 rcpt=1 data=1 quit=1 commands=7`,
      ];
      const smtp = `${this.stamp()} ${host} postfix/smtp[${pid}]: ${qid}: to=<${to}>, relay=mx.${this.pick(DOMAINS)}[${relayIp}]:25, ${this.delays()}`;
      if (out < 0.9) {
        lines.push(`${smtp}, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as ${this.qid()})`);
        lines.push(`${this.stamp()} ${host} postfix/qmgr[${this.int(100, 65000)}]: ${qid}: removed`);
      } else if (out < 0.96) {
        const [reply, enh, text] = this.pick([
          ['451', '4.7.1', 'Greylisted, please try again later'],
          ['421', '4.7.0', 'Try again later, closing connection'],
          ['452', '4.2.2', 'Mailbox full'],
          ['450', '4.2.1', 'The user you are trying to contact is receiving mail too quickly'],
        ]);
        lines.push(`${smtp}, dsn=${enh}, status=deferred (host mx.example.net[${relayIp}] said: ${reply} ${enh} ${text} (in reply to RCPT TO command))`);
      } else {
        const [reply, enh, text] = this.pick([
          ['550', '5.1.1', `<${to}>: Recipient address rejected: User unknown in virtual mailbox table`],
          ['550', '5.7.26', "Unauthenticated email from example.com is not accepted due to domain's DMARC policy"],
          ['554', '5.7.1', 'Service unavailable; Client host blocked using zen.spamhaus.org'],
          ['552', '5.2.2', 'The email account that you tried to reach is over quota'],
        ]);
        lines.push(`${smtp}, dsn=${enh}, status=bounced (host mx.example.net[${relayIp}] said: ${reply} ${enh} ${text} (in reply to RCPT TO command))`);
        lines.push(`${this.stamp()} ${host} postfix/bounce[${this.int(100, 65000)}]: ${qid}: sender non-delivery notification: ${this.qid()}`);
        lines.push(`${this.stamp()} ${host} postfix/qmgr[${this.int(100, 65000)}]: ${qid}: removed`);
      }
      return lines;
    }
    if (x < 0.74) {
      // A rejected session (spam, relaying, unknown users), with its connect and disconnect.
      return [
        `${smtpd}: connect from unknown[${client}]`,
        `${smtpd}: NOQUEUE: reject: RCPT from unknown[${client}]: ${this.pick(['554 5.7.1 <x@example.biz>: Relay access denied', '550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown in local recipient table', '450 4.7.1 <spam.example>: Helo command rejected: Host not found'])}; from=<${this.addr()}> to=<${this.addr()}> proto=ESMTP helo=<spam.example>`,
        `${smtpd}: disconnect from unknown[${client}] ehlo=1 mail=1 rcpt=0/1 quit=1 commands=3/4`,
      ];
    }
    if (x < 0.8) {
      // postscreen and anvil noise, no codes.
      return [
        `${this.stamp()} ${host} postfix/postscreen[${this.int(100, 65000)}]: CONNECT from [${client}]:${this.int(1024, 65535)} to [${this.ip()}]:25`,
        `${this.stamp()} ${host} postfix/postscreen[${this.int(100, 65000)}]: PASS OLD [${client}]:${this.int(1024, 65535)}`,
        `${this.stamp()} ${host} postfix/anvil[${this.int(100, 65000)}]: statistics: max connection rate 1/60s for (smtp:${client}) at ${this.stamp()}`,
      ];
    }
    // Exim: arrival, then delivery, deferral or bounce, then completion.
    const eid = `1t${this.qid().slice(0, 4)}-000${this.qid().slice(0, 3)}-${this.qid().slice(0, 2)}`;
    const date = `2026-11-${String(1 + (Math.floor(this.t / 86400) % 28)).padStart(2, '0')} 10:${String(this.int(0, 59)).padStart(2, '0')}:${String(this.int(0, 59)).padStart(2, '0')}`;
    const lines = [`${date} ${eid} <= ${this.addr()} H=mail.${this.pick(DOMAINS)} [${client}]:${this.int(1024, 65535)} P=esmtps X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=no S=${this.int(500, 90000)} id=${this.int(1000, 9999)}@${this.pick(DOMAINS)}`];
    const out = this.r();
    if (out < 0.9) lines.push(`${date} ${eid} => ${this.addr()} R=dnslookup T=remote_smtp H=mx.${this.pick(DOMAINS)} [${this.ip()}] X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=yes C="250 2.0.0 OK id=${eid}"`);
    else if (out < 0.95) lines.push(`${date} ${eid} == ${this.addr()} R=dnslookup T=remote_smtp defer (-44) H=mx.${this.pick(DOMAINS)} [${this.ip()}]: SMTP error from remote mail server after RCPT TO:<${this.addr()}>: 451 Temporary local problem`);
    else lines.push(`${date} ${eid} ** ${this.addr()} R=dnslookup T=remote_smtp H=mx.${this.pick(DOMAINS)} [${this.ip()}]: SMTP error from remote mail server after RCPT TO:<${this.addr()}>: 550 5.1.1 User unknown`);
    if (out < 0.9 || out >= 0.95) lines.push(`${date} ${eid} Completed`);
    return lines;
  }

  /** Writes about `bytes` bytes to `path`, streaming. */
  async writeFile(path: string, bytes: number): Promise<Generated> {
    const out = createWriteStream(path);
    let n = 0;
    let lines = 0;
    let buf: string[] = [];
    let bufBytes = 0;
    const flush = async () => {
      const chunk = buf.join('\n') + '\n';
      buf = [];
      bufBytes = 0;
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
    };
    while (n < bytes) {
      const l = this.line();
      buf.push(l);
      n += l.length + 1;
      bufBytes += l.length + 1;
      lines++;
      if (bufBytes > 1 << 20) await flush();
    }
    if (buf.length) await flush();
    await new Promise<void>((r) => out.end(() => r()));
    return { lines, bytes: n };
  }
}
