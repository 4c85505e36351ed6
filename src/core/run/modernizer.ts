/**
 * The repair loop: execute -> diagnose -> propose -> decide -> apply -> re-run
 * only what the change touches -> continue. The input notebook is never
 * modified; `modernizedNotebook()` builds the result as a new value.
 *
 * This is the story of a run; each step is told in its own file: executing
 * and recording a cell (execute.ts), repairing it (repair.ts), the agent's
 * turns (agent.ts), scores and calibration (calibrate.ts, stability.ts),
 * helper files (helperfiles.ts), kernel recovery (recovery.ts), the verdict
 * (verdict.ts). They share the run's state (state.ts).
 */
import type * as nbformat from '@jupyterlab/nbformat';
import { Signal } from '@lumino/signaling';
import type { ISignal } from '@lumino/signaling';
import type { IPatchAgent } from '../llm/patchagent';
import type { ISkippedInstall } from '../environment/installs';
import type { IPatch } from '../notebook/patch';
import { probeEnvironment } from '../kernel';
import type { IEnvironment, KernelSession } from '../kernel';
import { recordProvenance } from '../notebook/provenance';
import type { RuleEngine } from '../rules/engine';
import { DEFAULT_TOLERANCE } from '../scores';
import type { ITolerance } from '../scores';
import type { IWorkspace } from '../notebook/workspace';
import { AgentTurns } from './agent';
import { Calibration } from './calibrate';
import { CellExecution } from './execute';
import { HelperFiles } from './helperfiles';
import { preflight } from './preflight';
import { KernelRecovery } from './recovery';
import { Repair } from './repair';
import { Stability } from './stability';
import { RunState } from './state';
import type { FailedCondition, ICellRecord, IDecider, IPreflightFinding, Verdict } from './types';
import { failedConditions, verdict } from './verdict';

export class Modernizer {
  constructor(options: Modernizer.IOptions) {
    const run = new RunState({
      ...options,
      maxAttempts: options.maxAttemptsPerCell ?? 8,
      tolerance: options.tolerance ?? DEFAULT_TOLERANCE,
      stabilityRuns: options.stabilityRuns ?? 0,
      onCellChanged: cell => this._cellChanged.emit(cell),
      onSourceChanged: change => this._sourceChanged.emit(change),
      onPatchProposed: patch => this._patchProposed.emit(patch)
    });
    // The steps call each other across files (a re-run may repair, a repair re-runs): through these.
    const execution = new CellExecution(run);
    const steps: RunState.ISteps = {
      execute: (cell, signal) => execution.execute(cell, signal),
      rerun: cell => this._repair.rerun(cell),
      rerunFrom: (changed, failing) => this._repair.rerunFrom(changed, failing),
      decideAndApply: (patch, failing) => this._repair.decideAndApply(patch, failing),
      revert: (patch, target) => this._repair.revert(patch, target)
    };
    const agent = new AgentTurns(run, steps);
    const stability = new Stability(run, steps);
    this._helpers = new HelperFiles(run, steps);
    this._repair = new Repair(run, {
      execution,
      helpers: this._helpers,
      recovery: new KernelRecovery(run, steps),
      agent,
      calibration: new Calibration(run, { steps, agent, stability })
    });
    this._run = run;
  }

  get cells(): readonly ICellRecord[] {
    return this._run.cells;
  }

  /** The outputs the author saved in a cell. */
  storedOutputs(index: number): readonly nbformat.IOutput[] {
    return this._run.storedOutputs(index);
  }

  get environment(): IEnvironment | undefined {
    return this._run.environment;
  }

  /** The author's `!pip install`-style lines that were not run (none when installs are allowed). */
  get skippedInstalls(): ISkippedInstall[] {
    return this._run.installs.skipped;
  }

  get preflight(): readonly IPreflightFinding[] {
    return this._preflight;
  }

  /** Emitted whenever a cell's record changes (status, source, diagnosis, patches). */
  get cellChanged(): ISignal<this, ICellRecord> {
    return this._cellChanged;
  }

  /** Emitted when a patch is proposed, before it is decided. */
  get patchProposed(): ISignal<this, IPatch> {
    return this._patchProposed;
  }

  /**
   * Emitted when the engine changes a cell's source (an accepted patch, or
   * one undone because it did not help), before the cell runs again: the lab
   * writes it into the notebook here.
   */
  get sourceChanged(): ISignal<this, Modernizer.ISourceChange> {
    return this._sourceChanged;
  }

  /** Emitted once the environment and pre-flight findings are known. */
  get prepared(): ISignal<this, void> {
    return this._prepared;
  }

  /** Files beside the notebook that accepted patches changed. */
  get changedFiles(): ReadonlyMap<string, { original: string; patches: IPatch[] }> {
    return this._helpers.changed;
  }

  /**
   * What a reproduction needs, each checked: every cell ran, the run stayed
   * within the notebook's budget, the numbers match the stored outputs.
   */
  get failedConditions(): FailedCondition[] {
    return failedConditions(this._run.cells, this._run.overBudget);
  }

  /**
   * 'reproducible': ran clean unchanged, within budget, numbers matching;
   * 'modernized': the same after accepted changes; 'failing' otherwise
   * (`failedConditions` says why).
   */
  get verdict(): Verdict {
    return verdict(this._run.cells, this.failedConditions, this._helpers.changed.size);
  }

  /** Probe the environment and scan statically: nothing of the notebook runs. */
  async prepare(): Promise<void> {
    // The kernel reads its versions while the cells are scanned.
    const probed = this._run.sessionReady.then(session => probeEnvironment((this._run.session = session)));
    [this._run.environment, this._preflight] = await Promise.all([probed, preflight(this._run)]);
    this._prepared.emit();
  }

