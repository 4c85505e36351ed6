/** pandas 0.20-3.0 removals, signature changes and the silent Copy-on-Write / str-dtype changes. */
import type { SyntaxNode } from '@lezer/common';
import { appendArgument, calleeIn, keywordArgument, removeArgument } from '../python/calls';
import { customRule, movedModule, removedKeyword, renamedMethod } from './builders';
import { importedName } from '../python/imports';
import { onCulpritLines } from './culprit';
import { definitionOf } from '../python/names';
import { insertAt, replace } from '../python/edit';
import type { IEdit } from '../python/edit';
import type { ICallArgument, PythonSource } from '../python/syntax';
import type { IFact, IRule } from './types';

const PANDAS_020 = 'https://pandas.pydata.org/docs/whatsnew/v0.20.0.html';
const PANDAS_1 = 'https://pandas.pydata.org/docs/whatsnew/v1.0.0.html';
const PANDAS_2 = 'https://pandas.pydata.org/docs/whatsnew/v2.0.0.html';
const PANDAS_3 = 'https://pandas.pydata.org/docs/whatsnew/v3.0.0.html';
const PANDAS_3_STRINGS = 'https://pandas.pydata.org/docs/user_guide/migration-3-strings.html';
const PANDAS_ROLLING_PR = 'https://github.com/pandas-dev/pandas/pull/18723';

function fact(catalogId: string, version: string, message: string, source: string): IFact {
  return { library: 'pandas', version, message, source, catalogId };
}

/** The local name pandas was imported as, `pd` when the cell does not say. */
function pandasAlias(imports: ReadonlyMap<string, string>): string {
  for (const [alias, target] of imports) {
    if (target === 'pandas') {
      return alias;
    }
  }
  return 'pd';
}

/** Calls to `pandas.<name>` for the names, through any alias. */
function pandasCalls(source: PythonSource, names: string[]): SyntaxNode[] {
  const filter = calleeIn('pandas', names);
  return source.callsTo((qualified, dotted) => filter(qualified, dotted, source));
}

/** True when the cell (or an earlier one) imports pandas: silent rules need that much evidence. */
function importsPandas(source: PythonSource): boolean {
  return [...source.imports.values()].some(target => target === 'pandas' || target.startsWith('pandas.'));
}

/** Calls `<object>.<method>(...)` for any of the method names. */
function methodCallsNamed(source: PythonSource, ...methods: string[]): SyntaxNode[] {
  return methods.flatMap(method => source.methodCalls(method)).sort((a, b) => a.from - b.from);
}

/** Lezer hands out new node objects on each walk: compare positions and types. */
function sameNode(a: SyntaxNode | null | undefined, b: SyntaxNode | null | undefined): boolean {
  return !!a && !!b && a.from === b.from && a.to === b.to && a.name === b.name;
}

/** The object a method is called on (`df` in `df.sort()`). */
function receiver(source: PythonSource, call: SyntaxNode): SyntaxNode {
  return source.callee(call)!.firstChild!;
}

/** The method name node of a method call. */
function methodName(source: PythonSource, call: SyntaxNode): SyntaxNode {
  return source.callee(call)!.lastChild!;
}

function positional(source: PythonSource, call: SyntaxNode): ICallArgument[] {
  return source.callArguments(call).filter(arg => !arg.name && !arg.star);
}

function hasStarArguments(source: PythonSource, call: SyntaxNode): boolean {
  return source.callArguments(call).some(arg => arg.star);
}

/** An expression that can be written twice without running anything twice (no calls). */
function isRepeatable(node: SyntaxNode): boolean {
  let repeatable = true;
  node.toTree().iterate({
    enter: ref => {
      if (ref.name === 'CallExpression' || ref.name === 'LambdaExpression') {
        repeatable = false;
      }
      return repeatable;
    }
  });
  return repeatable;
}

/** Parenthesize an expression used as the object of a method call when precedence needs it. */
function asObject(source: PythonSource, node: SyntaxNode): string {
  const atomic = ['VariableName', 'MemberExpression', 'CallExpression', 'ParenthesizedExpression', 'String', 'ArrayExpression'];
  return atomic.includes(node.name) ? source.textOf(node) : `(${source.textOf(node)})`;
}

