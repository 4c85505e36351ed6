/**
 * Text edits computed from syntax-tree positions. Rules return edits; the
 * engine applies them. Edits are data, so a patch can be shown, checked for
 * staleness and applied later.
 */
export interface IEdit {
  from: number;
  to: number;
  insert: string;
}

/**
 * Apply non-overlapping edits to a text. Overlapping edits are a rule bug:
 * the later one (in source order) is dropped rather than corrupting the code.
 */
export function applyEdits(text: string, edits: readonly IEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.from - b.from || a.to - b.to);
  let result = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.from < cursor) {
      continue;
    }
    result += text.slice(cursor, edit.from) + edit.insert;
    cursor = edit.to;
  }
  return result + text.slice(cursor);
}

/** Replace a node's (or range's) text. */
export function replace(node: { from: number; to: number }, insert: string): IEdit {
  return { from: node.from, to: node.to, insert };
}

/** Insert text at an offset. */
export function insertAt(offset: number, insert: string): IEdit {
  return { from: offset, to: offset, insert };
}
