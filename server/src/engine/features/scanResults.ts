// The results of scanning a file (any size, .gz too) as a document people can read and click:
// its failures — each recipient by its last state, each refused transaction — grouped by
// outcome and code, most severe first, each with its real line number and the line as logged
// (decompressed, for a .gz). A problem sits on each failure's code in this text, so clicking it
// in the Problems panel lands on text, not on an editor that cannot show the file. Built as a
// stream is read: only a bounded sample of each group is kept.
import { displayCode } from '../codes';
import { attemptIn, type Story, type StoryEnd } from '../outcomes/stories';
import type { Outcome, OutcomeCounts, Verdict } from '../outcomes/types';
import type { Range } from '../types';
import { endProblem, type Problem } from './diagnostics';
import { ignoreMatcher, type IgnoreMatcher } from './ignore';
import { explainOutcome, isIgnoredOutcome, outcomeCode } from './outcomes';
import { formatCount } from './render';
import type { Settings } from './settings';
import { isFailedEnd } from './summary';

/** A place in the results text that stands for a line of the scanned file. */
export interface ScanResultsLink {
  range: Range;
  /** 0-based line in the scanned file. */
  line: number;
}

export interface ScanResults {
  text: string;
  /** One per listed failure, on its code in `text`. */
  problems: Problem[];
  /** The `line N` label of each listed failure. */
  links: ScanResultsLink[];
  /** Failures listed, and failures counted but not listed (the sample of each group is bounded). */
  listed: number;
  unlisted: number;
}

export interface ScanFacts {
  /** The file as the user named it. */
  path: string;
  bytes: number;
  compressed: boolean;
  cancelled: boolean;
  /** Why the read stopped before the end (a truncated .gz), when it did. */
  error?: string;
  outcomes: OutcomeCounts;
  attempts: { total: number; failed: number };
}

interface Entry {
  end: StoryEnd;
  /** The recipient (a message's expiry names none: its story's). */
  recipient: string | null;
  problem: Problem | null;
  attempts: number;
  firstLine: number;
}

interface Group {
  verdict: Verdict;
  temporary: boolean;
  code: string;
  summary: string;
  reason: string | null;
  count: number;
  entries: Entry[];
  lastLine: number;
}

/** Sections in order of severity: what was given up on first, what may still go through last. */
const SECTIONS: Array<{ verdict: Verdict; temporary: boolean; title: string }> = [
  { verdict: 'bounced', temporary: false, title: 'Bounced' },
  { verdict: 'expired', temporary: false, title: 'Expired (given up after deferrals)' },
  { verdict: 'rejected', temporary: false, title: 'Rejected by this server' },
  { verdict: 'rejected', temporary: true, title: 'Temporarily rejected by this server' },
  { verdict: 'deferred', temporary: false, title: 'Deferred (still deferred at the end of the file)' },
];

const INDENT_ENTRY = '    ';
const INDENT_LINE = '        ';
/** The longest part of a logged line shown; a longer one is cut around its code. */
const MAX_SHOWN = 320;

export class ScanResultsBuilder {
  private readonly groups = new Map<string, Group>();
  private readonly ignored: IgnoreMatcher;
  private ignoredCount = 0;
  private deliveredAfterDeferral = 0;

  /** `perGroup`: how many failures of each outcome and code are listed (the rest are counted). */
  constructor(
    private readonly settings: Settings,
    private readonly perGroup = 50,
  ) {
    this.ignored = ignoreMatcher(settings.ignoredCodes);
  }

  /** A finished story, or a record that stands alone (as OutcomeIndex.onClose gives them). */
  addEnd(end: StoryEnd, story: Story | null): void {
    if (!isFailedEnd(end.verdict)) {
      if (story && story.outcomes.some((o) => o.verdict === 'deferred')) this.deliveredAfterDeferral++;
      return;
    }
    const o = end.outcome;
    if (isIgnoredOutcome(o, this.ignored)) {
      this.ignoredCount++;
      return;
    }
    const temporary = end.verdict === 'rejected' && o.temporary;
    const code = outcomeCode(o);
    const key = `${end.verdict}\u0000${temporary}\u0000${code}`;
    let g = this.groups.get(key);
    if (!g) {
      const ex = explainOutcome(o);
      g = { verdict: end.verdict, temporary, code, summary: ex.summary, reason: ex.reason && ex.reason.id !== 'unclassified' ? ex.reason.label : null, count: 0, entries: [], lastLine: 0 };
      this.groups.set(key, g);
    }
    g.count++;
    g.lastLine = Math.max(g.lastLine, o.line);
    if (g.entries.length >= this.perGroup) return;
    const attempts = story ? attemptIn(story, story.outcomes[story.outcomes.length - 1]).total : 1;
    g.entries.push({ end, recipient: o.recipient ?? story?.outcomes[0]?.recipient ?? null, problem: endProblem(end, story, this.settings), attempts, firstLine: story?.outcomes[0]?.line ?? o.line });
  }

