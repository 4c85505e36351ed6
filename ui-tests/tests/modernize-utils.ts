/**
 * Shared steps of the Modernize UI tests: fixture notebooks, starting a run,
 * waiting for the review.
 */
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';
import { expect } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';
import * as path from 'path';

export const EXAMPLES = path.resolve(__dirname, '..', '..', 'examples');
export const SCREENSHOTS = path.resolve(__dirname, '..', 'screenshots');

/**
 * Galata proxies the kernels REST API to track kernels, and answers every POST there with 201;
 * JupyterLab takes only 200 as a restart, so under that proxy "Restart and modernize" never
 * reconnects, and a message sent during the restart stays queued for good. Tests that restart
 * talk to the real API (the sessions they open are still tracked and closed).
 */
export const REAL_KERNELS_API = { kernels: null };

/** A run on a 2-core machine shared with other test runs: be patient. */
export const RUN_TIMEOUT = 180_000;

/** A small nbformat 4 notebook of code cells. */
export function notebook(cells: string[]): string {
  return JSON.stringify({
    cells: cells.map(source => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source })),
    metadata: {
      kernelspec: { display_name: 'Python 3 (ipykernel)', language: 'python', name: 'python3' },
      language_info: { name: 'python' }
    },
    nbformat: 4,
    nbformat_minor: 5
  });
}

/** Write a notebook into the server's tmp folder of the test and open it. */
export async function openNotebook(page: IJupyterLabPageFixture, tmpPath: string, name: string, cells: string[]): Promise<void> {
  await page.evaluate(
    async ({ path, content }) => {
      await (window as any).jupyterapp.serviceManager.contents.save(path, {
        type: 'file',
        format: 'text',
        content
      });
    },
    { path: `${tmpPath}/${name}`, content: notebook(cells) }
  );
  await page.filebrowser.refresh();
  expect(await page.notebook.openByPath(`${tmpPath}/${name}`)).toBe(true);
  await page.notebook.activate(name);
}

/** The Modernizer side panel. */
export function sidePanel(page: IJupyterLabPageFixture): Locator {
  return page.locator('#jp-modernizer-panel');
}

/** The diff review in the main area. */
export function review(page: IJupyterLabPageFixture): Locator {
  return page.locator('.jp-Modernizer-Review');
}

/** Click the toolbar's Modernize button and confirm the kernel restart. */
export async function startRun(page: IJupyterLabPageFixture): Promise<void> {
  await page.locator('.jp-NotebookPanel-toolbar').getByRole('button', { name: 'Modernize' }).click();
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Restart and modernize' }).click();
  await expect(sidePanel(page)).toBeVisible();
}

/** Wait until a fix waits in the review, and return the review. */
export async function waitForProposal(page: IJupyterLabPageFixture): Promise<Locator> {
  const widget = review(page);
  await expect(widget.locator('.jp-Modernizer-ProposalHeader')).toBeVisible({ timeout: RUN_TIMEOUT });
  await expect(widget.locator('.cm-mergeView')).toBeVisible();
  return widget;
}

/** The source of notebook cell `index` as the notebook model has it. */
export async function cellSource(page: IJupyterLabPageFixture, index: number): Promise<string> {
  return page.evaluate(i => {
    const panel = (window as any).jupyterapp.shell.widgets('main');
    let notebook: any = null;
    for (const widget of panel) {
      if (widget.content?.model?.cells && widget.node.classList.contains('jp-NotebookPanel') && widget.isVisible) {
        notebook = widget;
      }
    }
    return notebook?.content.model.cells.get(i).sharedModel.getSource() ?? '';
  }, index);
}

/** Wait for the run's summary in the side panel. */
export async function waitForSummary(page: IJupyterLabPageFixture): Promise<Locator> {
  const summary = sidePanel(page).locator('.jp-Modernizer-Summary');
  await expect(summary).toBeVisible({ timeout: RUN_TIMEOUT });
  return summary;
}
