/**
 * After the kernel died: wait for its restart and replay the cells that ran,
 * so the cells after the failing one find the state they expect.
 */
import type { IExecutionResult } from '../kernel';
import type { RunState } from './state';

export class KernelRecovery {
  constructor(run: RunState, steps: Pick<RunState.ISteps, 'execute'>) {
    this._run = run;
    this._steps = steps;
  }

  /**
   * Wait for the restart and replay the cells before `failing` that ran. A
   * replay that fails stops the replay and is said on the failing cell: the
   * cells after it run without the state it should have made.
   */
  async recover(failing: number): Promise<void> {
    const run = this._run;
    await run.session.waitReady();
    for (const index of run.finder.codeCellsBefore(failing)) {
      const cell = run.cells[index];
      if (cell.status !== 'ok' && cell.status !== 'fixed') {
        continue;
      }
      const status = cell.status;
      const result = await this._steps.execute(cell);
      run.update(cell, { status });
      if (result.status !== 'ok') {
        const failed = run.cells[failing];
        run.rediagnose(failed, { ...failed.diagnosis!, message: `${failed.diagnosis!.message} ${Private.replayFailure(index, result)}` });
        if (result.status === 'died') {
          await run.session.waitReady();
        }
        return;
      }
    }
  }

  private _run: RunState;
  private _steps: Pick<RunState.ISteps, 'execute'>;
}

namespace Private {
  export function replayFailure(index: number, result: IExecutionResult): string {
    const why =
      result.status === 'died'
        ? 'the kernel died again'
        : result.status === 'timeout'
          ? 'it was stopped'
          : `${result.error?.ename ?? 'an error'}: ${result.error?.evalue ?? ''}`.trim();
    return `Replaying cell ${index + 1} after the kernel restart failed (${why}); the replay stopped there.`;
  }
}
