/**
 * Reading IPython tracebacks: which frames are the cell's, which are files
 * beside the notebook (helper modules), which are libraries.
 */

export interface IFrame {
  /** 'cell' for a notebook cell's code, else a file path as printed. */
  file: string;
  /** 1-based line in the cell or file. */
  line: number;
  /**
   * For a cell frame, the execution count in `Cell In[N]`: the cell that
   * defined the code. A function defined in an earlier cell fails with that
   * cell's number, not the running one's.
   */
  execution?: number;
}

/** Frames of a plain-text IPython traceback, outermost first. */
export function parseFrames(traceback: readonly string[]): IFrame[] {
  const frames: IFrame[] = [];
  for (const block of traceback) {
    for (const line of block.split('\n')) {
      const cell = /^\s*Cell In\[(\d*)\], line (\d+)/.exec(line);
      if (cell) {
        frames.push({ file: 'cell', line: Number(cell[2]), execution: cell[1] ? Number(cell[1]) : undefined });
        continue;
      }
      const file = /^\s*File (.+?):(\d+)(?:, in |$)/.exec(line);
      if (file) {
        frames.push({ file: file[1], line: Number(file[2]) });
      }
    }
  }
  return frames;
}

/** True for frames inside installed libraries or Python itself. */
export function isLibraryFrame(file: string): boolean {
  return /site-packages|dist-packages|[\\/]lib[\\/]python3\.\d+[\\/]|<frozen |^<string>/.test(file);
}

/**
 * The innermost frame of the user's own code: the cell, or a helper file
 * beside the notebook. Library frames below it are where the library raised.
 */
export function userFrame(traceback: readonly string[]): IFrame | undefined {
  const frames = parseFrames(traceback).filter(frame => !isLibraryFrame(frame.file));
  return frames[frames.length - 1];
}

/** The cell's own innermost line. */
export function cellLine(traceback: readonly string[]): number | undefined {
  const frames = parseFrames(traceback).filter(frame => frame.file === 'cell');
  return frames[frames.length - 1]?.line;
}

/**
 * The running cell's own line where it stopped: the outermost cell frame
 * (inner frames are functions, possibly defined in other cells).
 */
export function raisingLine(traceback: readonly string[]): number | undefined {
  return parseFrames(traceback).find(frame => frame.file === 'cell')?.line;
}
