/** Matplotlib 3.2-3.11 removals and renames. */
import type { SyntaxNode } from '@lezer/common';
import { calleeIn, keywordArgument } from '../python/calls';
import { customRule, keywordOnly, movedModule, renamedMethod } from './builders';
import { importedName } from '../python/imports';
import { onCulpritLines } from './culprit';
import { insertAt, replace } from '../python/edit';
import type { IEdit } from '../python/edit';
import type { PythonSource } from '../python/syntax';
import type { IFact, IRule } from './types';

const changes = (version: string) => `https://matplotlib.org/stable/api/prev_api_changes/api_changes_${version}.0.html`;

function fact(catalogId: string, version: string, message: string): IFact {
  return { library: 'matplotlib', version, message, source: changes(version), catalogId };
}

/** Calls whose callee's last name is one of `names` (`plt.hist`, `ax.hist`, `df.hist`). */
function callsNamed(source: PythonSource, ...names: string[]): SyntaxNode[] {
  return source.findAll('CallExpression').filter(call => {
    const callee = source.callee(call);
    const last = callee?.name === 'MemberExpression' ? callee.lastChild : callee;
    return !!last && (last.name === 'PropertyName' || last.name === 'VariableName') && names.includes(source.textOf(last));
  });
}

/** A rule renaming `old=` to `new=` in calls named `names` (not those into the excluded modules). */
function renamedCallKeyword(options: {
  id: string;
  fact: IFact;
  trigger: RegExp;
  names: string[];
  from: string;
  to: string;
  exclude?: string[];
}): IRule {
  return customRule({
    id: options.id,
    category: 'signature-change',
    fact: options.fact,
    trigger: options.trigger,
    static: true,
    fix: ({ source }) =>
      callsNamed(source, ...options.names)
        .filter(call => {
          const qualified = source.qualifiedName(source.callee(call)) ?? '';
          return !(options.exclude ?? []).some(module => qualified.startsWith(module + '.'));
        })
        .flatMap(call => {
          const arg = keywordArgument(source, call, options.from);
          return arg ? [replace({ from: arg.node.from, to: arg.value.from }, `${options.to}=`)] : [];
        })
  });
}

