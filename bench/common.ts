/**
 * What the bench scripts share: the corpus index, scratch copies, the
 * nbclient reference run and percentiles. Benches print figures and assert
 * nothing; `make test` does not run them.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { findJupyter } from '../src/cli/server';

// @jupyterlab/services logs every kernel connection: keep the printed figures readable.
console.debug = () => undefined;
for (const level of ['log', 'warn'] as const) {
  const original = console[level];
  console[level] = (...args: unknown[]) => {
    if (!(typeof args[0] === 'string' && /^(Connection lost|Kernel|Starting WebSocket)/.test(args[0]))) {
      original(...args);
    }
  };
}

export const REPO = path.resolve(__dirname, '..', '..');
export const CORPUS = path.resolve(REPO, '..', 'shared', 'corpus');

export interface ICorpusEntry {
  id: string;
  notebook: string;
  run_cwd: string;
}

/** Corpus entries whose id contains one of `filters` (all when there are none). */
export function corpusEntries(filters: string[] = []): ICorpusEntry[] {
  const entries: ICorpusEntry[] = JSON.parse(fs.readFileSync(path.join(CORPUS, 'index.json'), 'utf8'));
  return entries.filter(entry => filters.length === 0 || filters.some(filter => entry.id.includes(filter)));
}

/** A writable copy of `source` at `target` (the corpus is read-only). */
export function writableCopy(source: string, target: string): void {
  fs.rmSync(target, { recursive: true, force: true });
  fs.cpSync(source, target, { recursive: true });
  execFileSync('chmod', ['-R', 'u+w', target]);
}

/** A scratch copy of a corpus notebook's folder under root/label: notebooks write files beside themselves. */
export function scratchCopy(entry: ICorpusEntry, root: string, label: string): string {
  writableCopy(path.join(CORPUS, entry.id), path.join(root, label, entry.id));
  return path.join(root, label, entry.notebook);
}

export interface INbclientRun {
  kernelSeconds: number;
  wallSeconds: number;
  errorCells: number[];
}

/** One plain nbclient run of `notebook` in `cwd` (bench/nbclient_time.py). */
export function nbclientRun(notebook: string, cwd: string, cellTimeoutSeconds: number): INbclientRun {
  const python = path.join(path.dirname(findJupyter()), 'python');
  const out = execFileSync(
    python,
    [path.join(REPO, 'bench', 'nbclient_time.py'), notebook, cwd, String(Math.round(cellTimeoutSeconds))],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }
  );
  return JSON.parse(out.trim().split('\n').pop()!);
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) {
    return NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function median(values: number[]): number {
  if (values.length === 0) {
    return NaN;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** `--name value` out of `args` (removed from it), or the default. */
export function takeFlag(args: string[], name: string, fallback: string): string {
  const index = args.indexOf(name);
  return index >= 0 ? args.splice(index, 2)[1] : fallback;
}

export function finish(work: Promise<void>): void {
  work.then(
    () => process.exit(0),
    error => {
      process.stderr.write(`bench failed: ${(error as Error).stack}\n`);
      process.exit(1);
    }
  );
}
