// The mail logs of a workspace on disk, for the trail of a message across files that are not
// open: `mail.log`, `maillog`, Exim's `mainlog`/`rejectlog`/`paniclog`, `*.maillog`, `mail.err`…,
// and their rotated siblings (`mail.log.1`, `mail.log.2.gz`, `maillog-20261124`). Found by an
// async walk that skips hidden folders and node_modules, and stops at a few thousand entries.
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

const NAMES = new Set(['mail.log', 'maillog', 'mail.err', 'mail.warn', 'mail.info', 'mainlog', 'rejectlog', 'paniclog']);

/** Whether a file name is a mail log's (rotated or compressed ones too). */
export function isMailLogName(name: string): boolean {
  let base = name.toLowerCase();
  if (base.endsWith('.gz')) base = base.slice(0, -3);
  // A rotation suffix: `.1`…`.999` or a date `-20261124`.
  const m = /(?:\.\d{1,3}|-\d{8})$/.exec(base);
  if (m) base = base.slice(0, m.index);
  return NAMES.has(base) || (base.endsWith('.maillog') && base.length > 8);
}

export interface WalkLimits {
  maxDepth: number;
  maxEntries: number;
  maxFiles: number;
}

const LIMITS: WalkLimits = { maxDepth: 5, maxEntries: 20000, maxFiles: 64 };

/** Mail logs under the folders (regular files only), in walk order; stops at the limits or when cancelled. */
export async function findMailLogs(folders: readonly string[], isCancelled: () => boolean = () => false, limits: WalkLimits = LIMITS): Promise<string[]> {
  const found: string[] = [];
  let entries = 0;
  const queue: Array<{ dir: string; depth: number }> = folders.map((dir) => ({ dir, depth: 0 }));
  while (queue.length && found.length < limits.maxFiles && entries < limits.maxEntries && !isCancelled()) {
    const { dir, depth } = queue.shift()!;
    let list;
    try {
      list = await readdir(dir, { withFileTypes: true });
    } catch {
      continue; // unreadable folder
    }
    list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const d of list) {
      if (++entries > limits.maxEntries || found.length >= limits.maxFiles) break;
      const path = join(dir, d.name);
      if (d.isDirectory()) {
        if (depth + 1 <= limits.maxDepth && !d.name.startsWith('.') && d.name !== 'node_modules') queue.push({ dir: path, depth: depth + 1 });
      } else if (isMailLogName(d.name)) {
        // A symbolic link counts when it leads to a regular file; pipes and devices never do.
        if (d.isFile()) found.push(path);
        else if (d.isSymbolicLink()) {
          try {
            if ((await stat(path)).isFile()) found.push(path);
          } catch {
            // dangling link
          }
        }
      }
    }
  }
  return found;
}
