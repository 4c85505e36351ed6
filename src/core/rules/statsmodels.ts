/** statsmodels 0.11-0.13 removals: the old ARIMA/ARMA classes and seasonal_decompose(freq=). */
import { calleeIn } from '../python/calls';
import { customRule, renamedKeyword } from './builders';
import { importedFrom, rewriteFromImports } from '../python/imports';
import { onCulpritLines } from './culprit';
import type { SyntaxNode } from '@lezer/common';
import { replace } from '../python/edit';
import type { IEdit } from '../python/edit';
import type { ICallArgument, PythonSource } from '../python/syntax';
import type { IFact, IRule } from './types';

const RELEASE_013 = 'https://www.statsmodels.org/stable/release/version0.13.html';
const RELEASE_011 = 'https://www.statsmodels.org/stable/release/version0.11.html';

function fact(catalogId: string, version: string, message: string, source: string): IFact {
  return { library: 'statsmodels', version, message, source, catalogId };
}

const OLD_MODULE = 'statsmodels.tsa.arima_model';
const NEW_MODULE = 'statsmodels.tsa.arima.model';

/**
 * `from statsmodels.tsa.arima_model import ARIMA, ARMA` ->
 * `from statsmodels.tsa.arima.model import ARIMA`, and `ARMA(y, order=(p, q))`
 * -> `ARIMA(y, order=(p, 0, q))`; `sm.tsa.ARMA(...)` likewise. The new class
 * estimates by state-space MLE and its fit() takes other arguments (see
 * statsmodels-arima-fit-arguments).
 */
const arimaModel = customRule({
  id: 'statsmodels-arima_model-removed',
  category: 'removed-api',
  fact: fact(
    'statsmodels-arima_model-removed',
    '0.13',
    'statsmodels 0.13 removed statsmodels.tsa.arima_model.ARIMA and ARMA; use statsmodels.tsa.arima.model.ARIMA (ARMA(p, q) is ARIMA order (p, 0, q); estimates differ slightly, and with d > 0 fittedvalues/predict are in levels, not differences).',
    RELEASE_013
  ),
  trigger: /arima_model\.ARIMA have\s+been removed in favor of statsmodels\.tsa\.arima\.model\.ARIMA|No module named 'statsmodels\.tsa\.arima_model'|has no attribute 'ARMA'/,
  static: true,
  fix: ({ source }) => {
    const edits: IEdit[] = [];
    // Names bound to the old ARMA class (`ARMA`, or its alias), to rewrite their calls.
    const armaNames = new Set<string>();
    edits.push(
      ...rewriteFromImports(
        source,
        module => module === OLD_MODULE,
        (name, alias) => {
          if (name === 'ARIMA') {
            return { module: NEW_MODULE, part: alias ? `ARIMA as ${alias}` : 'ARIMA' };
          }
          if (name === 'ARMA') {
            armaNames.add(alias ?? 'ARMA');
            // Calls to it become ARIMA calls; keep the local name importable when aliased.
            return { module: NEW_MODULE, part: alias ? `ARIMA as ${alias}` : 'ARIMA' };
          }
          return undefined;
        }
      )
    );
    for (const statement of source.findAll('ImportStatement')) {
      const match = /^import\s+statsmodels\.tsa\.arima_model(\s+as\s+\w+)?$/.exec(source.textOf(statement));
      if (match) {
        edits.push(replace(statement, `import ${NEW_MODULE}${match[1] ?? ' as arima_model'}`));
      }
    }
    // `ARMA(y, order=(p, q))` (or through `sm.tsa.ARMA`) -> `ARIMA(y, order=(p, 0, q))`.
    const armaCalls = source.callsTo((qualified, dotted) => {
      return (
        (armaNames.has(dotted) && !dotted.includes('.')) ||
        qualified === `${OLD_MODULE}.ARMA` ||
        /^statsmodels\.(api\.)?tsa\.(api\.)?ARMA$/.test(qualified)
      );
    });
    // ARMA imported by an earlier cell (statsmodels keeps the module as a stub, so that import still runs):
    // the ARIMA the rewritten calls need is imported here.
    let imported: { name: string; edits: IEdit[] } | undefined;
    for (const call of armaCalls) {
      const args = source.callArguments(call);
      const positional = args.filter(arg => !arg.name && !arg.star);
      const order = args.find(arg => arg.name === 'order') ?? positional[1];
      const tuple = order && /^\(\s*([^,()]+)\s*,\s*([^,()]+)\s*\)$/.exec(source.textOf(order.value));
      // order must be the last positional argument to become a keyword (ARIMA's second parameter is exog).
      if (!order || !tuple || args.some(arg => arg.star) || positional.length > 2) {
        continue;
      }
      const callee = source.callee(call)!;
      const dotted = source.dottedName(callee)!;
      if (dotted.includes('.')) {
        edits.push(replace(callee.lastChild!, 'ARIMA'));
      } else if (armaNames.has(dotted)) {
        if (dotted === 'ARMA') {
          edits.push(replace(callee, 'ARIMA'));
        }
      } else {
        if (!imported) {
          imported = importedFrom(source, NEW_MODULE, 'ARIMA');
          edits.push(...imported.edits);
        }
        edits.push(replace(callee, imported.name));
      }
      edits.push(replace(order.node, `order=(${tuple[1].trim()}, 0, ${tuple[2].trim()})`));
    }
    return edits;
  }
});

