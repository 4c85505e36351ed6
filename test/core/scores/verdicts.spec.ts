import { finalMetric, studyVerdict } from '../../../src/core/scores';
import type { INumberPair } from '../../../src/core/scores';

const pair = (template: string, original: number, now: number, extra: Partial<INumberPair> = {}): INumberPair => ({
  template,
  original,
  originalText: String(original),
  now,
  nowText: String(now),
  relativeChange: Math.abs(now - original) / Math.abs(original),
  withinTolerance: Math.abs(now - original) <= 0.01 * Math.abs(original),
  ...extra
});

describe('finalMetric()', () => {
  it.each([
    [
      'the last line naming a metric in the last cell that prints one',
      [
        { index: 3, pairs: [pair('Accuracy of K-NN classifier on test set: #', 0.78, 0.8)] },
        { index: 7, pairs: [pair('Best params: {#}', 0.5, 0.5), pair('Best score: #', 0.81219, 0.8)] },
        { index: 9, pairs: [pair('[# #]', 0.1, 0.2)] }
      ],
      7,
      'Best score: #',
      /naming a metric \(“score”\)/
    ],
    [
      'the last single number when no line names a metric',
      [{ index: 2, pairs: [pair('[# #]', 0.1, 0.2), pair('#', 2.7270, 2.7)] }],
      2,
      '#',
      /no printed line names a metric/
    ]
  ])('should take %s', (_, cells, cell, template, why) => {
    const metric = finalMetric(cells);
    expect(metric).toMatchObject({ cell, template });
    expect(metric!.why).toMatch(why);
  });
});

describe('studyVerdict()', () => {
  it.each([
    ['within 10%', pair('Test accuracy = #', 0.953, 0.9), false, 'reproduced'],
    ['off by more than 10%', pair('Test accuracy = #', 0.953, 0.8), false, 'not-reproduced'],
    ['within 10% but unstable over reruns', pair('Test accuracy = #', 0.953, 0.9, { spread: 0.08 }), false, 'not-reproduced'],
    ['within 10% while cells still fail', pair('Test accuracy = #', 0.953, 0.953), true, 'not-reproduced']
  ])('should judge a final metric %s', (_, metric, failing, verdict) => {
    expect(studyVerdict([{ index: 0, pairs: [metric] }], failing).verdict).toBe(verdict);
  });

  it('should say when there is no metric', () => {
    expect(studyVerdict([{ index: 0, pairs: [pair('[# #]', 1.5, 1.5)] }], false)).toMatchObject({ verdict: 'no-metric' });
  });
});
