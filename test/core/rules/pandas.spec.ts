import { importAliases } from '../../../src/core/python/syntax';
import { RuleEngine, allFamilies, allRules } from '../../../src/core/rules';

const engine = new RuleEngine(allRules, allFamilies);

/** The triggered rule's id and rewrite for `code` failing with `ename: evalue`. */
function propose(code: string, ename: string, evalue: string, traceback: string[] = []) {
  const proposal = engine.propose(code, { ename, evalue, traceback });
  return proposal && { id: proposal.rules[0].id, source: proposal.source };
}

/** The pre-flight rewrite of one rule, or undefined when it does not fire. */
function scan(id: string, code: string): string | undefined {
  return engine.scan(code).find(finding => finding.rule.id === id)?.source;
}

const P = 'import pandas as pd\n';

describe('pandas rules', () => {
  describe('triggered by the real pandas 3 error', () => {
    it.each([
      ['pandas-append', P + "df = df.append({'a': 1}, ignore_index=True)\n", 'AttributeError', "'DataFrame' object has no attribute 'append'", P + "df = pd.concat([df, pd.DataFrame([{'a': 1}])], ignore_index=True)\n"],
      ['pandas-as_matrix', 'X = df.as_matrix()\n', 'AttributeError', "'DataFrame' object has no attribute 'as_matrix'", 'X = df.to_numpy()\n'],
      ['pandas-as_matrix', "X = df.as_matrix(columns=['a', 'b'])\n", 'AttributeError', "'DataFrame' object has no attribute 'as_matrix'", "X = df[['a', 'b']].to_numpy()\n"],
      ['pandas-ix', "x = df.ix[0:5, 'col']\n", 'AttributeError', "'DataFrame' object has no attribute 'ix'", "x = df.loc[0:5, 'col']\n"],
      ['pandas-ix', P + 'first = ts.ix[0]\n', 'AttributeError', "'Series' object has no attribute 'ix'", P + 'first = (ts.loc if pd.api.types.is_integer_dtype(ts.index) else ts.iloc)[0]\n'],
      ['pandas-get_value-set_value', "v = df.get_value(3, 'a')\n", 'AttributeError', "'DataFrame' object has no attribute 'get_value'", "v = df.at[3, 'a']\n"],
      ['pandas-get_value-set_value', "df.set_value(3, 'a', 0)\n", 'AttributeError', "'DataFrame' object has no attribute 'set_value'", "df.at[3, 'a'] = 0\n"],
      ['pandas-get_value-set_value', "df = df.set_value(i, 'a', v)\n", 'AttributeError', "'DataFrame' object has no attribute 'set_value'", "df.at[i, 'a'] = v\n"],
      ['pandas-sort', "df = df.sort('a', ascending=False)\n", 'AttributeError', "'DataFrame' object has no attribute 'sort'", "df = df.sort_values('a', ascending=False)\n"],
      ['pandas-sort', "df.sort(columns='a', inplace=True)\n", 'AttributeError', "'DataFrame' object has no attribute 'sort'", "df.sort_values(by='a', inplace=True)\n"],
      ['pandas-sort', 's.sort()\n', 'AttributeError', "'Series' object has no attribute 'sort'", 's = s.sort_values()\n'],
      ['pandas-sort', 's2 = s.order()\n', 'AttributeError', "'Series' object has no attribute 'order'", 's2 = s.sort_values()\n'],
      ['pandas-sort_index-by', "df.sort_index(by='a')\n", 'TypeError', "DataFrame.sort_index() got an unexpected keyword argument 'by'", "df.sort_values(by='a')\n"],
      ['pandas-applymap', 'df.applymap(str)\n', 'AttributeError', "'DataFrame' object has no attribute 'applymap'", 'df.map(str)\n'],
      ['pandas-tshift', 'df.tshift(1)\n', 'AttributeError', "'DataFrame' object has no attribute 'tshift'", 'df.shift(1)\n'],
      ['pandas-is_monotonic', 'ok = s.is_monotonic\n', 'AttributeError', "'Series' object has no attribute 'is_monotonic'", 'ok = s.is_monotonic_increasing\n'],
      ['kb:pandas:attribute-renamed:pandas.Series.valid', 's = s.valid()\n', 'AttributeError', "'Series' object has no attribute 'valid'", 's = s.dropna()\n'],
      ['pandas-bool', 'if s.bool():\n    pass\n', 'AttributeError', "'Series' object has no attribute 'bool'", 'if s.item():\n    pass\n'],
      ['pandas-get_dtype_counts', 'df.get_dtype_counts()\n', 'AttributeError', "'DataFrame' object has no attribute 'get_dtype_counts'", 'df.dtypes.value_counts()\n'],
      ['pandas-clip_upper_lower', 's.clip_upper(10)\n', 'AttributeError', "'Series' object has no attribute 'clip_upper'", 's.clip(upper=10)\n'],
      ['pandas-weekday_name', 'd = df.date.dt.weekday_name\n', 'AttributeError', "'DatetimeProperties' object has no attribute 'weekday_name'", 'd = df.date.dt.day_name()\n'],
      ['pandas-weekofyear', "w = df['d'].dt.weekofyear\n", 'AttributeError', "'DatetimeProperties' object has no attribute 'weekofyear'", "w = df['d'].dt.isocalendar().week\n"],
      ['pandas-lookup', "v = df.lookup(rows, cols)\n", 'AttributeError', "'DataFrame' object has no attribute 'lookup'", 'v = df.to_numpy()[df.index.get_indexer(rows), df.columns.get_indexer(cols)]\n'],
      ['pandas-mad', "m = df['a'].mad()\n", 'AttributeError', "'Series' object has no attribute 'mad'", "m = (df['a'] - df['a'].mean()).abs().mean()\n"],
      ['pandas-series-ravel', 'import numpy as np\nmodel.fit(X, y.ravel())\n', 'AttributeError', "'Series' object has no attribute 'ravel'", 'import numpy as np\nmodel.fit(X, np.ravel(y))\n'],
      ['pandas-pd-datetime', P + 'd = pd.datetime(2017, 1, 1)\n', 'AttributeError', "module 'pandas' has no attribute 'datetime'", 'import datetime\n' + P + 'd = datetime.datetime(2017, 1, 1)\n'],
      ['pandas-pd-datetime', P + 'from datetime import datetime\nd = pd.datetime.now()\n', 'AttributeError', "module 'pandas' has no attribute 'datetime'", P + 'from datetime import datetime\nd = datetime.now()\n'],
      ['pandas-pd-np', P + 'import numpy as np\nx = pd.np.nan\n', 'AttributeError', "module 'pandas' has no attribute 'np'", P + 'import numpy as np\nx = np.nan\n'],
      ['pandas-datetools', P + "d = pd.datetools.to_datetime('2017')\nx = pd.datetools.BDay(2)\ny = 3 * pd.datetools.bday\n", 'AttributeError', "module 'pandas' has no attribute 'datetools'", P + "d = pd.to_datetime('2017')\nx = pd.offsets.BDay(2)\ny = 3 * pd.offsets.BDay()\n"],
      ['pandas-top-level-value_counts', P + 'pd.value_counts(s, normalize=True)\n', 'AttributeError', "module 'pandas' has no attribute 'value_counts'", P + 'pd.Series(s).value_counts(normalize=True)\n'],
      ['pandas-numeric-index-classes', P + 'i = pd.Int64Index([1, 2])\n', 'AttributeError', "module 'pandas' has no attribute 'Int64Index'", P + "i = pd.Index([1, 2], dtype='int64')\n"],
      ['pandas-rolling-toplevel', P + "m = pd.rolling_mean(df['a'], 20, min_periods=5)\n", 'AttributeError', "module 'pandas' has no attribute 'rolling_mean'", P + "m = df['a'].rolling(20, min_periods=5).mean()\n"],
      ['pandas-rolling-toplevel', P + 'm = pd.expanding_std(a + b, ddof=0)\n', 'AttributeError', "module 'pandas' has no attribute 'expanding_std'", P + 'm = (a + b).expanding().std(ddof=0)\n'],
      ['pandas-rolling-toplevel', P + 'm = pd.rolling_apply(s, 5, np.median)\n', 'AttributeError', "module 'pandas' has no attribute 'rolling_apply'", P + 'm = s.rolling(5).apply(np.median, raw=True)\n'],
      ['pandas-rolling-toplevel', P + 'q = pd.rolling_quantile(s, 10, 0.9, min_periods=2)\n', 'AttributeError', "module 'pandas' has no attribute 'rolling_quantile'", P + 'q = s.rolling(10, min_periods=2).quantile(0.9)\n'],
      ['pandas-rolling-toplevel', P + "c = pd.rolling_corr(df['a'], df['b'], 20)\n", 'AttributeError', "module 'pandas' has no attribute 'rolling_corr'", P + "c = df['a'].rolling(20).corr(df['b'])\n"],
      ['pandas-rolling-toplevel', P + 'c = pd.rolling_cov(df, window=12, pairwise=True)\n', 'AttributeError', "module 'pandas' has no attribute 'rolling_cov'", P + 'c = df.rolling(window=12).cov(pairwise=True)\n'],
      ['pandas-rolling-toplevel', P + 'm = pd.expanding_apply(s, f, min_periods=3)\n', 'AttributeError', "module 'pandas' has no attribute 'expanding_apply'", P + 'm = s.expanding(min_periods=3).apply(f, raw=True)\n'],
      ['pandas-ewma-toplevel', P + 'c = pd.ewmcorr(a, b, 10)\n', 'AttributeError', "module 'pandas' has no attribute 'ewmcorr'", P + 'c = a.ewm(com=10).corr(b)\n'],
      ['pandas-ewma-toplevel', P + 'e = pd.ewma(s, span=12)\n', 'AttributeError', "module 'pandas' has no attribute 'ewma'", P + 'e = s.ewm(span=12).mean()\n'],
      ['pandas-util-testing', 'import pandas.util.testing as tm\n', 'ModuleNotFoundError', "No module named 'pandas.util.testing'", 'import pandas.testing as tm\n'],
      ['pandas-io-json-json_normalize', 'from pandas.io.json import json_normalize\n', 'ImportError', "cannot import name 'json_normalize' from 'pandas.io.json' (/x/pandas/io/json/__init__.py)", 'from pandas import json_normalize\n'],
      ['pandas-io-json-json_normalize', P + 'f = pd.io.json.json_normalize(d)\n', 'AttributeError', "module 'pandas.io.json' has no attribute 'json_normalize'", P + 'f = pd.json_normalize(d)\n'],
      ['pandas-fillna-method', "df.fillna(method='ffill', inplace=True)\n", 'TypeError', "NDFrame.fillna() got an unexpected keyword argument 'method'", 'df.ffill(inplace=True)\n'],
      ['pandas-fillna-method', "s = s.fillna(method='backfill', limit=2)\n", 'TypeError', "NDFrame.fillna() got an unexpected keyword argument 'method'", 's = s.bfill(limit=2)\n'],
      ['pandas-read_csv-bad_lines', P + "df = pd.read_csv('a.csv', error_bad_lines=False, warn_bad_lines=False)\n", 'TypeError', "read_csv() got an unexpected keyword argument 'error_bad_lines'", P + "df = pd.read_csv('a.csv', on_bad_lines='skip')\n"],
      ['pandas-read_csv-bad_lines', P + "df = pd.read_csv('a.csv', error_bad_lines=False)\n", 'TypeError', "read_csv() got an unexpected keyword argument 'error_bad_lines'", P + "df = pd.read_csv('a.csv', on_bad_lines='warn')\n"],
      ['pandas-read_csv-delim_whitespace', P + "df = pd.read_csv('a.txt', delim_whitespace=True)\n", 'TypeError', "read_csv() got an unexpected keyword argument 'delim_whitespace'", P + "df = pd.read_csv('a.txt', sep=r'\\s+')\n"],
      ['pandas-infer_datetime_format', P + "d = pd.to_datetime(s, infer_datetime_format=True)\n", 'TypeError', "to_datetime() got an unexpected keyword argument 'infer_datetime_format'", P + 'd = pd.to_datetime(s)\n'],
      ['pandas-describe-datetime_is_numeric', 'df.describe(include="all", datetime_is_numeric=True)\n', 'TypeError', "DataFrame.describe() got an unexpected keyword argument 'datetime_is_numeric'", 'df.describe(include="all")\n'],
      ['pandas-to_csv-line_terminator', "df.to_csv('o.csv', line_terminator='\\n')\n", 'TypeError', "NDFrame.to_csv() got an unexpected keyword argument 'line_terminator'", "df.to_csv('o.csv', lineterminator='\\n')\n"],
      ['pandas-positional-args-keyword-only', "X = df.drop('y', 1)\n", 'TypeError', 'DataFrame.drop() takes from 1 to 2 positional arguments but 3 were given', "X = df.drop('y', axis=1)\n"],
      ['pandas-positional-args-keyword-only', P + 'both = pd.concat([a, b], 1)\n', 'TypeError', 'concat() takes 1 positional argument but 2 were given', P + 'both = pd.concat([a, b], axis=1)\n'],
      ['pandas-positional-args-keyword-only', "t = df.pivot('a', 'b', 'c')\n", 'TypeError', 'DataFrame.pivot() takes 1 positional argument but 4 were given', "t = df.pivot(index='a', columns='b', values='c')\n"],
      ['pandas-positional-args-keyword-only', "df.dropna(0, 'any')\n", 'TypeError', 'DataFrame.dropna() takes 1 positional argument but 3 were given', "df.dropna(axis=0, how='any')\n"],
      ['pandas-offset-aliases', "m = df.resample('M').sum()\nr = pd.date_range('2020', periods=3, freq='15T')\n", 'ValueError', "Invalid frequency: M. Failed to parse with error message: ValueError(\"'M' is no longer supported for offsets. Please use 'ME' instead.\")", "m = df.resample('ME').sum()\nr = pd.date_range('2020', periods=3, freq='15min')\n"],
      ['pandas-offset-aliases', "g = df.groupby(pd.Grouper(key='d', freq='A-DEC')).size()\n", 'ValueError', 'Invalid frequency: A-DEC', "g = df.groupby(pd.Grouper(key='d', freq='YE-DEC')).size()\n"],
      ['pandas-frame-reductions-numeric_only', 'sns.heatmap(df.corr())\n', 'ValueError', "could not convert string to float: 'male'", 'sns.heatmap(df.corr(numeric_only=True))\n'],
      ['pandas-frame-reductions-numeric_only', 'm = df.mean(axis=0)\n', 'TypeError', "Cannot perform reduction 'mean' with string dtype", 'm = df.mean(axis=0, numeric_only=True)\n'],
      ['pandas-groupby-numeric_only', "g = df.groupby('k').mean()\n", 'TypeError', "dtype 'str' does not support operation 'mean'", "g = df.groupby('k').mean(numeric_only=True)\n"],
      ['pandas-groupby-numeric_only', "g = df.groupby(['a', 'b'])[cols].median()\n", 'TypeError', 'agg function failed [how->median,dtype->object]', "g = df.groupby(['a', 'b'])[cols].median(numeric_only=True)\n"]
    ])('%s: %j', (id, code, ename, evalue, expected) => {
      expect(propose(code, ename, evalue)).toEqual({ id, source: expected });
    });
  });

  // py2-dict-iteritems has the same shape and may come first in the rule order: test this rule on its own.
  it('pandas-iteritems: df.iteritems() -> df.items()', () => {
    const error = { ename: 'AttributeError', evalue: "'DataFrame' object has no attribute 'iteritems'", traceback: [] };
    const code = 'for c, s in df.iteritems():\n    pass\n';
    expect(engine.triggeredBy(error).map(rule => rule.id)).toContain('pandas-iteritems');
    const others = new Set(engine.triggeredBy(error).map(rule => rule.id).filter(id => id !== 'pandas-iteritems'));
    const proposal = engine.propose(code, error, undefined, others);
    expect(proposal && { id: proposal.rules[0].id, source: proposal.source }).toEqual({ id: 'pandas-iteritems', source: 'for c, s in df.items():\n    pass\n' });
  });

  describe('leaves other shapes alone', () => {
    it.each([
      ['list.sort() under a Series error on another line', 'lst.sort()\ns.sort()\n', 'AttributeError', "'Series' object has no attribute 'sort'", ['Cell In[4], line 2\n      1 lst.sort()\n----> 2 s.sort()'], 'lst.sort()\ns = s.sort_values()\n'],
      ['a model fit failing on strings', 'm = df.mean()\nmodel.fit(X, y)\n', 'ValueError', "could not convert string to float: 'male'", ['Cell In[2], line 2', 'File /x/site-packages/sklearn/base.py:1, in fit'], null],
      ['np.mean is not a frame reduction', 'import numpy as np\nm = np.mean(x)\n', 'TypeError', "Cannot perform reduction 'mean' with string dtype", [], null],
      ['a keyword-only error of another method', "X = df.drop('y', 1)\n", 'TypeError', 'KFold.__init__() takes 1 positional argument but 4 were given', [], null],
      ['fillna with a fill value and a method', "df.fillna(0, method='ffill')\n", 'TypeError', "NDFrame.fillna() got an unexpected keyword argument 'method'", [], null],
      ['Period frequencies and unknown aliases', "p = pd.period_range('2020', periods=3, freq='M')\nr = pd.date_range('2020', periods=3, freq='MS')\n", 'ValueError', 'Invalid frequency: M', [], null]
    ])('%s', (_name, code, ename, evalue, traceback, expected) => {
      const proposal = propose(code as string, ename as string, evalue as string, traceback as string[]);
      expect(proposal?.source ?? null).toBe(expected);
    });

    it('does not list list/dict methods in the pre-flight scan', () => {
      const ids = engine.scan('rows = []\nrows.sort()\nfor k, v in d.iteritems():\n    pass\nx = rows.bool()\n').map(f => f.rule.id);
      expect(ids.filter(id => id.startsWith('pandas-'))).toEqual([]);
    });
  });

  describe('silent pandas 3 changes (pre-flight scan)', () => {
    it.each([
      ['pandas-cow-inplace-on-column', P + "df['Age'].fillna(df['Age'].mean(), inplace=True)\n", P + "df['Age'] = df['Age'].fillna(df['Age'].mean())\n"],
      ['pandas-cow-inplace-on-column', P + "for c in cols:\n    df[c].replace('?', None, inplace=True)\n", P + "for c in cols:\n    df[c] = df[c].replace('?', None)\n"],
      ['pandas-cow-inplace-on-column', P + 'df.Embarked.fillna(inplace=True, value="S")\n', P + 'df.Embarked = df.Embarked.fillna(value="S")\n'],
      ['pandas-cow-chained-assignment', P + "df['a'][df['b'] > 0] = 1\n", P + "df.loc[df['b'] > 0, 'a'] = 1\n"],
      ['pandas-cow-chained-assignment', P + "df[df.a > 0]['b'] = 1\n", P + "df.loc[df.a > 0, 'b'] = 1\n"],
      ['pandas-cow-chained-assignment', P + "df.loc[i]['a'] = v\n", P + "df.loc[i, 'a'] = v\n"],
      ['pandas-cow-chained-assignment', P + "for i in range(len(df)):\n    df['a'][i] += 1\n", P + "for i in range(len(df)):\n    df.loc[i, 'a'] += 1\n"],
      ['pandas-str-dtype-object-check', P + "cats = [c for c in df.columns if df[c].dtype == 'object']\n", P + "cats = [c for c in df.columns if df[c].dtype in ('object', 'str')]\n"],
      ['pandas-str-dtype-object-check', P + 'nums = [c for c in df if df[c].dtype != object]\n', P + "nums = [c for c in df if df[c].dtype not in (object, 'str')]\n"],
      ['pandas-str-dtype-object-check', P + "obj = df.dtypes[df.dtypes == 'O'].index\n", P + "obj = df.dtypes[((df.dtypes == 'O') | (df.dtypes == 'str'))].index\n"],
      ['pandas-str-dtype-object-check', P + "t = df.select_dtypes('object')\nu = df.select_dtypes(include=['object', 'category'])\n", P + "t = df.select_dtypes(['object', 'str'])\nu = df.select_dtypes(include=['object', 'category', 'str'])\n"],
      ['pandas-str-replace-regex', P + "df['p'] = df['p'].str.replace('[^0-9.]', '')\n", P + "df['p'] = df['p'].str.replace('[^0-9.]', '', regex=True)\n"],
      ['pandas-replace-downcast', P + "df['g'] = df['g'].replace({'Female': 1, 'Male': 0})\n", P + "df['g'] = df['g'].replace({'Female': 1, 'Male': 0}).infer_objects()\n"],
      ['pandas-replace-downcast', P + "y = y.replace(['yes', 'y'], 1)\n", P + "y = y.replace(['yes', 'y'], 1).infer_objects()\n"]
    ])('%s: %j', (id, code, expected) => {
      expect(scan(id, code)).toBe(expected);
    });

    it.each([
      ['pandas-cow-inplace-on-column', P + 'df.fillna(0, inplace=True)\nself.df.fillna(0, inplace=True)\nx = df[c].fillna(0, inplace=True)\n'],
      ['pandas-cow-chained-assignment', P + "d = {'a': [1, 2]}\nd['a'][0] = 5\nself.w['a'][0] = 1\ndf[a][b] = 1\n"],
      ['pandas-cow-chained-assignment', "df['a'][mask] = 1\n"],
      ['pandas-str-dtype-object-check', P + "ok = df[c].dtype == 'float64'\nselect_dtypes = df.select_dtypes(include=['object', 'str'])\n"],
      ['pandas-str-replace-regex', P + "s.str.replace('.', '')\ns.str.replace('a+', 'b', regex=False)\ntext.replace('[x]', '')\n"],
      ['pandas-replace-downcast', P + "t = name.replace('a', 'b')\ndf.replace({'x': 1}, inplace=True)\nu = s.replace({'a': 'b'})\nv = s.replace({'a': 1}).astype(int)\nw = s.str.replace('a', '1')\n"]
    ])('%s leaves %j alone', (id, code) => {
      expect(scan(id, code)).toBeUndefined();
    });
  });
  describe('dates and moved plotting helpers', () => {
    it.each([
      [
        'pandas-read_csv-date_parser',
        P + "dateparse = lambda dates: pd.datetime.strptime(dates, '%Y-%m')\ndata = pd.read_csv('a.csv', parse_dates=['Month'], index_col='Month', date_parser=dateparse)\n",
        'TypeError',
        "read_csv() got an unexpected keyword argument 'date_parser'",
        'import datetime\n' + P + "dateparse = lambda dates: datetime.datetime.strptime(dates, '%Y-%m')\ndata = pd.read_csv('a.csv', parse_dates=['Month'], index_col='Month', date_format='%Y-%m')\n"
      ],
      [
        'pandas-read_csv-date_parser',
        P + "from datetime import datetime\ndef parser(x):\n    return datetime.strptime(x, '%d/%m/%Y')\ndf = pd.read_csv('a.csv', parse_dates=[0], date_parser=parser)\n",
        'TypeError',
        "read_csv() got an unexpected keyword argument 'date_parser'",
        P + "from datetime import datetime\ndef parser(x):\n    return datetime.strptime(x, '%d/%m/%Y')\ndf = pd.read_csv('a.csv', parse_dates=[0], date_format='%d/%m/%Y')\n"
      ],
      [
        'pandas-read_csv-date_parser',
        P + "df = pd.read_csv('a.csv', parse_dates='Month', index_col='Month', date_parser=lambda d: pd.to_datetime(d, format='%Y-%m'))\n",
        'TypeError',
        "read_csv() got an unexpected keyword argument 'date_parser'",
        P + "df = pd.read_csv('a.csv', parse_dates=['Month'], index_col='Month', date_format='%Y-%m')\n"
      ],
      ['pandas-read_csv-parse_dates-string', P + "df = pd.read_csv('a.csv', parse_dates='d')\n", 'TypeError', "Only booleans and lists are accepted for the 'parse_dates' parameter", P + "df = pd.read_csv('a.csv', parse_dates=True)\n"],
      ['pandas-to_datetime-consistent-format', P + "df['Date'] = pd.to_datetime(df['Date'])\n", 'ValueError', 'time data "13/03/2004" doesn\'t match format "%m/%d/%Y". You might want to try:', P + "df['Date'] = pd.to_datetime(df['Date'], format='mixed')\n"],
      ['pandas-to_datetime-consistent-format', P + "d = pd.to_datetime(s, dayfirst=True)\n", 'ValueError', 'time data "2/13/2004" doesn\'t match format "%d/%m/%Y"', P + "d = pd.to_datetime(s, dayfirst=True, format='mixed')\n"],
      ['pandas-tools-plotting', 'from pandas.tools.plotting import scatter_matrix, andrews_curves\n', 'ModuleNotFoundError', "No module named 'pandas.tools'", 'from pandas.plotting import scatter_matrix, andrews_curves\n'],
      ['pandas-plotting-toplevel', P + "pd.scatter_matrix(df, figsize=(8, 8))\n", 'AttributeError', "module 'pandas' has no attribute 'scatter_matrix'", P + "pd.plotting.scatter_matrix(df, figsize=(8, 8))\n"],
      ['pandas-plotting-toplevel', P + "pd.tools.plotting.parallel_coordinates(df, 'c')\n", 'AttributeError', "module 'pandas' has no attribute 'tools'", P + "pd.plotting.parallel_coordinates(df, 'c')\n"]
    ])('%s: %j', (id, code, ename, evalue, expected) => {
      expect(propose(code, ename, evalue)).toEqual({ id, source: expected });
    });

    it('reads a date parser (and its format) an earlier cell defined', () => {
      const error = { ename: 'TypeError', evalue: "read_csv() got an unexpected keyword argument 'date_parser'", traceback: [] };
      const cell = "sales = pd.read_csv('catfish.csv', parse_dates=[0], index_col=0, date_parser=parser)\n";
      const earlier = [P + 'from datetime import datetime\n', "def parser(s):\n    return datetime.strptime(s, '%Y-%m-%d')\n"];
      expect(engine.propose(cell, error, importAliases(earlier))?.source).toBe("sales = pd.read_csv('catfish.csv', parse_dates=[0], index_col=0, date_format='%Y-%m-%d')\n");
      const constant = [P, "FMT = '%d/%m/%Y'\n", 'parser = lambda d: pd.to_datetime(d, format=FMT)\n'];
      expect(engine.propose(cell, error, importAliases(constant))?.source).toContain("date_format='%d/%m/%Y'");
      // Without the earlier cells, or when the earlier function does more than strptime, nothing is guessed.
      expect(engine.propose(cell, error)).toBeNull();
      const prefixed = [P, "def parser(s):\n    return datetime.strptime('19' + s, '%y-%m')\n"];
      expect(engine.propose(cell, error, importAliases(prefixed))).toBeNull();
      const rebound = [...earlier, 'parser = make_parser()\n'];
      expect(engine.propose(cell, error, importAliases(rebound))).toBeNull();
    });

    it('leaves date parsers it cannot translate, explicit formats and other lines alone', () => {
      const prefixed = P + "def parser(x):\n    return datetime.strptime('190' + x, '%Y-%m')\ndf = pd.read_csv('a.csv', parse_dates=[0], date_parser=parser)\n";
      expect(propose(prefixed, 'TypeError', "read_csv() got an unexpected keyword argument 'date_parser'")).toBeNull();
      const explicit = P + "d = pd.to_datetime(s, format='%d/%m/%Y')\n";
      expect(propose(explicit, 'ValueError', 'time data "x" doesn\'t match format "%d/%m/%Y"')).toBeNull();
      const twoLines = P + 'a = pd.to_datetime(x)\nb = pd.to_datetime(y)\n';
      expect(propose(twoLines, 'ValueError', 'time data "x" doesn\'t match format "%m/%d/%Y"', ['Cell In[2], line 3'])?.source).toBe(P + "a = pd.to_datetime(x)\nb = pd.to_datetime(y, format='mixed')\n");
    });
  });
});
