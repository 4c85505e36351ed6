/**
 * Modules that are not installed. A cosmetic one (a version stamp, a
 * progress bar, a theme) is removed or guarded; a needed one gets the
 * package that provides it, as a `%pip install` line that only an explicit
 * decision applies, when the vetted map knows that package. A module the
 * map does not know gets no proposal.
 */
import distributions from './distributions.json';
import { applyEdits, replace } from '../python/edit';
import type { IEdit } from '../python/edit';
import { PythonSource } from '../python/syntax';

/** Import name -> PyPI distribution, vetted (distributions.json says how). */
export const PACKAGE_FOR_MODULE: Readonly<Record<string, string>> = distributions.modules;

/**
 * The distribution that provides `module`: its longest dotted prefix in the
 * vetted map, or undefined when the map does not know it.
 */
export function distributionFor(module: string): string | undefined {
  const parts = module.split('.');
  for (let length = parts.length; length > 0; length--) {
    const name = parts.slice(0, length).join('.');
    if (Object.prototype.hasOwnProperty.call(PACKAGE_FOR_MODULE, name)) {
      return PACKAGE_FOR_MODULE[name];
    }
  }
  return undefined;
}

/**
 * The package to install for `No module named <module>`, or undefined. For a
 * dotted name Python imported the parent fine, so the parent's package is
 * installed and the submodule is gone from it (tensorflow.contrib): only a
 * separately packaged submodule (mpl_toolkits.basemap) is installable.
 */
export function installableFor(module: string): string | undefined {
  const distribution = distributionFor(module);
  const top = module.split('.')[0];
  if (module.includes('.') && Object.prototype.hasOwnProperty.call(PACKAGE_FOR_MODULE, top) && distribution === PACKAGE_FOR_MODULE[top]) {
    return undefined;
  }
  return distribution;
}

/** The diagnosis of `No module named <module>`: which package provides it, or that none is proposed. */
export function missingModuleMessage(module: string): string {
  const top = module.split('.')[0];
  const distribution = installableFor(module);
  if (!distribution && module.includes('.') && distributionFor(module)) {
    return `${top} is installed but has no module ${module}: it was removed or moved in a newer release; there is nothing to install.`;
  }
  if (distribution) {
    return `The module ${module} is not installed in this environment; the package ${distribution} provides it.`;
  }
  if (top in COSMETIC) {
    return `The module ${module} is not installed in this environment; it only decorates the output.`;
  }
  return (
    `The module ${module} is not installed in this environment, and no package is known to provide it: ` +
    'no install is proposed (a package named after it may be somebody else\'s). It may be a helper the notebook came with.'
  );
}

/**
 * Cosmetic modules: the notebook's results do not depend on them. The value
 * is Python that stands in for the names the notebook imported, or '' to
 * drop the import.
 */
const COSMETIC: Record<string, (names: string[]) => string> = {
  watermark: () => '',
  version_information: () => '',
  jupyterthemes: names => names.map(name => `${name} = None  # theme helper not installed`).join('\n'),
  tqdm: names => names.map(name => `def ${name}(iterable=None, *args, **kwargs):  # progress bar not installed\n    return iterable`).join('\n'),
  tqdm_notebook: names => names.map(name => `def ${name}(iterable=None, *args, **kwargs):  # progress bar not installed\n    return iterable`).join('\n'),
  pixiedust: () => '',
  jtplot: names => names.map(name => `${name} = None  # theme helper not installed`).join('\n'),
  qgrid: () => '',
  ipywidgets: () => ''
};

export function isCosmetic(module: string): boolean {
  return module.split('.')[0] in COSMETIC;
}

export interface IModuleFix {
  source: string;
  reason: string;
  /** Package installed by the fix, when it installs one. */
  installs?: string;
}

/** A fix for `No module named <module>` in this cell, or null. */
export function fixMissingModule(text: string, module: string): IModuleFix | null {
  const top = module.split('.')[0];
  if (top in COSMETIC) {
    const source = new PythonSource(text);
    const edits: IEdit[] = [];
    for (const statement of source.findAll('ImportStatement')) {
      const statementText = source.textOf(statement);
      const from = /^from\s+([\w.]+)\s+import\s+([\s\S]+)$/.exec(statementText);
      const plain = /^import\s+([\w.]+)(?:\s+as\s+(\w+))?$/.exec(statementText.trim());
      if (from && from[1].split('.')[0] === top) {
        const names = from[2].replace(/[()\\\n]/g, ' ').split(',').map(part => part.trim().split(/\s+as\s+/).pop()!).filter(Boolean);
        edits.push(replace(statement, COSMETIC[top](names) || 'pass  # ' + statementText.replace(/\n/g, ' ')));
      } else if (plain && plain[1].split('.')[0] === top) {
        edits.push(replace(statement, COSMETIC[top]([plain[2] ?? top]) || 'pass  # ' + statementText));
      }
    }
    // IPython magics of the extension: `%load_ext watermark`, `%watermark -v`.
    let offset = 0;
    for (const line of text.split('\n')) {
      if (new RegExp(`^\\s*%(load_ext\\s+${top}\\b|${top}\\b)`).test(line)) {
        edits.push({ from: offset, to: offset + line.length, insert: `# ${line.trim()}  (${top} is not installed)` });
      }
      offset += line.length + 1;
    }
    if (edits.length === 0) {
      return null;
    }
    return {
      source: applyEdits(text, edits),
      reason: `${top} only decorates the output and is not installed: its use is removed, the results do not change.`
    };
  }
  const distribution = installableFor(module);
  if (!distribution) {
    return null;
  }
  return {
    source: `%pip install ${distribution}\n${text}`,
    reason: `The notebook needs ${top}, which is not installed; the package ${distribution} provides it.`,
    installs: distribution
  };
}
