/**
 * A dict argument that became keyword arguments: renaming through a dict in
 * a groupby aggregation is named aggregation today.
 */
import type { SyntaxNode } from '@lezer/common';
import { replace } from '../../python/edit';
import type { IEdit } from '../../python/edit';
import { importedName } from '../../python/imports';
import type { PythonSource } from '../../python/syntax';
import { customRule } from '../builders';
import { onCulpritLines } from '../culprit';

/** The entries of a dict literal as [key, value] nodes; undefined with a `**spread` or anything unexpected. */
function dictEntries(dict: SyntaxNode): [SyntaxNode, SyntaxNode][] | undefined {
  const items: SyntaxNode[] = [];
  for (let child = dict.firstChild; child; child = child.nextSibling) {
    if (['{', '}', ',', ':', 'Comment'].includes(child.name)) {
      continue;
    }
    if (child.name === '**' || child.type.isError) {
      return undefined;
    }
    items.push(child);
  }
  if (items.length === 0 || items.length % 2 !== 0) {
    return undefined;
  }
  const entries: [SyntaxNode, SyntaxNode][] = [];
  for (let i = 0; i < items.length; i += 2) {
    entries.push([items[i], items[i + 1]]);
  }
  return entries;
}

/** One column of a groupby (`df.groupby(k)['a']`, `df.groupby(k).a`): a SeriesGroupBy. */
function isColumnOfGroupBy(source: PythonSource, node: SyntaxNode): boolean {
  const object = node.firstChild;
  const groupby = object?.name === 'CallExpression' && source.callee(object)?.name === 'MemberExpression' && source.textOf(source.callee(object)!.lastChild!) === 'groupby';
  if (!groupby || node.name !== 'MemberExpression') {
    return false;
  }
  // `[['a', 'b']]` selects a frame; `['a']` and `.a` a column.
  const subscript = node.getChild('[') ? node.getChild('[')!.nextSibling : null;
  return subscript ? subscript.name !== 'ArrayExpression' && subscript.name !== 'TupleExpression' : node.lastChild?.name === 'PropertyName';
}

/**
 * Renaming through a dict in groupby aggregation (pandas < 1.0):
 * `g['a'].agg({'a_mean': 'mean'})` -> `g['a'].agg(**{'a_mean': 'mean'})`
 * (named aggregation: the same columns), and
 * `g.agg({'a': {'a_mean': 'mean'}})` -> `pd.concat({'a': g['a'].agg(**{'a_mean': 'mean'})}, axis=1)`
 * (the same (column, name) MultiIndex). A dict mixing both shapes is left alone.
 */
export const nestedRenamer = customRule({
  id: 'pandas-agg-nested-renamer',
  category: 'signature-change',
  fact: {
    library: 'pandas',
    version: '1.0',
    message:
      "pandas 1.0 removed renaming through a dict in aggregate() (deprecated in 0.20): g['a'].agg({'new': 'mean'}) is named aggregation today, g['a'].agg(new='mean'); a nested dict per column becomes one named aggregation per column.",
    source: 'https://pandas.pydata.org/docs/whatsnew/v1.0.0.html#removal-of-prior-version-deprecations-changes'
  },
  trigger: /nested renamer is not supported/,
  static: false,
  fix: ({ source, error }) => {
    const calls = onCulpritLines(source, error, [...source.methodCalls('agg'), ...source.methodCalls('aggregate')]);
    const edits: IEdit[] = [];
    let pandas: { name: string; edits: IEdit[] } | undefined;
    for (const call of calls) {
      const args = source.callArguments(call);
      const receiver = source.callee(call)!.firstChild!;
      if (args.length !== 1 || args[0].star || (args[0].name && args[0].name !== 'func') || args[0].value.name !== 'DictionaryExpression') {
        continue;
      }
      const entries = dictEntries(args[0].value);
      if (!entries) {
        continue;
      }
      const nested = entries.filter(([, value]) => value.name === 'DictionaryExpression');
      if (nested.length === 0) {
        // One column renamed: only where the receiver is a column of a groupby, or alone on the failing lines.
        if (!isColumnOfGroupBy(source, receiver) && !(receiver.name === 'VariableName' && calls.length === 1 && entries.every(([, value]) => value.name === 'String'))) {
          continue;
        }
        edits.push(replace(args[0].node, `**${source.textOf(args[0].value)}`));
        continue;
      }
      if (nested.length !== entries.length || isColumnOfGroupBy(source, receiver) || !entries.every(([, value]) => dictEntries(value) !== undefined)) {
        continue;
      }
      pandas ??= importedName(source, 'pandas', 'pd');
      const grouped = source.textOf(receiver);
      const columns = entries.map(([key, value]) => `${source.textOf(key)}: ${grouped}[${source.textOf(key)}].agg(**${source.textOf(value)})`);
      edits.push(replace(call, `${pandas.name}.concat({${columns.join(', ')}}, axis=1)`));
    }
    return pandas && edits.length ? [...edits, ...pandas.edits] : edits;
  }
});
