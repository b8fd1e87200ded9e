// `npm run test:vscode`: runs the in-host suite in a real VS Code with @vscode/test-electron.
// Desktop VS Code is downloaded by test-electron (needs network access to Microsoft's
// servers). Set VSCODE_EXECUTABLE to run it with another executable that speaks the same
// command line (our code-server runner, see test/e2e/README.md), and VSCODE_VERSION to pick
// the desktop version (default: the minimum we support, 1.96.4; "stable" for the newest).
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { writeFixtures } from './fixtures';

async function main(): Promise<void> {
  const root = resolve(__dirname, '..', '..', '..');
  const base = mkdtempSync(join(tmpdir(), 'smtp-codes-vscode-'));
  const workspace = join(base, 'workspace');
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFixtures(workspace);
  writeFileSync(join(workspace, '.vscode', 'settings.json'), '{}\n');
  const code = await runTests({
    version: process.env.VSCODE_VERSION ?? '1.96.4',
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'out', 'test', 'vscode', 'suite', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', `--user-data-dir=${join(base, 'user-data')}`, `--extensions-dir=${join(base, 'extensions')}`],
  });
  process.exitCode = code;
}

main().catch((err) => {
  console.error(`test:vscode failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
