/**
 * The batch summary: one record per notebook, made from its per-notebook
 * report (or from why it has none), and the totals the readable forms show.
 * Pure functions over plain data: no files, no clock.
 */
import { failureCounts, outcomeOf, OUTCOMES } from '../../core/diagnosis/outcome';
import type { OutcomeClass } from '../../core/diagnosis/outcome';
import type { ITokenUsage } from '../../core/llm/patchagent';
import { formatCost, hasUsage, totalUsage } from '../../core/llm/cost';
import type { IStudyVerdict, StudyVerdict } from '../../core/scores';
import { numbersEntry, studyTotals } from './numbers';
import type { IBatchDrift } from './numbers';
import type { IReport } from '../../core/run/report';

export const SUMMARY_VERSION = 1;

export { OUTCOMES, OUTCOME_LABELS } from '../../core/diagnosis/outcome';
export type { OutcomeClass } from '../../core/diagnosis/outcome';

/** A notebook's verdict, or why it has none. */
export type BatchVerdict = IReport['verdict'] | 'bad-input' | 'crashed' | 'not-run';

/** One paired number: what the original printed and what the run printed now. */
export interface IScorePair {
  cell?: number;
  label?: string;
  original: number;
  current: number;
  matching: boolean;
}

export interface IBatchNotebook {
  /** Relative to the batch's input folder, `/`-separated. */
  path: string;
  verdict: BatchVerdict;
  /** As found: 'failing' when any cell failed on its first execution. */
  before?: 'reproducible' | 'failing';
  outcome: OutcomeClass;
  /** Why a notebook did not finish (notebook time budget, bad input, crash, interrupted). */
  reason?: string;
  numbers: {
    /** False until the per-notebook report carries score pairs: then `matching` is assumed. */
    compared: boolean;
    matching: boolean;
    pairs: IScorePair[];
  };
  cells: { code: number; ranClean: number; fixed: number; failing: number; skipped: number };
  /**
   * The failing cells at the end split by root cause: where a bug lives, and
   * what fails only because a root cause still fails.
   */
  rootCauses: { failing: number; consequences: number };
  /** Every failure seen, first executions and re-runs, by category; consequences are counted apart. */
  failureCategories: Record<string, number>;
  /** Failures seen that were consequences of an earlier cell's failure. */
  consequencesSeen: number;
  /** Categories of what still fails at the end. */
  remainingCategories: Record<string, number>;
  fixes: { byRule: Record<string, number>; byLibrary: Record<string, number> };
  durations: { wallMs: number; kernelMs: number; engineMs: number };
  /** What the LLM agent spent on this notebook: calls, tokens, reused answers, USD (when priced). */
  llm?: ITokenUsage;
  /** The published study's verdict beside `verdict` (the strict one), with its final metric. */
  study?: IStudyVerdict;
  /** Drifting cells, their outputs then and now. */
  drifts?: IBatchDrift[];
  /** Relative to the batch's output folder. */
  modernized?: string;
  report?: string;
}

export interface IBatchSummary {
  summaryVersion: number;
  generatedAt: string;
  input: string;
  output: string;
  accept: string;
  jobs: number;
  environment?: { python: string; packages: Record<string, string> };
  /** 'unavailable' while no per-notebook report carries score pairs. */
  scoreComparison: 'available' | 'unavailable';
  totals: {
    notebooks: number;
    finished: number;
    byOutcome: Record<OutcomeClass, number>;
    before: Record<string, number>;
    after: Record<string, number>;
    failureCategories: Record<string, number>;
    /** Failing cells at the end: root causes, and the consequences under them. */
    rootCauses: number;
    consequences: number;
    /** Failures seen that were consequences (not in failureCategories). */
    consequencesSeen: number;
    fixesByRule: Record<string, number>;
    fixesByLibrary: Record<string, number>;
    wallMs: number;
    kernelMs: number;
    /** The LLM agent over the whole batch (absent when no notebook asked it). */
    llm?: ITokenUsage;
    /** Notebooks per published-study verdict (absent in older summaries). */
    study?: Record<StudyVerdict, number>;
  };
  notebooks: IBatchNotebook[];
}

/** What the batch knows of one notebook. */
export interface INotebookInput {
  path: string;
  report?: IReport;
  /** Set when there is no report: why. */
  missing?: { verdict: 'bad-input' | 'crashed' | 'not-run'; reason: string };
  /** The run was stopped by the notebook time budget. */
  budgetExceeded?: boolean;
  modernized?: string;
  reportLink?: string;
  wallMs?: number;
}

/** Which library a fix belongs to, from its rule id or patch origin. */
export type LibraryOf = (ruleId: string) => string | undefined;

