import { InstallGuard, SKIPPED_MARKER, environmentChangeLines, withoutEnvironmentChanges } from '../../../src/core/environment/installs';

describe('environmentChangeLines()', () => {
  it.each([
    ['!pip install xgboost==0.90'],
    ['%pip install -q catboost'],
    ['! pip3 install --upgrade pandas'],
    ['!python -m pip install shap'],
    ['!conda install -y -c conda-forge lightgbm'],
    ['%conda install basemap'],
    ['!apt-get update'],
    ['!sudo apt-get install -y graphviz'],
    ['!pip uninstall -y tensorflow'],
    ['    !pip install tqdm']
  ])('should find %s', line => {
    expect(environmentChangeLines(`import os\n${line}\nprint(1)`)).toEqual([2]);
  });

  it.each([['!pip freeze'], ['!pip list'], ['!ls ../input'], ['# !pip install xgboost'], ['print("pip install x")'], ['pip install x']])(
    'should leave %s',
    line => {
      expect(environmentChangeLines(`${line}\n`)).toEqual([]);
    }
  );

  it('should find the bare commands of a %%bash cell', () => {
    expect(environmentChangeLines('%%bash\npip install xgboost\nls\n')).toEqual([2]);
  });
});

describe('withoutEnvironmentChanges()', () => {
  it('should replace each author line by a no-op with the marker, one line for one', () => {
    const source = "!pip install xgboost\nimport numpy as np\nif True:\n    !pip install tqdm\nprint('ran')";
    const { text, skipped } = withoutEnvironmentChanges(source, source);
    expect(text.split('\n')).toEqual([
      `pass  # ${SKIPPED_MARKER}: !pip install xgboost`,
      'import numpy as np',
      'if True:',
      `    pass  # ${SKIPPED_MARKER}: !pip install tqdm`,
      "print('ran')"
    ]);
    expect(skipped).toEqual([
      { line: 1, text: '!pip install xgboost' },
      { line: 4, text: '!pip install tqdm' }
    ]);
  });

  it('should run an install line an accepted patch added', () => {
    const original = 'import bs4\n';
    const patched = '%pip install beautifulsoup4\nimport bs4\n';
    expect(withoutEnvironmentChanges(patched, original)).toEqual({ text: patched, skipped: [] });
  });

  it('should use the shell no-op in a %%bash cell', () => {
    const source = '%%bash\npip install xgboost\necho done';
    expect(withoutEnvironmentChanges(source, source).text).toBe(`%%bash\n:  # ${SKIPPED_MARKER}: pip install xgboost\necho done`);
  });
});

describe('InstallGuard', () => {
  const cell = { index: 2, source: '!pip install shap\nx = 1', originalSource: '!pip install shap\nx = 1' };

  describe('#executable()', () => {
    it('should skip the author lines and remember them by default', () => {
      const guard = new InstallGuard();
      expect(guard.executable(cell)).toBe(`pass  # ${SKIPPED_MARKER}: !pip install shap\nx = 1`);
      expect(guard.skipped).toEqual([{ cellIndex: 2, line: 1, text: '!pip install shap' }]);
    });

    it('should run everything when installs are allowed', () => {
      const guard = new InstallGuard({ allowInstalls: true });
      expect(guard.executable(cell)).toBe(cell.source);
      expect(guard.skipped).toEqual([]);
    });
  });
});
