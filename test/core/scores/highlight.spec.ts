import { compareOutputs, markNumbers, worthShowing } from '../../../src/core/scores';
import { DICKEY_FULLER } from './fixtures';
import { stdout } from './helpers';

describe('markNumbers()', () => {
  const now = DICKEY_FULLER.replace('0.991880', '0.500000');
  const { pairs } = compareOutputs([stdout(DICKEY_FULLER)], [stdout(now)]);

  it.each([
    ['original', DICKEY_FULLER, '0.991880'],
    ['current', now, '0.500000']
  ] as const)('should mark the drifting number of the %s output as off and the others as matching', (side, text, off) => {
    const segments = markNumbers(text, pairs, side);
    expect(segments.map(s => s.text).join('')).toBe(text);
    expect(segments.filter(s => s.mark === 'off').map(s => s.text)).toEqual([off]);
    expect(segments.filter(s => s.mark === 'same')).toHaveLength(6);
  });

  it('should not mark a number inside a longer one', () => {
    const pair = { template: '#', original: 0.5, originalText: '0.5', now: 0.5, nowText: '0.5', relativeChange: 0, withinTolerance: true };
    expect(markNumbers('10.55 and 0.5', [pair], 'original').filter(s => s.mark).map(s => s.text)).toEqual(['0.5']);
  });
});

describe('worthShowing()', () => {
  it('should show a cell with a drift or a note, not one whose numbers all match', () => {
    const { pairs } = compareOutputs([stdout(DICKEY_FULLER)], [stdout(DICKEY_FULLER)]);
    expect(worthShowing(pairs)).toBe(false);
    expect(worthShowing(pairs, ['Table: 1 row differs'])).toBe(true);
  });
});
