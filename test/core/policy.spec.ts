import type { IPatch, PatchFlagKind } from '../../src/core/notebook/patch';
import { guardFlags } from '../../src/core/notebook/patch';
import { PolicyDecider } from '../../src/core/run/policy';
import type { AcceptPolicy } from '../../src/core/run/policy';

function patch(origin: string, flags: PatchFlagKind[] = [], label?: IPatch['label']): IPatch {
  return {
    id: 'p1',
    target: { kind: 'cell', index: 0 },
    origin,
    ruleIds: [],
    facts: [],
    reason: 'why',
    before: 'a',
    after: 'b',
    flags: flags.map(kind => ({ kind, message: kind })),
    label
  };
}

describe('PolicyDecider', () => {
  describe('.accepts()', () => {
    it.each<[AcceptPolicy, IPatch, boolean]>([
      ['none', patch('rule:x'), false],
      ['rules', patch('rule:x'), true],
      ['rules', patch('llm:gpt'), false],
      ['rules', patch('data-path'), false],
      ['all', patch('llm:gpt'), true],
      ['rules', patch('rule:x', ['changes-results'], 'score'), false],
      ['all', patch('rule:x', ['changes-results'], 'score'), true],
      ['all', patch('llm:gpt', ['changes-results']), false],
      // A model's speed-up or calibration with drift waits for a person; without drift it applies.
      ['all', patch('llm:gpt', ['changes-results'], 'runtime'), false],
      ['all', patch('llm:gpt', ['changes-results'], 'score'), false],
      ['all', patch('llm:gpt', [], 'runtime'), true],
      ['rules', patch('llm:gpt', [], 'score'), false],
      ...(['installs-package', 'shell', 'network', 'deletes-files', 'writes-outside', 'runs-code'] as PatchFlagKind[]).flatMap(
        kind =>
          [
            ['rules', patch('rule:x', [kind]), false],
            ['all', patch('llm:gpt', [kind]), false],
            ['all', patch('rule:x', [kind, 'changes-results'], 'runtime'), false]
          ] as [AcceptPolicy, IPatch, boolean][]
      )
    ])('with --accept %s should decide %j: %s', (policy, candidate, accepted) => {
      expect(PolicyDecider.accepts(policy, candidate)).toBe(accepted);
    });
  });

  describe('.accepts() with --allow-installs', () => {
    it.each<[AcceptPolicy, IPatch, boolean]>([
      ['rules', patch('rule:pip-install', ['installs-package']), true],
      ['all', patch('rule:pip-install', ['installs-package']), true],
      ['none', patch('rule:pip-install', ['installs-package']), false],
      ['all', patch('llm:gpt', ['installs-package']), false],
      ['rules', patch('rule:x', ['installs-package']), false],
      ['rules', patch('rule:pip-install', ['installs-package', 'shell']), false]
    ])('with --accept %s should decide %j: %s', (policy, candidate, accepted) => {
      expect(PolicyDecider.accepts(policy, candidate, { allowInstalls: true })).toBe(accepted);
    });
  });

  describe('#decide()', () => {
    it('should never apply an LLM answer that runs a shell command, whatever the policy', async () => {
      const after = 'import os\nx = os.popen("id").read()';
      const candidate = { ...patch('llm:m'), before: 'x = 1', after, flags: guardFlags('x = 1', after) };
      expect(candidate.flags.map(flag => flag.kind)).toEqual(['shell']);
      expect(await new PolicyDecider('all').decide(candidate, {} as never)).toEqual({ action: 'reject' });
      expect(candidate.decidedBy).toBe('policy');
    });
  });
});