/** fit() arguments of the removed ARIMA/ARMA that the new ARIMA.fit() does not take. */
const OLD_FIT_ARGUMENTS = ['disp', 'transparams', 'solver', 'maxiter', 'full_output', 'callback', 'start_ar_lags', 'trend'];
const OLD_FIT_METHODS = ['css-mle', 'mle', 'css'];

/** `(p, d, q)` of an ARIMA call's order literal, as source texts. */
function orderOf(source: PythonSource, call: SyntaxNode): { arg: ICallArgument; p: string; d: string; q: string } | undefined {
  const args = source.callArguments(call);
  const arg = args.find(a => a.name === 'order') ?? args.filter(a => !a.name && !a.star)[1];
  const match = arg && /^\(\s*([^,()]+?)\s*,\s*([^,()]+?)\s*,\s*([^,()]+?)\s*\)$/.exec(source.textOf(arg.value));
  return arg && match ? { arg, p: match[1], d: match[2], q: match[3] } : undefined;
}

/**
 * `model = ARIMA(ts, order=(2, 1, 0)); res = model.fit(disp=-1)` ->
 * `model = ARIMA(ts.diff().dropna(), order=(2, 0, 0)); res = model.fit()`.
 * The new ARIMA.fit() takes none of the old optimizer arguments (disp,
 * solver, transparams, maxiter, method='css-mle', ...). And the old ARIMA
 * with d > 0 modeled the differenced series: its fittedvalues and predict()
 * were differences (with a constant), which the code then used (RSS against
 * the differenced series, cumsum back to levels); the new class returns
 * levels. Fitting the differenced series with d = 0 keeps that meaning.
 * Triggered only by the old fit() arguments (the code was written for the
 * old class); the constructor is rewritten when it is in the same cell.
 */
const arimaFitArguments = customRule({
  id: 'statsmodels-arima-fit-arguments',
  category: 'signature-change',
  fact: fact(
    'statsmodels-arima_model-removed',
    '0.13',
    "statsmodels 0.13's ARIMA.fit() takes none of the old disp=, solver=, transparams=, maxiter=, method='css-mle' arguments, and with d > 0 it returns levels where the removed ARIMA returned differences; fit the differenced series with d = 0 to keep the old fittedvalues/predict (forecasts are then differences too).",
    RELEASE_013
  ),
  trigger: /ARIMA\.fit\(\) got an unexpected keyword argument '(disp|transparams|solver|maxiter|full_output|callback|start_ar_lags|trend)'/,
  static: false,
  fix: ({ source, error }) => {
    const edits: IEdit[] = [];
    const constructors = source
      .findAll('CallExpression')
      .filter(call => (source.dottedName(source.callee(call)) ?? '').split('.').pop() === 'ARIMA' && !source.callArguments(call).some(arg => arg.star));
    let noConstant = false;
    for (const call of onCulpritLines(source, error, source.methodCalls('fit'))) {
      const args = source.callArguments(call);
      if (args.some(arg => arg.star)) {
        continue;
      }
      const removed = args.filter(arg => {
        if (!arg.name) {
          return false;
        }
        if (arg.name === 'trend') {
          // The constant moves to the constructor: only when the constructor is here to take it.
          const value = source.textOf(arg.value).replace(/^['"]|['"]$/g, '');
          noConstant = noConstant || value === 'nc';
          return constructors.length > 0 && (value === 'nc' || value === 'c');
        }
        if (OLD_FIT_ARGUMENTS.includes(arg.name)) {
          return true;
        }
        return arg.name === 'method' && OLD_FIT_METHODS.includes(source.textOf(arg.value).replace(/^['"]|['"]$/g, ''));
      });
      if (removed.length === 0) {
        continue;
      }
      const kept = args.filter(arg => !removed.includes(arg)).map(arg => source.textOf(arg.node));
      const argList = call.getChild('ArgList')!;
      edits.push({ from: argList.from + 1, to: argList.to - 1, insert: kept.join(', ') });
    }
    if (edits.length === 0) {
      return [];
    }
    for (const call of constructors) {
      const order = orderOf(source, call);
      const endog = source.callArguments(call).find(arg => !arg.name);
      const differences = order && /^[12]$/.test(order.d) ? Number(order.d) : 0;
      if (order && endog && differences > 0 && /^(VariableName|MemberExpression)$/.test(endog.value.name) && !source.textOf(endog.value).includes('(')) {
        edits.push(replace(endog.value, `${source.textOf(endog.value)}${'.diff()'.repeat(differences)}.dropna()`));
        edits.push(replace(order.arg.value, `(${order.p}, 0, ${order.q})`));
      }
      if (noConstant && !source.callArguments(call).some(arg => arg.name === 'trend')) {
        const last = source.callArguments(call).pop()!;
        edits.push({ from: last.node.to, to: last.node.to, insert: ", trend='n'" });
      }
    }
    return edits;
  }
});

const seasonalDecomposeFreq = renamedKeyword({
  id: 'statsmodels-seasonal_decompose-freq',
  fact: fact(
    'statsmodels-seasonal_decompose-freq',
    '0.11',
    'seasonal_decompose(freq=) was renamed to period= in statsmodels 0.11 (the old name was later removed).',
    RELEASE_011
  ),
  trigger: /seasonal_decompose\(\) got an unexpected keyword argument 'freq'/,
  calls: calleeIn('statsmodels', ['seasonal_decompose']),
  from: 'freq',
  to: 'period'
});

export const statsmodelsRules: IRule[] = [arimaModel, arimaFitArguments, seasonalDecomposeFreq];
