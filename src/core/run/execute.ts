/**
 * Executing a cell and recording what it did: the source the user sees now,
 * the status while it runs, outputs, execution count, kernel time and runs;
 * and the diagnosis of a failed execution.
 */
import { diagnose } from '../diagnosis/diagnose';
import type { IDiagnosis } from '../diagnosis/diagnose';
import type { IExecutionResult } from '../kernel';
import type { RunState } from './state';
import type { ICellRecord } from './types';

export class CellExecution {
  constructor(run: RunState) {
    this._run = run;
  }

  /** Run a cell under the run's stop (or `signal`); a stopped run answers `notRun` without running it. */
  async execute(cell: ICellRecord, signal = this._run.stop): Promise<IExecutionResult> {
    const run = this._run;
    if (signal?.aborted) {
      return CellExecution.notRun(cell);
    }
    // The user edited the cell during the run (JupyterLab): what runs is what they see.
    const live = run.liveSource?.(cell.index);
    if (live !== undefined && live !== cell.source && !live.includes('\u0000')) {
      run.update(cell, { source: live });
      run.graph.update(cell.index, live);
    }
    // A cell still being worked on stays 'running' until the repair decides (the LLM may be asked
    // meanwhile); reruns of a finished cell (stability, calibration) give it its own status back.
    const statusBefore = cell.status;
    run.update(cell, { status: 'running' });
    const result = await run.session.execute(run.installs.executable(cell), { timeoutMs: run.cellTimeoutMs, signal });
    run.update(cell, {
      status: statusBefore === 'pending' ? 'running' : statusBefore,
      outputs: result.outputs,
      executionCount: result.executionCount,
      durationMs: cell.durationMs + result.durationMs,
      runs: cell.runs + 1
    });
    return result;
  }

  /** What went wrong in a failed execution, and where its cause is. */
  diagnose(cell: ICellRecord, result: IExecutionResult): IDiagnosis {
    const run = this._run;
    return diagnose(result, {
      rules: run.rules,
      source: cell.source,
      knownImports: run.finder.importsBefore(cell.index),
      executionCount: result.executionCount,
      cellOfExecution: count => {
        const earlier = [...run.cells].reverse().find(record => record.executionCount === count && record.index !== cell.index);
        return earlier && { index: earlier.index, source: earlier.source };
      },
      timeoutMs: run.cellTimeoutMs,
      consequence: (error, place) => run.consequences.find(cell.index, error, place),
      readFile: file => run.finder.cachedFile(run.finder.helperPath(file) ?? '')
    });
  }

  private _run: RunState;
}

export namespace CellExecution {
  /** What `execute` answers for a cell it did not run because the run was stopped. */
  export function notRun(cell: ICellRecord): IExecutionResult {
    const result: IExecutionResult = { status: 'timeout', outputs: cell.outputs, stderr: '', durationMs: 0, executionCount: cell.executionCount };
    Private.NOT_RUN.add(result);
    return result;
  }

  export function wasNotRun(result: IExecutionResult): boolean {
    return Private.NOT_RUN.has(result);
  }
}

namespace Private {
  export const NOT_RUN = new WeakSet<IExecutionResult>();
}