/** One notebook's record. */
export function notebookEntry(input: INotebookInput, libraryOf: LibraryOf = () => undefined): IBatchNotebook {
  const report = input.report;
  if (!report) {
    return {
      path: input.path,
      verdict: input.missing?.verdict ?? 'not-run',
      outcome: 'did-not-finish',
      reason: input.missing?.reason ?? 'not run yet',
      numbers: { compared: false, matching: false, pairs: [] },
      cells: { code: 0, ranClean: 0, fixed: 0, failing: 0, skipped: 0 },
      rootCauses: { failing: 0, consequences: 0 },
      failureCategories: {},
      consequencesSeen: 0,
      remainingCategories: {},
      fixes: { byRule: {}, byLibrary: {} },
      durations: { wallMs: input.wallMs ?? 0, kernelMs: 0, engineMs: 0 }
    };
  }
  const failureCategories: Record<string, number> = {};
  const remainingCategories: Record<string, number> = {};
  const byRule: Record<string, number> = {};
  const byLibrary: Record<string, number> = {};
  let firstFailed = false;
  let consequencesSeen = 0;
  for (const cell of report.cells) {
    cell.failures.forEach((failure, i) => {
      if (failure.category === 'consequence') {
        consequencesSeen++;
      } else {
        count(failureCategories, failure.category);
      }
      if (i === 0) {
        firstFailed = true;
      }
    });
    if (cell.status !== 'ok' && cell.status !== 'fixed' && cell.status !== 'skipped' && cell.diagnosis?.category !== 'consequence') {
      // Root causes only: consequences are counted under them (`rootCauses`).
      count(remainingCategories, cell.diagnosis?.category ?? cell.status);
    }
  }
  const accepted = [
    ...report.cells.flatMap(cell => cell.patches),
    ...report.files.flatMap(file => file.patches)
  ].filter(patch => patch.accepted);
  for (const patch of accepted) {
    const ids = patch.ruleIds.length > 0 ? patch.ruleIds : [patch.origin.replace(/^rule:/, '')];
    for (const id of ids) {
      count(byRule, id);
      count(byLibrary, libraryOf(id) ?? Private.libraryFromId(id));
    }
  }
  const skipped = report.cells.filter(cell => cell.status === 'skipped').length;
  const pairs = scorePairs(report);
  const compared = pairs.length > 0;
  const matching = pairs.every(pair => pair.matching);
  const counts = failureCounts(report.cells);
  const finished = !input.budgetExceeded && skipped === 0;
  // From what the run did (older reports: from their cells), never from the verdict:
  // a notebook that ran clean with drifting numbers is 'failing' and still ran clean.
  const outcome: OutcomeClass = !finished
    ? 'did-not-finish'
    : report.outcome ?? outcomeOf({ rootCauses: counts.rootCauses, numbersOff: !matching, finished });
  return {
    path: input.path,
    verdict: report.verdict,
    before: firstFailed ? 'failing' : 'reproducible',
    outcome,
    reason: finished ? undefined : `notebook time budget exceeded: ${skipped} cell(s) not run`,
    numbers: { compared, matching, pairs },
    cells: {
      code: report.summary.codeCells,
      ranClean: report.summary.ranClean,
      fixed: report.summary.fixed,
      failing: report.summary.failing - skipped,
      skipped
    },
    rootCauses: { failing: counts.rootCauses, consequences: counts.consequences },
    failureCategories,
    consequencesSeen,
    remainingCategories,
    fixes: { byRule, byLibrary },
    durations: {
      wallMs: input.wallMs ?? report.durationMs,
      kernelMs: report.summary.kernelMs,
      engineMs: report.cells.reduce((sum, cell) => sum + cell.engineMs.reduce((a, b) => a + b, 0), 0)
    },
    ...(hasUsage(report.summary.usage) ? { llm: report.summary.usage } : {}),
    ...numbersEntry(report),
    modernized: input.modernized,
    report: input.reportLink
  };
}

