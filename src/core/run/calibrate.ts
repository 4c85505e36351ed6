/**
 * Scores in a run: the numbers a cell shows now paired with those its author
 * saw; on drift, the changed defaults restored one at a time (the rules',
 * then the agent's), each kept only when it brings the figures back closer;
 * and a model's speed-up kept only when it leaves the numbers as they were.
 */
import type { IDiagnosis } from '../diagnosis/diagnose';
import { calibrationOutcome, changedNumbers, triedFixes } from '../llm/goals';
import type { AgentGoal } from '../llm/patchagent';
import type { IPatch } from '../notebook/patch';
import { worstDrift } from '../scores';
import type { INumberPair } from '../scores';
import type { AgentTurns } from './agent';
import type { Stability } from './stability';
import type { RunState } from './state';

export class Calibration {
  constructor(run: RunState, options: Calibration.IOptions) {
    this._run = run;
    this._steps = options.steps;
    this._agent = options.agent;
    this._stability = options.stability;
  }

  /**
   * Pair the numbers this cell shows now with those its author saw. On drift,
   * try the changed defaults in this cell and in the cells it uses, one at a
   * time, keeping one only when it brings the figure back closer.
   */
  async compare(index: number, signal?: AbortSignal): Promise<void> {
    const run = this._run;
    const cell = run.cells[index];
    const comparison = run.scores.compare(index, cell.outputs);
    let pairs = comparison.pairs;
    run.update(cell, { scores: pairs, scoreNotes: comparison.notes });
    if (!worstDrift(pairs)) {
      return;
    }
    const random = await this._stability.measure(index, pairs, signal);
    pairs = random.pairs;
    if (!worstDrift(pairs)) {
      return;
    }
    const diagnosis = Private.driftDiagnosis(pairs, random.varies);
    run.diagnosed(cell, diagnosis);
    // Each (cell, default) is tried once per run: a function cell used by many drifting cells
    // is not calibrated over and over.
    const tried = this._calibrationsTried;
    for (let attempt = 0; attempt < run.maxAttempts && worstDrift(pairs) && !signal?.aborted; attempt++) {
      const patch = run.finder.calibration(index, tried, 'default-change');
      if (!patch) {
        break;
      }
      tried.add(`${patch.target.kind === 'cell' ? patch.target.index : ''}:${patch.ruleIds[0]}`);
      pairs = await this._tryCalibration(patch, index, pairs);
    }
    pairs = await this._calibrateWithAgent(index, pairs, signal);
    const left = worstDrift(pairs);
    const calibrated = cell.patches.some(patch => patch.label === 'score' && patch.accepted);
    const final: IDiagnosis = left
      ? Private.driftDiagnosis(
          pairs,
          [
            random.varies,
            calibrated
              ? 'Restoring old defaults brought it closer, not all the way.'
              : 'No changed default in this cell or the cells it uses explains it.'
          ]
            .filter(Boolean)
            .join(' ')
        )
      : { ...diagnosis, message: `${diagnosis.message} Restored by calibration.` };
    run.rediagnose(cell, final, { scores: pairs });
  }

  /**
   * A model's speed-up ran within the budget: it is kept only when the
   * numbers it prints match the stored ones. Otherwise it is undone (true:
   * the cell must run again).
   */
  speedUpUndone(index: number): boolean {
    const run = this._run;
    const cell = run.cells[index];
    const patch = cell.patches[cell.patches.length - 1];
    // A result-changing cut a person accepted knowingly stays.
    const chosen = patch?.decidedBy === 'user' && patch.flags.some(flag => flag.kind === 'changes-results');
    if (!patch?.accepted || patch.label !== 'runtime' || !patch.origin.startsWith('llm:') || chosen) {
      return false;
    }
    const changed = changedNumbers(run.scores.compare(index, cell.outputs).pairs);
    if (!changed) {
      return false;
    }
    this._steps.revert(patch, index);
    this._agent.tellOutcome('speed-up', index, patch.after, `It finished within the budget but changed the printed numbers (${changed}).`);
    return true;
  }

