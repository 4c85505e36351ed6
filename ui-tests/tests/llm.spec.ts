/**
 * The LLM path of a Modernize run, end to end through the server's relay: a
 * scripted OpenAI-compatible endpoint on loopback (started here) answers with
 * a streamed patch for a cell no rule fixes; the panel shows the answer as it
 * streams, the review shows the model and its rationale, the fix is accepted
 * and the cell runs. The key the relay holds (playwright.config.js, project
 * `llm`) must never reach the browser, the report or the notebook.
 */
import { expect, test } from '@jupyterlab/galata';
import * as http from 'http';
import * as path from 'path';
import { REAL_KERNELS_API, RUN_TIMEOUT, SCREENSHOTS, cellSource, openNotebook, sidePanel, startRun, waitForProposal, waitForSummary } from './modernize-utils';

const KEY = 'fake-key-NEVER-IN-BROWSER-123456789012';
const MODEL = 'scripted-model-1';
const UPSTREAM_PORT = Number(process.env.LLM_UPSTREAM_PORT || '8896');

/** The patched cell the script answers with, and why. */
const FIXED = 'print(scaled_area(3, 4, scale=1))';
const RATIONALE = 'scaled_area() now takes a third argument, scale; passing scale=1 keeps the area the cell printed before.';

test.describe.configure({ timeout: 6 * 60_000 });
test.use({ viewport: { width: 1440, height: 900 }, ...REAL_KERNELS_API });

interface IRecorded {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: any;
}

/** The scripted endpoint: a streamed JSON answer, slowly, so the panel can be watched. */
function startUpstream(recorded: IRecorded[], chunkDelayMs: number): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', chunk => (raw += chunk));
    req.on('end', async () => {
      let body: any = null;
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
      recorded.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `No route ${req.url}`, type: 'not_found' } }));
        return;
      }
      const answer = JSON.stringify({ source: FIXED, rationale: RATIONALE });
      const usage = { prompt_tokens: 812, completion_tokens: 64, total_tokens: 876 };
      const base = { id: 'chatcmpl-scripted', object: 'chat.completion.chunk', created: 1700000000, model: MODEL };
      if (!body?.stream) {
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
      send({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
      const pieces = answer.match(/.{1,3}/gs) ?? [];
      for (const piece of pieces) {
        await new Promise(resolve => setTimeout(resolve, chunkDelayMs));
        send({ ...base, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] });
      }
      send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
      send({ ...base, choices: [], usage });
      res.write('data: [DONE]\n\n');
      res.end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(UPSTREAM_PORT, '127.0.0.1', () => resolve(server));
  });
}

