// UI tests: what a user sees. The packaged smtp-codes.vsix installed into a fresh code-server
// (the real VS Code workbench), driven in Debian's headless Chromium with playwright-core.
// Each step saves a screenshot under test-results/e2e/code-server-VERSION/. Every wait is on a
// condition in the page (Playwright's auto-waiting locators), never a fixed sleep.
// Run with `npm run test:e2e` (needs `npm run package` and scripts/code-server/install.sh).
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { FIXTURES, writeFixtures } from '../vscode/fixtures';
import { CODE_SERVER_VERSION, ROOT, launchBrowser, startCodeServer, type Browser, type CodeServer } from './support/codeServer';
import type { PageWindow } from './support/dom';

const VSIX = process.env.SMTP_CODES_VSIX || join(ROOT, 'smtp-codes.vsix');
const SHOTS = join(ROOT, 'test-results', 'e2e', `code-server-${CODE_SERVER_VERSION}`);
const STEP_TIMEOUT = 60000;

let server: CodeServer | undefined;
let browser: Browser | undefined;
let page: Page;
let runDir: string;
let workspace: string;

/** Resolves once the page's finite animations (hover and menu fade-ins) have finished. */
async function animationsDone(): Promise<void> {
  await page.evaluate(() => {
    const { document } = globalThis as unknown as PageWindow;
    return Promise.all(document.getAnimations().filter((a) => a.effect?.getTiming().iterations !== Infinity).map((a) => a.finished.catch(() => undefined)));
  });
}

