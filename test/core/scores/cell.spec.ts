import type * as nbformat from '@jupyterlab/nbformat';
import * as equivalences from '../../../src/core/scores/equivalences';
import { CellScores, DEFAULT_TOLERANCE } from '../../../src/core/scores';
import { DIGIT_LABELS } from './fixtures';
import { result, stdout } from './helpers';

/** CellScores over `sources` (cell i uses every earlier cell) and their stored outputs, counting what it reads. */
function scoresOf(sources: string[], stored: nbformat.IOutput[][]) {
  const reads = { source: 0, usedCells: 0 };
  const scores = new CellScores({
    stored: index => stored[index] ?? [],
    source: index => {
      reads.source++;
      return sources[index];
    },
    usedCells: index => {
      reads.usedCells++;
      return Array.from({ length: index }, (_, i) => index - 1 - i);
    },
    tolerance: DEFAULT_TOLERANCE
  });
  return { scores, reads };
}

const renamed = DIGIT_LABELS.replace(/\d/g, d => String((Number(d) + 3) % 10));

describe('CellScores.compare()', () => {
  afterEach(() => jest.restoreAllMocks());

  it('should read the clustering in a cell the compared one uses, and take renamed labels as the same grouping', () => {
    const { scores } = scoresOf(['km = KMeans(n_clusters=10).fit(X)', 'km.labels_[:10]'], [[], [result(DIGIT_LABELS)]]);
    const { pairs } = scores.compare(1, [result(renamed)]);
    expect(pairs).toHaveLength(10);
    expect(pairs.every(pair => pair.withinTolerance)).toBe(true);
    expect(pairs.some(pair => pair.equivalence === 'label-permutation')).toBe(true);
  });

  it('should read the decomposition in a used cell for a component whose sign flipped', () => {
    const { scores } = scoresOf(['pca = PCA(n_components=1).fit(X)', 'print(pca.components_)'], [[], [stdout('[[ 0.8  -0.6 ]]\n')]]);
    const { pairs } = scores.compare(1, [stdout('[[-0.8   0.6 ]]\n')]);
    expect(pairs.map(pair => pair.equivalence)).toEqual(['sign-flip', 'sign-flip']);
  });

  it('should not read any code for a cell whose outputs show no number', () => {
    const { scores, reads } = scoresOf(['import numpy as np', 'x = np.zeros(3)', 'print("done")'], [[], [], [stdout('done\n')]]);
    expect(scores.compare(1, []).pairs).toEqual([]);
    expect(scores.compare(2, [stdout('done\n')]).pairs).toEqual([]);
    expect(reads).toEqual({ source: 0, usedCells: 0 });
  });

  it('should not read the code when the numbers shown then have no counterpart now', () => {
    const { scores, reads } = scoresOf(['x = 1', 'print(x)'], [[], [stdout('Accuracy: 0.81\n')]]);
    expect(scores.compare(1, [stdout('something else\n')]).pairs).toEqual([]);
    expect(reads.usedCells).toBe(0);
  });

  it('should parse each source once in a chain of cells that use each other', () => {
    const parse = jest.spyOn(equivalences, 'pairingHints');
    const cells = 30;
    const sources = Array.from({ length: cells }, (_, i) => `x = x + ${i}\nprint(x / 7)`);
    const { scores } = scoresOf(sources, sources.map(() => [stdout('0.5\n')]));
    for (let i = 0; i < cells; i++) {
      expect(scores.compare(i, [stdout('0.5\n')]).pairs).toEqual([expect.objectContaining({ withinTolerance: true })]);
    }
    // Every cell is related to all the earlier ones: without the cache, 465 parses.
    expect(parse).toHaveBeenCalledTimes(cells);
  });
});
