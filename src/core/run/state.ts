/**
 * What every step of a run reads and records: the notebook as read, the
 * cells' records, their dependencies, the offline finders, the scores, the
 * settings and the run's stop. One instance per `Modernizer`; the steps in
 * this folder share it and never keep a copy of its truth.
 */
import type * as nbformat from '@jupyterlab/nbformat';
import type { IPatchAgent } from '../llm/patchagent';
import { DependencyGraph } from '../notebook/dependencies';
import { ConsequenceFinder } from '../diagnosis/consequence';
import type { IDiagnosis } from '../diagnosis/diagnose';
import { InstallGuard } from '../environment/installs';
import type { IEnvironment, IExecutionResult, KernelSession } from '../kernel';
import { sourceText } from '../notebook/format';
import type { IPatch } from '../notebook/patch';
import type { RuleEngine } from '../rules/engine';
import { CellScores } from '../scores';
import type { ITolerance } from '../scores';
import type { IWorkspace } from '../notebook/workspace';
import { PatchFinder } from './proposals';
import type { ICellRecord, IDecider, ISourceChange } from './types';

export class RunState {
  constructor(options: RunState.IOptions) {
    this.notebook = options.notebook;
    this.sessionReady = Promise.resolve(options.session);
    this.rules = options.rules;
    this.decider = options.decider;
    this.workspace = options.workspace;
    this.agent = options.agent;
    this.cellTimeoutMs = options.cellTimeoutMs;
    this.maxAttempts = options.maxAttempts;
    this.liveSource = options.liveSource;
    this.tolerance = options.tolerance;
    this.stabilityRuns = options.stabilityRuns;
    this.notebookBudgetMs = options.notebookBudgetMs;
    this.installs = new InstallGuard({ allowInstalls: options.allowInstalls });
    this._onCellChanged = options.onCellChanged;
    this._onSourceChanged = options.onSourceChanged;
    this._onPatchProposed = options.onPatchProposed;
    this.cells = options.notebook.cells.map((cell, index) => ({
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
    this.graph = new DependencyGraph(this.cells.map(cell => (cell.cellType === 'code' ? cell.source : null)));
    this.finder = new PatchFinder({ cells: this.cells, graph: this.graph, rules: this.rules, workspace: this.workspace });
    this.consequences = new ConsequenceFinder({ cells: this.cells, graph: this.graph });
    this.scores = new CellScores({
      stored: index => this.storedOutputs(index),
      source: index => (this.cells[index].cellType === 'code' ? this.cells[index].source : ''),
      usedCells: index => this.finder.usedCells(index),
      tolerance: this.tolerance
    });
  }

  /** The notebook as read; it is never modified. */
  readonly notebook: nbformat.INotebookContent;
  /** Set by `Modernizer.prepare()`, before anything runs. */
  session!: KernelSession;
  readonly sessionReady: Promise<KernelSession>;
  readonly rules: RuleEngine;
  readonly decider: IDecider;
  readonly workspace?: IWorkspace;
  readonly agent?: IPatchAgent;
  readonly cellTimeoutMs?: number;
  readonly maxAttempts: number;
  readonly liveSource?: (index: number) => string | undefined;
  readonly tolerance: ITolerance;
  readonly stabilityRuns: number;
  readonly notebookBudgetMs?: number;
  readonly installs: InstallGuard;
  readonly cells: ICellRecord[];
  readonly graph: DependencyGraph;
  readonly finder: PatchFinder;
  readonly consequences: ConsequenceFinder;
  readonly scores: CellScores;
  /** The kernel's library versions, once probed. */
  environment?: IEnvironment;
  /** The stop of the current run: the user's, or the notebook's budget. Every execution obeys it. */
  stop?: AbortSignal;
  startedAt = Date.now();
  /** The notebook's budget ran out: the run was stopped by it. */
  overBudget = false;

  /** The outputs the author saved in a cell. */
  storedOutputs(index: number): readonly nbformat.IOutput[] {
    return (this.notebook.cells[index] as nbformat.ICodeCell).outputs ?? [];
  }

  /** Change a cell's record and say so. */
  update(cell: ICellRecord, changes: Partial<ICellRecord>): void {
    Object.assign(cell, changes);
    this._onCellChanged(cell);
  }

  /** A patch is proposed, before it is decided. */
  patchProposed(patch: IPatch): void {
    this._onPatchProposed(patch);
  }

  /** The engine changes a cell's source (a patch applied or undone): the lab writes it, the graph follows. */
  changeSource(index: number, source: string, patch: IPatch): void {
    this.update(this.cells[index], { source });
    this._onSourceChanged({ index, source, patch });
    this.graph.update(index, source);
  }

  /** Put a new diagnosis in place of the cell's last one. */
  rediagnose(cell: ICellRecord, diagnosis: IDiagnosis, changes: Partial<ICellRecord> = {}): void {
    cell.diagnoses[cell.diagnoses.length - 1] = diagnosis;
    this.update(cell, { ...changes, diagnosis });
  }

  /** Add a failure to the cell's history. */
  diagnosed(cell: ICellRecord, diagnosis: IDiagnosis): void {
    cell.diagnoses.push(diagnosis);
    this.update(cell, { diagnosis });
  }

  /** The status a cell that ran clean gets: 'fixed' once anything was wrong with it. */
  static ranClean(cell: ICellRecord): 'ok' | 'fixed' {
    return cell.patches.some(patch => patch.accepted) || cell.diagnoses.length > 0 ? 'fixed' : 'ok';
  }

  private _onCellChanged: (cell: ICellRecord) => void;
  private _onSourceChanged: (change: ISourceChange) => void;
  private _onPatchProposed: (patch: IPatch) => void;
}

export namespace RunState {
  /** `Modernizer.IOptions` with its defaults resolved, and where to say what changed. */
  export interface IOptions {
    notebook: nbformat.INotebookContent;
    session: KernelSession | Promise<KernelSession>;
    rules: RuleEngine;
    decider: IDecider;
    workspace?: IWorkspace;
    agent?: IPatchAgent;
    cellTimeoutMs?: number;
    maxAttempts: number;
    liveSource?: (index: number) => string | undefined;
    tolerance: ITolerance;
    stabilityRuns: number;
    notebookBudgetMs?: number;
    allowInstalls?: boolean;
    onCellChanged: (cell: ICellRecord) => void;
    onSourceChanged: (change: ISourceChange) => void;
    onPatchProposed: (patch: IPatch) => void;
  }

  /**
   * The steps of a run that other files call back (an apply re-runs, a
   * calibration applies and reverts). The `Modernizer` wires them; each file
   * takes the part it uses.
   */
  export interface ISteps {
    execute(cell: ICellRecord, signal?: AbortSignal): Promise<IExecutionResult>;
    rerun(cell: ICellRecord): Promise<void>;
    rerunFrom(changed: number, failing: number): Promise<void>;
    decideAndApply(patch: IPatch, failing: number): Promise<boolean>;
    revert(patch: IPatch, target: number): void;
  }
}
