/**
 * The repair loop: execute -> diagnose -> propose -> decide -> apply -> re-run
 * only what the change touches -> continue. The input notebook is never
 * modified; `modernizedNotebook()` builds the result as a new value.
 */
import type * as nbformat from '@jupyterlab/nbformat';
import { Signal } from '@lumino/signaling';
import type { ISignal } from '@lumino/signaling';
import type { AgentGoal, IAgentAttempt, IPatchAgent, ITokenUsage } from './agent';
import { DependencyGraph } from './deps';
import { InstallGuard } from './environment/installs';
import type { ISkippedInstall } from './environment/installs';
import { addUsage } from './llm/cost';
import { calibrationOutcome, changedNumbers, triedFixes } from './llm/goals';
import { diagnose } from './diagnose';
import { ConsequenceFinder } from './diagnosis/consequence';
import { failureCounts } from './diagnosis/outcome';
import { followRenames } from './repairs/follow';
import { makePatchSet } from './repairs/patchset';
import type { IDiagnosis } from './diagnose';
import type { IExecutionResult, KernelSession } from './kernel';
import { sourceText } from './notebook';
import type { Decision, IPatch } from './patch';
import { probeEnvironment } from './probe';
import type { IEnvironment } from './probe';
import { PatchFinder } from './proposals';
import { recordProvenance } from './provenance';
import { writeHelperPatch } from './repairs/helperfile';
import { PythonSource } from './python/syntax';
import type { RuleEngine } from './rules/engine';
import type { IFact } from './rules/types';
import { CellScores, DEFAULT_RERUNS, DEFAULT_TOLERANCE, describeCalls, measureSpread, worstDrift } from './scores';
import type { INumberPair, ITolerance } from './scores';
import { Paths } from './workspace';
import type { IWorkspace } from './workspace';

export type CellStatus = 'pending' | 'running' | 'ok' | 'fixed' | 'error' | 'timeout' | 'skipped';

export interface ICellRecord {
  index: number;
  cellType: nbformat.CellType;
  /** The current source: the original until a patch is accepted. */
  source: string;
  originalSource: string;
  status: CellStatus;
  /** The last failure's diagnosis (kept after the cell is fixed). */
  diagnosis?: IDiagnosis;
  /** Every failure seen in this cell, in order. */
  diagnoses: IDiagnosis[];
  /** Patches proposed for this cell (accepted or not). */
  patches: IPatch[];
  /** Kernel time spent on this cell, all runs included. */
  durationMs: number;
  /** The engine's own time per failure of this cell: diagnosing and finding a fix. */
  engineMs: number[];
  /** Tokens the agent spent on this cell. */
  usage?: ITokenUsage;
  /** Numbers of the stored outputs paired with the numbers shown now. */
  scores?: INumberPair[];
  /** What the pairs cannot say: a table's rows that differ, numbers that vary run to run. */
  scoreNotes?: string[];
  /** The agent's last error for this cell, in one sentence. */
  agentError?: string;
  /** How many times the cell was executed. */
  runs: number;
  outputs: nbformat.IOutput[];
  executionCount: number | null;
}

/** A pre-flight finding, before anything runs. */
export interface IPreflightFinding {
  cellIndex: number;
  line: number;
  kind: 'removed-api' | 'behavior-change' | 'default-change' | 'missing-data';
  message: string;
  ruleId?: string;
  fact?: IFact;
  /** The rewrite a rule proposes, when one does. */
  proposedSource?: string;
}

/** Decides on proposed patches: a person in JupyterLab, a policy in the CLI. */
export interface IDecider {
  decide(patch: IPatch, cell: ICellRecord): Promise<Decision>;
}

export type Verdict = 'reproducible' | 'modernized' | 'failing';

export type FailedCondition = 'cells-failing' | 'over-budget' | 'numbers-off';

export class Modernizer {
  constructor(options: Modernizer.IOptions) {
    this._notebook = options.notebook;
    this._session = options.session;
    this._rules = options.rules;
    this._decider = options.decider;
    this._workspace = options.workspace;
    this._cellTimeoutMs = options.cellTimeoutMs;
    this._maxAttempts = options.maxAttemptsPerCell ?? 8;
    this._liveSource = options.liveSource;
    this._agent = options.agent;
    this._tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
    this._stabilityRuns = options.stabilityRuns ?? 0;
    this._notebookBudgetMs = options.notebookBudgetMs;
    this._installs = new InstallGuard({ allowInstalls: options.allowInstalls });
    this._cells = options.notebook.cells.map((cell, index) => ({
      index,
      cellType: cell.cell_type,
      source: sourceText(cell.source),
      originalSource: sourceText(cell.source),
      status: cell.cell_type === 'code' ? 'pending' : 'skipped',
      diagnoses: [],
      patches: [],
      durationMs: 0,
      engineMs: [],
      runs: 0,
      outputs: [],
      executionCount: null
    }));
    this._graph = new DependencyGraph(this._cells.map(cell => (cell.cellType === 'code' ? cell.source : null)));
    this._finder = new PatchFinder({ cells: this._cells, graph: this._graph, rules: this._rules, workspace: this._workspace });
    this._consequences = new ConsequenceFinder({ cells: this._cells, graph: this._graph });
    this._scores = new CellScores({
      stored: index => this.storedOutputs(index),
      source: index => (this._cells[index].cellType === 'code' ? this._cells[index].source : ''),
      usedCells: index => this._finder.usedCells(index),
      tolerance: this._tolerance
    });
  }

