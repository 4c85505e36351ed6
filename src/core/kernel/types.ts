/** What a cell did, as the kernel session reports it, and how to run one. */
import type * as nbformat from '@jupyterlab/nbformat';
import type { IRuleError } from '../rules/types';

export type ExecutionStatus = 'ok' | 'error' | 'timeout' | 'died';

export interface IExecutionResult {
  status: ExecutionStatus;
  outputs: nbformat.IOutput[];
  /** Set when status is 'error' (and for 'timeout', the interrupt's error). */
  error?: IRuleError;
  /** Text the cell wrote to stderr: warnings, mostly. */
  stderr: string;
  durationMs: number;
  executionCount: number | null;
}

export interface IExecuteOptions {
  /** Interrupt the cell after this long; no limit when undefined. */
  timeoutMs?: number;
  /** Aborting interrupts the cell. */
  signal?: AbortSignal;
  /** Outputs as they arrive, for live views. */
  onOutput?: (output: nbformat.IOutput) => void;
}
