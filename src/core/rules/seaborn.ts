/** seaborn 0.9-0.13 removals, renames and the keyword-only data arguments. */
import type { SyntaxNode } from '@lezer/common';
import { customRule, movedModule, renamedMember } from './builders';
import { appendArgument, keywordArgument, removeArgument } from '../python/calls';
import { replace } from '../python/edit';
import type { IEdit } from '../python/edit';
import type { ICallArgument, PythonSource } from '../python/syntax';
import type { IFact, IRule } from './types';

const whatsnew = (version: string) => `https://seaborn.pydata.org/whatsnew/v${version}.0.html`;

function fact(catalogId: string, version: string, message: string): IFact {
  return { library: 'seaborn', version, message, source: whatsnew(version), catalogId };
}

/** Calls to `seaborn.<name>` for the names, through any alias or from-import. */
function seabornCalls(source: PythonSource, ...names: string[]): SyntaxNode[] {
  return source.callsTo(qualified => qualified.startsWith('seaborn.') && names.includes(qualified.slice('seaborn.'.length)));
}

/** The callee with its last name replaced (`sns.distplot` -> `sns.histplot`, `distplot` -> `histplot`). */
function renamedCallee(source: PythonSource, call: SyntaxNode, name: string): string {
  const dotted = source.dottedName(source.callee(call))!;
  return [...dotted.split('.').slice(0, -1), name].join('.');
}

/** Edit renaming a keyword argument, optionally with a new value. */
function renameKeyword(arg: ICallArgument, to: string, value?: string): IEdit {
  return value === undefined ? replace({ from: arg.node.from, to: arg.value.from }, `${to}=`) : replace(arg.node, `${to}=${value}`);
}

/**
 * `sns.distplot(x)` -> `sns.histplot(x, kde=True, stat='density')` (distplot
 * drew a density histogram with a KDE), `distplot(x, kde=False)` ->
 * `histplot(x)`, `distplot(x, hist=False)` -> `kdeplot(x)`. Calls with
 * fit=, vertical=, rug= or hist_kws= have no one-line equivalent: left alone.
 */
const distplot = customRule({
  id: 'seaborn-distplot',
  category: 'removed-api',
  fact: fact('seaborn-distplot', '0.11', 'sns.distplot is deprecated since seaborn 0.11 (removal planned for 0.14); use histplot (or kdeplot / displot).'),
  trigger: /has no attribute 'distplot'/,
  static: true,
  fix: ({ source }) =>
    seabornCalls(source, 'distplot').flatMap(call => {
      const args = source.callArguments(call);
      const passThrough = ['bins', 'color', 'label', 'ax', 'kde_kws'];
      const flags = ['kde', 'hist', 'norm_hist', 'rug'];
      if (args.some(arg => arg.star || (arg.name && !passThrough.includes(arg.name) && !flags.includes(arg.name) && arg.name !== 'a'))) {
        return [];
      }
      const flag = (name: string, fallback: string) => {
        const arg = keywordArgument(source, call, name);
        return arg ? source.textOf(arg.value) : fallback;
      };
      const [kde, hist, normHist, rug] = [flag('kde', 'True'), flag('hist', 'True'), flag('norm_hist', 'False'), flag('rug', 'False')];
      if (![kde, hist, normHist, rug].every(value => value === 'True' || value === 'False') || rug === 'True') {
        return [];
      }
      const data = args.find(arg => arg.name === 'a') ?? args.find(arg => !arg.name);
      if (!data) {
        return [];
      }
      const kept = args.filter(arg => arg.name && passThrough.includes(arg.name)).map(arg => source.textOf(arg.node));
      const dataText = source.textOf(data.value);
      if (hist === 'False') {
        const kdeKept = args.filter(arg => arg.name && ['color', 'label', 'ax'].includes(arg.name)).map(arg => source.textOf(arg.node));
        return kde === 'True' ? [replace(call, `${renamedCallee(source, call, 'kdeplot')}(${[dataText, ...kdeKept].join(', ')})`)] : [];
      }
      const extra = [...(kde === 'True' ? ['kde=True'] : []), ...(kde === 'True' || normHist === 'True' ? ["stat='density'"] : [])];
      return [replace(call, `${renamedCallee(source, call, 'histplot')}(${[dataText, ...kept, ...extra].join(', ')})`)];
    })
});

