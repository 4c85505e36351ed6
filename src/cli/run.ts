/**
 * `jupyter-modernize run NOTEBOOK`: its arguments and the run of one notebook,
 * also what batch runs for each of its notebooks.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { KernelSession } from '../core/kernel';
import { NotebookError, parseNotebook, serializeNotebook } from '../core/notebook/format';
import type { ISkippedInstall } from '../core/environment/installs';
import { PolicyDecider } from '../core/run/policy';
import { buildReport } from '../core/run/report';
import type { IReport } from '../core/run/report';
import { RuleEngine } from '../core/rules/engine';
import { allFamilies, allRules } from '../core/rules/all';
import { Modernizer } from '../core/run';
import { RUN_FLAGS, RUN_FLAGS_USAGE, UsageError, parseFlags, readRunFlags } from './flags';
import type { IRunFlags } from './flags';
import { chooseKernel } from './kernels';
import { startKernelOn } from './servers/remote';
import { attachJupyterServer, startJupyterServer } from './server';
import type { IJupyterServer } from './server';
import { ProgressPrinter } from './progress';
import { NodeWorkspace } from './workspace';

export const RUN_USAGE = `Usage: jupyter-modernize run NOTEBOOK [options]

Options:
  --out PATH               modernized copy (default: NAME.modernized.ipynb beside the input)
  --report PATH            JSON report (default: NAME.modernize.json beside the input)
${RUN_FLAGS_USAGE}

A folder of notebooks: jupyter-modernize batch DIR --out OUTDIR [options] (batch --help).`;

export interface IRunOptions extends IRunFlags {
  notebook: string;
  out?: string;
  report?: string;
  /** Where progress goes; silent when undefined. */
  progress?: NodeJS.WritableStream;
  signal?: AbortSignal;
}

export function parseRunArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): IRunOptions {
  const { values, positionals } = parseFlags(
    argv,
    { ...RUN_FLAGS, out: { type: 'string' }, report: { type: 'string' } },
    parseArgs as never
  );
  if (values.help) {
    throw new UsageError(RUN_USAGE);
  }
  if (positionals.length !== 1) {
    throw new UsageError('run takes exactly one NOTEBOOK path.');
  }
  if (((values.server as string[] | undefined)?.length ?? 0) > 1) {
    throw new UsageError('run takes one --server (batch spreads notebooks over several).');
  }
  return {
    ...readRunFlags(values, env),
    notebook: positionals[0],
    out: values.out as string | undefined,
    report: values.report as string | undefined
  };
}

/** Default output paths beside the input: NAME.modernized.ipynb and NAME.modernize.json. */
export function defaultPaths(notebook: string): { out: string; report: string } {
  const base = notebook.replace(/\.ipynb$/i, '');
  return { out: `${base}.modernized.ipynb`, report: `${base}.modernize.json` };
}

/**
 * Modernize one notebook; returns its report. Throws NotebookError on bad input.
 *
 * `shared`: a server the caller manages (a batch's), and the folder to copy
 * to its kernel's machine when the server does not share this file system.
 */
export async function runNotebook(options: IRunOptions, shared?: { server: IJupyterServer; stageRoot?: string }): Promise<IReport> {
  const started = Date.now();
  const notebookPath = path.resolve(options.notebook);
  let text: string;
  try {
    text = fs.readFileSync(notebookPath, 'utf8');
  } catch (error) {
    throw new NotebookError(`Cannot read ${options.notebook}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
  const { notebook, notes } = parseNotebook(text, path.basename(notebookPath));
  const defaults = defaultPaths(notebookPath);
  const out = path.resolve(options.out ?? defaults.out);
  const reportPath = path.resolve(options.report ?? defaults.report);
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : undefined;
  if (dataDir && !fs.existsSync(dataDir)) {
    throw new NotebookError(`--data-dir ${options.dataDir} does not exist.`);
  }

  // The server and the kernel start (seconds) while the notebook is scanned: the run waits for
  // the kernel only when it first needs it.
  const serverStarted =
    shared?.server !== undefined
      ? Promise.resolve(shared.server)
      : options.server
        ? attachJupyterServer(options.server, options.token!)
        : startJupyterServer({ rootDir: path.dirname(notebookPath) });
  const progress = options.progress ? new ProgressPrinter(options.progress) : undefined;
  notes.forEach(note => progress?.note(note));
  const kernelStarted = serverStarted.then(async server => {
    const choice = await chooseKernel(server, notebook, options.kernel);
    const started = await startKernelOn(server, notebookPath, choice.name, shared?.stageRoot);
    // Said once the kernel runs: a kernel that dies as it starts gets its one error line only.
    if (choice.note) {
      notes.push(choice.note);
      progress?.note(choice.note);
    }
    return { choice, ...started };
  });
  // Its failure is the run's (through the session below); the clean-up must not see it unhandled.
  kernelStarted.catch(() => undefined);
  let session: KernelSession | undefined;
  try {
    const modernizer = new Modernizer({
      notebook,
      session: kernelStarted.then(started => (session = new KernelSession({ kernel: started.kernel }))),
      rules: new RuleEngine(allRules, allFamilies),
      decider: new PolicyDecider(options.accept, { allowInstalls: options.allowInstalls }),
      workspace: new NodeWorkspace(path.dirname(notebookPath), dataDir),
      cellTimeoutMs: options.cellTimeoutSeconds * 1000,
      notebookBudgetMs: options.notebookTimeoutSeconds === undefined ? undefined : options.notebookTimeoutSeconds * 1000,
      tolerance: options.tolerance,
      stabilityRuns: options.stabilityRuns,
      allowInstalls: options.allowInstalls,
      // Loaded only for a run with a model: the OpenAI client takes a while to load.
      agent: options.llm && (await import('./llm')).makeAgent(options.llm)
    });
    progress?.attach(modernizer, path.basename(notebookPath));
    await modernizer.run(options.signal);
    const { choice } = await kernelStarted;
    const skipped = skippedInstallsNote(modernizer.skippedInstalls);
    if (skipped) {
      notes.push(skipped);
      progress?.note(skipped);
    }
    progress?.finish(modernizer);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, serializeNotebook(modernizer.modernizedNotebook()));
    const report = buildReport(modernizer, {
      notebook: notebookPath,
      output: out,
      kernel: choice.name,
      notes,
      durationMs: Date.now() - started
    });
    fs.mkdirSync(path.dirname(reportPath), { recursive: true });
    fs.writeFileSync(reportPath, JSON.stringify(report, null, 2) + '\n');
    return report;
  } finally {
    session?.dispose();
    await (await kernelStarted.catch(() => undefined))?.shutdown();
    if (!shared) {
      await (await serverStarted.catch(() => undefined))?.stop();
    }
  }
}

/** One line naming the author's install lines that did not run. */
function skippedInstallsNote(skipped: readonly ISkippedInstall[]): string | undefined {
  if (skipped.length === 0) {
    return undefined;
  }
  const lines = skipped.map(entry => `cell ${entry.cellIndex + 1}: ${entry.text}`).join('; ');
  return `Not run, they would change the environment: ${lines}. --allow-installs runs them.`;
}
