// `smtp-codes summary FILE...`: the counts of the summary report, as text or JSON.
import { formatCount, OutcomeIndex, SummaryBuilder, summaryRecord, type Summary } from '../../engine/index';
import { scanFile } from '../../io/scanFile';
import { readingOrder } from '../inputs';
import { COLORS, paint, UsageError, type Options } from '../options';
import { fileErrorLine, terminalSafe } from '../writers/output';

/** Exit status 0, or 2 when a file could not be read. */
export async function runSummary(opts: Options): Promise<number> {
  if (opts.args.length === 0) throw new UsageError('summary needs at least one FILE (or - for standard input)');
  if (opts.format !== 'text' && opts.format !== 'json') throw new UsageError('summary prints text or json');
  const builder = new SummaryBuilder();
  // One index for all files: a recipient's story goes on in the next rotated log. Its stories keep
  // what the summary reads of how they end (summaryRecord), never the chunks they were read from.
  const index = new OutcomeIndex({ streaming: true, detach: summaryRecord });
  index.onClose = (end) => builder.addEnd(end);
  let failed = 0;
  for (const path of readingOrder(opts.args)) {
    const result = await scanFile(path, { index, onFinding: (f) => builder.addFinding(f), onOutcome: (o) => builder.addAttempt(o), onWaiting: (message) => fileErrorLine(path, message) });
    for (const note of result.notes) fileErrorLine(path, note);
    if (!result.ok) {
      failed++;
      fileErrorLine(path, result.error);
    }
  }
  index.closeAll();
  const summary = builder.result(20);
  if (opts.format === 'json') {
    process.stdout.write(`${JSON.stringify({ version: 1, files: opts.args, summary }, null, 2)}\n`);
  } else {
    process.stdout.write(summaryText(summary, opts));
  }
  return failed > 0 ? 2 : 0;
}

function summaryText(s: Summary, opts: Options): string {
  const n = formatCount;
  const o = s.outcomes;
  const failures = o.bounced + o.expired + o.rejected + o.deferred;
  const out: string[] = [];
  const red = (t: string) => paint(opts.color, COLORS.permanent, t);
  out.push(
    `${red(`${n(o.bounced)} bounced`)}, ${red(`${n(o.expired)} expired`)}, ${red(`${n(o.rejected)} rejected`)}, ` +
      `${paint(opts.color, COLORS.transient, `${n(o.deferred)} deferred`)}, ${paint(opts.color, COLORS.success, `${n(o.delivered)} delivered`)}`,
  );
  out.push(`(recipients by their last state, refused transactions) · ${n(s.attempts.total)} attempts, ${n(s.attempts.failed)} failed · ${n(s.findings)} codes`);
  if (s.firstTime && s.lastTime) out.push(`from ${s.firstTime.slice(0, 19).replace('T', ' ')} to ${s.lastTime.slice(0, 19).replace('T', ' ')}`);
  const table = (title: string, rows: { key: string; count: number; extra?: string }[]) => {
    if (!rows.length) return;
    out.push('', title);
    // Keys come from documents (recipients, domains): escaped before they reach a terminal.
    const keys = rows.map((r) => terminalSafe(r.key));
    const width = Math.min(48, Math.max(...keys.map((k) => k.length)));
    rows.forEach((r, i) => {
      const share = failures ? ((100 * r.count) / failures).toFixed(1) : '0.0';
      out.push(`  ${keys[i].padEnd(width)}  ${n(r.count).padStart(9)}  ${share.padStart(5)} %${r.extra ? `  ${terminalSafe(r.extra)}` : ''}`);
    });
  };
  const mix = (rows: { key: string; count: number }[]) => rows.map((r) => `${r.key} ${n(r.count)}`).join(', ');
  table(
    'Failures by code',
    s.codes.map((c) => ({ key: c.key, count: c.count, extra: `${c.summary} [${mix(c.verdicts)}${c.reasons.length ? `; ${mix(c.reasons)}` : ''}]` })),
  );
  table('By bounce reason', s.reasons);
  table('By recipient domain', s.domains);
  table('By provider', s.providers);
  table('Top failing recipients', s.recipients);
  if (s.timeline.length) {
    const max = Math.max(...s.timeline.map((b) => b.permanent + b.transient));
    const step = Math.max(1, Math.ceil(s.timeline.length / 24));
    out.push('', `Failed attempts per ${s.bucket}${step > 1 ? ` (every ${step}th ${s.bucket} shown)` : ''}`);
    for (let i = 0; i < s.timeline.length; i += step) {
      const b = s.timeline[i];
      const total = b.permanent + b.transient;
      const bar = max ? '#'.repeat(Math.round((40 * total) / max)) : '';
      out.push(`  ${b.bucket.slice(0, 16).replace('T', ' ')}  ${n(total).padStart(7)}  ${bar}`);
    }
  }
  return `${out.join('\n')}\n`;
}
