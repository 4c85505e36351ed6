/**
 * Where fixes come from, offline: the rules on the failing cell, its helper
 * files, the data paths and missing modules, the earlier cells its names come
 * from; speed-ups for slow cells and calibrations for drifting numbers. It
 * reads the run's cells and proposes; it never decides, applies or runs
 * anything.
 */
import { fixDataPath } from '../fixers/datapaths';
import { fixMissingImport } from '../fixers/imports';
import { findLocalModule } from '../fixers/localmodules';
import type { ILocalModule } from '../fixers/localmodules';
import { fixMissingModule } from '../fixers/modules';
import type { DependencyGraph } from '../notebook/dependencies';
import type { IDiagnosis } from '../diagnosis/diagnose';
import { guardFlags, rulePatch } from '../notebook/patch';
import type { IPatch, PatchTarget } from '../notebook/patch';
import { PythonSource, importAliases } from '../python/syntax';
import type { RuleEngine } from '../rules/engine';
import type { IFact, IRule } from '../rules/types';
import { Paths } from '../notebook/workspace';
import type { IWorkspace } from '../notebook/workspace';
import type { ICellRecord } from './types';

export class PatchFinder {
  constructor(options: PatchFinder.IOptions) {
    this._cells = options.cells;
    this._graph = options.graph;
    this._rules = options.rules;
    this._workspace = options.workspace;
  }

