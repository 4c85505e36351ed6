import { compareOutputs, pairingHints } from '../../../src/core/scores';
import { DIGIT_LABELS, PROBA, THETA, TUPLE } from './fixtures';
import { result, stdout } from './helpers';

/** The array with the sign of its rows in `rows` flipped. */
function flipRows(text: string, rows: number[]): string {
  return text
    .split('\n')
    .map((line, i) => (rows.includes(i) ? line.replace(/-?\d+\.\d+/g, n => (n.startsWith('-') ? n.slice(1) : `-${n}`)) : line))
    .join('\n');
}

describe('pairingHints()', () => {
  it.each([
    ['from sklearn.decomposition import PCA\npca = PCA(n_components=2).fit(X)\npca.components_', { components: true }],
    ['u, s, vt = svds(train_data_matrix, k = 20)', { components: true }],
    ['w, v = np.linalg.eig(cov)', { components: true }],
    ['km = KMeans(n_clusters=3).fit(X)\nkm.labels_', { clustering: true }],
    ['clf = LogisticRegression().fit(X, y)', {}]
  ])('should read %j', (source, hints) => {
    expect(pairingHints([source])).toEqual(hints);
  });
});

describe('sign flips', () => {
  it('should take a component (a row) whose signs all flipped as the same result, and name it', () => {
    const { pairs } = compareOutputs([result(THETA)], [result(flipRows(THETA, [1]))], undefined, { components: true });
    expect(pairs.every(pair => pair.withinTolerance)).toBe(true);
    expect(pairs.filter(pair => pair.equivalence === 'sign-flip')).toHaveLength(3);
  });

  it('should take a whole row flipping as a flip even without a decomposition in the code', () => {
    const { pairs } = compareOutputs([result(PROBA)], [result(flipRows(PROBA, [0]))]);
    expect(pairs.filter(pair => pair.equivalence === 'sign-flip')).toHaveLength(2);
  });

  it('should not excuse a row where only some numbers flipped', () => {
    const now = THETA.replace('-1.16505434', '1.16505434');
    const { pairs } = compareOutputs([result(THETA)], [result(now)], undefined, { components: true });
    expect(pairs.filter(pair => !pair.withinTolerance)).toHaveLength(1);
  });

  it('should not excuse a lone number flipping without a decomposition', () => {
    const { pairs } = compareOutputs([stdout('R2: 0.25\n')], [stdout('R2: -0.25\n')]);
    expect(pairs[0]).toMatchObject({ withinTolerance: false });
    expect(pairs[0].equivalence).toBeUndefined();
  });
});

describe('label permutations', () => {
  const renamed = DIGIT_LABELS.replace(/\d/g, d => String((Number(d) + 3) % 10));

  it('should take renamed cluster labels as the same grouping, and name it', () => {
    const { pairs } = compareOutputs([result(DIGIT_LABELS)], [result(renamed)], undefined, { clustering: true });
    expect(pairs).toHaveLength(10);
    expect(pairs.every(pair => pair.withinTolerance)).toBe(true);
    expect(pairs.some(pair => pair.equivalence === 'label-permutation')).toBe(true);
  });

  it('should flag labels that do not map one to one', () => {
    const { pairs } = compareOutputs([result(DIGIT_LABELS)], [result('array([2, 8, 2, 6, 6, 7, 1, 9, 8, 8])')], undefined, { clustering: true });
    expect(pairs.filter(pair => !pair.withinTolerance).map(pair => pair.originalText)).toEqual(['5']);
  });

  it('should not pair integer arrays of code that does not cluster', () => {
    expect(compareOutputs([result(DIGIT_LABELS)], [result(renamed)]).pairs).toEqual([]);
  });
});

describe('float noise', () => {
  it('should name a difference in the last digits', () => {
    const { pairs } = compareOutputs([result(TUPLE)], [result('(4.853052800266437, 4.9115445891584e-05)')]);
    expect(pairs.map(pair => pair.equivalence)).toEqual(['float-noise', 'float-noise']);
  });
});