/** `plt.style.use('seaborn-whitegrid')` -> `plt.style.use('seaborn-v0_8-whitegrid')`. */
const styleSeaborn = customRule({
  id: 'mpl-style-seaborn',
  category: 'removed-api',
  fact: fact('mpl-style-seaborn', '3.8', "Matplotlib 3.8 renamed the bundled 'seaborn*' styles to 'seaborn-v0_8*'."),
  trigger: /is not a valid package style/,
  static: true,
  fix: ({ source }) => {
    const edits: IEdit[] = [];
    const calls = source.callsTo(qualified => /^matplotlib(\.pyplot)?\.style\.(use|context)$/.test(qualified));
    for (const call of calls) {
      const [first] = source.callArguments(call);
      if (!first || first.star) {
        continue;
      }
      const strings = first.value.name === 'String' ? [first.value] : first.value.name === 'ArrayExpression' ? first.value.getChildren('String') : [];
      for (const node of strings) {
        const match = /^(['"])seaborn(-(?!v0_8)[\w-]+)?\1$/.exec(source.textOf(node));
        if (match) {
          edits.push(replace(node, `${match[1]}seaborn-v0_8${match[2] ?? ''}${match[1]}`));
        }
      }
    }
    return edits;
  }
});

const histNormed = renamedCallKeyword({
  id: 'mpl-hist-normed',
  fact: fact('mpl-hist-normed', '3.2', 'The normed= argument of hist/hist2d was removed in Matplotlib 3.2 (and of np.histogram in NumPy 1.24); use density=.'),
  trigger: /unexpected keyword argument 'normed'|no property 'normed'/,
  names: ['hist', 'hist2d', 'histogram'],
  from: 'normed',
  to: 'density'
});

const gridB = renamedCallKeyword({
  id: 'mpl-grid-b',
  fact: fact('mpl-grid-b', '3.7', 'The b= argument of grid() was removed in Matplotlib 3.7; use visible=.'),
  trigger: /keyword grid_b is not recognized|unexpected keyword argument 'b'/,
  names: ['grid'],
  from: 'b',
  to: 'visible'
});

const boxplotLabels = renamedCallKeyword({
  id: 'mpl-boxplot-labels',
  fact: fact('mpl-boxplot-labels', '3.11', 'The labels= argument of boxplot was renamed to tick_labels in Matplotlib 3.11.'),
  trigger: /boxplot\(\) got an unexpected keyword argument 'labels'/,
  names: ['boxplot'],
  from: 'labels',
  to: 'tick_labels',
  exclude: ['seaborn', 'pandas']
});

const setTicklabelsKeyword = renamedCallKeyword({
  id: 'mpl-set_ticklabels-ticklabels-kw',
  fact: fact('mpl-set_ticklabels-ticklabels-kw', '3.9', 'The ticklabels= argument of set_ticklabels was renamed to labels in Matplotlib 3.9.'),
  trigger: /set_ticklabels\(\) missing 1 required positional argument: 'labels'|unexpected keyword argument 'ticklabels'/,
  names: ['set_ticklabels', 'set_xticklabels', 'set_yticklabels'],
  from: 'ticklabels',
  to: 'labels'
});

/** `plt.cm.get_cmap('jet')` / `matplotlib.cm.get_cmap(...)` -> `plt.get_cmap(...)`. */
const cmGetCmap = customRule({
  id: 'mpl-cm-get_cmap',
  category: 'removed-api',
  fact: fact('mpl-cm-get_cmap', '3.9', 'matplotlib.cm.get_cmap was removed in Matplotlib 3.9; use matplotlib.pyplot.get_cmap or matplotlib.colormaps[name].'),
  trigger: /module 'matplotlib\.cm' has no attribute 'get_cmap'|cannot import name 'get_cmap' from 'matplotlib\.cm'/,
  static: true,
  fix: ({ source }) => {
    const calls = source.callsTo(qualified => qualified === 'matplotlib.cm.get_cmap' || qualified === 'matplotlib.pyplot.cm.get_cmap');
    const attributeCalls = calls.filter(call => source.callee(call)?.name === 'MemberExpression');
    if (attributeCalls.length === 0) {
      return [];
    }
    const pyplot = importedName(source, 'matplotlib.pyplot', 'plt');
    return [...pyplot.edits, ...attributeCalls.map(call => replace(source.callee(call)!, `${pyplot.name}.get_cmap`))];
  }
});

/** `fig.gca(projection='3d')` -> `fig.add_subplot(projection='3d')`; `plt.gca(...)` -> `plt.gcf().add_subplot(...)`. */
const gcaProjection = customRule({
  id: 'mpl-gca-projection',
  category: 'signature-change',
  fact: fact('mpl-gca-projection', '3.6', 'gca() no longer takes projection= or other arguments since Matplotlib 3.6; use add_subplot(projection=...).'),
  trigger: /gca\(\) got an unexpected keyword argument/,
  static: true,
  fix: ({ source }) =>
    source.methodCalls('gca').flatMap(call => {
      if (!keywordArgument(source, call, 'projection')) {
        return [];
      }
      const callee = source.callee(call)!;
      const isPyplot = source.qualifiedName(callee) === 'matplotlib.pyplot.gca';
      return [replace(callee.lastChild!, isPyplot ? 'gcf().add_subplot' : 'add_subplot')];
    })
});

/** `ax.plot_date(d, v)` -> `ax.plot(d, v, 'o')` (plot_date's default format was 'o'). */
const plotDate = customRule({
  id: 'mpl-plot_date',
  category: 'removed-api',
  fact: fact('mpl-plot_date', '3.11', "plot_date was removed in Matplotlib 3.11; use plot(dates, values, 'o')."),
  trigger: /has no attribute 'plot_date'/,
  static: true,
  fix: ({ source }) =>
    source.methodCalls('plot_date').flatMap(call => {
      const args = source.callArguments(call);
      const positional = args.filter(arg => !arg.name && !arg.star);
      if (args.some(arg => arg.star || ['xdate', 'ydate', 'tz'].includes(arg.name ?? '')) || positional.length < 2) {
        return [];
      }
      const edits = [replace(source.callee(call)!.lastChild!, 'plot')];
      if (positional.length === 2 && !keywordArgument(source, call, 'fmt')) {
        edits.push(insertAt(positional[1].node.to, ", 'o'"));
      }
      return edits;
    })
});

/** `fig.canvas.tostring_rgb()` -> `np.asarray(fig.canvas.buffer_rgba())[..., :3].tobytes()` (same bytes). */
const tostringRgb = customRule({
  id: 'mpl-tostring_rgb',
  category: 'removed-api',
  fact: fact('mpl-tostring_rgb', '3.10', 'FigureCanvas.tostring_rgb was removed in Matplotlib 3.10; use buffer_rgba() and drop the alpha channel.'),
  trigger: /has no attribute 'tostring_rgb'/,
  static: true,
  fix: ({ source }) => {
    const calls = source.methodCalls('tostring_rgb').filter(call => source.callArguments(call).length === 0);
    if (calls.length === 0) {
      return [];
    }
    const numpy = importedName(source, 'numpy', 'np');
    return [
      ...numpy.edits,
      ...calls.map(call => replace(call, `${numpy.name}.asarray(${source.textOf(source.callee(call)!.firstChild!)}.buffer_rgba())[..., :3].tobytes()`))
    ];
  }
});

const axesGrid = movedModule({
  id: 'mpl-axes_grid-module',
  fact: fact('mpl-axes_grid-module', '3.6', 'mpl_toolkits.axes_grid was removed in Matplotlib 3.6; use mpl_toolkits.axes_grid1.'),
  trigger: /No module named 'mpl_toolkits\.axes_grid'/,
  module: 'mpl_toolkits.axes_grid',
  to: 'mpl_toolkits.axes_grid1'
});

const figureKeywordOnly = keywordOnly({
  id: 'mpl-figure-kwonly',
  fact: fact('mpl-figure-kwonly', '3.8', 'Since Matplotlib 3.8 only num, figsize and dpi may be passed to figure() positionally.'),
  trigger: /figure\(\) takes from 0 to 3 positional arguments/,
  calls: calleeIn('matplotlib.pyplot', ['figure']),
  keywords: [undefined, undefined, undefined, 'facecolor', 'edgecolor', 'frameon']
});

const legendHandles = renamedMethod({
  id: 'mpl-legendHandles',
  fact: fact('mpl-legendHandles', '3.9', 'Legend.legendHandles was removed in Matplotlib 3.9; use legend_handles.'),
  trigger: /'Legend' object has no attribute 'legendHandles'/,
  method: 'legendHandles',
  to: 'legend_handles',
  attribute: true,
  static: true
});

/** `tick.label.set_fontsize(8)` -> `tick.label1.set_fontsize(8)`; `.label` is too common to fix without the error. */
const tickLabel = customRule({
  id: 'mpl-tick-label',
  category: 'removed-api',
  fact: fact('mpl-tick-label', '3.8', 'Tick.label was removed in Matplotlib 3.8; use Tick.label1.'),
  trigger: /'[XY]Tick' object has no attribute 'label'/,
  static: false,
  fix: ({ source, error }) =>
    onCulpritLines(
      source,
      error,
      source.memberAccesses('label').filter(member => {
        const outer = member.parent;
        return outer?.name === 'MemberExpression' && outer.lastChild?.name === 'PropertyName' && /^(set|get)_/.test(source.textOf(outer.lastChild));
      })
    ).map(member => replace(member.lastChild!, 'label1'))
});

/** `ax = Axes3D(fig)` -> `ax = fig.add_subplot(projection='3d')`: since 3.7 Axes3D(fig) is not added to the figure. */
const axes3dAutoAdd = customRule({
  id: 'mpl-axes3d-auto-add',
  category: 'behavior-change',
  fact: fact('mpl-axes3d-auto-add', '3.7', "Since Matplotlib 3.7 Axes3D(fig) no longer adds itself to the figure (the plot stays empty); use fig.add_subplot(projection='3d')."),
  static: true,
  fix: ({ source }) =>
    source
      .callsTo(qualified => qualified === 'mpl_toolkits.mplot3d.Axes3D' || qualified === 'mpl_toolkits.mplot3d.axes3d.Axes3D')
      .flatMap(call => {
        const args = source.callArguments(call);
        if (args.length !== 1 || args[0].name || args[0].star || args[0].value.name !== 'VariableName') {
          return [];
        }
        return [replace(call, `${source.textOf(args[0].value)}.add_subplot(projection='3d')`)];
      })
});

/** An expression that can be written twice: names, attributes, literals, and calls to range/len/arange/linspace on such. */
function isPure(source: PythonSource, node: SyntaxNode): boolean {
  let pure = true;
  node.toTree().iterate({
    enter: ref => {
      if (ref.name === 'LambdaExpression' || ref.name === 'ArrayComprehensionExpression' || ref.name === 'YieldExpression') {
        pure = false;
      }
      if (ref.name === 'CallExpression') {
        const call = ref.node;
        const callee = call.firstChild;
        const name = callee ? source.textOf({ from: node.from + callee.from, to: node.from + callee.to }).split('.').pop() : '';
        if (!/^(range|len|arange|linspace|list|tuple|get_xticks|get_yticks|get_ticklocs|gca)$/.test(name ?? '')) {
          pure = false;
        }
      }
      return pure;
    }
  });
  return pure;
}

/** `labels` padded with '' or cut to the length of `ticks`, as Matplotlib before 3.5 paired them. */
function fitted(labels: string, ticksLength: string): string {
  return `(list(${labels}) + [''] * ${ticksLength})[:${ticksLength}]`;
}

/**
 * `plt.xticks(range(9), names_of_8)` -> labels padded with '' to the tick
 * count; `ax.set_xticklabels(names)` -> padded (or cut) to `len(ax.get_xticks())`.
 * Matplotlib before 3.5 paired ticks and labels with a FixedFormatter that
 * left extra ticks unlabeled and ignored extra labels; now the counts must
 * match. Only on the failing line.
 */
const ticklabelsCount = customRule({
  id: 'mpl-ticklabels-count-mismatch',
  category: 'behavior-change',
  fact: {
    library: 'matplotlib',
    version: '3.5',
    message: 'Since Matplotlib 3.5 set_ticklabels/xticks raise when the number of labels differs from the number of fixed ticks (before, extra ticks stayed unlabeled and extra labels were dropped); pad or cut the labels to the tick count.',
    source: changes('3.5')
  },
  trigger: /The number of FixedLocator locations \(\d+\), usually from a call to set_ticks, does not match the number of labels \(\d+\)/,
  static: false,
  fix: ({ source, error }) => {
    const edits: IEdit[] = [];
    const calls = onCulpritLines(source, error, callsNamed(source, 'xticks', 'yticks', 'set_xticks', 'set_yticks', 'set_ticks', 'set_xticklabels', 'set_yticklabels', 'set_ticklabels'));
    for (const call of calls) {
      const callee = source.callee(call)!;
      const name = source.textOf(callee.name === 'MemberExpression' ? callee.lastChild! : callee);
      const args = source.callArguments(call);
      if (args.some(arg => arg.star)) {
        continue;
      }
      const positional = args.filter(arg => !arg.name);
      if (/ticks$/.test(name)) {
        // xticks(ticks, labels) / set_xticks(ticks, labels)
        const ticks = positional[0] ?? args.find(arg => arg.name === 'ticks');
        const labels = positional[1] ?? args.find(arg => arg.name === 'labels');
        if (ticks && labels && isPure(source, ticks.value)) {
          edits.push(replace(labels.value, fitted(source.textOf(labels.value), `len(${source.textOf(ticks.value)})`)));
        }
        continue;
      }
      // set_xticklabels(labels) on an Axes, set_ticklabels(labels) on an Axis.
      const labels = positional[0] ?? args.find(arg => arg.name === 'labels');
      const owner = callee.name === 'MemberExpression' ? callee.firstChild! : undefined;
      if (!labels || !owner || !isPure(source, owner)) {
        continue;
      }
      const getter = name === 'set_xticklabels' ? 'get_xticks' : name === 'set_yticklabels' ? 'get_yticks' : 'get_ticklocs';
      edits.push(replace(labels.value, fitted(source.textOf(labels.value), `len(${source.textOf(owner)}.${getter}())`)));
    }
    return edits;
  }
});

/**
 * `plt.xticks(rotation='60')` -> `rotation=60`: a number written as a string
 * was read as the angle until matplotlib 3.6 checked the type. Any call's
 * `rotation=` (xticks, set_xticklabels, text, setp, tick_params...) takes it.
 */
const rotationNumericString = customRule({
  id: 'mpl-rotation-numeric-string',
  category: 'signature-change',
  fact: {
    library: 'matplotlib',
    version: '3.6',
    message: "Since matplotlib 3.6 a text rotation is a number or 'vertical' / 'horizontal'; a number written as a string ('60') is refused: write 60.",
    source: 'https://github.com/matplotlib/matplotlib/pull/22539'
  },
  trigger: /rotation must be 'vertical', 'horizontal' or a number, not/,
  static: false,
  fix: ({ source }) =>
    source.findAll('CallExpression').flatMap(call =>
      source.callArguments(call).flatMap(arg => {
        const number = arg.name === 'rotation' && arg.value.name === 'String' ? /^(['"])\s*(-?\d+(?:\.\d*)?)\s*\1$/.exec(source.textOf(arg.value)) : null;
        return number ? [replace(arg.value, number[2])] : [];
      })
    )
});

export const matplotlibRules: IRule[] = [
  styleSeaborn,
  histNormed,
  gridB,
  boxplotLabels,
  setTicklabelsKeyword,
  cmGetCmap,
  gcaProjection,
  plotDate,
  tostringRgb,
  axesGrid,
  figureKeywordOnly,
  legendHandles,
  tickLabel,
  axes3dAutoAdd,
  ticklabelsCount,
  rotationNumericString
];
