import type { IJupyterServer } from '../../../src/cli/server';
import { PolicyDecider } from '../../../src/core/run/policy';
import { buildReport } from '../../../src/core/run/report';
import { allRules } from '../../../src/core/rules/all';
import { RuleEngine } from '../../../src/core/rules/engine';
import { Modernizer } from '../../../src/core/run';
import { startTestKernel, startTestServer } from '../../helpers/jupyter';
import type { ITestKernel } from '../../helpers/jupyter';
import { codeNotebook } from '../../helpers/notebooks';

const DATA =
  'from sklearn.datasets import make_classification\n' +
  'from sklearn.model_selection import train_test_split\n' +
  'from sklearn.tree import DecisionTreeClassifier\n' +
  'X, y = make_classification(n_samples=300, flip_y=0.3, random_state=1)';

/**
 * A cell that draws without a seed and prints figures that cycle through
 * known values run after run: the spread is real kernel output, and known.
 */
const CYCLING =
  "_run = globals().get('_run', -1) + 1\n" +
  'X_train, X_test, y_train, y_test = train_test_split(X, y)\n' +
  "print('Accuracy: %.4f' % [0.58, 0.62, 0.57, 0.63][_run % 4])";

describe('Modernizer randomness reruns', () => {
  let server: IJupyterServer;
  let kernel: ITestKernel;
  const rules = new RuleEngine(allRules);

  beforeAll(async () => {
    server = await startTestServer();
  });
  beforeEach(async () => {
    kernel = await startTestKernel(server);
  });
  afterEach(async () => {
    await kernel?.shutdown();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('should re-run an unseeded drifting cell and match the stored figure within its run-to-run spread', async () => {
    const modernizer = new Modernizer({
      notebook: codeNotebook(DATA, [CYCLING, 'Accuracy: 0.6000\n']),
      session: kernel.session,
      rules,
      decider: new PolicyDecider('rules')
    });
    // Modernized: the seed (a rule's fix) was applied; the numbers match either way.
    expect(await modernizer.run()).toBe('modernized');
    const cell = modernizer.cells[1];
    expect(cell.runs).toBe(5);
    expect(cell.scores).toEqual([expect.objectContaining({ original: 0.6, withinTolerance: true, spread: expect.closeTo(0.03, 6) })]);
    expect(cell.diagnosis).toMatchObject({ category: 'randomness' });
    expect(cell.diagnosis?.message).toMatch(/change from run to run \(up to ±0\.03 over 4 runs\): unseeded train_test_split \(cell 2, line 2\)/);
    // The seed is proposed, labelled, and the figure after it is still judged against the spread.
    expect(cell.patches).toEqual([expect.objectContaining({ label: 'seed', ruleIds: ['seed-random_state'], accepted: true })]);
    expect(cell.source).toContain('train_test_split(X, y, random_state=0)');
  });

  it('should give a rerun cell its own status back when no seed is accepted', async () => {
    const modernizer = new Modernizer({
      notebook: codeNotebook(DATA, [CYCLING, 'Accuracy: 0.6000\n']),
      session: kernel.session,
      rules,
      decider: new PolicyDecider('none')
    });
    await modernizer.run();
    expect(modernizer.cells[1].runs).toBe(4);
    expect(modernizer.cells.map(c => c.status)).toEqual(['ok', 'ok']);
  });

  it('should re-run the unseeded cell a drifting cell uses, and keep the spread after the seed is accepted', async () => {
    const modernizer = new Modernizer({
      notebook: codeNotebook(
        DATA,
        'X_train, X_test, y_train, y_test = train_test_split(X, y)',
        ["print('Accuracy: %.4f' % DecisionTreeClassifier(random_state=0).fit(X_train, y_train).score(X_test, y_test))", 'Accuracy: 0.1234\n']
      ),
      session: kernel.session,
      rules,
      decider: new PolicyDecider('all')
    });
    await modernizer.run();
    const [split, scored] = [modernizer.cells[1], modernizer.cells[2]];
    // Three reruns of the split and the scoring cell, then the seeded split once more.
    expect(split.runs).toBe(5);
    expect(split.source).toBe('X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)');
    expect(split.patches[0]).toMatchObject({ label: 'seed', accepted: true });
    expect(scored.scores?.[0].spread).toBeGreaterThan(0);
    expect(scored.scores?.[0].withinTolerance).toBe(false);
    expect(scored.diagnosis?.message).toMatch(/^Score drift: 0\.1234 then.*change from run to run .*train_test_split \(cell 2, line 1\)/);
    // Reruns leave every cell with its final status, never 'running'.
    expect(modernizer.cells.map(c => c.status)).not.toContain('running');
    // The report shows the drift then and now, and the study's verdict on the final metric.
    const report = buildReport(modernizer, { notebook: 'x.ipynb', durationMs: 0 });
    expect(report.cells[2].outputs?.original).toBe('Accuracy: 0.1234\n');
    expect(report.cells[2].scoreNotes).toEqual([expect.stringMatching(/change from run to run/)]);
    expect(report.study).toMatchObject({ verdict: 'not-reproduced', metric: { cell: 2, originalText: '0.1234' } });
  });
});
