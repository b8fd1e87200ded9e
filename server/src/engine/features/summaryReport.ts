// The failure summary as a page people read at a glance: counts by class, a chart of
// failures over time, and tables by reason, code, recipient domain, provider and recipient.
// Self-contained HTML: no scripts, inline SVG, colours from the VS Code theme variables (with
// fallbacks), everything from the document escaped.
import { escapeHtml as e, formatCount as fmt, htmlPage } from './render';
import type { CountRow, Summary } from './summary';

const COLORS = {
  permanent: 'var(--vscode-editorError-foreground, #e51400)',
  transient: 'var(--vscode-editorWarning-foreground, #bf8803)',
  success: 'var(--vscode-testing-iconPassed, #388a34)',
  muted: 'var(--vscode-descriptionForeground, #717171)',
  border: 'var(--vscode-panel-border, #ccc)',
  bar: 'var(--vscode-progressBar-background, #0e70c0)',
};


function barTable(title: string, rows: CountRow[], total: number, keyLabel: string): string {
  if (rows.length === 0) return '';
  const max = Math.max(...rows.map((r) => r.count));
  const body = rows
    .map(
      (r) =>
        `<tr><td class="key">${e(r.key)}</td><td class="num">${fmt(r.count)}</td><td class="pct">${total ? ((100 * r.count) / total).toFixed(1) : '0.0'} %</td>` +
        `<td class="barcell"><span class="bar" style="width:${((100 * r.count) / max).toFixed(1)}%"></span></td></tr>`,
    )
    .join('');
  return `<section><h2>${e(title)}</h2><table><thead><tr><th>${e(keyLabel)}</th><th class="num">failures</th><th class="pct">share</th><th></th></tr></thead><tbody>${body}</tbody></table></section>`;
}

/** An inline SVG of stacked bars: permanent and transient failures per time bucket. */
export function timelineSvg(summary: Summary): string {
  const t = summary.timeline;
  if (t.length === 0) return '';
  const width = 760;
  const height = 180;
  const left = 44;
  const bottom = 28;
  const top = 8;
  const plotW = width - left - 8;
  const plotH = height - bottom - top;
  const max = Math.max(1, ...t.map((b) => b.permanent + b.transient));
  const bw = plotW / t.length;
  const bars = t
    .map((b, i) => {
      const x = left + i * bw;
      const hp = (b.permanent / max) * plotH;
      const ht = (b.transient / max) * plotH;
      const w = Math.max(0.5, bw - (bw > 3 ? 1 : 0));
      const title = `<title>${e(b.bucket)}: ${b.permanent} permanent, ${b.transient} transient</title>`;
      return (
        (hp > 0 ? `<rect x="${x.toFixed(1)}" y="${(top + plotH - hp).toFixed(1)}" width="${w.toFixed(1)}" height="${hp.toFixed(1)}" fill="${COLORS.permanent}">${title}</rect>` : '') +
        (ht > 0 ? `<rect x="${x.toFixed(1)}" y="${(top + plotH - hp - ht).toFixed(1)}" width="${w.toFixed(1)}" height="${ht.toFixed(1)}" fill="${COLORS.transient}">${title}</rect>` : '')
      );
    })
    .join('');
  const label = (iso: string) => (summary.bucket === 'day' ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' '));
  return (
    `<svg class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="Failures over time" xmlns="http://www.w3.org/2000/svg">` +
    `<line x1="${left}" y1="${top + plotH}" x2="${width - 8}" y2="${top + plotH}" stroke="${COLORS.border}"/>` +
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotH}" stroke="${COLORS.border}"/>` +
    `<text x="${left - 6}" y="${top + 10}" text-anchor="end" class="axis">${fmt(max)}</text>` +
    `<text x="${left - 6}" y="${top + plotH}" text-anchor="end" class="axis">0</text>` +
    bars +
    `<text x="${left}" y="${height - 8}" class="axis">${e(label(t[0].bucket))}</text>` +
    `<text x="${width - 8}" y="${height - 8}" text-anchor="end" class="axis">${e(label(t[t.length - 1].bucket))}</text>` +
    `</svg>`
  );
}

/** Failures in a summary: recipients whose last state is a failure, and refused transactions. */
export function failureCount(summary: Summary): number {
  const o = summary.outcomes;
  return o.bounced + o.expired + o.deferred + o.rejected;
}

