/**
 * The batch summary's numbers: both verdicts per notebook (the strict one
 * and the published study's, with the final metric and why it was taken),
 * and the drifting cells' outputs then and now, marked, for report.html.
 */
import type { IReport } from '../../core/run/report';
import { markNumbers } from '../../core/scores/highlight';
import type { IDriftOutputs, INumberPair, IStudyVerdict, StudyVerdict } from '../../core/scores';
import { escapeXml as esc } from './charts';

export const STUDY_VERDICTS: readonly StudyVerdict[] = ['reproduced', 'not-reproduced', 'no-metric'];

/** A drifting cell of a notebook, then and now. */
export interface IBatchDrift extends IDriftOutputs {
  cell: number;
  notes: string[];
  pairs: INumberPair[];
}

/** Drifting cells shown per notebook in report.html. */
const DRIFTS_SHOWN = 4;

/** What the batch keeps of a report's numbers beside its strict verdict. */
export function numbersEntry(report: IReport): { study?: IStudyVerdict; drifts?: IBatchDrift[] } {
  const drifts = (report.cells ?? [])
    .filter(cell => cell.outputs)
    .slice(0, DRIFTS_SHOWN)
    .map(cell => ({
      cell: cell.index,
      ...cell.outputs!,
      notes: [...(cell.scoreNotes ?? []), ...(cell.equivalences ?? []).map(name => `Matched as equivalent: ${name}.`)],
      pairs: cell.scores
    }));
  return { ...(report.study ? { study: report.study } : {}), ...(drifts.length ? { drifts } : {}) };
}

/** Notebooks per study verdict. */
export function studyTotals(notebooks: readonly { study?: IStudyVerdict }[]): Record<StudyVerdict, number> {
  const totals = Object.fromEntries(STUDY_VERDICTS.map(v => [v, 0])) as Record<StudyVerdict, number>;
  for (const nb of notebooks) {
    if (nb.study) {
      totals[nb.study.verdict]++;
    }
  }
  return totals;
}

/** `0.812 → 0.801 (cell 14)` */
export function metricText(study: IStudyVerdict | undefined): string {
  const metric = study?.metric;
  return metric ? `${metric.originalText} → ${metric.nowText} (cell ${metric.cell + 1}, ${(metric.relativeChange * 100).toFixed(1)}% off)` : '—';
}

interface INotebookNumbers {
  path: string;
  verdict: string;
  study?: IStudyVerdict;
  drifts?: IBatchDrift[];
}

/** Markdown: both verdicts per notebook, and which number was the final metric. */
export function studyMarkdown(notebooks: readonly INotebookNumbers[]): string[] {
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
  const rows = notebooks.filter(nb => nb.study);
  if (rows.length === 0) {
    return [];
  }
  const totals = studyTotals(rows);
  return [
    '',
    '## Two verdicts side by side',
    '',
    'Strict: every paired number matches. Published study: the final metric within 10% of the original, stable over reruns.',
    `Study verdicts: ${STUDY_VERDICTS.map(v => `${v} ${totals[v]}`).join(', ')}.`,
    '',
    '| notebook | strict | study | final metric | taken as |',
    '|---|---|---|---|---|',
    ...rows.map(
      nb => `| ${cell(nb.path)} | ${nb.verdict} | ${nb.study!.verdict} | ${cell(metricText(nb.study))} | ${cell(nb.study!.metric?.why ?? nb.study!.reason)} |`
    )
  ];
}

/** HTML: the same table, and each notebook's drifting cells side by side. */
export function studyHtml(notebooks: readonly INotebookNumbers[]): string {
  const totals = studyTotals(notebooks);
  // A notebook without a final metric has nothing to show beside its strict verdict but the count.
  const rows = notebooks.filter(nb => nb.study?.metric);
  if (rows.length === 0) {
    return '';
  }
  const body = rows
    .map(
      nb =>
        `<tr><td class="path">${esc(nb.path)}</td><td>${esc(nb.verdict)}</td><td><span class="study ${nb.study!.verdict}">${esc(nb.study!.verdict)}</span></td>` +
        `<td class="num">${esc(metricText(nb.study))}</td><td class="tags">${esc(nb.study!.metric?.why ?? nb.study!.reason)}</td></tr>`
    )
    .join('\n');
  return (
    `<section class="panel"><h2>Two verdicts side by side</h2>` +
    `<p class="note">Strict: every paired number matches. Published study: the final metric within 10% of the original, stable over reruns. ` +
    `Study verdicts: ${STUDY_VERDICTS.map(v => `${v} ${totals[v]}`).join(', ')}.</p>` +
    `<table><colgroup><col style="width:24%"><col style="width:11%"><col style="width:13%"><col style="width:22%"><col style="width:30%"></colgroup>` +
    `<thead><tr><th>notebook</th><th>strict</th><th>study</th><th>final metric</th><th>taken as</th></tr></thead><tbody>\n${body}\n</tbody></table></section>\n` +
    driftsHtml(notebooks)
  );
}

function driftsHtml(notebooks: readonly INotebookNumbers[]): string {
  const withDrifts = notebooks.filter(nb => nb.drifts?.length);
  if (withDrifts.length === 0) {
    return '';
  }
  const marked = (text: string, pairs: INumberPair[], side: 'original' | 'current') =>
    markNumbers(text, pairs, side)
      .map(segment => (segment.mark ? `<mark class="${segment.mark}">${esc(segment.text)}</mark>` : esc(segment.text)))
      .join('');
  const entries = withDrifts.map(
    nb =>
      `<details><summary>${esc(nb.path)}: ${nb.drifts!.length} cell(s)</summary>` +
      nb.drifts!
        .map(
          drift =>
            `<h3>cell ${drift.cell + 1}: ${drift.pairs.filter(p => !p.withinTolerance).length} number(s) off</h3>` +
            drift.notes.map(note => `<p class="note">${esc(note)}</p>`).join('') +
            `<div class="sbs"><figure><figcaption>original</figcaption><pre>${marked(drift.original, drift.pairs, 'original')}</pre></figure>` +
            `<figure><figcaption>now</figcaption><pre>${marked(drift.current, drift.pairs, 'current')}</pre></figure></div>`
        )
        .join('') +
      `</details>`
  );
  return `<section class="panel"><h2>Drifts side by side</h2><p class="note">Paired numbers marked: red off, green matching, amber matching through an equivalence or within the run-to-run spread.</p>${entries.join('\n')}</section>\n`;
}

/** Styles for the sections above, added to report.html's own. */
export const NUMBERS_CSS = `
.study { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff; font-size: 12px; background: #9e9e9e; }
.study.reproduced { background: #2e7d32; }
.study.not-reproduced { background: #c62828; }
.sbs { display: grid; grid-template-columns: 1fr 1fr; gap: 10px; }
.sbs figure { margin: 0; min-width: 0; }
.sbs figcaption { color: var(--muted); font-size: 12px; }
.sbs pre { margin: 2px 0 8px; padding: 6px; background: #f3f4f7; border: 1px solid var(--line); border-radius: 4px; overflow: auto; max-height: 320px; font-size: 12px; }
mark { color: inherit; border-radius: 2px; padding: 0 1px; }
mark.off { background: #ffcdd2; outline: 1px solid #c62828; }
mark.same { background: #c8e6c9; }
mark.equivalent, mark.varies { background: #ffe0b2; }
details summary { cursor: pointer; margin: 6px 0; }
h3 { font-size: 13px; margin: 8px 0 4px; }
`;
