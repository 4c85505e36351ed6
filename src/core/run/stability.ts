/**
 * Stability: a drifting cell that draws random numbers without a seed (or
 * uses a cell that does) runs again a few times, so numbers that move by
 * themselves are compared with their spread, and the seed fix is proposed.
 */
import type { IDiagnosis } from '../diagnosis/diagnose';
import { DEFAULT_RERUNS, describeCalls, measureSpread, worstDrift } from '../scores';
import type { INumberPair } from '../scores';
import type { RunState } from './state';

export class Stability {
  constructor(run: RunState, steps: Pick<RunState.ISteps, 'execute' | 'rerun' | 'decideAndApply'>) {
    this._run = run;
    this._steps = steps;
  }

  /**
   * Re-run the cell with the cells between, when they can run again and it
   * fits the budget; `varies` says how far the numbers move by themselves.
   */
  async measure(index: number, pairs: INumberPair[], signal?: AbortSignal): Promise<Stability.IMeasured> {
    const run = this._run;
    const cell = run.cells[index];
    const sources = run.scores.randomSources(index);
    if (sources.length === 0 && run.stabilityRuns === 0) {
      return { pairs };
    }
    const first = Math.min(index, ...sources.map(source => source.cell));
    const between = first < index ? [first, ...run.graph.dependents(first, index - 1)] : [];
    const chain = between.every(i => run.graph.replayable(i, index)) ? between : [];
    const runs = run.stabilityRuns || DEFAULT_RERUNS;
    const perRun = [...chain, index].reduce((sum, i) => sum + run.cells[i].durationMs / Math.max(1, run.cells[i].runs), 0);
    // Reruns share one allowance per notebook: a quarter of the budget left, or five minutes.
    const left =
      (run.notebookBudgetMs === undefined ? 5 * 60_000 : (run.notebookBudgetMs - (Date.now() - run.startedAt)) / 4) - this._rerunMs;
    if (perRun * runs > left) {
      return { pairs };
    }
    const started = Date.now();
    const measured = await measureSpread({
      first: pairs,
      runs,
      tolerance: run.tolerance,
      pair: outputs => run.scores.compare(index, outputs).pairs,
      rerun: async () => {
        for (const i of chain) {
          await this._steps.rerun(run.cells[i]);
        }
        const result = signal?.aborted ? null : await this._steps.execute(cell);
        return result?.status === 'ok' ? result.outputs : null;
      }
    });
    this._rerunMs += Date.now() - started;
    if (!measured.moved) {
      return { pairs };
    }
    run.scores.remember(index, measured.pairs);
    const spread = Math.max(...measured.pairs.map(pair => pair.spread ?? 0));
    const why = sources.length ? `: unseeded ${describeCalls(sources)}` : '';
    const varies = `The numbers change from run to run (up to ±${Number(spread.toPrecision(2))} over ${measured.runs + 1} runs)${why}.`;
    run.update(cell, { scores: measured.pairs, scoreNotes: [...(cell.scoreNotes ?? []), varies] });
    const seed = run.finder.calibration(index, new Set(), 'randomness');
    if (seed) {
      seed.label = 'seed';
      if (await this._steps.decideAndApply(seed, index)) {
        await this._steps.execute(cell);
        run.update(cell, { status: 'fixed', scores: run.scores.compare(index, cell.outputs).pairs });
      }
    }
    if (!worstDrift(cell.scores ?? [])) {
      // Explained: not a drift, but worth saying where it shows.
      const diagnosis: IDiagnosis = { category: 'randomness', message: `${varies} The stored figures lie within that spread.` };
      run.diagnosed(cell, diagnosis);
    }
    return { pairs: cell.scores ?? measured.pairs, varies };
  }

  private _run: RunState;
  private _steps: Pick<RunState.ISteps, 'execute' | 'rerun' | 'decideAndApply'>;
  /** Kernel time spent re-running unseeded cells to measure their spread, this run. */
  private _rerunMs = 0;
}

export namespace Stability {
  export interface IMeasured {
    /** The pairs, with their spread when the numbers moved. */
    pairs: INumberPair[];
    /** How the numbers vary from run to run, for the drift's diagnosis. */
    varies?: string;
  }
}