/** `sns.factorplot(..., size=4)` -> `sns.catplot(..., kind='point', height=4)` (factorplot's default kind was 'point'). */
const factorplot = customRule({
  id: 'seaborn-factorplot',
  category: 'removed-api',
  fact: fact('seaborn-factorplot', '0.12', "sns.factorplot was removed in seaborn 0.12; use sns.catplot (kind='point' was factorplot's default)."),
  trigger: /has no attribute 'factorplot'/,
  static: true,
  fix: ({ source }) =>
    seabornCalls(source, 'factorplot').flatMap(call => {
      const args = source.callArguments(call);
      const edits: IEdit[] = [replace(source.callee(call)!, renamedCallee(source, call, 'catplot'))];
      const size = keywordArgument(source, call, 'size');
      if (size) {
        edits.push(renameKeyword(size, 'height'));
      }
      if (!keywordArgument(source, call, 'kind') && !args.some(arg => arg.star)) {
        edits.push(appendArgument(source, call, "kind='point'"));
      }
      return edits;
    })
});

/**
 * `sns.tsplot(data=df, time='t', value='y', condition='c', unit='s')` ->
 * `sns.lineplot(data=df, x='t', y='y', hue='c', errorbar=('ci', 68))`:
 * lineplot averages over units itself; tsplot's band was a 68% CI.
 */
const tsplot = customRule({
  id: 'seaborn-tsplot',
  category: 'removed-api',
  fact: fact('seaborn-tsplot', '0.10', 'sns.tsplot was removed in seaborn 0.10; use sns.lineplot on long-form data.'),
  trigger: /has no attribute 'tsplot'/,
  static: true,
  fix: ({ source }) =>
    seabornCalls(source, 'tsplot').flatMap(call => {
      const args = source.callArguments(call);
      const mapping: Record<string, string | null> = { data: 'data', time: 'x', value: 'y', condition: 'hue', unit: null, color: 'color', ax: 'ax', legend: 'legend', estimator: 'estimator', ci: 'errorbar' };
      if (!keywordArgument(source, call, 'time') || !keywordArgument(source, call, 'value') || !keywordArgument(source, call, 'data')) {
        return [];
      }
      if (args.some(arg => !arg.name || !(arg.name in mapping))) {
        return [];
      }
      const parts = args
        .filter(arg => mapping[arg.name!] !== null)
        .map(arg => (arg.name === 'ci' ? `errorbar=('ci', ${source.textOf(arg.value)})` : `${mapping[arg.name!]}=${source.textOf(arg.value)}`));
      if (!keywordArgument(source, call, 'ci')) {
        parts.push("errorbar=('ci', 68)");
      }
      return [replace(call, `${renamedCallee(source, call, 'lineplot')}(${parts.join(', ')})`)];
    })
});

const lvplot = renamedMember({
  id: 'seaborn-lvplot',
  fact: fact('seaborn-lvplot', '0.11', 'sns.lvplot was removed in seaborn 0.11; use sns.boxenplot.'),
  trigger: /has no attribute 'lvplot'/,
  module: 'seaborn',
  name: 'lvplot',
  to: 'boxenplot'
});

/** Figure-level functions whose `size=` became `height=` (not scatterplot & co, where size= is a variable). */
const FIGURE_LEVEL = ['lmplot', 'FacetGrid', 'pairplot', 'jointplot', 'catplot', 'relplot', 'displot', 'PairGrid', 'JointGrid'];