/** A screenshot once the page's finite animations have finished. */
async function shot(name: string): Promise<void> {
  await animationsDone();
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

/** The content document of the visible webview (the iframe inside the webview's iframe). */
function webviewFrame(): FrameLocator {
  return page.locator('iframe.webview.ready').filter({ visible: true }).contentFrame().frameLocator('iframe#active-frame');
}

/** The text of the visible webview, once it matches `expected`. */
async function webviewText(expected: RegExp): Promise<string> {
  const frame = webviewFrame();
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

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** An editor tab by its title (newer versions split a file's label into name and suffix). */
function tab(label: string): Locator {
  return page.locator('.tabs-container .tab').filter({ hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) });
}

/**
 * Waits until `locator`'s text (whitespace squashed) is `expected`; on a timeout the error says
 * what the text was instead, so a wrong value fails as a wrong value, not as a bare timeout.
 */
async function expectText(locator: Locator, expected: string | RegExp, what: string): Promise<string> {
  const pattern = typeof expected === 'string' ? new RegExp(`^\\s*${escapeRegExp(expected).replace(/ /g, '\\s+')}\\s*$`) : expected;
  try {
    await locator.filter({ hasText: pattern }).first().waitFor({ timeout: 15000 });
  } catch {
    const actual = (await locator.allInnerTexts().catch(() => [])).map(squash);
    assert.fail(`${what}: expected ${String(expected)}, have ${JSON.stringify(actual)}`);
  }
  return squash(await locator.filter({ hasText: pattern }).first().innerText());
}

/** Opens a workspace file with Quick Open (Ctrl+P), picking the row named exactly `name`. */
async function openFile(name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor();
  await input.fill(name);
  // Enter opens the selected (first) result once it is this file: results arrive in batches, so
  // clicking a row could hit another file (archive/mail.log.1) that moved under the pointer.
  const exact = page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(name)}\\s*$`) });
  await page.locator('.quick-input-list .monaco-list-row.focused').filter({ has: exact }).waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await tab(name).and(page.locator('.active')).waitFor();
}

/** A view of the side bar by its title; expand or collapse it to share the side bar's height. */
function sidebarPane(title: RegExp): { header: Locator; body: Locator; expand(): Promise<void>; collapse(): Promise<void> } {
  const pane = page.locator('.pane', { has: page.locator('.pane-header h3.title', { hasText: title }) });
  const header = pane.locator('.pane-header');
  const setExpanded = async (expanded: boolean) => {
    await header.waitFor();
    if ((await header.getAttribute('aria-expanded')) !== String(expanded)) await header.click();
    await pane.locator(`.pane-header[aria-expanded="${expanded}"]`).waitFor();
  };
  return { header, body: pane.locator('.pane-body'), expand: () => setExpanded(true), collapse: () => setExpanded(false) };
}

/** The Explorer's folder view (titled with the workspace folder's name). */
const explorerFolders = () => sidebarPane(/^workspace$/i);

/** The status bar item of the editor's cursor ("Ln 5, Col 223 (9 selected)"). */
const cursorStatus = () => page.locator('[id="status.editor.selection"]');
/** Our status bar item ("N permanent · M transient"). */
const failureStatus = () => page.locator('[id="smtp-codes.smtp-codes.smtpCodes.status"]');

/**
 * The SMTP Failures view, expanded, with the folder view collapsed so that it has the side bar's
 * height (the tree renders only the rows that fit), and its tree rows.
 */
async function failuresView(): Promise<{ rows: Locator; row: (level: number, label: string) => Locator; read: (level: number) => Promise<string[]> }> {
  const view = sidebarPane(/^SMTP Failures$/i);
  await view.expand();
  await explorerFolders().collapse();
  const rows = view.body.locator('.monaco-list-row');
  const atLevel = (level: number) => rows.and(page.locator(`[aria-level="${level}"]`));
  return {
    rows,
    /** The row at tree depth `level` whose label is `label`. */
    row: (level, label) => atLevel(level).filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) }),
    /** The rows at depth `level` as "label | description". */
    read: async (level) =>
      Promise.all(
        (await atLevel(level).all()).map(async (r) => {
          const label = squash(await r.locator('.label-name').innerText());
          const description = (await r.locator('.label-description').count()) ? squash(await r.locator('.label-description').innerText()) : '';
          return description ? `${label} | ${description}` : label;
        }),
      ),
  };
}

/** Clicks a tree row, then moves the pointer away so that the row's tooltip does not cover what comes next. */
async function clickRow(row: Locator): Promise<void> {
  await row.click();
  await page.mouse.move(5, 5);
}

/** The line and the 1-based columns of `code` on 1-based line `line` of a fixture. */
function codeAt(fixture: string, line: number, code: string): { line: number; start: number; end: number } {
  const text = FIXTURES[fixture].split('\n')[line - 1];
  const i = text.indexOf(code);
  assert.ok(i >= 0, `${code} on line ${line} of ${fixture}`);
  return { line, start: i + 1, end: i + code.length + 1 };
}

describe(`SMTP Codes in the VS Code UI (code-server ${CODE_SERVER_VERSION})`, { timeout: 5 * 60000 }, () => {
  before(async () => {
    if (!existsSync(VSIX)) throw new Error(`${VSIX} is missing: run \`npm run package\` first`);
    rmSync(SHOTS, { recursive: true, force: true });
    mkdirSync(SHOTS, { recursive: true });
    runDir = mkdtempSync(join(tmpdir(), 'smtp-codes-e2e-'));
    workspace = join(runDir, 'workspace');
    mkdirSync(workspace);
    writeFixtures(workspace);
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
    await openFile('mail.log');
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
    assert.match(text, /Hard bounce \(user unknown\): /);
    // One order: what it means, who acts, what to do, then the server's own words, then notes.
    const at = ['Who acts', 'What to do', 'Server said'].map((part) => text.indexOf(part));
    assert.ok(at.every((i) => i >= 0) && at[0] < at[1] && at[1] < at[2], `order of the hover: ${JSON.stringify(at)} in ${text.slice(0, 400)}`);
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
    // Words find entries through the engine's ranking (reason aliases, titles, providers).
    await input.fill('no such user');
    const rows = page.locator('.quick-input-list .monaco-list-row');
    await rows.first().locator('.label-name', { hasText: /^5\.1\.1$/ }).waitFor();
    console.log(`"no such user" lists: ${JSON.stringify((await rows.allInnerTexts()).slice(0, 5).map((t) => t.replace(/\s+/g, ' ').slice(0, 80)))}`);
    await shot('08a-explain-code-words');
    await input.fill('550 5.7.1 gmail');
    // Wait for this query's list (the previous one also had Gmail rows): 5.7.1 first, from Gmail.
    await rows.first().locator('.label-name', { hasText: /^5\.7\.1$/ }).waitFor();
    assert.match(await rows.first().innerText(), /Gmail/);
    await shot('08b-explain-code-pair-and-words');
    await input.fill('qwertyuiop');
    await rows.filter({ hasText: 'Nothing matches' }).first().waitFor();
    assert.match(await rows.first().innerText(), /Try a code/);
    await shot('08c-explain-code-empty');
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
  step('the status bar counts the failures of the active file', async () => {
    await openFile('mx2.maillog');
    await page.locator('.monaco-editor .squiggly-error').first().waitFor();
    // mx2.maillog: 550 5.1.1 ×3 and 554 5.7.1 (permanent), 452 4.2.2 (transient); see fixtures.ts.
    const text = await expectText(failureStatus(), '4 permanent · 1 transient', 'the status bar item of mx2.maillog');
    assert.equal(await failureStatus().getAttribute('aria-label'), 'SMTP Codes: 4 permanent and 1 transient failures');
    await shot('10-status-bar-mx2');
    // It follows the active editor: mail.log has one of each.
    await openFile('mail.log');
    await expectText(failureStatus(), '1 permanent · 1 transient', 'the status bar item of mail.log');
    await openFile('mx2.maillog');
    await expectText(failureStatus(), '4 permanent · 1 transient', 'the status bar item of mx2.maillog again');
    console.log(`status bar: "${text}"`);
  });

  step('the SMTP Failures view lists codes, then recipient domains, then occurrences', async () => {
    const view = await failuresView();
    await view.row(1, '550 5.1.1').waitFor();
    await expectText(view.rows.first(), /^\s*4 permanent · 1 transient\s*$/, 'the view\'s first row');
    assert.deepEqual(await view.read(1), [
      '4 permanent · 1 transient',
      'By bounce reason',
      '550 5.1.1 | 3 · user unknown',
      '554 5.7.1 | 1 · relaying denied',
      '452 4.2.2 | 1 · mailbox full',
    ]);
    await clickRow(view.row(1, '550 5.1.1'));
    await view.row(2, 'example.org').waitFor();
    assert.deepEqual(await view.read(2), ['example.net | 2', 'example.org | 1']);
    await clickRow(view.row(2, 'example.net'));
    await view.row(3, 'line 5 · dee@example.net').waitFor();
    const occurrences = await view.read(3);
    assert.deepEqual(
      occurrences.map((o) => o.replace(/ \|.*/, '')),
      ['line 1 · ana@example.net', 'line 5 · dee@example.net'],
    );
    for (const o of occurrences) assert.match(o, /\| <\w+@example\.net>: Recipient address rejected: User unknown$/, 'each occurrence shows its reply text');
    console.log(`SMTP Failures view: ${JSON.stringify([...(await view.read(1)), ...(await view.read(2)), ...occurrences])}`);
    await shot('11-failures-view');
  });

  step('clicking an occurrence in the SMTP Failures view selects its code in the editor', async () => {
    const view = await failuresView();
    await expectText(cursorStatus(), 'Ln 1, Col 1', 'the cursor before');
    const dee = codeAt('mx2.maillog', 5, '550 5.1.1');
    await clickRow(view.row(3, 'line 5 · dee@example.net'));
    // The code is selected: the cursor is at its end, nine characters selected.
    await expectText(cursorStatus(), `Ln 5, Col ${dee.end} (9 selected)`, 'the cursor after clicking line 5');
    await page.locator('.monaco-editor .selected-text').first().waitFor();
    await shot('12-failure-revealed-line-5');
    await clickRow(view.row(2, 'example.org'));
    const bo = codeAt('mx2.maillog', 3, '550 5.1.1');
    await clickRow(view.row(3, 'line 3 · bo@example.org'));
    await expectText(cursorStatus(), `Ln 3, Col ${bo.end} (9 selected)`, 'the cursor after clicking line 3');
  });

  step('clicking the status bar item opens the failure summary: counts and a chart', async () => {
    await failureStatus().click();
    await tab('SMTP Summary: mx2.maillog').waitFor();
    const text = squash(await webviewText(/permanent failures/));
    assert.match(text, /\b4 permanent failures 1 transient failures 2 successes\b/, `the counts in: ${text.slice(0, 300)}`);
    assert.match(text, /By code code failures meaning reason 550 5\.1\.1 3 /);
    assert.match(text, /Failures over time/);
    const chart = webviewFrame().locator('svg.chart');
    assert.equal(await chart.getAttribute('aria-label'), 'Failures over time');
    const bars = chart.locator('rect');
    assert.ok((await bars.count()) > 0, 'the chart has bars');
    const box = await chart.boundingBox();
    assert.ok(box && box.width > 200 && box.height > 50, `the chart is drawn: ${JSON.stringify(box)}`);
    console.log(`summary of mx2.maillog: ${await bars.count()} bars; "${text.slice(0, 200)}"`);
    await shot('13-summary-mx2');
  });

  step('SMTP: Show Failure Summary (command palette) shows the active file\'s summary', async () => {
    await openFile('mail.log');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await input.fill('>SMTP: Show Failure Summary');
    await page.locator('.quick-input-list .monaco-list-row.focused', { has: page.locator('.label-name', { hasText: /^\s*SMTP: Show Failure Summary\s*$/ }) }).waitFor();
    await page.keyboard.press('Enter');
    // The summary tab is reused: its title and page now are mail.log's.
    await tab('SMTP Summary: mail.log').waitFor();
    const text = squash(await webviewText(/mail\.log/));
    assert.match(text, /\b1 permanent failures 1 transient failures 1 successes\b/, `the counts in: ${text.slice(0, 300)}`);
    await webviewFrame().locator('svg.chart rect').first().waitFor();
    await shot('14-summary-mail-log');
  });

  step('SMTP: Scan File… in the Explorer\'s context menu scans a gzip-compressed log that is not open', async () => {
    await explorerFolders().expand();
    const explorerRow = (name: string) => page.locator('.explorer-folders-view .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(name)}\\s*$`) }) });
    const archive = explorerRow('archive');
    if ((await archive.getAttribute('aria-expanded')) !== 'true') await clickRow(archive);
    await explorerRow('mail.log.2.gz').click({ button: 'right' });
    const item = page.locator('.monaco-menu .action-item', { hasText: /^\s*Scan File…\s*$/ });
    await item.waitFor();
    // A click on a context menu that is still fading in does nothing.
    await animationsDone();
    await shot('15-explorer-context-menu');
    await item.click();
    // The progress notification (shown for at least 800 ms) counts in the unit of the file's size.
    const progress = page.locator('.notification-toast', { hasText: 'SMTP Codes: scanning mail.log.2.gz' });
    const size = statSync(join(workspace, 'archive', 'mail.log.2.gz')).size;
    const counted = await expectText(progress.locator('.notification-list-item-message'), /scanning mail\.log\.2\.gz: \S+ of \S+ \w+/, 'the progress notification');
    assert.equal(counted, `SMTP Codes: scanning mail.log.2.gz: ${size} of ${size} bytes`);
    const toast = page.locator('.notification-toast', { hasText: 'SMTP Codes: mail.log.2.gz:' });
    await toast.waitFor();
    const message = squash(await toast.locator('.notification-list-item-message').innerText());
    assert.match(message, /^SMTP Codes: mail\.log\.2\.gz: 1 permanent and 2 transient failures, 0 successes\. Most frequent: 452 4\.2\.2 ×2, 552 5\.2\.2 ×1\.$/);
    console.log(`notification: "${message}"`);
    // The progress notification closes once the scan is done (VS Code shows one for at least 800 ms).
    await page.locator('.notification-toast', { hasText: 'SMTP Codes: scanning mail.log.2.gz' }).waitFor({ state: 'hidden' });
    await page.locator('.notification-toast.notification-fade-in-done', { hasText: 'SMTP Codes: mail.log.2.gz:' }).waitFor();
    await shot('16-scan-file-notification');
    await toast.locator('.monaco-button', { hasText: 'Show Summary' }).click();
    await tab('SMTP Summary: mail.log.2.gz').waitFor();
    const text = squash(await webviewText(/mail\.log\.2\.gz/));
    assert.match(text, /\b1 permanent failures 2 transient failures 0 successes\b/, `the counts in: ${text.slice(0, 300)}`);
    assert.equal(await tab('mail.log.2.gz').count(), 0, 'the scanned file is not opened in an editor');
    await shot('17-scan-file-summary');
  });
  step('SMTP: Scan File… from the command palette asks for the file, then lists its problems', async () => {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await input.fill('>SMTP: Scan File');
    await page.locator('.quick-input-list .monaco-list-row.focused', { has: page.locator('.label-name', { hasText: /^\s*SMTP: Scan File…\s*$/ }) }).waitFor();
    await page.keyboard.press('Enter');
    // No file argument: the open dialog (code-server's own, in the quick input) asks for one.
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'SMTP: Scan File' }).waitFor();
    // It starts in the workspace folder; typing before it has listed that folder gets overwritten.
    const entry = (name: string) => page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(name)}\\s*$`) }) });
    await entry('archive').waitFor();
    await input.fill(join(workspace, 'archive', 'mail.log.1'));
    await entry('mail.log.1').waitFor();
    await shot('18-scan-file-dialog');
    await page.keyboard.press('Enter');
    const toast = page.locator('.notification-toast', { hasText: 'SMTP Codes: mail.log.1:' });
    await toast.waitFor();
    const message = squash(await toast.locator('.notification-list-item-message').innerText());
    assert.match(message, /^SMTP Codes: mail\.log\.1: 1 permanent and 1 transient failures, 1 success/);
    console.log(`notification: "${message}"`);
    await toast.locator('.monaco-button', { hasText: 'Show Problems' }).click();
    const rows = page.locator('.markers-panel .monaco-list-row');
    await rows.filter({ hasText: '451 4.7.1' }).waitFor();
    assert.match(squash(await rows.filter({ hasText: '451 4.7.1' }).innerText()), /\[Ln 2, Col \d+\]/);
    assert.equal(await tab('mail.log.1').count(), 0, 'the scanned file is not opened in an editor');
    await page.locator('.notification-toast', { hasText: 'SMTP Codes: scanning mail.log.1' }).waitFor({ state: 'hidden' });
    await shot('19-scan-file-problems');
  });
});
