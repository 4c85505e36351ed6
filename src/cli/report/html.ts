/**
 * report.html: one self-contained page (inline CSS, inline SVG) from the
 * batch summary. Links are relative to the batch's output folder, where the
 * page is written.
 */
import { barChart, driftStrip, escapeXml as esc, PALETTE, stackedBars } from './charts';
import { NUMBERS_CSS, studyHtml } from './numbers';
import { formatDuration, formatUsage, OUTCOME_LABELS, OUTCOMES, ranked } from './summary';
import type { IBatchNotebook, IBatchSummary, OutcomeClass } from './summary';

export const VERDICT_COLORS: Record<string, string> = {
  reproducible: PALETTE.good,
  modernized: PALETTE.fixed,
  failing: PALETTE.bad,
  'bad-input': '#6d4c41',
  crashed: '#6a1b9a',
  'not-run': PALETTE.grey
};

export const OUTCOME_COLORS: Record<OutcomeClass, string> = {
  'clean-matching': PALETTE.good,
  'errors-matching': PALETTE.warn,
  'clean-numbers-off': '#7b1fa2',
  'errors-numbers-off': PALETTE.bad,
  'did-not-finish': PALETTE.grey
};

const VERDICT_ORDER = ['reproducible', 'modernized', 'failing', 'bad-input', 'crashed', 'not-run'];

const CSS = `
:root { color-scheme: light; --fg: #1f2430; --muted: #5b6270; --line: #e3e6ec; --bg: #f6f7f9; --card: #fff; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
main { max-width: 1240px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 15px; margin: 0 0 10px; }
.meta { color: var(--muted); margin: 0 0 18px; }
.meta code { background: #eceef2; padding: 1px 5px; border-radius: 3px; }
.cards { display: grid; grid-template-columns: repeat(5, 1fr); gap: 12px; margin-bottom: 18px; }
.card { background: var(--card); border: 1px solid var(--line); border-left: 5px solid var(--c); border-radius: 6px; padding: 10px 14px; }
.card b { display: block; font-size: 26px; line-height: 1.1; }
.card span { color: var(--muted); font-size: 12.5px; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 14px; margin-bottom: 18px; }
section.panel { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: 14px 16px; overflow: hidden; }
section.panel svg { max-width: 100%; height: auto; }
.note { color: var(--muted); font-size: 12.5px; margin: 6px 0 0; }
.empty { color: var(--muted); font-style: italic; padding: 18px 0; }
table { width: 100%; border-collapse: collapse; background: var(--card); font-size: 13px; table-layout: fixed; }
td { overflow-wrap: break-word; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: #eef0f4; font-weight: 600; position: sticky; top: 0; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }

.pill { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff; font-size: 12px; }
.tags { color: var(--muted); font-size: 12px; }
a { color: #1565c0; }
.links a { display: block; white-space: nowrap; }
`;

