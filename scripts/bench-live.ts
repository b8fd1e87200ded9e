// `node dist/scripts/bench-live.js [--quick]`: only the live logs' part of `npm run bench`
// (check --follow and the exporter on a growing log), after `npm run build`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchLive, type Row } from './bench/live';
import { repoRoot } from '../test/support/shared';

const dir = mkdtempSync(join(tmpdir(), 'smtp-codes-bench-live-'));
const row: Row = (what, value, target, ok) => console.log(`  ${what}: ${value}${target ? `   (target ${target}: ${ok ? 'met' : 'MISSED'})` : ''}`);
benchLive(row, {}, { quick: process.argv.includes('--quick'), dir, cli: join(repoRoot, 'dist', 'cli.js') })
  .catch((err) => {
    console.error(`bench: ${err?.stack ?? err}`);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));
