/** The engine's view of files, on the local disk. */
import * as fs from 'fs';
import * as path from 'path';
import type { IDirEntry, IWorkspace } from '../core/workspace';

/** Folders never searched for data files. */
const SKIPPED = new Set(['node_modules', '.git', '.venv', '__pycache__', '.ipynb_checkpoints']);

export class NodeWorkspace implements IWorkspace {
  constructor(readonly notebookDir: string, readonly dataDir?: string) {}

  async exists(file: string): Promise<boolean> {
    return fs.existsSync(file);
  }

  async readText(file: string): Promise<string | undefined> {
    try {
      return await fs.promises.readFile(file, 'utf8');
    } catch {
      return undefined;
    }
  }

  async writeText(file: string, text: string): Promise<void> {
    await fs.promises.writeFile(file, text, 'utf8');
  }

  async findByName(dir: string, name: string, depth: number): Promise<string[]> {
    const found: string[] = [];
    let level = [dir];
    for (let d = 0; d <= depth && level.length > 0 && found.length === 0; d++) {
      const next: string[] = [];
      for (const current of level) {
        let entries: fs.Dirent[];
        try {
          entries = await fs.promises.readdir(current, { withFileTypes: true });
        } catch {
          continue;
        }
        for (const entry of entries) {
          const full = path.join(current, entry.name);
          if (entry.isFile() && entry.name === name) {
            found.push(full);
          } else if (entry.isDirectory() && !SKIPPED.has(entry.name) && !entry.name.startsWith('.')) {
            next.push(full);
          }
        }
      }
      level = next;
    }
    return found.sort();
  }

  async listDir(dir: string): Promise<IDirEntry[]> {
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch {
      return [];
    }
    const listed: IDirEntry[] = [];
    for (const entry of entries) {
      if (entry.isDirectory()) {
        listed.push({ name: entry.name, kind: 'directory' });
      } else if (entry.isFile()) {
        const size = await fs.promises.stat(path.join(dir, entry.name)).then(
          stat => stat.size,
          () => undefined
        );
        listed.push({ name: entry.name, kind: 'file', size });
      }
    }
    return listed.sort((a, b) => a.name.localeCompare(b.name));
  }
}