  /** An offline fix: in the failing cell, a helper file, or the earlier cell the cause is in. */
  async offline(index: number, diagnosis: IDiagnosis, tried: ReadonlySet<string>): Promise<IPatch | null> {
    const cell = this._cells[index];
    const error = diagnosis.error;
    const fresh = (patch: IPatch | null) => (patch && !tried.has(patch.after) ? patch : null);

    if (diagnosis.file && error) {
      const path = this.helperPath(diagnosis.file);
      const text = path ? await this.readFile(path) : undefined;
      if (path && text !== undefined) {
        const proposal = this._rules.propose(text, error);
        const patch = proposal && this.rulePatch({ kind: 'file', path }, text, proposal.source, proposal.rules);
        if (fresh(patch)) {
          return patch;
        }
      }
    }
    if (diagnosis.inCell !== undefined && error) {
      // The failing line is in a function an earlier cell defined: fix it there.
      const earlier = this._cells[diagnosis.inCell];
      const proposal = this._rules.propose(earlier.source, error, this.importsBefore(earlier.index));
      const patch = proposal && this.rulePatch({ kind: 'cell', index: earlier.index }, earlier.source, proposal.source, proposal.rules);
      if (fresh(patch)) {
        return patch;
      }
    }
    if (error) {
      const proposal = this._rules.propose(cell.source, error, this.importsBefore(index));
      const patch = proposal && this.rulePatch({ kind: 'cell', index }, cell.source, proposal.source, proposal.rules);
      if (fresh(patch)) {
        return patch;
      }
    }
    const undefinedName = error?.ename === 'NameError' ? /name '(\w+)' is not defined/.exec(error.evalue)?.[1] : undefined;
    if (undefinedName) {
      // The import goes where the failing line is: the cell, or the earlier cell whose function failed.
      const owner = this._cells[diagnosis.inCell ?? index];
      const fix = fixMissingImport(owner.source, undefinedName, this.importsBefore(this._cells.length));
      if (fix) {
        const patch = this.makePatch({ kind: 'cell', index: owner.index }, owner.source, fix.source, {
          origin: 'rule:missing-import',
          reason: fix.reason
        });
        if (fresh(patch)) {
          return patch;
        }
      }
    }
    if (diagnosis.category === 'missing-module' && error) {
      const module = /No module named '([\w.]+)'/.exec(error.evalue)?.[1];
      const local = module ? await this._localModule(module, diagnosis) : undefined;
      if (local?.fixedHelper) {
        const { path, source } = local.fixedHelper;
        const patch = this.makePatch({ kind: 'file', path }, (await this.readFile(path))!, source, { origin: 'rule:local-module', reason: local.reason });
        if (fresh(patch)) {
          return patch;
        }
      }
      // A module the notebook came with is never a package to install.
      const fix = module && !local && fixMissingModule(cell.source, module);
      if (fix) {
        const patch = this.makePatch({ kind: 'cell', index }, cell.source, fix.source, {
          origin: fix.installs ? 'rule:pip-install' : 'rule:cosmetic-module',
          reason: fix.reason
        });
        if (fresh(patch)) {
          return patch;
        }
      }
    }
    if (diagnosis.category === 'missing-data' && error && this._workspace) {
      const missing = /No such file or directory: '([^']+)'/.exec(error.evalue)?.[1];
      if (missing) {
        // The literal may be in this cell or in an earlier one (`PATH = '../input/'`).
        for (const candidate of [index, ...this.codeCellsBefore(index).reverse()]) {
          const source = this._cells[candidate].source;
          const fix = await fixDataPath(source, missing, this._workspace);
          if (fix) {
            const patch = this.makePatch({ kind: 'cell', index: candidate }, source, fix.source, {
              origin: 'rule:data-path',
              reason: fix.reason
            });
            if (fresh(patch)) {
              return patch;
            }
          }
        }
      }
    }
    return this._inDefiningCells(index, diagnosis, tried);
  }

  /**
   * A cell overran its budget: speed-ups that keep the results first, then
   * cuts that change them (flagged, with the speed-up to expect).
   */
  runtime(index: number, tried: ReadonlySet<string>): IPatch | null {
    const cell = this._cells[index];
    const findings = this._rules
      .applicable(cell.source, 'runtime', this.importsBefore(index))
      .filter(finding => !tried.has(finding.source))
      .sort((a, b) => Private.tierRank(a.rule) - Private.tierRank(b.rule));
    const finding = findings[0];
    if (!finding) {
      return null;
    }
    const patch = this.rulePatch({ kind: 'cell', index }, cell.source, finding.source, [finding.rule]);
    patch.label = 'runtime';
    if (finding.rule.runtime?.tier === 'changes-results') {
      patch.flags.push({
        kind: 'changes-results',
        message: `Changes results: ${finding.rule.fact.message} Expected speed-up: ${finding.rule.runtime.speedup}.`
      });
    }
    return patch;
  }

  /** The next calibration for a drifting cell: in it, or in a cell it uses (latest first). */
  calibration(index: number, tried: ReadonlySet<string>, category: 'default-change' | 'randomness'): IPatch | null {
    // An earlier cell is re-run to try a calibration: only one that can run again safely.
    // It re-runs with the cells that depend on it: all of them must be able to run again.
    const safe = (cell: number) =>
      [cell, ...this._graph.dependents(cell, index - 1)].every(rerun => this._graph.replayable(rerun, index));
    const candidates = [index, ...this.usedCells(index).filter(safe)];
    for (const candidate of candidates) {
      const source = this._cells[candidate].source;
      for (const finding of this._rules.applicable(source, category, this.importsBefore(candidate))) {
        if (tried.has(`${candidate}:${finding.rule.id}`)) {
          continue;
        }
        const patch = this.rulePatch({ kind: 'cell', index: candidate }, source, finding.source, [finding.rule]);
        patch.label = 'score';
        return patch;
      }
    }
    return null;
  }

  /** Earlier cells that define what this cell uses, followed back two steps, latest first. */
  usedCells(index: number): number[] {
    const found = new Set<number>();
    let names = [...(this._graph.cells[index]?.uses ?? [])];
    for (let depth = 0; depth < 3; depth++) {
      const next: string[] = [];
      for (const name of names) {
        for (const definer of this._graph.definingCells(name, index)) {
          if (!found.has(definer)) {
            found.add(definer);
            next.push(...(this._graph.cells[definer]?.uses ?? []));
          }
        }
      }
      names = next;
    }
    return [...found].sort((a, b) => b - a);
  }

  /**
   * The cause may be earlier: an object built by a changed API, a column left
   * full of NaN by an in-place call that no longer acts. Look at the cells
   * that define what the failing line uses, latest first.
   */
  private async _inDefiningCells(index: number, diagnosis: IDiagnosis, tried: ReadonlySet<string>): Promise<IPatch | null> {
    const cell = this._cells[index];
    const culprit = diagnosis.line ? cell.source.split('\n')[diagnosis.line - 1] ?? cell.source : cell.source;
    const names = [...new PythonSource(culprit).findAll('VariableName')].map(node => culprit.slice(node.from, node.to));
    const visited = new Set<number>();
    const queue = [...new Set(names)];
    // Follow definitions back a few steps: X came from df, df from read_csv.
    for (let depth = 0; depth < 3 && queue.length > 0; depth++) {
      const next: string[] = [];
      for (const name of queue) {
        for (const definer of this._graph.definingCells(name, index)) {
          if (visited.has(definer)) {
            continue;
          }
          visited.add(definer);
          const source = this._cells[definer].source;
          const imports = this.importsBefore(definer);
          const proposal = diagnosis.error ? this._rules.propose(source, diagnosis.error, imports) : null;
          if (proposal) {
            const patch = this.rulePatch({ kind: 'cell', index: definer }, source, proposal.source, proposal.rules);
            if (!tried.has(patch.after)) {
              return patch;
            }
          }
          // Silent behaviour changes raise nothing where they happen: their effect fails later.
          const silent = this._rules.scan(source, imports).filter(finding => finding.rule.category === 'behavior-change');
          if (silent.length > 0) {
            const rules = silent.map(finding => finding.rule);
            const after = Private.combineScans(this._rules, source, imports, rules);
            const patch = this.rulePatch({ kind: 'cell', index: definer }, source, after, rules);
            if (!tried.has(patch.after) && after !== source) {
              return patch;
            }
          }
          next.push(...(this._graph.cells[definer]?.uses ?? []));
        }
      }
      queue.splice(0, queue.length, ...new Set(next));
    }
    return null;
  }

  rulePatch(target: PatchTarget, before: string, after: string, rules: IRule[]): IPatch {
    return rulePatch(`p${++this._patchCount}`, target, before, after, rules);
  }

  makePatch(
    target: PatchTarget,
    before: string,
    after: string,
    details: { origin: string; reason: string; ruleIds?: string[]; facts?: IFact[] }
  ): IPatch {
    return {
      id: `p${++this._patchCount}`,
      target,
      origin: details.origin,
      ruleIds: details.ruleIds ?? [],
      facts: details.facts ?? [],
      reason: details.reason,
      before,
      after,
      flags: guardFlags(before, after)
    };
  }

  /** The missing module as a file beside the failing helper or the notebook. */
  private async _localModule(module: string, diagnosis: IDiagnosis): Promise<ILocalModule | undefined> {
    if (!this._workspace) {
      return undefined;
    }
    const path = diagnosis.file ? this.helperPath(diagnosis.file) : undefined;
    const text = path ? await this.readFile(path) : undefined;
    return findLocalModule(module, this._workspace, path && text !== undefined ? { path, text } : undefined);
  }

  /** Aliases imported by the code cells before `index` (np, pd, ...). */
  importsBefore(index: number): Map<string, string> {
    return importAliases(this.codeCellsBefore(index).map(before => this._cells[before].source));
  }

  codeCellsBefore(index: number): number[] {
    return this._cells.filter(cell => cell.index < index && cell.cellType === 'code').map(cell => cell.index);
  }

  /** A traceback's file, when it is a helper beside the notebook. */
  helperPath(file: string): string | undefined {
    if (!this._workspace) {
      return undefined;
    }
    // IPython prints files under the home folder as `~/...`.
    const path = Paths.normalize(Paths.expandHome(file, this._workspace.homeDir));
    const dir = this._workspace.notebookDir;
    return path.startsWith(dir + '/') ? path : undefined;
  }

  async readFile(path: string): Promise<string | undefined> {
    if (!this._fileCache.has(path)) {
      const text = await this._workspace?.readText(path);
      if (text !== undefined) {
        this._fileCache.set(path, text);
      }
    }
    return this._fileCache.get(path);
  }

  /** Remember a helper file's text after the engine wrote it. */
  cacheFile(path: string, text: string): void {
    this._fileCache.set(path, text);
  }

  /** A helper file's text as last read or written, without reading it. */
  cachedFile(path: string): string | undefined {
    return this._fileCache.get(path);
  }

  private _cells: readonly ICellRecord[];
  private _graph: DependencyGraph;
  private _rules: RuleEngine;
  private _workspace?: IWorkspace;
  private _patchCount = 0;
  private _fileCache = new Map<string, string>();
}

export namespace PatchFinder {
  export interface IOptions {
    /** The run's cell records, read as they change. */
    cells: readonly ICellRecord[];
    graph: DependencyGraph;
    rules: RuleEngine;
    workspace?: IWorkspace;
  }
}

namespace Private {
  /** Speed-ups that keep the results come before cuts that change them. */
  export function tierRank(rule: IRule): number {
    return rule.runtime?.tier === 'changes-results' ? 1 : 0;
  }

  /** Apply several scan findings' rewrites to one source, one rule after another. */
  export function combineScans(
    rules: RuleEngine,
    source: string,
    imports: ReadonlyMap<string, string>,
    wanted: readonly IRule[]
  ): string {
    let current = source;
    for (const rule of wanted) {
      const finding = rules.scan(current, imports).find(f => f.rule.id === rule.id);
      if (finding) {
        current = finding.source;
      }
    }
    return current;
  }
}
