/**
 * jupyter-modernize batch: every notebook under a folder, N kernels at a
 * time on one Jupyter server, each in a scratch copy of its folder under the
 * output folder (the originals are never touched), and a batch report.
 *
 *   jupyter-modernize batch DIR --out OUTDIR [--jobs N] [--accept rules|none|all]
 *     [--cell-timeout S] [--notebook-timeout S] [--data-dir DIR]
 *     [--server URL --token T [--server-root PATH]]
 *
 * OUTDIR holds work/<slug>/ (the scratch copies, with NAME.modernized.ipynb
 * beside each notebook), reports/<slug>.json (a notebook is finished when its
 * report exists: written to a temporary file and renamed), summary.json,
 * summary.md and report.html, and with --llm llm-cache/ (the model's answers by model and
 * prompt hash, reused at no cost; never the key). Run again with the same OUTDIR, it skips the
 * finished notebooks and redoes the others from a fresh copy.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { NotebookError } from '../core/notebook';
import type { IReport } from '../core/report';
import { allRules } from '../core/rules/all';
import { RUN_FLAGS, RUN_FLAGS_USAGE, UsageError, parseFlags, readRunFlags, runFlagsOf } from './flags';
import type { IRunFlags } from './flags';
import { runNotebook } from './run';
import { attachJupyterServer, startJupyterServer } from './server';
import type { IJupyterServer } from './server';
import { ServerPool } from './servers/pool';
import type { IPoolRun } from './servers/pool';
import { buildSummary, formatDuration, formatUsage, notebookEntry, OUTCOME_LABELS } from './report/summary';
import type { IBatchNotebook, IBatchSummary, INotebookInput } from './report/summary';
import { renderHtml } from './report/html';
import { renderMarkdown } from './report/markdown';

export const BATCH_USAGE = `Usage: jupyter-modernize batch DIR --out OUTDIR [options]

Modernizes every .ipynb under DIR (not checkpoints, not *.modernized.ipynb), each in a
scratch copy of its folder under OUTDIR; writes OUTDIR/summary.json, summary.md, report.html.
Run again with the same OUTDIR to skip finished notebooks and redo the rest.

Options:
  --out OUTDIR             where copies, reports and the summary go (required)
  --jobs N                 kernels at a time on each server (default: 1)
${RUN_FLAGS_USAGE}
  --server-root PATH       the --server's root folder as seen here, when it shares this
                           file system (kernels then start in each scratch folder)`;

/** Folders never searched for notebooks nor copied. */
const SKIPPED_DIRS = new Set(['.ipynb_checkpoints', '.git', 'node_modules', '.venv', '__pycache__']);

export interface IBatchOptions extends IRunFlags {
  dir: string;
  out: string;
  jobs: number;
  serverRoot?: string;
  /** Where progress goes; silent when undefined. */
  progress?: NodeJS.WritableStream;
  /** Stops the batch: running notebooks are abandoned (not finished) and the summary written. */
  signal?: AbortSignal;
  /** Called when a notebook ends, finished or not. */
  onNotebook?: (entry: IBatchNotebook) => void;
  /** Called with which server ran what, and what was retried, when the notebooks are done. */
  onSpread?: (spread: IPoolRun<string>) => void;
}

export interface IBatchResult {
  summary: IBatchSummary;
  /** Relative paths run to the end in this call. */
  ran: string[];
  /** Finished in an earlier call with the same OUTDIR. */
  skipped: string[];
  /** Not finished: interrupted, crashed or never started. */
  unfinished: string[];
  aborted: boolean;
}

export function parseBatchArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): IBatchOptions {
  const { values, positionals } = parseFlags(
    argv,
    { ...RUN_FLAGS, out: { type: 'string' }, jobs: { type: 'string', default: '1' }, 'server-root': { type: 'string' } },
    parseArgs as never
  );
  if (values.help) {
    throw new UsageError(BATCH_USAGE);
  }
  if (positionals.length !== 1) {
    throw new UsageError('batch takes exactly one DIR.');
  }
  if (!values.out) {
    throw new UsageError('batch needs --out OUTDIR.');
  }
  const jobs = Number(values.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) {
    throw new UsageError(`--jobs must be a whole number of at least 1 (got ${values.jobs}).`);
  }
  return {
    ...readRunFlags(values, env),
    dir: positionals[0],
    out: values.out as string,
    jobs,
    serverRoot: values['server-root'] as string | undefined
  };
}

