/**
 * A line diff of two short sources (a cell before and after a change), for
 * compact before/after views. Longest common subsequence over lines: cells are
 * small, so the quadratic table is fine.
 */

/** One line of a unified diff. */
export interface IDiffLine {
  kind: 'same' | 'removed' | 'added';
  text: string;
}

/** The lines of `after` against `before`: unchanged, removed and added, in reading order. */
export function lineDiff(before: string, after: string): IDiffLine[] {
  const a = before.split('\n');
  const b = after.split('\n');
  // common[i][j]: length of the longest common subsequence of a[i:] and b[j:].
  const common: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      common[i][j] = a[i] === b[j] ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
    }
  }
  const lines: IDiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      lines.push({ kind: 'same', text: a[i] });
      i++;
      j++;
    } else if (j < b.length && (i === a.length || common[i][j + 1] >= common[i + 1][j])) {
      lines.push({ kind: 'added', text: b[j] });
      j++;
    } else {
      lines.push({ kind: 'removed', text: a[i] });
      i++;
    }
  }
  // Removed lines read better before the lines that replace them.
  return Private.removedFirst(lines);
}

/**
 * The changed lines with up to `context` unchanged lines around each change;
 * `null` stands for a run of unchanged lines left out.
 */
export function withContext(lines: readonly IDiffLine[], context = 1): (IDiffLine | null)[] {
  const keep = lines.map(() => false);
  lines.forEach((line, index) => {
    if (line.kind !== 'same') {
      for (let k = Math.max(0, index - context); k <= Math.min(lines.length - 1, index + context); k++) {
        keep[k] = true;
      }
    }
  });
  const shown: (IDiffLine | null)[] = [];
  lines.forEach((line, index) => {
    if (keep[index]) {
      shown.push(line);
    } else if (shown[shown.length - 1] !== null) {
      shown.push(null);
    }
  });
  return shown;
}

namespace Private {
  /** In each run of changed lines, the removed ones first. */
  export function removedFirst(lines: IDiffLine[]): IDiffLine[] {
    const out: IDiffLine[] = [];
    let run: IDiffLine[] = [];
    const flush = () => {
      out.push(...run.filter(line => line.kind === 'removed'), ...run.filter(line => line.kind === 'added'));
      run = [];
    };
    for (const line of lines) {
      if (line.kind === 'same') {
        flush();
        out.push(line);
      } else {
        run.push(line);
      }
    }
    flush();
    return out;
  }
}
