// Outcomes of an input read as a stream (the CLI, "SMTP: Scan File…"): each piece the stream
// scanner reads is read for outcomes too; a message that leaves the queue closes its stories in
// the index (counted, then forgotten), so memory holds only the messages still in flight.
import type { ScannedTextHook } from '../scanner/lines';
import { LineContext } from './context';
import { READERS, readOutcomes } from './read';
import type { OutcomeIndex } from './stories';
import type { LogFamily, Outcome, Verdict } from './types';

/** Per family that logs no message end, the verdicts that complete a recipient's story. */
const FINAL = new Map<LogFamily, ReadonlySet<Verdict>>(READERS.filter((r) => r.finalVerdicts).map((r) => [r.family, new Set(r.finalVerdicts)]));

/** A hook for LogStreamScanner: outcomes go to `onOutcome` (after joining the index), message ends close stories. */
export function streamOutcomes(index: OutcomeIndex, onOutcome: (o: Outcome) => void): ScannedTextHook {
  /** Outcomes of a multi-line reply still open: given out once its text is complete. */
  let waiting: Outcome[] = [];
  /** What earlier pieces told later ones (qmail's delivery starts, CSV headers): the latest only. */
  const context = new LineContext(true);
  const give = (o: Outcome) => {
    if (FINAL.get(o.family)?.has(o.verdict)) {
      index.addFinal(o, onOutcome);
      return;
    }
    index.add(o);
    onOutcome(o);
  };
  return (text, from, to, baseLine, findings, open) => {
    const { outcomes, ends } = to > from ? readOutcomes(text, from, to, baseLine, findings, { ends: true, context }) : { outcomes: [], ends: [] };
    const ready = waiting.filter((o) => o.finding !== open);
    waiting = waiting.filter((o) => o.finding === open);
    for (const o of ready) give(o);
    // In line order: a message's end closes its stories only after its attempts joined them.
    let e = 0;
    for (const o of outcomes) {
      while (e < ends.length && ends[e].line < o.line) {
        index.close(ends[e].family, ends[e].queueId);
        e++;
      }
      if (open !== null && o.finding === open) waiting.push(o);
      else give(o);
    }
    for (; e < ends.length; e++) index.close(ends[e].family, ends[e].queueId);
  };
}