  /** Apply a calibration, re-run, and keep it only if the numbers came closer. */
  private async _tryCalibration(
    patch: IPatch,
    index: number,
    before: INumberPair[],
    onRun?: (after: INumberPair[]) => void
  ): Promise<INumberPair[]> {
    const run = this._run;
    const cell = run.cells[index];
    const target = patch.target.kind === 'cell' ? patch.target.index : index;
    const applied = await this._steps.decideAndApply(patch, index);
    if (!applied) {
      return before;
    }
    // An earlier target was re-run with its dependents by the apply; this cell shows the numbers.
    await this._steps.execute(cell);
    const after = run.scores.compare(index, cell.outputs).pairs;
    onRun?.(after);
    // Kept when it reaches the stored figure or at least halves the gap: a default that
    // only nudges the number is not what changed it.
    const gap = Private.distance(after);
    if (after.length >= before.length && (!worstDrift(after) || gap <= Private.distance(before) / 2)) {
      run.update(cell, { status: 'fixed', scores: after });
      return after;
    }
    // Not closer: undo it, and the state it made.
    this._steps.revert(patch, target);
    if (target !== index) {
      await this._steps.rerunFrom(target, index);
    }
    await this._steps.execute(cell);
    run.update(cell, { status: cell.patches.some(p => p.accepted) ? 'fixed' : 'ok' });
    return run.scores.compare(index, cell.outputs).pairs;
  }

  /** No rule explains the drift: the agent's calibrations, each kept only when it halves the gap. */
  private async _calibrateWithAgent(index: number, pairs: INumberPair[], signal?: AbortSignal): Promise<INumberPair[]> {
    const run = this._run;
    const tried = new Set<string>();
    for (let attempt = 0; this._agent.available && worstDrift(pairs) && attempt < run.maxAttempts && !signal?.aborted; attempt++) {
      const used = [index, ...run.finder.usedCells(index)];
      const earlier = used.flatMap(i => run.cells[i].patches.filter(p => p.target.kind === 'cell' && used.includes(p.target.index)));
      const goal: AgentGoal = { kind: 'calibrate', pairs, tried: triedFixes(earlier, 'score') };
      const patch = await this._agent.ask(index, run.cells[index].diagnosis!, tried, signal, goal);
      if (!patch) {
        break;
      }
      tried.add(patch.after);
      let ran: INumberPair[] = [];
      pairs = await this._tryCalibration(patch, index, pairs, after => (ran = after));
      this._agent.tellOutcome('calibrate', index, patch.after, calibrationOutcome(patch, ran));
    }
    return pairs;
  }

  private _run: RunState;
  private _steps: Calibration.IOptions['steps'];
  private _agent: AgentTurns;
  private _stability: Stability;
  /** `<cell>:<rule id>` of every calibration tried in this run. */
  private _calibrationsTried = new Set<string>();
}

export namespace Calibration {
  export interface IOptions {
    steps: Pick<RunState.ISteps, 'execute' | 'decideAndApply' | 'revert' | 'rerunFrom'>;
    agent: AgentTurns;
    stability: Stability;
  }
}

namespace Private {
  export function driftDiagnosis(pairs: readonly INumberPair[], explanation?: string): IDiagnosis {
    const worst = worstDrift(pairs);
    const message = worst
      ? `Score drift: ${worst.originalText} then, ${worst.nowText} now (${worst.template.replace(/#/g, '…')}).`
      : 'The numbers match the stored outputs.';
    return { category: 'score-drift', message: explanation ? `${message} ${explanation}` : message };
  }

  /** How far the numbers are from the stored ones, summed relative change. */
  export function distance(pairs: readonly INumberPair[]): number {
    return pairs.reduce((sum, pair) => sum + Math.min(pair.relativeChange, 10), 0);
  }
}