/** The text inside a string literal, when the node is a plain one-part literal. */
function stringValue(source: PythonSource, node: SyntaxNode): { quote: string; prefix: string; value: string } | undefined {
  if (node.name !== 'String') {
    return undefined;
  }
  const match = /^([rRbBuU]?)('''|"""|'|")([\s\S]*)\2$/.exec(source.textOf(node));
  return match ? { prefix: match[1], quote: match[2], value: match[3] } : undefined;
}

/** Children of a subscript `a[...]` between the brackets. */
function subscriptKey(node: SyntaxNode): SyntaxNode[] | undefined {
  if (node.name !== 'MemberExpression' || node.lastChild?.name !== ']') {
    return undefined;
  }
  const key: SyntaxNode[] = [];
  let inside = false;
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.name === '[') {
      inside = true;
    } else if (child.name === ']') {
      inside = false;
    } else if (inside) {
      key.push(child);
    }
  }
  return key;
}

/** The key text of a subscript with one plain key (no commas, no slices), else undefined. */
function singleKey(source: PythonSource, node: SyntaxNode): SyntaxNode | undefined {
  const key = subscriptKey(node);
  if (!key || key.length !== 1 || /^(Slice|:)/.test(key[0].name) || source.textOf(key[0]).includes(':')) {
    return undefined;
  }
  return key[0];
}

// ---------------------------------------------------------------------------------------------
// Removed methods and attributes
// ---------------------------------------------------------------------------------------------

/** `df.append(other, ignore_index=True)` -> `pd.concat([df, other], ignore_index=True)`. */
const append = customRule({
  id: 'pandas-append',
  category: 'removed-api',
  fact: fact('pandas-append', '2.0', 'DataFrame.append and Series.append were removed in pandas 2.0; use pd.concat.', PANDAS_2),
  trigger: /'(DataFrame|Series)' object has no attribute 'append'/,
  static: false,
  fix: ({ source, error }) => {
    const pd = pandasAlias(source.imports);
    return onCulpritLines(source, error, source.methodCalls('append')).flatMap(call => {
      const object = source.textOf(receiver(source, call));
      const args = source.callArguments(call);
      const other = args.find(arg => !arg.name);
      if (!other || args.some(arg => arg.star)) {
        return [];
      }
      const otherText = source.textOf(other.value);
      // A dict is one row: it needs a frame of its own to be concatenated.
      const otherFrame = other.value.name === 'DictionaryExpression' ? `${pd}.DataFrame([${otherText}])` : otherText;
      const rest = args.filter(arg => arg !== other).map(arg => source.textOf(arg.node));
      return [replace(call, `${pd}.concat([${object}, ${otherFrame}]${rest.map(r => ', ' + r).join('')})`)];
    });
  }
});

/** `df.as_matrix()` -> `df.to_numpy()`; `df.as_matrix(columns=cols)` -> `df[cols].to_numpy()`. */
const asMatrix = customRule({
  id: 'pandas-as_matrix',
  category: 'removed-api',
  fact: fact('pandas-as_matrix', '1.0', 'DataFrame.as_matrix was removed in pandas 1.0; use .to_numpy().', PANDAS_1),
  trigger: /object has no attribute 'as_matrix'/,
  static: true,
  fix: ({ source }) =>
    source.methodCalls('as_matrix').flatMap(call => {
      const args = source.callArguments(call);
      if (args.length === 0) {
        return [replace(methodName(source, call), 'to_numpy')];
      }
      const columns = args.length === 1 && (args[0].name === 'columns' || !args[0].name) && !args[0].star ? args[0] : undefined;
      if (!columns) {
        return [];
      }
      return [replace(call, `${asObject(source, receiver(source, call))}[${source.textOf(columns.value)}].to_numpy()`)];
    })
});

/** `df.ix[...]` -> `df.loc[...]` (labels; the catalog's caveat: positional uses need .iloc). */
const ix = customRule({
  id: 'pandas-ix',
  category: 'removed-api',
  fact: fact('pandas-ix', '1.0', '.ix was removed in pandas 1.0; use .loc for labels (or .iloc for positions).', PANDAS_1),
  trigger: /object has no attribute 'ix'/,
  static: true,
  fix: ({ source }) => {
    const members = source
      .memberAccesses('ix')
      .filter(member => subscriptKey(member.parent!) !== undefined && sameNode(member.parent!.firstChild, member));
    const edits: IEdit[] = [];
    let pandas: { name: string; edits: IEdit[] } | undefined;
    for (const member of members) {
      const key = subscriptKey(member.parent!)!;
      const object = member.firstChild!;
      const isInteger = key.length === 1 && /^-?\s*\d+$/.test(source.textOf(key[0]));
      if (isInteger && isRepeatable(object)) {
        // `.ix[0]` was a label on an integer index and a position on any other: keep that choice.
        pandas = pandas ?? importedName(source, 'pandas', 'pd');
        const x = asObject(source, object);
        edits.push(replace(member, `(${x}.loc if ${pandas.name}.api.types.is_integer_dtype(${x}.index) else ${x}.iloc)`));
      } else {
        edits.push(replace(member.lastChild!, 'loc'));
      }
    }
    return edits.length > 0 ? [...(pandas?.edits ?? []), ...edits] : [];
  }
});

/** `df.get_value(i, 'c')` -> `df.at[i, 'c']`; `df.set_value(i, 'c', v)` -> `df.at[i, 'c'] = v`. */
const getSetValue = customRule({
  id: 'pandas-get_value-set_value',
  category: 'removed-api',
  fact: fact(
    'pandas-get_value-set_value',
    '1.0',
    'DataFrame.get_value and set_value were removed in pandas 1.0; use .at[row, col].',
    PANDAS_1
  ),
  trigger: /object has no attribute '(get|set)_value'/,
  static: true,
  fix: ({ source }) => {
    const edits: IEdit[] = [];
    for (const call of source.methodCalls('get_value')) {
      const args = source.callArguments(call);
      if ((args.length === 1 || args.length === 2) && args.every(arg => !arg.name && !arg.star)) {
        const key = args.map(arg => source.textOf(arg.value)).join(', ');
        edits.push(replace(call, `${asObject(source, receiver(source, call))}.at[${key}]`));
      }
    }
    for (const call of source.methodCalls('set_value')) {
      const args = source.callArguments(call);
      if ((args.length !== 2 && args.length !== 3) || args.some(arg => arg.name || arg.star)) {
        continue;
      }
      const object = source.textOf(receiver(source, call));
      const key = args.slice(0, -1).map(arg => source.textOf(arg.value)).join(', ');
      const assignment = `${object}.at[${key}] = ${source.textOf(args[args.length - 1].value)}`;
      const statement = call.parent!;
      // set_value returned the frame: `df = df.set_value(...)` becomes the assignment alone.
      if (statement.name === 'ExpressionStatement') {
        edits.push(replace(call, assignment));
      } else if (
        statement.name === 'AssignStatement' &&
        sameNode(statement.lastChild, call) &&
        source.textOf(statement.firstChild!) === object &&
        statement.firstChild!.nextSibling?.name === 'AssignOp'
      ) {
        edits.push(replace(statement, assignment));
      }
    }
    return edits;
  }
});

/**
 * `df.sort('c')` -> `df.sort_values('c')`, `df.sort(columns=c)` -> `sort_values(by=c)`, `df.sort()` ->
 * `df.sort_index()`; `s.sort()` sorted in place -> `s = s.sort_values()`; `s.order()` -> `s.sort_values()`.
 * Lists have `.sort()` too, so the error's type and line decide.
 */
const sort = customRule({
  id: 'pandas-sort',
  category: 'removed-api',
  fact: fact('pandas-sort', '0.20', 'DataFrame.sort and Series.sort/order were removed in pandas 0.20; use sort_values or sort_index.', PANDAS_020),
  trigger: /'(DataFrame|Series)' object has no attribute '(sort|order)'/,
  static: false,
  fix: ({ source, error }) => {
    const match = /'(DataFrame|Series)' object has no attribute '(sort|order)'/.exec(error ? `${error.evalue}` : '');
    if (!match) {
      return [];
    }
    const [, owner, method] = match;
    const edits: IEdit[] = [];
    for (const call of onCulpritLines(source, error, source.methodCalls(method))) {
      const args = source.callArguments(call);
      if (method === 'order') {
        edits.push(replace(methodName(source, call), 'sort_values'));
      } else if (owner === 'DataFrame') {
        if (args.length === 0) {
          edits.push(replace(methodName(source, call), 'sort_index'));
        } else {
          edits.push(replace(methodName(source, call), 'sort_values'));
          const columns = args.find(arg => arg.name === 'columns');
          if (columns) {
            edits.push(replace({ from: columns.node.from, to: columns.value.from }, 'by='));
          }
        }
      } else {
        const object = receiver(source, call);
        const inPlace = args.some(arg => arg.name === 'inplace');
        if (inPlace) {
          edits.push(replace(methodName(source, call), 'sort_values'));
        } else if (call.parent?.name === 'ExpressionStatement' && object.name === 'VariableName') {
          const name = source.textOf(object);
          edits.push(replace(call, `${name} = ${name}.sort_values(${args.map(arg => source.textOf(arg.node)).join(', ')})`));
        }
      }
    }
    return edits;
  }
});

/** `df.sort_index(by='c')` -> `df.sort_values(by='c')`. */
const sortIndexBy = customRule({
  id: 'pandas-sort_index-by',
  category: 'signature-change',
  fact: fact('pandas-sort_index-by', '1.0', "DataFrame.sort_index(by=...) was removed in pandas 1.0; use sort_values(by=...).", PANDAS_1),
  trigger: /sort_index\(\) got an unexpected keyword argument 'by'/,
  static: true,
  fix: ({ source }) =>
    source
      .methodCalls('sort_index')
      .filter(call => keywordArgument(source, call, 'by'))
      .map(call => replace(methodName(source, call), 'sort_values'))
});

const applymap = renamedMethod({
  id: 'pandas-applymap',
  fact: fact('pandas-applymap', '3.0', 'DataFrame.applymap was removed in pandas 3.0; use DataFrame.map.', PANDAS_3),
  trigger: /object has no attribute 'applymap'/,
  method: 'applymap',
  to: 'map',
  static: true
});

const iteritems = renamedMethod({
  id: 'pandas-iteritems',
  category: 'removed-api',
  fact: fact('pandas-iteritems', '2.0', 'DataFrame.iteritems and Series.iteritems were removed in pandas 2.0; use .items().', PANDAS_2),
  trigger: /'(DataFrame|Series)' object has no attribute 'iteritems'/,
  method: 'iteritems',
  to: 'items',
  // dict.iteritems (Python 2) has the same shape; the rewrite is right for it too, but it is not proof of pandas.
  static: false
});

const tshift = renamedMethod({
  id: 'pandas-tshift',
  fact: fact('pandas-tshift', '2.0', 'DataFrame.tshift was removed in pandas 2.0; use shift(freq=...).', PANDAS_2),
  trigger: /object has no attribute 'tshift'/,
  method: 'tshift',
  to: 'shift',
  static: true
});

const isMonotonic = renamedMethod({
  id: 'pandas-is_monotonic',
  fact: fact('pandas-is_monotonic', '2.0', 'Series.is_monotonic was removed in pandas 2.0; use is_monotonic_increasing.', PANDAS_2),
  trigger: /object has no attribute 'is_monotonic'/,
  method: 'is_monotonic',
  to: 'is_monotonic_increasing',
  attribute: true,
  static: true
});

const boolMethod = renamedMethod({
  id: 'pandas-bool',
  fact: fact('pandas-bool', '3.0', 'Series.bool and DataFrame.bool were removed in pandas 3.0; use .item().', PANDAS_3),
  trigger: /'(Series|DataFrame)' object has no attribute 'bool'/,
  method: 'bool',
  to: 'item',
  static: false
});

/** `df.get_dtype_counts()` -> `df.dtypes.value_counts()`. */
const getDtypeCounts = customRule({
  id: 'pandas-get_dtype_counts',
  category: 'removed-api',
  fact: fact('pandas-get_dtype_counts', '1.0', 'DataFrame.get_dtype_counts was removed in pandas 1.0; use df.dtypes.value_counts().', PANDAS_1),
  trigger: /object has no attribute 'get_dtype_counts'/,
  static: true,
  fix: ({ source }) =>
    source
      .methodCalls('get_dtype_counts')
      .filter(call => source.callArguments(call).length === 0)
      .map(call => replace({ from: methodName(source, call).from, to: call.to }, 'dtypes.value_counts()'))
});

/** `s.clip_upper(10)` -> `s.clip(upper=10)`. */
const clipUpperLower = customRule({
  id: 'pandas-clip_upper_lower',
  category: 'removed-api',
  fact: fact('pandas-clip_upper_lower', '1.0', 'clip_upper and clip_lower were removed in pandas 1.0; use clip(upper=...) / clip(lower=...).', PANDAS_1),
  trigger: /object has no attribute 'clip_(upper|lower)'/,
  static: true,
  fix: ({ source }) =>
    methodCallsNamed(source, 'clip_upper', 'clip_lower').flatMap(call => {
      const bound = source.textOf(methodName(source, call)).slice('clip_'.length);
      const [threshold] = positional(source, call);
      if (!threshold) {
        return [];
      }
      return [replace(methodName(source, call), 'clip'), replace(threshold.node, `${bound}=${source.textOf(threshold.value)}`)];
    })
});

/** `s.dt.weekday_name` -> `s.dt.day_name()`. */
const weekdayName = customRule({
  id: 'pandas-weekday_name',
  category: 'removed-api',
  fact: fact('pandas-weekday_name', '1.0', '.dt.weekday_name was removed in pandas 1.0; use .dt.day_name().', PANDAS_1),
  trigger: /object has no attribute 'weekday_name'/,
  static: true,
  fix: ({ source }) => source.memberAccesses('weekday_name').map(member => replace(member.lastChild!, 'day_name()'))
});

/** `s.dt.weekofyear` / `s.dt.week` -> `s.dt.isocalendar().week`. */
const weekOfYear = customRule({
  id: 'pandas-weekofyear',
  category: 'removed-api',
  fact: fact('pandas-weekofyear', '2.0', '.dt.weekofyear and .dt.week were removed in pandas 2.0; use .dt.isocalendar().week.', PANDAS_2),
  trigger: /object has no attribute '(weekofyear|week)'/,
  static: true,
  fix: ({ source }) =>
    [...source.memberAccesses('weekofyear'), ...source.memberAccesses('week')]
      .filter(member => {
        const object = member.firstChild!;
        return object.name === 'MemberExpression' && object.lastChild?.name === 'PropertyName' && source.textOf(object.lastChild) === 'dt';
      })
      .map(member => replace(member.lastChild!, 'isocalendar().week'))
});

/** `df.lookup(rows, cols)` -> `df.to_numpy()[df.index.get_indexer(rows), df.columns.get_indexer(cols)]`. */
const lookup = customRule({
  id: 'pandas-lookup',
  category: 'removed-api',
  fact: fact('pandas-lookup', '2.0', 'DataFrame.lookup was removed in pandas 2.0; index .to_numpy() with get_indexer.', PANDAS_2),
  trigger: /'DataFrame' object has no attribute 'lookup'/,
  static: false,
  fix: ({ source, error }) =>
    onCulpritLines(source, error, source.methodCalls('lookup')).flatMap(call => {
      const object = receiver(source, call);
      const args = source.callArguments(call);
      if (!isRepeatable(object) || args.length !== 2 || args.some(arg => arg.name || arg.star)) {
        return [];
      }
      const frame = asObject(source, object);
      const [rows, columns] = args.map(arg => source.textOf(arg.value));
      return [replace(call, `${frame}.to_numpy()[${frame}.index.get_indexer(${rows}), ${frame}.columns.get_indexer(${columns})]`)];
    })
});

/** `df.mad()` -> `(df - df.mean()).abs().mean()` (mean absolute deviation around the mean). */
const mad = customRule({
  id: 'pandas-mad',
  category: 'removed-api',
  fact: fact('pandas-mad', '2.0', 'DataFrame.mad and Series.mad were removed in pandas 2.0; compute (x - x.mean()).abs().mean().', PANDAS_2),
  trigger: /'(DataFrame|Series)' object has no attribute 'mad'/,
  static: false,
  fix: ({ source, error }) =>
    onCulpritLines(source, error, source.methodCalls('mad')).flatMap(call => {
      const object = receiver(source, call);
      if (!isRepeatable(object) || source.callArguments(call).length > 0) {
        return [];
      }
      const x = asObject(source, object);
      return [replace(call, `(${x} - ${x}.mean()).abs().mean()`)];
    })
});

/** `y.ravel()` on a Series -> `np.ravel(y)` (which also works when `y` is an array). */
const seriesRavel = customRule({
  id: 'pandas-series-ravel',
  category: 'removed-api',
  fact: fact('pandas-series-ravel', '3.0', 'Series.ravel was removed in pandas 3.0; use np.ravel(s) or s.to_numpy().ravel().', PANDAS_3),
  trigger: /'Series' object has no attribute 'ravel'/,
  static: false,
  fix: ({ source, error }) => {
    const calls = onCulpritLines(source, error, source.methodCalls('ravel'));
    if (calls.length === 0) {
      return [];
    }
    const numpy = importedName(source, 'numpy', 'np');
    const edits = calls.map(call => {
      const args = source.callArguments(call).map(arg => source.textOf(arg.node));
      return replace(call, `${numpy.name}.ravel(${[source.textOf(receiver(source, call)), ...args].join(', ')})`);
    });
    return [...numpy.edits, ...edits];
  }
});

// ---------------------------------------------------------------------------------------------
// Removed top-level names and modules
// ---------------------------------------------------------------------------------------------

/** Nodes spelling `pandas.<name>` through the pandas alias (`pd.datetime`), not inside imports. */
function pandasNames(source: PythonSource, name: string): SyntaxNode[] {
  return source
    .findAll('MemberExpression')
    .filter(node => node.parent?.name !== 'ImportStatement' && source.qualifiedName(node) === `pandas.${name}`);
}

/** `pd.datetime(...)` -> `datetime.datetime(...)`, importing datetime when the cell does not. */
const pdDatetime = customRule({
  id: 'pandas-pd-datetime',
  category: 'removed-api',
  fact: fact('pandas-pd-datetime', '2.0', 'pandas.datetime was removed in pandas 2.0; use the datetime module.', PANDAS_2),
  trigger: /module 'pandas' has no attribute 'datetime'/,
  static: true,
  fix: ({ source }) => {
    const nodes = pandasNames(source, 'datetime');
    if (nodes.length === 0) {
      return [];
    }
    const direct = [...source.imports].find(([, target]) => target === 'datetime.datetime');
    if (direct) {
      return nodes.map(node => replace(node, direct[0]));
    }
    const module = importedName(source, 'datetime', 'datetime');
    return [...module.edits, ...nodes.map(node => replace(node, `${module.name}.datetime`))];
  }
});

/** `pd.np.nan` -> `np.nan`, importing numpy when the cell does not. */
const pdNp = customRule({
  id: 'pandas-pd-np',
  category: 'removed-api',
  fact: fact('pandas-pd-np', '2.0', 'pandas.np was removed in pandas 2.0; import numpy directly.', PANDAS_2),
  trigger: /module 'pandas' has no attribute 'np'/,
  static: true,
  fix: ({ source }) => {
    const nodes = pandasNames(source, 'np');
    if (nodes.length === 0) {
      return [];
    }
    const numpy = importedName(source, 'numpy', 'np');
    return [...numpy.edits, ...nodes.map(node => replace(node, numpy.name))];
  }
});

/**
 * `pd.datetools.BDay()` -> `pd.offsets.BDay()`, `pd.datetools.bday` -> `pd.offsets.BDay()`,
 * `pd.datetools.to_datetime` -> `pd.to_datetime`. Other members are left alone.
 */
const datetools = customRule({
  id: 'pandas-datetools',
  category: 'removed-api',
  fact: {
    library: 'pandas',
    version: '0.24',
    message: 'The pandas.datetools module (deprecated in 0.19) was removed in pandas 0.24; use pandas.tseries.offsets (pd.offsets).',
    source: 'https://github.com/pandas-dev/pandas/pull/19119'
  },
  trigger: /module 'pandas' has no attribute 'datetools'/,
  static: true,
  fix: ({ source }) =>
    pandasNames(source, 'datetools').flatMap(node => {
      const member = node.parent;
      if (member?.name !== 'MemberExpression' || !sameNode(member.firstChild, node) || member.lastChild?.name !== 'PropertyName') {
        return [];
      }
      const pd = source.textOf(node.firstChild!);
      const name = source.textOf(member.lastChild);
      const lowercaseOffsets: Record<string, string> = { bday: 'BDay()', day: 'Day()', hour: 'Hour()', minute: 'Minute()', second: 'Second()', week: 'Week()', monthEnd: 'MonthEnd()', bmonthEnd: 'BMonthEnd()', yearEnd: 'YearEnd()' };
      if (name === 'to_datetime') {
        return [replace(member, `${pd}.to_datetime`)];
      }
      if (lowercaseOffsets[name]) {
        return [replace(member, `${pd}.offsets.${lowercaseOffsets[name]}`)];
      }
      if (/^[A-Z]/.test(name)) {
        return [replace(node, `${pd}.offsets`)];
      }
      return [];
    })
});

/** `pd.value_counts(s)` -> `pd.Series(s).value_counts()`. */
const topLevelValueCounts = customRule({
  id: 'pandas-top-level-value_counts',
  category: 'removed-api',
  fact: fact('pandas-top-level-value_counts', '3.0', 'pandas.value_counts was removed in pandas 3.0; use pd.Series(values).value_counts().', PANDAS_3),
  trigger: /module 'pandas' has no attribute 'value_counts'/,
  static: true,
  fix: ({ source }) =>
    source.callsTo(qualified => qualified === 'pandas.value_counts').flatMap(call => {
      const args = source.callArguments(call);
      const values = args[0];
      if (!values || values.name || values.star) {
        return [];
      }
      const pd = source.dottedName(source.callee(call))!.split('.').slice(0, -1).join('.');
      const rest = args.slice(1).map(arg => source.textOf(arg.node)).join(', ');
      return [replace(call, `${pd}.Series(${source.textOf(values.value)}).value_counts(${rest})`)];
    })
});

/** `pd.Int64Index(x)` -> `pd.Index(x, dtype='int64')`. */
const numericIndexClasses = customRule({
  id: 'pandas-numeric-index-classes',
  category: 'removed-api',
  fact: fact('pandas-numeric-index-classes', '2.0', 'Int64Index, UInt64Index and Float64Index were removed in pandas 2.0; use pd.Index(..., dtype=...).', PANDAS_2),
  trigger: /has no attribute '(Int64|UInt64|Float64)Index'/,
  static: true,
  fix: ({ source }) => {
    const dtypes: Record<string, string> = { Int64Index: 'int64', UInt64Index: 'uint64', Float64Index: 'float64' };
    return source
      .callsTo(qualified => /^pandas\.(Int64|UInt64|Float64)Index$/.test(qualified))
      .flatMap(call => {
        const callee = source.callee(call)!;
        const dotted = source.dottedName(callee)!;
        if (!dotted.includes('.') || hasStarArguments(source, call)) {
          return [];
        }
        const name = dotted.split('.').pop()!;
        const edits = [replace(callee.lastChild!, 'Index')];
        if (!keywordArgument(source, call, 'dtype')) {
          edits.push(appendArgument(source, call, `dtype='${dtypes[name]}'`));
        }
        return edits;
      });
  }
});

/**
 * The old moving-window functions' arguments, by where they go now: the
 * window method (`rolling(window, ...)`, `expanding(...)`, `ewm(com, ...)`)
 * or the statistic called on it. `positional` lists the old positional
 * parameters after the data, for each kind; `toStat` the parameters the
 * statistic takes (the first ones positionally, by the new signatures).
 */
const WINDOW_STATS: Record<string, { rolling: string[]; expanding: string[]; ewm: string[]; toStat: string[]; positionalToStat: string[]; added?: string }> = {
  plain: { rolling: ['window'], expanding: [], ewm: ['com'], toStat: ['ddof', 'bias'], positionalToStat: [] },
  // The old functions passed ndarrays to func: raw=True keeps that (today's default passes Series).
  apply: { rolling: ['window', 'func'], expanding: ['func'], ewm: [], toStat: ['func', 'args', 'kwargs'], positionalToStat: ['func'], added: 'raw=True' },
  quantile: { rolling: ['window', 'quantile'], expanding: ['quantile'], ewm: [], toStat: ['quantile'], positionalToStat: ['quantile'] },
  corr: { rolling: ['arg2', 'window', 'pairwise'], expanding: ['arg2'], ewm: ['arg2', 'com'], toStat: ['arg2', 'pairwise'], positionalToStat: ['arg2'] },
  cov: { rolling: ['arg2', 'window', 'pairwise'], expanding: ['arg2'], ewm: ['arg2', 'com'], toStat: ['arg2', 'pairwise', 'ddof', 'bias'], positionalToStat: ['arg2'] }
};

const WINDOW_KEYWORDS: Record<'rolling' | 'expanding' | 'ewm', string[]> = {
  rolling: ['window', 'min_periods', 'center', 'win_type', 'axis'],
  expanding: ['min_periods', 'center', 'axis'],
  ewm: ['com', 'span', 'halflife', 'alpha', 'min_periods', 'adjust', 'ignore_na']
};

/**
 * `pd.<kind>_<stat>(data, ...)` -> `data.<kind>(...).<stat>(...)`, the
 * arguments sorted by the table above; undefined when an argument has no
 * place in the new API (freq=, how=), so the call is left alone.
 */
function windowChain(source: PythonSource, call: SyntaxNode, kind: 'rolling' | 'expanding' | 'ewm', stat: string): string | undefined {
  const layout = WINDOW_STATS[stat] ?? WINDOW_STATS.plain;
  const [data, ...rest] = source.callArguments(call);
  if (!data || data.name || data.star) {
    return undefined;
  }
  const windowArgs: string[] = [];
  const statPositional = new Map<string, string>();
  const statKeywords: string[] = [];
  const place = (name: string, value: string): boolean => {
    if (layout.positionalToStat.includes(name)) {
      statPositional.set(name, value);
    } else if (layout.toStat.includes(name) && !(name === 'bias' && stat === 'mean')) {
      statKeywords.push(`${name === 'arg2' ? 'other' : name}=${value}`);
    } else if (WINDOW_KEYWORDS[kind].includes(name)) {
      windowArgs.push(`${name}=${value}`);
    } else {
      return false;
    }
    return true;
  };
  const positional = layout[kind];
  for (const [index, arg] of rest.entries()) {
    if (arg.star) {
      return undefined;
    }
    const name = arg.name ?? positional[index];
    if (!name || (arg.name === undefined && rest.slice(0, index).some(earlier => earlier.name))) {
      return undefined;
    }
    // rolling(window) reads best positionally, as it was written.
    if (!arg.name && name === 'window') {
      windowArgs.unshift(source.textOf(arg.value));
    } else if (!place(name, source.textOf(arg.value))) {
      return undefined;
    }
  }
  const statArgs = [...layout.positionalToStat.filter(name => statPositional.has(name)).map(name => statPositional.get(name)!), ...statKeywords];
  if (layout.added && (stat !== 'apply' || statPositional.has('func'))) {
    statArgs.push(layout.added);
  }
  return `${asObject(source, data.value)}.${kind}(${windowArgs.join(', ')}).${stat}(${statArgs.join(', ')})`;
}

/** `pd.rolling_mean(s, 20, min_periods=5)` -> `s.rolling(20, min_periods=5).mean()`; expanding_*, rolling_apply/quantile/corr/cov likewise. */
const rollingTopLevel = customRule({
  id: 'pandas-rolling-toplevel',
  category: 'removed-api',
  fact: fact('pandas-rolling-toplevel', '0.23', 'pd.rolling_* and pd.expanding_* were removed in pandas 0.23; use s.rolling(window).<stat>() (rolling_apply(s, w, f) -> s.rolling(w).apply(f, raw=True), rolling_corr(a, b, w) -> a.rolling(w).corr(b)).', PANDAS_ROLLING_PR),
  trigger: /module 'pandas' has no attribute '(rolling|expanding)_/,
  static: true,
  fix: ({ source }) =>
    source
      .callsTo(qualified => /^pandas\.(rolling|expanding)_(mean|std|sum|var|median|min|max|count|skew|kurt|apply|quantile|corr|cov)$/.test(qualified))
      .flatMap(call => {
        const [kind, stat] = source.dottedName(source.callee(call))!.split('.').pop()!.split('_') as ['rolling' | 'expanding', string];
        const chain = windowChain(source, call, kind, stat);
        return chain ? [replace(call, chain)] : [];
      })
});

/** `pd.ewma(s, span=12)` -> `s.ewm(span=12).mean()`; ewmstd/ewmvol -> std, ewmvar -> var, ewmcorr/ewmcov(a, b, ...) -> a.ewm(...).corr(b). */
const ewmaTopLevel = customRule({
  id: 'pandas-ewma-toplevel',
  category: 'removed-api',
  fact: fact('pandas-ewma-toplevel', '0.23', 'pd.ewma, pd.ewmstd, pd.ewmvar, pd.ewmcorr and pd.ewmcov were removed in pandas 0.23; use s.ewm(...).mean() / .std() / .var() / .corr(other) / .cov(other).', PANDAS_ROLLING_PR),
  trigger: /module 'pandas' has no attribute 'ewm/,
  static: true,
  fix: ({ source }) => {
    const stats: Record<string, string> = { ewma: 'mean', ewmstd: 'std', ewmvol: 'std', ewmvar: 'var', ewmcorr: 'corr', ewmcov: 'cov' };
    return source
      .callsTo(qualified => /^pandas\.(ewma|ewmstd|ewmvol|ewmvar|ewmcorr|ewmcov)$/.test(qualified))
      .flatMap(call => {
        const chain = windowChain(source, call, 'ewm', stats[source.dottedName(source.callee(call))!.split('.').pop()!]);
        return chain ? [replace(call, chain)] : [];
      });
  }
});

const utilTesting = movedModule({
  id: 'pandas-util-testing',
  fact: fact('pandas-util-testing', '2.0', 'pandas.util.testing was removed in pandas 2.0; use pandas.testing.', PANDAS_2),
  trigger: /No module named 'pandas\.util\.testing'/,
  module: 'pandas.util.testing',
  to: 'pandas.testing'
});

/** `from pandas.io.json import json_normalize` -> `from pandas import json_normalize`; `pd.io.json.json_normalize` -> `pd.json_normalize`. */
const jsonNormalizeImport = movedModule({
  id: 'pandas-io-json-json_normalize',
  fact: fact('pandas-io-json-json_normalize', '2.0', 'pandas.io.json.json_normalize was removed in pandas 2.0; use pd.json_normalize.', PANDAS_2),
  module: 'pandas.io.json',
  to: name => (name === 'json_normalize' ? 'pandas' : undefined)
});
const jsonNormalize = customRule({
  ...jsonNormalizeImport,
  trigger: /cannot import name 'json_normalize' from 'pandas\.io\.json'|module 'pandas\.io\.json' has no attribute 'json_normalize'/,
  category: 'removed-api',
  static: true,
  fix: context => {
    const { source } = context;
    const attributes = source
      .findAll('MemberExpression')
      .filter(node => source.qualifiedName(node) === 'pandas.io.json.json_normalize' && source.dottedName(node)!.split('.').length === 4)
      .map(node => replace(node, `${source.dottedName(node)!.split('.')[0]}.json_normalize`));
    return [...jsonNormalizeImport.fix(context), ...attributes];
  }
});

// ---------------------------------------------------------------------------------------------
// Signature changes
// ---------------------------------------------------------------------------------------------

/** `df.fillna(method='ffill')` -> `df.ffill()`; 'pad' is ffill, 'backfill' is bfill. */
const fillnaMethod = customRule({
  id: 'pandas-fillna-method',
  category: 'signature-change',
  fact: fact('pandas-fillna-method', '3.0', "fillna(method=...) was removed in pandas 3.0; use .ffill() / .bfill().", PANDAS_3),
  trigger: /fillna\(\) got an unexpected keyword argument 'method'/,
  static: true,
  fix: ({ source }) =>
    source.methodCalls('fillna').flatMap(call => {
      const method = keywordArgument(source, call, 'method');
      const value = method && stringValue(source, method.value)?.value;
      const successor = value && { ffill: 'ffill', pad: 'ffill', bfill: 'bfill', backfill: 'bfill' }[value];
      const args = source.callArguments(call);
      const valueArg = args.find(arg => (!arg.name && !arg.star) || arg.name === 'value');
      // A fill value next to a method was ignored by old pandas only when None: leave other shapes.
      if (!successor || (valueArg && source.textOf(valueArg.value) !== 'None') || hasStarArguments(source, call)) {
        return [];
      }
      const kept = args.filter(arg => arg.node.from !== method.node.from && arg !== valueArg).map(arg => source.textOf(arg.node));
      return [replace({ from: methodName(source, call).from, to: call.to }, `${successor}(${kept.join(', ')})`)];
    })
});

const PANDAS_READERS = ['read_csv', 'read_table', 'read_fwf'];

/** `read_csv(error_bad_lines=False, warn_bad_lines=False)` -> `read_csv(on_bad_lines='skip')`. */
const readCsvBadLines = customRule({
  id: 'pandas-read_csv-bad_lines',
  category: 'signature-change',
  fact: fact(
    'pandas-read_csv-bad_lines',
    '2.0',
    "read_csv's error_bad_lines and warn_bad_lines were removed in pandas 2.0; use on_bad_lines='skip' / 'warn' / 'error'.",
    PANDAS_2
  ),
  trigger: /unexpected keyword argument '(error|warn)_bad_lines'/,
  static: true,
  fix: ({ source }) =>
    pandasCalls(source, PANDAS_READERS).flatMap(call => {
      const errorArg = keywordArgument(source, call, 'error_bad_lines');
      const warnArg = keywordArgument(source, call, 'warn_bad_lines');
      if (!errorArg && !warnArg) {
        return [];
      }
      const raise = errorArg ? source.textOf(errorArg.value) : 'True';
      // warn_bad_lines defaulted to True: error_bad_lines=False alone skipped the lines with a warning.
      const warn = warnArg ? source.textOf(warnArg.value) : 'True';
      if (!/^(True|False)$/.test(raise) || !/^(True|False)$/.test(warn) || keywordArgument(source, call, 'on_bad_lines')) {
        return [];
      }
      const mode = raise === 'True' ? null : warn === 'True' ? "'warn'" : "'skip'";
      const edits: IEdit[] = [];
      const [first, second] = [errorArg, warnArg].filter((arg): arg is ICallArgument => !!arg);
      if (mode) {
        edits.push(replace(first.node, `on_bad_lines=${mode}`));
      } else {
        edits.push(removeArgument(source, call, first.node));
      }
      if (second) {
        edits.push(removeArgument(source, call, second.node));
      }
      return edits;
    })
});

/** `read_csv(p, delim_whitespace=True)` -> `read_csv(p, sep=r'\s+')`. */
const readCsvDelimWhitespace = customRule({
  id: 'pandas-read_csv-delim_whitespace',
  category: 'signature-change',
  fact: fact('pandas-read_csv-delim_whitespace', '3.0', "read_csv(delim_whitespace=True) was removed in pandas 3.0; use sep=r'\\s+'.", PANDAS_3),
  trigger: /unexpected keyword argument 'delim_whitespace'/,
  static: true,
  fix: ({ source }) =>
    pandasCalls(source, PANDAS_READERS).flatMap(call => {
      const arg = keywordArgument(source, call, 'delim_whitespace');
      if (!arg) {
        return [];
      }
      const value = source.textOf(arg.value);
      if (value === 'True' && !keywordArgument(source, call, 'sep') && !keywordArgument(source, call, 'delimiter')) {
        return [replace(arg.node, "sep=r'\\s+'")];
      }
      return value === 'False' ? [removeArgument(source, call, arg.node)] : [];
    })
});

const inferDatetimeFormat = removedKeyword({
  id: 'pandas-infer_datetime_format',
  fact: fact(
    'pandas-infer_datetime_format',
    '3.0',
    'infer_datetime_format was removed from read_csv in pandas 3.0 (strict format inference is the default since 2.0); drop it.',
    PANDAS_3
  ),
  trigger: /unexpected keyword argument 'infer_datetime_format'/,
  calls: calleeIn('pandas', [...PANDAS_READERS, 'to_datetime']),
  keyword: 'infer_datetime_format'
});

/** A keyword that disappeared from a method: drop it wherever the method is called with it. */
function removedMethodKeyword(options: { id: string; fact: IFact; trigger: RegExp; method: string; keyword: string }): IRule {
  return customRule({
    id: options.id,
    category: 'signature-change',
    fact: options.fact,
    trigger: options.trigger,
    static: true,
    fix: ({ source }) =>
      source.methodCalls(options.method).flatMap(call => {
        const arg = keywordArgument(source, call, options.keyword);
        return arg ? [removeArgument(source, call, arg.node)] : [];
      })
  });
}

const describeDatetimeIsNumeric = removedMethodKeyword({
  id: 'pandas-describe-datetime_is_numeric',
  fact: fact('pandas-describe-datetime_is_numeric', '2.0', 'describe(datetime_is_numeric=...) was removed in pandas 2.0; datetimes are always summarized as numeric.', PANDAS_2),
  trigger: /unexpected keyword argument 'datetime_is_numeric'/,
  method: 'describe',
  keyword: 'datetime_is_numeric'
});

/** `df.to_csv(p, line_terminator='\n')` -> `lineterminator='\n'`. */
const toCsvLineTerminator = customRule({
  id: 'pandas-to_csv-line_terminator',
  category: 'signature-change',
  fact: fact('pandas-to_csv-line_terminator', '2.0', 'to_csv(line_terminator=...) was renamed to lineterminator in pandas 2.0.', PANDAS_2),
  trigger: /unexpected keyword argument 'line_terminator'/,
  static: true,
  fix: ({ source }) =>
    source.methodCalls('to_csv').flatMap(call => {
      const arg = keywordArgument(source, call, 'line_terminator');
      return arg ? [replace({ from: arg.node.from, to: arg.value.from }, 'lineterminator=')] : [];
    })
});

/**
 * Positional arguments made keyword-only in pandas 2.0: the error names the
 * method (`DataFrame.drop() takes from 1 to 2 positional arguments but 3 were
 * given`), the table names the old positional parameters after the ones that stay.
 */
const KEYWORD_ONLY: Record<string, (string | undefined)[]> = {
  drop: [undefined, 'axis', 'index', 'columns', 'level', 'inplace', 'errors'],
  concat: [undefined, 'axis', 'join'],
  dropna: ['axis', 'how', 'thresh', 'subset', 'inplace'],
  set_index: [undefined, 'drop', 'append', 'inplace', 'verify_integrity'],
  'DataFrame.sort_values': [undefined, 'axis', 'ascending', 'inplace', 'kind', 'na_position'],
  'Series.sort_values': ['axis', 'ascending', 'inplace', 'kind', 'na_position'],
  sort_index: ['axis', 'level', 'ascending', 'inplace', 'kind', 'na_position'],
  pivot: ['index', 'columns', 'values'],
  'DataFrame.reset_index': ['level', 'drop', 'inplace', 'col_level', 'col_fill'],
  drop_duplicates: [undefined, 'keep', 'inplace'],
  read_csv: [undefined, 'sep', 'delimiter', 'header', 'names', 'index_col', 'usecols'],
  read_table: [undefined, 'sep', 'delimiter', 'header', 'names', 'index_col', 'usecols']
};

const positionalArgsKeywordOnly = customRule({
  id: 'pandas-positional-args-keyword-only',
  category: 'signature-change',
  fact: fact(
    'pandas-positional-args-keyword-only',
    '2.0',
    "pandas 2.0 made most arguments keyword-only (df.drop('c', 1) -> df.drop('c', axis=1), pd.concat([a, b], 1) -> axis=1).",
    PANDAS_2
  ),
  trigger: /(\w+\.)?\w+\(\) takes (from \d+ to \d+|\d+) positional arguments? but \d+ (were|was) given/,
  static: false,
  fix: ({ source, error }) => {
    const match = /(?:(\w+)\.)?(\w+)\(\) takes/.exec(error?.evalue ?? '');
    if (!match) {
      return [];
    }
    const [, owner, method] = match;
    const keywords = KEYWORD_ONLY[`${owner}.${method}`] ?? KEYWORD_ONLY[method];
    if (!keywords) {
      return [];
    }
    const calls =
      method === 'concat' || method.startsWith('read_')
        ? source.callsTo(qualified => qualified === `pandas.${method}`)
        : source.methodCalls(method);
    return onCulpritLines(source, error, calls).flatMap(call =>
      positional(source, call).flatMap((arg, index) => {
        const name = keywords[index];
        return name && !keywordArgument(source, call, name) ? [replace(arg.node, `${name}=${source.textOf(arg.value)}`)] : [];
      })
    );
  }
});

/** Offset aliases renamed in pandas 2.2 and removed in 3.0. */
const OFFSET_ALIASES: Record<string, string> = {
  M: 'ME', BM: 'BME', SM: 'SME', CBM: 'CBME', Q: 'QE', BQ: 'BQE', Y: 'YE', A: 'YE', BY: 'BYE', BA: 'BYE',
  AS: 'YS', BAS: 'BYS', H: 'h', BH: 'bh', CBH: 'cbh', T: 'min', S: 's', L: 'ms', U: 'us', N: 'ns'
};

/** `'2M'` -> `'2ME'`, `'Q-DEC'` -> `'QE-DEC'`, `'15T'` -> `'15min'`; undefined when nothing changes. */
function modernFrequency(text: string): string | undefined {
  const match = /^(-?\d*)([A-Za-z]+)(-[A-Za-z]{3})?$/.exec(text);
  const renamed = match && OFFSET_ALIASES[match[2]];
  return renamed ? `${match[1]}${renamed}${match[3] ?? ''}` : undefined;
}

const OFFSET_CALLS = ['date_range', 'bdate_range', 'timedelta_range', 'Grouper', 'resample', 'asfreq', 'shift', 'rolling'];

const offsetAliases = customRule({
  id: 'pandas-offset-aliases',
  category: 'signature-change',
  fact: fact('pandas-offset-aliases', '3.0', "pandas 3.0 removed the old offset aliases: 'M' -> 'ME', 'Q' -> 'QE', 'Y'/'A' -> 'YE', 'H' -> 'h', 'T' -> 'min'.", PANDAS_3),
  trigger: /Invalid frequency/,
  static: true,
  fix: ({ source }) => {
    const edits: IEdit[] = [];
    for (const call of source.findAll('CallExpression')) {
      const callee = source.callee(call);
      const name = callee?.name === 'MemberExpression' ? source.textOf(callee.lastChild!) : callee ? source.textOf(callee) : '';
      if (!OFFSET_CALLS.includes(name)) {
        continue;
      }
      const args = source.callArguments(call);
      // resample(rule), asfreq(freq) and rolling(window) take the alias first.
      const first = ['resample', 'asfreq', 'rolling'].includes(name) ? args.find(arg => !arg.name && !arg.star) : undefined;
      for (const arg of args) {
        if (arg !== first && arg.name !== 'freq' && arg.name !== 'rule') {
          continue;
        }
        const literal = stringValue(source, arg.value);
        const modern = literal && modernFrequency(literal.value);
        if (literal && modern) {
          edits.push(replace(arg.value, `${literal.prefix}${literal.quote}${modern}${literal.quote}`));
        }
      }
    }
    return edits;
  }
});

/** Reductions that raise on text columns since numeric_only stopped defaulting to None. */
const NUMERIC_REDUCTIONS = ['mean', 'median', 'std', 'var', 'sem', 'skew', 'kurt', 'prod', 'corr', 'cov'];

/** True when a method call's receiver is a groupby/resample (`df.groupby(k).mean()`, `df.groupby(k)[cols].mean()`). */
function isGroupedReduction(source: PythonSource, call: SyntaxNode): boolean {
  let object: SyntaxNode | null = receiver(source, call);
  while (object?.name === 'MemberExpression' && subscriptKey(object)) {
    object = object.firstChild;
  }
  if (object?.name !== 'CallExpression') {
    return false;
  }
  const callee = source.callee(object);
  return callee?.name === 'MemberExpression' && /^(groupby|resample)$/.test(source.textOf(callee.lastChild!));
}

/** Reduction calls that can take `numeric_only=True`, on the failing line. */
function reductionCalls(source: PythonSource, grouped: boolean): SyntaxNode[] {
  return methodCallsNamed(source, ...NUMERIC_REDUCTIONS).filter(call => {
    const object = receiver(source, call);
    const isModule = object.name === 'VariableName' && source.imports.has(source.textOf(object));
    return (
      !isModule &&
      isGroupedReduction(source, call) === grouped &&
      !keywordArgument(source, call, 'numeric_only') &&
      // Series.corr(other) has no numeric_only; frame reductions are called without positionals.
      positional(source, call).length === 0 &&
      !hasStarArguments(source, call)
    );
  });
}

const frameReductionsNumericOnly = customRule({
  id: 'pandas-frame-reductions-numeric_only',
  category: 'behavior-change',
  fact: fact(
    'pandas-frame-reductions-numeric_only',
    '2.0',
    'Since pandas 2.0 DataFrame reductions (mean, corr, ...) no longer drop text columns silently; pass numeric_only=True.',
    PANDAS_2
  ),
  trigger: /Cannot perform reduction '\w+' with string dtype|could not convert string to float/,
  static: false,
  fix: ({ source, error }) => {
    // "could not convert string to float" is also what a model's fit says: want pandas in the traceback.
    const traceback = (error?.traceback ?? []).join('\n');
    if (/could not convert string to float/.test(error?.evalue ?? '') && traceback && !/pandas/.test(traceback)) {
      return [];
    }
    return onCulpritLines(source, error, reductionCalls(source, false)).map(call => appendArgument(source, call, 'numeric_only=True'));
  }
});

const groupbyNumericOnly = customRule({
  id: 'pandas-groupby-numeric_only',
  category: 'behavior-change',
  fact: fact(
    'pandas-groupby-numeric_only',
    '2.0',
    'Since pandas 2.0 groupby reductions no longer drop text columns silently; pass numeric_only=True.',
    PANDAS_2
  ),
  trigger: /does not support operation '\w+'|agg function failed/,
  static: false,
  fix: ({ source, error }) =>
    onCulpritLines(source, error, reductionCalls(source, true)).map(call => appendArgument(source, call, 'numeric_only=True'))
});

// ---------------------------------------------------------------------------------------------
// Silent changes: Copy-on-Write and the str dtype (pandas 3.0)
// ---------------------------------------------------------------------------------------------

const INPLACE_METHODS = ['fillna', 'replace', 'clip', 'where', 'mask', 'interpolate', 'ffill', 'bfill'];

/**
 * `df['c'].fillna(v, inplace=True)` -> `df['c'] = df['c'].fillna(v)`: under
 * Copy-on-Write an in-place method on a column (or any derived object) no
 * longer writes through to the frame.
 */
const cowInplaceOnColumn = customRule({
  id: 'pandas-cow-inplace-on-column',
  category: 'behavior-change',
  fact: fact(
    'pandas-cow-inplace-on-column',
    '3.0',
    "Under pandas 3.0 Copy-on-Write, df['c'].fillna(v, inplace=True) no longer changes df; assign the result back.",
    PANDAS_3
  ),
  static: true,
  fix: ({ source }) =>
    methodCallsNamed(source, ...INPLACE_METHODS).flatMap(call => {
      const inplace = keywordArgument(source, call, 'inplace');
      const object = receiver(source, call);
      if (!inplace || source.textOf(inplace.value) !== 'True' || call.parent?.name !== 'ExpressionStatement') {
        return [];
      }
      // A column: `df['c']`, `df.loc[:, 'c']`, or `df.c` (not `self.df`, a real frame of its own).
      const base = object.firstChild;
      const isColumn =
        object.name === 'MemberExpression' &&
        isRepeatable(object) &&
        (subscriptKey(object) !== undefined ||
          (base?.name === 'VariableName' && source.textOf(base) !== 'self' && !source.imports.has(source.textOf(base))));
      if (!isColumn) {
        return [];
      }
      return [insertAt(call.from, `${source.textOf(object)} = `), removeArgument(source, call, inplace.node)];
    })
});

/** True for an expression that reads as a row mask (`df.a > 0`, `~m`, `s.isin(v)`, `a & b`). */
function looksLikeMask(source: PythonSource, node: SyntaxNode): boolean {
  if (node.name === 'ParenthesizedExpression') {
    return node.firstChild?.nextSibling ? looksLikeMask(source, node.firstChild.nextSibling) : false;
  }
  if (node.name === 'BinaryExpression') {
    return node.getChild('CompareOp') !== null || node.getChild('BitOp') !== null;
  }
  if (node.name === 'UnaryExpression') {
    return source.textOf(node).startsWith('~');
  }
  if (node.name === 'CallExpression') {
    const callee = source.callee(node);
    return callee?.name === 'MemberExpression' && /^(isin|isnull|notnull|isna|notna|between|contains|duplicated)$/.test(source.textOf(callee.lastChild!));
  }
  return false;
}

/** Names bound in the source to a dict or list (their `d['k'][i] = v` is not chained assignment). */
function containerNames(source: PythonSource): Set<string> {
  const names = new Set<string>();
  for (const statement of source.findAll('AssignStatement')) {
    const target = statement.firstChild;
    const value = statement.lastChild;
    if (target?.name === 'VariableName' && value && /^(DictionaryExpression|ArrayExpression|DictionaryComprehensionExpression|ArrayComprehensionExpression)$/.test(value.name)) {
      names.add(source.textOf(target));
    }
  }
  return names;
}

/**
 * `df['a'][mask] = v` / `df[mask]['a'] = v` / `df.loc[i]['a'] = v` ->
 * `df.loc[mask, 'a'] = v`: chained assignment never writes to `df` under
 * Copy-on-Write. Only shapes where the column is a string (or list of
 * strings) are rewritten; slices and two non-string keys are left alone.
 */
const cowChainedAssignment = customRule({
  id: 'pandas-cow-chained-assignment',
  category: 'behavior-change',
  fact: fact(
    'pandas-cow-chained-assignment',
    '3.0',
    "Under pandas 3.0 Copy-on-Write, chained assignment like df['a'][mask] = v never updates df; use df.loc[mask, 'a'] = v.",
    PANDAS_3
  ),
  static: true,
  fix: ({ source }) => {
    if (!importsPandas(source)) {
      return [];
    }
    const containers = containerNames(source);
    const isColumn = (node: SyntaxNode): boolean => {
      if (node.name === 'String') {
        return true;
      }
      const items: SyntaxNode[] = [];
      for (let child = node.firstChild; child; child = child.nextSibling) {
        if (!/^[[\],]$/.test(child.name)) {
          items.push(child);
        }
      }
      return node.name === 'ArrayExpression' && items.length > 0 && items.every(item => item.name === 'String');
    };
    const edits: IEdit[] = [];
    for (const statement of source.findAll('AssignStatement', 'UpdateStatement')) {
      const target = statement.firstChild!;
      const outerKey = singleKey(source, target);
      const inner = outerKey && target.firstChild;
      const innerKey = inner && singleKey(source, inner);
      const base = innerKey && inner.firstChild;
      const op = target.nextSibling;
      if (!base || !op || (op.name !== 'AssignOp' && op.name !== 'UpdateOp')) {
        continue;
      }
      const baseText = source.textOf(base);
      const keys = (rows: SyntaxNode, column: SyntaxNode) => `${source.textOf(rows)}, ${source.textOf(column)}`;
      let rewritten: string | undefined;
      if (base.name === 'MemberExpression' && base.lastChild?.name === 'PropertyName' && source.textOf(base.lastChild) === 'loc') {
        if (isColumn(outerKey)) {
          rewritten = `${baseText}[${keys(innerKey, outerKey)}]`;
        }
      } else if (base.name === 'VariableName' && baseText !== 'self' && !containers.has(baseText) && !source.imports.has(baseText)) {
        if (isColumn(innerKey) && !isColumn(outerKey)) {
          rewritten = `${baseText}.loc[${keys(outerKey, innerKey)}]`;
        } else if (isColumn(outerKey) && looksLikeMask(source, innerKey)) {
          rewritten = `${baseText}.loc[${keys(innerKey, outerKey)}]`;
        }
      }
      if (rewritten) {
        edits.push(replace(target, rewritten));
      }
    }
    return edits;
  }
});

/** `x.dtype == 'object'` / `object` / `'O'`: the object-dtype checks that miss pandas 3 str columns. */
function isObjectDtypeLiteral(source: PythonSource, node: SyntaxNode): boolean {
  const literal = stringValue(source, node);
  if (literal) {
    return literal.value === 'object' || literal.value === 'O';
  }
  const qualified = source.qualifiedName(node);
  return qualified === 'object' || qualified === 'numpy.object' || qualified === 'numpy.object_';
}

/**
 * Text columns are `str` dtype in pandas 3, so `df[c].dtype == 'object'`
 * is False for them: check both (`in ('object', 'str')`), and select both
 * in select_dtypes.
 */
const strDtypeObjectCheck = customRule({
  id: 'pandas-str-dtype-object-check',
  category: 'behavior-change',
  fact: fact(
    'pandas-str-dtype-object-check',
    '3.0',
    "pandas 3.0 reads text columns as the str dtype, so dtype == 'object' checks and select_dtypes('object') no longer find them (or only with a deprecation warning).",
    PANDAS_3_STRINGS
  ),
  static: true,
  fix: ({ source }) => {
    if (!importsPandas(source)) {
      return [];
    }
    const edits: IEdit[] = [];
    for (const comparison of source.findAll('BinaryExpression')) {
      const [left, op, right] = [comparison.firstChild, comparison.firstChild?.nextSibling, comparison.lastChild];
      if (!left || !op || !right || op.name !== 'CompareOp' || !/^(==|!=)$/.test(source.textOf(op))) {
        continue;
      }
      const [dtype, literal] = isObjectDtypeLiteral(source, right) ? [left, right] : isObjectDtypeLiteral(source, left) ? [right, left] : [];
      const property = dtype?.name === 'MemberExpression' && dtype.lastChild?.name === 'PropertyName' ? source.textOf(dtype.lastChild) : '';
      if (!dtype || !literal || (property !== 'dtype' && property !== 'dtypes')) {
        continue;
      }
      const equal = source.textOf(op) === '==';
      const dtypeText = source.textOf(dtype);
      const literalText = source.textOf(literal);
      if (property === 'dtype') {
        edits.push(replace(comparison, `${dtypeText} ${equal ? 'in' : 'not in'} (${literalText}, 'str')`));
      } else {
        // A Series of dtypes compares element-wise: combine two comparisons.
        edits.push(replace(comparison, equal ? `((${dtypeText} == ${literalText}) | (${dtypeText} == 'str'))` : `((${dtypeText} != ${literalText}) & (${dtypeText} != 'str'))`));
      }
    }
    for (const call of source.methodCalls('select_dtypes')) {
      const args = source.callArguments(call);
      for (const arg of args) {
        if (!(arg.name === 'include' || arg.name === 'exclude' || (!arg.name && !arg.star && arg === args[0]))) {
          continue;
        }
        const value = arg.value;
        if (isObjectDtypeLiteral(source, value)) {
          edits.push(replace(value, `[${source.textOf(value)}, 'str']`));
        } else if (value.name === 'ArrayExpression') {
          const items = value.getChildren('String').concat(value.getChildren('VariableName'));
          const hasObject = items.some(item => isObjectDtypeLiteral(source, item));
          const hasStr = items.some(item => /^['"](str|string)['"]$/.test(source.textOf(item)));
          if (hasObject && !hasStr) {
            edits.push(insertAt(value.lastChild!.from, ", 'str'"));
          }
        }
      }
    }
    return edits;
  }
});

/** `s.str.replace('[^0-9]', '')` relied on regex=True, the default before pandas 2.0. */
const strReplaceRegex = customRule({
  id: 'pandas-str-replace-regex',
  category: 'behavior-change',
  fact: fact(
    'pandas-str-replace-regex',
    '2.0',
    'Series.str.replace treats the pattern as a literal string since pandas 2.0 (regex=False default); pass regex=True for a regular expression.',
    PANDAS_2
  ),
  static: true,
  fix: ({ source }) =>
    source.methodCalls('replace').flatMap(call => {
      const object = receiver(source, call);
      const isStrAccessor = object.name === 'MemberExpression' && object.lastChild?.name === 'PropertyName' && source.textOf(object.lastChild) === 'str';
      const [pattern] = positional(source, call);
      const literal = pattern && stringValue(source, pattern.value);
      // One-character patterns were always literal; only patterns with regex syntax changed meaning.
      if (!isStrAccessor || !literal || literal.value.length < 2 || !/[\\^$.|?*+()[\]{}]/.test(literal.value) || keywordArgument(source, call, 'regex')) {
        return [];
      }
      return [appendArgument(source, call, 'regex=True')];
    })
});

// ---------------------------------------------------------------------------------------------
// Dates: date_parser, parse_dates and format inference
// ---------------------------------------------------------------------------------------------

/** The expression a one-parameter function returns, with the parameter's name (lambda or `def f(x): return ...`). */
function returnedExpression(source: PythonSource, node: SyntaxNode): { parameter: string; body: SyntaxNode } | undefined {
  const parameters = node.getChild('ParamList')?.getChildren('VariableName') ?? [];
  if (parameters.length !== 1) {
    return undefined;
  }
  const parameter = source.textOf(parameters[0]);
  if (node.name === 'LambdaExpression') {
    return node.lastChild ? { parameter, body: node.lastChild } : undefined;
  }
  // Only a body that is just `return <expr>` (other statements make it another function).
  const statements: SyntaxNode[] = [];
  for (let child = node.getChild('Body')?.firstChild; child; child = child.nextSibling) {
    if (child.name !== ':' && child.name !== 'Comment') {
      statements.push(child);
    }
  }
  const [only] = statements;
  return statements.length === 1 && only.name === 'ReturnStatement' && only.lastChild && only.lastChild.name !== 'return'
    ? { parameter, body: only.lastChild }
    : undefined;
}

/**
 * The strptime format a date parser applies to its whole argument:
 * `lambda d: datetime.strptime(d, '%Y-%m')`, `pd.datetime.strptime`,
 * `lambda d: pd.to_datetime(d, format='%Y-%m')`, or a name bound to such a
 * function here or in an earlier cell (`def parser(s): return ...`); the
 * format may be a name bound to a string. Undefined for anything else (a
 * prefix added to the string, several formats, other code).
 */
function parserFormat(source: PythonSource, parser: SyntaxNode): string | undefined {
  const bound = parser.name === 'VariableName' ? definitionOf(source, source.textOf(parser), parser.from) : { source, value: parser };
  if (!bound || (bound.value.name !== 'LambdaExpression' && bound.value.name !== 'FunctionDefinition')) {
    return undefined;
  }
  const at = bound.source;
  const returned = returnedExpression(at, bound.value);
  const body = returned?.body;
  if (!returned || body?.name !== 'CallExpression') {
    return undefined;
  }
  const callee = at.callee(body);
  const dotted = at.dottedName(callee) ?? '';
  const qualified = at.qualifiedName(callee) ?? '';
  const args = at.callArguments(body);
  const isParameter = (node?: SyntaxNode) => node?.name === 'VariableName' && at.textOf(node) === returned.parameter;
  const literal = (node: SyntaxNode): string | undefined => {
    if (node.name === 'String') {
      return at.textOf(node);
    }
    const constant = node.name === 'VariableName' && !isParameter(node) ? definitionOf(at, at.textOf(node), node.from) : undefined;
    return constant?.value.name === 'String' ? constant.source.textOf(constant.value) : undefined;
  };
  if (/(^|\.)datetime\.strptime$/.test(dotted) && args.length === 2 && !args[0].name && !args[1].name && isParameter(args[0].value)) {
    return literal(args[1].value);
  }
  if (qualified === 'pandas.to_datetime' && args.length === 2 && !args[0].name && isParameter(args[0].value) && args[1].name === 'format') {
    return literal(args[1].value);
  }
  return undefined;
}

const DATE_READERS = ['read_csv', 'read_table', 'read_fwf', 'read_excel'];

/** `read_csv(p, parse_dates=[...], date_parser=lambda d: datetime.strptime(d, '%Y-%m'))` -> `date_format='%Y-%m'`. */
const readCsvDateParser = customRule({
  id: 'pandas-read_csv-date_parser',
  category: 'signature-change',
  fact: fact(
    'pandas-read_csv-date_parser',
    '3.0',
    'read_csv(date_parser=...) was removed in pandas 3.0 (deprecated in 2.0); pass the strptime format as date_format= (or parse after reading with pd.to_datetime).',
    PANDAS_3
  ),
  trigger: /unexpected keyword argument 'date_parser'/,
  static: true,
  fix: ({ source }) =>
    pandasCalls(source, DATE_READERS).flatMap(call => {
      const arg = keywordArgument(source, call, 'date_parser');
      const format = arg && !keywordArgument(source, call, 'date_format') ? parserFormat(source, arg.value) : undefined;
      return arg && format ? [replace(arg.node, `date_format=${format}`)] : [];
    })
});

/**
 * `read_csv(p, parse_dates='Month', index_col='Month')` -> `parse_dates=['Month']`:
 * a string was taken as True (parse the index) until pandas 0.18.1 refused it.
 */
const readCsvParseDatesString = customRule({
  id: 'pandas-read_csv-parse_dates-string',
  category: 'signature-change',
  fact: {
    library: 'pandas',
    version: '0.18.1',
    message: "read_csv(parse_dates=...) takes a bool or a list since pandas 0.18.1 (a column name string used to mean True: parse the index); pass a list like ['Month'].",
    source: 'https://github.com/pandas-dev/pandas/pull/12915'
  },
  trigger: /Only booleans(, lists,)? and (lists|dictionaries) are accepted for the 'parse_dates' parameter/,
  static: true,
  fix: ({ source }) =>
    pandasCalls(source, DATE_READERS).flatMap(call => {
      const arg = keywordArgument(source, call, 'parse_dates');
      const literal = arg && stringValue(source, arg.value);
      if (!arg || !literal) {
        return [];
      }
      const indexCol = keywordArgument(source, call, 'index_col');
      const isIndex = indexCol && (source.textOf(indexCol.value) === source.textOf(arg.value) || /^\[?0\]?$/.test(source.textOf(indexCol.value)));
      // With index_col naming the column, the list and the old True mean the same; otherwise True keeps the old meaning.
      return [replace(arg.value, isIndex ? `[${source.textOf(arg.value)}]` : 'True')];
    })
});

/**
 * `pd.to_datetime(s)` -> `pd.to_datetime(s, format='mixed')`: since pandas 2.0
 * one format is inferred from the first value and applied to all; old
 * pandas parsed element by element. `dayfirst=` of the old call stays.
 */
const toDatetimeMixed = customRule({
  id: 'pandas-to_datetime-consistent-format',
  category: 'behavior-change',
  fact: fact(
    'pandas-to_datetime-consistent-format',
    '2.0',
    "Since pandas 2.0 to_datetime infers one format from the first value and applies it to all; format='mixed' parses each value on its own as before (keep dayfirst= if the data is day-first).",
    PANDAS_2
  ),
  trigger: /doesn't match format|unconverted data remains when parsing with format/,
  static: false,
  fix: ({ source, error }) =>
    onCulpritLines(source, error, pandasCalls(source, ['to_datetime'])).flatMap(call => {
      const args = source.callArguments(call);
      if (args.length === 0 || args.some(arg => arg.star || arg.name === 'format')) {
        return [];
      }
      const edits = [appendArgument(source, call, "format='mixed'")];
      const infer = keywordArgument(source, call, 'infer_datetime_format');
      if (infer) {
        edits.push(removeArgument(source, call, infer.node));
      }
      return edits;
    })
});

// ---------------------------------------------------------------------------------------------
// Plotting functions that moved to pandas.plotting
// ---------------------------------------------------------------------------------------------

const PANDAS_PLOTTING = ['scatter_matrix', 'parallel_coordinates', 'andrews_curves', 'radviz', 'lag_plot', 'autocorrelation_plot', 'bootstrap_plot', 'table'];

/** `from pandas.tools.plotting import scatter_matrix` -> `from pandas.plotting import scatter_matrix`. */
const toolsPlotting = movedModule({
  id: 'pandas-tools-plotting',
  fact: {
    library: 'pandas',
    version: '0.20',
    message: 'pandas.tools.plotting moved to pandas.plotting in pandas 0.20 (the old module warned, then was removed); import from pandas.plotting.',
    source: PANDAS_020
  },
  trigger: /No module named 'pandas\.tools'|module 'pandas' has no attribute 'tools'/,
  module: 'pandas.tools.plotting',
  to: 'pandas.plotting'
});

/** `pd.scatter_matrix(df)` -> `pd.plotting.scatter_matrix(df)`; `pd.tools.plotting.x` -> `pd.plotting.x`. */
const topLevelPlotting = customRule({
  id: 'pandas-plotting-toplevel',
  category: 'removed-api',
  fact: {
    library: 'pandas',
    version: '0.20',
    message: 'pd.scatter_matrix and the other plotting helpers moved to pd.plotting in pandas 0.20 (the top-level names warned, then were removed); call pd.plotting.scatter_matrix.',
    source: PANDAS_020
  },
  trigger: new RegExp(`module 'pandas' has no attribute '(${PANDAS_PLOTTING.join('|')}|tools)'`),
  static: true,
  fix: ({ source }) => {
    const edits: IEdit[] = [];
    for (const name of PANDAS_PLOTTING.filter(name => name !== 'table')) {
      for (const node of pandasNames(source, name)) {
        edits.push(insertAt(node.lastChild!.from, 'plotting.'));
      }
    }
    for (const name of PANDAS_PLOTTING) {
      for (const node of source.findAll('MemberExpression')) {
        if (node.parent?.name !== 'ImportStatement' && source.qualifiedName(node) === `pandas.tools.plotting.${name}`) {
          const pd = source.dottedName(node)!.split('.')[0];
          edits.push(replace(node, `${pd}.plotting.${name}`));
        }
      }
    }
    return edits;
  }
});

/** Keys and values of a flat dict literal (`{'Yes': 1, 'No': 0}`), or undefined for other shapes. */
function dictItems(node: SyntaxNode): { key: SyntaxNode; value: SyntaxNode }[] | undefined {
  if (node.name !== 'DictionaryExpression') {
    return undefined;
  }
  const parts: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (!/^[{}:,]$/.test(child.name)) {
      parts.push(child);
    }
  }
  if (parts.length === 0 || parts.length % 2 !== 0) {
    return undefined;
  }
  const items: { key: SyntaxNode; value: SyntaxNode }[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    items.push({ key: parts[i], value: parts[i + 1] });
  }
  return items;
}

/** A number or bool literal, or a list of them. */
function isNumberish(source: PythonSource, node: SyntaxNode): boolean {
  if (node.name === 'ArrayExpression') {
    const items: SyntaxNode[] = [];
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (!/^[[\],]$/.test(child.name)) {
        items.push(child);
      }
    }
    return items.length > 0 && items.every(item => isNumberish(source, item));
  }
  return node.name === 'Number' || node.name === 'Boolean' || (node.name === 'UnaryExpression' && node.lastChild?.name === 'Number');
}

/** A string literal, or a list of them. */
function isStringish(node: SyntaxNode): boolean {
  if (node.name === 'ArrayExpression') {
    const items = node.getChildren('String');
    let count = 0;
    for (let child = node.firstChild; child; child = child.nextSibling) {
      count += /^[[\],]$/.test(child.name) ? 0 : 1;
    }
    return items.length > 0 && items.length === count;
  }
  return node.name === 'String';
}

/**
 * `s.replace({'Yes': 1, 'No': 0})` -> `s.replace({'Yes': 1, 'No': 0}).infer_objects()`:
 * pandas 3.0 no longer downcasts the result of replace, so a text column
 * mapped to numbers stays object dtype (models then see objects, not int64).
 * Only literal string-to-number mappings, not in-place calls (see
 * pandas-cow-inplace-on-column, which rewrites those into this shape first).
 */
const replaceDowncast = customRule({
  id: 'pandas-replace-downcast',
  category: 'behavior-change',
  fact: {
    library: 'pandas',
    version: '3.0',
    message: "pandas 3.0 no longer downcasts replace() results: a text column mapped to numbers (replace({'Yes': 1, 'No': 0})) stays object dtype; call .infer_objects() to get int64 as before.",
    source: PANDAS_3
  },
  static: true,
  fix: ({ source }) => {
    if (!importsPandas(source)) {
      return [];
    }
    return source.methodCalls('replace').flatMap(call => {
      const object = receiver(source, call);
      const isStrAccessor = object.name === 'MemberExpression' && object.lastChild?.name === 'PropertyName' && source.textOf(object.lastChild) === 'str';
      const args = source.callArguments(call);
      if (isStrAccessor || args.some(arg => arg.star || arg.name === 'inplace' || arg.name === 'regex')) {
        return [];
      }
      const [first, second] = positional(source, call);
      const toReplace = first?.value ?? keywordArgument(source, call, 'to_replace')?.value;
      const value = second?.value ?? keywordArgument(source, call, 'value')?.value;
      const items = toReplace && !value ? dictItems(toReplace) : undefined;
      const mapsTextToNumbers = items
        ? items.every(item => item.key.name === 'String' && isNumberish(source, item.value))
        : !!toReplace && !!value && isStringish(toReplace) && isNumberish(source, value);
      // Already followed by .infer_objects() / .astype(...): nothing to add.
      const next = call.parent?.name === 'MemberExpression' ? source.textOf(call.parent.lastChild!) : '';
      if (!mapsTextToNumbers || /^(infer_objects|astype)$/.test(next)) {
        return [];
      }
      return [insertAt(call.to, '.infer_objects()')];
    });
  }
});

export const pandasRules: IRule[] = [
  append,
  asMatrix,
  ix,
  getSetValue,
  sort,
  sortIndexBy,
  applymap,
  iteritems,
  tshift,
  isMonotonic,
  boolMethod,
  getDtypeCounts,
  clipUpperLower,
  weekdayName,
  weekOfYear,
  lookup,
  mad,
  seriesRavel,
  pdDatetime,
  pdNp,
  datetools,
  topLevelValueCounts,
  numericIndexClasses,
  rollingTopLevel,
  ewmaTopLevel,
  utilTesting,
  jsonNormalize,
  fillnaMethod,
  readCsvBadLines,
  readCsvDelimWhitespace,
  inferDatetimeFormat,
  describeDatetimeIsNumeric,
  toCsvLineTerminator,
  positionalArgsKeywordOnly,
  offsetAliases,
  frameReductionsNumericOnly,
  groupbyNumericOnly,
  cowInplaceOnColumn,
  cowChainedAssignment,
  strDtypeObjectCheck,
  strReplaceRegex,
  readCsvDateParser,
  readCsvParseDatesString,
  toDatetimeMixed,
  toolsPlotting,
  topLevelPlotting,
  replaceDowncast
];
