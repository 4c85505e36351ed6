/**
 * The author's own environment changes: `!pip install`, `%pip install`,
 * `!conda install`, `!apt-get ...` lines. A run must not change the
 * environment behind the user's back (a batch shares one venv), so these
 * lines do not run unless the user allowed it. The cell's other lines run:
 * each skipped line is replaced, in the executed text only, by a no-op with
 * a marker (one line for one line, so tracebacks keep their line numbers).
 * Lines an accepted patch added were decided on and run.
 */

/** One author's line that was not run. */
export interface ISkippedInstall {
  cellIndex: number;
  /** 1-based line in the cell. */
  line: number;
  text: string;
}

export const SKIPPED_MARKER = 'skipped by jupyter-modernize (changes the environment; --allow-installs runs it)';

const PACKAGE_MANAGER = /(?:pip3?|python3?\s+-m\s+pip|conda|mamba)\s+(?:install|uninstall|update|upgrade|remove)\b|(?:sudo\s+)?(?:apt-get|apt|yum|dnf)\s+\w/;
const MAGIC_OR_SHELL = new RegExp(`^\\s*[!%]\\s*(?:${PACKAGE_MANAGER.source})`);
const SHELL_CELL = /^\s*%%(?:bash|sh|script\s+(?:ba)?sh)\b/;

/** Whether a cell line changes the environment (`shell`: the cell is a %%bash / %%sh cell). */
export function changesEnvironment(line: string, shell = false): boolean {
  return MAGIC_OR_SHELL.test(line) || (shell && new RegExp(`^\\s*(?:${PACKAGE_MANAGER.source})`).test(line));
}

/** 1-based numbers of the lines of `source` that change the environment. */
export function environmentChangeLines(source: string): number[] {
  const lines = source.split('\n');
  const shell = SHELL_CELL.test(lines[0] ?? '');
  return lines.flatMap((line, index) => (changesEnvironment(line, shell) ? [index + 1] : []));
}

/**
 * What runs of a cell: `source` with the author's environment changes (the
 * lines that are also in `original`) replaced by no-ops.
 */
export function withoutEnvironmentChanges(source: string, original: string): { text: string; skipped: { line: number; text: string }[] } {
  const authors = new Set(
    environmentChangeLines(original).map(line => original.split('\n')[line - 1].trim())
  );
  const lines = source.split('\n');
  const shell = SHELL_CELL.test(lines[0] ?? '');
  const skipped: { line: number; text: string }[] = [];
  const text = lines
    .map((line, index) => {
      if (!changesEnvironment(line, shell) || !authors.has(line.trim())) {
        return line;
      }
      skipped.push({ line: index + 1, text: line.trim() });
      const indent = /^\s*/.exec(line)![0];
      return `${indent}${shell ? ':' : 'pass'}  # ${SKIPPED_MARKER}: ${line.trim()}`;
    })
    .join('\n');
  return { text, skipped };
}

/** Keeps, per cell, the author's lines that were not run. */
export class InstallGuard {
  constructor(options: InstallGuard.IOptions = {}) {
    this._allow = options.allowInstalls === true;
  }

  /** Whether the author's environment changes run. */
  get allowed(): boolean {
    return this._allow;
  }

  /** The text to execute for a cell. */
  executable(cell: { index: number; source: string; originalSource: string }): string {
    if (this._allow) {
      return cell.source;
    }
    const { text, skipped } = withoutEnvironmentChanges(cell.source, cell.originalSource);
    if (skipped.length > 0) {
      this._skipped.set(cell.index, skipped.map(entry => ({ cellIndex: cell.index, ...entry })));
    } else {
      this._skipped.delete(cell.index);
    }
    return text;
  }

  /** Every author's line not run, in cell order. */
  get skipped(): ISkippedInstall[] {
    return [...this._skipped.keys()].sort((a, b) => a - b).flatMap(index => this._skipped.get(index)!);
  }

  private _allow: boolean;
  private _skipped = new Map<number, ISkippedInstall[]>();
}

export namespace InstallGuard {
  export interface IOptions {
    /** Run the author's `!pip install`-style lines (an explicit decision). */
    allowInstalls?: boolean;
  }
}