  result(facts: ScanFacts): ScanResults {
    const out: string[] = [];
    const problems: Problem[] = [];
    const links: ScanResultsLink[] = [];
    let listed = 0;
    let unlisted = 0;
    const name = facts.path;
    const o = facts.outcomes;
    const counts = (['bounced', 'expired', 'rejected', 'deferred', 'delivered'] as const).filter((k) => o[k] > 0).map((k) => `${formatCount(o[k])} ${k}`);
    out.push(`SMTP Codes: scan of ${name}${facts.compressed ? ' (gzip, shown decompressed)' : ''}`);
    out.push(
      `${sizeText(facts.bytes)} read${facts.cancelled ? ' before the scan was cancelled (the rest of the file is not included)' : facts.error ? ` before the read failed: ${facts.error} (the rest of the file is not included)` : ''} · ` +
        `${counts.length ? counts.join(', ') : 'no deliveries or failures'} · ${formatCount(facts.attempts.total)} ${facts.attempts.total === 1 ? 'attempt' : 'attempts'}, ${formatCount(facts.attempts.failed)} failed`,
    );
    out.push('Each recipient of a message counts once, by its last state in the file; each refused transaction once.');
    const notes: string[] = [];
    if (this.deliveredAfterDeferral) notes.push(`${formatCount(this.deliveredAfterDeferral)} ${this.deliveredAfterDeferral === 1 ? 'recipient was' : 'recipients were'} deferred, then delivered (not listed).`);
    if (this.ignoredCount) notes.push(`${formatCount(this.ignoredCount)} ${this.ignoredCount === 1 ? 'failure has' : 'failures have'} an ignored code (smtpCodes.ignoredCodes; not listed).`);
    out.push(...notes);
    out.push(`Failures by outcome and code, most severe first; "line N" is the line in ${baseName(name)}. Every failure, line by line: smtp-codes check "${name}"`);
    const all = [...this.groups.values()];
    if (all.length === 0) out.push('', 'No failures.');
    let budget = this.settings.maxProblems;
    for (const section of SECTIONS) {
      const groups = all.filter((g) => g.verdict === section.verdict && g.temporary === section.temporary).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
      if (groups.length === 0) continue;
      const total = groups.reduce((n, g) => n + g.count, 0);
      const unit = section.verdict === 'rejected' ? (total === 1 ? 'transaction' : 'transactions') : total === 1 ? 'recipient' : 'recipients';
      out.push('', `${section.title} — ${formatCount(total)} ${unit}`);
      for (const g of groups) {
        out.push('', `  ${g.code} · ${g.summary}${g.reason ? ` (${g.reason})` : ''} — ${formatCount(g.count)}`);
        let shown = 0;
        for (const e of g.entries.sort((a, b) => a.end.outcome.line - b.end.outcome.line)) {
          if (budget <= 0) break;
          budget--;
          shown++;
          this.entry(e, out, problems, links);
        }
        listed += shown;
        const more = g.count - shown;
        unlisted += more;
        if (more > 0) out.push(`${INDENT_ENTRY}… and ${formatCount(more)} more (the last at line ${formatCount(g.lastLine + 1)}): smtp-codes check "${name}" lists them all`);
      }
    }
    return { text: `${out.join('\n')}\n`, problems, links, listed, unlisted };
  }

  /** One failure: `line N · recipient · code · how it ended`, then the line as logged; its problem on the code. */
  private entry(e: Entry, out: string[], problems: Problem[], links: ScanResultsLink[]): void {
    const o = e.end.outcome;
    const label = `line ${formatCount(o.line + 1)}`;
    const how = e.attempts > 1 ? `after ${formatCount(e.attempts)} attempts (the first at line ${formatCount(e.firstLine + 1)})` : '';
    const headCode = o.finding ? displayCode(o.finding.reply, o.finding.enhanced) : '';
    const parts = [label, e.recipient ?? (o.remote ? `from ${o.remote}` : ''), headCode, how].filter(Boolean);
    const head = `${INDENT_ENTRY}${parts.join(' · ')}`;
    const headLine = out.length;
    out.push(head);
    links.push({ range: { start: { line: headLine, character: INDENT_ENTRY.length }, end: { line: headLine, character: INDENT_ENTRY.length + label.length } }, line: o.line });
    const shown = shownLine(o);
    out.push(`${INDENT_LINE}${shown.text}`);
    if (!e.problem) return;
    let range: Range;
    if (shown.code) {
      range = { start: { line: headLine + 1, character: INDENT_LINE.length + shown.code[0] }, end: { line: headLine + 1, character: INDENT_LINE.length + shown.code[1] } };
    } else if (headCode) {
      const at = head.lastIndexOf(headCode);
      range = { start: { line: headLine, character: at }, end: { line: headLine, character: at + headCode.length } };
    } else {
      range = links[links.length - 1].range;
    }
    problems.push({ ...e.problem, range, related: [] });
  }
}

/** The logged line as shown (cut around its code when long), and where its code or verdict words are in it. */
function shownLine(o: Outcome): { text: string; code: [number, number] | null } {
  const raw = o.lineText.replace(/[\t\r\n]/g, ' ');
  const r = o.range;
  let code: [number, number] | null = r.start.line === o.line && r.end.line === o.line && r.end.character <= raw.length && r.end.character > r.start.character ? [r.start.character, r.end.character] : null;
  // The range is of the scanned text; the line shown must hold the code there (a bounce's field is shown unfolded).
  const f = o.finding;
  if (code && f && !raw.slice(code[0], code[1]).includes((f.reply ?? f.enhanced)!)) code = null;
  if (raw.length <= MAX_SHOWN) return { text: raw, code };
  const from = code ? Math.max(0, Math.min(code[0] - 100, raw.length - MAX_SHOWN)) : 0;
  const to = Math.min(raw.length, from + MAX_SHOWN);
  const prefix = from > 0 ? '…' : '';
  const text = `${prefix}${raw.slice(from, to)}${to < raw.length ? '…' : ''}`;
  if (code) code = [code[0] - from + prefix.length, code[1] - from + prefix.length];
  return { text, code };
}

function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return i >= 0 ? path.slice(i + 1) : path;
}

function sizeText(bytes: number): string {
  if (bytes >= 1048576) return `${(bytes / 1048576).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${formatCount(bytes)} bytes`;
}
