/**
 * jupyter-modernize: the headless face of the engine.
 *
 *   jupyter-modernize run NOTEBOOK [--out PATH] [--report PATH] [run flags]
 *   jupyter-modernize batch DIR --out OUTDIR [--jobs N] [run flags]
 *
 * Exit 0 when the notebook ends running clean, 1 when it does not, 2 on bad input.
 */
import * as path from 'path';
import { OUTCOME_LABELS } from '../core/diagnosis/outcome';
import { NotebookError } from '../core/notebook/format';
import type { IReport } from '../core/run/report';
import { batchMain } from './batch';
import { UsageError } from './flags';
import { RUN_USAGE, defaultPaths, parseRunArgs, runNotebook } from './run';

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help') {
    process.stdout.write(RUN_USAGE + '\n');
    return command ? 0 : 2;
  }
  try {
    if (command === 'batch') {
      return await batchMain(rest);
    }
    if (command !== 'run') {
      throw new UsageError(`unknown command '${command}' (try: jupyter-modernize run NOTEBOOK, or batch DIR --out OUTDIR).`);
    }
    const options = parseRunArgs(rest);
    const controller = new AbortController();
    process.once('SIGINT', () => controller.abort());
    const report = await runNotebook({ ...options, progress: process.stderr, signal: controller.signal });
    const outcome = report.outcome ? ` (${OUTCOME_LABELS[report.outcome]})` : '';
    process.stdout.write(`${report.verdict}${outcome}: ${report.output}\nreport: ${defaultOr(options.report, report)}\n`);
    if (report.study) {
      // The published study's verdict beside the strict one.
      process.stdout.write(`study: ${report.study.verdict}: ${report.study.reason}\n`);
    }
    // The exit code says whether it runs clean; drifting numbers are in the report.
    return report.failedConditions.some(condition => condition !== 'numbers-off') ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError && (error.message === RUN_USAGE || error.message.startsWith('Usage: '))) {
      process.stdout.write(error.message + '\n');
      return 0;
    }
    if (error instanceof UsageError || error instanceof NotebookError) {
      process.stderr.write(`jupyter-modernize: error: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`jupyter-modernize: error: ${(error as Error).message}\n`);
    return 1;
  }
}

function defaultOr(report: string | undefined, result: IReport): string {
  return path.resolve(report ?? defaultPaths(result.notebook).report);
}
