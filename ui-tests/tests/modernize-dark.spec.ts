import { expect, test } from '@jupyterlab/galata';
import * as path from 'path';
import { EXAMPLES, REAL_KERNELS_API, SCREENSHOTS, sidePanel, startRun, waitForProposal, waitForSummary } from './modernize-utils';

test.describe.configure({ timeout: 6 * 60_000 });
// A laptop-sized window: the review opens below the notebook, the panel on the right.
test.use({ viewport: { width: 1440, height: 900 }, ...REAL_KERNELS_API });

test.describe('Modernize in the dark theme', () => {
  test('should show the panel and the diff review in JupyterLab Dark', async ({ page, tmpPath }) => {
    await page.contents.uploadFile(
      path.join(EXAMPLES, 'passenger-survival-2017.ipynb'),
      `${tmpPath}/passenger-survival-2017.ipynb`
    );
    await page.contents.uploadDirectory(path.join(EXAMPLES, 'data'), `${tmpPath}/data`);
    await page.theme.setDarkTheme();
    await page.filebrowser.refresh();
    expect(await page.notebook.openByPath(`${tmpPath}/passenger-survival-2017.ipynb`)).toBe(true);
    await page.notebook.activate('passenger-survival-2017.ipynb');

    await startRun(page);
    const review = await waitForProposal(page);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'modernize-review-dark.png') });
    await sidePanel(page).screenshot({ path: path.join(SCREENSHOTS, 'modernize-panel-dark.png') });
    await review.screenshot({ path: path.join(SCREENSHOTS, 'modernize-diff-dark.png') });

    await review.getByRole('button', { name: 'Accept all rule fixes' }).click();
    await waitForSummary(page);
    await sidePanel(page).screenshot({ path: path.join(SCREENSHOTS, 'modernize-summary-dark.png') });
  });
});