const sizeHeight = customRule({
  id: 'seaborn-size-height',
  category: 'signature-change',
  fact: fact('seaborn-size-height', '0.9', 'seaborn 0.9 renamed size= to height= in figure-level functions (lmplot, FacetGrid, pairplot, jointplot, catplot); the old name was later removed.'),
  trigger: /unexpected keyword argument 'size'/,
  static: true,
  fix: ({ source }) =>
    seabornCalls(source, ...FIGURE_LEVEL).flatMap(call => {
      const size = keywordArgument(source, call, 'size');
      return size && !keywordArgument(source, call, 'height') ? [renameKeyword(size, 'height')] : [];
    })
});

/** The old positional parameters of the functions that became keyword-only in 0.12. */
const OLD_POSITIONALS: Record<string, string[]> = {
  barplot: ['x', 'y', 'hue', 'data'],
  countplot: ['x', 'y', 'hue', 'data'],
  boxplot: ['x', 'y', 'hue', 'data'],
  violinplot: ['x', 'y', 'hue', 'data'],
  stripplot: ['x', 'y', 'hue', 'data'],
  swarmplot: ['x', 'y', 'hue', 'data'],
  pointplot: ['x', 'y', 'hue', 'data'],
  boxenplot: ['x', 'y', 'hue', 'data'],
  scatterplot: ['x', 'y', 'hue', 'style', 'size', 'data'],
  lineplot: ['x', 'y', 'hue', 'style', 'size', 'data'],
  regplot: ['x', 'y', 'data'],
  residplot: ['x', 'y', 'data'],
  jointplot: ['x', 'y', 'data'],
  kdeplot: ['x', 'y']
};

/** A single positional argument that is a column or vector, not a whole frame: `df['c']`, `df.c`, `'c'`. */
function looksLikeVector(source: PythonSource, node: SyntaxNode): boolean {
  if (node.name === 'String') {
    return true;
  }
  if (node.name !== 'MemberExpression') {
    return false;
  }
  if (node.lastChild?.name === 'PropertyName') {
    // `df.col`, but not `self.df` or `data.frame`-style attribute chains of modules.
    const base = node.firstChild;
    return base?.name === 'VariableName' && source.textOf(base) !== 'self' && !source.imports.has(source.textOf(base));
  }
  const key = node.firstChild?.nextSibling?.nextSibling;
  return node.lastChild?.name === ']' && key?.name === 'String';
}

/**
 * `sns.barplot(x_series, y_series)` -> `sns.barplot(x=x_series, y=y_series)`,
 * `sns.countplot(df['c'])` -> `sns.countplot(x=df['c'])` (a single
 * positional is read as `data` since 0.12, which silently plots something
 * else). A single plain name may be a frame: left alone.
 */
const keywordOnlyData = customRule({
  id: 'seaborn-keyword-only',
  category: 'signature-change',
  fact: fact('seaborn-keyword-only', '0.12', 'seaborn 0.12 made the plotting functions keyword-only except data: sns.barplot(x, y) -> sns.barplot(x=x, y=y).'),
  trigger: /(barplot|countplot|boxplot|violinplot|stripplot|swarmplot|pointplot|boxenplot|scatterplot|lineplot|regplot|residplot|jointplot|kdeplot)\(\) (takes from 0 to 1 positional|got multiple values for argument 'data')/,
  static: true,
  fix: ({ source }) =>
    seabornCalls(source, ...Object.keys(OLD_POSITIONALS)).flatMap(call => {
      const name = source.qualifiedName(source.callee(call))!.slice('seaborn.'.length);
      const keywords = OLD_POSITIONALS[name];
      const args = source.callArguments(call);
      const positional = args.filter(arg => !arg.name && !arg.star);
      if (args.some(arg => arg.star) || positional.length === 0 || positional.length > keywords.length) {
        return [];
      }
      const single = positional.length === 1;
      if (single && (name === 'kdeplot' || !looksLikeVector(source, positional[0].value))) {
        return [];
      }
      if (positional.some((_, index) => keywordArgument(source, call, keywords[index]))) {
        return [];
      }
      return positional.map((arg, index) => replace(arg.node, `${keywords[index]}=${source.textOf(arg.value)}`));
    })
});

