/** The engine's view of files, on the local disk. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { IDirEntry, IWorkspace } from '../core/notebook/workspace';

/** Folders never searched for data files. */
const SKIPPED = new Set(['node_modules', '.git', '.venv', '__pycache__', '.ipynb_checkpoints']);

export class NodeWorkspace implements IWorkspace {
  constructor(readonly notebookDir: string, readonly dataDir?: string, readonly homeDir: string = os.homedir()) {}

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

  /**
   * Only inside the notebook's folder as it really is on disk: the folder the
   * file goes in must resolve (symbolic links followed) to a place under it,
   * and the file itself is opened without following a link (O_NOFOLLOW), so
   * a linked helper never leads the write into a tree the run must not touch.
   */
  async writeText(file: string, text: string, options: { createOnly?: boolean } = {}): Promise<void> {
    const root = await fs.promises.realpath(this.notebookDir);
    const folder = await fs.promises.realpath(path.dirname(file));
    if (folder !== root && !folder.startsWith(root + path.sep)) {
      throw new Error(`its folder leads outside the notebook's folder (to ${folder})`);
    }
    const { O_WRONLY, O_CREAT, O_TRUNC, O_EXCL, O_NOFOLLOW } = fs.constants;
    let handle: fs.promises.FileHandle;
    try {
      handle = await fs.promises.open(file, O_WRONLY | O_CREAT | O_NOFOLLOW | (options.createOnly ? O_EXCL : O_TRUNC), 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ELOOP') {
        throw new Error('it is a symbolic link');
      }
      throw error;
    }
    try {
      await handle.writeFile(text, 'utf8');
    } finally {
      await handle.close();
    }
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
