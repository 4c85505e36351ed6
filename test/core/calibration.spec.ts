import type * as nbformat from '@jupyterlab/nbformat';
import type { IJupyterServer } from '../../src/cli/server';
import { PolicyDecider } from '../../src/core/run/policy';
import { RuleEngine } from '../../src/core/rules/engine';
import { allFamilies, allRules } from '../../src/core/rules/all';
import { Modernizer } from '../../src/core/run';
import { startTestKernel, startTestServer, useTestKernel } from '../helpers/jupyter';
import { codeNotebook } from '../helpers/notebooks';
import type { ITestKernel } from '../helpers/jupyter';

const DATA =
  'from sklearn.datasets import make_classification\n' +
  'from sklearn.model_selection import train_test_split\n' +
  'X, y = make_classification(n_samples=600, n_features=12, n_informative=4, flip_y=0.1, random_state=3)\n' +
  'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=3)';

describe('Modernizer score calibration', () => {
  let server: IJupyterServer;
  let kernel: ITestKernel;
  const rules = new RuleEngine(allRules, allFamilies);

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

  /** What the code printed under the old default: the same algorithm with the old value passed. */
  async function oldFigure(setup: string, code: string): Promise<string> {
    await kernel.session.execute(setup);
    const result = await kernel.session.execute(code);
    await kernel.session.execute('%reset -f');
    return (result.outputs[0] as nbformat.IStream).text as string;
  }

  it('should restore the old default when the score drifted because of it', async () => {
    const stored = await oldFigure(
      DATA + '\nfrom sklearn.ensemble import RandomForestClassifier',
      "print('Accuracy: %.4f' % RandomForestClassifier(n_estimators=10, random_state=0).fit(X_train, y_train).score(X_test, y_test))"
    );
    const modernizer = new Modernizer({
      notebook: codeNotebook(
        DATA,
        'from sklearn.ensemble import RandomForestClassifier\nclf = RandomForestClassifier(random_state=0)\nclf.fit(X_train, y_train)',
        ["print('Accuracy: %.4f' % clf.score(X_test, y_test))", stored]
      ),
      session: kernel.session,
      rules,
      decider: new PolicyDecider('rules')
    });
    expect(await modernizer.run()).toBe('modernized');
    expect(modernizer.cells[1].source).toContain('RandomForestClassifier(random_state=0, n_estimators=10)');
    expect(modernizer.cells[2].scores).toEqual([expect.objectContaining({ withinTolerance: true, nowText: stored.trim().split(' ')[1] })]);
    expect(modernizer.cells[2].diagnosis?.message).toMatch(/Restored by calibration/);
    const patch = modernizer.cells[1].patches[0];
    expect(patch).toMatchObject({ label: 'score', accepted: true, ruleIds: ['sklearn-forest-n_estimators-default'] });
  });

  it('should say plainly when no changed default explains the drift, and undo what did not help', async () => {
    const modernizer = new Modernizer({
      notebook: codeNotebook(
        DATA,
        'from sklearn.svm import SVC\nclf = SVC().fit(X_train, y_train)',
        ["print('Accuracy: %.4f' % clf.score(X_test, y_test))", 'Accuracy: 0.1234\n']
      ),
      session: kernel.session,
      rules,
      decider: new PolicyDecider('rules')
    });
    expect(await modernizer.run()).toBe('failing');
    expect(modernizer.failedConditions).toEqual(['numbers-off']);
    const last = modernizer.cells[2];
    expect(last.diagnosis?.category).toBe('score-drift');
    expect(last.diagnosis?.message).toMatch(/^Score drift: 0\.1234 then, 0\.\d{4} now .*(No changed default|not all the way)/);
    const svc = modernizer.cells[1];
    // gamma='auto' was tried; it did not bring 0.1234 back, so it was undone.
    expect(svc.patches[0]).toMatchObject({ ruleIds: ['sklearn-svc-gamma-default'], accepted: false, reverted: true });
    expect(svc.source).toBe('from sklearn.svm import SVC\nclf = SVC().fit(X_train, y_train)');
  });

  it('should propose a seed when the numbers wobble from run to run', async () => {
    const modernizer = new Modernizer({
      notebook: codeNotebook(
        'from sklearn.datasets import make_classification\nfrom sklearn.model_selection import train_test_split\nfrom sklearn.tree import DecisionTreeClassifier\nX, y = make_classification(n_samples=300, flip_y=0.3, random_state=1)',
        [
          "X_train, X_test, y_train, y_test = train_test_split(X, y)\nprint('Accuracy: %.4f' % DecisionTreeClassifier().fit(X_train, y_train).score(X_test, y_test))",
          'Accuracy: 0.5000\n'
        ]
      ),
      session: kernel.session,
      rules,
      decider: new PolicyDecider('rules'),
      stabilityRuns: 3
    });
    await modernizer.run();
    const cell = modernizer.cells[1];
    expect(cell.diagnoses.some(d => /change from run to run/.test(d.message))).toBe(true);
    expect(cell.patches[0]).toMatchObject({ ruleIds: ['seed-random_state'] });
    expect(cell.patches[0].after).toContain('train_test_split(X, y, random_state=0)');
  });
});

describe('Modernizer runtime reduction', () => {
  const shared = useTestKernel();
  const rules = new RuleEngine(allRules, allFamilies);
  const slow =
    'from sklearn.datasets import make_classification\nfrom sklearn.ensemble import RandomForestClassifier\n' +
    'X, y = make_classification(n_samples=3000, n_features=30, random_state=0)\n' +
    'model = RandomForestClassifier(n_estimators=4000, random_state=0).fit(X, y)\nprint(len(model.estimators_))';

  it('should try the speed-up that keeps results first and refuse cuts under the rules policy', async () => {
    const modernizer = new Modernizer({
      notebook: codeNotebook(slow),
      session: shared.kernel.session,
      rules,
      decider: new PolicyDecider('rules'),
      cellTimeoutMs: 2000
    });
    expect(await modernizer.run()).toBe('failing');
    const [first, second] = modernizer.cells[0].patches;
    expect(first).toMatchObject({ ruleIds: ['runtime-n_jobs'], label: 'runtime', accepted: true, flags: [] });
    expect(second).toMatchObject({ ruleIds: ['runtime-fewer-iterations'], accepted: false });
    expect(second.flags[0]).toMatchObject({ kind: 'changes-results', message: expect.stringMatching(/Expected speed-up: about 4×/) });
    expect(modernizer.cells[0].status).toBe('timeout');
  });

  it('should apply labelled cuts with --accept all until the cell fits its budget', async () => {
    const modernizer = new Modernizer({
      notebook: codeNotebook(slow),
      session: shared.kernel.session,
      rules,
      decider: new PolicyDecider('all'),
      cellTimeoutMs: 2000
    });
    expect(await modernizer.run()).toBe('modernized');
    const cell = modernizer.cells[0];
    expect(cell.status).toBe('fixed');
    expect(cell.source).toMatch(/RandomForestClassifier\(n_estimators=(250|63|16), random_state=0, n_jobs=-1\)/);
    expect(cell.patches.every(p => p.label === 'runtime' && p.accepted)).toBe(true);
  });
});
