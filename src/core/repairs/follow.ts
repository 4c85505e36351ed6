/**
 * Repairs that span cells: a fix that renames a binding (an import, a
 * function, a class) takes the later uses of the old name with it, in the
 * same patch set. Each later cell that uses the old name gets its own part,
 * made by the fix's own rules when they know the rename (they also rewrite
 * the call's arguments) or else by renaming the uses.
 */
import { cellNames } from '../python/names';
import type { IPatch, PatchTarget } from '../notebook/patch';
import { applyEdits } from '../python/edit';
import { importAliases, PythonSource } from '../python/syntax';
import type { RuleEngine } from '../rules/engine';
import type { IFact } from '../rules/types';
import { makePatchSet } from './patchset';
import type { IPatchSet } from './patchset';
import { bindingRenames, renameImportsFrom, renameUses } from './renames';

/** A cell as the follower reads it: the runner's records fit. */
export interface IFollowedCell {
  index: number;
  cellType: string;
  source: string;
}

export interface IFollowOptions {
  /** The accepted fix (its `before` is what the later cells were written against). */
  lead: IPatch;
  cells: readonly IFollowedCell[];
  rules: RuleEngine;
  /** For a helper-file fix: the module name cells import it by (`utils.text`). */
  moduleOf?: (path: string) => string | undefined;
  makePatch: (
    target: PatchTarget,
    before: string,
    after: string,
    details: { origin: string; reason: string; ruleIds?: string[]; facts?: IFact[] }
  ) => IPatch;
}

/** The patch set a renaming fix leads, or null when it renames nothing used later. */
export function followRenames(options: IFollowOptions): IPatchSet | null {
  const { lead, cells } = options;
  const renames = bindingRenames(lead.before, lead.after);
  if (renames.size === 0) {
    return null;
  }
  const target = lead.target;
  const first = target.kind === 'cell' ? target.index + 1 : 0;
  const module = target.kind === 'file' ? options.moduleOf?.(target.path) : undefined;
  if (target.kind === 'file' && !module) {
    return null;
  }
  // What the later cells saw before the fix: the old names resolve as they did then.
  const sources = cells.map(cell => (target.kind === 'cell' && cell.index === target.index ? lead.before : cell.source));
  const active = new Map(target.kind === 'cell' ? renames : []);
  const parts: IPatch[] = [];
  for (const cell of cells.slice(first)) {
    if (cell.cellType !== 'code') {
      continue;
    }
    let after = cell.source;
    const names = cellNames(cell.source);
    const used = [...active.keys()].filter(name => names.uses.has(name) || names.mutates.has(name));
    if (used.length > 0 && !used.some(name => names.defines.has(name))) {
      after = Private.withLeadRules(options, after, importAliases(sources.slice(0, cell.index).filter((_, i) => cells[i].cellType === 'code')));
      after = renameUses(after, active);
    }
    // A cell that binds an old name again makes it a different object from there on.
    for (const name of [...active.keys()]) {
      if (names.defines.has(name)) {
        active.delete(name);
      }
    }
    if (module) {
      // A helper's function renamed: its imports here change, with the names they bind and their uses.
      const imported = renameImportsFrom(after, module, renames);
      after = imported.source;
      imported.local.forEach((to, from) => active.set(from, to));
    }
    if (after !== cell.source) {
      const pairs = [...renames].map(([from, to]) => `${from} -> ${to}`).join(', ');
      const where = target.kind === 'cell' ? `cell ${target.index + 1}` : target.path.split('/').pop();
      parts.push(
        options.makePatch({ kind: 'cell', index: cell.index }, cell.source, after, {
          origin: lead.origin,
          reason: `The fix of ${where} renamed ${pairs}; this cell uses the old name.`,
          ruleIds: lead.ruleIds,
          facts: lead.facts
        })
      );
    }
  }
  if (parts.length === 0) {
    return null;
  }
  return makePatchSet(lead, parts, `Renames ${[...renames].map(([from, to]) => `${from} to ${to}`).join(', ')} where it is used.`);
}

namespace Private {
  /** The lead's own rules on a later cell, read with the imports it saw: they know the arguments that changed too. */
  export function withLeadRules(options: IFollowOptions, text: string, imports: ReadonlyMap<string, string>): string {
    let current = text;
    for (const id of options.lead.ruleIds) {
      const rule = options.rules.get(id);
      if (!rule) {
        continue;
      }
      try {
        const edits = rule.fix({ source: new PythonSource(current, imports) });
        current = applyEdits(current, edits);
      } catch {
        // A rule that cannot read this cell leaves it to the plain rename.
      }
    }
    return current;
  }
}
