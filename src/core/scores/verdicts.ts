/**
 * Two verdicts side by side. The strict one (the runner's `verdict`) asks
 * every paired number to match. The published study's asks only that the
 * notebook's final metric lands within 10% of the original and stays there
 * over reruns, so results can be compared with that study directly. Which
 * number is "the final metric", and why, is part of the verdict.
 */
import type { INumberPair } from './types';

/** The study's threshold: the final metric within 10% of the original. */
export const STUDY_THRESHOLD = 0.1;

/** Words that name a metric on a printed line or a table label. */
const METRIC_WORDS =
  /\b(accuracy|acc|score|scores|rmse|mse|mae|mape|auc|roc[ _-]?auc|f1|f1[ _-]score|r2|r\^2|r-squared|r squared|precision|recall|error|loss|log[ _-]?loss|ndcg|sensitivity|specificity|kappa)\b/i;

export interface IFinalMetric {
  cell: number;
  template: string;
  original: number;
  originalText: string;
  now: number;
  nowText: string;
  relativeChange: number;
  spread?: number;
  /** Why this number was taken. */
  why: string;
}

export type StudyVerdict = 'reproduced' | 'not-reproduced' | 'no-metric';

export interface IStudyVerdict {
  verdict: StudyVerdict;
  metric?: IFinalMetric;
  /** False when the reruns moved the metric beyond the threshold; undefined when it was not re-run. */
  stable?: boolean;
  /** One sentence: what was decided and on what. */
  reason: string;
}

/** The cells' pairs, in notebook order. */
export interface ICellPairs {
  index: number;
  pairs: readonly INumberPair[];
}

/**
 * The final metric: the last paired number on a line (or table label)
 * naming a metric, in the last cell that prints one; failing that, the last
 * single number printed on its own line.
 */
export function finalMetric(cells: readonly ICellPairs[]): IFinalMetric | undefined {
  const decimal = (pair: INumberPair) => /[.eE%]/.test(pair.originalText) || /[.eE%]/.test(pair.nowText);
  const pick = (filter: (pair: INumberPair) => boolean, why: (pair: INumberPair) => string) => {
    for (const cell of [...cells].reverse()) {
      const candidates = cell.pairs.filter(pair => decimal(pair) && filter(pair));
      const pair = candidates[candidates.length - 1];
      if (pair) {
        return Private.metric(cell.index, pair, why(pair));
      }
    }
    return undefined;
  };
  return (
    pick(
      pair => METRIC_WORDS.test(pair.template),
      pair =>
        `the last paired number on a line naming a metric (“${METRIC_WORDS.exec(pair.template)![0]}”), in the last cell that prints one`
    ) ??
    pick(
      pair => pair.row === undefined && (pair.template.match(/#/g) ?? []).length === 1,
      () => 'no printed line names a metric: the last number printed alone on its line'
    )
  );
}

/** The published study's verdict from the final metric, and whether every cell ran. */
export function studyVerdict(cells: readonly ICellPairs[], cellsFailing: boolean): IStudyVerdict {
  const metric = finalMetric(cells);
  if (!metric) {
    return { verdict: 'no-metric', reason: 'No paired number can stand for the final metric.' };
  }
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
  const scale = Math.max(Math.abs(metric.original), 1e-12);
  const within = metric.relativeChange <= STUDY_THRESHOLD;
  // Over reruns: the metric's whole observed range must stay within the threshold.
  const stable = metric.spread === undefined ? undefined : metric.relativeChange + metric.spread / scale <= STUDY_THRESHOLD;
  const shown = `${metric.originalText} then, ${metric.nowText} now (${percent(metric.relativeChange)} off${metric.spread ? `, varies run to run ±${Private.round(metric.spread)}` : ''})`;
  if (cellsFailing) {
    return { verdict: 'not-reproduced', metric, stable, reason: `Cells still fail; final metric ${shown}.` };
  }
  if (within && stable !== false) {
    return { verdict: 'reproduced', metric, stable, reason: `Final metric within ${percent(STUDY_THRESHOLD)}: ${shown}.` };
  }
  return {
    verdict: 'not-reproduced',
    metric,
    stable,
    reason: within ? `Final metric moves beyond ${percent(STUDY_THRESHOLD)} over reruns: ${shown}.` : `Final metric off by more than ${percent(STUDY_THRESHOLD)}: ${shown}.`
  };
}

namespace Private {
  export function metric(cell: number, pair: INumberPair, why: string): IFinalMetric {
    return {
      cell,
      template: pair.template,
      original: pair.original,
      originalText: pair.originalText,
      now: pair.now,
      nowText: pair.nowText,
      relativeChange: pair.relativeChange,
      ...(pair.spread ? { spread: pair.spread } : {}),
      why
    };
  }

  export function round(value: number): string {
    return Number(value.toPrecision(2)).toString();
  }
}
