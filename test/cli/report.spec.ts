import type { IReport } from '../../src/core/run/report';
import { studyVerdict } from '../../src/core/scores';
import type { INumberPair } from '../../src/core/scores';
import {
  barChart,
  buildSummary,
  formatDuration,
  notebookEntry,
  renderHtml,
  renderMarkdown,
  scorePairs,
  stackedBars
} from '../../src/cli/report';
import type { IBatchNotebook, INotebookInput } from '../../src/cli/report';

type CellSpec = { status: IReport['cells'][number]['status']; failures?: string[]; rules?: string[]; scores?: INumberPair[] };

/** A number of the author's output paired with today's, as the runner reports it. */
function pair(original: number, now: number, template = 'Accuracy: #'): INumberPair {
  const relativeChange = Math.abs(now - original) / Math.abs(original);
  return { template, original, originalText: String(original), now, nowText: String(now), relativeChange, withinTolerance: relativeChange <= 0.01 };
}

/** A per-notebook report with just what the summary reads. */
function report(verdict: IReport['verdict'], cells: CellSpec[], extra: Record<string, unknown> = {}): IReport {
  const records = cells.map((cell, index) => ({
    index,
    status: cell.status,
    changed: (cell.rules ?? []).length > 0,
    diagnosis: cell.failures?.length ? { category: cell.failures[cell.failures.length - 1], message: 'x' } : undefined,
    failures: (cell.failures ?? []).map(category => ({ category, message: 'x' })),
    patches: (cell.rules ?? []).map(id => ({
      id: `p-${id}`,
      origin: `rule:${id}`,
      target: { kind: 'cell', index },
      ruleIds: id.startsWith('data-path') ? [] : [id],
      reason: '',
      sources: [],
      flags: [],
      accepted: true,
      before: '',
      after: ''
    })),
    durationMs: 100,
    engineMs: (cell.failures ?? []).map(() => 5),
    runs: 1,
    ...(cell.scores ? { scores: cell.scores } : {})
  }));
  const code = records.length;
  return {
    reportVersion: 1,
    notebook: '/tmp/x.ipynb',
    verdict,
    failedConditions: [],
    notes: [],
    preflight: [],
    cells: records as unknown as IReport['cells'],
    files: [],
    summary: {
      codeCells: code,
      ranClean: records.filter(c => c.status === 'ok').length,
      fixed: records.filter(c => c.status === 'fixed').length,
      failing: records.filter(c => c.status !== 'ok' && c.status !== 'fixed').length,
      patchesProposed: 0,
      patchesAccepted: 0,
      numbersPaired: 0,
      numbersOff: 0,
      kernelMs: 100 * code
    },
    durationMs: 2000,
    ...extra
  };
}

const entry = (input: Partial<INotebookInput> & { report?: IReport }): IBatchNotebook =>
  notebookEntry({ path: 'nb.ipynb', ...input }, id => (id === 'numpy-alias-float' ? 'numpy' : undefined));

