import * as path from 'path';
import { parseBatchArgs } from './args';
import { runBatch } from './run';

/** The `batch` command: exit 0 when every notebook finished and none ends failing, 1 otherwise, 130 when interrupted. */
export async function batchMain(argv: string[]): Promise<number> {
  const options = parseBatchArgs(argv);
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) {
      process.stderr.write('\ninterrupted twice: exiting now.\n');
      process.exit(130);
    }
    process.stderr.write('\ninterrupted: stopping the running notebooks (Ctrl-C again to exit at once)…\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  process.once('SIGTERM', () => controller.abort());
  // @jupyterlab/services warns on every lost kernel connection (a kernel that died and
  // restarts): the batch reports those itself, and the lines would break the progress bar.
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!(typeof args[0] === 'string' && /^(Connection lost|Kernel|Starting WebSocket)/.test(args[0]))) {
      warn(...args);
    }
  };
  try {
    const result = await runBatch({ ...options, progress: process.stderr, signal: controller.signal });
    process.stdout.write(`${path.join(path.resolve(options.out), 'report.html')}\n`);
    if (result.aborted) {
      return 130;
    }
    const failing = result.summary.notebooks.some(nb => nb.verdict !== 'reproducible' && nb.verdict !== 'modernized');
    return failing || result.unfinished.length > 0 ? 1 : 0;
  } finally {
    console.warn = warn;
    process.removeListener('SIGINT', onSigint);
  }
}