/** Notebooks under `dir`, relative and `/`-separated, sorted; `exclude` (the output folder) is not searched. */
export function findNotebooks(dir: string, exclude?: string): string[] {
  const root = path.resolve(dir);
  const skip = exclude ? path.resolve(exclude) : undefined;
  const found: string[] = [];
  const walk = (current: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.') && full !== skip) {
          walk(full);
        }
      } else if (entry.isFile() && /\.ipynb$/i.test(entry.name) && !/\.modernized\.ipynb$/i.test(entry.name)) {
        found.push(path.relative(root, full).split(path.sep).join('/'));
      }
    }
  };
  walk(root);
  return found.sort();
}

/** The name of a notebook's scratch folder and report: its relative path, flattened. */
export function slugOf(relative: string): string {
  return relative.replace(/\.ipynb$/i, '').split('/').join('__');
}

/** Modernize every notebook under `options.dir`; see the file comment for OUTDIR. */
export async function runBatch(options: IBatchOptions): Promise<IBatchResult> {
  const onSpread = options.onSpread;
  const dir = path.resolve(options.dir);
  const out = path.resolve(options.out);
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new NotebookError(`${options.dir} is not a folder.`);
  }
  if (dir === out || dir.startsWith(out + path.sep)) {
    throw new NotebookError('--out must not be the input folder nor contain it.');
  }
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : undefined;
  if (dataDir && !fs.existsSync(dataDir)) {
    throw new NotebookError(`--data-dir ${options.dataDir} does not exist.`);
  }
  const work = path.join(out, 'work');
  const reports = path.join(out, 'reports');
  fs.mkdirSync(work, { recursive: true });
  fs.mkdirSync(reports, { recursive: true });
  Private.removeStaleTemporaries(reports);

  // The same failure in the same code is answered once per batch, and again at no cost when it is run again.
  const llm =
    options.llm && !options.llm.cacheDir && !options.llm.cacheOff ? { ...options.llm, cacheDir: path.join(out, 'llm-cache') } : options.llm;

  const notebooks = findNotebooks(dir, out);
  const withNotebooks = new Set(notebooks.filter(rel => rel.includes('/')).map(rel => rel.split('/')[0]));
  const entries = new Map<string, IBatchNotebook>();
  const libraryOf = Private.libraryIndex();
  const pending: string[] = [];
  const skipped: string[] = [];
  for (const rel of notebooks) {
    const finished = Private.readFinished(out, rel);
    if (finished) {
      entries.set(rel, notebookEntry(finished, libraryOf));
      skipped.push(rel);
    } else {
      entries.set(rel, notebookEntry(Private.unfinishedInput(out, rel), libraryOf));
      pending.push(rel);
    }
  }

  const started = new Date();
  const writeSummary = () => {
    const summary = buildSummary([...entries.values()], {
      generatedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      input: dir,
      output: out,
      accept: options.accept,
      jobs: options.jobs,
      environment: Private.environment(out, notebooks)
    });
    Private.writeAtomic(path.join(out, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
    Private.writeAtomic(path.join(out, 'summary.md'), renderMarkdown(summary));
    Private.writeAtomic(path.join(out, 'report.html'), renderHtml(summary));
    return summary;
  };

  const progress = options.progress
    ? new BatchProgress(options.progress, { total: notebooks.length, finishedBefore: skipped.length, jobs: options.jobs * Math.max(1, options.servers?.length ?? 0) })
    : undefined;
  const ran: string[] = [];
  let servers: IJupyterServer[] = [];
  try {
    if (pending.length > 0 && !options.signal?.aborted) {
      servers = await Private.openServers(options, work);
    }
    // N kernels on each server; a notebook whose server goes away is run again on another.
    const pool = new ServerPool({ servers, jobsPerServer: options.jobs });
    const spread = await pool.run(
      pending,
      async (rel, server, signal) => {
        progress?.started(rel);
        const entry = await Private.runOne(rel, { ...options, llm, dir, out, work, reports, withNotebooks, server, signal }, libraryOf);
        if (entry && !signal.aborted) {
          entries.set(rel, entry);
          if (entry.verdict !== 'crashed') {
            ran.push(rel);
          }
          writeSummary();
        }
        progress?.ended(rel, signal.aborted ? undefined : entry);
        if (entry && !signal.aborted) {
          options.onNotebook?.(entry);
        }
        return server.url;
      },
      options.signal
    );
    onSpread?.(spread);
    for (const url of spread.lost) {
      options.progress?.write(`server ${url} went away: its notebooks were run on the others\n`);
    }
  } finally {
    await Promise.all(servers.map(server => server.stop()));
    progress?.close();
  }
  const summary = writeSummary();
  const aborted = options.signal?.aborted === true;
  const unfinished = notebooks.filter(rel => !ran.includes(rel) && !skipped.includes(rel));
  progress?.done(summary, Date.now() - started.getTime(), unfinished.length, aborted, out);
  return { summary, ran, skipped, unfinished, aborted };
}

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

/**
 * Batch progress: on a terminal a live bar (done / failing / remaining / ETA)
 * under one line per finished notebook; elsewhere plain lines only.
 */
export class BatchProgress {
  constructor(
    private readonly _stream: NodeJS.WritableStream,
    options: { total: number; finishedBefore: number; jobs: number }
  ) {
    this._live = (_stream as NodeJS.WriteStream).isTTY === true;
    this._total = options.total;
    this._done = options.finishedBefore;
    this._startedAt = Date.now();
    const remaining = options.total - options.finishedBefore;
    this._line(
      `batch: ${options.total} notebooks, ${options.finishedBefore} already finished, ${remaining} to run, ${options.jobs} at a time\n`
    );
    if (this._live) {
      this._timer = setInterval(() => this._render(), 1000);
      this._timer.unref();
    }
  }

  started(rel: string): void {
    this._running.add(rel);
    this._render();
  }

  ended(rel: string, entry: IBatchNotebook | undefined): void {
    this._running.delete(rel);
    if (!entry) {
      this._render();
      return;
    }
    if (entry.verdict !== 'crashed') {
      this._done++;
      this._doneHere++;
    }
    if (entry.verdict !== 'reproducible' && entry.verdict !== 'modernized') {
      this._failing++;
    }
    const seconds = formatDuration(entry.durations.wallMs);
    const fixes = Object.values(entry.fixes.byRule).reduce((a, b) => a + b, 0);
    const causes = entry.rootCauses?.failing ?? 0;
    const consequences = entry.rootCauses?.consequences ?? 0;
    const failing = causes
      ? `, ${causes} root cause${causes > 1 ? 's' : ''} failing${consequences ? ` (+${consequences} consequence${consequences > 1 ? 's' : ''})` : ''}`
      : '';
    this._line(
      `[${this._done}/${this._total}] ${rel}: ${entry.verdict}, ${OUTCOME_LABELS[entry.outcome]}${failing}` +
        `${fixes ? `, ${fixes} fix${fixes > 1 ? 'es' : ''}` : ''}${entry.reason ? ` (${entry.reason})` : ''}, ${seconds}\n`
    );
  }

  close(): void {
    if (this._timer) {
      clearInterval(this._timer);
      this._timer = undefined;
    }
    if (this._live) {
      this._stream.write('\r\u001b[2K');
    }
  }

  done(summary: IBatchSummary, elapsedMs: number, unfinished: number, aborted: boolean, out: string): void {
    const by = summary.totals.byOutcome;
    this._stream.write(
      `${aborted ? 'interrupted' : 'done'} in ${formatDuration(elapsedMs)}: ` +
        Object.entries(by)
          .filter(([, n]) => n > 0)
          .map(([outcome, n]) => `${n} ${OUTCOME_LABELS[outcome as keyof typeof OUTCOME_LABELS]}`)
          .join(', ') +
        (unfinished ? `; ${unfinished} unfinished: run again with --out ${out} to finish them` : '') +
        '\n' +
        (summary.totals.llm ? `LLM: ${formatUsage(summary.totals.llm)}\n` : '')
    );
  }

  /** `[#####-----] 5/16 done · 2 failing · 11 left · 2 running · ETA 3 min 20 s` */
  bar(width = 24): string {
    const fraction = this._total ? this._done / this._total : 1;
    const filled = Math.round(fraction * width);
    const left = this._total - this._done;
    const elapsed = Date.now() - this._startedAt;
    const eta = this._doneHere > 0 && left > 0 ? formatDuration((elapsed / this._doneHere) * left) : '—';
    return (
      `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${this._done}/${this._total} done · ${this._failing} failing · ` +
      `${left} left · ${this._running.size} running · ETA ${eta}`
    );
  }

  private _render(): void {
    if (this._live) {
      const columns = (this._stream as NodeJS.WriteStream).columns ?? 100;
      this._stream.write(`\r\u001b[2K${this.bar().slice(0, columns - 1)}`);
    }
  }

  private _line(text: string): void {
    this._stream.write((this._live ? '\r\u001b[2K' : '') + text);
    this._render();
  }

  private _live: boolean;
  private _total: number;
  private _done: number;
  private _doneHere = 0;
  private _failing = 0;
  private _startedAt: number;
  private _running = new Set<string>();
  private _timer: NodeJS.Timeout | undefined;
}

namespace Private {
  /** What a finished notebook's report file holds when it has no engine report. */
  interface IBatchError {
    reportVersion: number;
    notebook: string;
    batchError: { verdict: 'bad-input'; reason: string };
  }

  export function reportPath(out: string, rel: string): string {
    return path.join(out, 'reports', slugOf(rel) + '.json');
  }

  function crashPath(out: string, rel: string): string {
    return path.join(out, 'reports', slugOf(rel) + '.error.json');
  }

  function scratchNotebook(out: string, rel: string): string {
    return path.join(out, 'work', slugOf(rel), ...rel.split('/'));
  }

  function links(out: string, rel: string): Pick<INotebookInput, 'modernized' | 'reportLink'> {
    const modernized = scratchNotebook(out, rel).replace(/\.ipynb$/i, '.modernized.ipynb');
    return {
      modernized: fs.existsSync(modernized) ? toLink(out, modernized) : undefined,
      reportLink: toLink(out, reportPath(out, rel))
    };
  }

  function toLink(out: string, file: string): string {
    return path.relative(out, file).split(path.sep).join('/');
  }

  /** The finished notebook's summary input, or undefined when it is not finished. */
  export function readFinished(out: string, rel: string): INotebookInput | undefined {
    const file = reportPath(out, rel);
    let data: IReport | IBatchError;
    try {
      data = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch {
      return undefined;
    }
    if ('batchError' in data) {
      return { path: rel, missing: data.batchError, reportLink: toLink(out, file) };
    }
    if (!Array.isArray((data as IReport).cells)) {
      return undefined;
    }
    return { path: rel, report: data as IReport, ...links(out, rel) };
  }

  /** A notebook without a report: crashed in an earlier run, or not run yet. */
  export function unfinishedInput(out: string, rel: string): INotebookInput {
    try {
      const crash = JSON.parse(fs.readFileSync(crashPath(out, rel), 'utf8'));
      return { path: rel, missing: { verdict: 'crashed', reason: crash.reason }, wallMs: crash.wallMs };
    } catch {
      return { path: rel, missing: { verdict: 'not-run', reason: 'not run yet' } };
    }
  }

  export function writeAtomic(file: string, text: string): void {
    const temporary = `${file}.tmp-${process.pid}-${++counter}`;
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, file);
  }
  let counter = 0;

  export function removeStaleTemporaries(dir: string): void {
    for (const name of fs.readdirSync(dir)) {
      if (/\.tmp-\d+-\d+$/.test(name)) {
        fs.rmSync(path.join(dir, name), { force: true });
      }
    }
  }

  /**
   * A fresh scratch copy of what the notebook can reach: DIR's files and the
   * sub-folders that hold no notebooks (data, helper modules), and, when the
   * notebook is nested, its whole top folder under DIR (so `../data` resolves).
   */
  export function scratchCopy(dir: string, out: string, rel: string, withNotebooks: Set<string>): string {
    const target = path.join(out, 'work', slugOf(rel));
    fs.rmSync(target, { recursive: true, force: true });
    fs.mkdirSync(target, { recursive: true });
    const top = rel.includes('/') ? rel.split('/')[0] : undefined;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory() && withNotebooks.has(entry.name) && entry.name !== top) {
        continue;
      }
      copyTree(path.join(dir, entry.name), path.join(target, entry.name), out, fs.realpathSync(dir));
    }
    return scratchNotebook(out, rel);
  }

  /**
   * Copy, writable (the input may be read-only), without checkpoints, VCS, outputs of earlier runs, or `out`.
   * A symbolic link is copied as what it points to, so nothing in the scratch tree leads back into the
   * input; only a linked folder outside DIR (a data mount) stays a link, and the engine never writes
   * through links (NodeWorkspace).
   */
  function copyTree(source: string, target: string, out: string, input: string, visited = new Set<string>()): void {
    if (source === out) {
      return;
    }
    const stat = fs.lstatSync(source);
    const name = path.basename(source);
    if (stat.isSymbolicLink()) {
      let real: string;
      try {
        real = fs.realpathSync(source);
      } catch {
        return; // a broken link: nothing to copy
      }
      const inside = real === input || real.startsWith(input + path.sep);
      if (fs.statSync(real).isDirectory() && !inside) {
        fs.symlinkSync(real, target);
      } else if (!visited.has(real)) {
        copyTree(real, target, out, input, new Set([...visited, real]));
      }
    } else if (stat.isDirectory()) {
      if (SKIPPED_DIRS.has(name)) {
        return;
      }
      fs.mkdirSync(target, { recursive: true });
      for (const child of fs.readdirSync(source)) {
        copyTree(path.join(source, child), path.join(target, child), out, input, visited);
      }
    } else if (stat.isFile() && !/\.modernized\.ipynb$|\.modernize\.json$/i.test(name)) {
      fs.copyFileSync(source, target);
      fs.chmodSync(target, (stat.mode & 0o777) | 0o600);
    }
  }

  export interface IRunContext extends Omit<IBatchOptions, 'server'> {
    work: string;
    reports: string;
    withNotebooks: Set<string>;
    server: IJupyterServer;
  }

  /**
   * The servers of the batch: each --server (sharing this file system only
   * when --server-root says so; else each notebook's folder is copied to its
   * kernel), or one we start on the scratch folder.
   */
  export async function openServers(options: IBatchOptions, work: string): Promise<IJupyterServer[]> {
    const servers = options.servers ?? [];
    if (servers.length === 0) {
      return [await startJupyterServer({ rootDir: work })];
    }
    const rootDir = options.serverRoot ? path.resolve(options.serverRoot) : undefined;
    return Promise.all(servers.map(async ({ url, token }) => ({ ...(await attachJupyterServer(url, token)), rootDir })));
  }

  /**
   * Run one notebook. Returns its entry, or undefined when the batch was
   * stopped while it ran (then it is not finished and leaves no report).
   */
  export async function runOne(rel: string, context: IRunContext, libraryOf: (id: string) => string | undefined): Promise<IBatchNotebook | undefined> {
    const started = Date.now();
    const finalReport = reportPath(context.out, rel);
    const temporary = `${finalReport}.tmp-${process.pid}-${++counter}`;
    try {
      const notebook = scratchCopy(context.dir, context.out, rel, context.withNotebooks);
      // Every run flag applies as given; the notebook budget is the runner's (it says 'over-budget').
      const report = await runNotebook(
        { ...runFlagsOf(context), notebook, report: temporary, signal: context.signal },
        { server: context.server, stageRoot: path.join(context.out, 'work', slugOf(rel)) }
      );
      if (context.signal?.aborted) {
        fs.rmSync(temporary, { force: true });
        return undefined;
      }
      fs.renameSync(temporary, finalReport);
      fs.rmSync(crashPath(context.out, rel), { force: true });
      return notebookEntry(
        { path: rel, report, budgetExceeded: report.failedConditions.includes('over-budget'), wallMs: Date.now() - started, ...links(context.out, rel) },
        libraryOf
      );
    } catch (error) {
      fs.rmSync(temporary, { force: true });
      if (context.signal?.aborted) {
        return undefined;
      }
      const reason = (error as Error).message.split('\n')[0];
      if (error instanceof NotebookError) {
        // Bad input stays bad: finished, with the reason as its report.
        const record: IBatchError = { reportVersion: 1, notebook: rel, batchError: { verdict: 'bad-input', reason } };
        writeAtomic(finalReport, JSON.stringify(record, null, 2) + '\n');
        return notebookEntry({ path: rel, missing: record.batchError, reportLink: toLink(context.out, finalReport) });
      }
      // Anything else (the server went away, a kernel would not start) is retried on the next run.
      writeAtomic(crashPath(context.out, rel), JSON.stringify({ notebook: rel, reason, wallMs: Date.now() - started }, null, 2) + '\n');
      return notebookEntry({ path: rel, missing: { verdict: 'crashed', reason }, wallMs: Date.now() - started });
    }
  }

  /** Rule id -> library, from the rules' facts. */
  export function libraryIndex(): (id: string) => string | undefined {
    const map = new Map(allRules.map(rule => [rule.id, rule.fact.library]));
    return id => map.get(id);
  }

  const SHOWN_PACKAGES = ['pandas', 'numpy', 'scikit-learn', 'scipy', 'matplotlib', 'seaborn', 'xgboost', 'lightgbm'];

  /** The environment of the first finished notebook's report. */
  export function environment(out: string, notebooks: string[]): IBatchSummary['environment'] {
    for (const rel of notebooks) {
      const finished = readFinished(out, rel);
      const env = finished?.report?.environment;
      if (env) {
        const packages: Record<string, string> = {};
        for (const name of SHOWN_PACKAGES) {
          if (env.packages[name]) {
            packages[name] = env.packages[name];
          }
        }
        return { python: env.python, packages };
      }
    }
    return undefined;
  }
}
