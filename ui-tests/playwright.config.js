/**
 * Playwright configuration: Galata's defaults, Debian's chromium, and a JupyterLab server from
 * the project venv.
 */
const baseConfig = require('@jupyterlab/galata/lib/playwright-config');

const port = process.env.GALATA_PORT || '8889';
// The LLM tests get their own server, whose relay holds a fake key and points at a scripted
// OpenAI-compatible endpoint the tests start on loopback (tests/llm.spec.ts).
const llmPort = process.env.GALATA_LLM_PORT || '8895';
const upstreamPort = process.env.LLM_UPSTREAM_PORT || '8896';

module.exports = {
  ...baseConfig,
  // `list` prints the usual summary line (`1 passed (12.3s)`), also under CI.
  reporter: [['list'], ['html', { open: 'never' }]],
  workers: 1,
  // One retry on CI, reported as 'flaky' in the summary (never as a plain pass): a 2-core runner
  // can be slow enough for Galata's fixed 15 s wait for JupyterLab to start.
  retries: process.env.CI ? 1 : 0,
  use: {
    ...baseConfig.use,
    // Video needs Playwright's own ffmpeg download, which is not available here.
    video: 'off',
    baseURL: `http://localhost:${port}`,
    browserName: 'chromium',
    launchOptions: {
      // Playwright's own browser download does not work here; use `apt-get install chromium`.
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic'
      ]
    }
  },
  projects: [
    { name: 'lab', testIgnore: [/llm.*\.spec\.ts$/, /percell\.spec\.ts$/] },
    // A timing script, minutes long: only `npm run bench:percell:ui` runs it, never the default run.
    ...(process.env.MODERNIZER_UI_BENCH ? [{ name: 'bench', testMatch: /percell\.spec\.ts$/, retries: 0 }] : []),
    {
      name: 'llm',
      testMatch: /llm.*\.spec\.ts$/,
      use: { baseURL: `http://localhost:${llmPort}` }
    }
  ],
  webServer: [
    {
      command: '../.venv/bin/jupyter lab --config jupyter_server_test_config.py',
      url: `http://localhost:${port}/lab`,
      env: { ...process.env, GALATA_PORT: port },
      timeout: 120 * 1000,
      reuseExistingServer: !process.env.CI
    },
    {
      command: '../.venv/bin/jupyter lab --config jupyter_server_test_config.py',
      url: `http://localhost:${llmPort}/lab`,
      env: {
        ...process.env,
        GALATA_PORT: llmPort,
        LLM_UPSTREAM_PORT: upstreamPort,
        OPENAI_BASE_URL: `http://127.0.0.1:${upstreamPort}/v1`,
        OPENAI_API_KEY: 'fake-key-NEVER-IN-BROWSER-123456789012',
        MODERNIZER_MODEL: 'scripted-model-1'
      },
      timeout: 120 * 1000,
      reuseExistingServer: !process.env.CI
    }
  ]
};
