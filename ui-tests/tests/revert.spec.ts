/**
 * Revert: "Revert Modernized Cells" from the command palette restores every
 * modernized cell's original source from its metadata; a cell edited after it
 * was modernized is kept until asked; the history view reverts one cell.
 */
import { expect, test } from '@jupyterlab/galata';
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';

const change = (before: string, after: string, ruleId: string, reason: string) => ({
  origin: `rule:${ruleId}`,
  ruleIds: [ruleId],
  reason,
  sources: ['https://numpy.org/devdocs/release/1.20.0-notes.html#deprecations'],
  before,
  after,
  decidedBy: 'policy'
});

/** A notebook modernized earlier (e.g. by the CLI): provenance in the metadata. */
function notebook(): string {
  const code = (source: string, metadata: Record<string, unknown> = {}) => ({
    cell_type: 'code',
    execution_count: null,
    metadata,
    outputs: [],
    source
  });
  const provenance = (original: string, after: string, ruleId: string, reason: string) => ({
    modernizer: { version: 1, original, changes: [change(original, after, ruleId, reason)] }
  });
  return JSON.stringify({
    cells: [
      code('import numpy as np'),
      code('x = float(3)', provenance('x = np.float(3)', 'x = float(3)', 'numpy-alias-float', 'np.float was removed in NumPy 1.24.')),
      code("print('untouched')"),
      // Edited by the user after it was modernized.
      code('y = int(4)  # mine', provenance('y = np.int(4)', 'y = int(4)', 'numpy-alias-int', 'np.int was removed in NumPy 1.24.')),
      code('z = bool(1)', provenance('z = np.bool(1)', 'z = bool(1)', 'numpy-alias-bool', 'np.bool was removed in NumPy 1.24.'))
    ],
    metadata: {
      kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' },
      language_info: { name: 'python' }
    },
    nbformat: 4,
    nbformat_minor: 5
  });
}

const sources = (page: IJupyterLabPageFixture) =>
  page.evaluate(() => {
    const model = (window as any).jupyterapp.shell.currentWidget.content.model;
    return Array.from({ length: model.cells.length }, (_, i) => model.cells.get(i).sharedModel.getSource());
  });

async function runFromPalette(page: IJupyterLabPageFixture, label: string): Promise<void> {
  await page.keyboard.press('Control+Shift+C');
  const palette = page.locator('#modal-command-palette');
  await expect(palette).toBeVisible();
  await palette.locator('input').fill(label);
  const item = palette.locator('.lm-CommandPalette-item', { hasText: label }).first();
  await expect(item).toBeVisible();
  await expect(item).not.toHaveClass(/lm-mod-disabled/);
  await item.click();
}

test.describe('revert', () => {
  test.setTimeout(180000);

  test.beforeEach(async ({ page, tmpPath }) => {
    await page.contents.uploadContent(notebook(), 'text', `${tmpPath}/modernized.ipynb`);
    await page.notebook.openByPath(`${tmpPath}/modernized.ipynb`);
    await page.notebook.activate('modernized.ipynb');
    await expect(page.locator('.jp-Notebook .jp-Modernizer-Marker')).toHaveCount(3, { timeout: 30000 });
  });

  test('should restore the original sources, keeping edited cells until asked', async ({ page, tmpPath }) => {
    await runFromPalette(page, 'Revert Modernized Cells');
    await expect
      .poll(() => sources(page))
      .toEqual(['import numpy as np', 'x = np.float(3)', "print('untouched')", 'y = int(4)  # mine', 'z = np.bool(1)']);
    // The edited cell keeps its marker and the user's edit; a notification offers to revert it too.
    await expect(page.locator('.jp-Notebook .jp-Modernizer-Marker')).toHaveCount(1);
    const toast = page.locator('.Toastify__toast', { hasText: 'edited after it was modernized' });
    await expect(toast).toBeVisible();
    await toast.getByRole('button', { name: 'Revert them too' }).click();
    await expect.poll(() => sources(page)).toContain('y = np.int(4)');
    await expect(page.locator('.jp-Notebook .jp-Modernizer-Marker')).toHaveCount(0);

    // Nothing modernized left: the command is disabled.
    const enabled = await page.evaluate(() => (window as any).jupyterapp.commands.isEnabled('modernizer:revert-cells'));
    expect(enabled).toBe(false);

    // Saved without provenance.
    await page.notebook.save();
    const saved = await page.evaluate(async file => {
      const model = await (window as any).jupyterapp.serviceManager.contents.get(file, { content: true });
      return model.content.cells.map((c: any) => ({ source: c.source, modernizer: c.metadata.modernizer ?? null }));
    }, `${tmpPath}/modernized.ipynb`);
    expect(saved.map((c: any) => c.modernizer)).toEqual([null, null, null, null, null]);
    expect(saved[1].source).toBe('x = np.float(3)');
  });

  test('should revert one cell from its history, undoably', async ({ page }) => {
    const cell = page.locator('.jp-Notebook .jp-Cell').nth(4);
    await cell.locator('.jp-Modernizer-Marker').click();
    const history = cell.locator('.jp-Modernizer-History');
    await expect(history).toContainText('numpy-alias-bool');
    await expect(history).toContainText('applied by policy');
    await history.getByRole('button', { name: 'Revert cell' }).click();
    await expect.poll(async () => (await sources(page))[4]).toBe('z = np.bool(1)');
    await expect(cell.locator('.jp-Modernizer-Marker')).toHaveCount(0);
    await expect(page.locator('.jp-Notebook .jp-Modernizer-Marker')).toHaveCount(2);

    // Undo in the cell brings the modernized source and its marker back.
    await page.notebook.enterCellEditingMode(4);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await sources(page))[4]).toBe('z = bool(1)');
    await expect(cell.locator('.jp-Modernizer-Marker')).toHaveCount(1);
  });
});
