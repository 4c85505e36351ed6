import { ReviewDecider } from '../../src/lab/decider';
import { guardFlags } from '../../src/core/notebook/patch';
import type { IPatch } from '../../src/core/notebook/patch';

const cell = {} as never;

function patch(id: string, origin: string, after = 'x = float(1)'): IPatch {
  return { id, target: { kind: 'cell', index: 0 }, origin, ruleIds: [], facts: [], reason: '', before: 'x = np.float(1)', after, flags: guardFlags('x = np.float(1)', after) };
}

describe('ReviewDecider', () => {
  describe('#decide()', () => {
    it('should apply a plain rule fix under the rules policy and keep the others waiting', async () => {
      const decider = new ReviewDecider({ acceptRules: true });
      expect(await decider.decide(patch('a', 'rule:numpy-float'), cell)).toEqual({ action: 'accept' });
      void decider.decide(patch('b', 'llm:m'), cell);
      void decider.decide(patch('c', 'rule:x', 'import os\nos.system("ls")\nx = float(1)'), cell);
      expect(decider.pending.map(p => p.patch.id)).toEqual(['b', 'c']);
    });

    it.each([
      ['a shell call', 'import subprocess\nsubprocess.run(["ls"])\nx = float(1)'],
      ['eval', 'x = eval("float(1)")'],
      ['a write outside the folder', 'open("../x", "w").write("1")\nx = float(1)'],
      ['a deletion', 'import shutil\nshutil.rmtree("data")\nx = float(1)']
    ])('should never apply a rule fix with %s without the user, even after "accept all rule fixes"', async (_, after) => {
      const decider = new ReviewDecider({ acceptRules: true });
      const waiting = decider.decide(patch('p', 'rule:x', after), cell);
      decider.acceptAllRuleFixes();
      expect(decider.pending.map(p => p.patch.id)).toEqual(['p']);
      decider.reject('p');
      expect(await waiting).toEqual({ action: 'reject' });
    });
  });

  describe('#accept()', () => {
    it('should resolve with the edit when the user changed the source, and mark the user', async () => {
      const decider = new ReviewDecider();
      const candidate = patch('a', 'llm:m');
      const waiting = decider.decide(candidate, cell);
      decider.accept('a', 'x = 1.0');
      expect(await waiting).toEqual({ action: 'accept-edited', source: 'x = 1.0' });
      expect(candidate.decidedBy).toBe('user');
    });

    it('should ignore an unknown or already decided proposal', async () => {
      const decider = new ReviewDecider();
      const waiting = decider.decide(patch('a', 'llm:m'), cell);
      decider.accept('zzz');
      decider.reject('a');
      decider.accept('a');
      expect(await waiting).toEqual({ action: 'reject' });
    });
  });

  describe('#close()', () => {
    it('should reject what waits and everything after', async () => {
      const decider = new ReviewDecider();
      const waiting = decider.decide(patch('a', 'llm:m'), cell);
      decider.close();
      expect(await waiting).toEqual({ action: 'reject' });
      expect(await decider.decide(patch('b', 'rule:x'), cell)).toEqual({ action: 'reject' });
      expect(decider.pending).toEqual([]);
    });
  });
});
