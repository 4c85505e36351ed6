/**
 * Writing an accepted patch into a helper file beside the notebook, with the
 * safeguards a cell gets: the file must still hold what the patch was made
 * from (an edit made during the run is never overwritten), and the author's
 * text is kept in a backup that is never overwritten either.
 */
import type { IPatch } from '../notebook/patch';
import type { IWorkspace } from '../notebook/workspace';

/** Backups tried beside a helper: `tools.py.orig`, then `tools.py.orig.1` ... */
const MAX_BACKUPS = 50;

export type HelperWrite = { written: true; backup?: string } | { written: false; reason: string };

/**
 * Write `after` into `path` if it still holds `patch.before`. The first write
 * of a run (`backup`) first keeps the text it replaces: in `.orig` when that
 * is free or already holds that text, else in the next free `.orig.N`.
 */
export async function writeHelperPatch(
  workspace: IWorkspace,
  path: string,
  patch: IPatch,
  after: string,
  options: { backup: boolean }
): Promise<HelperWrite> {
  const current = await workspace.readText(path);
  if (current !== patch.before) {
    return {
      written: false,
      reason:
        current === undefined
          ? `${path} can no longer be read; nothing was written.`
          : `${path} changed since the patch was made (edited during the run?); it was not overwritten.`
    };
  }
  try {
    const backup = options.backup ? await keepBackup(workspace, path, patch.before) : undefined;
    await workspace.writeText(path, after);
    return { written: true, backup };
  } catch (error) {
    return { written: false, reason: `${path} was not written: ${(error as Error).message}` };
  }
}

/** The backup that holds `text`: an existing one with that text, or a new one in the first free name. */
export async function keepBackup(workspace: IWorkspace, path: string, text: string): Promise<string> {
  for (let n = 0; n < MAX_BACKUPS; n++) {
    const candidate = n === 0 ? `${path}.orig` : `${path}.orig.${n}`;
    if (!(await workspace.exists(candidate))) {
      await workspace.writeText(candidate, text, { createOnly: true });
      return candidate;
    }
    if ((await workspace.readText(candidate)) === text) {
      return candidate;
    }
  }
  throw new Error(`no free backup name beside it (${path}.orig ... .orig.${MAX_BACKUPS - 1} are taken)`);
}
