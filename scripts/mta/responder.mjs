#!/usr/bin/env node
// Scripted "remote" SMTP servers for the MTA fixture generator (no npm deps).
//
//   node responder.mjs [--port 2525] [--transcript FILE]
//
// Listens on several loopback addresses (all on the same port). What each
// address does is fixed by HOSTS below; what a recipient gets at RCPT is
// fixed by its local part (RCPT_RULES), on every host that gets that far.
// 127.0.0.7 is deliberately NOT listened on (connection refused).
import net from 'node:net';
import fs from 'node:fs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const PORT = Number(opt('--port', '2525'));
const TRANSCRIPT = opt('--transcript', '');
const GREY_FAILS = Number(opt('--grey-fails', '2'));

// Per-address behaviour. `name` is the host name the server announces.
export const HOSTS = {
  '127.0.0.2': { name: 'mx.deliver.test' },
  '127.0.0.3': { name: 'mx.bounce.test' },
  '127.0.0.4': { name: 'mx.greylist.test' },
  // A 5xx greeting: Postfix (smtp_skip_5xx_greeting=yes) treats it as a deferral.
  '127.0.0.5': {
    name: 'mx.blocked.test',
    greeting: '554 5.7.1 mx.blocked.test ESMTP not accepting messages from 127.0.0.1: listed at bl.example.net',
  },
  // Accepts every recipient, rejects the content at end of DATA.
  '127.0.0.6': { name: 'mx.spamfilter.test', dataReply: '554 5.7.1 Message rejected as spam' },
  // 127.0.0.7: nothing listens -> connection refused.
  '127.0.0.8': { name: 'mx.busy.test', greeting: '421 4.7.0 mx.busy.test Too many concurrent SMTP connections; please try again later' },
  // Accepts the TCP connection but never says anything (greeting timeout).
  '127.0.0.9': { name: 'mx.tarpit.test', silent: true },
  // Accepts recipients, then drops the connection after the message body.
  '127.0.0.10': { name: 'mx.dropper.test', dropAfterData: true },
};

const DMARC = [
  '550-5.7.26 This mail is unauthenticated, which poses a security risk to the',
  '550-5.7.26 sender and Gmail users, and has been blocked. The sender must',
  '550-5.7.26 authenticate with at least one of SPF or DKIM. For this message,',
  '550-5.7.26 DKIM checks did not pass and SPF check for [example.com] did not',
  '550-5.7.26 pass with ip: [127.0.0.1]. The sender should visit',
  '550-5.7.26  https://support.google.com/mail/answer/81126#authentication for',
  '550 5.7.26 instructions on setting up authentication. a1-20020a170906000000b00000000000si0000000ejb.1 - gsmtp',
];

const greyCount = new Map();

/** The reply (array of lines) to RCPT TO:<addr>. */
function rcptReply(addr) {
  const a = addr.toLowerCase();
  const local = a.split('@')[0];
  if (local === 'unknown' || local.startsWith('unknown'))
    return [`550 5.1.1 <${addr}>: Recipient address rejected: User unknown`];
  if (local.startsWith('full')) return [`452 4.2.2 <${addr}>: Mailbox full`];
  if (local.startsWith('overquota')) return [`552 5.2.2 <${addr}>: Mailbox full, quota exceeded`];
  if (local.startsWith('dmarc')) return DMARC;
  if (local.startsWith('tempfail')) return [`451 4.3.0 <${addr}>: Temporary lookup failure`];
  if (local.startsWith('grey')) {
    const n = (greyCount.get(a) || 0) + 1;
    greyCount.set(a, n);
    if (n <= GREY_FAILS) return [`450 4.7.1 <${addr}>: Recipient address rejected: Greylisted, try again later`];
  }
  return ['250 2.1.5 Ok'];
}

function mailReply(addr) {
  if (addr.toLowerCase().startsWith('badsender@')) return [`553 5.7.1 <${addr}>: Sender address rejected: not permitted to send`];
  return ['250 2.1.0 Ok'];
}

