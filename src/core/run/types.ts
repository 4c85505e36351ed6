/**
 * What a run reports and takes: each cell's record, the pre-flight findings,
 * the decider, the verdict. Every file of the run reads these; none of them
 * imports the `Modernizer`.
 */
import type * as nbformat from '@jupyterlab/nbformat';
import type { ITokenUsage } from '../llm/patchagent';
import type { IDiagnosis } from '../diagnosis/diagnose';
import type { Decision, IPatch } from '../notebook/patch';
import type { IFact } from '../rules/types';
import type { INumberPair } from '../scores';

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

/** A cell's source changed by the engine: an accepted patch, or one undone. */
export interface ISourceChange {
  index: number;
  source: string;
  patch: IPatch;
}

export type Verdict = 'reproducible' | 'modernized' | 'failing';

export type FailedCondition = 'cells-failing' | 'over-budget' | 'numbers-off';