  get cells(): readonly ICellRecord[] {
    return this._cells;
  }

  /** The outputs the author saved in a cell. */
  storedOutputs(index: number): readonly nbformat.IOutput[] {
    return (this._notebook.cells[index] as nbformat.ICodeCell).outputs ?? [];
  }

  get environment(): IEnvironment | undefined {
    return this._environment;
  }

  /** The author's `!pip install`-style lines that were not run (none when installs are allowed). */
  get skippedInstalls(): ISkippedInstall[] {
    return this._installs.skipped;
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
    return this._changedFiles;
  }

  /**
   * What a reproduction needs, each checked: every cell ran, the run stayed
   * within the notebook's budget, the numbers match the stored outputs.
   */
  get failedConditions(): FailedCondition[] {
    const code = this._cells.filter(cell => cell.cellType === 'code');
    const failed: FailedCondition[] = [];
    // Root causes count, not their consequences; the author's own errors neither.
    const counts = failureCounts(code);
    if (counts.rootCauses > 0 || counts.skipped > 0) {
      failed.push('cells-failing');
    }
    if (this._overBudget) {
      failed.push('over-budget');
    }
    if (code.some(cell => cell.scores?.some(pair => !pair.withinTolerance))) {
      failed.push('numbers-off');
    }
    return failed;
  }

  /**
   * 'reproducible': ran clean unchanged, within budget, numbers matching;
   * 'modernized': the same after accepted changes; 'failing' otherwise
   * (`failedConditions` says why).
   */
  get verdict(): Verdict {
    if (this.failedConditions.length > 0) {
      return 'failing';
    }
    const code = this._cells.filter(cell => cell.cellType === 'code');
    const changed = code.some(cell => cell.patches.some(patch => patch.accepted)) || this._changedFiles.size > 0;
    return changed ? 'modernized' : 'reproducible';
  }

  /** Probe the environment and scan statically: nothing of the notebook runs. */
  async prepare(): Promise<void> {
    // The kernel reads its versions while the cells are scanned.
    [this._environment, this._preflight] = await Promise.all([probeEnvironment(this._session), this._finder.preflight()]);
    this._prepared.emit();
  }

  /** Kernel time of every execution so far, re-runs included. */
  get kernelMs(): number {
    return this._cells.reduce((sum, cell) => sum + cell.durationMs, 0);
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
    if (!this._environment) {
      await this.prepare();
    }
    // The notebook's time budget stops the run like the user's stop, and says so.
    const budget = new AbortController();
    const timer =
      this._notebookBudgetMs === undefined
        ? undefined
        : setTimeout(() => {
            this._overBudget = true;
            budget.abort();
          }, this._notebookBudgetMs);
    const stop = signal ? Private.eitherSignal(signal, budget.signal) : budget.signal;
    // Every execution of this run obeys it: re-runs, calibrations, stability runs, replays.
    this._stop = stop;
    this._startedAt = Date.now();
    // Aborting while paused must not leave the run waiting forever.
    stop.addEventListener('abort', () => this.resume(), { once: true });
    try {
      for (const cell of this._cells) {
        if (cell.cellType !== 'code') {
          continue;
        }
        await this._gate;
        if (stop.aborted) {
          this._update(cell, { status: 'skipped' });
          continue;
        }
        await this._repairCell(cell.index, stop);
      }
    } finally {
      clearTimeout(timer);
    }
    return this.verdict;
  }

