/**
 * Which notebooks a batch runs: every .ipynb under DIR but checkpoints,
 * outputs of earlier runs and the output folder.
 */
import * as fs from 'fs';
import * as path from 'path';

/** Folders never searched for notebooks nor copied. */
export const SKIPPED_DIRS = new Set(['.ipynb_checkpoints', '.git', 'node_modules', '.venv', '__pycache__']);

/** Notebooks under `dir`, relative and `/`-separated, sorted; `exclude` (the output folder) is not searched. */
export function findNotebooks(dir: string, exclude?: string): string[] {
  const root = path.resolve(dir);
  const skip = exclude ? path.resolve(exclude) : undefined;
  const found: string[] = [];
  const walk = (current: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.') && full !== skip) {
          walk(full);
        }
      } else if (entry.isFile() && /\.ipynb$/i.test(entry.name) && !/\.modernized\.ipynb$/i.test(entry.name)) {
        found.push(path.relative(root, full).split(path.sep).join('/'));
      }
    }
  };
  walk(root);
  return found.sort();
}
