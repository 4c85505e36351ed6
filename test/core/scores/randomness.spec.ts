import type * as nbformat from '@jupyterlab/nbformat';
import { keepSpreads, measureSpread, pairNumbers, seedsGlobally, unseededCalls, withSpread } from '../../../src/core/scores';
import type { INumberPair } from '../../../src/core/scores';
import { stdout } from './helpers';

describe('unseededCalls()', () => {
  it.each([
    ['X_train, X_test, y_train, y_test = train_test_split(X, y)', ['train_test_split']],
    ['X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=42)', []],
    ['rf = RandomForestClassifier()\nrf.fit(X_train, y_train)', ['RandomForestClassifier']],
    ['km = KMeans(n_clusters=3)', ['KMeans']],
    ['X = 2 * np.random.rand(100, 1)', ['np.random.rand']],
    ['np.random.seed(42)', []],
    ["df.sample(5)", ['df.sample']],
    ["df.sample(5, random_state=1)", []],
    ['rng = np.random.default_rng()', ['np.random.default_rng']],
    ['rng = np.random.default_rng(0)', []],
    ['clf = RandomForestClassifier(**params)', []],
    ['model = keras.Sequential([keras.layers.Dense(1)])', ['keras.Sequential']],
    ['w = torch.randn(3, 1)', ['torch.randn']]
  ])('should find the unseeded draws of %j', (source, calls) => {
    expect(unseededCalls(source).map(call => call.call)).toEqual(calls);
  });

  it('should not count draws after a global seed', () => {
    expect(seedsGlobally('import numpy as np\nnp.random.seed(42)')).toBe(true);
    expect(seedsGlobally('tf.random.set_seed(1)')).toBe(true);
    expect(seedsGlobally('torch.manual_seed(1)')).toBe(true);
    expect(unseededCalls('X = 2 * np.random.rand(100, 1)', true)).toEqual([]);
  });
});

describe('withSpread()', () => {
  const pair: INumberPair = { template: 'Accuracy: #', original: 0.78, originalText: '0.78', now: 0.74, nowText: '0.74', relativeChange: 0.05, withinTolerance: false };

  it.each([
    [[0.74, 0.77, 0.75], true, 0.015],
    [[0.74, 0.741, 0.7405], false, 0.0005]
  ])('should match the stored figure against the run-to-run range %j', (values, within, spread) => {
    const measured = withSpread(pair, values, { relative: 0.01, absolute: 1e-4 });
    expect(measured.withinTolerance).toBe(within);
    expect(measured.spread).toBeCloseTo(spread, 6);
  });
});

describe('measureSpread()', () => {
  it('should give the numbers that move their spread and leave steady ones alone', async () => {
    const stored = [stdout('rows: 0.5\nAccuracy: 0.78\n')];
    const runs = ['rows: 0.5\nAccuracy: 0.74\n', 'rows: 0.5\nAccuracy: 0.77\n', 'rows: 0.5\nAccuracy: 0.75\n'];
    const pair = (outputs: nbformat.IOutput[]) => pairNumbers(stored, outputs);
    let run = 1;
    const measured = await measureSpread({
      first: pair([stdout(runs[0])]),
      runs: 5,
      rerun: async () => (run < runs.length ? [stdout(runs[run++])] : null),
      pair,
      tolerance: { relative: 0.01, absolute: 1e-4 }
    });
    expect(measured.runs).toBe(2);
    expect(measured.moved).toBe(true);
    expect(measured.pairs.map(p => [p.template, p.spread, p.withinTolerance])).toEqual([
      ['rows: #', undefined, true],
      ['Accuracy: #', expect.closeTo(0.015, 6), true]
    ]);
  });
});

describe('keepSpreads()', () => {
  const measured: INumberPair = { template: 'Accuracy: #', original: 0.78, originalText: '0.78', now: 0.74, nowText: '0.74', relativeChange: 0.05, withinTolerance: true, spread: 0.02 };

  it.each([
    [0.78, true],
    [0.75, true],
    [0.6, false]
  ])('should keep the measured spread on a new figure %d and match it against that spread', (now, within) => {
    const [pair] = keepSpreads(pairNumbers([stdout('Accuracy: 0.78\n')], [stdout(`Accuracy: ${now}\n`)]), [measured], { relative: 0.01, absolute: 1e-4 });
    expect(pair).toMatchObject({ spread: expect.closeTo(0.02, 9), withinTolerance: within });
  });
});
