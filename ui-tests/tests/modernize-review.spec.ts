import { expect, test } from '@jupyterlab/galata';
import { REAL_KERNELS_API, RUN_TIMEOUT, cellSource, openNotebook, sidePanel, startRun, waitForProposal, waitForSummary } from './modernize-utils';

test.describe.configure({ timeout: 6 * 60_000 });
// A laptop-sized window: the review opens below the notebook, the panel on the right.
test.use({ viewport: { width: 1440, height: 900 }, ...REAL_KERNELS_API });

const CELLS = ['import numpy as np', 'x = np.float(3)\nprint(x)', "print('done')"];

test.describe('Modernize review', () => {
  test('should leave a rejected fix out and finish with the cell still failing', async ({ page, tmpPath }) => {
    await openNotebook(page, tmpPath, 'reject.ipynb', CELLS);
    await startRun(page);
    const review = await waitForProposal(page);
    await expect(review.locator('.jp-Modernizer-ProposalTarget')).toHaveText('Cell 2');

    await review.getByRole('button', { name: 'Reject' }).click();

    const summary = await waitForSummary(page);
    await expect(summary).toContainText('1 cell still failing');
    expect(await cellSource(page, 1)).toBe(CELLS[1]);
    const cell = sidePanel(page).locator('.jp-Modernizer-Cell[data-cell-index="1"]');
    await expect(cell).toHaveClass(/jp-mod-error/);
    await expect(cell.locator('.jp-Modernizer-Decision')).toHaveText('Rejected');
    // The last cell ran anyway.
    await expect(sidePanel(page).locator('.jp-Modernizer-Cell[data-cell-index="2"]')).toHaveClass(/jp-mod-ok/);
  });

  test('should refuse a fix whose cell was edited after the proposal', async ({ page, tmpPath }) => {
    await openNotebook(page, tmpPath, 'stale.ipynb', CELLS);
    await startRun(page);
    const review = await waitForProposal(page);

    // The user edits the cell while its proposal is open.
    const edited = 'x = np.float(3)\nprint(x)  # my own edit';
    const editor = page.locator('.jp-NotebookPanel .jp-Cell').nth(1).locator('.cm-content');
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('  # my own edit');
    await expect.poll(() => cellSource(page, 1)).toBe(edited);
    await expect(review.locator('.jp-Modernizer-ProposalHeader .jp-mod-warning')).toContainText('You edited this cell');

    await review.getByRole('button', { name: 'Accept', exact: true }).click();

    await expect(sidePanel(page).locator('.jp-Modernizer-Notice.jp-mod-warning')).toContainText(
      'Cell 2 was edited after its fix was proposed: the fix was not applied over your edit.',
      { timeout: RUN_TIMEOUT }
    );
    await expect(review.locator('.jp-Modernizer-ReviewEmpty')).toContainText('The fix for cell 2 was refused');
    expect(await cellSource(page, 1)).toBe(edited);
    await waitForSummary(page);
    expect(await cellSource(page, 1)).toBe(edited);
  });

  test('should accept and reject from the keyboard', async ({ page, tmpPath }) => {
    await openNotebook(page, tmpPath, 'keys.ipynb', [
      'import numpy as np',
      'a = np.float(1)',
      'b = np.int(2)',
      'print(a, b)'
    ]);
    await startRun(page);
    const review = await waitForProposal(page);
    await expect(review.locator('.jp-Modernizer-ProposalTarget')).toHaveText('Cell 2');

    await page.keyboard.press('Alt+y');
    await expect.poll(() => cellSource(page, 1), { timeout: RUN_TIMEOUT }).toBe('a = float(1)');

    await expect(review.locator('.jp-Modernizer-ProposalTarget')).toHaveText('Cell 3', { timeout: RUN_TIMEOUT });
    await page.keyboard.press('Alt+r');

    const summary = await waitForSummary(page);
    await expect(summary).toContainText('1 cell fixed');
    expect(await cellSource(page, 2)).toBe('b = np.int(2)');
  });

  test('should apply an edited fix (edit, then accept)', async ({ page, tmpPath }) => {
    await openNotebook(page, tmpPath, 'edit.ipynb', CELLS);
    await startRun(page);
    const review = await waitForProposal(page);

    await review.getByRole('button', { name: 'Edit' }).click();
    const after = review.locator('.cm-merge-b .cm-content');
    await after.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('  # checked');
    await review.getByRole('button', { name: 'Accept edited' }).click();

    await expect.poll(() => cellSource(page, 1), { timeout: RUN_TIMEOUT }).toBe('x = float(3)\nprint(x)  # checked');
    const summary = await waitForSummary(page);
    await expect(summary).toContainText('1 cell fixed');
  });
});
