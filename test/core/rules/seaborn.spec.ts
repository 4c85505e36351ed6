import { RuleEngine, allFamilies, allRules } from '../../../src/core/rules';

const engine = new RuleEngine(allRules, allFamilies);

function propose(code: string, ename: string, evalue: string) {
  const proposal = engine.propose(code, { ename, evalue, traceback: [] });
  return proposal && { id: proposal.rules[0].id, source: proposal.source };
}

function scan(id: string, code: string): string | undefined {
  return engine.scan(code).find(finding => finding.rule.id === id)?.source;
}

const S = 'import seaborn as sns\n';

describe('seaborn rules', () => {
  describe('triggered by the real seaborn 0.13 error', () => {
    it.each([
      ['seaborn-factorplot', S + "sns.factorplot(x='a', y='b', data=df, size=4)\n", 'AttributeError', "module 'seaborn' has no attribute 'factorplot'", S + "sns.catplot(x='a', y='b', data=df, height=4, kind='point')\n"],
      ['seaborn-factorplot', S + "sns.factorplot('a', 'b', data=df, kind='bar')\n", 'AttributeError', "module 'seaborn' has no attribute 'factorplot'", S + "sns.catplot('a', 'b', data=df, kind='bar')\n"],
      ['seaborn-tsplot', S + "sns.tsplot(data=df, time='t', unit='subject', condition='c', value='y')\n", 'AttributeError', "module 'seaborn' has no attribute 'tsplot'", S + "sns.lineplot(data=df, x='t', hue='c', y='y', errorbar=('ci', 68))\n"],
      ['seaborn-lvplot', S + "sns.lvplot(x='a', y='b', data=df)\n", 'AttributeError', "module 'seaborn' has no attribute 'lvplot'", S + "sns.boxenplot(x='a', y='b', data=df)\n"],
      ['seaborn-size-height', S + "sns.lmplot(x='a', y='b', data=df, size=6)\ng = sns.FacetGrid(df, col='c', size=4)\n", 'TypeError', "lmplot() got an unexpected keyword argument 'size'", S + "sns.lmplot(x='a', y='b', data=df, height=6)\ng = sns.FacetGrid(df, col='c', height=4)\n"],
      ['seaborn-keyword-only', S + 'sns.barplot(df.x, df.y)\n', 'TypeError', 'barplot() takes from 0 to 1 positional arguments but 2 were given', S + 'sns.barplot(x=df.x, y=df.y)\n'],
      ['seaborn-keyword-only', S + "sns.boxplot('col', data=df)\n", 'TypeError', "boxplot() got multiple values for argument 'data'", S + "sns.boxplot(x='col', data=df)\n"],
      ['seaborn-keyword-only', S + 'sns.kdeplot(x, y)\n', 'TypeError', 'kdeplot() takes from 0 to 1 positional arguments but 2 were given', S + 'sns.kdeplot(x=x, y=y)\n'],
      ['seaborn-keyword-only', S + "sns.scatterplot(tsne[:, 0], tsne[:, 1], hue=labels)\n", 'TypeError', 'scatterplot() takes from 0 to 1 positional arguments but 2 positional arguments (and 1 keyword-only argument) were given', S + 'sns.scatterplot(x=tsne[:, 0], y=tsne[:, 1], hue=labels)\n'],
      ['seaborn-removed-modules', 'import seaborn.apionly as sns\n', 'ModuleNotFoundError', "No module named 'seaborn.apionly'", 'import seaborn as sns\n'],
      ['seaborn-jointplot-stat_func', S + "sns.jointplot(x='a', y='b', data=df, stat_func=pearsonr)\n", 'AttributeError', "PathCollection.set() got an unexpected keyword argument 'stat_func'", S + "sns.jointplot(x='a', y='b', data=df)\n"]
    ])('%s: %j', (id, code, ename, evalue, expected) => {
      expect(propose(code, ename, evalue)).toEqual({ id, source: expected });
    });
  });

  describe('deprecated and silently different calls (pre-flight scan)', () => {
    it.each([
      ['seaborn-distplot', S + "sns.distplot(df['x'])\n", S + "sns.histplot(df['x'], kde=True, stat='density')\n"],
      ['seaborn-distplot', S + 'sns.distplot(x, kde=False, bins=30, color="r")\n', S + 'sns.histplot(x, bins=30, color="r")\n'],
      ['seaborn-distplot', S + 'sns.distplot(x, hist=False, label="a")\n', S + 'sns.kdeplot(x, label="a")\n'],
      ['seaborn-keyword-only', S + "sns.countplot(df['Survived'])\n", S + "sns.countplot(x=df['Survived'])\n"],
      ['seaborn-ci-errorbar', S + "sns.barplot(x='a', y='b', data=df, ci=None)\nsns.pointplot(x='a', y='b', data=df, ci=68)\n", S + "sns.barplot(x='a', y='b', data=df, errorbar=None)\nsns.pointplot(x='a', y='b', data=df, errorbar=('ci', 68))\n"],
      ['seaborn-kdeplot-shade', S + 'sns.kdeplot(x=x, shade=True, bw=0.5)\n', S + 'sns.kdeplot(x=x, fill=True, bw_method=0.5)\n'],
      ['seaborn-pointplot-join-scale', S + "sns.pointplot(x='a', y='b', data=df, join=False, errwidth=1)\n", S + "sns.pointplot(x='a', y='b', data=df, linestyle='none', err_kws={'linewidth': 1})\n"],
      ['seaborn-barplot-errcolor', S + "sns.barplot(x='a', y='b', data=df, errcolor='k', errwidth=1)\n", S + "sns.barplot(x='a', y='b', data=df, err_kws={'color': 'k', 'linewidth': 1})\n"],
      ['seaborn-violinplot-bw', S + "sns.violinplot(x='a', y='b', data=df, bw=0.2, scale='count')\n", S + "sns.violinplot(x='a', y='b', data=df, bw_method=0.2, density_norm='count')\n"]
    ])('%s: %j', (id, code, expected) => {
      expect(scan(id, code)).toBe(expected);
    });

    it.each([
      ['seaborn-distplot', S + 'sns.distplot(x, fit=norm)\nsns.distplot(x, rug=True)\n'],
      ['seaborn-keyword-only', S + 'sns.countplot(data)\nsns.boxplot(data=df, x="a")\nsns.barplot(x=a, y=b)\n'],
      ['seaborn-size-height', S + "sns.scatterplot(x='a', y='b', size='c', data=df)\n"],
      ['seaborn-ci-errorbar', S + "sns.regplot(x='a', y='b', data=df, ci=None)\n"],
      ['seaborn-keyword-only', "def barplot(a, b):\n    pass\nbarplot(1, 2)\n"]
    ])('%s leaves %j alone', (id, code) => {
      expect(scan(id, code)).toBeUndefined();
    });
  });
});
