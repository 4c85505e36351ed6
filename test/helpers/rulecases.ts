/**
 * The harness of the rules-in-the-real-kernel specs: one server and kernel
 * for a describe block, a clean namespace per case, and the check that old
 * code fails, its error picks the rule, and the rewrite runs.
 */
import type { IExecutionResult } from '../../src/core/kernel';
import { importAliases } from '../../src/core/python/syntax';
import { RuleEngine, allFamilies, allRules } from '../../src/core/rules';
import { useTestKernel } from './jupyter';

export const engine = new RuleEngine(allRules, allFamilies);

export interface IFailingCase {
  /** The rule the kernel's error must pick (alone or with companions). */
  ruleId: string;
  /** Run first; must succeed. */
  setup?: string;
  /** Old code that fails today. */
  old: string;
  /** Text the fixed code must print. */
  prints?: string;
}

export interface IKernelCases {
  /** Clear the namespace and run the setup, which must succeed. */
  fresh(setup?: string): Promise<void>;
  run(code: string): Promise<IExecutionResult>;
  /** Old code fails; its error picks the rule; the rewrite runs and prints what was meant. */
  failsThenRuns(testCase: IFailingCase): Promise<void>;
}

/** What a run printed on stdout. */
export function stdout(result: IExecutionResult): string {
  return result.outputs
    .filter(output => output.output_type === 'stream' && output.name === 'stdout')
    .map(output => output.text as string)
    .join('');
}

/**
 * Start a server and kernel around the current describe block.
 * @param rules the engine whose rules the cases pick (the product's by default)
 */
export function kernelCases(rules: RuleEngine = engine): IKernelCases {
  const shared = useTestKernel();

  const fresh = async (setup = ''): Promise<void> => {
    const reset = await shared.kernel.session.execute('%reset -f');
    expect(reset.status).toBe('ok');
    if (setup) {
      const result = await shared.kernel.session.execute(setup);
      expect(result.error).toBeUndefined();
      expect(result.status).toBe('ok');
    }
  };

  const run = (code: string): Promise<IExecutionResult> => shared.kernel.session.execute(code, { timeoutMs: 60000 });

  const failsThenRuns = async ({ ruleId, setup, old, prints }: IFailingCase): Promise<void> => {
    expect(rules.get(ruleId)).toBeDefined();
    await fresh(setup);
    const before = await run(old);
    expect(before.status).toBe('error');
    const error = before.error!;
    // The setup is the earlier cell: its imports and definitions are known to the rules.
    const proposal = rules.propose(old, error, importAliases([setup ?? '']));
    expect({ error: `${error.ename}: ${error.evalue}`, rules: proposal?.rules.map(rule => rule.id) }).toEqual({
      error: `${error.ename}: ${error.evalue}`,
      rules: expect.arrayContaining([ruleId])
    });
    await fresh(setup);
    const after = await run(proposal!.source);
    expect({ source: proposal!.source, error: after.error && `${after.error.ename}: ${after.error.evalue}` }).toEqual({
      source: proposal!.source,
      error: undefined
    });
    expect(after.status).toBe('ok');
    if (prints !== undefined) {
      expect(stdout(after)).toContain(prints);
    }
  };

  return { fresh, run, failsThenRuns };
}
