/**
 * The flags `run` and `batch` share: one definition, one reading, one set of
 * messages for bad values.
 */
import * as fs from 'fs';
import type { ParseArgsConfig } from 'util';
import type { OpenAIChatModel } from '../core/llm';
import { readPriceTable } from '../core/llm/cost';
import type { PriceTable } from '../core/llm/cost';
import type { AcceptPolicy } from '../core/run/policy';
import { DEFAULT_TOLERANCE } from '../core/scores';
import type { ITolerance } from '../core/scores';

/** A usage or input problem: one line on stderr, exit 2. */
export class UsageError extends Error {}

export const RUN_FLAGS = {
  accept: { type: 'string', default: 'rules' },
  'cell-timeout': { type: 'string', default: '600' },
  'notebook-timeout': { type: 'string' },
  'data-dir': { type: 'string' },
  server: { type: 'string', multiple: true },
  token: { type: 'string', multiple: true },
  'rel-tol': { type: 'string' },
  'abs-tol': { type: 'string' },
  'stability-runs': { type: 'string' },
  'allow-installs': { type: 'boolean' },
  kernel: { type: 'string', short: 'k' },
  llm: { type: 'boolean' },
  model: { type: 'string' },
  'llm-attempts': { type: 'string' },
  'llm-prices': { type: 'string' },
  'llm-cache': { type: 'string' },
  help: { type: 'boolean', short: 'h' }
} as const satisfies ParseArgsConfig['options'];

export const RUN_FLAGS_USAGE = `  --accept rules|none|all  which proposals apply: offline rules (default), none (diagnose only), all
  --cell-timeout SECONDS   interrupt a cell after this long (default: 600)
  --notebook-timeout SECS  stop the notebook after this long; the rest is not run
  --data-dir DIR           where Kaggle-style ../input/ data files are
  --rel-tol X, --abs-tol X how far a number may move from the stored output (default: 0.01, 0.0001)
  --stability-runs N       re-run a drifting cell N times to tell wobble from drift (default: 0;
                           3 for a cell that draws random numbers without a seed)
  -k, --kernel NAME        run on this installed kernelspec (default: the notebook's own when
                           installed, else the server's default)
  --allow-installs         run the notebook's own !pip / %pip / !conda / !apt-get lines and apply
                           install proposals for known packages (skipped by default: they
                           change the environment every notebook shares)
  --server URL             run kernels on this Jupyter server or Enterprise Gateway instead of
                           starting one (batch: repeat it to spread notebooks over several)
  --token TOKEN            token for --server (one for all, or one per --server)
  --llm                    ask an OpenAI-compatible model when no rule fits (OPENAI_BASE_URL,
                           OPENAI_API_KEY, MODERNIZER_MODEL from the environment)
  --model NAME             the model, instead of MODERNIZER_MODEL
  --llm-attempts N         model answers tried per cell (default: 3)
  --llm-prices FILE        JSON price table, USD per million tokens per model:
                           {"MODEL": {"input": 2.5, "cachedInput": 1.25, "output": 10}};
                           costs per cell, notebook and batch are then reported
                           (default: MODERNIZER_LLM_PRICES, a file path, if set)
  --llm-cache DIR|off      reuse answers to the same prompt from DIR, reported as cache hits
                           at no cost (run: off by default; batch: OUTDIR/llm-cache)
  -h, --help               show this help`;

/** What the shared flags say, read and checked. */
export interface IRunFlags {
  accept: AcceptPolicy;
  cellTimeoutSeconds: number;
  notebookTimeoutSeconds?: number;
  dataDir?: string;
  server?: string;
  token?: string;
  /** Every --server with its token (batch spreads notebooks over them; run takes one). */
  servers?: { url: string; token: string }[];
  /** Defaults: the runner's. */
  tolerance?: ITolerance;
  stabilityRuns?: number;
  /** Run the author's install lines and accept install proposals (`--allow-installs`). */
  allowInstalls?: boolean;
  /** The kernelspec to run on (`--kernel`). */
  kernel?: string;
  /** The LLM agent's endpoint and budget (`--llm`); the key never leaves this object. */
  llm?: OpenAIChatModel.IOptions & {
    maxAttemptsPerCell?: number;
    /** USD per million tokens by model. */
    prices?: PriceTable;
    /** Where answers are kept and reused; undefined: no reuse. */
    cacheDir?: string;
    /** `--llm-cache off`: batch's default folder is not used either. */
    cacheOff?: boolean;
  };
}

