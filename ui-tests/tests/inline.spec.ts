/**
 * Inline suggestions: a cell that fails on a plain Shift-Enter gets a one-line
 * rule fix under its output; Apply rewrites and re-runs it and marks it; its
 * history tells which rule and why; the setting turns the line off; a fix made
 * stale by an edit is refused.
 */
import { expect, galata, test } from '@jupyterlab/galata';
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';
import * as path from 'path';

const SETTINGS_ID = 'jupyterlab-modernizer:plugin';
const SCREENSHOTS = path.join(__dirname, '..', 'screenshots');
const FAILING = 'x = np.float(3)\nprint(x)';
const FIXED = 'x = float(3)\nprint(x)';

/** An old notebook: an import, a cell that np.float broke, and one more cell. */
function notebook(): string {
  const code = (source: string) => ({
    cell_type: 'code',
    execution_count: null,
    metadata: {},
    outputs: [],
    source
  });
  return JSON.stringify({
    cells: [code('import numpy as np'), code(FAILING), code("print('done')")],
    metadata: {
      kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' },
      language_info: { name: 'python' }
    },
    nbformat: 4,
    nbformat_minor: 5
  });
}

async function openOldNotebook(page: IJupyterLabPageFixture, tmpPath: string, name = 'old.ipynb'): Promise<void> {
  await page.contents.uploadContent(notebook(), 'text', `${tmpPath}/${name}`);
  await page.notebook.openByPath(`${tmpPath}/${name}`);
  await page.notebook.activate(name);
  await expect(page.locator('.jp-Notebook-ExecutionIndicator[data-status="idle"]')).toHaveCount(1, {
    timeout: 60000
  });
}

/** Run the first two cells like a user: select the first, Shift-Enter twice. */
async function runFirstTwoCells(page: IJupyterLabPageFixture): Promise<void> {
  await page.notebook.selectCells(0);
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.press('Shift+Enter');
  await expect(page.locator('.jp-Cell').nth(1).locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')).toContainText(
    'AttributeError',
    { timeout: 60000 }
  );
}

const cell = (page: IJupyterLabPageFixture, index: number) => page.locator('.jp-Notebook .jp-Cell').nth(index);
/** The notebook model of the (only) open notebook, whatever has the focus. */
const NOTEBOOK_MODEL = `Array.from(window.jupyterapp.shell.widgets('main')).find(w => w.content && w.content.model && w.content.model.cells).content.model`;
const sourceOf = (page: IJupyterLabPageFixture, index: number) =>
  page.evaluate(`${NOTEBOOK_MODEL}.cells.get(${index}).sharedModel.getSource()`) as Promise<string>;

