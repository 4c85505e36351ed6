/**
 * Repairing: a failing cell is diagnosed, a fix proposed (offline first, then
 * the agent's), decided, applied, and the cells its change touches run again,
 * until the cell runs or nothing is left to try. A failure that is not the
 * run's to fix (the author's own error, prose never run, a spent budget) is
 * said and left.
 */
import type * as nbformat from '@jupyterlab/nbformat';
import type { AgentGoal } from '../llm/patchagent';
import type { IDiagnosis } from '../diagnosis/diagnose';
import type { IExecutionResult } from '../kernel';
import { triedFixes } from '../llm/goals';
import type { IPatch } from '../notebook/patch';
import { followRenames } from '../repairs/follow';
import type { AgentTurns } from './agent';
import type { Calibration } from './calibrate';
import { CellExecution } from './execute';
import type { HelperFiles } from './helperfiles';
import type { KernelRecovery } from './recovery';
import { RunState } from './state';
import type { ICellRecord } from './types';

export class Repair {
  constructor(run: RunState, options: Repair.IOptions) {
    this._run = run;
    this._execution = options.execution;
    this._helpers = options.helpers;
    this._recovery = options.recovery;
    this._agent = options.agent;
    this._calibration = options.calibration;
  }

  /** Run a cell (or take its `firstRun`) and repair it while it fails and a fix is left to try. */
  async repairCell(index: number, signal?: AbortSignal, firstRun?: IExecutionResult): Promise<void> {
    const run = this._run;
    const cell = run.cells[index];
    const tried = new Set<string>();
    let attempts = 0;
    for (;;) {
      const result = firstRun ?? (await this._execution.execute(cell, signal));
      firstRun = undefined;
      if (result.status === 'ok') {
        if (this._calibration.speedUpUndone(index)) {
          // The author's cell runs again (over its budget): the model hears why its answer was undone.
          continue;
        }
        run.update(cell, { status: RunState.ranClean(cell) });
        await this._calibration.compare(index, signal);
        return;
      }
      const engineStarted = Date.now();
      const diagnosis = this._execution.diagnose(cell, result);
      this._agent.ranAndFailed(cell, result);
      run.diagnosed(cell, diagnosis);
      if (result.status === 'died') {
        await this._recovery.recover(index);
        run.update(cell, { status: 'error' });
        return;
      }
      const left = this._notTheRunsToFix(cell, result, diagnosis, attempts);
      if (left) {
        run.rediagnose(cell, left.diagnosis, { status: left.status });
        return;
      }
      if (diagnosis.category === 'consequence' || attempts >= run.maxAttempts || signal?.aborted) {
        run.update(cell, { status: result.status === 'timeout' ? 'timeout' : 'error' });
        return;
      }
      const speedUp: AgentGoal = { kind: 'speed-up', budgetMs: run.cellTimeoutMs ?? 0, tried: triedFixes(cell.patches, 'runtime') };
      const patch =
        result.status === 'timeout'
          ? run.finder.runtime(index, tried) ?? (await this._agent.ask(index, diagnosis, tried, signal, speedUp))
          : await this._proposeOrAsk(index, diagnosis, tried, signal);
      run.update(cell, { engineMs: [...cell.engineMs, Date.now() - engineStarted] });
      if (!patch && result.status !== 'timeout' && (await this._agent.askNotebook(index, diagnosis, signal))) {
        attempts++;
        continue;
      }
      if (!patch) {
        run.update(cell, { status: result.status === 'timeout' ? 'timeout' : 'error' });
        return;
      }
      tried.add(patch.after);
      attempts++;
      const applied = await this.decideAndApply(patch, index);
      if (!applied) {
        run.update(cell, { status: result.status === 'timeout' ? 'timeout' : 'error' });
        return;
      }
    }
  }

  /** Ask the decider; apply an accepted patch and re-run what depends on it. */
  async decideAndApply(patch: IPatch, failing: number): Promise<boolean> {
    const run = this._run;
    const owner = patch.target.kind === 'cell' ? run.cells[patch.target.index] : run.cells[failing];
    owner.patches.push(patch);
    run.patchProposed(patch);
    run.update(owner, {});
    const decision = await run.decider.decide(patch, owner);
    if (decision.action === 'reject') {
      patch.accepted = false;
      run.update(owner, {});
      return false;
    }
    const after = decision.action === 'accept-edited' ? decision.source : patch.after;
    if (decision.action === 'accept-edited') {
      patch.after = after;
    }
    patch.accepted = true;
    if (patch.target.kind === 'file') {
      if (!(await this._helpers.write(patch.target.path, patch, after))) {
        run.update(owner, {});
        return false;
      }
      // The cells importing a renamed function change before the module reloads under them.
      await this._followRenames(patch);
      await this._helpers.reload(patch.target.path, failing);
      run.update(owner, {});
      return true;
    }
    const target = run.cells[patch.target.index];
    const live = run.liveSource?.(target.index) ?? target.source;
    if (live !== patch.before || target.source !== patch.before) {
      // The cell changed after the patch was made: never apply over an edit.
      patch.accepted = false;
      patch.stale = true;
      run.update(owner, {});
      return false;
    }
    run.changeSource(target.index, after, patch);
    await this._followRenames(patch);
    if (target.index !== failing) {
      // The failure was this earlier cell's doing: say so where it showed.
      const cell = run.cells[failing];
      const fact = patch.facts[0];
      run.rediagnose(cell, {
        ...cell.diagnosis!,
        causeCell: target.index,
        category: fact ? run.rules.get(patch.ruleIds[0])?.category ?? cell.diagnosis!.category : cell.diagnosis!.category,
        message: `Caused by cell ${target.index + 1}: ${patch.reason}`,
        fact: fact ?? cell.diagnosis!.fact,
        ruleId: patch.ruleIds[0] ?? cell.diagnosis!.ruleId
      });
      await this.rerunFrom(target.index, failing);
    }
    return true;
  }

