/**
 * Data files that are not where the notebook looks: Kaggle's `../input/x.csv`
 * and `/kaggle/input/<competition>/x.csv`, or a path from the author's
 * machine. The file is looked for in the data directory the user gave and
 * beside the notebook; the string literal that names it is rewritten.
 */
import type { SyntaxNode } from '@lezer/common';
import { applyEdits, replace } from '../python/edit';
import { PythonSource } from '../python/syntax';
import { Paths } from '../notebook/workspace';
import type { IWorkspace } from '../notebook/workspace';

/** Calls whose first argument is a file the notebook reads. */
const READERS =
  /(^|\.)(read_csv|read_table|read_excel|read_json|read_parquet|read_pickle|read_feather|read_hdf|read_fwf|read_sas|read_stata|loadtxt|genfromtxt|load|imread|open|Image\.open|read)$/;

export interface IDataPathFix {
  source: string;
  reason: string;
}

/** How far below a directory the search for a file name goes. */
const SEARCH_DEPTH = 4;

/** Where a missing file (or directory prefix) is found, relative to the notebook. */
async function locate(workspace: IWorkspace, missing: string): Promise<string | undefined> {
  const name = Paths.basename(missing);
  const roots = [workspace.dataDir, workspace.notebookDir].filter((dir): dir is string => !!dir);
  for (const root of roots) {
    // Keep the part after `input/` (Kaggle) when it exists under the root as is.
    const kaggleTail = /(?:^|\/)input\/(?:[^/]+\/)?(.+)$/.exec(missing)?.[1];
    for (const tail of [kaggleTail, /(?:^|\/)input\/(.+)$/.exec(missing)?.[1]].filter((t): t is string => !!t)) {
      const candidate = Paths.join(root, tail);
      if (await workspace.exists(candidate)) {
        return candidate;
      }
    }
    const found = await workspace.findByName(root, name, SEARCH_DEPTH);
    if (found.length > 0) {
      return found[0];
    }
  }
  return undefined;
}

/** A path to write in the notebook: relative when the file is near it. */
function spell(workspace: IWorkspace, absolute: string): string {
  const relative = Paths.relative(workspace.notebookDir, absolute);
  return relative.split('/').filter(part => part === '..').length <= 2 ? relative : absolute;
}

