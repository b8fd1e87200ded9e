// Outcomes → problems (plain data; the server converts them to LSP diagnostics). Exactly one
// problem per failed attempt line of a log and per failed or delayed recipient of a bounce; its
// severity from the MTA's verdict (a deferral is transient even when the remote said 5xx; one
// later delivered has a severity of its own); placed on the code that decided the outcome; the
// outcome's other code mentions and the recipient's other attempts as related information.
import { ignoreMatcher } from './ignore';
import { formatCount, oneLine } from './render';
import type { SeverityName, Settings } from './settings';
import { explainOutcome, isIgnoredOutcome, outcomeCode, outcomeCodes, outcomeMessage, VERDICT_WORD } from './outcomes';
import { attemptIn, type OutcomeIndex, type Story, type StoryEnd } from '../outcomes/stories';
import type { Outcome } from '../outcomes/types';
import { displayCode } from '../codes';
import { replyingContext, type Explanation } from '../explain';
import type { Finding, Range } from '../types';

export const DIAGNOSTIC_SOURCE = 'smtp-codes';

/** What a quick fix needs, carried in the diagnostic so nothing is recomputed or cached server-side. */
export interface ProblemData {
  reply: string | null;
  enhanced: string | null;
  text: string;
  /** What the explanation reads of the line: its replying server's host names (`replyingContext`), not the whole line. */
  context: string;
}

/** Another place that belongs to a problem: a code mention of the same outcome, another attempt. */
export interface RelatedPlace {
  range: Range;
  message: string;
}

export interface Problem {
  range: Range;
  severity: Exclude<SeverityName, 'off'>;
  /** Stable code: the reply as written, e.g. `550 5.1.1`, or the verdict when no code was logged. */
  code: string;
  message: string;
  /** Documentation of the code (provider page, RFC section or registry). */
  href: string | null;
  data: ProblemData | null;
  related: RelatedPlace[];
}

export interface ProblemsResult {
  problems: Problem[];
  /** Outcomes that would be problems but were cut by `maxProblems`. */
  omitted: number;
}

const MAX_DATA_TEXT = 1000;
const MAX_RELATED = 20;

function byClass(f: Pick<Finding, 'class'>, settings: Settings): SeverityName {
  switch (f.class) {
    case 'permanent':
      return settings.severity.permanent;
    case 'transient':
      return settings.severity.transient;
    default:
      return settings.severity.success;
  }
}

/** The severity of an outcome's problem: from the MTA's verdict, else (a format we do not read) from the code's class. */
export function outcomeSeverity(o: Outcome, end: StoryEnd, settings: Settings): SeverityName {
  if (o.inferred && o.finding) return byClass(o.finding, settings);
  switch (o.verdict) {
    case 'delivered':
      return settings.severity.success;
    case 'bounced':
    case 'expired':
      return settings.severity.permanent;
    case 'rejected':
      return o.temporary ? settings.severity.transient : settings.severity.permanent;
    case 'deferred':
      return end.verdict === 'delivered' ? settings.severity.deliveredLater : settings.severity.transient;
  }
}

function codeOf(f: Finding): string {
  return displayCode(f.reply, f.enhanced);
}

/** What a story knows about one of its attempts: how the story ends and where the attempt stands. */
interface Place {
  end: StoryEnd;
  attempt: { index: number; total: number };
  story: Story | null;
  /** For a message-wide expiry: the recipients' stories it ended. */
  expired: Story[];
}

function related(o: Outcome, place: Place): RelatedPlace[] {
  const out: RelatedPlace[] = [];
  for (const f of o.evidence) {
    if (out.length >= MAX_RELATED) break;
    out.push({ range: f.range, message: `${codeOf(f)}: another mention of this ${o.family === 'dsn' ? 'recipient’s reply' : 'outcome'}` });
  }
  if (place.story) {
    let n = 0;
    for (const x of place.story.outcomes) {
      n++;
      if (x === o || out.length >= MAX_RELATED) continue;
      out.push({ range: x.range, message: `attempt ${n} of ${place.attempt.total}: ${VERDICT_WORD[x.verdict]}${x.finding ? ` ${codeOf(x.finding)}` : ''}` });
    }
    if (place.end.outcome !== o && place.end.verdict === 'expired' && out.length < MAX_RELATED) out.push({ range: place.end.outcome.range, message: 'the message expired here' });
  }
  for (const story of place.expired) {
    if (out.length >= MAX_RELATED) break;
    const last = story.outcomes[story.outcomes.length - 1];
    out.push({ range: last.range, message: `last attempt for ${last.recipient ?? 'a recipient'}: ${VERDICT_WORD[last.verdict]}${last.finding ? ` ${codeOf(last.finding)}` : ''}` });
  }
  return out;
}

/**
 * What a problem says of its outcome whatever its story (the codes, their explanation in one line,
 * the data of its quick fixes), made once per outcome: a document's problems are made again after
 * every edit, and an edit keeps every outcome it does not touch.
 */
const explained = new WeakMap<Outcome, { ex: Explanation; line: string; data: ProblemData }>();

