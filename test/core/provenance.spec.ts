import { readProvenance, recordProvenance, revertCell, safeLink } from '../../src/core/notebook/provenance';

const change = {
  origin: 'rule:numpy-float',
  ruleIds: ['numpy-float'],
  reason: 'np.float was removed',
  sources: ['https://numpy.org/doc/stable/release/1.24.0-notes.html'],
  before: 'np.float(1)',
  after: 'float(1)',
  decidedBy: 'policy'
};

const withChanges = (changes: unknown, extra: Record<string, unknown> = {}) => ({
  modernizer: { version: 1, original: 'np.float(1)', changes, ...extra }
});

describe('safeLink()', () => {
  it.each([
    ['https://numpy.org/doc', 'https://numpy.org/doc'],
    ['http://example.com/a?b=1', 'http://example.com/a?b=1'],
    ['HTTPS://EXAMPLE.COM', 'https://example.com/']
  ])('should keep the web link %s', (url, expected) => {
    expect(safeLink(url)).toBe(expected);
  });

  it.each([
    ['javascript:alert(document.cookie)'],
    [' javascript:alert(1)'],
    ['JaVaScRiPt:alert(1)'],
    ['java\tscript:alert(1)'],
    ['data:text/html,<script>alert(1)</script>'],
    ['vbscript:msgbox(1)'],
    ['file:///etc/passwd'],
    ['/lab/tree/x.ipynb'],
    ['//evil.example/x'],
    ['not a url'],
    [''],
    [42],
    [null],
    [{ href: 'https://x' }]
  ])('should refuse %p', url => {
    expect(safeLink(url)).toBeUndefined();
  });
});

describe('readProvenance()', () => {
  it('should read what recordProvenance wrote, with no problems', () => {
    const metadata = recordProvenance({}, 'np.float(1)', [
      {
        cellIndex: 0,
        before: 'np.float(1)',
        after: 'float(1)',
        origin: 'rule:numpy-float',
        ruleIds: ['numpy-float'],
        reason: 'np.float was removed',
        facts: [{ source: 'https://numpy.org/doc' }]
      } as never
    ]);
    const provenance = readProvenance(metadata)!;
    expect(provenance.changes).toHaveLength(1);
    expect(provenance.changes[0].sources).toEqual(['https://numpy.org/doc']);
    expect(provenance.problems).toEqual([]);
  });

  it('should drop links that are not http(s) and say so', () => {
    const provenance = readProvenance(withChanges([{ ...change, sources: ['javascript:alert(1)', 'https://ok.example/'] }]))!;
    expect(provenance.changes[0].sources).toEqual(['https://ok.example/']);
    expect(provenance.problems).toEqual([expect.stringMatching(/link/)]);
  });

  it.each([
    ['a string', 'hello'],
    ['a number', 3],
    ['null', null],
    ['an array', [1, 2]]
  ])('should return undefined for a record that is %s', (_, value) => {
    expect(readProvenance({ modernizer: value })).toBeUndefined();
  });

  it.each([
    ['no origin', { ...change, origin: undefined }],
    ['an object origin', { ...change, origin: { toString: 1 } }],
    ['ruleIds not a list', { ...change, ruleIds: 'x' }],
    ['ruleIds of numbers', { ...change, ruleIds: [1, 2] }],
    ['sources not a list', { ...change, sources: 'https://x' }],
    ['no before', { ...change, before: undefined }],
    ['a number reason', { ...change, reason: 7 }],
    ['an odd decidedBy', { ...change, decidedBy: 'admin' }]
  ])('should repair a change with %s into strings and note a problem', (_, bad) => {
    const provenance = readProvenance(withChanges([bad]))!;
    const [read] = provenance.changes;
    expect(typeof read.origin).toBe('string');
    expect(typeof read.reason).toBe('string');
    expect(typeof read.before).toBe('string');
    expect(read.ruleIds.every(id => typeof id === 'string')).toBe(true);
    expect(read.sources.every(source => typeof source === 'string')).toBe(true);
    expect(['policy', 'user']).toContain(read.decidedBy);
    expect(provenance.problems!.length).toBeGreaterThan(0);
  });

  it('should drop entries that are not changes and count them', () => {
    const provenance = readProvenance(withChanges([null, 'x', { before: 'a' }, change]))!;
    expect(provenance.changes).toHaveLength(1);
    expect(provenance.problems).toEqual(['Some recorded changes could not be read.']);
  });

  it('should treat changes that are not a list as a problem', () => {
    const provenance = readProvenance(withChanges({ 0: change }))!;
    expect(provenance.changes).toEqual([]);
    expect(provenance.problems!.length).toBe(1);
  });

  it('should still revert to the original of a partly broken record', () => {
    expect(revertCell('float(1)', withChanges([null, change])).source).toBe('np.float(1)');
  });
});
