/**
 * The contract between the repair loop and a patch agent (the LLM agent):
 * the loop asks when its offline fixes found nothing, or when a rule's patch
 * did not make the cell run; the agent answers with a replacement for that
 * one cell. The loop validates by running it and asks again with the new
 * error, within the agent's own budget.
 */
import type { IDiagnosis } from '../diagnosis/diagnose';
import type { IPatchFlag } from '../notebook/patch';
import type { IEnvironment } from '../kernel';
import type { IFact, IRuleError } from '../rules/types';
import type { INumberPair } from '../scores';
import type { IWorkspace } from '../notebook/workspace';

export interface ITokenUsage {
  /** Requests sent to the endpoint (answers from the answer cache are not calls). */
  calls: number;
  inputTokens: number;
  outputTokens: number;
  /** Input tokens the endpoint served from its prompt cache (part of `inputTokens`). */
  cachedInputTokens?: number;
  /** Answers reused from the answer cache: no call, no cost. */
  cacheHits?: number;
  /** USD by the price table; undefined when a call's model has no price. */
  costUsd?: number;
}

export interface IAgentAttempt {
  source: string;
  /** What running it gave; undefined when it was not run (it did not parse). */
  error?: IRuleError;
  /** What it did otherwise, in one sentence (a calibration's numbers, an undone speed-up). */
  outcome?: string;
}

/**
 * What the agent is asked for: a repair of a failing cell (the default), a
 * speed-up of a cell over its time budget that keeps its results, or a
 * calibration of a cell whose printed numbers drifted from the author's.
 */
export type AgentGoal =
  | { kind: 'repair' }
  | {
      kind: 'speed-up';
      /** The cell's time budget. */
      budgetMs: number;
      /** The offline speed-ups tried, and what they gave, one sentence each. */
      tried: string[];
    }
  | {
      kind: 'calibrate';
      /** The stored figures paired with today's. */
      pairs: INumberPair[];
      /** The calibrations tried, and what they gave, one sentence each. */
      tried: string[];
    };

export interface IAgentRequest {
  cellIndex: number;
  /** The failing (slow, drifting) cell's current source. */
  source: string;
  /** Default: a repair. */
  goal?: AgentGoal;
  /** The author's source, before any change: drift is judged against it (default: `source`). */
  originalSource?: string;
  diagnosis: IDiagnosis;
  environment?: IEnvironment;
  /** Earlier cells that define the names the failing cell uses, nearest first. */
  definingCells: { index: number; source: string }[];
  /** Facts of the knowledge base that match the error. */
  facts: IFact[];
  /** Earlier answers for this cell and what they gave, oldest first. */
  previousAttempts: IAgentAttempt[];
  workspace?: IWorkspace;
  signal?: AbortSignal;
}

export interface IAgentAnswer {
  /** Undefined when the agent has no (more) patch for this cell. */
  proposal?: {
    source: string;
    rationale: string;
    /** `llm:<model>` */
    origin: string;
    /** Guards the agent found (semantic drift, shell, network...). */
    flags: IPatchFlag[];
  };
  usage: ITokenUsage;
  /** A clear sentence when the agent failed (bad key, unknown model, timeout...). */
  error?: string;
}

/**
 * A repair with the whole notebook in view: asked when the failing cell's own
 * answers are spent, since the cause may be in an earlier cell.
 */
export interface INotebookRequest {
  /** The failing cell. */
  cellIndex: number;
  /** The code cells up to the failing one, current sources, in notebook order. */
  cells: { index: number; source: string; originalSource: string }[];
  /** The failures so far, by cell (consequences included, marked). */
  errors: { index: number; message: string; error?: IRuleError }[];
  diagnosis: IDiagnosis;
  environment?: IEnvironment;
  facts: IFact[];
  /** The failing cell's own answers and what they gave. */
  previousAttempts: IAgentAttempt[];
  workspace?: IWorkspace;
  signal?: AbortSignal;
}

export interface INotebookAnswer {
  /** Edits to one or more cells, decided as one patch set; undefined when there is none. */
  proposal?: {
    edits: { index: number; source: string; flags: IPatchFlag[] }[];
    rationale: string;
    origin: string;
  };
  usage: ITokenUsage;
  error?: string;
}

export interface IPatchAgent {
  propose(request: IAgentRequest): Promise<IAgentAnswer>;
  /** The notebook-level repair, for agents that have one. */
  proposeNotebook?(request: INotebookRequest): Promise<INotebookAnswer>;
}
