/**
 * The agent's turns in a run: a fix for a failing cell, a speed-up for a slow
 * one, a calibration for drifting numbers, and once per cell a repair with
 * the whole notebook in view. Every answer is remembered with what it gave
 * when run, so the next question carries it.
 */
import type { AgentGoal, IAgentAttempt } from '../llm/patchagent';
import type { IDiagnosis } from '../diagnosis/diagnose';
import type { IExecutionResult } from '../kernel';
import { addUsage } from '../llm/cost';
import type { IPatch } from '../notebook/patch';
import { makePatchSet } from '../repairs/patchset';
import type { RunState } from './state';
import type { ICellRecord } from './types';

export class AgentTurns {
  constructor(run: RunState, steps: Pick<RunState.ISteps, 'decideAndApply'>) {
    this._run = run;
    this._steps = steps;
  }

  /** False when the run has no agent to ask. */
  get available(): boolean {
    return this._run.agent !== undefined;
  }

  /** The agent's turn: no offline fix fits, or the ones tried did not make the cell run. */
  async ask(
    index: number,
    diagnosis: IDiagnosis,
    tried: ReadonlySet<string>,
    signal?: AbortSignal,
    goal: AgentGoal = { kind: 'repair' }
  ): Promise<IPatch | null> {
    const run = this._run;
    if (!run.agent || (goal.kind === 'repair' && !diagnosis.error)) {
      return null;
    }
    const cell = run.cells[index];
    const attemptsOf = this._attemptsOf(goal.kind);
    const attempts = attemptsOf.get(index) ?? [];
    const facts = [
      ...(diagnosis.fact ? [diagnosis.fact] : []),
      ...(diagnosis.error ? run.rules.triggeredBy(diagnosis.error).map(rule => rule.fact) : [])
    ];
    const uses = run.graph.cells[index]?.uses ?? new Set<string>();
    const definers = new Set<number>();
    for (const name of uses) {
      const definer = run.graph.definingCell(name, index);
      if (definer !== undefined) {
        definers.add(definer);
      }
    }
    const answer = await run.agent.propose({
      cellIndex: index,
      source: cell.source,
      originalSource: cell.originalSource,
      diagnosis,
      environment: run.environment,
      definingCells: [...definers].sort((a, b) => b - a).map(i => ({ index: i, source: run.cells[i].source })),
      facts,
      previousAttempts: attempts,
      workspace: run.workspace,
      signal,
      goal
    });
    run.update(cell, {
      usage: addUsage(cell.usage, answer.usage),
      agentError: answer.error ?? cell.agentError
    });
    if (!answer.proposal || tried.has(answer.proposal.source)) {
      return null;
    }
    attempts.push({ source: answer.proposal.source });
    attemptsOf.set(index, attempts);
    const patch = run.finder.makePatch({ kind: 'cell', index }, cell.source, answer.proposal.source, {
      origin: answer.proposal.origin,
      reason: answer.proposal.rationale
    });
    patch.flags = [...answer.proposal.flags, ...patch.flags.filter(flag => !answer.proposal!.flags.some(f => f.kind === flag.kind))];
    if (goal.kind !== 'repair') {
      patch.label = goal.kind === 'speed-up' ? 'runtime' : 'score';
    }
    return patch;
  }