describe('batch report', () => {
  describe('#notebookEntry()', () => {
    it.each<[string, Partial<INotebookInput>, string, string]>([
      ['a clean run', { report: report('reproducible', [{ status: 'ok' }]) }, 'clean-matching', 'reproducible'],
      ['a fixed run', { report: report('modernized', [{ status: 'fixed', failures: ['removed-api'], rules: ['numpy-alias-float'] }]) }, 'clean-matching', 'failing'],
      ['a run with errors', { report: report('failing', [{ status: 'ok' }, { status: 'error', failures: ['unknown'] }]) }, 'errors-matching', 'failing'],
      ['a run stopped by its budget', { report: report('failing', [{ status: 'timeout', failures: ['timeout'] }, { status: 'skipped' }]), budgetExceeded: true }, 'did-not-finish', 'failing'],
      ['a run with skipped cells', { report: report('failing', [{ status: 'ok' }, { status: 'skipped' }]) }, 'did-not-finish', 'reproducible'],
      [
        'a clean run with a drifted score',
        { report: report('reproducible', [{ status: 'ok', scores: [pair(0.82, 0.6)] }]) },
        'clean-numbers-off',
        'reproducible'
      ],
      [
        'a run that ran clean but whose numbers drifted (verdict failing)',
        { report: report('failing', [{ status: 'ok', scores: [pair(0.82, 0.6)] }], { failedConditions: ['numbers-off'] }) },
        'clean-numbers-off',
        'reproducible'
      ],
      [
        'a failing run with a drifted score',
        { report: report('failing', [{ status: 'ok', scores: [pair(1, 2)] }, { status: 'error', failures: ['unknown'] }]) },
        'errors-numbers-off',
        'failing'
      ],
      ['bad input', { missing: { verdict: 'bad-input', reason: 'not valid JSON' } }, 'did-not-finish', 'bad-input'],
      ['a notebook not run yet', {}, 'did-not-finish', 'not-run']
    ])('should class %s', (_what, input, outcome, before) => {
      const result = entry(input);
      expect(result.outcome).toBe(outcome);
      expect(result.before ?? result.verdict).toBe(before);
    });

    it('should count failing cells by root cause, consequences apart', () => {
      const withCauses = report('failing', [{ status: 'error', failures: ['missing-module'] }, { status: 'error', failures: ['consequence'] }, { status: 'error', failures: ['consequence'] }]);
      withCauses.cells[1].diagnosis!.consequenceOf = 0;
      withCauses.cells[2].diagnosis!.consequenceOf = 0;
      const result = entry({ report: withCauses });
      expect(result.rootCauses).toEqual({ failing: 1, consequences: 2 });
      expect(result.failureCategories).toEqual({ 'missing-module': 1 });
      expect(result.consequencesSeen).toBe(2);
      expect(result.remainingCategories).toEqual({ 'missing-module': 1 });
      const summary = buildSummary([result], { generatedAt: 'T', input: '/in', output: '/out', accept: 'none', jobs: 1 });
      expect(summary.totals).toMatchObject({ rootCauses: 1, consequences: 2, consequencesSeen: 2 });
      expect(renderMarkdown(summary)).toContain('Still failing: 1 root causes, 2 consequences under them.');
      expect(renderHtml(summary)).toContain('Still failing, by root cause');
    });

    it('should say numbers were not compared when the report has no score pairs', () => {
      expect(entry({ report: report('reproducible', [{ status: 'ok' }]) }).numbers).toEqual({ compared: false, matching: true, pairs: [] });
    });

    it('should count fixes by rule and by library, the library from the rule or its id', () => {
      const result = entry({
        report: report('modernized', [
          { status: 'fixed', failures: ['removed-api'], rules: ['numpy-alias-float'] },
          { status: 'fixed', failures: ['removed-api'], rules: ['pandas-append', 'sklearn-cross_validation-module'] },
          { status: 'fixed', failures: ['missing-data'], rules: ['data-path'] }
        ])
      });
      expect(result.fixes.byRule).toEqual({ 'numpy-alias-float': 1, 'pandas-append': 1, 'sklearn-cross_validation-module': 1, 'data-path': 1 });
      expect(result.fixes.byLibrary).toEqual({ numpy: 1, pandas: 1, 'scikit-learn': 1, 'notebook setup': 1 });
      expect(result.failureCategories).toEqual({ 'removed-api': 2, 'missing-data': 1 });
      expect(result.durations).toEqual({ wallMs: 2000, kernelMs: 300, engineMs: 15 });
    });

    it('should count a mined fact’s fix under the library its id names', () => {
      const result = entry({
        report: report('modernized', [{ status: 'fixed', failures: ['removed-api'], rules: ['kb:scipy:name-moved:scipy.misc.logsumexp'] }])
      });
      expect(result.fixes.byLibrary).toEqual({ scipy: 1 });
    });
  });

  describe('#scorePairs()', () => {
    it('should read the paired numbers of every cell, matching when within tolerance', () => {
      const pairs = scorePairs(
        report('failing', [{ status: 'ok', scores: [pair(0.73, 0.87), pair(0.5, 0.5, 'loss: #')] }, { status: 'ok' }])
      );
      expect(pairs).toEqual([
        { cell: 0, label: 'Accuracy: …', original: 0.73, current: 0.87, matching: false },
        { cell: 0, label: 'loss: …', original: 0.5, current: 0.5, matching: true }
      ]);
    });

    it('should read no pairs from a report without scores', () => {
      expect(scorePairs(report('reproducible', [{ status: 'ok' }]))).toEqual([]);
    });
  });

  describe('#buildSummary()', () => {
    it('should total outcomes, verdicts before and after, categories and fixes, notebooks sorted', () => {
      const summary = buildSummary(
        [
          notebookEntry({ path: 'b.ipynb', report: report('modernized', [{ status: 'fixed', failures: ['removed-api'], rules: ['numpy-alias-float'] }]) }),
          notebookEntry({ path: 'a.ipynb', report: report('reproducible', [{ status: 'ok' }]) }),
          notebookEntry({ path: 'c.ipynb' })
        ],
        { generatedAt: 'T', input: '/in', output: '/out', accept: 'rules', jobs: 2 }
      );
      expect(summary.notebooks.map(nb => nb.path)).toEqual(['a.ipynb', 'b.ipynb', 'c.ipynb']);
      expect(summary.scoreComparison).toBe('unavailable');
      expect(summary.totals).toMatchObject({
        notebooks: 3,
        finished: 2,
        byOutcome: { 'clean-matching': 2, 'did-not-finish': 1, 'errors-matching': 0 },
        before: { reproducible: 1, failing: 1, 'not-run': 1 },
        after: { reproducible: 1, modernized: 1, 'not-run': 1 },
        failureCategories: { 'removed-api': 1 },
        fixesByRule: { 'numpy-alias-float': 1 },
        wallMs: 4000
      });
    });
  });

  describe('#renderHtml()', () => {
    const summary = buildSummary(
      [
        notebookEntry({
          path: 'course/week 1/<script>.ipynb',
          report: report('modernized', [{ status: 'fixed', failures: ['removed-api'], rules: ['numpy-alias-float'] }]),
          modernized: 'work/course__week 1__<script>/course/week 1/<script>.modernized.ipynb',
          reportLink: 'reports/course__week 1__<script>.json'
        }),
        notebookEntry({ path: 'later.ipynb' })
      ],
      { generatedAt: 'T', input: '/in', output: '/out', accept: 'rules', jobs: 1 }
    );
    const html = renderHtml(summary);

    it('should be self-contained: no scripts, stylesheets, images or fonts from elsewhere', () => {
      expect(html).not.toMatch(/<script|<link|<img|@import|url\(|src=/i);
      expect(html.replace(/xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '')).not.toMatch(/https?:\/\//);
    });

    it('should draw every chart and a row per notebook with encoded, escaped links', () => {
      expect((html.match(/<svg/g) ?? []).length).toBe(5);
      expect((html.match(/<tr>/g) ?? []).length).toBe(3);
      expect(html).toContain('href="work/course__week%201__%3Cscript%3E/course/week%201/%3Cscript%3E.modernized.ipynb"');
      expect(html).toContain('course/week 1/&lt;script&gt;.ipynb');
      expect(html).toContain('No comparison available');
    });

    it('should plot score pairs once they exist', () => {
      const withScores = buildSummary(
        [notebookEntry({ path: 'a.ipynb', report: report('reproducible', [{ status: 'ok', scores: [pair(0.8, 0.5)] }]) })],
        { generatedAt: 'T', input: '/in', output: '/out', accept: 'rules', jobs: 1 }
      );
      const page = renderHtml(withScores);
      expect(page).not.toContain('No comparison available');
      expect(page).toContain('<circle');
      expect(page).toContain('1 paired numbers, 1 still off');
    });
  });

  describe('#renderMarkdown()', () => {
    it('should list outcomes, verdicts and a table row per notebook with escaped pipes', () => {
      const md = renderMarkdown(
        buildSummary([notebookEntry({ path: 'a|b.ipynb', report: report('reproducible', [{ status: 'ok' }]), reportLink: 'reports/a|b.json' })], {
          generatedAt: 'T',
          input: '/in',
          output: '/out',
          accept: 'rules',
          jobs: 1
        })
      );
      expect(md).toContain('| ran clean, numbers match | 1 |');
      expect(md).toContain('| reproducible | 1 | 1 |');
      expect(md).toContain('| a\\|b.ipynb | reproducible | reproducible |');
      expect(md).toContain('[report](reports/a%7Cb.json)');
      expect(md).toContain('No score comparison is available yet');
    });
  });

  describe('two verdicts and drifts side by side', () => {
    const drifting = report('failing', [{ status: 'ok', scores: [pair(0.82, 0.6, 'Test accuracy: #')] }], {
      study: studyVerdict([{ index: 0, pairs: [pair(0.82, 0.6, 'Test accuracy: #')] }], false)
    });
    drifting.cells[0].outputs = { original: 'Test accuracy: 0.82\n', current: 'Test accuracy: 0.6\n' };
    drifting.cells[0].scoreNotes = ["Table: 1 row differs, e.g. 'a' then; 'b' now."];
    const summary = buildSummary([entry({ path: 'drift.ipynb', report: drifting })], {
      generatedAt: 'now',
      input: 'in',
      output: 'out',
      accept: 'rules',
      jobs: 1
    });

    it('should keep the study verdict and the final metric per notebook, and count them', () => {
      expect(summary.notebooks[0].study).toMatchObject({ verdict: 'not-reproduced', metric: { cell: 0, originalText: '0.82', nowText: '0.6' } });
      expect(summary.totals.study).toEqual({ reproduced: 0, 'not-reproduced': 1, 'no-metric': 0 });
    });

    it('should show both verdicts and which number was the final metric in summary.md', () => {
      const md = renderMarkdown(summary);
      expect(md).toContain('## Two verdicts side by side');
      expect(md).toMatch(/\| drift\.ipynb \| failing \| not-reproduced \| 0\.82 → 0\.6 \(cell 1, 26\.8% off\) \| the last paired number on a line naming a metric/);
    });

    it('should show a drifting cell then and now in report.html with the paired numbers marked', () => {
      const html = renderHtml(summary);
      expect(html).toContain('<pre>Test accuracy: <mark class="off">0.82</mark>\n</pre>');
      expect(html).toContain('<pre>Test accuracy: <mark class="off">0.6</mark>\n</pre>');
      expect(html).toContain('1 row differs');
    });
  });

  describe('charts', () => {
    it('should say so when there is nothing to draw and escape labels', () => {
      expect(barChart([], { title: 't' })).toContain('nothing to show');
      expect(barChart([{ label: 'a<b', value: 1 }], { title: 'x&y' })).toContain('a&lt;b');
      const stacked = stackedBars([{ label: 'g', segments: [{ key: 'k', value: 2, color: '#000' }] }], { title: 't' });
      expect(stacked).toContain('>2</text>');
    });
  });

  describe('#formatDuration()', () => {
    it.each([
      [0, '0.0 s'],
      [12345, '12.3 s'],
      [245000, '4 min 05 s'],
      [3720000, '1 h 02 min']
    ])('should format %d ms as %s', (ms, text) => {
      expect(formatDuration(ms)).toBe(text);
    });
  });
});
