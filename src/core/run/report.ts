/**
 * The per-notebook report: a verdict, the environment, and a record per
 * cell. JSON is the source of truth; readable forms are made from it.
 */
import type { ITokenUsage } from '../llm/patchagent';
import type { IDiagnosis } from '../diagnosis/diagnose';
import { runOutcome } from '../diagnosis/outcome';
import type { OutcomeClass } from '../diagnosis/outcome';
import { totalUsage } from '../llm/cost';
import type { IPatch } from '../notebook/patch';
import type { IEnvironment } from '../kernel';
import type { Modernizer } from './modernizer';
import type { CellStatus, FailedCondition, IPreflightFinding, Verdict } from './types';
import type { ISkippedInstall } from '../environment/installs';
import { driftOutputs, EQUIVALENCE_LABELS, studyVerdict, worthShowing } from '../scores';
import type { Equivalence, IDriftOutputs, INumberPair, IStudyVerdict } from '../scores';

export const REPORT_VERSION = 1;

export interface IPatchRecord {
  id: string;
  origin: string;
  target: IPatch['target'];
  ruleIds: string[];
  reason: string;
  sources: string[];
  flags: IPatch['flags'];
  accepted: boolean;
  decidedBy?: string;
  /** 'runtime', 'score' or 'seed' for labelled fixes. */
  label?: string;
  /** Accepted, run, and undone because it did not help. */
  reverted?: boolean;
  /** Refused because the cell was edited after the proposal. */
  stale?: boolean;
  /** Why an accepted helper-file patch was not written. */
  refusedBecause?: string;
  /** The patch set it belongs to (the lead patch's id): a fix and the edits that follow it in other cells. */
  setId?: string;
  before: string;
  after: string;
}

export interface ICellReport {
  index: number;
  status: CellStatus;
  changed: boolean;
  diagnosis?: Omit<IDiagnosis, 'error'> & { error?: { ename: string; evalue: string } };
  /** Every failure seen, the first one first (the last is `diagnosis`). */
  failures: { category: string; message: string }[];
  /** For a failing root cause: the cells failing only because of it (absent in older reports). */
  consequences?: number[];
  patches: IPatchRecord[];
  durationMs: number;
  /** The engine's own time per failure: diagnosing and finding a fix. */
  engineMs: number[];
  runs: number;
  /** Tokens the LLM agent spent on this cell, when it was asked. */
  usage?: ITokenUsage;
  /** The agent's last error for this cell, in one sentence. */
  agentError?: string;
  /** Numbers of the stored outputs paired with those shown now. */
  scores: INumberPair[];
  /** What pairs cannot say: a table's rows that differ, numbers that vary run to run. */
  scoreNotes?: string[];
  /** The known equivalences used to match this cell's numbers, in words. */
  equivalences?: string[];
  /** The cell's output then and now, as text, when its numbers drift, vary or match only through an equivalence. */
  outputs?: IDriftOutputs;
}

export interface IReport {
  reportVersion: number;
  notebook: string;
  output?: string;
  verdict: Verdict;
  /** Why the verdict is 'failing': empty otherwise. */
  failedConditions: FailedCondition[];
  /** What the run did: cells failing by root cause, numbers off, over budget (absent in older reports). */
  outcome?: OutcomeClass;
  /**
   * The published study's verdict beside the strict one: the final metric
   * within 10% of the original and stable over reruns (absent in older reports).
   */
  study?: IStudyVerdict;
  environment?: IEnvironment;
  /** The kernelspec the notebook ran on (absent in older reports). */
  kernel?: string;
  notes: string[];
  preflight: IPreflightFinding[];
  cells: ICellReport[];
  /** The author's `!pip install` / `!apt-get` lines that were not run (absent when none, and in older reports). */
  skippedInstalls?: ISkippedInstall[];
  files: { path: string; backup: string; patches: IPatchRecord[] }[];
  summary: {
    codeCells: number;
    ranClean: number;
    fixed: number;
    failing: number;
    /**
     * The failing cells split by root cause: where a bug lives, what fails only
     * because of one, the author's own errors (absent in older reports).
     */
    rootCauses?: number;
    consequences?: number;
    expected?: number;
    patchesProposed: number;
    patchesAccepted: number;
    /** Numbers paired with the stored outputs, and how many of them drift. */
    numbersPaired: number;
    numbersOff: number;
    /** Paired numbers matched through a known equivalence, and numbers that vary run to run (absent in older reports). */
    numbersEquivalent?: number;
    numbersVarying?: number;
    /** Kernel time of every execution, re-runs included. */
    kernelMs: number;
    /**
     * Tokens the LLM agent spent on the whole notebook, reused answers and the cost in USD when the
     * price table has the model (zeros when it was not asked; absent in older reports).
     */
    usage?: ITokenUsage;
  };
  durationMs: number;
}

