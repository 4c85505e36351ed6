/**
 * The lines of the user's code a traceback blames. Rules whose shape other
 * types share (`.sort()`, `.ravel()`) fix only what sits on those lines.
 */
import { isLibraryFrame } from '../diagnosis/traceback';
import type { PythonSource } from '../python/syntax';
import type { IRuleError } from './types';

/**
 * 1-based lines the error's traceback points at in the user's code (`Cell In[3], line 2`,
 * `----> 2` under an old `<ipython-input-...>` frame, `File helper.py:222` of a
 * module beside the notebook); undefined when the traceback does not say.
 */
export function culpritLines(error?: IRuleError): Set<number> | undefined {
  const lines = new Set<number>();
  const text = (error?.traceback ?? []).join('\n');
  for (const match of text.matchAll(/Cell In\s*\[\d*\],\s*line (\d+)/g)) {
    lines.add(Number(match[1]));
  }
  for (const match of text.matchAll(/<ipython-input-[^>]*>[^\n]*\n(?:(?!\s*-+> )[^\n]*\n)*\s*-+> (\d+)/g)) {
    lines.add(Number(match[1]));
  }
  // Frames in helper modules beside the notebook (`File .../helper.py:222, in f`): a rule fixing
  // that file needs its line, not the cell's.
  for (const match of text.matchAll(/^\s*File (.+?):(\d+)(?:, in |$)/gm)) {
    if (!isLibraryFrame(match[1])) {
      lines.add(Number(match[2]));
    }
  }
  return lines.size > 0 ? lines : undefined;
}

/** The nodes that lie on a culprit line (all of them when the traceback names none). */
export function onCulpritLines<T extends { from: number; to: number }>(
  source: PythonSource,
  error: IRuleError | undefined,
  nodes: T[]
): T[] {
  const lines = culpritLines(error);
  if (!lines) {
    return nodes;
  }
  return nodes.filter(node => {
    const [first, last] = [source.lineAt(node.from), source.lineAt(node.to)];
    return [...lines].some(line => line >= first && line <= last);
  });
}
