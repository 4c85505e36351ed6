import { expect, test } from '@jupyterlab/galata';
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';
import * as path from 'path';
import { REAL_KERNELS_API, SCREENSHOTS, sidePanel, startRun, waitForSummary } from './modernize-utils';

test.describe.configure({ timeout: 6 * 60_000 });
test.use({ viewport: { width: 1440, height: 900 }, ...REAL_KERNELS_API });

/**
 * A notebook whose author saw a table in another row order (no drift) with
 * one value that moved, and a final accuracy that moved by more than 10%.
 */
const TABLE = "import pandas as pd\nscores = pd.DataFrame({'accuracy': [0.86, 0.78, 0.83]}, index=['forest', 'tree', 'svc'])\nscores";
const STORED_TABLE = '        accuracy\ntree        0.78\nsvc         0.81\nforest      0.86';
const METRIC = "print('Test accuracy: %.4f' % scores.accuracy.max())";

function notebookWithOutputs(): string {
  const cell = (source: string, output: Record<string, unknown>, count: number) => ({
    cell_type: 'code',
    execution_count: count,
    metadata: {},
    source,
    outputs: [{ ...output, ...(output.output_type === 'execute_result' ? { execution_count: count, metadata: {} } : {}) }]
  });
  return JSON.stringify({
    cells: [
      cell(TABLE, { output_type: 'execute_result', data: { 'text/plain': STORED_TABLE } }, 1),
      cell(METRIC, { output_type: 'stream', name: 'stdout', text: 'Test accuracy: 0.7400\n' }, 2)
    ],
    metadata: { kernelspec: { display_name: 'Python 3 (ipykernel)', language: 'python', name: 'python3' }, language_info: { name: 'python' } },
    nbformat: 4,
    nbformat_minor: 5
  });
}

async function runOnNumbers(page: IJupyterLabPageFixture, tmpPath: string): Promise<void> {
  await page.evaluate(
    async ({ path, content }) => {
      await (window as any).jupyterapp.serviceManager.contents.save(path, { type: 'file', format: 'text', content });
    },
    { path: `${tmpPath}/numbers.ipynb`, content: notebookWithOutputs() }
  );
  await page.filebrowser.refresh();
  expect(await page.notebook.openByPath(`${tmpPath}/numbers.ipynb`)).toBe(true);
  await page.notebook.activate('numbers.ipynb');
  await startRun(page);
  await waitForSummary(page);
}

test.describe('Numbers in the panel', () => {
  for (const theme of ['light', 'dark'] as const) {
    test(`should show both verdicts and each drift then and now, marked (${theme})`, async ({ page, tmpPath }) => {
      if (theme === 'dark') {
        await page.theme.setDarkTheme();
      }
      await runOnNumbers(page, tmpPath);
      const panel = sidePanel(page);
      await expect(panel.locator('.jp-Modernizer-Study')).toContainText('Published study’s verdict: not reproduced');
      await expect(panel.locator('.jp-Modernizer-StudyMetric')).toContainText('Final metric (cell 2): 0.7400 then, 0.8600 now');
      const drifts = panel.locator('.jp-Modernizer-Drift');
      await expect(drifts).toHaveCount(2);
      // Rows in another order are paired by label: only svc's value is off.
      await expect(drifts.nth(0).locator('.jp-Modernizer-Mark.jp-mod-off')).toHaveText(['0.81', '0.83']);
      await expect(drifts.nth(0).locator('.jp-Modernizer-Mark.jp-mod-same')).toHaveCount(4);
      await panel.locator('.jp-Modernizer-Drifts').scrollIntoViewIfNeeded();
      await panel.screenshot({ path: path.join(SCREENSHOTS, `modernize-numbers-${theme}.png`) });
    });
  }
});
