import type { PatchFlagKind } from '../patch';

/** One risky thing a cell does: its kind and what, in the cell's own words (`os.system`, `!rm -rf x`). */
export interface IRisk {
  kind: Exclude<PatchFlagKind, 'changes-results'>;
  what: string;
}
