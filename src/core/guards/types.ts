/** What a patch may add that should never run without a person deciding (a patch's flag kinds but one). */
export type RiskKind = 'installs-package' | 'shell' | 'network' | 'deletes-files' | 'writes-outside' | 'runs-code';

/** One risky thing a cell does: its kind and what, in the cell's own words (`os.system`, `!rm -rf x`). */
export interface IRisk {
  kind: RiskKind;
  what: string;
}

/** A risk a patch adds, said for a person: becomes one of the patch's flags. */
export interface IRiskFlag {
  kind: RiskKind;
  message: string;
}