export function renderHtml(summary: IBatchSummary): string {
  const t = summary.totals;
  const env = summary.environment;
  const envText = env
    ? `Python ${env.python}; ` +
      Object.entries(env.packages)
        .map(([name, version]) => `${name} ${version}`)
        .join(', ')
    : '';
  const cards = OUTCOMES.map(
    outcome =>
      `<div class="card" style="--c:${OUTCOME_COLORS[outcome]}"><b>${t.byOutcome[outcome]}</b><span>${esc(OUTCOME_LABELS[outcome])}</span></div>`
  ).join('');
  const unavailable = summary.scoreComparison === 'unavailable';
  const numbersNote = unavailable
    ? '<p class="note">No score comparison is available yet: numbers count as matching in these classes.</p>'
    : '<p class="note">Numbers are off when a printed score drifted from the original and no calibration restored it; notebooks without paired numbers count as matching.</p>';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Modernize batch: ${esc(summary.input)}</title>
<style>${CSS}${NUMBERS_CSS}</style>
</head>
<body>
<main>
<h1>Modernize batch report</h1>
<p class="meta"><code>${esc(summary.input)}</code> · ${t.notebooks} notebooks, ${t.finished} finished · policy <code>${esc(summary.accept)}</code> · ${summary.jobs} kernel(s) at a time · ${esc(formatDuration(t.wallMs))} of notebook time (kernel ${esc(formatDuration(t.kernelMs))}) · ${esc(summary.generatedAt)}${envText ? `<br>${esc(envText)}` : ''}${t.llm ? `<br>LLM: ${esc(formatUsage(t.llm))}` : ''}</p>
<div class="cards">${cards}</div>
${numbersNote}
<div class="grid">
<section class="panel"><h2>Verdicts before and after</h2>${verdictChart(summary)}<p class="note">“As found” is the first execution of every cell, before any fix.</p></section>
<section class="panel"><h2>Failure categories</h2>${countChart(t.failureCategories, 'Failure categories', 12, PALETTE.bad)}<p class="note">Every failure seen, first runs and re-runs; consequences of an earlier cell's failure are not counted here (${t.consequencesSeen ?? 0} seen).</p></section>
<section class="panel"><h2>Still failing, by root cause</h2>${rootCauseChart(summary)}<p class="note">A consequence fails only because an earlier cell (its root cause) failed; fixing the cause re-runs it.</p></section>
<section class="panel"><h2>Rules that fired most</h2>${countChart(t.fixesByRule, 'Rules that fired most', 15, PALETTE.fixed, 250)}</section>
<section class="panel"><h2>Time per notebook</h2>${timeChart(summary.notebooks)}<p class="note">Dark: kernel time; light: the rest (kernel start, engine, I/O).</p></section>
<section class="panel"><h2>Score drifts</h2>${driftPanel(summary)}</section>
<section class="panel"><h2>Fixes by library</h2>${countChart(t.fixesByLibrary, 'Fixes by library', 12, PALETTE.good)}<p class="note">Accepted fixes; “notebook setup” is data paths and cosmetic imports.</p></section>
</div>
${studyHtml(summary.notebooks)}
<section class="panel"><h2>Notebooks</h2>
<table>
<colgroup><col style="width:22%"><col style="width:7.5%"><col style="width:8.5%"><col style="width:15%"><col style="width:8%"><col style="width:15%"><col style="width:9%"><col style="width:7%"><col style="width:8%"></colgroup>
<thead><tr><th>notebook</th><th>as found</th><th>after</th><th>outcome</th><th>cells ok / fixed / failing</th><th>fixes</th><th>still failing</th><th>time</th><th>files</th></tr></thead>
<tbody>
${summary.notebooks.map(row).join('\n')}
</tbody>
</table>
</section>
</main>
</body>
</html>
`;
}

function verdictChart(summary: IBatchSummary): string {
  const segments = (table: Record<string, number>) =>
    VERDICT_ORDER.filter(v => table[v]).map(v => ({ key: v, value: table[v], color: VERDICT_COLORS[v] }));
  return stackedBars(
    [
      { label: 'as found', segments: segments(summary.totals.before) },
      { label: 'after', segments: segments(summary.totals.after) }
    ],
    { title: 'Verdicts before and after' }
  );
}

function rootCauseChart(summary: IBatchSummary): string {
  const failing = summary.notebooks.filter(nb => (nb.rootCauses?.failing ?? 0) + (nb.rootCauses?.consequences ?? 0) > 0);
  if (failing.length === 0) {
    return '<p class="empty">no cell still failing</p>';
  }
  return stackedBars(
    [
      {
        label: 'all',
        segments: [
          { key: 'root causes', value: summary.totals.rootCauses ?? 0, color: PALETTE.bad },
          { key: 'consequences', value: summary.totals.consequences ?? 0, color: PALETTE.grey }
        ]
      }
    ],
    { title: 'Failing cells: root causes and their consequences' }
  );
}

function countChart(table: Record<string, number>, title: string, limit: number, color: string, labelWidth = 170): string {
  const entries = ranked(table, limit);
  if (entries.length === 0) {
    return '<p class="empty">none</p>';
  }
  return barChart(
    entries.map(([label, value]) => ({ label, value, color })),
    { title, labelWidth }
  );
}

function timeChart(notebooks: IBatchNotebook[]): string {
  const timed = notebooks.filter(nb => nb.durations.wallMs > 0);
  if (timed.length === 0) {
    return '<p class="empty">no notebook has run yet</p>';
  }
  return barChart(
    timed.map(nb => ({
      label: nb.path,
      value: nb.durations.wallMs / 1000,
      inner: nb.durations.kernelMs / 1000,
      text: formatDuration(nb.durations.wallMs),
      color: '#9fa8da'
    })),
    { title: 'Time per notebook', labelWidth: 230 }
  );
}

function driftPanel(summary: IBatchSummary): string {
  const rows = summary.notebooks
    .filter(nb => nb.numbers.pairs.length > 0)
    .map(nb => ({
      label: nb.path,
      points: nb.numbers.pairs.map(pair => ({
        original: pair.original,
        current: pair.current,
        matching: pair.matching,
        title: `${nb.path}${pair.cell !== undefined ? `, cell ${pair.cell + 1}` : ''}${pair.label ? ` (${pair.label})` : ''}: ${pair.original} then, ${pair.current} now`
      }))
    }));
  if (summary.scoreComparison === 'unavailable' || rows.length === 0) {
    return '<p class="empty">No comparison available: the per-notebook reports carry no score pairs yet.</p>';
  }
  const points = rows.flatMap(r => r.points);
  const off = points.filter(p => !p.matching).length;
  return (
    driftStrip(rows, { title: 'Score drifts: relative change of each paired number', labelWidth: 230 }) +
    `<p class="note">${points.length} paired numbers, ${off} still off (red); green: within tolerance or restored by calibration.</p>`
  );
}

function row(nb: IBatchNotebook): string {
  const pill = (text: string, color: string) => `<span class="pill" style="background:${color}">${esc(text)}</span>`;
  const rules = ranked(nb.fixes.byRule).map(([id, n]) => (n > 1 ? `${id} ×${n}` : id));
  const fixes = rules.slice(0, 4).join(', ') + (rules.length > 4 ? `, +${rules.length - 4} more` : '');
  const remaining = ranked(nb.remainingCategories)
    .map(([category, n]) => (n > 1 ? `${category} ×${n}` : category))
    .join(', ');
  const links = [
    nb.modernized ? `<a href="${href(nb.modernized)}">modernized</a>` : '',
    nb.report ? `<a href="${href(nb.report)}">report</a>` : ''
  ].join('');
  const split = nb.rootCauses && nb.rootCauses.consequences > 0
    ? `<div class="tags">${nb.rootCauses.failing} root cause${nb.rootCauses.failing === 1 ? '' : 's'} +${nb.rootCauses.consequences} consequence${nb.rootCauses.consequences === 1 ? '' : 's'}</div>`
    : '';
  const cells = nb.cells.code
    ? `${nb.cells.ranClean} / ${nb.cells.fixed} / ${nb.cells.failing}${split}${nb.cells.skipped ? `<div class="tags">+${nb.cells.skipped} not run</div>` : ''}`
    : '—';
  return (
    `<tr><td class="path">${esc(nb.path)}</td>` +
    `<td>${nb.before ? pill(nb.before, VERDICT_COLORS[nb.before]) : '—'}</td>` +
    `<td>${pill(nb.verdict, VERDICT_COLORS[nb.verdict] ?? PALETTE.grey)}</td>` +
    `<td>${pill(OUTCOME_LABELS[nb.outcome], OUTCOME_COLORS[nb.outcome])}${nb.reason ? `<div class="tags">${esc(nb.reason)}</div>` : ''}${!nb.numbers.compared && nb.outcome !== 'did-not-finish' ? '<div class="tags">no paired numbers</div>' : ''}</td>` +
    `<td class="num">${cells}</td>` +
    `<td class="tags">${esc(fixes) || '—'}</td>` +
    `<td class="tags">${esc(remaining) || '—'}</td>` +
    `<td class="num">${nb.durations.wallMs ? esc(formatDuration(nb.durations.wallMs)) : '—'}${nb.llm ? `<div class="tags">${esc(formatUsage(nb.llm))}</div>` : ''}</td>` +
    `<td class="links">${links || '—'}</td></tr>`
  );
}

/** A relative link with every path segment encoded. */
export function href(relative: string): string {
  return relative
    .split('/')
    .map(segment => encodeURIComponent(segment))
    .join('/');
}