  /**
   * The failing cell's own answers are spent: once per cell, the agent sees
   * the whole notebook and may edit several cells, decided as one patch set
   * and applied in notebook order (earlier cells re-run with what depends on them).
   */
  async askNotebook(index: number, diagnosis: IDiagnosis, signal?: AbortSignal): Promise<boolean> {
    const run = this._run;
    const attempts = this._repairAttempts.get(index) ?? [];
    if (!run.agent?.proposeNotebook || !diagnosis.error || attempts.length === 0 || this._notebookAsked.has(index)) {
      return false;
    }
    this._notebookAsked.add(index);
    const code = run.cells.filter(cell => cell.cellType === 'code' && cell.index <= index);
    const answer = await run.agent.proposeNotebook({
      cellIndex: index,
      cells: code.map(cell => ({ index: cell.index, source: cell.source, originalSource: cell.originalSource })),
      errors: code
        .filter(cell => (cell.status === 'error' || cell.status === 'timeout' || cell.index === index) && cell.diagnosis)
        .map(cell => ({ index: cell.index, message: cell.diagnosis!.message, error: cell.diagnosis!.error })),
      diagnosis,
      environment: run.environment,
      facts: [...(diagnosis.fact ? [diagnosis.fact] : []), ...run.rules.triggeredBy(diagnosis.error).map(rule => rule.fact)],
      previousAttempts: attempts,
      workspace: run.workspace,
      signal
    });
    const cell = run.cells[index];
    // The cell-level "no patch made it run" no longer stands once the notebook-level answer is in.
    run.update(cell, { usage: addUsage(cell.usage, answer.usage), agentError: answer.proposal ? undefined : answer.error ?? cell.agentError });
    if (!answer.proposal) {
      return false;
    }
    const { edits, rationale, origin } = answer.proposal;
    const cells = edits.map(edit => edit.index + 1).join(', ');
    // Each part is reviewed on its own: its reason says what it belongs to.
    const reasonOf = (part: number) =>
      edits.length > 1 ? `Part ${part} of ${edits.length} of one notebook-level repair (cells ${cells}): ${rationale}` : rationale;
    const parts = edits.map((edit, i) => {
      const patch = run.finder.makePatch({ kind: 'cell', index: edit.index }, run.cells[edit.index].source, edit.source, {
        origin,
        reason: reasonOf(i + 1)
      });
      patch.flags = [...edit.flags, ...patch.flags.filter(flag => !edit.flags.some(f => f.kind === flag.kind))];
      return patch;
    });
    const lead = parts.find(part => part.target.kind === 'cell' && part.target.index === index) ?? parts[parts.length - 1];
    makePatchSet(lead, parts.filter(part => part !== lead), `The model's notebook-level repair of cell ${index + 1}: ${rationale}`);
    let applied = false;
    for (const part of parts) {
      applied = (await this._steps.decideAndApply(part, index)) || applied;
    }
    return applied;
  }

  /** The agent's last answer for this cell ran and failed: its error goes back to it on the next ask. */
  ranAndFailed(cell: ICellRecord, result: IExecutionResult): void {
    const attempts = this._repairAttempts.get(cell.index);
    const last = attempts?.[attempts.length - 1];
    if (!last || last.source !== cell.source || last.error || last.outcome) {
      return;
    }
    if (result.status === 'timeout') {
      last.outcome = 'It was still over its budget and was interrupted.';
    } else {
      last.error = result.error;
    }
  }

  /** What an answer gave when it ran (it changed the numbers, it brought them closer), for the next ask. */
  tellOutcome(goal: AgentGoal['kind'], index: number, source: string, outcome: string): void {
    const answered = this._attemptsOf(goal).get(index)?.find(attempt => attempt.source === source);
    if (answered) {
      answered.outcome = outcome;
    }
  }

  /** Calibrations are asked apart from repairs and speed-ups: each question carries only its own kind. */
  private _attemptsOf(goal: AgentGoal['kind']): Map<number, IAgentAttempt[]> {
    return goal === 'calibrate' ? this._calibrationAttempts : this._repairAttempts;
  }

  private _run: RunState;
  private _steps: Pick<RunState.ISteps, 'decideAndApply'>;
  /** The agent's answers per cell (repairs and speed-ups), with the error each gave when run. */
  private _repairAttempts = new Map<number, IAgentAttempt[]>();
  /** The agent's calibrations per cell, with what each gave. */
  private _calibrationAttempts = new Map<number, IAgentAttempt[]>();
  /** Cells whose failure was put to the agent with the whole notebook in view. */
  private _notebookAsked = new Set<number>();
}