/** A plain string literal's value; undefined for escapes this code does not decode. */
function literalValue(source: PythonSource, node: SyntaxNode): { value: string; open: string; close: string } | undefined {
  const match = /^([rRbBuU]{0,2})('''|"""|'|")([\s\S]*)\2$/.exec(source.textOf(node));
  // Escapes would need decoding; paths with backslashes outside raw strings are left alone.
  if (!match || (/\\/.test(match[3]) && !/r/i.test(match[1]))) {
    return undefined;
  }
  return { value: match[3], open: match[1] + match[2], close: match[2] };
}

/**
 * Fix a FileNotFoundError for `missing` in this cell's text: the literal that
 * spells the path, or a prefix of it (`PATH = '../input/'`), is rewritten to
 * where the file is. Null when the literal is not in this text or the file is
 * nowhere to be found.
 */
export async function fixDataPath(text: string, missing: string, workspace: IWorkspace): Promise<IDataPathFix | null> {
  const source = new PythonSource(text);
  if (missing.includes('\\')) {
    const fix = await Private.windowsSeparators(source, missing, workspace);
    if (fix) {
      return fix;
    }
  }
  for (const node of source.findAll('String')) {
    const literal = literalValue(source, node);
    if (!literal || !literal.value) {
      continue;
    }
    if (literal.value === missing) {
      const found = await locate(workspace, missing);
      if (found) {
        const path = spell(workspace, found);
        return {
          source: applyEdits(text, [replace(node, `${literal.open}${path}${literal.close}`)]),
          reason: `${missing} does not exist here; the same file was found at ${path}.`
        };
      }
    } else if (missing.startsWith(literal.value) && /\/$/.test(literal.value)) {
      // A directory prefix joined to file names elsewhere.
      const found = await locate(workspace, missing);
      if (found) {
        const rest = missing.slice(literal.value.length);
        const absoluteDir = found.endsWith(rest) ? found.slice(0, found.length - rest.length) : Paths.dirname(found) + '/';
        const dir = spell(workspace, absoluteDir.replace(/\/$/, '')) + '/';
        return {
          source: applyEdits(text, [replace(node, `${literal.open}${dir}${literal.close}`)]),
          reason: `The data directory ${literal.value} does not exist here; its files were found in ${dir}.`
        };
      }
    }
  }
  return null;
}

/** Pre-flight: files the cell reads through a reader call that do not exist. */
export async function missingDataFiles(text: string, workspace: IWorkspace): Promise<{ path: string; line: number }[]> {
  const source = new PythonSource(text);
  const missing: { path: string; line: number }[] = [];
  for (const call of source.findAll('CallExpression')) {
    const dotted = source.dottedName(source.callee(call));
    if (!dotted || !READERS.test(dotted)) {
      continue;
    }
    const first = source.callArguments(call)[0];
    if (!first || first.name || first.value.name !== 'String') {
      continue;
    }
    const literal = literalValue(source, first.value);
    if (!literal || !literal.value || /^(https?|s3|gs):\/\//.test(literal.value)) {
      continue;
    }
    // open(path, 'w') creates the file: not a read.
    const mode = source.callArguments(call)[1];
    if (/(^|\.)open$/.test(dotted) && mode && /['"][wax]/.test(source.textOf(mode.value))) {
      continue;
    }
    const path = Paths.resolve(workspace.notebookDir, literal.value);
    if (!(await workspace.exists(path))) {
      missing.push({ path: literal.value, line: source.lineAt(first.value.from) });
    }
  }
  return missing;
}

namespace Private {
  /**
   * A path written with Windows separators (`'data\\train.csv'`,
   * `os.getcwd() + '\data\ex1.txt'`, `r'C:\Users\me\train.csv'`) names no
   * file on a POSIX kernel. The literal whose value is part of the missing
   * path is rewritten with `/` when the path so written exists; a literal
   * that is the whole path and still names nothing here (an author's
   * absolute path) becomes the path of the same file found near the notebook.
   * @param missing the path as the error's repr spells it (backslashes doubled)
   */
  export async function windowsSeparators(source: PythonSource, missing: string, workspace: IWorkspace): Promise<IDataPathFix | null> {
    const path = unescape(missing);
    for (const node of source.findAll('String')) {
      const match = /^([rRuU]?)('''|"""|'|")([\s\S]*)\2$/.exec(source.textOf(node));
      if (!match || !match[3].includes('\\')) {
        continue;
      }
      const raw = /r/i.test(match[1]);
      const value = raw ? match[3] : unescape(match[3]);
      const at = value ? path.lastIndexOf(value) : -1;
      if (at < 0) {
        continue;
      }
      const slashed = match[3].replace(raw ? /\\/g : /\\\\|\\/g, '/');
      const rest = path.slice(at + value.length).replace(/\\/g, '/');
      const written = path.slice(0, at).replace(/\\/g, '/') + slashed + rest;
      let spelled: string | undefined;
      if (await workspace.exists(Paths.resolve(workspace.notebookDir, written))) {
        spelled = slashed;
      } else {
        const found = await locate(workspace, written);
        const tail = (slashed + rest).replace(/^\/+/, '');
        spelled = !found ? undefined : value === path ? spell(workspace, found) : found.endsWith('/' + tail) ? slashed : undefined;
      }
      if (spelled !== undefined) {
        return {
          source: applyEdits(source.text, [replace(node, `${match[1]}${match[2]}${spelled}${match[2]}`)]),
          reason: `The path ${value} is written with Windows separators (\\), which name no file here; written with / it is ${spelled}.`
        };
      }
    }
    return null;
  }

  const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0', '\\': '\\', "'": "'", '"': '"' };

  /**
   * A string's value for the escapes a path meets by accident (`\t` in
   * `data\train.csv`): a non-raw literal's body, or the path in an error's
   * repr (`\\` is one backslash there). Unknown escapes keep their backslash.
   */
  export function unescape(body: string): string {
    return body.replace(/\\(.)/g, (whole, char: string) => ESCAPES[char] ?? whole);
  }
}