test.describe('inline suggestion', () => {
  test.setTimeout(180000);

  test('should appear under a failing cell without taking focus, apply, re-run and mark the cell', async ({
    page,
    tmpPath
  }) => {
    await openOldNotebook(page, tmpPath);
    await runFirstTwoCells(page);

    const line = cell(page, 1).locator('.jp-Modernizer-SuggestionLine');
    await expect(line).toBeVisible({ timeout: 30000 });
    await expect(line).toContainText('np.float');
    await expect(line.getByRole('button', { name: 'Review' })).toBeVisible();
    // Shift-Enter moved on to the third cell; the line did not take the focus or the selection.
    const active = await page.evaluate(() => {
      const notebook = (window as any).jupyterapp.shell.currentWidget.content;
      return {
        index: notebook.activeCellIndex,
        inLine: !!document.activeElement?.closest('.jp-Modernizer-SuggestionLine')
      };
    });
    expect(active).toEqual({ index: 2, inLine: false });

    await line.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => sourceOf(page, 1)).toBe(FIXED);
    await expect(cell(page, 1).locator('.jp-OutputArea-output')).toHaveText('3.0', { timeout: 60000 });
    await expect(cell(page, 1).locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')).toHaveCount(0);
    await expect(line).toHaveCount(0);

    // The marker, then the history: which rule, why, and the fact's link.
    const marker = cell(page, 1).locator('.jp-Modernizer-Marker');
    await expect(marker).toBeVisible();
    const history = cell(page, 1).locator('.jp-Modernizer-History');
    await expect(history).toBeHidden();
    await marker.click();
    await expect(history).toBeVisible();
    await expect(history).toContainText('numpy-alias-float');
    await expect(history).toContainText('accepted by you');
    await expect(history).toContainText('NumPy');
    await expect(history.getByRole('link', { name: 'Source' })).toHaveAttribute('href', /^https:\/\//);
    await expect(history.locator('.jp-mod-removed')).toHaveText(/np\.float\(3\)/);
    await expect(history.locator('.jp-mod-added')).toHaveText(/float\(3\)/);

    // Provenance is in the metadata: the original source is kept.
    const provenance = await page.evaluate(`${NOTEBOOK_MODEL}.cells.get(1).sharedModel.getMetadata('modernizer')`);
    expect(provenance).toMatchObject({
      original: FAILING,
      changes: [{ origin: 'rule:numpy-alias-float', decidedBy: 'user', before: FAILING, after: FIXED }]
    });

    // The notebook's own undo takes the change back in one step.
    await page.notebook.enterCellEditingMode(1);
    await page.keyboard.press('Control+z');
    await expect.poll(() => sourceOf(page, 1)).toBe(FAILING);
    await expect(marker).toHaveCount(0);
  });

  test('should disappear when the cell is edited, and refuse a stale fix from the review', async ({ page, tmpPath }) => {
    await openOldNotebook(page, tmpPath);
    await runFirstTwoCells(page);
    const line = cell(page, 1).locator('.jp-Modernizer-SuggestionLine');
    await expect(line).toBeVisible({ timeout: 30000 });

    await line.getByRole('button', { name: 'Review' }).click();
    const review = page.locator('.jp-Modernizer-SuggestionReview');
    await expect(review).toBeVisible();
    await expect(review.locator('.cm-mergeView')).toBeVisible();
    await expect(review).toContainText('numpy-alias-float');

    // The user edits the cell while the review is open.
    await page.notebook.activate('old.ipynb');
    await page.notebook.enterCellEditingMode(1);
    await page.keyboard.press('End');
    await page.keyboard.type('  # mine');
    await page.notebook.leaveCellEditingMode(1);
    await expect(line).toHaveCount(0);
    const edited = await sourceOf(page, 1);
    expect(edited).toContain('# mine');

    await review.getByRole('button', { name: 'Apply' }).click();
    await expect(review.getByRole('alert')).toContainText('the cell was edited after this fix was suggested');
    expect(await sourceOf(page, 1)).toBe(edited);
    await expect(cell(page, 1).locator('.jp-Modernizer-Marker')).toHaveCount(0);

    await review.getByRole('button', { name: 'Dismiss' }).click();
    await expect(review).toHaveCount(0);
  });

  test('should go away when the cell runs again without error', async ({ page, tmpPath }) => {
    await openOldNotebook(page, tmpPath);
    await runFirstTwoCells(page);
    const line = cell(page, 1).locator('.jp-Modernizer-SuggestionLine');
    await expect(line).toBeVisible({ timeout: 30000 });
    // Fixed by hand elsewhere: define np.float, then re-run the cell.
    await page.evaluate(() => {
      const panel = (window as any).jupyterapp.shell.currentWidget;
      return panel.sessionContext.session.kernel.requestExecute({ code: 'np.float = float' }).done;
    });
    await page.notebook.selectCells(1);
    await page.keyboard.press('Control+Enter');
    await expect(cell(page, 1).locator('.jp-OutputArea-output')).toHaveText('3.0', { timeout: 60000 });
    await expect(line).toHaveCount(0);
  });
});

test.describe('inline suggestion turned off', () => {
  test.use({
    mockSettings: { ...galata.DEFAULT_SETTINGS, [SETTINGS_ID]: { inlineSuggestions: false } }
  });
  test.setTimeout(180000);

  test('should not show a line under a failing cell', async ({ page, tmpPath }) => {
    await openOldNotebook(page, tmpPath);
    await runFirstTwoCells(page);
    // Give a suggestion every chance to show up.
    await page.waitForTimeout(1500);
    await expect(page.locator('.jp-Modernizer-SuggestionLine')).toHaveCount(0);
  });
});

test.describe('inline suggestion screenshots', () => {
  test.use({ viewport: { width: 1280, height: 1000 } });
  test.setTimeout(240000);

  for (const theme of ['light', 'dark'] as const) {
    test(`should look right in the ${theme} theme`, async ({ page, tmpPath }) => {
      if (theme === 'dark') {
        await page.theme.setDarkTheme();
      }
      await openOldNotebook(page, tmpPath, `old-${theme}.ipynb`);
      await page.sidebar.close('left');
      await runFirstTwoCells(page);
      const line = cell(page, 1).locator('.jp-Modernizer-SuggestionLine');
      await expect(line).toBeVisible({ timeout: 30000 });
      await line.scrollIntoViewIfNeeded();
      const notebookPanel = page.locator('.jp-NotebookPanel:visible');
      await notebookPanel.screenshot({ path: path.join(SCREENSHOTS, `inline-suggestion-${theme}.png`) });

      await line.getByRole('button', { name: 'Review' }).click();
      const review = page.locator('.jp-Modernizer-SuggestionReview');
      await expect(review.locator('.cm-mergeView')).toBeVisible();
      await page.locator('#jp-main-dock-panel').screenshot({ path: path.join(SCREENSHOTS, `inline-review-${theme}.png`) });

      await review.getByRole('button', { name: 'Apply' }).click();
      await expect(review).toHaveCount(0);
      await expect(cell(page, 1).locator('.jp-OutputArea-output')).toHaveText('3.0', { timeout: 60000 });
      await cell(page, 1).locator('.jp-Modernizer-Marker').click();
      await expect(cell(page, 1).locator('.jp-Modernizer-History')).toBeVisible();
      await page.notebook.selectCells(2);
      await notebookPanel.screenshot({ path: path.join(SCREENSHOTS, `history-${theme}.png`) });
    });
  }
});
