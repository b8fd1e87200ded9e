// Delivery outcomes: what the MTA itself recorded about a message and a recipient. Codes are
// the evidence of an outcome; counts, problems, views and summaries are about outcomes.
import type { Finding, Range } from '../types';

/**
 * The MTA's own verdict on one delivery attempt or one incoming transaction:
 * - `delivered`: handed to the next hop or a mailbox (Postfix `status=sent`, Exim `=>`);
 * - `deferred`: kept in the queue to be retried (Postfix `status=deferred`, Exim `==`);
 * - `bounced`: given up, a non-delivery notification goes to the sender;
 * - `expired`: given up on a message still deferred, its time in the queue ran out;
 * - `rejected`: this server refused an incoming transaction (smtpd, cleanup, an ACL).
 */
export type Verdict = 'delivered' | 'deferred' | 'bounced' | 'expired' | 'rejected';

export const VERDICTS: readonly Verdict[] = ['delivered', 'deferred', 'bounced', 'expired', 'rejected'];

/** Which way the mail went: delivered to another server, refused as it came in, or delivered on this host. */
export type Direction = 'outbound' | 'inbound' | 'local';

/** The log format that recorded an outcome (`generic`: a code in a format we do not read; `dsn`: a bounce message). */
export type LogFamily = 'postfix' | 'exim' | 'sendmail' | 'qmail' | 'exchange' | 'm365' | 'ses' | 'sendgrid' | 'dsn' | 'generic';

/** What a family reader understood of one line of its log. */
export type LineRead =
  | {
      kind: 'outcome';
      verdict: Verdict;
      queueId: string | null;
      recipient: string | null;
      sender: string | null;
      remote: string | null;
      direction: Direction;
      /** The record applies to every recipient of the message still waiting (Postfix `status=expired`). */
      scope: 'recipient' | 'message';
      /** [start, end) of the verdict words in the line: where a problem goes when no code decided it. */
      words: [number, number];
      /** The column from which the MTA quotes the remote server (its reply decides the outcome); -1 if none. */
      replyFrom: number;
      /** The MTA's own words on the outcome when it logged no code (Exim `Unrouteable address`). */
      text: string;
      /** A refusal or deferral this server gave with a temporary (4xx) reply. */
      temporary: boolean;
      /** The ID the next server queued the message as (`queued as X`): the trail goes on there when X is in the log too. */
      hop: string | null;
      /**
       * [start, end) of this record's own text, for a line that holds several records (a JSON array of
       * events, one notification per recipient): only the codes inside it are its evidence. Absent: the whole line.
       */
      span?: [number, number];
      /**
       * The delivery this record reports when its message and recipient are on the line that started it
       * (qmail `delivery N: …` after `starting delivery N: msg M to remote r`): resolved from the context.
       */
      attempt?: string;
    }
  /** A line of a message's trail that records no outcome (arrival, queue run, connection): its codes are only mentions. */
  | { kind: 'other'; queueId: string | null }
  /** A line that looks like an attempt but is not one (Exim's `retry time not reached` queue-run skips). */
  | { kind: 'skip'; queueId: string | null }
  /** The message left the queue (Postfix `removed`, Exim `Completed`): its recipients' stories are complete. */
  | { kind: 'end'; queueId: string }
  /** A delivery begins: later lines name only its number (qmail `starting delivery N: msg M to remote r`). */
  | { kind: 'start'; attempt: string; queueId: string; recipient: string; direction: Direction }
  /** A header that names the columns of the lines after it (Exchange `#Fields:`, a CSV export's first row). */
  | { kind: 'columns'; names: readonly string[] };

export type OutcomeRead = Extract<LineRead, { kind: 'outcome' }>;