  /** Kernel time of every execution so far, re-runs included. */
  get kernelMs(): number {
    return this._run.cells.reduce((sum, cell) => sum + cell.durationMs, 0);
  }

  /** True while paused between cells. */
  get paused(): boolean {
    return this._resume !== null;
  }

  /** Emitted when the run pauses or resumes. */
  get pausedChanged(): ISignal<this, boolean> {
    return this._pausedChanged;
  }

  /** Stop before the next cell until `resume()`; the running cell finishes. */
  pause(): void {
    if (this._resume) {
      return;
    }
    this._gate = new Promise<void>(resolve => {
      this._resume = resolve;
    });
    this._pausedChanged.emit(true);
  }

  resume(): void {
    if (!this._resume) {
      return;
    }
    const resume = this._resume;
    this._resume = null;
    this._gate = Promise.resolve();
    resume();
    this._pausedChanged.emit(false);
  }

  /** Run the whole notebook, top to bottom, repairing as decided. */
  async run(signal?: AbortSignal): Promise<Verdict> {
    const run = this._run;
    if (!run.environment) {
      await this.prepare();
    }
    // The notebook's time budget stops the run like the user's stop, and says so.
    const budget = new AbortController();
    const timer =
      run.notebookBudgetMs === undefined
        ? undefined
        : setTimeout(() => {
            run.overBudget = true;
            budget.abort();
          }, run.notebookBudgetMs);
    const stop = signal ? Private.eitherSignal(signal, budget.signal) : budget.signal;
    // Every execution of this run obeys it: re-runs, calibrations, stability runs, replays.
    run.stop = stop;
    run.startedAt = Date.now();
    // Aborting while paused must not leave the run waiting forever.
    stop.addEventListener('abort', () => this.resume(), { once: true });
    try {
      for (const cell of run.cells) {
        if (cell.cellType !== 'code') {
          continue;
        }
        await this._gate;
        if (stop.aborted) {
          run.update(cell, { status: 'skipped' });
          continue;
        }
        await this._repair.repairCell(cell.index, stop);
      }
    } finally {
      clearTimeout(timer);
    }
    return this.verdict;
  }

  /** The notebook with accepted changes, new outputs and provenance: a new value. */
  modernizedNotebook(): nbformat.INotebookContent {
    const copy: nbformat.INotebookContent = JSON.parse(JSON.stringify(this._run.notebook));
    copy.cells.forEach((cell, index) => {
      const record = this._run.cells[index];
      cell.source = record.source;
      if (cell.cell_type === 'code' && record.status !== 'pending' && record.status !== 'skipped') {
        (cell as nbformat.ICodeCell).outputs = record.outputs;
        (cell as nbformat.ICodeCell).execution_count = record.executionCount;
      }
      const accepted = record.patches.filter(patch => patch.accepted);
      if (accepted.length > 0) {
        cell.metadata = recordProvenance(cell.metadata ?? {}, record.originalSource, accepted);
      }
    });
    return copy;
  }

  private _run: RunState;
  private _repair: Repair;
  private _helpers: HelperFiles;
  private _preflight: IPreflightFinding[] = [];
  private _cellChanged = new Signal<this, ICellRecord>(this);
  private _patchProposed = new Signal<this, IPatch>(this);
  private _prepared = new Signal<this, void>(this);
  private _sourceChanged = new Signal<this, Modernizer.ISourceChange>(this);
  private _pausedChanged = new Signal<this, boolean>(this);
  private _gate: Promise<void> = Promise.resolve();
  private _resume: (() => void) | null = null;
}

export namespace Modernizer {
  /** A cell's source changed by the engine (`sourceChanged`). */
  export type ISourceChange = import('./types').ISourceChange;

  export interface IOptions {
    /** The notebook as read; it is never modified. */
    notebook: nbformat.INotebookContent;
    /** A session still starting may be given: the static scan of `prepare()` runs meanwhile. */
    session: KernelSession | Promise<KernelSession>;
    rules: RuleEngine;
    decider: IDecider;
    /** Files around the notebook: data paths, helper modules. */
    workspace?: IWorkspace;
    /** Interrupt a cell after this long. */
    cellTimeoutMs?: number;
    /** Patches tried on one failing cell before giving up. */
    maxAttemptsPerCell?: number;
    /**
     * The cell's source as the user sees it now (the lab's notebook model): a
     * patch whose `before` no longer matches is refused as stale.
     */
    liveSource?: (index: number) => string | undefined;
    /** Asked for a patch when no offline fix fits (the LLM agent). */
    agent?: IPatchAgent;
    /** How far a number may move from the stored output and still match. */
    tolerance?: ITolerance;
    /** Re-run a drifting cell this many times to tell wobble from drift (0: off). */
    stabilityRuns?: number;
    /** Time the whole run may take; the cell running then is interrupted and the rest skipped. */
    notebookBudgetMs?: number;
    /** Run the author's `!pip install` / `!apt-get` lines; skipped by default. */
    allowInstalls?: boolean;
  }
}

namespace Private {
  /** A signal that aborts when either does. */
  export function eitherSignal(a: AbortSignal, b: AbortSignal): AbortSignal {
    const controller = new AbortController();
    for (const signal of [a, b]) {
      if (signal.aborted) {
        controller.abort();
      }
      signal.addEventListener('abort', () => controller.abort(), { once: true });
    }
    return controller.signal;
  }
}