/** The summary report page. */
export function summaryHtml(summary: Summary, title: string): string {
  const failures = failureCount(summary);
  const card = (label: string, n: number, color: string) => `<div class="card"><div class="n" style="color:${color}">${fmt(n)}</div><div class="label">${e(label)}</div></div>`;
  const mix = (rows: CountRow[]) => rows.map((r) => `${e(r.key)} ${fmt(r.count)}`).join(' · ');
  const codes = summary.codes
    .map(
      (c) =>
        `<tr><td class="code" style="color:${c.class === 'permanent' ? COLORS.permanent : COLORS.transient}">${e(c.key)}</td><td class="num">${fmt(c.count)}</td><td>${e(c.summary)}</td><td class="muted">${mix(c.verdicts)}</td><td class="muted">${mix(c.reasons)}</td></tr>`,
    )
    .join('');
  const span = summary.firstTime && summary.lastTime ? `${summary.firstTime.slice(0, 19).replace('T', ' ')} – ${summary.lastTime.slice(0, 19).replace('T', ' ')}` : 'no timestamps';
  const o = summary.outcomes;
  return htmlPage(
    `SMTP failure summary: ${e(title)}`,
    `padding: 1.2em 2em 3em; max-width: 64em;`,
    `h1 { font-size: 1.5em; margin: 0 0 .2em; } h2 { font-size: 1.1em; margin: 1.6em 0 .5em; }
.sub, .muted, .axis { color: ${COLORS.muted}; } .axis { font-size: 11px; fill: ${COLORS.muted}; }
.cards { display: flex; gap: 1em; margin: 1em 0; flex-wrap: wrap; }
.card { border: 1px solid ${COLORS.border}; border-radius: 6px; padding: .6em 1.2em; min-width: 8em; }
.card .n { font-size: 1.8em; font-weight: 600; } .card .label { color: ${COLORS.muted}; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: .25em .8em .25em 0; border-bottom: 1px solid ${COLORS.border}; vertical-align: top; }
th { font-weight: 600; } .num, .pct { text-align: right; white-space: nowrap; } .code { font-family: var(--vscode-editor-font-family, monospace); white-space: nowrap; }
.barcell { width: 30%; } .bar { display: inline-block; height: .8em; background: ${COLORS.bar}; border-radius: 2px; }
.key { word-break: break-all; }
.chart { width: 100%; height: auto; max-height: 240px; }
.legend span { display: inline-block; width: .8em; height: .8em; margin: 0 .3em 0 1em; vertical-align: middle; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(26em, 1fr)); gap: 0 2em; }`,
    `<h1>SMTP failure summary</h1>
<div class="sub">${e(title)} · ${e(span)} · ${fmt(summary.attempts.total)} ${summary.attempts.total === 1 ? 'attempt' : 'attempts'} (${fmt(summary.attempts.failed)} failed) · ${fmt(summary.findings)} codes found</div>
<div class="cards">${card('bounced', o.bounced, COLORS.permanent)}${card('expired', o.expired, COLORS.permanent)}${card('rejected', o.rejected, COLORS.permanent)}${card('deferred', o.deferred, COLORS.transient)}${card('delivered', o.delivered, COLORS.success)}</div>
<p class="muted">Each recipient of a message counts once, with its last state in the file (deferred six times then bounced: bounced); each refused transaction counts once.</p>
${
  summary.timeline.length
    ? `<section><h2>Failed attempts over time <span class="legend"><span style="background:${COLORS.permanent}"></span>permanent<span style="background:${COLORS.transient}"></span>transient</span> <span class="muted">(per ${summary.bucket})</span></h2>${timelineSvg(summary)}</section>`
    : ''
}
${failures === 0 ? '<p>No failures in this file.</p>' : ''}
${codes ? `<section><h2>By code</h2><table><thead><tr><th>code</th><th class="num">failures</th><th>meaning</th><th>ended</th><th>reasons</th></tr></thead><tbody>${codes}</tbody></table></section>` : ''}
<div class="grid">
${barTable('By bounce reason', summary.reasons, failures, 'reason')}
${barTable('By recipient domain', summary.domains, failures, 'domain')}
${barTable('By provider', summary.providers, failures, 'provider')}
${barTable('Top failing recipients', summary.recipients, failures, 'recipient')}
</div>`,
  );
}
