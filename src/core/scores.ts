/**
 * Score comparison: the numbers a cell's stored outputs show (printed
 * metrics, cross_val_score arrays, a score() result, small tables) paired
 * with the numbers the same cell shows now. Numbers are paired by the shape
 * of the line they stand in ("Accuracy: #"), so a reordered or extra line
 * does not pair unrelated figures.
 */
import type * as nbformat from '@jupyterlab/nbformat';

export interface IShownNumber {
  value: number;
  /** As written: `0.8212`, `1e-3`. */
  text: string;
  /** The line with every number replaced by `#`: what pairs numbers across runs. */
  template: string;
  /** Which number of the template's line (0-based), and which occurrence of that template. */
  position: number;
  occurrence: number;
}

export interface INumberPair {
  template: string;
  original: number;
  originalText: string;
  now: number;
  nowText: string;
  /** |now - original| / max(|original|, tiny) */
  relativeChange: number;
  withinTolerance: boolean;
}

export interface ITolerance {
  /** Relative difference allowed (0.01 = 1%). */
  relative: number;
  /** Absolute difference allowed, for numbers near zero. */
  absolute: number;
}

export const DEFAULT_TOLERANCE: ITolerance = { relative: 0.01, absolute: 1e-4 };

/** Lines whose numbers are not results: timings, memory, progress, addresses, dates, paths. */
const NOISE =
  /\b(wall time|cpu times?|elapsed|seconds?|took|it\/s|s\/it|eta|[mk]?b\b|memory usage|warning|deprecat|epoch \d+\/|step|version|python|\d{4}-\d{2}-\d{2})|0x[0-9a-f]+|<[\w.]+ (object|at) |file |\/[\w.-]+\//i;

const NUMBER = /(?<![\w.])[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?(?![\w.])/g;

/** Text a person sees in an output: streams and text/plain results. */
export function outputText(outputs: readonly nbformat.IOutput[]): string {
  const parts: string[] = [];
  for (const output of outputs) {
    if (output.output_type === 'stream' && (output as nbformat.IStream).name === 'stdout') {
      const text = (output as nbformat.IStream).text;
      parts.push(Array.isArray(text) ? text.join('') : text);
    } else if (output.output_type === 'execute_result' || output.output_type === 'display_data') {
      const plain = (output as nbformat.IExecuteResult).data?.['text/plain'];
      if (plain !== undefined && !(output as nbformat.IExecuteResult).data?.['image/png']) {
        parts.push(Array.isArray(plain) ? plain.join('') : String(plain));
      }
    }
  }
  return parts.join('\n');
}

/** The numbers shown in outputs, with what pairs them. */
export function shownNumbers(outputs: readonly nbformat.IOutput[]): IShownNumber[] {
  const numbers: IShownNumber[] = [];
  const seen = new Map<string, number>();
  for (const rawLine of outputText(outputs).split('\n')) {
    const line = rawLine.trim();
    if (!line || NOISE.test(line) || line.length > 400) {
      continue;
    }
    const matches = [...line.matchAll(NUMBER)].filter(match => !Private.isLabel(line, match[0], match.index!));
    if (matches.length === 0) {
      continue;
    }
    const template = line
      .replace(NUMBER, (text: string, offset: number) => (Private.isLabel(line, text, offset) ? text : '#'))
      .replace(/\s+/g, ' ');
    const occurrence = seen.get(template) ?? 0;
    seen.set(template, occurrence + 1);
    matches.forEach((match, position) => {
      const value = Number(match[0]);
      if (Number.isFinite(value)) {
        numbers.push({ value, text: match[0], template, position, occurrence });
      }
    });
  }
  return numbers;
}

/** True when the difference is within either tolerance. */
export function withinTolerance(original: number, now: number, tolerance: ITolerance = DEFAULT_TOLERANCE): boolean {
  const difference = Math.abs(now - original);
  return difference <= tolerance.absolute || difference <= tolerance.relative * Math.abs(original);
}

/**
 * Pair then-and-now numbers of one cell. Only numbers that look like results
 * are paired: a line whose template has no decimal number in either run
 * (counts, indices, sizes) is left out unless it is a single-number line.
 */
export function pairNumbers(
  original: readonly nbformat.IOutput[],
  now: readonly nbformat.IOutput[],
  tolerance: ITolerance = DEFAULT_TOLERANCE
): INumberPair[] {
  const key = (n: IShownNumber) => `${n.template}\u0000${n.occurrence}\u0000${n.position}`;
  const current = new Map(shownNumbers(now).map(n => [key(n), n]));
  const pairs: INumberPair[] = [];
  for (const then of shownNumbers(original)) {
    const match = current.get(key(then));
    if (!match || !isResultLike(then, match)) {
      continue;
    }
    pairs.push({
      template: then.template,
      original: then.value,
      originalText: then.text,
      now: match.value,
      nowText: match.text,
      relativeChange: Math.abs(match.value - then.value) / Math.max(Math.abs(then.value), 1e-12),
      withinTolerance: withinTolerance(then.value, match.value, tolerance)
    });
  }
  return pairs;
}

/** Results are written with decimals (0.8212, 1.5e-3); integers are counts and labels. */
function isResultLike(then: IShownNumber, now: IShownNumber): boolean {
  return /[.eE]/.test(then.text) || /[.eE]/.test(now.text);
}

/** The pair that drifted most, for a one-line message. */
export function worstDrift(pairs: readonly INumberPair[]): INumberPair | undefined {
  return pairs.filter(pair => !pair.withinTolerance).sort((a, b) => b.relativeChange - a.relativeChange)[0];
}

namespace Private {
  /** A whole number in parentheses names the line ("Critical Value (5%)", "Fold (3)"): it is not a result. */
  export function isLabel(line: string, text: string, offset: number): boolean {
    return /^\d+$/.test(text) && line[offset - 1] === '(' && /^%?\)/.test(line.slice(offset + text.length));
  }
}
