/** pandas 1.0-3.0 removals and the silent Copy-on-Write changes. */
import { customRule, renamedMethod } from './builders';
import { replace } from '../python/edit';
import type { IRule } from './types';

const PANDAS_2 = 'https://pandas.pydata.org/docs/whatsnew/v2.0.0.html';
const PANDAS_1 = 'https://pandas.pydata.org/docs/whatsnew/v1.0.0.html';

/** The local name pandas was imported as, `pd` when the cell does not say. */
function pandasAlias(imports: ReadonlyMap<string, string>): string {
  for (const [alias, target] of imports) {
    if (target === 'pandas') {
      return alias;
    }
  }
  return 'pd';
}

/** `df.append(other, ignore_index=True)` -> `pd.concat([df, other], ignore_index=True)`. */
const append = customRule({
  id: 'pandas-append',
  category: 'removed-api',
  fact: {
    library: 'pandas',
    version: '2.0',
    message: 'DataFrame.append and Series.append were removed in pandas 2.0; use pd.concat.',
    source: PANDAS_2,
    catalogId: 'pandas-append'
  },
  trigger: /'(DataFrame|Series)' object has no attribute 'append'/,
  static: false,
  fix: ({ source }) => {
    const pd = pandasAlias(source.imports);
    return source.methodCalls('append').flatMap(call => {
      const member = source.callee(call)!;
      const object = source.textOf(member.firstChild!);
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

const asMatrix = renamedMethod({
  id: 'pandas-as_matrix',
  fact: {
    library: 'pandas',
    version: '1.0',
    message: 'DataFrame.as_matrix was removed in pandas 1.0; use .to_numpy().',
    source: PANDAS_1,
    catalogId: 'pandas-as_matrix'
  },
  trigger: /object has no attribute 'as_matrix'/,
  method: 'as_matrix',
  to: 'to_numpy',
  static: true
});

export const pandasRules: IRule[] = [append, asMatrix];
