/**
 * Helper files beside the notebook (`tools.py`): writing an accepted patch
 * with the safeguards of `repairs/helperfile.ts` (backup, unchanged since
 * read), reloading the patched module in the kernel and re-running the cells
 * that import it.
 */
import type { IPatch } from '../notebook/patch';
import { PythonSource } from '../python/syntax';
import { writeHelperPatch } from '../repairs/helperfile';
import { Paths } from '../notebook/workspace';
import type { RunState } from './state';

export class HelperFiles {
  constructor(run: RunState, steps: Pick<RunState.ISteps, 'rerun'>) {
    this._run = run;
    this._steps = steps;
  }

  /** Files beside the notebook that accepted patches changed. */
  get changed(): ReadonlyMap<string, HelperFiles.IChange> {
    return this._changed;
  }

  /** Write a helper file patch; false (and why, on the patch) when refused. */
  async write(path: string, patch: IPatch, after: string): Promise<boolean> {
    const entry = this._changed.get(path) ?? { original: patch.before, patches: [] };
    const write = await writeHelperPatch(this._run.workspace!, path, patch, after, { backup: !this._changed.has(path) });
    if (!write.written) {
      patch.accepted = false;
      patch.stale = true;
      patch.refusedBecause = write.reason;
      return false;
    }
    entry.patches.push(patch);
    this._changed.set(path, entry);
    this._run.finder.cacheFile(path, after);
    return true;
  }

  /**
   * Reload a patched helper module, then re-run the cells that import from it
   * and those that depend on them: objects built from the old classes (an
   * instance made two cells later) must be built again.
   */
  async reload(path: string, failing: number): Promise<void> {
    const run = this._run;
    const module = this.moduleOf(path)!;
    const top = module.split('.')[0];
    if (run.stop?.aborted) {
      return;
    }
    try {
      await run.session.evaluate({
        reloaded: `[__import__('importlib').reload(m) for n, m in sorted(__import__('sys').modules.items(), key=lambda kv: -len(kv[0])) if m is not None and (n == ${JSON.stringify(module)} or n == ${JSON.stringify(top)})]`
      });
    } catch {
      // The module did not reload (it fails on import, the kernel is busy): the re-runs below show it.
    }
    const rerun = new Set<number>();
    for (const index of run.finder.codeCellsBefore(failing)) {
      const cell = run.cells[index];
      const imports = new PythonSource(cell.source).imports;
      if ([...imports.values()].some(target => target === top || target.startsWith(top + '.'))) {
        rerun.add(index);
        run.graph.dependents(index, failing - 1).forEach(dependent => rerun.add(dependent));
      }
    }
    for (const index of [...rerun].sort((a, b) => a - b)) {
      const cell = run.cells[index];
      if (cell.status === 'ok' || cell.status === 'fixed') {
        await this._steps.rerun(cell);
      }
    }
  }

  /** The module name cells import a helper file by (`utils.text` for utils/text.py). */
  moduleOf(path: string): string | undefined {
    const workspace = this._run.workspace;
    if (!workspace) {
      return undefined;
    }
    const relative = Paths.relative(workspace.notebookDir, path).replace(/\.py$/, '');
    return relative.split('/').filter(part => part !== '__init__').join('.');
  }

  private _run: RunState;
  private _steps: Pick<RunState.ISteps, 'rerun'>;
  private _changed = new Map<string, HelperFiles.IChange>();
}

export namespace HelperFiles {
  /** A changed helper file: its text before the run's first patch, and the patches written. */
  export interface IChange {
    original: string;
    patches: IPatch[];
  }
}
