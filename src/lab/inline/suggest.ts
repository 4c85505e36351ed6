/**
 * What to suggest under a failing cell: the offline rule engine's patch for
 * the cell's error, with the diagnoser's one sentence. Pure: no widgets, so it
 * is tested like the engine.
 */
import { diagnose } from '../../core/diagnosis/diagnose';
import { stripAnsi } from '../../core/kernel';
import { rulePatch } from '../../core/notebook/patch';
import type { IPatch } from '../../core/notebook/patch';
import { importAliases } from '../../core/python/syntax';
import type { RuleEngine } from '../../core/rules/engine';
import type { IRuleError } from '../../core/rules/types';

/** A rule's fix for one failing cell, waiting for the user's decision. */
export interface IInlineSuggestion {
  /** One sentence for the line under the cell: the fact behind the fix. */
  message: string;
  /** 1-based line of the cell where it failed, when known. */
  line?: number;
  /** The patch, as the engine's runner would have made it (decidedBy is set on apply). */
  patch: IPatch;
}

export namespace InlineSuggestion {
  /** A notebook cell as the suggester sees it. */
  export interface ICell {
    type: string;
    source: string;
  }

  export interface IOptions {
    rules: RuleEngine;
    /** All cells of the notebook, in order. */
    cells: readonly ICell[];
    /** Index of the failing cell in `cells`. */
    index: number;
    /** The error as the kernel reported it (traceback may carry ANSI colours). */
    error: IRuleError;
  }
}

/** The error of an nbformat error output, with the traceback's colours stripped. */
export function errorOfOutput(output: {
  output_type?: unknown;
  ename?: unknown;
  evalue?: unknown;
  traceback?: unknown;
}): IRuleError | null {
  if (output.output_type !== 'error') {
    return null;
  }
  const traceback = Array.isArray(output.traceback) ? output.traceback.map(line => stripAnsi(String(line))) : [];
  return { ename: String(output.ename ?? ''), evalue: String(output.evalue ?? ''), traceback };
}

/** Aliases (np, pd, ...) imported by the code cells before `index`. */
export function importsBefore(cells: readonly InlineSuggestion.ICell[], index: number): Map<string, string> {
  return importAliases(cells.slice(0, index).filter(cell => cell.type === 'code').map(cell => cell.source));
}

/** The rule fix for a failing cell, or null when no offline rule fits. */
export function suggestFix(options: InlineSuggestion.IOptions): IInlineSuggestion | null {
  const { rules, cells, index } = options;
  const cell = cells[index];
  if (!cell || cell.type !== 'code' || options.error.ename === 'KeyboardInterrupt') {
    return null;
  }
  const error: IRuleError = { ...options.error, traceback: options.error.traceback.map(stripAnsi) };
  const proposal = rules.propose(cell.source, error, importsBefore(cells, index));
  if (!proposal || proposal.source === cell.source) {
    return null;
  }
  const diagnosis = diagnose(
    { status: 'error', error, outputs: [], stderr: '', durationMs: 0, executionCount: null },
    { rules, source: cell.source }
  );
  const first = proposal.rules[0];
  return {
    // The diagnoser's sentence when it names the same change as the fix; the fix's own fact otherwise.
    message: diagnosis.ruleId === first.id ? diagnosis.message : first.fact.message,
    line: diagnosis.line,
    patch: rulePatch(`inline-${++Private.count}`, { kind: 'cell', index }, cell.source, proposal.source, proposal.rules)
  };
}

namespace Private {
  export let count = 0;
}
