/** summary.md: the batch summary as a Markdown page, links relative to the output folder. */
import { formatCost } from '../../core/llm/cost';
import { href } from './html';
import { studyMarkdown } from './numbers';
import { formatDuration, formatUsage, OUTCOME_LABELS, OUTCOMES, ranked } from './summary';
import type { IBatchNotebook, IBatchSummary } from './summary';

export function renderMarkdown(summary: IBatchSummary): string {
  const t = summary.totals;
  const lines: string[] = [
    `# Modernize batch: ${summary.input}`,
    '',
    `${t.notebooks} notebooks, ${t.finished} finished · policy \`${summary.accept}\` · ${summary.jobs} kernel(s) at a time · ` +
      `${formatDuration(t.wallMs)} of notebook time (kernel ${formatDuration(t.kernelMs)}) · ${summary.generatedAt}`,
    ''
  ];
  if (summary.environment) {
    const env = summary.environment;
    lines.push(
      `Python ${env.python}; ${Object.entries(env.packages)
        .map(([name, version]) => `${name} ${version}`)
        .join(', ')}`,
      ''
    );
  }
  if (t.llm) {
    lines.push(`LLM: ${formatUsage(t.llm)}`, '');
  }
  lines.push('## Outcomes', '', '| outcome | notebooks |', '|---|---:|');
  for (const outcome of OUTCOMES) {
    lines.push(`| ${OUTCOME_LABELS[outcome]} | ${t.byOutcome[outcome]} |`);
  }
  if (summary.scoreComparison === 'unavailable') {
    lines.push('', '_No score comparison is available yet: numbers count as matching._');
  }
  const verdicts = [...new Set([...Object.keys(t.before), ...Object.keys(t.after)])];
  lines.push('', '## Verdicts', '', '| verdict | as found | after |', '|---|---:|---:|');
  for (const verdict of verdicts) {
    lines.push(`| ${verdict} | ${t.before[verdict] ?? 0} | ${t.after[verdict] ?? 0} |`);
  }
  lines.push(...studyMarkdown(summary.notebooks));
  lines.push('', '## Failure categories', '', ...table(t.failureCategories, 'category'));
  lines.push(
    '',
    `Consequences of an earlier cell's failure are not counted above (${t.consequencesSeen ?? 0} seen). ` +
      `Still failing: ${t.rootCauses ?? 0} root causes, ${t.consequences ?? 0} consequences under them.`
  );
  lines.push('', '## Rules that fired most', '', ...table(t.fixesByRule, 'rule', 20));
  lines.push('', '## Fixes by library', '', ...table(t.fixesByLibrary, 'library'));
  lines.push(
    '',
    '## Notebooks',
    '',
    '| notebook | as found | after | outcome | cells ok/fixed/failing | fixes | still failing | time | files |',
    '|---|---|---|---|---|---|---|---:|---|'
  );
  lines.push(...summary.notebooks.map(row));
  const asked = summary.notebooks.filter(nb => nb.llm);
  if (asked.length > 0) {
    lines.push('', '## LLM per notebook', '', '| notebook | calls | tokens in | cached in | out | reused answers | cost |', '|---|---:|---:|---:|---:|---:|---:|');
    for (const nb of asked) {
      const u = nb.llm!;
      lines.push(
        `| ${cell(nb.path)} | ${u.calls} | ${u.inputTokens} | ${u.cachedInputTokens ?? 0} | ${u.outputTokens} | ${u.cacheHits ?? 0} | ` +
          `${u.costUsd === undefined ? 'no price' : formatCost(u.costUsd)} |`
      );
    }
  }
  return lines.join('\n') + '\n';
}

function table(counts: Record<string, number>, name: string, limit = Infinity): string[] {
  const entries = ranked(counts, limit);
  if (entries.length === 0) {
    return ['none'];
  }
  return [`| ${name} | count |`, '|---|---:|', ...entries.map(([key, n]) => `| ${cell(key)} | ${n} |`)];
}

function row(nb: IBatchNotebook): string {
  const fixes = ranked(nb.fixes.byRule)
    .map(([id, n]) => (n > 1 ? `${id} ×${n}` : id))
    .join(', ');
  const remaining = ranked(nb.remainingCategories)
    .map(([category, n]) => (n > 1 ? `${category} ×${n}` : category))
    .join(', ');
  const outcome = OUTCOME_LABELS[nb.outcome] + (nb.reason ? ` (${nb.reason})` : '');
  const files = [
    nb.modernized ? `[modernized](${href(nb.modernized)})` : '',
    nb.report ? `[report](${href(nb.report)})` : ''
  ]
    .filter(Boolean)
    .join(' ');
  const split = nb.rootCauses?.consequences ? ` (${nb.rootCauses.failing} root, +${nb.rootCauses.consequences} consequences)` : '';
  const cells = nb.cells.code ? `${nb.cells.ranClean}/${nb.cells.fixed}/${nb.cells.failing}${split}` : '—';
  return (
    `| ${cell(nb.path)} | ${nb.before ?? '—'} | ${nb.verdict} | ${cell(outcome)} | ${cells} | ${cell(fixes) || '—'} | ` +
    `${cell(remaining) || '—'} | ${nb.durations.wallMs ? formatDuration(nb.durations.wallMs) : '—'} | ${files || '—'} |`
  );
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');
}