/** `ci=None` -> `errorbar=None`, `ci='sd'` -> `errorbar='sd'`, `ci=68` -> `errorbar=('ci', 68)`. */
const ciErrorbar = customRule({
  id: 'seaborn-ci-errorbar',
  category: 'signature-change',
  fact: fact('seaborn-ci-errorbar', '0.12', 'seaborn 0.12 deprecated ci= in favour of errorbar= (ci=None -> errorbar=None, ci=68 -> errorbar=(\'ci\', 68)).'),
  static: true,
  fix: ({ source }) =>
    seabornCalls(source, 'barplot', 'pointplot', 'lineplot', 'relplot', 'catplot').flatMap(call => {
      const ci = keywordArgument(source, call, 'ci');
      if (!ci || keywordArgument(source, call, 'errorbar')) {
        return [];
      }
      const value = source.textOf(ci.value);
      const errorbar = value === 'None' || /^['"]sd['"]$/.test(value) ? value : /^\d+(\.\d+)?$/.test(value) ? `('ci', ${value})` : undefined;
      return errorbar ? [renameKeyword(ci, 'errorbar', errorbar)] : [];
    })
});

/** `kdeplot(x, shade=True, bw=0.5)` -> `kdeplot(x, fill=True, bw_method=0.5)`. */
const kdeplotShade = customRule({
  id: 'seaborn-kdeplot-shade',
  category: 'signature-change',
  fact: fact('seaborn-kdeplot-shade', '0.11', 'seaborn 0.11 renamed kdeplot shade= to fill= and bw= to bw_method= (the old names go away in 0.14).'),
  static: true,
  fix: ({ source }) =>
    seabornCalls(source, 'kdeplot').flatMap(call => {
      const edits: IEdit[] = [];
      const shade = keywordArgument(source, call, 'shade');
      if (shade && !keywordArgument(source, call, 'fill')) {
        edits.push(renameKeyword(shade, 'fill'));
      }
      const bw = keywordArgument(source, call, 'bw');
      if (bw && !keywordArgument(source, call, 'bw_method') && !/^['"]/.test(source.textOf(bw.value))) {
        edits.push(renameKeyword(bw, 'bw_method'));
      }
      const shadeLowest = keywordArgument(source, call, 'shade_lowest');
      const lowest = shadeLowest && source.textOf(shadeLowest.value);
      if (shadeLowest && !keywordArgument(source, call, 'thresh') && (lowest === 'True' || lowest === 'False')) {
        edits.push(renameKeyword(shadeLowest, 'thresh', lowest === 'False' ? '0.05' : '0'));
      }
      return edits;
    })
});

const apionly = movedModule({
  id: 'seaborn-removed-modules',
  fact: fact('seaborn-removed-modules', '0.10', 'seaborn.apionly was removed in seaborn 0.10; import seaborn (it no longer changes styles on import).'),
  trigger: /No module named 'seaborn\.apionly'/,
  module: 'seaborn.apionly',
  to: 'seaborn'
});

const jointplotStatFunc = customRule({
  id: 'seaborn-jointplot-stat_func',
  category: 'signature-change',
  fact: fact('seaborn-jointplot-stat_func', '0.11', 'jointplot(stat_func=...) was removed in seaborn 0.11; compute the statistic (e.g. scipy.stats.pearsonr) and annotate it yourself.'),
  trigger: /unexpected keyword argument 'stat_func'/,
  static: true,
  fix: ({ source }) =>
    seabornCalls(source, 'jointplot').flatMap(call => {
      const arg = keywordArgument(source, call, 'stat_func');
      return arg ? [removeArgument(source, call, arg.node)] : [];
    })
});

/** `pointplot(join=False, errwidth=1)` -> `pointplot(linestyle='none', err_kws={'linewidth': 1})`. */
const pointplotJoin = customRule({
  id: 'seaborn-pointplot-join-scale',
  category: 'signature-change',
  fact: fact('seaborn-pointplot-join-scale', '0.13', "seaborn 0.13 deprecated pointplot join= and errwidth=; use linestyle='none' and err_kws={'linewidth': ...}."),
  static: true,
  fix: ({ source }) =>
    seabornCalls(source, 'pointplot').flatMap(call => {
      const edits: IEdit[] = [];
      const join = keywordArgument(source, call, 'join');
      if (join?.value && source.textOf(join.value) === 'False' && !keywordArgument(source, call, 'linestyle')) {
        edits.push(renameKeyword(join, 'linestyle', "'none'"));
      }
      const errwidth = keywordArgument(source, call, 'errwidth');
      if (errwidth && !keywordArgument(source, call, 'err_kws')) {
        edits.push(renameKeyword(errwidth, 'err_kws', `{'linewidth': ${source.textOf(errwidth.value)}}`));
      }
      return edits;
    })
});

/** `barplot(errcolor='k', errwidth=1)` -> `barplot(err_kws={'color': 'k', 'linewidth': 1})`. */
const barplotErrcolor = customRule({
  id: 'seaborn-barplot-errcolor',
  category: 'signature-change',
  fact: fact('seaborn-barplot-errcolor', '0.13', "seaborn 0.13 deprecated barplot errcolor= and errwidth=; use err_kws={'color': ..., 'linewidth': ...}."),
  static: true,
  fix: ({ source }) =>
    seabornCalls(source, 'barplot').flatMap(call => {
      const [color, width] = [keywordArgument(source, call, 'errcolor'), keywordArgument(source, call, 'errwidth')];
      if ((!color && !width) || keywordArgument(source, call, 'err_kws')) {
        return [];
      }
      const entries = [
        ...(color ? [`'color': ${source.textOf(color.value)}`] : []),
        ...(width ? [`'linewidth': ${source.textOf(width.value)}`] : [])
      ];
      const [first, second] = [color, width].filter((arg): arg is ICallArgument => !!arg);
      const edits = [renameKeyword(first, 'err_kws', `{${entries.join(', ')}}`)];
      if (second) {
        edits.push(removeArgument(source, call, second.node));
      }
      return edits;
    })
});

/** `violinplot(bw=0.2, scale='count')` -> `violinplot(bw_method=0.2, density_norm='count')`. */
const violinplotBw = customRule({
  id: 'seaborn-violinplot-bw',
  category: 'signature-change',
  fact: fact('seaborn-violinplot-bw', '0.13', 'seaborn 0.13 deprecated violinplot bw= and scale=; use bw_method= and density_norm=.'),
  static: true,
  fix: ({ source }) =>
    seabornCalls(source, 'violinplot').flatMap(call => {
      const edits: IEdit[] = [];
      const bw = keywordArgument(source, call, 'bw');
      if (bw && !keywordArgument(source, call, 'bw_method')) {
        edits.push(renameKeyword(bw, 'bw_method'));
      }
      const scale = keywordArgument(source, call, 'scale');
      if (scale && !keywordArgument(source, call, 'density_norm')) {
        edits.push(renameKeyword(scale, 'density_norm'));
      }
      return edits;
    })
});

export const seabornRules: IRule[] = [
  distplot,
  factorplot,
  tsplot,
  lvplot,
  sizeHeight,
  keywordOnlyData,
  ciErrorbar,
  kdeplotShade,
  apionly,
  jointplotStatFunc,
  pointplotJoin,
  barplotErrcolor,
  violinplotBw
];