export function patchRecord(patch: IPatch): IPatchRecord {
  return {
    id: patch.id,
    origin: patch.origin,
    target: patch.target,
    ruleIds: patch.ruleIds,
    reason: patch.reason,
    sources: [...new Set(patch.facts.map(fact => fact.source))],
    flags: patch.flags,
    accepted: patch.accepted === true,
    decidedBy: patch.decidedBy,
    label: patch.label,
    reverted: patch.reverted,
    stale: patch.stale,
    ...(patch.refusedBecause ? { refusedBecause: patch.refusedBecause } : {}),
    ...(patch.setId ? { setId: patch.setId } : {}),
    before: patch.before,
    after: patch.after
  };
}

export function buildReport(
  modernizer: Modernizer,
  details: { notebook: string; output?: string; kernel?: string; notes?: string[]; durationMs: number }
): IReport {
  const code = modernizer.cells.filter(cell => cell.cellType === 'code');
  const failedConditions = modernizer.failedConditions;
  const { counts, outcome } = runOutcome(code, failedConditions);
  const cells: ICellReport[] = code.map(cell => ({
    index: cell.index,
    status: cell.status,
    changed: cell.source !== cell.originalSource,
    diagnosis: cell.diagnosis && {
      ...cell.diagnosis,
      error: cell.diagnosis.error && { ename: cell.diagnosis.error.ename, evalue: cell.diagnosis.error.evalue }
    },
    failures: cell.diagnoses.map(d => ({ category: d.category, message: d.message })),
    ...(counts.byCause.has(cell.index) ? { consequences: counts.byCause.get(cell.index) } : {}),
    patches: cell.patches.map(patchRecord),
    durationMs: cell.durationMs,
    engineMs: cell.engineMs,
    runs: cell.runs,
    scores: cell.scores ?? [],
    ...(cell.scoreNotes?.length ? { scoreNotes: cell.scoreNotes } : {}),
    ...Private.equivalences(cell.scores ?? []),
    ...(worthShowing(cell.scores ?? [], cell.scoreNotes) ? { outputs: driftOutputs(modernizer.storedOutputs(cell.index), cell.outputs) } : {}),
    ...(cell.usage ? { usage: cell.usage } : {}),
    ...(cell.agentError ? { agentError: cell.agentError } : {})
  }));
  const patches = [...cells.flatMap(cell => cell.patches)];
  return {
    reportVersion: REPORT_VERSION,
    notebook: details.notebook,
    output: details.output,
    verdict: modernizer.verdict,
    failedConditions,
    outcome,
    study: studyVerdict(
      cells.map(cell => ({ index: cell.index, pairs: cell.scores })),
      failedConditions.includes('cells-failing')
    ),
    environment: modernizer.environment,
    ...(details.kernel ? { kernel: details.kernel } : {}),
    notes: details.notes ?? [],
    preflight: [...modernizer.preflight],
    cells,
    ...(modernizer.skippedInstalls.length > 0 ? { skippedInstalls: modernizer.skippedInstalls } : {}),
    files: [...modernizer.changedFiles].map(([path, entry]) => ({
      path,
      backup: path + '.orig',
      patches: entry.patches.map(patchRecord)
    })),
    summary: {
      codeCells: code.length,
      ranClean: code.filter(cell => cell.status === 'ok').length,
      fixed: code.filter(cell => cell.status === 'fixed').length,
      failing: code.filter(cell => cell.status !== 'ok' && cell.status !== 'fixed').length,
      rootCauses: counts.rootCauses,
      consequences: counts.consequences,
      expected: counts.expected,
      patchesProposed: patches.length,
      patchesAccepted: patches.filter(patch => patch.accepted).length,
      numbersPaired: cells.reduce((sum, cell) => sum + cell.scores.length, 0),
      numbersOff: cells.reduce((sum, cell) => sum + cell.scores.filter(pair => !pair.withinTolerance).length, 0),
      numbersEquivalent: cells.reduce((sum, cell) => sum + cell.scores.filter(pair => pair.equivalence).length, 0),
      numbersVarying: cells.reduce((sum, cell) => sum + cell.scores.filter(pair => pair.spread).length, 0),
      kernelMs: code.reduce((sum, cell) => sum + cell.durationMs, 0),
      usage: totalUsage(cells.map(cell => cell.usage))
    },
    durationMs: details.durationMs
  };
}

namespace Private {
  export function equivalences(pairs: readonly INumberPair[]): { equivalences?: string[] } {
    const used = [...new Set(pairs.map(pair => pair.equivalence).filter((e): e is Equivalence => e !== undefined))];
    return used.length ? { equivalences: used.map(e => EQUIVALENCE_LABELS[e]) } : {};
  }
}
