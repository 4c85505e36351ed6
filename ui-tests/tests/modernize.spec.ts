import { expect, test } from '@jupyterlab/galata';
import * as path from 'path';
import { EXAMPLES, REAL_KERNELS_API, RUN_TIMEOUT, SCREENSHOTS, cellSource, sidePanel, startRun, waitForProposal, waitForSummary } from './modernize-utils';

test.describe.configure({ timeout: 6 * 60_000 });
// A laptop-sized window: the review opens below the notebook, the panel on the right.
test.use({ viewport: { width: 1440, height: 900 }, ...REAL_KERNELS_API });

test.describe('Modernize run', () => {
  test('should diagnose, review, accept and finish the example notebook, and save a copy', async ({ page, tmpPath }) => {
    await page.contents.uploadFile(
      path.join(EXAMPLES, 'passenger-survival-2017.ipynb'),
      `${tmpPath}/passenger-survival-2017.ipynb`
    );
    await page.contents.uploadDirectory(path.join(EXAMPLES, 'data'), `${tmpPath}/data`);
    await page.filebrowser.refresh();
    expect(await page.notebook.openByPath(`${tmpPath}/passenger-survival-2017.ipynb`)).toBe(true);
    await page.notebook.activate('passenger-survival-2017.ipynb');

    await startRun(page);
    const panel = sidePanel(page);

    // The first failure: sklearn.cross_validation, with its fact, then a fix to review.
    const review = await waitForProposal(page);
    await expect(panel.locator('.jp-Modernizer-Versions')).toContainText('Python');
    const failing = panel.locator('.jp-Modernizer-Cell.jp-mod-review').first();
    await expect(failing.locator('.jp-Modernizer-Diagnosis')).toContainText('cross_validation');
    await expect(failing.locator('.jp-Modernizer-Culprit')).toContainText('from sklearn.cross_validation import');
    await expect(review.locator('.jp-Modernizer-ProposalTarget')).toHaveText('Cell 2');
    await expect(review.locator('.jp-Modernizer-OriginName')).toContainText('Rule ');
    await expect(review.locator('.jp-Modernizer-Fact a').first()).toHaveAttribute('href', /^https?:\/\//);

    await page.screenshot({ path: path.join(SCREENSHOTS, 'modernize-review-light.png') });
    await panel.screenshot({ path: path.join(SCREENSHOTS, 'modernize-panel-light.png') });
    await review.screenshot({ path: path.join(SCREENSHOTS, 'modernize-diff-light.png') });

    await review.getByRole('button', { name: 'Accept', exact: true }).click();
    await expect.poll(() => cellSource(page, 1), { timeout: RUN_TIMEOUT }).toContain('sklearn.model_selection');
    // Provenance in the cell's metadata, and the cell marked fixed once it ran.
    await expect(panel.locator('.jp-Modernizer-Cell[data-cell-index="1"]')).toHaveClass(/jp-mod-fixed/, {
      timeout: RUN_TIMEOUT
    });

    // The next proposals: accept the rule fixes for the rest of the run.
    await waitForProposal(page);
    await review.getByRole('button', { name: 'Accept all rule fixes' }).click();

    const summary = await waitForSummary(page);
    await expect(summary).toContainText('cells fixed');
    await expect(panel.locator('.jp-Modernizer-Cell.jp-mod-error')).toHaveCount(0);
    await panel.screenshot({ path: path.join(SCREENSHOTS, 'modernize-summary-light.png') });

    await summary.getByRole('button', { name: 'Save modernized copy' }).click();
    const copy = `${tmpPath}/passenger-survival-2017.modernized.ipynb`;
    await expect.poll(() => page.contents.fileExists(copy), { timeout: 30_000 }).toBe(true);
    const saved = await page.evaluate(async p => {
      const model = await (window as any).jupyterapp.serviceManager.contents.get(p, { content: true });
      return model.content;
    }, copy);
    const sources = saved.cells.map((cell: any) => (Array.isArray(cell.source) ? cell.source.join('') : cell.source));
    expect(sources[1]).toContain('from sklearn.model_selection import train_test_split');
    expect(saved.cells[1].metadata.modernizer.original).toContain('sklearn.cross_validation');
    expect(saved.cells[1].metadata.modernizer.changes[0].decidedBy).toBe('user');
    // The original is left as it was on disk.
    const original = await page.evaluate(async p => {
      const model = await (window as any).jupyterapp.serviceManager.contents.get(p, { content: true });
      return model.content;
    }, `${tmpPath}/passenger-survival-2017.ipynb`);
    expect(original.cells[1].source.join ? original.cells[1].source.join('') : original.cells[1].source).toContain(
      'sklearn.cross_validation'
    );

    await summary.getByRole('button', { name: 'Save report (JSON)' }).click();
    await expect
      .poll(() => page.contents.fileExists(`${tmpPath}/passenger-survival-2017.modernize.json`), { timeout: 30_000 })
      .toBe(true);
  });
});
