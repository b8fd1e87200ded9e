// `smtp-codes trace ID|ADDRESS FILE...`: every line of a message and of the messages linked to
// it (a content filter's hop, its notifications, an Exim bounce's parent), and its story, from a
// queue ID, a Message-ID or an envelope address. Files are read as streams in passes (io/trace.ts):
// the first pass finds the lines of the IDs known so far and follows the IDs they name; a second
// one goes back for the earlier lines of IDs found on the way, and stops where they were found.
// Standard input is read once, keeping the last 4 MB to look back in. Memory stays flat.
// Exit status 0 found, 1 nothing found, 2 a usage error or a file that could not be read.
import { messageHead, messageStory, parseTrailQuery, STREAM_LIMITS, trailCode, type Trail, type TrailLine } from '../../engine/index';
import { traceInputs } from '../../io/trace';
import { readingOrder } from '../inputs';
import { COLORS, paint, UsageError, type Options } from '../options';
import { terminalSafe, fileErrorLine, Output } from '../writers/output';

const VERDICT_COLOR: Record<string, string> = { delivered: COLORS.success, deferred: COLORS.transient, bounced: COLORS.permanent, expired: COLORS.permanent, rejected: COLORS.permanent };

export async function runTrace(opts: Options): Promise<number> {
  if (opts.format === 'sarif') throw new UsageError('trace prints text or json');
  const [what, ...files] = opts.args;
  if (!what) throw new UsageError('trace needs a queue ID, Message-ID or address, then at least one FILE (or - for standard input)');
  if (files.length === 0) throw new UsageError('trace needs at least one FILE (or - for standard input) after the ID');
  const query = parseTrailQuery(what);
  if (!query) throw new UsageError(`${JSON.stringify(what.slice(0, 80))} is not a queue ID, Message-ID or address`);
  const paths = readingOrder(files);
  const errors: { path: string; error: string }[] = [];
  const result = await traceInputs(
    paths.map((path) => ({ path })),
    query,
    {
      limits: STREAM_LIMITS,
      onError: (path, error) => {
        errors.push({ path, error });
        if (opts.format !== 'json') fileErrorLine(path, error);
      },
    },
  );
  const pathOf = (l: Pick<TrailLine, 'source'>) => paths[l.source];
  if (opts.format === 'json') {
    const json = {
      version: 1,
      query: query.value,
      kind: query.kind,
      messages: result.trails.map((t) => trailJson(t, pathOf)),
      truncated: result.truncated,
      incomplete: result.incomplete,
      errors,
    };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    writeText(result.trails, pathOf, opts);
    const notes: string[] = [];
    if (result.truncated) notes.push(`more lines or linked IDs than shown (limits: ${STREAM_LIMITS.maxLines} lines, ${STREAM_LIMITS.maxIds} IDs)`);
    if (result.incomplete) notes.push('standard input is read once: an ID found on the way was looked for in the 4 MB before it, not earlier');
    const count = result.trails.length;
    process.stdout.write(`${count === 0 ? `nothing found for ${terminalSafe(query.value)}` : `${count} ${count === 1 ? 'trail' : 'trails'} for ${terminalSafe(query.value)}`}${notes.length ? `; ${notes.join('; ')}` : ''}\n`);
  }
  if (errors.length) return 2;
  return result.trails.length > 0 ? 0 : 1;
}

function trailJson(t: Trail, pathOf: (l: TrailLine) => string) {
  const where = (l: TrailLine) => ({ path: pathOf(l), line: l.line + 1 });
  return {
    ids: t.messages.map((m) => m.id),
    messageIds: [...new Set(t.messages.map((m) => m.messageId).filter((x): x is string => !!x))],
    lines: t.lines.map((l) => ({ ...where(l), text: l.text })),
    outcomes: t.outcomes.map((o) => ({ recipient: o.recipient, verdict: o.verdict, reply: o.reply, enhanced: o.enhanced, line: o.last.line + 1, path: pathOf(o.last), queueId: o.queueId, attempts: o.attempts, time: o.time })),
    stories: t.messages.map((m) => ({
      id: m.id,
      mta: m.family,
      client: m.client,
      sender: m.sender,
      messageId: m.messageId,
      size: m.size,
      first: where(m.first),
      removed: m.removed ? where(m.removed) : null,
      linked: m.linked,
    })),
  };
}

function writeText(trails: Trail[], pathOf: (l: TrailLine) => string, opts: Options): void {
  const out = new Output(256);
  const where = (l: TrailLine) => `${pathOf(l)}:${l.line + 1}`;
  for (const t of trails) {
    for (const m of t.messages) {
      const story = messageStory(m, where);
      out.write(`${paint(opts.color, '1', terminalSafe(story[0]))}\n`);
      const facts = messageHead(m).facts.length ? 1 : 0;
      story.slice(1).forEach((line, i) => {
        const r = i >= facts ? m.recipients[i - facts] : undefined;
        const text = terminalSafe(line);
        out.write(`  ${r ? text.replace(`: ${r.verdict}`, `: ${paint(opts.color, VERDICT_COLOR[r.verdict], r.verdict)}`) : text}\n`);
      });
    }
    for (const o of t.messages.length ? [] : t.outcomes) {
      const code = trailCode(o);
      out.write(`${paint(opts.color, VERDICT_COLOR[o.verdict], o.verdict)}${o.recipient ? ` ${terminalSafe(o.recipient)}` : ''}${code ? ` ${code}` : ''}${o.time ? ` at ${o.time}` : ''} (${where(o.last)})\n`);
    }
    out.write('\n');
    for (const l of t.lines) out.write(`${where(l)}: ${terminalSafe(l.text)}\n`);
    out.write('\n');
  }
  out.flush();
}
