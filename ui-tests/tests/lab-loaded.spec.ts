import { expect, test } from '@jupyterlab/galata';
import * as path from 'path';

const PLUGIN_ID = 'jupyterlab-modernizer:relay-status';
const SETTINGS_ID = 'jupyterlab-modernizer:plugin';

/**
 * Don't load JupyterLab before the test: the console messages of activation are wanted.
 */
test.use({ autoGoto: false });

test.describe('jupyterlab-modernizer', () => {
  test('should load in JupyterLab with its plugin, relay and settings', async ({
    page
  }) => {
    const logs: string[] = [];
    page.on('console', message => logs.push(message.text()));

    await page.goto();

    const activated = await page.evaluate(
      id => (window as any).jupyterapp.isPluginActivated(id),
      PLUGIN_ID
    );
    expect(activated).toBe(true);

    // The plugin asked the server extension and logged its answer (no key in this test server).
    await expect
      .poll(() => logs.filter(line => line.startsWith('Modernizer: ')))
      .toEqual([expect.stringContaining('no LLM API key on the server')]);

    // The settings editor knows our schema.
    await page.evaluate(
      id =>
        (window as any).jupyterapp.commands.execute('settingeditor:open', {
          query: 'Notebook Modernizer'
        }),
      SETTINGS_ID
    );
    await expect(
      page.getByText('Check the LLM relay on startup').first()
    ).toBeVisible();

    await page.screenshot({
      path: path.join(__dirname, '..', 'screenshots', 'lab-loaded.png')
    });
  });
});
