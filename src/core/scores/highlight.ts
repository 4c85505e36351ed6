/**
 * A drift shown as people check one: the cell's original and current output
 * side by side, the paired numbers marked in both. Plain segments, so the
 * lab panel and the HTML report render the same marks.
 */
import type * as nbformat from '@jupyterlab/nbformat';
import { outputText } from './parse';
import type { INumberPair } from './types';

/** How a marked number compares with its pair. */
export type MarkKind = 'off' | 'equivalent' | 'varies' | 'same';

export interface ISegment {
  text: string;
  mark?: MarkKind;
}

/** The outputs of a drifting cell as text, then and now; long ones are cut. */
export interface IDriftOutputs {
  original: string;
  current: string;
}

/** Longest output text kept per side in a report. */
export const DRIFT_TEXT_LIMIT = 4000;

export function driftOutputs(original: readonly nbformat.IOutput[], current: readonly nbformat.IOutput[]): IDriftOutputs {
  const cut = (text: string) => (text.length > DRIFT_TEXT_LIMIT ? `${text.slice(0, DRIFT_TEXT_LIMIT)}\n…` : text);
  return { original: cut(outputText(original)), current: cut(outputText(current)) };
}

/** True when a cell's comparison is worth showing side by side. */
export function worthShowing(pairs: readonly INumberPair[], notes: readonly string[] = []): boolean {
  return notes.length > 0 || pairs.some(pair => !pair.withinTolerance || pair.equivalence !== undefined || pair.spread !== undefined);
}

export function markKind(pair: INumberPair): MarkKind {
  return !pair.withinTolerance ? 'off' : pair.equivalence ? 'equivalent' : pair.spread ? 'varies' : 'same';
}

/**
 * The text cut into segments, each paired number marked. Numbers are found
 * in output order; a number written twice is marked where it comes next
 * after the previous mark, so marks follow the pairs through the text.
 */
export function markNumbers(text: string, pairs: readonly INumberPair[], side: 'original' | 'current'): ISegment[] {
  const marks: { from: number; to: number; kind: MarkKind }[] = [];
  let cursor = 0;
  for (const pair of pairs) {
    const written = side === 'original' ? pair.originalText : pair.nowText;
    let at = Private.find(text, written, cursor);
    if (at < 0) {
      at = Private.find(text, written, 0);
    }
    if (at < 0 || marks.some(m => at < m.to && at + written.length > m.from)) {
      continue;
    }
    marks.push({ from: at, to: at + written.length, kind: markKind(pair) });
    cursor = at + written.length;
  }
  marks.sort((a, b) => a.from - b.from);
  const segments: ISegment[] = [];
  let position = 0;
  for (const mark of marks) {
    if (mark.from > position) {
      segments.push({ text: text.slice(position, mark.from) });
    }
    segments.push({ text: text.slice(mark.from, mark.to), mark: mark.kind });
    position = mark.to;
  }
  if (position < text.length) {
    segments.push({ text: text.slice(position) });
  }
  return segments;
}

namespace Private {
  /** The next place `written` stands as a whole number (not inside a longer one). */
  export function find(text: string, written: string, from: number): number {
    for (let at = text.indexOf(written, from); at >= 0; at = text.indexOf(written, at + 1)) {
      const before = text[at - 1] ?? ' ';
      const after = text[at + written.length] ?? ' ';
      if (!/[\w.]/.test(before) && !/[\w]/.test(after) && !(after === '.' && /\d/.test(text[at + written.length + 1] ?? ''))) {
        return at;
      }
    }
    return -1;
  }
}
