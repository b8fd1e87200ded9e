// Hover: the explanation of the code under the cursor; when the code is the evidence of a
// delivery outcome, what the MTA did comes first (its verdict, the recipient's story).
import type { Analysis } from '../analysis';
import type { Explanation } from '../explain';
import type { Actor } from '../knowledge/index';
import { attemptIn } from '../outcomes/stories';
import type { LogFamily, Outcome } from '../outcomes/types';
import { explainFinding } from './describe';
import { findingAt } from './lookup';
import { storyEndText, verdictLabel } from './outcomes';
import { escapeMarkdown, explanationMarkdown } from './render';
import type { Position, Range } from '../types';

export interface HoverResult {
  range: Range;
  markdown: string;
}

const MTA: Partial<Record<LogFamily, string>> = { postfix: 'Postfix', exim: 'Exim', sendmail: 'Sendmail', qmail: 'qmail', exchange: 'Exchange', m365: 'Microsoft 365', ses: 'Amazon SES', sendgrid: 'SendGrid' };

/** What the verdict means, in a sentence or two (and why, when the code's class says otherwise). */
function verdictSentences(o: Outcome): string[] {
  const mta = MTA[o.family] ?? (o.family === 'dsn' ? 'The reporting server' : 'The MTA');
  const cls = o.finding?.class;
  switch (o.verdict) {
    case 'delivered':
      return [o.direction === 'local' ? `${mta} delivered the message on this host.` : `${mta} handed the message to ${o.remote ? escapeMarkdown(o.remote) : 'the next server'}.`];
    case 'deferred': {
      const out = [`${mta} keeps the message in its queue and will try again, until it is delivered or its time in the queue runs out.`];
      if (cls === 'permanent') out.push(`The reply is a permanent code (5xx), yet ${mta} recorded a deferral: it retries when the refusal came before the recipient was tried (a refused greeting, a failed connection or TLS handshake) or when another mail exchanger may still accept.`);
      return out;
    }
    case 'bounced': {
      const out = [o.family === 'dsn' ? 'The bounce reports this recipient as failed: the message was not delivered to it and will not be retried.' : `${mta} gave up on this recipient: a non-delivery notification goes back to the sender.`];
      if (cls === 'transient') out.push(`The reply is a temporary code (4xx), yet ${mta} bounced: its retry time ran out, or a local rule made the failure final.`);
      return out;
    }
    case 'expired':
      return [`${mta} gave up on a message that stayed deferred longer than its queue lifetime${o.family === 'postfix' ? ' (`maximal_queue_lifetime`, 5 days by default)' : o.family === 'exim' ? ' (its retry rules)' : ''}; it goes back to its sender as a non-delivery notification.`];
    case 'rejected':
      return [
        `This server refused an incoming transaction${o.temporary ? ' for now (a temporary reply: the client should try again later)' : ''}; nothing was queued. The client got the reply below.`,
        'Who acts: the sending client’s admin — or you, if legitimate mail was refused (find the restriction or rule that matched).',
      ];
  }
}

/** The outcome block of a hover: verdict, recipient, attempt, how the story ends. */
function outcomeMarkdown(o: Outcome, analysis: Analysis): string {
  const head: string[] = [`**${escapeMarkdown(verdictLabel(o))}**`];
  if (o.recipient) head.push(`${o.verdict === 'rejected' ? 'to ' : ''}${escapeMarkdown(o.recipient)}`);
  if (o.verdict === 'rejected' && o.remote) head.push(`from ${escapeMarkdown(o.remote)}`);
  const story = analysis.index.storyOf(o);
  if (story) {
    const at = attemptIn(story, o);
    if (at.total > 1) head.push(`attempt ${at.index} of ${at.total}`);
  }
  const ending = storyEndText(o, analysis.index.endOfOutcome(o));
  if (ending) head.push(escapeMarkdown(ending));
  if (o.queueId) head.push(`queue ID ${escapeMarkdown(o.queueId)}`);
  return [head.join(' · '), ...verdictSentences(o)].join('\n\n');
}

/** For this server's own refusals, the people who act are the client's: not "the sender" as for our own mail. */
function asRefusal(ex: Explanation): Explanation {
  const actors: Actor[] = ['sender-admin'];
  return { ...ex, actors };
}

export function hoverAt(analysis: Analysis, position: Position): HoverResult | null {
  const hit = findingAt(analysis.findings, position);
  if (!hit) return null;
  let ex = explainFinding(hit.finding);
  const outcome = analysis.outcomeOf(hit.finding);
  if (!outcome || outcome.inferred) return { range: hit.range, markdown: explanationMarkdown(ex, hit.finding.text) };
  if (outcome.verdict === 'rejected') ex = asRefusal(ex);
  return { range: hit.range, markdown: `${outcomeMarkdown(outcome, analysis)}\n\n---\n\n${explanationMarkdown(ex, hit.finding.text)}` };
}
