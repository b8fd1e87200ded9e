// UI tests: what a user sees. The packaged smtp-codes.vsix installed into a fresh code-server
// (the real VS Code workbench), driven in Debian's headless Chromium with playwright-core.
// Each step saves a screenshot under test-results/e2e/code-server-VERSION/. Every wait is on a
// condition in the page (Playwright's auto-waiting locators), never a fixed sleep.
// Run with `npm run test:e2e` (needs `npm run package` and scripts/code-server/install.sh).
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { FIXTURES } from '../vscode/fixtures';
import { CODE_SERVER_VERSION, ROOT, launchBrowser, startCodeServer, type Browser, type CodeServer } from './support/codeServer';
import type { PageWindow } from './support/dom';

const VSIX = process.env.SMTP_CODES_VSIX || join(ROOT, 'smtp-codes.vsix');
const SHOTS = join(ROOT, 'test-results', 'e2e', `code-server-${CODE_SERVER_VERSION}`);
const STEP_TIMEOUT = 60000;

let server: CodeServer | undefined;
let browser: Browser | undefined;
let page: Page;
let runDir: string;

/** A screenshot once the page's finite animations (hover and menu fade-ins) have finished. */
async function shot(name: string): Promise<void> {
  await page.evaluate(() => {
    const { document } = globalThis as unknown as PageWindow;
    return Promise.all(document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity).map((a) => a.finished.catch(() => undefined)));
  });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/** The editor's text node holding `text`: its on-screen box and computed colour. */
async function tokenOf(text: string): Promise<{ x: number; y: number; width: number; height: number; color: string }> {
  const handle = await page.waitForFunction((text) => {
    const { document, getComputedStyle } = globalThis as unknown as PageWindow;
    for (const line of document.querySelectorAll('.monaco-editor .view-lines .view-line')) {
      for (const span of line.querySelectorAll('span > span')) {
        const i = span.textContent?.indexOf(text) ?? -1;
        const node = span.firstChild;
        if (i < 0 || !node) continue;
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + text.length);
        const r = range.getBoundingClientRect();
        return { x: r.x, y: r.y, width: r.width, height: r.height, color: getComputedStyle(span).color };
      }
    }
    return null;
  }, text);
  return (await handle.jsonValue())!;
}

/** The text of a webview's content document (the iframe inside the webview's iframe). */
async function webviewText(expected: RegExp): Promise<string> {
  const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
  await frame.locator('body').filter({ hasText: expected }).waitFor();
  return frame.locator('body').innerText();
}

/** A test step: on failure, a screenshot of the moment (FAILED-….png) before the error is reported. */
function step(name: string, body: () => Promise<void>): void {
  test(name, { timeout: STEP_TIMEOUT }, async () => {
    try {
      await body();
    } catch (err) {
      await shot(`FAILED-${name.replace(/[^\w.-]+/g, '-').slice(0, 60)}`).catch(() => undefined);
      throw err;
    }
  });
}

/** An editor tab by its title (newer versions split a file's label into name and suffix). */
function tab(label: string): Locator {
  return page.locator('.tabs-container .tab').filter({ hasText: new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) });
}