let seq = 0;
const queueId = () => (Date.now().toString(16).slice(-7) + (++seq).toString(16).padStart(3, '0')).toUpperCase();

const log = (line) => {
  if (TRANSCRIPT) fs.appendFileSync(TRANSCRIPT, `${new Date().toISOString()} ${line}\n`);
};

function serve(ip, host, sock) {
  const tag = `${ip}<-${sock.remotePort}`;
  log(`${tag} connect`);
  const send = (lines) => {
    for (const l of lines) log(`${tag} S: ${l}`);
    sock.write(lines.map((l) => l + '\r\n').join(''));
  };
  sock.on('error', () => {});
  sock.on('close', () => log(`${tag} closed`));
  if (host.silent) {
    sock.setTimeout(120000, () => sock.destroy());
    sock.on('data', () => {});
    return;
  }
  if (host.greeting) {
    send([host.greeting]);
  } else send([`220 ${host.name} ESMTP ready`]);
  let buf = '';
  let inData = false;
  let mailFrom = null;
  let rcpts = [];
  const reset = () => {
    mailFrom = null;
    rcpts = [];
  };
  sock.on('data', (chunk) => {
    buf += chunk.toString('latin1');
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, i).replace(/\r$/, '');
      buf = buf.slice(i + 1);
      if (inData) {
        if (line === '.') {
          inData = false;
          log(`${tag} C: <end of data>`);
          if (host.dropAfterData) {
            log(`${tag} dropping connection`);
            sock.destroy();
            return;
          }
          send([host.dataReply || `250 2.0.0 Ok: queued as ${queueId()}`]);
          reset();
        }
        continue;
      }
      log(`${tag} C: ${line}`);
      const verb = line.slice(0, 4).toUpperCase();
      if (host.greeting) {
        // After a refusing greeting only QUIT is answered properly.
        if (verb === 'QUIT') {
          send([`221 2.0.0 Bye`]);
          sock.end();
        } else send(['503 5.5.1 Error: no service']);
        continue;
      }
      if (verb === 'EHLO')
        send([`250-${host.name}`, '250-PIPELINING', '250-SIZE 10240000', '250-ENHANCEDSTATUSCODES', '250 8BITMIME']);
      else if (verb === 'HELO') send([`250 ${host.name}`]);
      else if (verb === 'MAIL') {
        const m = /<([^>]*)>/.exec(line);
        const r = mailReply(m ? m[1] : '');
        if (r[0].startsWith('250')) mailFrom = m ? m[1] : '';
        send(r);
      } else if (verb === 'RCPT') {
        if (mailFrom === null) {
          send(['503 5.5.1 Error: need MAIL command']);
          continue;
        }
        const m = /<([^>]*)>/.exec(line);
        const addr = m ? m[1] : '';
        const r = rcptReply(addr);
        if (r[r.length - 1].startsWith('250')) rcpts.push(addr);
        send(r);
      } else if (verb === 'DATA') {
        if (!rcpts.length) send(['554 5.5.1 Error: no valid recipients']);
        else {
          inData = true;
          send(['354 End data with <CR><LF>.<CR><LF>']);
        }
      } else if (verb === 'RSET') {
        reset();
        send(['250 2.0.0 Ok']);
      } else if (verb === 'NOOP') send(['250 2.0.0 Ok']);
      else if (verb === 'QUIT') {
        send(['221 2.0.0 Bye']);
        sock.end();
      } else send(['502 5.5.2 Error: command not recognized']);
    }
  });
}

let listening = 0;
for (const [ip, host] of Object.entries(HOSTS)) {
  const srv = net.createServer((sock) => serve(ip, host, sock));
  srv.on('error', (e) => {
    console.error(`responder: ${ip}:${PORT}: ${e.message}`);
    process.exit(1);
  });
  srv.listen(PORT, ip, () => {
    if (++listening === Object.keys(HOSTS).length) console.log(`responder: listening on ${Object.keys(HOSTS).join(', ')} port ${PORT}`);
  });
}
process.on('SIGTERM', () => process.exit(0));
