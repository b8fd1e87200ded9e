// The in-host test entry point that @vscode/test-electron (and our code-server runner) load
// inside the extension host: runs the mocha suite and reports failures through the promise.
// SMTP_CODES_INHOST_GREP runs only the tests whose title matches it (while working on some).
import Mocha from 'mocha';
import { join } from 'node:path';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000, reporter: 'spec' });
  if (process.env.SMTP_CODES_INHOST_GREP) mocha.grep(process.env.SMTP_CODES_INHOST_GREP);
  mocha.addFile(join(__dirname, 'extension.test.js'));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} in-host test(s) failed`)) : resolve()));
    // A plain closing line that CI logs can be read by, whichever VS Code ran the suite.
    runner.on('end', () => {
      const { passes = 0, failures = 0, pending = 0 } = runner.stats ?? {};
      console.log(`in-host: ${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ''}`);
    });
  });
}
