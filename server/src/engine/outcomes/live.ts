// The stories of a log followed for days (`check --follow`, `exporter`): a streaming index that
// keeps only what counting needs, with a bound on the messages it holds.
// - An outcome read from a stream holds its scanned text (its finding reads the reply from the
//   chunk it was found in, its line is a slice of it): a message deferred for days would keep
//   that chunk alive. The index keeps a copy with the story's facts only (verdict, IDs, line).
// - A message whose end the log never shows (followed from the middle, a lost `removed` line)
//   would stay forever: beyond `maxMessages` in flight, the oldest is closed — counted with the
//   state it had, as at the end of a file — and forgotten.
import { OutcomeIndex, ownString as own, storyKey } from './stories';
import type { LogFamily, Outcome } from './types';

/** Messages in flight kept by default: a busy relay's deferred queue, at about 1 KB each. */
export const MAX_MESSAGES_IN_FLIGHT = 50_000;

/** The facts of an outcome a story needs, without the text it was read from. */
export function detachOutcome(o: Outcome): Outcome {
  const queueId = own(o.queueId);
  const recipient = own(o.recipient);
  const line = o.line;
  return {
    verdict: o.verdict,
    family: o.family,
    line,
    queueId,
    recipient,
    sender: null,
    remote: null,
    direction: o.direction,
    scope: o.scope,
    finding: null,
    evidence: [],
    range: { start: { line, character: 0 }, end: { line, character: 0 } },
    text: '',
    temporary: o.temporary,
    inferred: o.inferred,
    hop: null,
    lineText: '',
    key: storyKey(o.family, queueId, recipient, o.scope, o.verdict),
  };
}

const messageKey = (family: LogFamily, queueId: string) => `${family}\u0000${queueId}`;

export class LiveOutcomeIndex extends OutcomeIndex {
  /** Messages with open stories or expiries, oldest first, with their open stories. */
  private readonly inFlight = new Map<string, { family: LogFamily; queueId: string; open: number }>();

  constructor(private readonly maxMessages = MAX_MESSAGES_IN_FLIGHT) {
    super({ streaming: true });
  }

  override add(o: Outcome): void {
    const had = o.key !== null && this.storyOf(o) !== null;
    super.add(detachOutcome(o));
    // Opened a story (not one more attempt of a story open or already told).
    const opens = o.key !== null && !had && this.storyOf(o) !== null;
    if (o.queueId === null || (o.key === null && o.scope !== 'message')) return;
    const mk = messageKey(o.family, o.queueId);
    let m = this.inFlight.get(mk);
    // One more attempt of a story already told keeps no message in flight.
    if (!m && !opens && o.scope !== 'message') return;
    if (!m) {
      m = { family: o.family, queueId: own(o.queueId), open: 0 };
      this.inFlight.set(mk, m);
      if (this.inFlight.size > this.maxMessages) {
        const oldest = this.inFlight.values().next().value!;
        this.close(oldest.family, oldest.queueId);
      }
    }
    if (opens) m.open++;
  }

  override close(family: LogFamily, queueId: string): void {
    this.inFlight.delete(messageKey(family, queueId));
    super.close(family, queueId);
  }

  /** A family that logs no message end completed a story: its message is gone once its last story is. */
  override closeStory(o: Outcome): void {
    const had = this.storyOf(o) !== null;
    super.closeStory(o);
    if (!had || o.queueId === null) return;
    const mk = messageKey(o.family, o.queueId);
    const m = this.inFlight.get(mk);
    if (m && --m.open <= 0) this.inFlight.delete(mk);
  }

  /** As add, then, closeStory: the messages in flight are kept by those. */
  override addFinal(o: Outcome, then: (o: Outcome) => void): void {
    this.add(o);
    then(o);
    this.closeStory(o);
  }

  /** Messages whose stories are still open. */
  get messagesInFlight(): number {
    return this.inFlight.size;
  }
}