/** What a line says of its message, for the trail of a message (references, `trace`). */
export interface TrailIds {
  /** The message the line is about: its queue ID (Postfix, Sendmail), message ID (Exim)… */
  queueId: string | null;
  /**
   * Other IDs of the same message the line names: the next hop's (`queued as X` — a content filter's
   * when X is in the log too), its non-delivery notification's, its parent's (an Exim bounce's `R=`).
   */
  links: string[];
  /** The Message-ID header the line records (Postfix cleanup `message-id=<…>`, Exim `id=…`), without brackets. */
  messageId: string | null;
  /** Where the message came from, when the line says (Postfix smtpd `client=`, Exim `H=` on arrival). */
  client?: string | null;
  /** The envelope sender, when the line says (`''` for the null sender `<>` of a notification). */
  sender?: string | null;
  /** The message's size in bytes, when the line says (Postfix qmgr `size=`, Exim `S=` on arrival). */
  size?: number | null;
  /** Records of other messages on the same line (a SendGrid batch): not links, other messages. */
  also?: TrailIds[];
}

/** What earlier lines of a log tell the reader of a line (a CSV header names its columns). */
export interface ReadContext {
  /** The column names the last header of `family` gave, or null when none was read. */
  columns(family: LogFamily): readonly string[] | null;
}

/**
 * A reader of one log family: understands a line, or says it is not its format (null). A line that
 * holds several records (a JSON array of events) reads as an array, each outcome with its `span`.
 */
export interface FamilyReader {
  readonly family: LogFamily;
  /** Cheap first look: could the line be of this family at all? */
  claims(line: string): boolean;
  /**
   * What the line records. `hasCodes`: the scanner found codes on the line — a reader may then skip
   * reading the MTA's own words (`text`), which only matter when no code decides the outcome.
   * `context`: what earlier lines told (a CSV header's columns).
   */
  read(line: string, hasCodes?: boolean, context?: ReadContext): LineRead | readonly LineRead[] | null;
  /** The IDs the line names for the trail; null when the line is not of this family. */
  trail(line: string, context?: ReadContext): TrailIds | null;
  /**
   * The verdicts after which no other record of the same recipient and message comes, so a stream
   * can close the recipient's story there: for a family that logs no message end, the only place
   * its stories close; for one that does, a log read without its end lines (`grep status=`) then
   * holds only the recipients still in flight, not every recipient it names.
   */
  readonly finalVerdicts?: readonly Verdict[];
  /** The family logs when a message leaves the queue (Postfix `removed`, Exim `Completed`, qmail `end msg`). */
  readonly logsMessageEnd?: boolean;
}

/** One delivery outcome, with the codes that are its evidence. */
export interface Outcome {
  verdict: Verdict;
  family: LogFamily;
  /** 0-based line of the record. */
  line: number;
  queueId: string | null;
  /** The recipient as logged (`null` for a message-wide record or a format that names none). */
  recipient: string | null;
  sender: string | null;
  remote: string | null;
  direction: Direction;
  scope: 'recipient' | 'message';
  /** The code that decided the outcome: the replying server's, else the MTA's own status. */
  finding: Finding | null;
  /** The outcome's other code mentions (its status field, the other places of a bounce's reply). */
  readonly evidence: readonly Finding[];
  /** Where the outcome's problem goes: on its deciding code, else on the verdict words. */
  range: Range;
  /** The MTA's words when no code decided (empty otherwise). */
  text: string;
  temporary: boolean;
  /** No MTA verdict was read: it is inferred from the code's class (a format we do not read). */
  inferred: boolean;
  hop: string | null;
  /** The text of the record's line (bounded), for times and stories. */
  lineText: string;
  /** The recipient's story this attempt belongs to (`family, queue ID, recipient`); null when it stands alone. */
  readonly key: string | null;
}

/** Outcome counts as people ask for them: per recipient, its last state; each refused transaction once. */
export interface OutcomeCounts {
  delivered: number;
  deferred: number;
  bounced: number;
  expired: number;
  rejected: number;
}

export function emptyCounts(): OutcomeCounts {
  return { delivered: 0, deferred: 0, bounced: 0, expired: 0, rejected: 0 };
}
