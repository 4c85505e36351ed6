/**
 * The cells' dependency graph: which cell made a name (when the cause of a
 * failure is earlier) and which cells to re-run after a change.
 */
import { cellNames } from '../python/names';
import type { ICellNames } from '../python/names';

export class DependencyGraph {
  constructor(sources: readonly (string | null)[]) {
    this._sources = [...sources];
  }

  /**
   * Each cell's names (null for a cell that is not code), read on first use:
   * only a failure or a fix needs them, so a run where every cell passes
   * never parses its cells for them.
   */
  get cells(): (ICellNames | null)[] {
    if (!this._cells) {
      this._cells = this._sources.map(source => (source === null ? null : cellNames(source)));
    }
    return this._cells;
  }

  /** Replace one cell's names after its source changed. */
  update(index: number, source: string): void {
    this._sources[index] = source;
    if (this._cells) {
      this._cells[index] = cellNames(source);
    }
  }

  /** The last cell before `before` that defines or mutates `name`. */
  definingCell(name: string, before: number): number | undefined {
    for (let i = before - 1; i >= 0; i--) {
      const names = this.cells[i];
      if (names && (names.defines.has(name) || names.mutates.has(name))) {
        return i;
      }
    }
    return undefined;
  }

  /** The last cell before `before` that binds `name` (mutations aside). */
  bindingCell(name: string, before: number): number | undefined {
    for (let i = before - 1; i >= 0; i--) {
      if (this.cells[i]?.defines.has(name)) {
        return i;
      }
    }
    return undefined;
  }

  /** Every earlier cell that defines or mutates `name`, latest first. */
  definingCells(name: string, before: number): number[] {
    const found: number[] = [];
    for (let i = before - 1; i >= 0; i--) {
      const names = this.cells[i];
      if (names && (names.defines.has(name) || names.mutates.has(name))) {
        found.push(i);
      }
    }
    return found;
  }

  /**
   * Can `index` run again just before `until` and meet the state it met the
   * first time? Not when it reads a name it also changes (`df = df.join(x)`),
   * nor when a cell in between changed a name it reads.
   */
  replayable(index: number, until: number): boolean {
    const names = this.cells[index];
    if (!names) {
      return false;
    }
    if (names.updates.size > 0) {
      return false;
    }
    // What it reads from earlier cells must not have changed since.
    const inputs = [...names.uses].filter(name => !names.defines.has(name));
    for (let between = index + 1; between < until; between++) {
      const cell = this.cells[between];
      if (cell && inputs.some(name => cell.defines.has(name) || cell.mutates.has(name))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Cells after `changed`, up to and including `through`, that read a name
   * the changed cell (or a cell re-run because of it) defines: what must run
   * again after `changed` is patched. The cells that do not depend on it keep
   * their state and are not run again.
   */
  dependents(changed: number, through: number): number[] {
    const dirty = new Set<string>();
    const own = this.cells[changed];
    if (own) {
      own.defines.forEach(name => dirty.add(name));
      own.mutates.forEach(name => dirty.add(name));
    }
    const rerun: number[] = [];
    for (let i = changed + 1; i <= through && i < this.cells.length; i++) {
      const names = this.cells[i];
      if (!names) {
        continue;
      }
      const reads = [...names.uses, ...names.mutates].some(name => dirty.has(name));
      if (reads) {
        rerun.push(i);
        names.defines.forEach(name => dirty.add(name));
        names.mutates.forEach(name => dirty.add(name));
      }
    }
    return rerun;
  }

  private _sources: (string | null)[];
  private _cells: (ICellNames | null)[] | null = null;
}
