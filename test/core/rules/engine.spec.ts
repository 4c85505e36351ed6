import { RuleEngine, allFamilies, allRules } from '../../../src/core/rules';

const engine = new RuleEngine(allRules, allFamilies);
const error = (ename: string, evalue: string) => ({ ename, evalue, traceback: [] });

describe('RuleEngine', () => {
  describe('#propose()', () => {
    it('should fix the triggered rule and static companions in one patch', () => {
      const proposal = engine.propose(
        'import numpy as np\nx = np.zeros(3, dtype=np.float)\ny = np.int(3)\n',
        error('AttributeError', "module 'numpy' has no attribute 'float'")
      );
      expect(proposal?.rules.map(r => r.id)).toEqual(['numpy-alias-float', 'numpy-alias-int']);
      expect(proposal?.source).toBe('import numpy as np\nx = np.zeros(3, dtype=float)\ny = int(3)\n');
    });

    it('should return null when no rule has the shape of the code', () => {
      expect(engine.propose('x = 1\n', error('AttributeError', "module 'numpy' has no attribute 'float'"))).toBeNull();
    });

    it('should skip excluded rules', () => {
      const proposal = engine.propose(
        'import numpy as np\nnp.float(1)\n',
        error('AttributeError', "module 'numpy' has no attribute 'float'"),
        undefined,
        new Set(['numpy-alias-float', 'kb:numpy:attribute-renamed:numpy.float'])
      );
      expect(proposal).toBeNull();
    });

    it('should resolve aliases imported in earlier cells', () => {
      const proposal = engine.propose(
        'a = numpy_mod.float(2)\n',
        error('AttributeError', "module 'numpy' has no attribute 'float'"),
        new Map([['numpy_mod', 'numpy']])
      );
      expect(proposal?.source).toBe('a = float(2)\n');
    });
  });

  describe('#scan()', () => {
    it('should list static findings with their line', () => {
      const findings = engine.scan('import numpy as np\n\nprint "x"\nz = np.NaN\n');
      expect(findings.map(f => [f.rule.id, f.line])).toEqual([
        ['py2-print-statement', 3],
        ['kb:numpy:attribute-renamed:numpy.NaN', 4]
      ]);
    });

    it('should not list shapes that need the error to confirm them', () => {
      expect(engine.scan('rows = []\nrows.append(1)\n')).toEqual([]);
    });
  });
});
