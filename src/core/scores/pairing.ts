/**
 * Pairing then-and-now numbers of one cell: table cells by row and column
 * label, the other numbers by the shape of their (logical) line. Only
 * numbers that look like results are paired: integers are counts and
 * labels, unless they are a clustering's labels.
 */
import type * as nbformat from '@jupyterlab/nbformat';
import { markFloatNoise, markLabelPermutations, markSignFlips } from './equivalences';
import type { IPairingHints } from './equivalences';
import { isDecimal, NUMBER, numbersInText, readNumber } from './parse';
import type { IShownNumber } from './parse';
import { splitTables } from './tables';
import type { ITable } from './tables';
import { DEFAULT_TOLERANCE, relativeChange, withinTolerance } from './types';
import type { INumberPair, IScoreComparison, ITolerance } from './types';

/** Compare a cell's stored outputs with its outputs now. */
export function compareOutputs(
  original: readonly nbformat.IOutput[],
  now: readonly nbformat.IOutput[],
  tolerance: ITolerance = DEFAULT_TOLERANCE,
  hints: IPairingHints | (() => IPairingHints) = {}
): IScoreComparison {
  // Reading the code for hints costs a parse: done only once there are numbers for them to act on.
  let known: IPairingHints | undefined;
  const hinted = (): IPairingHints => (known ??= typeof hints === 'function' ? hints() : hints);
  const then = splitTables(original);
  const current = splitTables(now);
  const notes: string[] = [];
  const pairs: INumberPair[] = [];
  const vectors = new Map<string, INumberPair[]>();
  const inVector = (key: string, pair: INumberPair) => vectors.set(key, [...(vectors.get(key) ?? []), pair]);
  const count = Math.min(then.tables.length, current.tables.length);
  for (let t = 0; t < count; t++) {
    const name = then.tables.length > 1 ? `table ${t + 1}` : 'table';
    notes.push(...Private.setDifferences(name, then.tables[t], current.tables[t]));
    for (const pair of Private.pairTable(name, then.tables[t], current.tables[t], tolerance)) {
      pairs.push(pair);
      inVector(`${name}\u0000row\u0000${pair.row}`, pair);
    }
  }
  const byKey = new Map(numbersInText(current.text).map(n => [Private.key(n), n]));
  const lineVectors = new Map<string, INumberPair[]>();
  for (const before of numbersInText(then.text)) {
    const match = byKey.get(Private.key(before));
    if (!match || !(isDecimal(before.text) || isDecimal(match.text) || hinted().clustering)) {
      continue;
    }
    const pair = Private.pair(before.template, before.value, before.text, match.value, match.text, tolerance);
    pairs.push(pair);
    const vector = `${before.template}\u0000${before.occurrence}\u0000${before.vector}`;
    lineVectors.set(vector, [...(lineVectors.get(vector) ?? []), pair]);
  }
  if (pairs.length === 0) {
    return { pairs, notes };
  }
  markFloatNoise(pairs);
  if (hinted().clustering) {
    markLabelPermutations(lineVectors.values());
  }
  markSignFlips([...vectors.values(), ...lineVectors.values()], tolerance, hinted());
  if (hinted().components) {
    // Components may be the columns of a table (a transform's output): try those too.
    markSignFlips(Private.columnVectors(pairs), tolerance, hinted());
  }
  return { pairs, notes };
}

/** Pair then-and-now numbers of one cell (the pairs of `compareOutputs`). */
export function pairNumbers(
  original: readonly nbformat.IOutput[],
  now: readonly nbformat.IOutput[],
  tolerance: ITolerance = DEFAULT_TOLERANCE,
  hints: IPairingHints | (() => IPairingHints) = {}
): INumberPair[] {
  return compareOutputs(original, now, tolerance, hints).pairs;
}

namespace Private {
  const WHOLE_NUMBER = new RegExp(`^${NUMBER.source}$`);

  export function key(n: IShownNumber): string {
    return `${n.template}\u0000${n.occurrence}\u0000${n.position}`;
  }

  export function pair(template: string, original: number, originalText: string, now: number, nowText: string, tolerance: ITolerance): INumberPair {
    return {
      template,
      original,
      originalText,
      now,
      nowText,
      relativeChange: relativeChange(original, now),
      withinTolerance: withinTolerance(original, now, tolerance)
    };
  }

  function numeric(text: string | undefined): number | undefined {
    if (text === undefined || !WHOLE_NUMBER.test(text.trim())) {
      return undefined;
    }
    const value = readNumber(text.trim());
    return Number.isFinite(value) ? value : undefined;
  }

  /** Cells of the same row and column label; every number counts, the labels say what it is. */
  export function pairTable(name: string, then: ITable, now: ITable, tolerance: ITolerance): INumberPair[] {
    const pairs: INumberPair[] = [];
    for (const row of then.rows) {
      const nowRow = now.cells.get(row);
      if (!nowRow) {
        continue;
      }
      for (const column of then.columns) {
        const before = then.cells.get(row)!.get(column);
        const after = nowRow.get(column);
        const a = numeric(before);
        const b = numeric(after);
        if (a === undefined || b === undefined) {
          continue;
        }
        const label = column ? `${row} · ${column}` : row;
        pairs.push({ ...pair(`${name}: ${label}`, a, before!.trim(), b, after!.trim(), tolerance), row, column });
      }
    }
    return pairs;
  }

  /** "3 rows differ, e.g. …": rows or columns of one run that the other does not have. */
  export function setDifferences(name: string, then: ITable, now: ITable): string[] {
    const notes: string[] = [];
    for (const [kind, before, after] of [
      ['rows', then.rows, now.rows],
      ['columns', then.columns, now.columns]
    ] as const) {
      const gone = before.filter(label => !after.includes(label));
      const added = after.filter(label => !before.includes(label));
      if (gone.length === 0 && added.length === 0) {
        continue;
      }
      const examples = (labels: readonly string[]) =>
        labels
          .slice(0, 3)
          .map(label => `'${label}'`)
          .join(', ') + (labels.length > 3 ? ', …' : '');
      const parts = [gone.length ? `${examples(gone)} then` : '', added.length ? `${examples(added)} now` : ''].filter(Boolean);
      const differ = Math.max(gone.length, added.length);
      notes.push(`${name[0].toUpperCase()}${name.slice(1)}: ${differ} ${differ === 1 ? kind.slice(0, -1) : kind} differ, e.g. ${parts.join('; ')}.`);
    }
    return notes;
  }

  export function columnVectors(pairs: readonly INumberPair[]): INumberPair[][] {
    const columns = new Map<string, INumberPair[]>();
    for (const pair of pairs) {
      if (pair.column !== undefined) {
        const key = `${pair.template.split(':')[0]}\u0000${pair.column}`;
        columns.set(key, [...(columns.get(key) ?? []), pair]);
      }
    }
    return [...columns.values()];
  }
}
