// Quick fixes offered on a problem. Plain data: a title and a command with arguments; the
// editor side (VS Code client, or the server for other editors) runs the commands.
import { isAllowedReferenceUrl } from '../knowledge/index';
import { explainFinding } from './describe';
import type { ProblemData } from './diagnostics';

export const COMMANDS = {
  openRemedy: 'smtpCodes.openRemedy',
  openReference: 'smtpCodes.openReference',
  copyExplanation: 'smtpCodes.copyExplanation',
  ignoreCode: 'smtpCodes.ignoreCode',
} as const;

export interface QuickFix {
  title: string;
  command: string;
  arguments: unknown[];
  isPreferred?: boolean;
}

/** The quick fixes for one problem, in the order a user wants them. */
export function quickFixesFor(data: ProblemData): QuickFix[] {
  const ex = explainFinding(data);
  if (!ex.known) return [];
  const fixes: QuickFix[] = [
    { title: `Open the remedy for ${ex.code}`, command: COMMANDS.openRemedy, arguments: [data], isPreferred: true },
  ];
  const reference = ex.references.find((r) => isAllowedReferenceUrl(r.url));
  if (reference) {
    fixes.push({ title: `Open ${reference.title} in the browser`, command: COMMANDS.openReference, arguments: [reference.url] });
  }
  fixes.push({ title: `Copy the explanation of ${ex.code}`, command: COMMANDS.copyExplanation, arguments: [data] });
  const ignoreKey = data.enhanced ?? data.reply;
  if (ignoreKey) {
    fixes.push({ title: `Ignore ${ignoreKey}…`, command: COMMANDS.ignoreCode, arguments: [ignoreKey] });
  }
  return fixes;
}
