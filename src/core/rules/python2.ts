/** Python 2 leftovers that Python 3 refuses. */
import { customRule } from './builders';
import { replace } from '../python/edit';
import type { IRule } from './types';

const WHATS_NEW_3 = 'https://docs.python.org/3/whatsnew/3.0.html';

/** `print x, y` -> `print(x, y)`; `print >>f, x` -> `print(x, file=f)`; trailing comma -> end=' '. */
const printStatement = customRule({
  id: 'py2-print-statement',
  category: 'python2-syntax',
  fact: {
    library: 'python',
    version: '3.0',
    message: 'print is a function in Python 3: print x became print(x).',
    source: WHATS_NEW_3,
    catalogId: 'py2-print-statement'
  },
  trigger: /Missing parentheses in call to 'print'|SyntaxError: invalid syntax/,
  static: true,
  fix: ({ source }) =>
    source.findAll('PrintStatement').map(statement => {
      let body = source.textOf(statement).replace(/^print\s*/, '');
      let file = '';
      const redirect = /^>>\s*([^,]+),\s*/.exec(body);
      if (redirect) {
        file = `file=${redirect[1].trim()}`;
        body = body.slice(redirect[0].length);
      }
      let end = '';
      if (/,\s*$/.test(body)) {
        end = "end=' '";
        body = body.replace(/,\s*$/, '');
      }
      const args = [body.trim(), end, file].filter(Boolean).join(', ');
      return replace(statement, `print(${args})`);
    })
});

export const python2Rules: IRule[] = [printStatement];