/** What one notebook's run takes from a larger options object (a batch's, which brings its own server). */
export function runFlagsOf(options: Omit<IRunFlags, 'server' | 'token' | 'servers'>): Omit<IRunFlags, 'server' | 'token' | 'servers'> {
  const { accept, cellTimeoutSeconds, notebookTimeoutSeconds, dataDir, tolerance, stabilityRuns, allowInstalls, kernel, llm } = options;
  return { accept, cellTimeoutSeconds, notebookTimeoutSeconds, dataDir, tolerance, stabilityRuns, allowInstalls, kernel, llm };
}

type Values = { [name: string]: string | boolean | (string | boolean)[] | undefined };

export function readRunFlags(values: Values, env: NodeJS.ProcessEnv): IRunFlags {
  const accept = values.accept as string;
  if (!['rules', 'none', 'all'].includes(accept)) {
    throw new UsageError(`--accept must be rules, none or all (got ${accept}).`);
  }
  const urls = (values.server as string[] | undefined) ?? [];
  const tokens = (values.token as string[] | undefined) ?? [];
  if (urls.length > 0 && tokens.length === 0) {
    throw new UsageError('--server needs --token.');
  }
  if (urls.length > 1 && tokens.length !== 1 && tokens.length !== urls.length) {
    throw new UsageError('give one --token for all the servers, or one per --server in the same order.');
  }
  const servers = urls.map((url, index) => ({ url, token: tokens[tokens.length === 1 ? 0 : index] }));
  return {
    accept: accept as AcceptPolicy,
    cellTimeoutSeconds: positive(values, 'cell-timeout')!,
    notebookTimeoutSeconds: positive(values, 'notebook-timeout'),
    dataDir: values['data-dir'] as string | undefined,
    server: servers[0]?.url,
    token: servers[0]?.token,
    servers,
    tolerance: {
      relative: nonNegative(values, 'rel-tol') ?? DEFAULT_TOLERANCE.relative,
      absolute: nonNegative(values, 'abs-tol') ?? DEFAULT_TOLERANCE.absolute
    },
    stabilityRuns: wholeNumber(values, 'stability-runs', 0) ?? 0,
    allowInstalls: values['allow-installs'] === true,
    kernel: values.kernel as string | undefined,
    llm: values.llm ? llmOptions(values, env) : undefined
  };
}

/** Parse arguments, turning parseArgs' own errors into usage errors. */
export function parseFlags<T extends ParseArgsConfig['options']>(
  args: string[],
  options: T,
  parse: (config: ParseArgsConfig) => { values: Values; positionals: string[] }
): { values: Values; positionals: string[] } {
  try {
    return parse({ args, allowPositionals: true, options });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function positive(values: Values, name: string): number | undefined {
  const text = values[name] as string | undefined;
  if (text === undefined) {
    return undefined;
  }
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) {
    throw new UsageError(`--${name} must be a positive number of seconds (got ${text}).`);
  }
  return value;
}

function nonNegative(values: Values, name: string): number | undefined {
  const text = values[name] as string | undefined;
  if (text === undefined) {
    return undefined;
  }
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) {
    throw new UsageError(`--${name} must be a number of at least 0 (got ${text}).`);
  }
  return value;
}

function wholeNumber(values: Values, name: string, minimum: number): number | undefined {
  const text = values[name] as string | undefined;
  if (text === undefined) {
    return undefined;
  }
  const value = Number(text);
  if (!Number.isInteger(value) || value < minimum) {
    throw new UsageError(`--${name} must be a whole number of at least ${minimum} (got ${text}).`);
  }
  return value;
}

/** `--llm`: the endpoint from the environment; one line naming what is missing. */
function llmOptions(values: Values, env: NodeJS.ProcessEnv): IRunFlags['llm'] {
  const attempts = values['llm-attempts'] as string | undefined;
  const name = (values.model as string | undefined) ?? env.MODERNIZER_MODEL;
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
  const cache = values['llm-cache'] as string | undefined;
  return {
    baseURL: env.OPENAI_BASE_URL!,
    apiKey: env.OPENAI_API_KEY!,
    model: name!,
    temperature: 0,
    maxAttemptsPerCell: count,
    prices: priceTable((values['llm-prices'] as string | undefined) ?? env.MODERNIZER_LLM_PRICES),
    ...(cache === 'off' ? { cacheOff: true } : cache ? { cacheDir: cache } : {})
  };
}

/** The price table file, read and checked; a bad file is a usage error, not a silent zero. */
function priceTable(file: string | undefined): PriceTable | undefined {
  if (!file) {
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'not JSON';
    throw new UsageError(`--llm-prices ${file}: cannot read it (${reason}).`);
  }
  const { table, problems } = readPriceTable(value);
  if (problems.length > 0) {
    throw new UsageError(`--llm-prices ${file}: ${problems[0]}`);
  }
  return table;
}
