/**
 * A "missing" module that is a file or package the notebook came with: never
 * a package to install. Inside a helper package it is Python 2's implicit
 * relative import (`import tools` beside `tools.py`), which Python 3 reads as
 * absolute: the import becomes relative. Beside the notebook it is only
 * reported (the kernel does not run in the notebook's folder).
 */
import { applyEdits, replace } from '../python/edit';
import type { IEdit } from '../python/edit';
import { PythonSource } from '../python/syntax';
import { Paths } from '../notebook/workspace';
import type { IWorkspace } from '../notebook/workspace';

export interface ILocalModule {
  /** `module.py` or `module/` that exists. */
  path: string;
  /** The helper file with its imports made relative, when the module is beside a helper in a package. */
  fixedHelper?: { path: string; source: string };
  reason: string;
}

/**
 * Where `module` exists beside the failing helper file (`helper`, absolute)
 * or beside the notebook; undefined when it is nowhere there.
 */
export async function findLocalModule(
  module: string,
  workspace: IWorkspace,
  helper?: { path: string; text: string }
): Promise<ILocalModule | undefined> {
  const top = module.split('.')[0];
  const helperDir = helper ? Paths.dirname(helper.path) : undefined;
  if (helper && helperDir && helperDir !== workspace.notebookDir) {
    const found = await Private.moduleIn(helperDir, top, workspace);
    if (found) {
      const source = relativeImports(helper.text, top);
      return {
        path: found,
        fixedHelper: source === helper.text ? undefined : { path: helper.path, source },
        reason:
          `${top} is ${Paths.basename(found)} in the helper's own folder: Python 2 imported it implicitly relative, ` +
          'Python 3 needs a relative import. Nothing is installed.'
      };
    }
  }
  const found = await Private.moduleIn(workspace.notebookDir, top, workspace);
  if (found) {
    return {
      path: found,
      reason: `${top} is ${Paths.basename(found)} beside the notebook, not a package: nothing is installed. The kernel must run in the notebook's folder to import it.`
    };
  }
  return undefined;
}

/** `import tools` -> `from . import tools`; `from tools import f` -> `from .tools import f`. */
export function relativeImports(text: string, top: string): string {
  const source = new PythonSource(text);
  const edits: IEdit[] = [];
  for (const statement of source.findAll('ImportStatement')) {
    const statementText = source.textOf(statement);
    const from = /^from\s+([\w.]+)(\s+import\s+[\s\S]+)$/.exec(statementText);
    if (from && from[1].split('.')[0] === top) {
      edits.push(replace(statement, `from .${from[1]}${from[2]}`));
      continue;
    }
    const plain = /^import\s+(\w+)(\s+as\s+\w+)?\s*$/.exec(statementText);
    if (plain && plain[1] === top) {
      edits.push(replace(statement, `from . import ${plain[1]}${plain[2] ?? ''}`));
    }
  }
  return applyEdits(text, edits);
}

namespace Private {
  export async function moduleIn(dir: string, top: string, workspace: IWorkspace): Promise<string | undefined> {
    for (const candidate of [Paths.join(dir, `${top}.py`), Paths.join(dir, top, '__init__.py')]) {
      if (await workspace.exists(candidate)) {
        return candidate.endsWith('__init__.py') ? Paths.dirname(candidate) : candidate;
      }
    }
    return undefined;
  }
}
