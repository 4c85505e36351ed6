/**
 * Whether a path written in a cell leaves the notebook's folder: absolute,
 * in the home folder, or climbing out with `..`. Relative paths stay inside.
 */
export function isOutsideFolder(path: string): boolean {
  const trimmed = path.trim();
  if (/^([\\/]|~|[A-Za-z]:[\\/]|\$|%)/.test(trimmed)) {
    return true;
  }
  let depth = 0;
  for (const part of trimmed.split(/[\\/]+/)) {
    if (part === '..') {
      depth--;
      if (depth < 0) {
        return true;
      }
    } else if (part && part !== '.') {
      depth++;
    }
  }
  return false;
}
