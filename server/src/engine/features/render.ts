// Renders an explanation for people: Markdown (hovers), HTML (the offline remedy page) and
// plain text (clipboard, CLI). Text that comes from the document is always escaped: a log
// line holding `[x](command:...)` or HTML never becomes a link or markup. Links we add are
// https and on the documentation allow-list.
import type { Explanation } from '../explain';
import { isAllowedReferenceUrl, type Actor } from '../knowledge/index';
import type { CodeClass } from '../types';

const ACTOR_WORDS: Record<Actor, string> = {
  sender: 'the sender',
  'sender-admin': "the sender's mail admin",
  recipient: 'the recipient',
  'recipient-admin': "the recipient's mail admin",
  nobody: 'nobody (it clears by itself)',
};

export const CLASS_LABEL: Record<CodeClass, string> = {
  success: 'success',
  intermediate: 'intermediate',
  transient: 'transient failure',
  permanent: 'permanent failure',
};

/** Escapes every ASCII punctuation character CommonMark could read as syntax (`<`, `>`, `&` as entities), and line breaks. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+\-.!|~:/"'=^$%@;,?]/g, (c) => `\\${c}`)
    .replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'))
    .replace(/[\r\n]+/g, ' ');
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Our own knowledge-base text (never the document's), where `backticks` mark commands, headers
 * and replies: shown as code. Everything else is escaped as usual.
 */
function kbMarkdown(text: string): string {
  return text
    .split('`')
    // A code span shows its text as is; one holding < or > is written as escaped text instead,
    // so a hover never carries a raw angle bracket.
    .map((part, i) => (i % 2 === 1 && part && !/[\n<>]/.test(part) ? `\`${part}\`` : escapeMarkdown(part)))
    .join('');
}

function kbHtml(text: string): string {
  return text
    .split('`')
    .map((part, i) => (i % 2 === 1 && part ? `<code>${escapeHtml(part)}</code>` : escapeHtml(part)))
    .join('');
}

function actorsText(actors: Actor[]): string {
  return actors.map((a) => ACTOR_WORDS[a]).join(', ');
}

/** `permanent failure · hard bounce · user unknown` */
export function classLine(ex: Explanation): string {
  const parts: string[] = [];
  if (ex.class) parts.push(CLASS_LABEL[ex.class]);
  if (ex.bounce) parts.push(`${ex.bounce} bounce`);
  if (ex.reason && ex.reason.id !== 'delivered' && ex.reason.id !== 'unclassified') parts.push(ex.reason.label);
  return parts.join(' · ');
}

// One formatter, made when first needed (setting one up takes ~20 ms of a CLI run's start):
// `n.toLocaleString('en-US')` (the same by ECMA-402) would set one up per call.
let countFormat: Intl.NumberFormat | null = null;

/**
 * A count as people read it: 1,234 (en-US). A safe integer (every count) is grouped here, as
 * the en-US formatter groups it; anything else goes to the formatter (`-0`, fractions, NaN…).
 */
