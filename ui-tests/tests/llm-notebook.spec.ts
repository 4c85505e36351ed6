/**
 * The LLM's notebook-level repair in the lab, through the server's relay and
 * a scripted OpenAI-compatible endpoint on loopback: the cell-level answer
 * fails, the notebook-level answer edits two cells, each part is reviewed on
 * its own, and the panel shows what the answers cost by the price setting.
 */
import { expect, test } from '@jupyterlab/galata';
import * as http from 'http';
import * as path from 'path';
import { REAL_KERNELS_API, SCREENSHOTS, cellSource, openNotebook, sidePanel, startRun, waitForProposal, waitForSummary } from './modernize-utils';

const MODEL = 'scripted-model-1';
const UPSTREAM_PORT = Number(process.env.LLM_UPSTREAM_PORT || '8896');
const SETTINGS = 'jupyterlab-modernizer:plugin';

const CELLS = ['values = [3, 0, 4]', 'def inverse(x):\n    return 1 / x', 'print("sum of inverses", sum(inverse(v) for v in values))'];
const CELL_ONLY = 'print("sum of inverses", sum(inverse(float(v)) for v in values))';
const HELPER_FIXED = 'def inverse(x):\n    # An empty reading counts as nothing.\n    return 1 / x if x else 0.0';
const CALL_FIXED = 'print("sum of inverses", round(sum(inverse(v) for v in values), 4))';

test.describe.configure({ timeout: 6 * 60_000 });
test.use({ viewport: { width: 1440, height: 900 }, ...REAL_KERNELS_API });

/** The scripted endpoint: the first request gets the cell-level answer, the next the notebook-level one. */
function startUpstream(requests: any[]): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', chunk => (raw += chunk));
    req.on('end', () => {
      const body = JSON.parse(raw || '{}');
      requests.push(body);
      const notebookLevel = body.response_format?.json_schema?.name === 'notebook_patch';
      const answer = notebookLevel
        ? JSON.stringify({
            edits: [
              { cell: 2, source: HELPER_FIXED },
              { cell: 3, source: CALL_FIXED }
            ],
            rationale: 'The zero comes from the data in cell 1: inverse() in cell 2 must handle it.'
          })
        : JSON.stringify({ source: CELL_ONLY, rationale: 'Divide floats.' });
      const usage = notebookLevel
        ? { prompt_tokens: 900_000, completion_tokens: 80_000, total_tokens: 980_000 }
        : { prompt_tokens: 600_000, completion_tokens: 30_000, total_tokens: 630_000 };
      const base = { id: 'chatcmpl-scripted', created: 1700000000, model: MODEL };
      if (!body.stream) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            ...base,
            object: 'chat.completion',
            choices: [{ index: 0, message: { role: 'assistant', content: answer }, finish_reason: 'stop' }],
            usage
          })
        );
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
      const chunk = { ...base, object: 'chat.completion.chunk' };
      send({ ...chunk, choices: [{ index: 0, delta: { role: 'assistant', content: answer }, finish_reason: null }] });
      send({ ...chunk, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
      send({ ...chunk, choices: [], usage });
      res.end('data: [DONE]\n\n');
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(UPSTREAM_PORT, '127.0.0.1', () => resolve(server));
  });
}

test.describe('Modernize: the notebook-level repair and its cost', () => {
  const requests: any[] = [];
  let upstream: http.Server;

  test.beforeAll(async () => {
    upstream = await startUpstream(requests);
  });

  test.afterAll(async () => {
    await new Promise(resolve => upstream.close(resolve));
  });

  test('should review a two-cell answer part by part and show the cost per cell and notebook', async ({ page, tmpPath }) => {
    const setSettings = (values: Record<string, unknown> | null) =>
      page.evaluate(
        async ({ id, values }) => {
          const registry = await (window as any).galata.getPlugin('@jupyterlab/apputils-extension:settings');
          for (const key of ['llmPrices', 'llmMaxAttempts']) {
            if (values) {
              await registry.set(id, key, values[key]);
            } else {
              await registry.remove(id, key);
            }
          }
        },
        { id: SETTINGS, values }
      );
    // $1 per million tokens in, $10 out: the cell-level call costs $0.90, the notebook-level $1.70.
    await setSettings({ llmPrices: { [MODEL]: { input: 1, output: 10 } }, llmMaxAttempts: 1 });
    try {
      const name = 'llm-notebook-level.ipynb';
      await openNotebook(page, tmpPath, name, CELLS);
      await startRun(page);

      // The cell-level answer first.
      let review = await waitForProposal(page);
      await expect(review.locator('.jp-Modernizer-ProposalTarget')).toHaveText('Cell 3');
      await expect(review.locator('.cm-mergeView')).toContainText('float(v)');
      await review.getByRole('button', { name: 'Accept', exact: true }).click();

      // It fails too: the notebook-level answer, part 1 in cell 2, reviewed alone.
      review = await waitForProposal(page);
      await expect(review.locator('.jp-Modernizer-ProposalTarget')).toHaveText('Cell 2', { timeout: 120_000 });
      await expect(review.locator('.jp-Modernizer-Reason')).toContainText('Part 1 of 2 of one notebook-level repair (cells 2, 3)');
      await expect(review.locator('.cm-mergeView')).toContainText('if x else 0.0');
      await review.screenshot({ path: path.join(SCREENSHOTS, 'llm-notebook-part-light.png') });
      await page.theme.setDarkTheme();
      await expect(review.locator('.jp-Modernizer-Reason')).toBeVisible();
      await review.screenshot({ path: path.join(SCREENSHOTS, 'llm-notebook-part-dark.png') });
      await page.theme.setLightTheme();
      await review.getByRole('button', { name: 'Accept', exact: true }).click();

      // Part 2, in cell 3.
      await expect(review.locator('.jp-Modernizer-ProposalTarget')).toHaveText('Cell 3', { timeout: 60_000 });
      await expect(review.locator('.jp-Modernizer-Reason')).toContainText('Part 2 of 2');
      await expect(review.locator('.cm-mergeView')).toContainText('round(');
      await review.getByRole('button', { name: 'Accept', exact: true }).click();

      const summary = await waitForSummary(page);
      await expect(summary).toContainText('2 cells fixed');
      expect(await cellSource(page, 1)).toBe(HELPER_FIXED);
      expect(await cellSource(page, 2)).toBe(CALL_FIXED);
      await expect(page.locator('.jp-Cell').nth(2).locator('.jp-OutputArea-output')).toContainText('sum of inverses 0.5833');

      // What the two answers cost, on the cell and for the notebook.
      const panel = sidePanel(page);
      const cell = panel.locator('.jp-Modernizer-Cell[data-cell-index="2"]');
      await expect(cell.locator('.jp-Modernizer-Usage')).toContainText('2 LLM calls');
      await expect(cell.locator('.jp-Modernizer-Cost')).toHaveText('$2.60');
      await expect(summary.locator('.jp-Modernizer-Cost')).toHaveText('$2.60');
      await panel.screenshot({ path: path.join(SCREENSHOTS, 'llm-cost-light.png') });
      await page.theme.setDarkTheme();
      await expect(summary).toBeVisible();
      await panel.screenshot({ path: path.join(SCREENSHOTS, 'llm-cost-dark.png') });
      await page.theme.setLightTheme();

      expect(requests.map(body => body.response_format?.json_schema?.name)).toEqual(['cell_patch', 'notebook_patch']);
    } finally {
      await setSettings(null);
    }
  });
});
