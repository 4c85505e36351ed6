/**
 * jupyter-modernize: the headless face of the engine.
 *
 *   jupyter-modernize run NOTEBOOK [--out PATH] [--report PATH] [--accept rules|none|all]
 *     [--cell-timeout SECONDS] [--data-dir DIR] [--server URL --token TOKEN]
 *     [--llm [--model NAME] [--llm-attempts N]]
 *
 * Exit 0 when the notebook ends running clean, 1 when it does not, 2 on bad input.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { KernelSession } from '../core/kernel';
import { LlmAgent } from '../core/llm/agent';
import { OpenAIChatModel } from '../core/llm/openai';
import { NotebookError, parseNotebook, serializeNotebook } from '../core/notebook';
import { PolicyDecider } from '../core/policy';
import type { AcceptPolicy } from '../core/policy';
import { buildReport } from '../core/report';
import type { IReport } from '../core/report';
import { RuleEngine } from '../core/rules/engine';
import { allRules } from '../core/rules/all';
import { Modernizer } from '../core/runner';
import { attachJupyterServer, startJupyterServer, startKernelFor } from './server';
import type { IJupyterServer } from './server';
import { ProgressPrinter } from './progress';
import { NodeWorkspace } from './workspace';

const USAGE = `Usage: jupyter-modernize run NOTEBOOK [options]

Options:
  --out PATH              modernized copy (default: NAME.modernized.ipynb beside the input)
  --report PATH           JSON report (default: NAME.modernize.json beside the input)
  --accept rules|none|all which proposals apply: offline rules (default), none (diagnose only), all
  --cell-timeout SECONDS  interrupt a cell after this long (default: 600)
  --data-dir DIR          where Kaggle-style ../input/ data files are
  --server URL            run kernels on this Jupyter server instead of starting one
  --token TOKEN           token for --server
  --llm                   ask an OpenAI-compatible model when no rule fits (reads OPENAI_BASE_URL,
                          OPENAI_API_KEY, MODERNIZER_MODEL); its patches apply only with --accept all
  --model NAME            the model for --llm (default: MODERNIZER_MODEL)
  --llm-attempts N        model answers per failing cell (default: 3)
  -h, --help              show this help

A folder of notebooks: jupyter-modernize batch DIR --out OUTDIR [options] (batch --help).`;

/** A usage or input problem: one line on stderr, exit 2. */
export class UsageError extends Error {}

export interface IRunOptions {
  notebook: string;
  out?: string;
  report?: string;
  accept: AcceptPolicy;
  cellTimeoutSeconds: number;
  dataDir?: string;
  server?: string;
  token?: string;
  /** The LLM agent's endpoint and budget (`--llm`); the key never leaves this object. */
  llm?: OpenAIChatModel.IOptions & { maxAttemptsPerCell?: number };
  /** Where progress goes; silent when undefined. */
  progress?: NodeJS.WritableStream;
  signal?: AbortSignal;
}

