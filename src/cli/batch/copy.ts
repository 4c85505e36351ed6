/**
 * A notebook's scratch copy: the batch runs every notebook in a copy of what
 * it can reach, so the input stays byte-identical.
 */
import * as fs from 'fs';
import * as path from 'path';
import { SKIPPED_DIRS } from './discovery';
import { scratchFolder, scratchNotebook } from './layout';

/**
 * A fresh scratch copy of what the notebook can reach: DIR's files and the
 * sub-folders that hold no notebooks (data, helper modules), and, when the
 * notebook is nested, its whole top folder under DIR (so `../data` resolves).
 * Returns the copied notebook's path.
 */
export function scratchCopy(dir: string, out: string, rel: string, withNotebooks: Set<string>): string {
  const target = scratchFolder(out, rel);
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  const top = rel.includes('/') ? rel.split('/')[0] : undefined;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && withNotebooks.has(entry.name) && entry.name !== top) {
      continue;
    }
    Private.copyTree(path.join(dir, entry.name), path.join(target, entry.name), out, fs.realpathSync(dir));
  }
  return scratchNotebook(out, rel);
}

namespace Private {
  /**
   * Copy, writable (the input may be read-only), without checkpoints, VCS, outputs of earlier runs, or `out`.
   * A symbolic link is copied as what it points to, so nothing in the scratch tree leads back into the
   * input; only a linked folder outside DIR (a data mount) stays a link, and the engine never writes
   * through links (NodeWorkspace).
   */
  export function copyTree(source: string, target: string, out: string, input: string, visited = new Set<string>()): void {
    if (source === out) {
      return;
    }
    const stat = fs.lstatSync(source);
    const name = path.basename(source);
    if (stat.isSymbolicLink()) {
      let real: string;
      try {
        real = fs.realpathSync(source);
      } catch {
        return; // a broken link: nothing to copy
      }
      const inside = real === input || real.startsWith(input + path.sep);
      if (fs.statSync(real).isDirectory() && !inside) {
        fs.symlinkSync(real, target);
      } else if (!visited.has(real)) {
        copyTree(real, target, out, input, new Set([...visited, real]));
      }
    } else if (stat.isDirectory()) {
      if (SKIPPED_DIRS.has(name)) {
        return;
      }
      fs.mkdirSync(target, { recursive: true });
      for (const child of fs.readdirSync(source)) {
        copyTree(path.join(source, child), path.join(target, child), out, input, visited);
      }
    } else if (stat.isFile() && !/\.modernized\.ipynb$|\.modernize\.json$/i.test(name)) {
      fs.copyFileSync(source, target);
      fs.chmodSync(target, (stat.mode & 0o777) | 0o600);
    }
  }
}
