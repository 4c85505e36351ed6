/**
 * The engine's view of files in JupyterLab: the Jupyter contents API. The
 * engine works with absolute POSIX paths (the kernel's working directory is
 * the notebook's directory on the server's disk); contents paths are the same
 * paths relative to the server's root.
 */
import type { Contents } from '@jupyterlab/services';
import { Paths } from '../core/notebook/workspace';
import type { IDirEntry, IWorkspace } from '../core/notebook/workspace';

export class ContentsWorkspace implements IWorkspace {
  constructor(options: ContentsWorkspace.IOptions) {
    this._contents = options.contents;
    this._root = Paths.isAbsolute(options.serverRoot ?? '') ? Paths.normalize(options.serverRoot!) : '/';
    this.notebookDir = this.absolute(Paths.dirname(options.notebookPath));
    this.dataDir = options.dataDirectory ? this.absolute(options.dataDirectory) : undefined;
  }

  readonly notebookDir: string;
  readonly dataDir?: string;

  /** A contents path (relative to the server root) as the engine spells it. */
  absolute(contentsPath: string): string {
    return Paths.join(this._root, contentsPath === '.' ? '' : contentsPath);
  }

  /** An engine path as a contents path; undefined outside the server's root. */
  contentsPath(path: string): string | undefined {
    const normalized = Paths.normalize(path);
    if (this._root === '/') {
      return normalized.replace(/^\/+/, '');
    }
    if (normalized === this._root) {
      return '';
    }
    return normalized.startsWith(this._root + '/') ? normalized.slice(this._root.length + 1) : undefined;
  }

  async exists(path: string): Promise<boolean> {
    const local = this.contentsPath(path);
    if (local === undefined) {
      return false;
    }
    try {
      await this._contents.get(local, { content: false });
      return true;
    } catch {
      return false;
    }
  }

  async readText(path: string): Promise<string | undefined> {
    const local = this.contentsPath(path);
    if (local === undefined) {
      return undefined;
    }
    try {
      const model = await this._contents.get(local, { type: 'file', format: 'text', content: true });
      return typeof model.content === 'string' ? model.content : undefined;
    } catch {
      return undefined;
    }
  }

  /** Through the contents API: the Jupyter server's own rules on paths apply. */
  async writeText(path: string, text: string, options: { createOnly?: boolean } = {}): Promise<void> {
    const local = this.contentsPath(path);
    if (local === undefined) {
      throw new Error(`${path} is outside the Jupyter server's root.`);
    }
    if (options.createOnly && (await this.exists(path))) {
      throw new Error(`${path} already exists.`);
    }
    await this._contents.save(local, { type: 'file', format: 'text', content: text });
  }

  async findByName(dir: string, name: string, depth: number): Promise<string[]> {
    const found: string[] = [];
    let level = [dir];
    for (let d = 0; d <= depth && level.length > 0 && found.length === 0; d++) {
      const next: string[] = [];
      for (const current of level) {
        for (const entry of await this.listDir(current)) {
          const full = Paths.join(current, entry.name);
          if (entry.kind === 'file' && entry.name === name) {
            found.push(full);
          } else if (entry.kind === 'directory' && !Private.SKIPPED.has(entry.name) && !entry.name.startsWith('.')) {
            next.push(full);
          }
        }
      }
      level = next;
    }
    return found.sort();
  }

  async listDir(dir: string): Promise<IDirEntry[]> {
    const local = this.contentsPath(dir);
    if (local === undefined) {
      return [];
    }
    try {
      const model = await this._contents.get(local, { type: 'directory', content: true });
      const entries = (model.content ?? []) as Contents.IModel[];
      return entries
        .map(entry => ({
          name: entry.name,
          kind: entry.type === 'directory' ? ('directory' as const) : ('file' as const),
          size: entry.size ?? undefined
        }))
        .sort((a, b) => a.name.localeCompare(b.name));
    } catch {
      return [];
    }
  }

  private _contents: Contents.IManager;
  private _root: string;
}

export namespace ContentsWorkspace {
  export interface IOptions {
    contents: Contents.IManager;
    /** The notebook's contents path, e.g. `course/week1/titanic.ipynb`. */
    notebookPath: string;
    /** The server's root directory on disk (page config `serverRoot`), when known. */
    serverRoot?: string;
    /** The data directory setting, a contents path. */
    dataDirectory?: string;
  }
}

namespace Private {
  /** Folders never searched for data files. */
  export const SKIPPED = new Set(['node_modules', '.git', '.venv', '__pycache__', '.ipynb_checkpoints']);
}