describe(`SMTP Codes in the VS Code UI (code-server ${CODE_SERVER_VERSION})`, { timeout: 5 * 60000 }, () => {
  before(async () => {
    if (!existsSync(VSIX)) throw new Error(`${VSIX} is missing: run \`npm run package\` first`);
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    runDir = mkdtempSync(join(tmpdir(), 'smtp-codes-e2e-'));
    const workspace = join(runDir, 'workspace');
    mkdirSync(workspace);
    for (const [name, text] of Object.entries(FIXTURES)) writeFileSync(join(workspace, name), text);
    server = startCodeServer({ runDir: join(runDir, 'server'), workspace, vsix: VSIX });
    browser = await launchBrowser();
    page = browser.page;
    page.setDefaultTimeout(30000);
    if (process.env.E2E_DEBUG === '1') page.on('console', (m) => console.log(`[browser ${m.type()}] ${m.text()}`));
    await page.goto(server.url);
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'mail.log' }).waitFor();
    await shot('01-workbench-ready');
  });

  after(async () => {
    await browser?.close();
    server?.stop();
    if (runDir) rmSync(runDir, { recursive: true, force: true });
  });

  step('opens a Postfix log: Mail Log language, errors and warnings underlined', async () => {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await input.fill('mail.log');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'mail.log' }).first().waitFor();
    await page.keyboard.press('Enter');
    await tab('mail.log').waitFor();
    await page.locator('.statusbar-item', { hasText: /^Mail Log$/ }).waitFor();
    await page.locator('.monaco-editor .squiggly-error').first().waitFor();
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor();
    await shot('02-mail-log-open');
  });

  step('colours a permanent failure, a transient failure and a success differently', async () => {
    const permanent = await tokenOf('550');
    const transient = await tokenOf('452');
    const success = await tokenOf('250');
    const plain = await tokenOf('queued');
    const colours = { permanent: permanent.color, transient: transient.color, success: success.color, plain: plain.color };
    assert.equal(new Set(Object.values(colours)).size, 4, `four different colours: ${JSON.stringify(colours)}`);
    console.log(`token colours: ${JSON.stringify(colours)}`);
    await shot('03-grammar-colours');
  });

  step('hovering 550 5.1.1 shows the explanation', async () => {
    const box = await tokenOf('550');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const hover = page.locator('.monaco-hover', { hasText: 'What to do' });
    await hover.waitFor();
    const text = await hover.innerText();
    assert.match(text, /550 5\.1\.1/);
    assert.match(text, /permanent failure/);
    assert.match(text, /The recipient mailbox does not exist/);
    assert.match(text, /What to do/);
    await shot('04-hover-550');
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    await hover.waitFor({ state: 'hidden' });
  });

  step('the Problems panel lists the permanent failure as an error and the transient one as a warning', async () => {
    await page.keyboard.press('Control+Shift+M');
    const rows = page.locator('.markers-panel .monaco-list-row');
    const error = rows.filter({ hasText: '550 5.1.1' });
    const warning = rows.filter({ hasText: '452 4.2.2' });
    await error.waitFor();
    await warning.waitFor();
    assert.equal(await error.locator('.codicon-error').count(), 1, `error icon on: ${await error.innerText()}`);
    assert.equal(await warning.locator('.codicon-warning').count(), 1, `warning icon on: ${await warning.innerText()}`);
    assert.match(await error.innerText(), /smtp-codes/);
    assert.match(await error.innerText(), /\[Ln 1, Col \d+\]/);
    assert.match(await warning.innerText(), /\[Ln 2, Col \d+\]/);
    assert.equal(await rows.filter({ hasText: /250 2\.0\.0/ }).count(), 0, 'successes are not problems by default');
    const entries = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    console.log(`Problems panel: ${JSON.stringify(entries)}`);
    await shot('05-problems-panel');
  });

  step('the quick-fix menu on the diagnostic opens the remedy page', async () => {
    const box = await tokenOf('550');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.press('Control+.');
    const items = page.locator('.action-widget .monaco-list-row');
    const remedy = items.filter({ hasText: 'Open the remedy for 550 5.1.1' });
    await remedy.waitFor();
    const titles = (await items.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
    for (const title of [/^Copy the explanation of 550 5\.1\.1$/, /^Ignore .+ in this workspace$/, /^Open .+ in the browser$/]) {
      assert.ok(titles.some((i) => title.test(i)), `${title} in ${JSON.stringify(titles)}`);
    }
    await shot('06-quick-fix-menu');
    // The remedy is the preferred fix, so the menu opens with it selected: Enter runs it.
    assert.match((await remedy.getAttribute('class')) ?? '', /\bfocused\b/, 'the remedy is the selected fix');
    await page.keyboard.press('Enter');
    await remedy.waitFor({ state: 'hidden' });
    await tab('SMTP 550 5.1.1').waitFor();
    const text = await webviewText(/The recipient mailbox does not exist/);
    assert.match(text, /What to do/);
    await shot('07-remedy-page');
  });

  step('SMTP: Explain Code… finds 5.7.26 and shows its explanation', async () => {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await input.fill('>SMTP: Explain Code');
    // "SMTP: Explain Code at Cursor" may rank first: pick the lookup itself.
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'SMTP: Explain Code…' }).click();
    await page.locator('.quick-input-widget input[placeholder^="Type a code"]').waitFor();
    await input.fill('5.7.26');
    const row = page.locator('.quick-input-list .monaco-list-row').first();
    await row.locator('.label-name', { hasText: /^5\.7\.26$/ }).waitFor();
    const pickText = await row.innerText();
    await shot('08-explain-code-picker');
    await page.keyboard.press('Enter');
    await tab('SMTP 5.7.26').waitFor();
    const text = await webviewText(/5\.7\.26/);
    assert.match(text, /SPF|DKIM|DMARC|authenticat/i, `explanation of 5.7.26: ${text.slice(0, 300)}`);
    console.log(`picked "${pickText.replace(/\s+/g, ' ')}"; the page starts "${text.replace(/\s+/g, ' ').slice(0, 160)}"`);
    await shot('09-explain-5.7.26');
  });
});