test.describe('Modernize with the LLM relay', () => {
  const recorded: IRecorded[] = [];
  let upstream: http.Server;

  test.beforeAll(async () => {
    // About 60 chunks of 3 characters, 0.3 s apart: the answer streams for some 17 seconds.
    upstream = await startUpstream(recorded, 300);
  });

  test.afterAll(async () => {
    await new Promise(resolve => upstream.close(resolve));
  });

  test('should stream the answer, show model and rationale, apply it, and never give the key to the browser', async ({
    page,
    tmpPath
  }) => {
    // Everything the browser receives: response headers and bodies, websocket frames.
    const received: { url: string; text: string }[] = [];
    const pendingBodies: Promise<void>[] = [];
    page.on('response', response => {
      pendingBodies.push(
        (async () => {
          const headers = JSON.stringify(await response.allHeaders().catch(() => ({})));
          const body = await response.body().then(
            buffer => buffer.toString('utf8'),
            () => ''
          );
          received.push({ url: response.url(), text: headers + '\n' + body });
        })()
      );
    });
    page.on('websocket', socket => {
      socket.on('framereceived', frame => {
        received.push({ url: socket.url(), text: typeof frame.payload === 'string' ? frame.payload : frame.payload.toString('utf8') });
      });
    });

    // The relay says a key is configured, never which.
    const status = await page.evaluate(async () => {
      const app = (window as any).jupyterapp;
      const settings = app.serviceManager.serverSettings;
      const response = await fetch(`${settings.baseUrl}jupyterlab-modernizer/llm/status`, {
        headers: { Authorization: `token ${settings.token}` }
      });
      return response.json();
    });
    expect(status.has_key).toBe(true);
    expect(status.model).toBe(MODEL);

    // Cell 2 calls a helper cell 1 defines with a changed signature: no rule fixes that.
    const name = 'llm-helper-signature.ipynb';
    await openNotebook(page, tmpPath, name, [
      'def scaled_area(width, height, scale):\n    return width * height * scale',
      'print(scaled_area(3, 4))'
    ]);

    await startRun(page);
    const panel = sidePanel(page);
    const cell = panel.locator('.jp-Modernizer-Cell[data-cell-index="1"]');
    const live = cell.locator('.jp-Modernizer-LiveAnswer');

    // The answer streams into the panel: first part, then more, while the model still writes.
    await expect(live.locator('.jp-Modernizer-Streaming')).toBeVisible({ timeout: RUN_TIMEOUT });
    await expect(live).toContainText(`Answer of ${MODEL}`);
    await expect(live.locator('.jp-Modernizer-LiveSource')).toContainText('print(scaled', { timeout: 30_000 });
    const early = await live.locator('.jp-Modernizer-LiveSource').textContent();
    await expect(live.locator('.jp-Modernizer-LiveRationale')).toContainText('scaled_area() now', { timeout: 30_000 });
    await expect(live.locator('.jp-Modernizer-Streaming')).toBeVisible();
    expect(early!.length).toBeLessThanOrEqual(FIXED.length);
    await panel.screenshot({ path: path.join(SCREENSHOTS, 'llm-streaming-light.png') });
    await page.theme.setDarkTheme();
    await expect(live.locator('.jp-Modernizer-Streaming')).toBeVisible();
    await panel.screenshot({ path: path.join(SCREENSHOTS, 'llm-streaming-dark.png') });
    await page.theme.setLightTheme();

    // The review: the model's name and its rationale.
    const review = await waitForProposal(page);
    await expect(review.locator('.jp-Modernizer-ProposalTarget')).toHaveText('Cell 2');
    const origin = review.locator('.jp-Modernizer-Origin.jp-mod-llm');
    await expect(origin.locator('.jp-Modernizer-OriginName')).toHaveText(MODEL);
    await expect(origin.locator('.jp-Modernizer-Reason')).toContainText('passing scale=1');
    await expect(review.locator('.cm-mergeView')).toContainText('scale=1');
    await expect(live.locator('.jp-Modernizer-LiveSource')).toHaveText(FIXED);
    await expect(cell.locator('.jp-Modernizer-Usage')).toContainText('812 tokens in');
    await expect(cell.locator('.jp-Modernizer-Usage')).toContainText('64 out');
    await review.screenshot({ path: path.join(SCREENSHOTS, 'llm-diff-light.png') });
    await page.theme.setDarkTheme();
    await expect(origin).toBeVisible();
    await review.screenshot({ path: path.join(SCREENSHOTS, 'llm-diff-dark.png') });
    await page.theme.setLightTheme();

    // Accept: the cell gets the model's source and runs clean.
    await review.getByRole('button', { name: 'Accept', exact: true }).click();
    const summary = await waitForSummary(page);
    await expect(summary).toContainText('1 cell fixed');
    await expect(summary.locator('.jp-Modernizer-Usage')).toContainText('812 tokens in');
    await expect(panel.locator('.jp-Modernizer-LlmHint')).toContainText('This notebook:');
    expect(await cellSource(page, 1)).toBe(FIXED);
    await expect(page.locator('.jp-Cell').nth(1).locator('.jp-OutputArea-output')).toContainText('12');
    await panel.screenshot({ path: path.join(SCREENSHOTS, 'llm-done-light.png') });

    // The report and the notebook on disk.
    await summary.getByRole('button', { name: 'Save modernized copy' }).click();
    await expect(summary.locator('.jp-Modernizer-Saved')).toBeVisible();
    await summary.getByRole('button', { name: 'Save report (JSON)' }).click();
    await expect(page.locator('.Toastify__toast').filter({ hasText: 'Report saved as' })).toBeVisible();
    // Save the notebook itself too (the review tab may be the active one).
    await page.evaluate(async file => {
      for (const widget of (window as any).jupyterapp.shell.widgets('main')) {
        if (widget.context?.path?.endsWith(file)) {
          await widget.context.save();
        }
      }
    }, name);
    const files = await page.evaluate(async dir => {
      const settings = (window as any).jupyterapp.serviceManager.serverSettings;
      const get = async (p: string, query: string) => {
        const response = await fetch(`${settings.baseUrl}api/contents/${p}?${query}`, {
          headers: { Authorization: `token ${settings.token}` }
        });
        return response.json();
      };
      const listing = await get(dir, 'content=1');
      const out: Record<string, string> = {};
      for (const item of listing.content) {
        if (item.type !== 'directory') {
          out[item.name] = (await get(item.path, 'content=1&type=file&format=text')).content;
        }
      }
      return out;
    }, tmpPath);
    const reportName = Object.keys(files).find(file => file.endsWith('.modernize.json'));
    expect(reportName).toBeTruthy();
    const report = JSON.parse(files[reportName!]);
    const fixed = report.cells.find((c: any) => c.index === 1);
    expect(fixed.usage).toEqual({ calls: 1, inputTokens: 812, outputTokens: 64 });
    expect(JSON.stringify(report)).toContain(`llm:${MODEL}`);
    for (const file of [name, name.replace('.ipynb', '.modernized.ipynb')]) {
      const saved = JSON.parse(files[file]);
      const source = saved.cells[1].source;
      expect(Array.isArray(source) ? source.join('') : source).toBe(FIXED);
      expect(JSON.stringify(saved.cells[1].metadata), `${file}'s provenance`).toContain(`llm:${MODEL}`);
    }
    for (const [file, text] of Object.entries(files)) {
      expect(text.includes(KEY), `${file} holds the key`).toBe(false);
    }

    // The upstream got the key from the relay, and the prompt held the cell and its error.
    const calls = recorded.filter(r => r.url.endsWith('/chat/completions'));
    expect(calls.length).toBe(1);
    expect(calls[0].headers.authorization).toBe(`Bearer ${KEY}`);
    expect(calls[0].body.stream).toBe(true);
    expect(calls[0].body.model).toBe(MODEL);
    const prompt = JSON.stringify(calls[0].body.messages);
    expect(prompt).toContain('scaled_area(3, 4)');
    expect(prompt).toContain('missing 1 required positional argument');

    // Nothing the browser received holds the key: no header, no body, no frame.
    await Promise.all(pendingBodies);
    expect(received.some(r => r.url.includes('/jupyterlab-modernizer/llm/chat/completions'))).toBe(true);
    const leaks = received.filter(r => r.text.includes(KEY)).map(r => r.url);
    expect(leaks).toEqual([]);
  });
});
