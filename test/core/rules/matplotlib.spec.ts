import { RuleEngine, allFamilies, allRules } from '../../../src/core/rules';

const engine = new RuleEngine(allRules, allFamilies);

function propose(code: string, ename: string, evalue: string, traceback: string[] = []) {
  const proposal = engine.propose(code, { ename, evalue, traceback });
  return proposal && { id: proposal.rules[0].id, source: proposal.source };
}

const PLT = 'import matplotlib.pyplot as plt\n';

describe('matplotlib rules', () => {
  describe('triggered by the real Matplotlib 3.11 error', () => {
    it.each([
      ['mpl-style-seaborn', PLT + "plt.style.use('seaborn-whitegrid')\n", 'OSError', "'seaborn-whitegrid' is not a valid package style, path of style file, URL of style file, or library style name (library styles are listed in `style.available`)", PLT + "plt.style.use('seaborn-v0_8-whitegrid')\n"],
      ['mpl-style-seaborn', PLT + "plt.style.use(['seaborn', 'ggplot'])\n", 'OSError', "'seaborn' is not a valid package style", PLT + "plt.style.use(['seaborn-v0_8', 'ggplot'])\n"],
      ['mpl-hist-normed', PLT + 'plt.hist(x, bins=50, normed=True)\n', 'AttributeError', "Rectangle.set() got an unexpected keyword argument 'normed'", PLT + 'plt.hist(x, bins=50, density=True)\n'],
      ['mpl-hist-normed', 'import numpy as np\nh, e = np.histogram(x, normed=True)\n', 'TypeError', "histogram() got an unexpected keyword argument 'normed'", 'import numpy as np\nh, e = np.histogram(x, density=True)\n'],
      ['mpl-grid-b', PLT + 'ax.grid(b=True)\n', 'ValueError', "keyword grid_b is not recognized; valid keywords are ['size', 'width']", PLT + 'ax.grid(visible=True)\n'],
      ['mpl-boxplot-labels', PLT + 'plt.boxplot(data, labels=names)\n', 'TypeError', "boxplot() got an unexpected keyword argument 'labels'", PLT + 'plt.boxplot(data, tick_labels=names)\n'],
      ['mpl-set_ticklabels-ticklabels-kw', 'ax.xaxis.set_ticklabels(ticklabels=names)\n', 'TypeError', "Axis.set_ticklabels() missing 1 required positional argument: 'labels'", 'ax.xaxis.set_ticklabels(labels=names)\n'],
      ['mpl-cm-get_cmap', PLT + "cmap = plt.cm.get_cmap('jet', 10)\n", 'AttributeError', "module 'matplotlib.cm' has no attribute 'get_cmap'", PLT + "cmap = plt.get_cmap('jet', 10)\n"],
      ['mpl-cm-get_cmap', "import matplotlib\ncmap = matplotlib.cm.get_cmap('viridis')\n", 'AttributeError', "module 'matplotlib.cm' has no attribute 'get_cmap'", "import matplotlib.pyplot as plt\nimport matplotlib\ncmap = plt.get_cmap('viridis')\n"],
      ['mpl-gca-projection', PLT + "ax = fig.gca(projection='3d')\nax2 = plt.gca(projection='polar')\n", 'TypeError', "FigureBase.gca() got an unexpected keyword argument 'projection'", PLT + "ax = fig.add_subplot(projection='3d')\nax2 = plt.gcf().add_subplot(projection='polar')\n"],
      ['mpl-plot_date', 'ax.plot_date(dates, values)\nax.plot_date(d, v, "-")\n', 'AttributeError', "'Axes' object has no attribute 'plot_date'", "ax.plot(dates, values, 'o')\nax.plot(d, v, \"-\")\n"],
      ['mpl-tostring_rgb', 'import numpy as np\nimg = np.frombuffer(fig.canvas.tostring_rgb(), dtype=np.uint8)\n', 'AttributeError', "'FigureCanvasAgg' object has no attribute 'tostring_rgb'", 'import numpy as np\nimg = np.frombuffer(np.asarray(fig.canvas.buffer_rgba())[..., :3].tobytes(), dtype=np.uint8)\n'],
      ['mpl-axes_grid-module', 'from mpl_toolkits.axes_grid import make_axes_locatable\nfrom mpl_toolkits.axes_grid.inset_locator import inset_axes\n', 'ModuleNotFoundError', "No module named 'mpl_toolkits.axes_grid'", 'from mpl_toolkits.axes_grid1 import make_axes_locatable\nfrom mpl_toolkits.axes_grid1.inset_locator import inset_axes\n'],
      ['mpl-figure-kwonly', PLT + "plt.figure(1, (8, 6), 100, 'w')\n", 'TypeError', 'figure() takes from 0 to 3 positional arguments but 4 were given', PLT + "plt.figure(1, (8, 6), 100, facecolor='w')\n"],
      ['mpl-legendHandles', 'for h in leg.legendHandles:\n    h.set_alpha(1)\n', 'AttributeError', "'Legend' object has no attribute 'legendHandles'", 'for h in leg.legend_handles:\n    h.set_alpha(1)\n'],
      ['mpl-tick-label', 'for tick in ax.xaxis.get_major_ticks():\n    tick.label.set_fontsize(8)\n', 'AttributeError', "'XTick' object has no attribute 'label'", 'for tick in ax.xaxis.get_major_ticks():\n    tick.label1.set_fontsize(8)\n']
    ])('%s: %j', (id, code, ename, evalue, expected) => {
      expect(propose(code, ename, evalue)).toEqual({ id, source: expected });
    });
  });

  it('mpl-axes3d-auto-add: finds Axes3D(fig) in the pre-flight scan', () => {
    const code = PLT + 'from mpl_toolkits.mplot3d import Axes3D\nfig = plt.figure()\nax = Axes3D(fig)\n';
    const finding = engine.scan(code).find(f => f.rule.id === 'mpl-axes3d-auto-add');
    expect(finding?.source).toBe(PLT + "from mpl_toolkits.mplot3d import Axes3D\nfig = plt.figure()\nax = fig.add_subplot(projection='3d')\n");
  });

  describe('leaves other shapes alone', () => {
    it.each([
      ['current styles and non-seaborn names', PLT + "plt.style.use('seaborn-v0_8-whitegrid')\nplt.style.use('ggplot')\n"],
      ['seaborn boxplot has no labels= rename', 'import seaborn as sns\nsns.boxplot(x=a, labels=b)\n'],
      ['gca without arguments', PLT + 'ax = plt.gca()\n'],
      ['other label attributes', 'label = obj.label.upper()\n'],
      ['Axes3D with extra arguments', 'from mpl_toolkits.mplot3d import Axes3D\nax = Axes3D(fig, rect=[0, 0, 1, 1])\n']
    ])('%s', (_name, code) => {
      expect(engine.scan(code).filter(f => f.rule.id.startsWith('mpl-'))).toEqual([]);
    });
  });
  describe('mpl-rotation-numeric-string: a number written as a string', () => {
    const evalue = "rotation must be 'vertical', 'horizontal' or a number, not 60";

    it('writes every numeric rotation= of the cell as a number', () => {
      const code = PLT + "plt.xticks(rotation='60');\nax.set_xticklabels(names, rotation=\"45.5\", fontsize=8)\nplt.text(0, 1, 'a', rotation='vertical')\n";
      expect(propose(code, 'ValueError', evalue)).toEqual({
        id: 'mpl-rotation-numeric-string',
        source: PLT + "plt.xticks(rotation=60);\nax.set_xticklabels(names, rotation=45.5, fontsize=8)\nplt.text(0, 1, 'a', rotation='vertical')\n"
      });
    });

    it('leaves named rotations, numbers, names and other errors alone', () => {
      expect(propose(PLT + "plt.xticks(rotation=angle)\nplt.yticks(rotation='horizontal')\n", 'ValueError', evalue)).toBeNull();
      expect(propose(PLT + "plt.xticks(rotation='60')\n", 'ValueError', 'some other error')).toBeNull();
    });
  });

  describe('mpl-ticklabels-count-mismatch: labels padded or cut to the tick count, on the failing line', () => {
    const evalue = 'The number of FixedLocator locations (9), usually from a call to set_ticks, does not match the number of labels (8).';
    it.each([
      [PLT + 'plt.xticks(range(df.shape[1]), names, rotation=90)\n', 2, PLT + "plt.xticks(range(df.shape[1]), (list(names) + [''] * len(range(df.shape[1])))[:len(range(df.shape[1]))], rotation=90)\n"],
      ['ax.set_xticklabels(df.columns, rotation=45)\n', 1, "ax.set_xticklabels((list(df.columns) + [''] * len(ax.get_xticks()))[:len(ax.get_xticks())], rotation=45)\n"],
      ['ax.yaxis.set_ticklabels(names)\n', 1, "ax.yaxis.set_ticklabels((list(names) + [''] * len(ax.yaxis.get_ticklocs()))[:len(ax.yaxis.get_ticklocs())])\n"]
    ])('%j', (code, line, expected) => {
      expect(propose(code, 'ValueError', evalue, [`Cell In[3], line ${line}`])).toEqual({ id: 'mpl-ticklabels-count-mismatch', source: expected });
    });

    it('leaves ticks computed by other calls alone', () => {
      expect(propose(PLT + 'plt.xticks(make_ticks(), names)\n', 'ValueError', evalue, ['Cell In[3], line 2'])).toBeNull();
    });
  });
});
