import { expect, test } from '@jupyterlab/galata';
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';
import * as path from 'path';
import { REAL_KERNELS_API, RUN_TIMEOUT, SCREENSHOTS, sidePanel, startRun, waitForProposal, waitForSummary } from './modernize-utils';

const FIXTURE = path.resolve(__dirname, '..', 'fixtures', 'broken-import.ipynb');

test.describe.configure({ timeout: 6 * 60_000 });
// Tall enough for the whole panel, cell list included, in one screenshot.
test.use({ viewport: { width: 1440, height: 1900 }, ...REAL_KERNELS_API });

/** Open the fixture, run it, reject the import fix: the import's consequences fail under it. */
async function runWithCauseRejected(page: IJupyterLabPageFixture, tmpPath: string): Promise<void> {
  await page.contents.uploadFile(FIXTURE, `${tmpPath}/broken-import.ipynb`);
  await page.filebrowser.refresh();
  expect(await page.notebook.openByPath(`${tmpPath}/broken-import.ipynb`)).toBe(true);
  await page.notebook.activate('broken-import.ipynb');
  await startRun(page);
  const review = await waitForProposal(page);
  await review.getByRole('button', { name: 'Reject' }).click();
  await waitForSummary(page);
}

for (const theme of ['light', 'dark'] as const) {
  test.describe(`Root causes in the panel (${theme})`, () => {
    test('should list the consequences under the broken import and count root causes', async ({ page, tmpPath }) => {
      if (theme === 'dark') {
        await page.theme.setDarkTheme();
      }
      await runWithCauseRejected(page, tmpPath);
      const panel = sidePanel(page);
      // The import cell is the one root cause; the five cells that need what it imports sit under it.
      const cause = panel.locator('.jp-Modernizer-CellList > .jp-Modernizer-Cell[data-cell-index="1"]');
      await expect(cause.locator('.jp-Modernizer-Consequences > summary')).toHaveText('5 later cells fail only because of this one', {
        timeout: RUN_TIMEOUT
      });
      await expect(cause.locator('.jp-Modernizer-Consequence')).toHaveCount(5);
      await expect(cause.locator('.jp-Modernizer-Consequence').last()).toContainText('predictions.csv would have been written by cell 7');
      // Consequences are not listed as failures of their own: the cause and the two cells that ran clean.
      await expect(panel.locator('.jp-Modernizer-CellList > .jp-Modernizer-Cell')).toHaveCount(3);
      const summary = panel.locator('.jp-Modernizer-Summary');
      await expect(summary).toContainText('1 root cause to fix');
      await expect(summary).toContainText('5 cells fail only because of a root cause');
      await expect(summary).toContainText('Some errors, numbers match');
      await expect(panel.locator('.jp-Modernizer-RootCauseLine > span')).toHaveText(['1 root cause failing', '5 cells failing only because of one']);
      await panel.screenshot({ path: path.join(SCREENSHOTS, `rootcause-panel-${theme}.png`) });
    });
  });
}
