/**
 * Consequences: a failure whose cause is an earlier cell that failed or
 * stopped half-way. What the later cell misses (a name, the fitted
 * attributes of an estimator whose `fit` raised, a column, a file) is what
 * the earlier cell's unfinished statements should have made. The fix belongs
 * in the earlier cell; the consequence is not a problem of its own.
 */
import type { DependencyGraph } from '../notebook/dependencies';
import type { IRuleError } from '../rules/types';
import { raisingLine } from './traceback';
import { PythonSource } from '../python/syntax';
import { unfinishedStatements } from './statements';
import type { IStatementEffects } from './statements';

export type ConsequenceKind = 'name' | 'star-import' | 'attribute' | 'key' | 'file';

export interface IConsequence {
  /** The root failure: the cell where the bug lives. */
  cause: number;
  /** The failed cell that should have made what is missing (the cause, or a consequence of it). */
  via: number;
  kind: ConsequenceKind;
  /** What is missing and why, for a person (no final period). */
  reason: string;
}

/** A cell as the finder reads it: the runner's cell records fit. */
export interface IRanCell {
  index: number;
  cellType: string;
  source: string;
  status: string;
  diagnosis?: { consequenceOf?: number; error?: IRuleError; expected?: boolean };
}

/** Where the failing cell failed, as the diagnoser located it. */
export interface IFailingPlace {
  line?: number;
  culprit?: string;
  /** The failing frame is a helper file or an earlier cell's function, not the cell's own line. */
  file?: string;
  inCell?: number;
}

export class ConsequenceFinder {
  constructor(options: ConsequenceFinder.IOptions) {
    this._cells = options.cells;
    this._graph = options.graph;
  }

