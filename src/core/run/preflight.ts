/**
 * The pre-flight scan, before anything runs: the rules' findings in every
 * code cell (removed APIs, changed behaviour and defaults) and the data
 * files the notebook reads that are not here.
 */
import { statementEffects } from '../diagnosis/statements';
import { missingDataFiles } from '../fixers/datapaths';
import { Paths } from '../notebook/workspace';
import type { RunState } from './state';
import type { IPreflightFinding } from './types';

export async function preflight(run: RunState): Promise<IPreflightFinding[]> {
  const findings: IPreflightFinding[] = [];
  const writtenBefore = new Set<string>();
  const pause = Private.pauser();
  for (const cell of run.cells) {
    if (cell.cellType !== 'code') {
      continue;
    }
    // A long notebook scans for seconds: what starts meanwhile (the server, the kernel) is answered.
    await pause();
    const imports = run.finder.importsBefore(cell.index);
    for (const finding of run.rules.scan(cell.source, imports)) {
      findings.push({
        cellIndex: cell.index,
        line: finding.line,
        kind:
          finding.rule.category === 'behavior-change' || finding.rule.category === 'default-change'
            ? finding.rule.category
            : 'removed-api',
        message: finding.rule.fact.message,
        ruleId: finding.rule.id,
        fact: finding.rule.fact,
        proposedSource: finding.source
      });
    }
    if (run.workspace) {
      for (const missing of await missingDataFiles(cell.source, run.workspace)) {
        if (writtenBefore.has(Paths.basename(missing.path))) {
          // An earlier cell writes it: it is the notebook's own output, not missing data.
          continue;
        }
        findings.push({
          cellIndex: cell.index,
          line: missing.line,
          kind: 'missing-data',
          message: `The notebook reads ${missing.path}, which does not exist here.`
        });
      }
    }
    statementEffects(cell.source).forEach(statement => statement.files.forEach(file => writtenBefore.add(Paths.basename(file))));
  }
  return findings;
}

namespace Private {
  /** Every so often, a turn of the event loop (timers and I/O, not only promises). */
  export function pauser(everyMs = 20): () => Promise<void> {
    let last = Date.now();
    return async () => {
      if (Date.now() - last >= everyMs) {
        await new Promise(resolve => setTimeout(resolve, 0));
        last = Date.now();
      }
    };
  }
}