export function parseRunArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): IRunOptions {
  const { values, positionals } = (() => {
    try {
      return parseArgs({
        args: argv,
        allowPositionals: true,
        options: {
          out: { type: 'string' },
          report: { type: 'string' },
          accept: { type: 'string', default: 'rules' },
          'cell-timeout': { type: 'string', default: '600' },
          'data-dir': { type: 'string' },
          server: { type: 'string' },
          token: { type: 'string' },
          llm: { type: 'boolean' },
          model: { type: 'string' },
          'llm-attempts': { type: 'string' },
          help: { type: 'boolean', short: 'h' }
        }
      });
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  })();
  if (values.help) {
    throw new UsageError(USAGE);
  }
  if (positionals.length !== 1) {
    throw new UsageError('run takes exactly one NOTEBOOK path.');
  }
  const accept = values.accept as string;
  if (!['rules', 'none', 'all'].includes(accept)) {
    throw new UsageError(`--accept must be rules, none or all (got ${accept}).`);
  }
  const timeout = Number(values['cell-timeout']);
  if (!Number.isFinite(timeout) || timeout <= 0) {
    throw new UsageError(`--cell-timeout must be a positive number of seconds (got ${values['cell-timeout']}).`);
  }
  if (values.server && !values.token) {
    throw new UsageError('--server needs --token.');
  }
  return {
    notebook: positionals[0],
    out: values.out as string | undefined,
    report: values.report as string | undefined,
    accept: accept as AcceptPolicy,
    cellTimeoutSeconds: timeout,
    dataDir: values['data-dir'] as string | undefined,
    server: values.server as string | undefined,
    token: values.token as string | undefined,
    llm: values.llm ? llmOptions(values.model as string | undefined, values['llm-attempts'] as string | undefined, env) : undefined
  };
}

/** `--llm`: the endpoint from the environment; one line naming what is missing. */
function llmOptions(model: string | undefined, attempts: string | undefined, env: NodeJS.ProcessEnv): IRunOptions['llm'] {
  const name = model ?? env.MODERNIZER_MODEL;
  const missing = ['OPENAI_BASE_URL', 'OPENAI_API_KEY'].filter(variable => !env[variable]);
  if (!name) {
    missing.push('MODERNIZER_MODEL (or --model)');
  }
  if (missing.length > 0) {
    throw new UsageError(`--llm needs ${missing.join(', ')} in the environment.`);
  }
  const count = attempts === undefined ? 3 : Number(attempts);
  if (!Number.isInteger(count) || count < 1) {
    throw new UsageError(`--llm-attempts must be a positive whole number (got ${attempts}).`);
  }
  return { baseURL: env.OPENAI_BASE_URL!, apiKey: env.OPENAI_API_KEY!, model: name!, temperature: 0, maxAttemptsPerCell: count };
}

/** Default output paths beside the input: NAME.modernized.ipynb and NAME.modernize.json. */
export function defaultPaths(notebook: string): { out: string; report: string } {
  const base = notebook.replace(/\.ipynb$/i, '');
  return { out: `${base}.modernized.ipynb`, report: `${base}.modernize.json` };
}

/** Modernize one notebook; returns its report. Throws NotebookError on bad input. */
export async function runNotebook(options: IRunOptions, shared?: { server: IJupyterServer }): Promise<IReport> {
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

  const server =
    shared?.server ??
    (options.server
      ? await attachJupyterServer(options.server, options.token!)
      : await startJupyterServer({ rootDir: path.dirname(notebookPath) }));
  const progress = options.progress ? new ProgressPrinter(options.progress) : undefined;
  try {
    const { kernel, shutdown } = await startKernelFor(server, notebookPath);
    const session = new KernelSession({ kernel });
    try {
      const modernizer = new Modernizer({
        notebook,
        session,
        rules: new RuleEngine(allRules),
        decider: new PolicyDecider(options.accept),
        workspace: new NodeWorkspace(path.dirname(notebookPath), dataDir),
        cellTimeoutMs: options.cellTimeoutSeconds * 1000,
        agent: options.llm && new LlmAgent({ model: new OpenAIChatModel(options.llm), maxAttemptsPerCell: options.llm.maxAttemptsPerCell })
      });
      notes.forEach(note => progress?.note(note));
      progress?.attach(modernizer, path.basename(notebookPath));
      await modernizer.run(options.signal);
      progress?.finish(modernizer);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, serializeNotebook(modernizer.modernizedNotebook()));
      const report = buildReport(modernizer, {
        notebook: notebookPath,
        output: out,
        notes,
        durationMs: Date.now() - started
      });
      fs.mkdirSync(path.dirname(reportPath), { recursive: true });
      fs.writeFileSync(reportPath, JSON.stringify(report, null, 2) + '\n');
      return report;
    } finally {
      session.dispose();
      await shutdown();
    }
  } finally {
    if (!shared) {
      await server.stop();
    }
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '-h' || command === '--help') {
    process.stdout.write(USAGE + '\n');
    return command ? 0 : 2;
  }
  try {
    if (command === 'batch') {
      // Loaded on demand: batch.ts imports this module.
      return await (await import('./batch')).batchMain(rest);
    }
    if (command !== 'run') {
      throw new UsageError(`unknown command '${command}' (try: jupyter-modernize run NOTEBOOK, or batch DIR --out OUTDIR).`);
    }
    const options = parseRunArgs(rest);
    const controller = new AbortController();
    process.once('SIGINT', () => controller.abort());
    const report = await runNotebook({ ...options, progress: process.stderr, signal: controller.signal });
    process.stdout.write(`${report.verdict}: ${report.output}\nreport: ${defaultOr(options.report, report)}\n`);
    // The exit code says whether it runs clean; drifting numbers are in the report.
    return report.failedConditions.some(condition => condition !== 'numbers-off') ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError && (error.message === USAGE || error.message.startsWith('Usage: '))) {
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