  /** The notebook with accepted changes, new outputs and provenance: a new value. */
  modernizedNotebook(): nbformat.INotebookContent {
    const copy: nbformat.INotebookContent = JSON.parse(JSON.stringify(this._notebook));
    copy.cells.forEach((cell, index) => {
      const record = this._cells[index];
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

  private async _repairCell(index: number, signal?: AbortSignal, firstRun?: IExecutionResult): Promise<void> {
    const cell = this._cells[index];
    const tried = new Set<string>();
    let attempts = 0;
    for (;;) {
      const result = firstRun ?? (await this._execute(cell, signal));
      firstRun = undefined;
      if (result.status === 'ok') {
        if (this._speedUpUndone(index)) {
          // The author's cell runs again (over its budget): the model hears why its answer was undone.
          continue;
        }
        const fixed = cell.patches.some(patch => patch.accepted) || cell.diagnoses.length > 0;
        this._update(cell, { status: fixed ? 'fixed' : 'ok' });
        await this._compareScores(index, signal);
        return;
      }
      const engineStarted = Date.now();
      const diagnosis = this._diagnose(cell, result);
      const agentAttempts = this._agentAttempts.get(index);
      const lastAttempt = agentAttempts?.[agentAttempts.length - 1];
      if (lastAttempt && lastAttempt.source === cell.source && !lastAttempt.error && !lastAttempt.outcome) {
        // The agent's answer ran and failed: its error goes back to it on the next ask.
        if (result.status === 'timeout') {
          lastAttempt.outcome = 'It was still over its budget and was interrupted.';
        } else {
          lastAttempt.error = result.error;
        }
      }
      cell.diagnoses.push(diagnosis);
      this._update(cell, { diagnosis });
      if (result.status === 'died') {
        await this._recoverKernel(index);
        this._update(cell, { status: 'error' });
        return;
      }
      if (this._overBudget) {
        const stopped: IDiagnosis = {
          category: 'timeout',
          message: `The notebook's ${Math.round(this._notebookBudgetMs! / 1000)} s budget ran out during this cell; the cells after it were not run.`
        };
        cell.diagnoses[cell.diagnoses.length - 1] = stopped;
        this._update(cell, { diagnosis: stopped, status: 'timeout' });
        return;
      }
      if (result.error?.ename === 'SyntaxError' && Private.neverRun(this._notebook.cells[index]) && attempts === 0 && !diagnosis.ruleId) {
        // Prose or a sketch in a code cell the author never ran: it is not part of the notebook's run.
        const notCode: IDiagnosis = {
          ...diagnosis,
          expected: true,
          message: `The author never ran this cell and it is not Python; it is left as it is. ${diagnosis.message}`
        };
        cell.diagnoses[cell.diagnoses.length - 1] = notCode;
        this._update(cell, { diagnosis: notCode, status: 'error' });
        return;
      }
      const authorsError = Private.storedError(this._notebook.cells[index]);
      if (result.error && authorsError?.ename === result.error.ename && attempts === 0) {
        // The author's run failed here too: the notebook shows this error on purpose.
        const expected: IDiagnosis = {
          ...diagnosis,
          expected: true,
          message: `The author's run failed here too (${authorsError.ename}); the error is part of the notebook. ${diagnosis.message}`
        };
        cell.diagnoses[cell.diagnoses.length - 1] = expected;
        this._update(cell, { diagnosis: expected, status: 'error' });
        return;
      }
      if (diagnosis.category === 'consequence' || attempts >= this._maxAttempts || signal?.aborted) {
        this._update(cell, { status: result.status === 'timeout' ? 'timeout' : 'error' });
        return;
      }
      const speedUp: AgentGoal = { kind: 'speed-up', budgetMs: this._cellTimeoutMs ?? 0, tried: triedFixes(cell.patches, 'runtime') };
      const patch =
        result.status === 'timeout'
          ? this._finder.runtime(index, tried) ?? (await this._askAgent(index, diagnosis, tried, signal, speedUp))
          : await this._proposeOrAsk(index, diagnosis, tried, signal);
      this._update(cell, { engineMs: [...cell.engineMs, Date.now() - engineStarted] });
      if (!patch && result.status !== 'timeout' && (await this._repairNotebook(index, diagnosis, signal))) {
        attempts++;
        continue;
      }
      if (!patch) {
        this._update(cell, { status: result.status === 'timeout' ? 'timeout' : 'error' });
        return;
      }
      tried.add(patch.after);
      attempts++;
      const applied = await this._decideAndApply(patch, index);
      if (!applied) {
        this._update(cell, { status: result.status === 'timeout' ? 'timeout' : 'error' });
        return;
      }
    }
  }

  private async _execute(cell: ICellRecord, signal = this._stop): Promise<IExecutionResult> {
    if (signal?.aborted) {
      return Private.notRun(cell);
    }
    // The user edited the cell during the run (JupyterLab): what runs is what they see.
    const live = this._liveSource?.(cell.index);
    if (live !== undefined && live !== cell.source && !live.includes('\u0000')) {
      this._update(cell, { source: live });
      this._graph.update(cell.index, live);
    }
    // Reruns (stability, calibration) have no status of their own: the cell gets its own back.
    const statusBefore = cell.status;
    this._update(cell, { status: 'running' });
    const result = await this._session.execute(this._installs.executable(cell), { timeoutMs: this._cellTimeoutMs, signal });
    this._update(cell, {
      status: statusBefore,
      outputs: result.outputs,
      executionCount: result.executionCount,
      durationMs: cell.durationMs + result.durationMs,
      runs: cell.runs + 1
    });
    return result;
  }

  private _diagnose(cell: ICellRecord, result: IExecutionResult): IDiagnosis {
    return diagnose(result, {
      rules: this._rules,
      source: cell.source,
      knownImports: this._finder.importsBefore(cell.index),
      executionCount: result.executionCount,
      cellOfExecution: count => {
        const earlier = [...this._cells].reverse().find(record => record.executionCount === count && record.index !== cell.index);
        return earlier && { index: earlier.index, source: earlier.source };
      },
      timeoutMs: this._cellTimeoutMs,
      consequence: (error, place) => this._consequences.find(cell.index, error, place),
      readFile: file => this._finder.cachedFile(this._finder.helperPath(file) ?? '')
    });
  }

  /**
   * Pair the numbers this cell shows now with those its author saw. On drift,
   * try the changed defaults in this cell and in the cells it uses, one at a
   * time, keeping one only when it brings the figure back closer.
   */
  private async _compareScores(index: number, signal?: AbortSignal): Promise<void> {
    const cell = this._cells[index];
    const comparison = this._scores.compare(index, cell.outputs);
    let pairs = comparison.pairs;
    this._update(cell, { scores: pairs, scoreNotes: comparison.notes });
    if (!worstDrift(pairs)) {
      return;
    }
    const random = await this._measureRandomness(index, pairs, signal);
    pairs = random.pairs;
    if (!worstDrift(pairs)) {
      return;
    }
    const diagnosis = this._driftDiagnosis(pairs, random.varies);
    cell.diagnoses.push(diagnosis);
    this._update(cell, { diagnosis });
    // Each (cell, default) is tried once per run: a function cell used by many drifting cells
    // is not calibrated over and over.
    const tried = this._calibrationsTried;
    for (let attempt = 0; attempt < this._maxAttempts && worstDrift(pairs) && !signal?.aborted; attempt++) {
      const patch = this._finder.calibration(index, tried, 'default-change');
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
      ? this._driftDiagnosis(
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
    cell.diagnoses[cell.diagnoses.length - 1] = final;
    this._update(cell, { diagnosis: final, scores: pairs });
  }

  /** Apply a calibration, re-run, and keep it only if the numbers came closer. */
  private async _tryCalibration(
    patch: IPatch,
    index: number,
    before: INumberPair[],
    onRun?: (after: INumberPair[]) => void
  ): Promise<INumberPair[]> {
    const cell = this._cells[index];
    const target = patch.target.kind === 'cell' ? patch.target.index : index;
    const applied = await this._decideAndApply(patch, index);
    if (!applied) {
      return before;
    }
    // An earlier target was re-run with its dependents by the apply; this cell shows the numbers.
    await this._execute(cell);
    const after = this._scores.compare(index, cell.outputs).pairs;
    onRun?.(after);
    // Kept when it reaches the stored figure or at least halves the gap: a default that
    // only nudges the number is not what changed it.
    const gap = Private.distance(after);
    if (after.length >= before.length && (!worstDrift(after) || gap <= Private.distance(before) / 2)) {
      this._update(cell, { status: 'fixed', scores: after });
      return after;
    }
    // Not closer: undo it, and the state it made.
    this._revert(patch, target);
    if (target !== index) {
      await this._rerunFrom(target, index);
    }
    await this._execute(cell);
    this._update(cell, { status: cell.patches.some(p => p.accepted) ? 'fixed' : 'ok' });
    return this._scores.compare(index, cell.outputs).pairs;
  }

  /** Take an accepted patch back: the cell gets its source from before. */
  private _revert(patch: IPatch, target: number): void {
    patch.accepted = false;
    patch.reverted = true;
    this._update(this._cells[target], { source: patch.before });
    this._sourceChanged.emit({ index: target, source: patch.before, patch });
    this._graph.update(target, patch.before);
  }

  /**
   * A model's speed-up ran within the budget: it is kept only when the
   * numbers it prints match the stored ones. Otherwise it is undone.
   */
  private _speedUpUndone(index: number): boolean {
    const cell = this._cells[index];
    const patch = cell.patches[cell.patches.length - 1];
    // A result-changing cut a person accepted knowingly stays.
    const chosen = patch?.decidedBy === 'user' && patch.flags.some(flag => flag.kind === 'changes-results');
    if (!patch?.accepted || patch.label !== 'runtime' || !patch.origin.startsWith('llm:') || chosen) {
      return false;
    }
    const changed = changedNumbers(this._scores.compare(index, cell.outputs).pairs);
    if (!changed) {
      return false;
    }
    this._revert(patch, index);
    const attempts = this._agentAttempts.get(index);
    const answered = attempts?.find(attempt => attempt.source === patch.after);
    if (answered) {
      answered.outcome = `It finished within the budget but changed the printed numbers (${changed}).`;
    }
    return true;
  }

  /** No rule explains the drift: the agent's calibrations, each kept only when it halves the gap. */
  private async _calibrateWithAgent(index: number, pairs: INumberPair[], signal?: AbortSignal): Promise<INumberPair[]> {
    const tried = new Set<string>();
    for (let attempt = 0; this._agent && worstDrift(pairs) && attempt < this._maxAttempts && !signal?.aborted; attempt++) {
      const used = [index, ...this._finder.usedCells(index)];
      const earlier = used.flatMap(i => this._cells[i].patches.filter(p => p.target.kind === 'cell' && used.includes(p.target.index)));
      const goal: AgentGoal = { kind: 'calibrate', pairs, tried: triedFixes(earlier, 'score') };
      const patch = await this._askAgent(index, this._cells[index].diagnosis!, tried, signal, goal);
      if (!patch) {
        break;
      }
      tried.add(patch.after);
      let ran: INumberPair[] = [];
      pairs = await this._tryCalibration(patch, index, pairs, after => (ran = after));
      const answered = this._calibrationAttempts.get(index)?.find(a => a.source === patch.after);
      if (answered) {
        answered.outcome = calibrationOutcome(patch, ran);
      }
    }
    return pairs;
  }

  /**
   * A drifting cell that draws random numbers without a seed (or uses a cell
   * that does) runs again a few times, with the cells between, when they can
   * run again and it fits the budget: numbers that move by themselves are
   * compared with their spread, and the seed fix is proposed, labelled.
   */
  private async _measureRandomness(
    index: number,
    pairs: INumberPair[],
    signal?: AbortSignal
  ): Promise<{ pairs: INumberPair[]; varies?: string }> {
    const cell = this._cells[index];
    const sources = this._scores.randomSources(index);
    if (sources.length === 0 && this._stabilityRuns === 0) {
      return { pairs };
    }
    const first = Math.min(index, ...sources.map(source => source.cell));
    const between = first < index ? [first, ...this._graph.dependents(first, index - 1)] : [];
    const chain = between.every(i => this._graph.replayable(i, index)) ? between : [];
    const runs = this._stabilityRuns || DEFAULT_RERUNS;
    const perRun = [...chain, index].reduce((sum, i) => sum + this._cells[i].durationMs / Math.max(1, this._cells[i].runs), 0);
    // Reruns share one allowance per notebook: a quarter of the budget left, or five minutes.
    const left =
      (this._notebookBudgetMs === undefined ? 5 * 60_000 : (this._notebookBudgetMs - (Date.now() - this._startedAt)) / 4) - this._rerunMs;
    if (perRun * runs > left) {
      return { pairs };
    }
    const started = Date.now();
    const measured = await measureSpread({
      first: pairs,
      runs,
      tolerance: this._tolerance,
      pair: outputs => this._scores.compare(index, outputs).pairs,
      rerun: async () => {
        for (const i of chain) {
          await this._rerun(this._cells[i]);
        }
        const result = signal?.aborted ? null : await this._execute(cell);
        return result?.status === 'ok' ? result.outputs : null;
      }
    });
    this._rerunMs += Date.now() - started;
    if (!measured.moved) {
      return { pairs };
    }
    this._scores.remember(index, measured.pairs);
    const spread = Math.max(...measured.pairs.map(pair => pair.spread ?? 0));
    const why = sources.length ? `: unseeded ${describeCalls(sources)}` : '';
    const varies = `The numbers change from run to run (up to ±${Number(spread.toPrecision(2))} over ${measured.runs + 1} runs)${why}.`;
    this._update(cell, { scores: measured.pairs, scoreNotes: [...(cell.scoreNotes ?? []), varies] });
    const seed = this._finder.calibration(index, new Set(), 'randomness');
    if (seed) {
      seed.label = 'seed';
      if (await this._decideAndApply(seed, index)) {
        await this._execute(cell);
        this._update(cell, { status: 'fixed', scores: this._scores.compare(index, cell.outputs).pairs });
      }
    }
    if (!worstDrift(cell.scores ?? [])) {
      // Explained: not a drift, but worth saying where it shows.
      const diagnosis: IDiagnosis = { category: 'randomness', message: `${varies} The stored figures lie within that spread.` };
      cell.diagnoses.push(diagnosis);
      this._update(cell, { diagnosis });
    }
    return { pairs: cell.scores ?? measured.pairs, varies };
  }

  private _driftDiagnosis(pairs: readonly INumberPair[], explanation?: string): IDiagnosis {
    const worst = worstDrift(pairs);
    const message = worst
      ? `Score drift: ${worst.originalText} then, ${worst.nowText} now (${worst.template.replace(/#/g, '…')}).`
      : 'The numbers match the stored outputs.';
    return { category: 'score-drift', message: explanation ? `${message} ${explanation}` : message };
  }

  /** An offline fix first; the agent's only when there is none. */
  private async _proposeOrAsk(
    index: number,
    diagnosis: IDiagnosis,
    tried: ReadonlySet<string>,
    signal?: AbortSignal
  ): Promise<IPatch | null> {
    return (await this._finder.offline(index, diagnosis, tried)) ?? this._askAgent(index, diagnosis, tried, signal);
  }

  /** The agent's turn: no offline fix fits, or the ones tried did not make the cell run. */
  private async _askAgent(
    index: number,
    diagnosis: IDiagnosis,
    tried: ReadonlySet<string>,
    signal?: AbortSignal,
    goal: AgentGoal = { kind: 'repair' }
  ): Promise<IPatch | null> {
    if (!this._agent || (goal.kind === 'repair' && !diagnosis.error)) {
      return null;
    }
    const cell = this._cells[index];
    const attemptsOf = goal.kind === 'calibrate' ? this._calibrationAttempts : this._agentAttempts;
    const attempts = attemptsOf.get(index) ?? [];
    const facts = [
      ...(diagnosis.fact ? [diagnosis.fact] : []),
      ...(diagnosis.error ? this._rules.triggeredBy(diagnosis.error).map(rule => rule.fact) : [])
    ];
    const uses = this._graph.cells[index]?.uses ?? new Set<string>();
    const definers = new Set<number>();
    for (const name of uses) {
      const definer = this._graph.definingCell(name, index);
      if (definer !== undefined) {
        definers.add(definer);
      }
    }
    const answer = await this._agent.propose({
      cellIndex: index,
      source: cell.source,
      originalSource: cell.originalSource,
      diagnosis,
      environment: this._environment,
      definingCells: [...definers].sort((a, b) => b - a).map(i => ({ index: i, source: this._cells[i].source })),
      facts,
      previousAttempts: attempts,
      workspace: this._workspace,
      signal,
      goal
    });
    this._update(cell, {
      usage: addUsage(cell.usage, answer.usage),
      agentError: answer.error ?? cell.agentError
    });
    if (!answer.proposal || tried.has(answer.proposal.source)) {
      return null;
    }
    attempts.push({ source: answer.proposal.source });
    attemptsOf.set(index, attempts);
    const patch = this._finder.makePatch({ kind: 'cell', index }, cell.source, answer.proposal.source, {
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
  private async _repairNotebook(index: number, diagnosis: IDiagnosis, signal?: AbortSignal): Promise<boolean> {
    const attempts = this._agentAttempts.get(index) ?? [];
    if (!this._agent?.proposeNotebook || !diagnosis.error || attempts.length === 0 || this._notebookAsked.has(index)) {
      return false;
    }
    this._notebookAsked.add(index);
    const code = this._cells.filter(cell => cell.cellType === 'code' && cell.index <= index);
    const answer = await this._agent.proposeNotebook({
      cellIndex: index,
      cells: code.map(cell => ({ index: cell.index, source: cell.source, originalSource: cell.originalSource })),
      errors: code
        .filter(cell => (cell.status === 'error' || cell.status === 'timeout' || cell.index === index) && cell.diagnosis)
        .map(cell => ({ index: cell.index, message: cell.diagnosis!.message, error: cell.diagnosis!.error })),
      diagnosis,
      environment: this._environment,
      facts: [...(diagnosis.fact ? [diagnosis.fact] : []), ...this._rules.triggeredBy(diagnosis.error).map(rule => rule.fact)],
      previousAttempts: attempts,
      workspace: this._workspace,
      signal
    });
    const cell = this._cells[index];
    // The cell-level "no patch made it run" no longer stands once the notebook-level answer is in.
    this._update(cell, { usage: addUsage(cell.usage, answer.usage), agentError: answer.proposal ? undefined : answer.error ?? cell.agentError });
    if (!answer.proposal) {
      return false;
    }
    const { edits, rationale, origin } = answer.proposal;
    const cells = edits.map(edit => edit.index + 1).join(', ');
    // Each part is reviewed on its own: its reason says what it belongs to.
    const reasonOf = (part: number) =>
      edits.length > 1 ? `Part ${part} of ${edits.length} of one notebook-level repair (cells ${cells}): ${rationale}` : rationale;
    const parts = edits.map((edit, i) => {
      const patch = this._finder.makePatch({ kind: 'cell', index: edit.index }, this._cells[edit.index].source, edit.source, {
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
      applied = (await this._decideAndApply(part, index)) || applied;
    }
    return applied;
  }

  /** Ask the decider; apply an accepted patch and re-run what depends on it. */
  private async _decideAndApply(patch: IPatch, failing: number): Promise<boolean> {
    const owner = patch.target.kind === 'cell' ? this._cells[patch.target.index] : this._cells[failing];
    owner.patches.push(patch);
    this._patchProposed.emit(patch);
    this._update(owner, {});
    const decision = await this._decider.decide(patch, owner);
    if (decision.action === 'reject') {
      patch.accepted = false;
      this._update(owner, {});
      return false;
    }
    const after = decision.action === 'accept-edited' ? decision.source : patch.after;
    if (decision.action === 'accept-edited') {
      patch.after = after;
    }
    patch.accepted = true;
    if (patch.target.kind === 'file') {
      if (!(await this._applyToFile(patch.target.path, patch, after))) {
        this._update(owner, {});
        return false;
      }
      // The cells importing a renamed function change before the module reloads under them.
      await this._followRenames(patch);
      await this._reloadModule(patch.target.path, failing);
      this._update(owner, {});
      return true;
    }
    const target = this._cells[patch.target.index];
    const live = this._liveSource?.(target.index) ?? target.source;
    if (live !== patch.before || target.source !== patch.before) {
      // The cell changed after the patch was made: never apply over an edit.
      patch.accepted = false;
      patch.stale = true;
      this._update(owner, {});
      return false;
    }
    this._update(target, { source: after });
    this._sourceChanged.emit({ index: target.index, source: after, patch });
    this._graph.update(target.index, after);
    await this._followRenames(patch);
    if (target.index !== failing) {
      // The failure was this earlier cell's doing: say so where it showed.
      const cell = this._cells[failing];
      const fact = patch.facts[0];
      const diagnosis: IDiagnosis = {
        ...cell.diagnosis!,
        causeCell: target.index,
        category: fact ? this._rules.get(patch.ruleIds[0])?.category ?? cell.diagnosis!.category : cell.diagnosis!.category,
        message: `Caused by cell ${target.index + 1}: ${patch.reason}`,
        fact: fact ?? cell.diagnosis!.fact,
        ruleId: patch.ruleIds[0] ?? cell.diagnosis!.ruleId
      };
      cell.diagnoses[cell.diagnoses.length - 1] = diagnosis;
      this._update(cell, { diagnosis });
      await this._rerunFrom(target.index, failing);
    }
    return true;
  }

  /** A fix that renamed a binding: the later uses of the old name follow, in its patch set. */
  private async _followRenames(lead: IPatch): Promise<void> {
    if (lead.setId !== undefined && lead.setId !== lead.id) {
      return;
    }
    const set = followRenames({
      lead,
      cells: this._cells,
      rules: this._rules,
      moduleOf: path => this._moduleOf(path),
      makePatch: (target, before, after, details) => this._finder.makePatch(target, before, after, details)
    });
    for (const part of set?.parts ?? []) {
      await this._decideAndApply(part, (part.target as { index: number }).index);
    }
  }

  /**
   * Re-run a patched earlier cell and the cells between it and `failing` that
   * depend on it or failed as its consequences.
   */
  private async _rerunFrom(changed: number, failing: number): Promise<void> {
    const rerun = [changed, ...this._consequences.rerunAfterFix(changed, failing - 1)];
    for (const index of rerun) {
      await this._rerun(this._cells[index]);
    }
  }

  /** Run a cell that already ran once more, to refresh the state it makes. */
  private async _rerun(cell: ICellRecord): Promise<void> {
    const consequence = cell.status === 'error' && cell.diagnosis?.category === 'consequence';
    const result = await this._execute(cell);
    if (Private.wasNotRun(result)) {
      return;
    }
    if (consequence && result.status !== 'ok') {
      // Its cause is fixed and it still fails: a failure of its own, diagnosed and repaired as one.
      await this._repairCell(cell.index, undefined, result);
      return;
    }
    const fixed = cell.patches.some(patch => patch.accepted) || cell.diagnoses.length > 0;
    this._update(cell, { status: result.status === 'ok' ? (fixed ? 'fixed' : 'ok') : 'error' });
  }

  /** Write a helper file patch with the safeguards of helperfile.ts; false (and why, on the patch) when refused. */
  private async _applyToFile(path: string, patch: IPatch, after: string): Promise<boolean> {
    const entry = this._changedFiles.get(path) ?? { original: patch.before, patches: [] };
    const write = await writeHelperPatch(this._workspace!, path, patch, after, { backup: !this._changedFiles.has(path) });
    if (!write.written) {
      patch.accepted = false;
      patch.stale = true;
      patch.refusedBecause = write.reason;
      return false;
    }
    entry.patches.push(patch);
    this._changedFiles.set(path, entry);
    this._finder.cacheFile(path, after);
    return true;
  }

  /** Reload a patched helper module and re-run the cells that import from it. */
  /**
   * Reload a patched helper module, then re-run the cells that import from it
   * and those that depend on them: objects built from the old classes (an
   * instance made two cells later) must be built again.
   */
  private async _reloadModule(path: string, failing: number): Promise<void> {
    const module = this._moduleOf(path)!;
    const top = module.split('.')[0];
    if (this._stop?.aborted) {
      return;
    }
    try {
      await this._session.evaluate({
        reloaded: `[__import__('importlib').reload(m) for n, m in sorted(__import__('sys').modules.items(), key=lambda kv: -len(kv[0])) if m is not None and (n == ${JSON.stringify(module)} or n == ${JSON.stringify(top)})]`
      });
    } catch {
      // The module did not reload (it fails on import, the kernel is busy): the re-runs below show it.
    }
    const rerun = new Set<number>();
    for (const index of this._finder.codeCellsBefore(failing)) {
      const cell = this._cells[index];
      const imports = new PythonSource(cell.source).imports;
      if ([...imports.values()].some(target => target === top || target.startsWith(top + '.'))) {
        rerun.add(index);
        this._graph.dependents(index, failing - 1).forEach(dependent => rerun.add(dependent));
      }
    }
    for (const index of [...rerun].sort((a, b) => a - b)) {
      const cell = this._cells[index];
      if (cell.status === 'ok' || cell.status === 'fixed') {
        await this._rerun(cell);
      }
    }
  }

  /** The module name cells import a helper file by (`utils.text` for utils/text.py). */
  private _moduleOf(path: string): string | undefined {
    if (!this._workspace) {
      return undefined;
    }
    const relative = Paths.relative(this._workspace.notebookDir, path).replace(/\.py$/, '');
    return relative.split('/').filter(part => part !== '__init__').join('.');
  }

  /**
   * After a kernel death: wait for the restart and replay the cells that ran.
   * A replay that fails stops the replay and is said on the failing cell: the
   * cells after it run without the state it should have made.
   */
  private async _recoverKernel(failing: number): Promise<void> {
    await this._session.waitReady();
    for (const index of this._finder.codeCellsBefore(failing)) {
      const cell = this._cells[index];
      if (cell.status !== 'ok' && cell.status !== 'fixed') {
        continue;
      }
      const status = cell.status;
      const result = await this._execute(cell);
      this._update(cell, { status });
      if (result.status !== 'ok') {
        const failed = this._cells[failing];
        const diagnosis: IDiagnosis = { ...failed.diagnosis!, message: `${failed.diagnosis!.message} ${Private.replayFailure(index, result)}` };
        failed.diagnoses[failed.diagnoses.length - 1] = diagnosis;
        this._update(failed, { diagnosis });
        if (result.status === 'died') {
          await this._session.waitReady();
        }
        return;
      }
    }
  }

  private _update(cell: ICellRecord, changes: Partial<ICellRecord>): void {
    Object.assign(cell, changes);
    this._cellChanged.emit(cell);
  }

  private _notebook: nbformat.INotebookContent;
  private _session: KernelSession;
  private _rules: RuleEngine;
  private _decider: IDecider;
  private _workspace?: IWorkspace;
  private _cellTimeoutMs?: number;
  private _maxAttempts: number;
  private _liveSource?: (index: number) => string | undefined;
  private _agent?: IPatchAgent;
  private _tolerance: ITolerance;
  private _stabilityRuns: number;
  private _notebookBudgetMs?: number;
  /** The stop of the current run: the user's, or the notebook's budget. */
  private _stop?: AbortSignal;
  private _installs: InstallGuard;
  private _overBudget = false;
  private _startedAt = Date.now();
  /** Kernel time spent re-running unseeded cells to measure their spread. */
  private _rerunMs = 0;
  private _scores: CellScores;
  /** `<cell>:<rule id>` of every calibration tried in this run. */
  private _calibrationsTried = new Set<string>();
  /** The agent's answers per cell, with the error each gave when run. */
  private _agentAttempts = new Map<number, IAgentAttempt[]>();
  /** Cells whose failure was put to the agent with the whole notebook in view. */
  private _notebookAsked = new Set<number>();
  /** The agent's calibrations per cell, with what each gave. */
  private _calibrationAttempts = new Map<number, IAgentAttempt[]>();
  private _cells: ICellRecord[];
  private _graph: DependencyGraph;
  private _finder: PatchFinder;
  private _consequences: ConsequenceFinder;
  private _environment?: IEnvironment;
  private _preflight: IPreflightFinding[] = [];
  private _changedFiles = new Map<string, { original: string; patches: IPatch[] }>();
  private _cellChanged = new Signal<this, ICellRecord>(this);
  private _patchProposed = new Signal<this, IPatch>(this);
  private _prepared = new Signal<this, void>(this);
  private _sourceChanged = new Signal<this, Modernizer.ISourceChange>(this);
  private _pausedChanged = new Signal<this, boolean>(this);
  private _gate: Promise<void> = Promise.resolve();
  private _resume: (() => void) | null = null;
}

export namespace Modernizer {
  export interface ISourceChange {
    index: number;
    source: string;
    patch: IPatch;
  }

  export interface IOptions {
    /** The notebook as read; it is never modified. */
    notebook: nbformat.INotebookContent;
    session: KernelSession;
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
  const NOT_RUN = new WeakSet<IExecutionResult>();

  /** What `_execute` answers for a cell it did not run because the run was stopped. */
  export function notRun(cell: ICellRecord): IExecutionResult {
    const result: IExecutionResult = { status: 'timeout', outputs: cell.outputs, stderr: '', durationMs: 0, executionCount: cell.executionCount };
    NOT_RUN.add(result);
    return result;
  }

  export function wasNotRun(result: IExecutionResult): boolean {
    return NOT_RUN.has(result);
  }

  export function replayFailure(index: number, result: IExecutionResult): string {
    const why =
      result.status === 'died'
        ? 'the kernel died again'
        : result.status === 'timeout'
          ? 'it was stopped'
          : `${result.error?.ename ?? 'an error'}: ${result.error?.evalue ?? ''}`.trim();
    return `Replaying cell ${index + 1} after the kernel restart failed (${why}); the replay stopped there.`;
  }

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

  /** How far the numbers are from the stored ones, summed relative change. */
  export function distance(pairs: readonly INumberPair[]): number {
    return pairs.reduce((sum, pair) => sum + Math.min(pair.relativeChange, 10), 0);
  }
}