export const formatCount = (n: number): string => {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return (countFormat ??= new Intl.NumberFormat('en-US')).format(n);
  // A safe integer prints exactly, without an exponent.
  const digits = String(n < 0 ? -n : n);
  let out = digits;
  if (digits.length > 3) {
    const head = digits.length % 3 || 3;
    out = digits.slice(0, head);
    for (let i = head; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  }
  return n < 0 ? `-${out}` : out;
};

/** One line for a Problems-panel message or a CLI row: `550 5.1.1 The recipient mailbox does not exist (user unknown)`. */
export function oneLine(ex: Explanation): string {
  const tags: string[] = [];
  if (ex.reason && ex.reason.id !== 'delivered' && ex.reason.id !== 'unclassified') tags.push(ex.reason.label);
  if (ex.provider) tags.push(ex.provider.name);
  return `${ex.code} ${ex.summary}${tags.length ? ` (${tags.join(', ')})` : ''}`;
}

const MAX_QUOTE = 300;
/** Log syntax before a reply that a status field carries (`, status=deferred (connect to ...)`). */
const STATUS_FIELD_PREFIX = /^[,;]?[ \t]*status=[a-z]{1,20}[ \t]*\(/i;

/**
 * The server's own words: the reply text without the log syntax around it (a Postfix
 * `dsn=4.4.1, status=deferred (...)` status carries its reply in parentheses).
 */
export function serverWords(serverText: string | undefined): string | null {
  if (!serverText) return null;
  let t = serverText.trim();
  const prefix = STATUS_FIELD_PREFIX.exec(t);
  if (prefix) {
    t = t.slice(prefix[0].length);
    if (t.endsWith(')')) t = t.slice(0, -1);
  }
  t = t.trim();
  if (!t) return null;
  return t.length > MAX_QUOTE ? `${t.slice(0, MAX_QUOTE)}…` : t;
}

// Every rendering follows one order: headline (code, title, class and bounce type), what it
// means, who acts, what to do, likely causes, the server's own words, then notes (class
// conflicts, RFC detail, other uses of the code), then references.

/** Markdown for a hover. `serverText` is the reply text from the document (escaped here). */
export function explanationMarkdown(ex: Explanation, serverText?: string): string {
  const out: string[] = [];
  // The class and the bounce type in words share the headline's second line: a hover shows little.
  const second = ex.bounceNote && ex.class ? `${CLASS_LABEL[ex.class]} · ${ex.bounceNote}` : classLine(ex);
  out.push(`**${escapeMarkdown(ex.code)}** · ${escapeMarkdown(ex.title)}  \n*${kbMarkdown(second)}*`);
  out.push(`**${kbMarkdown(ex.summary)}**`);
  for (const p of ex.explanation) out.push(kbMarkdown(p));
  const facts: string[] = [];
  if (ex.actors.length) facts.push(`**Who acts:** ${escapeMarkdown(actorsText(ex.actors))}`);
  if (ex.provider) facts.push(`**Provider:** ${escapeMarkdown(ex.provider.name)}`);
  if (facts.length) out.push(facts.join(' · '));
  if (ex.remedies.length) out.push(`**What to do**\n\n${ex.remedies.map((r, i) => `${i + 1}. ${kbMarkdown(r)}`).join('\n')}`);
  if (ex.causes.length) out.push(`**Likely causes**\n\n${ex.causes.map((c) => `- ${kbMarkdown(c)}`).join('\n')}`);
  const quote = serverWords(serverText);
  if (quote) out.push(`**Server said:** *${escapeMarkdown(quote)}*`);
  for (const n of ex.notes) out.push(`Note: ${kbMarkdown(n)}`);
  const links = ex.references.filter((r) => isAllowedReferenceUrl(r.url)).map((r) => `[${escapeMarkdown(r.title)}](${r.url})`);
  if (links.length) out.push(links.join(' · '));
  return out.join('\n\n');
}

/** Plain text (clipboard, CLI `explain`). */
export function explanationText(ex: Explanation, serverText?: string): string {
  const out: string[] = [];
  out.push(`${ex.code} — ${ex.title}`);
  out.push(classLine(ex));
  if (ex.bounceNote) out.push(ex.bounceNote);
  out.push('');
  out.push(ex.summary);
  out.push('');
  for (const p of ex.explanation) out.push(p, '');
  if (ex.actors.length) out.push(`Who acts: ${actorsText(ex.actors)}`);
  if (ex.provider) out.push(`Provider: ${ex.provider.name}`);
  if (ex.actors.length || ex.provider) out.push('');
  if (ex.remedies.length) out.push('What to do:', ...ex.remedies.map((r, i) => `  ${i + 1}. ${r}`), '');
  if (ex.causes.length) out.push('Likely causes:', ...ex.causes.map((c) => `  - ${c}`), '');
  const quote = serverWords(serverText);
  if (quote) out.push(`Server said: ${quote}`, '');
  for (const n of ex.notes) out.push(`Note: ${n}`, '');
  if (ex.references.length) out.push('References:', ...ex.references.map((r) => `  ${r.title}: ${r.url}`));
  return out.join('\n').trimEnd() + '\n';
}

/**
 * A self-contained page for a webview: no scripts (its content security policy allows only
 * inline styles), the theme's font and colours through VS Code's CSS variables, with fallbacks
 * so it also reads well outside VS Code. `bodyStyle` adds to the body's rule; `css` the rest.
 */
export function htmlPage(title: string, bodyStyle: string, css: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
body { font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 14px); color: var(--vscode-foreground, #222); background: var(--vscode-editor-background, #fff); margin: 0 auto; ${bodyStyle} }
${css}
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

const CLASS_COLOR_VAR: Record<CodeClass, string> = {
  success: 'var(--vscode-testing-iconPassed, #388a34)',
  intermediate: 'var(--vscode-descriptionForeground, #717171)',
  transient: 'var(--vscode-editorWarning-foreground, #bf8803)',
  permanent: 'var(--vscode-editorError-foreground, #e51400)',
};

/**
 * A self-contained HTML page (the offline remedy page). No scripts; styles inline; colours
 * from the VS Code theme variables so it follows the user's theme. Links are https on the
 * allow-list and open in the browser only when clicked.
 */
export function explanationHtml(ex: Explanation, serverText?: string): string {
  const e = escapeHtml;
  const color = ex.class ? CLASS_COLOR_VAR[ex.class] : 'inherit';
  const quote = serverWords(serverText);
  const list = (items: string[], ordered: boolean): string =>
    items.length ? `<${ordered ? 'ol' : 'ul'}>${items.map((i) => `<li>${kbHtml(i)}</li>`).join('')}</${ordered ? 'ol' : 'ul'}>` : '';
  const links = ex.references
    .filter((r) => isAllowedReferenceUrl(r.url))
    .map((r) => `<li><a href="${e(r.url)}">${e(r.title)}</a> <span class="url">${e(new URL(r.url).hostname)}</span></li>`)
    .join('');
  const parts = [ex.replyPart, ex.enhancedPart]
    .filter((p): p is NonNullable<typeof p> => p !== null)
    .map((p) => `<tr><th>${e(p.code)}</th><td>${e(p.title)}</td><td>${e(p.definedBy)}</td></tr>`)
    .join('');
  return htmlPage(
    `SMTP ${e(ex.code)}`,
    `line-height: 1.5; max-width: 52em; padding: 1.5em 2em 3em;`,
    `h1 { font-size: 1.6em; margin: 0 0 .2em; }
h1 .code { color: ${color}; font-family: var(--vscode-editor-font-family, monospace); }
h2 { font-size: 1.1em; margin: 1.6em 0 .4em; border-bottom: 1px solid var(--vscode-panel-border, #ddd); padding-bottom: .2em; }
.class { color: ${color}; font-weight: 600; }
.summary { font-size: 1.15em; font-weight: 600; margin: .8em 0; }
.quote { font-family: var(--vscode-editor-font-family, monospace); background: var(--vscode-textCodeBlock-background, #f4f4f4); padding: .6em .8em; border-radius: 4px; white-space: pre-wrap; word-break: break-word; }
code { font-family: var(--vscode-editor-font-family, monospace); background: var(--vscode-textCodeBlock-background, #f4f4f4); padding: 0 .2em; border-radius: 3px; }
.note { border-left: 3px solid var(--vscode-editorWarning-foreground, #bf8803); padding: .2em .8em; margin: .6em 0; }
table { border-collapse: collapse; } th, td { text-align: left; padding: .2em 1em .2em 0; vertical-align: top; }
th { font-family: var(--vscode-editor-font-family, monospace); }
a { color: var(--vscode-textLink-foreground, #006ab1); }
.url { color: var(--vscode-descriptionForeground, #717171); font-size: .9em; }
.facts { color: var(--vscode-descriptionForeground, #555); }
.bounce { font-style: italic; }`,
    `<h1><span class="code">${e(ex.code)}</span> ${e(ex.title)}</h1>
<div class="class">${e(classLine(ex))}</div>
${ex.bounceNote ? `<p class="bounce">${kbHtml(ex.bounceNote)}</p>` : ''}
<p class="summary">${kbHtml(ex.summary)}</p>
${ex.explanation.map((p) => `<p>${kbHtml(p)}</p>`).join('\n')}
<p class="facts">${ex.actors.length ? `Who acts: ${e(actorsText(ex.actors))}` : ''}${ex.provider ? ` · Provider: ${e(ex.provider.name)}` : ''}</p>
${ex.remedies.length ? `<h2>What to do</h2>${list(ex.remedies, true)}` : ''}
${ex.causes.length ? `<h2>Likely causes</h2>${list(ex.causes, false)}` : ''}
${quote ? `<h2>What the server said</h2><div class="quote">${e(quote)}</div>` : ''}
${ex.notes.length ? `<h2>Notes</h2>${ex.notes.map((n) => `<div class="note">${kbHtml(n)}</div>`).join('\n')}` : ''}
${parts ? `<h2>The codes</h2><table>${parts}</table>` : ''}
${links ? `<h2>References</h2><ul>${links}</ul>` : ''}`,
  );
}
