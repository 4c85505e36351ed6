/**
 * The files around a notebook, as the engine sees them: the CLI gives it the
 * local disk, the lab face the Jupyter contents API. Paths are POSIX-style.
 */

export interface IWorkspace {
  /** Directory of the notebook; the kernel's working directory. */
  readonly notebookDir: string;
  /** Where Kaggle-style `../input/...` data lives, if the user said. */
  readonly dataDir?: string;
  exists(path: string): Promise<boolean>;
  readText(path: string): Promise<string | undefined>;
  /**
   * Write a file inside the notebook's folder. Never through a symbolic link
   * or into a folder that leads outside (throws instead); `createOnly` throws
   * when the file exists.
   */
  writeText(path: string, text: string, options?: { createOnly?: boolean }): Promise<void>;
  /** The home folder tracebacks abbreviate as `~`, when known. */
  readonly homeDir?: string;
  /** Files named `name` under `dir`, at most `depth` levels down, nearest first. */
  findByName(dir: string, name: string, depth: number): Promise<string[]>;
  /** Entries of a directory, or [] when it cannot be read. Optional: the engine goes without. */
  listDir?(dir: string): Promise<IDirEntry[]>;
}

/** One entry of a directory listing. */
export interface IDirEntry {
  name: string;
  kind: 'file' | 'directory';
  /** Bytes, for files. */
  size?: number;
}

/** POSIX path helpers the engine needs, without Node's `path`. */
export namespace Paths {
  export function isAbsolute(path: string): boolean {
    return path.startsWith('/');
  }

  export function normalize(path: string): string {
    const absolute = isAbsolute(path);
    const parts: string[] = [];
    for (const part of path.split('/')) {
      if (part === '' || part === '.') {
        continue;
      }
      if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') {
        parts.pop();
      } else if (part !== '..' || !absolute) {
        parts.push(part);
      }
    }
    const joined = parts.join('/');
    return absolute ? '/' + joined : joined || '.';
  }

  export function join(...parts: string[]): string {
    return normalize(parts.filter(Boolean).join('/'));
  }

  /** A traceback's `~/x` as `<home>/x`; other paths, or no home known, unchanged. */
  export function expandHome(path: string, home: string | undefined): string {
    if (!home || !/^~(\/|$)/.test(path)) {
      return path;
    }
    return normalize(home + path.slice(1));
  }

  /** `path` resolved against `dir` unless already absolute. */
  export function resolve(dir: string, path: string): string {
    return isAbsolute(path) ? normalize(path) : join(dir, path);
  }

  export function basename(path: string): string {
    const trimmed = path.replace(/\/+$/, '');
    return trimmed.slice(trimmed.lastIndexOf('/') + 1);
  }

  export function dirname(path: string): string {
    const trimmed = path.replace(/\/+$/, '');
    const index = trimmed.lastIndexOf('/');
    return index < 0 ? '.' : index === 0 ? '/' : trimmed.slice(0, index);
  }

  /** Relative path from directory `from` to `to` (both absolute or both relative). */
  export function relative(from: string, to: string): string {
    const a = normalize(from).split('/').filter(Boolean);
    const b = normalize(to).split('/').filter(Boolean);
    let common = 0;
    while (common < a.length && common < b.length && a[common] === b[common]) {
      common++;
    }
    const up = a.slice(common).map(() => '..');
    return [...up, ...b.slice(common)].join('/') || '.';
  }
}