  /** The earlier failure this error is a consequence of, if any. */
  find(index: number, error: IRuleError, place: IFailingPlace = {}): IConsequence | undefined {
    const failed = this._failedBefore(index);
    if (failed.length === 0) {
      return undefined;
    }
    const source = this._cells[index].source;
    if (error.ename === 'NameError') {
      return this._missingName(index, error, failed);
    }
    if (error.ename === 'AttributeError' || /NotFittedError/.test(error.ename)) {
      return this._missingAttribute(index, error, failed, place);
    }
    if (error.ename === 'KeyError') {
      return this._missingKey(error, failed, source);
    }
    const file = /No such file or directory: '([^']+)'/.exec(error.evalue)?.[1];
    if (file) {
      return this._missingFile(file, failed);
    }
    return undefined;
  }

  /** Consequences whose root cause is `cause`, in notebook order. */
  consequencesOf(cause: number): number[] {
    return this._cells
      .filter(cell => cell.status !== 'ok' && cell.status !== 'fixed' && cell.diagnosis?.consequenceOf === cause)
      .map(cell => cell.index);
  }

  /**
   * What runs again after `changed` was fixed, up to `through`: its
   * dependents by name, its consequences (a file or a column is not a name),
   * and what depends on those.
   */
  rerunAfterFix(changed: number, through: number): number[] {
    const rerun = new Set(this._graph.dependents(changed, through));
    for (const consequence of this.consequencesOf(changed).filter(index => index <= through)) {
      rerun.add(consequence);
      this._graph.dependents(consequence, through).forEach(index => rerun.add(index));
    }
    rerun.delete(changed);
    return [...rerun].sort((a, b) => a - b);
  }

  private _missingName(index: number, error: IRuleError, failed: IFailedCell[]): IConsequence | undefined {
    const name = /name '(\w+)' is not defined/.exec(error.evalue)?.[1];
    if (!name) {
      return undefined;
    }
    const definer = this._graph.bindingCell(name, index);
    if (definer !== undefined) {
      const cell = failed.find(f => f.index === definer);
      return cell && this._consequence(cell, 'name', `'${name}' is defined by cell ${definer + 1}, which failed`);
    }
    // Names nobody binds may be what a failed `from m import *` should have brought.
    for (const cell of failed) {
      const star = cell.unfinished.flatMap(statement => statement.starImports)[0];
      if (star) {
        return this._consequence(cell, 'star-import', `'${name}' should have come from \`from ${star} import *\` in cell ${cell.index + 1}, which failed`);
      }
    }
    return undefined;
  }

  private _missingAttribute(index: number, error: IRuleError, failed: IFailedCell[], place: IFailingPlace): IConsequence | undefined {
    if (place.file !== undefined || place.inCell !== undefined || !place.culprit) {
      return undefined;
    }
    const notFitted = /NotFittedError/.test(error.ename);
    const attribute = /object has no attribute '(\w+)'/.exec(error.evalue)?.[1];
    if (!notFitted && !attribute) {
      return undefined;
    }
    const line = new PythonSource(place.culprit);
    // The objects the failing line reads the attribute from, or (unfitted) whose methods it calls.
    const objects = new Set<string>();
    const members = notFitted
      ? line.findAll('CallExpression').map(call => line.callee(call)).filter(callee => callee?.name === 'MemberExpression')
      : line.memberAccesses(attribute!);
    for (const member of members) {
      let root = member!.firstChild;
      while (root && root.name !== 'VariableName') {
        root = root.firstChild;
      }
      if (root) {
        objects.add(line.textOf(root));
      }
    }
    // A fitted attribute (trailing underscore, the scikit-learn convention) is set by a call on the object.
    const fittedAttribute = notFitted || /^[a-z]\w*[a-z0-9]_$/i.test(attribute ?? '');
    const fits = (statement: IStatementEffects, object: string) =>
      [...statement.methodCalls].some(call => call.startsWith(object + '.') && /^(fit|train|partial_fit)/.test(call.slice(object.length + 1)));
    // Where the object should have been fitted first; else any unfinished call on it.
    const tests: ((statement: IStatementEffects, object: string) => boolean)[] = [
      (statement, object) => (attribute !== undefined && statement.attributes.has(`${object}.${attribute}`)) || (fittedAttribute && fits(statement, object)),
      (statement, object) => fittedAttribute && (statement.receivers.has(object) || statement.changes.has(object))
    ];
    for (const test of tests) {
      for (const object of objects) {
        const rebound = this._graph.bindingCell(object, index);
        for (const cell of failed) {
          if (rebound !== undefined && rebound > cell.index && !failed.some(f => f.index === rebound)) {
            // Replaced by a cell that ran after the failure: the object is not the failed one's.
            break;
          }
          if (cell.unfinished.some(statement => test(statement, object))) {
            const what = attribute && !notFitted ? `'${object}.${attribute}' would have been set` : `'${object}' would have been fitted`;
            return this._consequence(cell, 'attribute', `${what} in cell ${cell.index + 1}, which failed before it finished with ${object}`);
          }
        }
      }
    }
    return undefined;
  }

  private _missingKey(error: IRuleError, failed: IFailedCell[], source: string): IConsequence | undefined {
    const single = /^(['"])(.+)\1$/.exec(error.evalue.trim())?.[2];
    const listed = /Index\(\[([^\]]*)\]/.exec(error.evalue)?.[1];
    const keys = single !== undefined ? [single] : listed ? [...listed.matchAll(/'([^']*)'/g)].map(m => m[1]) : [];
    const used = keys.filter(key => source.includes(`'${key}'`) || source.includes(`"${key}"`));
    for (const cell of failed) {
      const key = used.find(k => cell.unfinished.some(statement => statement.keys.has(k)));
      if (key !== undefined) {
        return this._consequence(cell, 'key', `'${key}' would have been added by cell ${cell.index + 1}, which failed first`);
      }
    }
    return undefined;
  }

  private _missingFile(file: string, failed: IFailedCell[]): IConsequence | undefined {
    const name = Private.basename(file);
    for (const cell of failed) {
      const written = cell.unfinished.some(statement => [...statement.files].some(path => Private.basename(path) === name));
      if (written) {
        return this._consequence(cell, 'file', `${name} would have been written by cell ${cell.index + 1}, which failed first`);
      }
    }
    return undefined;
  }

  private _consequence(cell: IFailedCell, kind: ConsequenceKind, reason: string): IConsequence {
    const root = this._cells[cell.index].diagnosis?.consequenceOf ?? cell.index;
    return { cause: root, via: cell.index, kind, reason };
  }

  /** Earlier code cells that failed or stopped, latest first, with their unfinished statements. */
  private _failedBefore(index: number): IFailedCell[] {
    const failed: IFailedCell[] = [];
    for (let i = index - 1; i >= 0; i--) {
      const cell = this._cells[i];
      if (cell.cellType !== 'code' || (cell.status !== 'error' && cell.status !== 'timeout')) {
        continue;
      }
      failed.push({ index: i, unfinished: unfinishedStatements(cell.source, Private.stoppedAt(cell)) });
    }
    return failed;
  }

  private _cells: readonly IRanCell[];
  private _graph: DependencyGraph;
}

export namespace ConsequenceFinder {
  export interface IOptions {
    /** The run's cells, read as they change. */
    cells: readonly IRanCell[];
    graph: DependencyGraph;
  }
}

interface IFailedCell {
  index: number;
  unfinished: IStatementEffects[];
}

namespace Private {
  /** The line a failed cell stopped at; 0 when none of it can be trusted to have run. */
  export function stoppedAt(cell: IRanCell): number {
    const error = cell.diagnosis?.error;
    if (!error || /^(SyntaxError|IndentationError|TabError)$/.test(error.ename)) {
      return 0;
    }
    return raisingLine(error.traceback) ?? 0;
  }

  export function basename(path: string): string {
    return path.split(/[\\/]/).pop() ?? path;
  }
}
