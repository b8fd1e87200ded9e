// Numbers and outcome counts as the client shows them (1,234; "38 bounced · 12 deferred"), the same in every view.
import type { OutcomeCounts } from '../../server/src/engine/outcomes/types';

export const formatCount = (n: number): string => n.toLocaleString('en-US');

/** The failures first (most severe first), then deliveries: only the non-zero ones. */
const ORDER: Array<keyof OutcomeCounts> = ['bounced', 'expired', 'rejected', 'deferred', 'delivered'];

/** `38 bounced · 12 deferred` (failures only), or `no failures` when there are none. */
export function failureText(c: OutcomeCounts): string {
  const parts = ORDER.filter((k) => k !== 'delivered' && c[k] > 0).map((k) => `${formatCount(c[k])} ${k}`);
  return parts.length ? parts.join(' · ') : 'no failures';
}

/** Every non-zero outcome: `38 bounced, 12 deferred, 120 delivered`. */
export function outcomesText(c: OutcomeCounts): string {
  const parts = ORDER.filter((k) => c[k] > 0).map((k) => `${formatCount(c[k])} ${k}`);
  return parts.length ? parts.join(', ') : 'no deliveries or failures';
}

export function failures(c: OutcomeCounts): number {
  return c.bounced + c.expired + c.rejected + c.deferred;
}
