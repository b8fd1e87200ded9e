// Locates ../shared (test and evaluation material beside the repository root), if present.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Repository root: tests are bundled into out/test/..., sources live in test/... */
export const repoRoot = (() => {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'server'))) return dir;
    dir = resolve(dir, '..');
  }
  throw new Error(`cannot find the repository root from ${__dirname}`);
})();

/** The shared material directory, or null when it is absent (a user's fresh clone). */
export const sharedDir: string | null = (() => {
  const candidates = [process.env.SMTP_CODES_SHARED, join(repoRoot, '..', 'shared')].filter(Boolean) as string[];
  return candidates.find((d) => existsSync(join(d, 'README.md'))) ?? null;
})();