  /** Take an accepted patch back: the cell gets its source from before. */
  revert(patch: IPatch, target: number): void {
    patch.accepted = false;
    patch.reverted = true;
    this._run.changeSource(target, patch.before, patch);
  }

  /**
   * Re-run a patched earlier cell and the cells between it and `failing` that
   * depend on it or failed as its consequences.
   */
  async rerunFrom(changed: number, failing: number): Promise<void> {
    const rerun = [changed, ...this._run.consequences.rerunAfterFix(changed, failing - 1)];
    for (const index of rerun) {
      await this.rerun(this._run.cells[index]);
    }
  }

  /** Run a cell that already ran once more, to refresh the state it makes. */
  async rerun(cell: ICellRecord): Promise<void> {
    const consequence = cell.status === 'error' && cell.diagnosis?.category === 'consequence';
    const result = await this._execution.execute(cell);
    if (CellExecution.wasNotRun(result)) {
      return;
    }
    if (consequence && result.status !== 'ok') {
      // Its cause is fixed and it still fails: a failure of its own, diagnosed and repaired as one.
      await this.repairCell(cell.index, undefined, result);
      return;
    }
    this._run.update(cell, { status: result.status === 'ok' ? RunState.ranClean(cell) : 'error' });
  }

  /**
   * A failure the run leaves as it is, with why: the notebook's budget ran
   * out, prose the author never ran, or the author's own error. Undefined
   * when the run should try to fix it.
   */
  private _notTheRunsToFix(
    cell: ICellRecord,
    result: IExecutionResult,
    diagnosis: IDiagnosis,
    attempts: number
  ): { diagnosis: IDiagnosis; status: 'error' | 'timeout' } | undefined {
    const run = this._run;
    const stored = run.notebook.cells[cell.index];
    if (run.overBudget) {
      const seconds = Math.round(run.notebookBudgetMs! / 1000);
      const message = `The notebook's ${seconds} s budget ran out during this cell; the cells after it were not run.`;
      return { diagnosis: { category: 'timeout', message }, status: 'timeout' };
    }
    if (result.error?.ename === 'SyntaxError' && Private.neverRun(stored) && attempts === 0 && !diagnosis.ruleId) {
      // Prose or a sketch in a code cell the author never ran: it is not part of the notebook's run.
      const message = `The author never ran this cell and it is not Python; it is left as it is. ${diagnosis.message}`;
      return { diagnosis: { ...diagnosis, expected: true, message }, status: 'error' };
    }
    const authorsError = Private.storedError(stored);
    if (result.error && authorsError?.ename === result.error.ename && attempts === 0) {
      // The author's run failed here too: the notebook shows this error on purpose.
      const message = `The author's run failed here too (${authorsError.ename}); the error is part of the notebook. ${diagnosis.message}`;
      return { diagnosis: { ...diagnosis, expected: true, message }, status: 'error' };
    }
    return undefined;
  }

  /** An offline fix first; the agent's only when there is none. */
  private async _proposeOrAsk(index: number, diagnosis: IDiagnosis, tried: ReadonlySet<string>, signal?: AbortSignal): Promise<IPatch | null> {
    return (await this._run.finder.offline(index, diagnosis, tried)) ?? this._agent.ask(index, diagnosis, tried, signal);
  }

  /** A fix that renamed a binding: the later uses of the old name follow, in its patch set. */
  private async _followRenames(lead: IPatch): Promise<void> {
    if (lead.setId !== undefined && lead.setId !== lead.id) {
      return;
    }
    const run = this._run;
    const set = followRenames({
      lead,
      cells: run.cells,
      rules: run.rules,
      moduleOf: path => this._helpers.moduleOf(path),
      makePatch: (target, before, after, details) => run.finder.makePatch(target, before, after, details)
    });
    for (const part of set?.parts ?? []) {
      await this.decideAndApply(part, (part.target as { index: number }).index);
    }
  }

  private _run: RunState;
  private _execution: CellExecution;
  private _helpers: HelperFiles;
  private _recovery: KernelRecovery;
  private _agent: AgentTurns;
  private _calibration: Calibration;
}

export namespace Repair {
  export interface IOptions {
    execution: CellExecution;
    helpers: HelperFiles;
    recovery: KernelRecovery;
    agent: AgentTurns;
    calibration: Calibration;
  }
}

namespace Private {
  /** A code cell with no execution count and no outputs: its author never ran it. */
  export function neverRun(cell: nbformat.ICell): boolean {
    const code = cell as nbformat.ICodeCell;
    return code.execution_count == null && (code.outputs ?? []).length === 0;
  }

  /** The error output the author's own run saved in this cell, if any. */
  export function storedError(cell: nbformat.ICell): nbformat.IError | undefined {
    const outputs = (cell as nbformat.ICodeCell).outputs ?? [];
    return outputs.find(output => output.output_type === 'error') as nbformat.IError | undefined;
  }
}
