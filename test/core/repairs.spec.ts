import type { IPatch, PatchTarget } from '../../src/core/notebook/patch';
import { followRenames } from '../../src/core/repairs/follow';
import { makePatchSet, patchesOfSet } from '../../src/core/repairs/patchset';
import { bindingRenames, renameImportsFrom, renameUses } from '../../src/core/repairs/renames';
import { RuleEngine } from '../../src/core/rules/engine';
import { allRules } from '../../src/core/rules/all';

const rules = new RuleEngine(allRules);

function patch(id: string, target: PatchTarget, before: string, after: string, ruleIds: string[] = []): IPatch {
  return { id, target, origin: ruleIds[0] ? `rule:${ruleIds[0]}` : 'llm:test', ruleIds, facts: [], reason: '', before, after, flags: [] };
}

const code = (...sources: string[]) => sources.map((source, index) => ({ index, cellType: 'code', source }));

describe('bindingRenames()', () => {
  it.each<[string, string, string, [string, string][]]>([
    ['a renamed import', 'from sklearn.preprocessing import Imputer, scale', 'from sklearn.impute import SimpleImputer\nfrom sklearn.preprocessing import scale', [['Imputer', 'SimpleImputer']]],
    ['an aliased import moved', 'import keras.layers.core as core', 'import tensorflow.keras.layers as core', []],
    ['a renamed function', 'def old_fit(x):\n    return x', 'def fit(x):\n    return x', [['old_fit', 'fit']]],
    ['a dropped import', 'import a\nimport b', 'import a', []],
    ['two renames, paired in order', 'from m import A, B', 'from n import C, D', [['A', 'C'], ['B', 'D']]]
  ])('should find %s', (_what, before, after, expected) => {
    expect([...bindingRenames(before, after)]).toEqual(expected);
  });
});

describe('renameUses()', () => {
  it('should rename uses, not keyword names, attributes nor imports', () => {
    const renames = new Map([['Imputer', 'SimpleImputer']]);
    expect(renameUses('x = Imputer(Imputer=1).Imputer\ny = [Imputer]', renames)).toBe('x = SimpleImputer(Imputer=1).Imputer\ny = [SimpleImputer]');
  });
});

describe('renameImportsFrom()', () => {
  it("should rename a helper's function where cells import it, keeping aliases", () => {
    const renames = new Map([['load_old', 'load']]);
    expect(renameImportsFrom('from utils import load_old, other\nload_old(1)', 'utils', renames).source).toBe('from utils import load, other\nload(1)');
    expect(renameImportsFrom('from utils import load_old as lo\nlo(1)', 'utils', renames).source).toBe('from utils import load as lo\nlo(1)');
  });
});

describe('followRenames()', () => {
  let count = 0;
  const makePatch = (target: PatchTarget, before: string, after: string, details: { origin: string; reason: string; ruleIds?: string[] }) =>
    ({ ...patch(`f${++count}`, target, before, after, details.ruleIds), origin: details.origin, reason: details.reason });

  it("should rename the later uses with the fix's own rules, arguments included, in one patch set", () => {
    const cells = code(
      'from sklearn.preprocessing import Imputer',
      "imp = Imputer(missing_values='NaN', strategy='mean', axis=0)",
      'unrelated = 1',
      'def make():\n    return Imputer()'
    );
    const lead = patch('p1', { kind: 'cell', index: 0 }, cells[0].source, 'from sklearn.impute import SimpleImputer', ['sklearn-Imputer']);
    const set = followRenames({ lead, cells, rules, makePatch })!;
    expect(set.parts.map(part => part.target)).toEqual([{ kind: 'cell', index: 1 }, { kind: 'cell', index: 3 }]);
    expect(set.parts[0].after).toContain("imp = SimpleImputer(missing_values=np.nan, strategy='mean')");
    expect(set.parts[1].after).toBe('def make():\n    return SimpleImputer()');
    expect([lead, ...set.parts].map(p => p.setId)).toEqual(['p1', 'p1', 'p1']);
    expect(set.parts[0].reason).toMatch(/renamed Imputer -> SimpleImputer/);
  });

  it('should stop following a name a later cell binds again', () => {
    const cells = code('def old_fit(x):\n    return x', 'old_fit(1)', 'def old_fit(x):\n    return 2 * x', 'old_fit(3)');
    const lead = patch('p2', { kind: 'cell', index: 0 }, cells[0].source, 'def fit(x):\n    return x');
    const set = followRenames({ lead, cells, rules, makePatch })!;
    expect(set.parts.map(part => [part.target, part.after])).toEqual([[{ kind: 'cell', index: 1 }, 'fit(1)']]);
  });

  it('should rename the imports and uses of a function a helper file renamed', () => {
    const cells = code('from utils import load_old', 'data = load_old()');
    const lead = patch('p3', { kind: 'file', path: '/nb/utils.py' }, 'def load_old():\n    pass', 'def load():\n    pass');
    const set = followRenames({ lead, cells, rules, makePatch, moduleOf: () => 'utils' })!;
    expect(set.parts.map(part => part.after)).toEqual(['from utils import load', 'data = load()']);
  });

  it('should make no set when nothing later uses the old name', () => {
    const cells = code('from sklearn.preprocessing import Imputer', 'x = 1');
    const lead = patch('p4', { kind: 'cell', index: 0 }, cells[0].source, 'from sklearn.impute import SimpleImputer', ['sklearn-Imputer']);
    expect(followRenames({ lead, cells, rules, makePatch })).toBeNull();
  });
});

describe('patchesOfSet()', () => {
  it('should list the lead first, then its parts', () => {
    const lead = patch('p9', { kind: 'cell', index: 0 }, 'a', 'b');
    const part = patch('p10', { kind: 'cell', index: 2 }, 'c', 'd');
    makePatchSet(lead, [part], 'why');
    expect(patchesOfSet([part, patch('p11', { kind: 'cell', index: 1 }, '', ''), lead], 'p9').map(p => p.id)).toEqual(['p9', 'p10']);
  });
});