/** The numbers of the author's outputs paired with today's, from a per-notebook report. */
export function scorePairs(report: IReport): IScorePair[] {
  return (report.cells ?? []).flatMap(cell =>
    (cell.scores ?? []).map(pair => ({
      cell: cell.index,
      label: pair.template.replace(/#/g, '…'),
      original: pair.original,
      current: pair.now,
      matching: pair.withinTolerance
    }))
  );
}

/** The batch summary from every notebook's record. */
export function buildSummary(
  notebooks: IBatchNotebook[],
  meta: {
    generatedAt: string;
    input: string;
    output: string;
    accept: string;
    jobs: number;
    environment?: IBatchSummary['environment'];
  }
): IBatchSummary {
  const byOutcome = Object.fromEntries(OUTCOMES.map(o => [o, 0])) as Record<OutcomeClass, number>;
  const before: Record<string, number> = {};
  const after: Record<string, number> = {};
  const failureCategories: Record<string, number> = {};
  const fixesByRule: Record<string, number> = {};
  const fixesByLibrary: Record<string, number> = {};
  for (const nb of notebooks) {
    byOutcome[nb.outcome]++;
    count(before, nb.before ?? nb.verdict);
    count(after, nb.verdict);
    merge(failureCategories, nb.failureCategories);
    merge(fixesByRule, nb.fixes.byRule);
    merge(fixesByLibrary, nb.fixes.byLibrary);
  }
  const sorted = [...notebooks].sort((a, b) => a.path.localeCompare(b.path));
  return {
    summaryVersion: SUMMARY_VERSION,
    generatedAt: meta.generatedAt,
    input: meta.input,
    output: meta.output,
    accept: meta.accept,
    jobs: meta.jobs,
    environment: meta.environment,
    scoreComparison: notebooks.some(nb => nb.numbers.compared) ? 'available' : 'unavailable',
    totals: {
      notebooks: notebooks.length,
      finished: notebooks.filter(nb => nb.verdict !== 'not-run' && nb.verdict !== 'crashed').length,
      byOutcome,
      before,
      after,
      failureCategories,
      rootCauses: notebooks.reduce((sum, nb) => sum + (nb.rootCauses?.failing ?? 0), 0),
      consequences: notebooks.reduce((sum, nb) => sum + (nb.rootCauses?.consequences ?? 0), 0),
      consequencesSeen: notebooks.reduce((sum, nb) => sum + (nb.consequencesSeen ?? 0), 0),
      fixesByRule,
      fixesByLibrary,
      wallMs: notebooks.reduce((sum, nb) => sum + nb.durations.wallMs, 0),
      kernelMs: notebooks.reduce((sum, nb) => sum + nb.durations.kernelMs, 0),
      ...(notebooks.some(nb => nb.llm) ? { llm: totalUsage(notebooks.map(nb => nb.llm)) } : {}),
      study: studyTotals(notebooks)
    },
    notebooks: sorted
  };
}

/** Entries of a count table, largest first, then by name. */
export function ranked(table: Record<string, number>, limit = Infinity): [string, number][] {
  return Object.entries(table)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit);
}

/** `3 LLM calls, 2,410 tokens in (1,024 cached), 130 out, 1 reused answer, $0.0021` (cost: `no price` when unknown). */
export function formatUsage(usage: ITokenUsage): string {
  const parts = [
    `${usage.calls} LLM call${usage.calls === 1 ? '' : 's'}`,
    `${usage.inputTokens.toLocaleString('en-US')} tokens in` +
      (usage.cachedInputTokens ? ` (${usage.cachedInputTokens.toLocaleString('en-US')} cached)` : ''),
    `${usage.outputTokens.toLocaleString('en-US')} out`
  ];
  if (usage.cacheHits) {
    parts.push(`${usage.cacheHits} reused answer${usage.cacheHits === 1 ? '' : 's'}`);
  }
  parts.push(usage.costUsd === undefined ? 'cost unknown (no price for the model)' : formatCost(usage.costUsd));
  return parts.join(', ');
}

/** `12.3 s`, `4 min 05 s`, `1 h 02 min`. */
export function formatDuration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) {
    return `${seconds.toFixed(1)} s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min ${String(Math.round(seconds % 60)).padStart(2, '0')} s`;
  }
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

function count(table: Record<string, number>, key: string): void {
  table[key] = (table[key] ?? 0) + 1;
}

function merge(into: Record<string, number>, from: Record<string, number>): void {
  for (const [key, value] of Object.entries(from)) {
    into[key] = (into[key] ?? 0) + value;
  }
}

namespace Private {
  const PREFIXES: [RegExp, string][] = [
    [/^(sklearn|scikit)/, 'scikit-learn'],
    [/^(py2|python)/, 'python'],
    [/^(np|numpy)/, 'numpy'],
    [/^(pd|pandas)/, 'pandas'],
    [/^(mpl|matplotlib)/, 'matplotlib'],
    [/^(sns|seaborn)/, 'seaborn'],
    [/^(tf|keras)/, 'keras/tensorflow'],
    [/^(xgb|xgboost)/, 'xgboost'],
    [/^(lgb|lightgbm)/, 'lightgbm'],
    [/^scipy/, 'scipy']
  ];

  /** Rules are named `<library>-<change>`; fixers (data-path, pip-install…) belong to the notebook. */
  export function libraryFromId(id: string): string {
    // A mined fact's rule: `kb:<library>:<kind>:<old>`.
    const mined = /^kb:([\w-]+):/.exec(id);
    if (mined) {
      return mined[1];
    }
    for (const [pattern, library] of PREFIXES) {
      if (pattern.test(id)) {
        return library;
      }
    }
    return 'notebook setup';
  }

}