function explainedOutcome(o: Outcome): { ex: Explanation; line: string; data: ProblemData } {
  let e = explained.get(o);
  if (!e) {
    const codes = outcomeCodes(o);
    const ex = explainOutcome(o);
    e = { ex, line: oneLine(ex), data: { reply: codes.reply, enhanced: codes.enhanced, text: codes.text.slice(0, MAX_DATA_TEXT), context: replyingContext(codes.context).slice(0, MAX_DATA_TEXT) } };
    explained.set(o, e);
  }
  return e;
}

function makeProblem(o: Outcome, place: Place, severity: Exclude<SeverityName, 'off'>): Problem {
  const { ex, line, data } = explainedOutcome(o);
  const extra = place.expired.length ? ` — ${formatCount(place.expired.length)} ${place.expired.length === 1 ? 'recipient' : 'recipients'} still deferred` : '';
  return {
    range: o.range,
    severity,
    code: outcomeCode(o),
    message: outcomeMessage(o, ex, line, place.end, place.attempt, extra),
    href: ex.references[0]?.url ?? null,
    data: { ...data },
    related: related(o, place),
  };
}

/** A stand-in end for outcomes whose severity does not depend on their story. */
const SELF_END: StoryEnd = { verdict: 'bounced', outcome: null as unknown as Outcome };

/**
 * The problem of how a story ends (its last attempt, or the message's expiry), as the Problems
 * panel would show it for that line; null when its severity is off. Its places are those of the
 * scanned text.
 */
export function endProblem(end: StoryEnd, story: Story | null, settings: Settings): Problem | null {
  const o = end.outcome;
  const severity = outcomeSeverity(o, end, settings);
  if (severity === 'off') return null;
  const place: Place = { end, attempt: story && story.outcomes.includes(o) ? attemptIn(story, o) : { index: 1, total: 1 }, story, expired: [] };
  return makeProblem(o, place, severity);
}

/**
 * Collects problems as outcomes arrive: severities from the settings and the verdicts, ignored codes
 * left out, at most `maxProblems`, the rest only counted. On a stream the stories of the kept
 * outcomes are followed until they close, so a deferral still says how its story ended.
 */
export class ProblemCollector {
  private readonly kept: Outcome[] = [];
  private readonly resolved = new Map<Outcome, Place>();
  private readonly watched = new Map<string, Outcome[]>();
  omitted = 0;
  private readonly ignored: ReturnType<typeof ignoreMatcher>;

  constructor(
    private readonly settings: Settings,
    private readonly index: OutcomeIndex,
  ) {
    this.ignored = ignoreMatcher(settings.ignoredCodes);
  }

  private placeOf(o: Outcome): Place {
    const known = this.resolved.get(o);
    if (known) return known;
    const story = this.index.storyOf(o);
    return { end: this.index.endOfOutcome(o), attempt: this.index.attemptOf(o), story, expired: o.scope === 'message' ? this.index.expiredBy(o) : [] };
  }

  /** A stream closed a story: remember what the kept attempts of it need. */
  storyClosed(story: Story, end: StoryEnd): void {
    const key = story.outcomes[0]?.key;
    const list = key ? this.watched.get(key) : undefined;
    if (!list) return;
    for (const o of list) this.resolved.set(o, { end, attempt: attemptIn(story, o), story: { outcomes: story.outcomes.slice(0, MAX_RELATED + 1) }, expired: [] });
    this.watched.delete(key!);
  }

  add(o: Outcome): void {
    // Only a deferral's severity depends on how its story ends: the others need no story.
    const severity = outcomeSeverity(o, o.verdict === 'deferred' ? this.index.endOfOutcome(o) : SELF_END, this.settings);
    if (severity === 'off') return;
    if (isIgnoredOutcome(o, this.ignored)) return;
    if (this.kept.length >= this.settings.maxProblems) {
      this.omitted++;
      return;
    }
    this.kept.push(o);
    if (o.key !== null) {
      const list = this.watched.get(o.key);
      if (list) list.push(o);
      else this.watched.set(o.key, [o]);
    }
  }

  /** The problems, plus one closing problem that says how many more there are. */
  result(): ProblemsResult {
    const problems: Problem[] = [];
    for (const o of this.kept) {
      const place = this.placeOf(o);
      const severity = outcomeSeverity(o, place.end, this.settings);
      if (severity !== 'off') problems.push(makeProblem(o, place, severity));
    }
    if (this.omitted > 0) {
      problems.push({
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: 'information',
        code: 'too-many-problems',
        message:
          `SMTP Codes shows the first ${this.settings.maxProblems} problems of this file; ${this.omitted} more are not shown. ` +
          `"SMTP: Scan File…" lists its failures by outcome and code, most severe first; \`smtp-codes check\` on the file lists every one; ` +
          `smtpCodes.maxProblems raises the limit.`,
        href: null,
        data: null,
        related: [],
      });
    }
    return { problems, omitted: this.omitted };
  }
}

/** Problems for a document's outcomes (in file order), plus one closing problem when capped. */
export function computeProblems(outcomes: readonly Outcome[], index: OutcomeIndex, settings: Settings): ProblemsResult {
  const collector = new ProblemCollector(settings, index);
  for (const o of outcomes) collector.add(o);
  return collector.result();
}
