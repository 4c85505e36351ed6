import { distributionFor, fixMissingModule, missingModuleMessage } from '../../../src/core/fixers/modules';

describe('distributionFor()', () => {
  it.each([
    ['sklearn', 'scikit-learn'],
    ['sklearn.cross_validation', 'scikit-learn'],
    ['cv2', 'opencv-python-headless'],
    ['PIL', 'pillow'],
    ['skimage', 'scikit-image'],
    ['yaml', 'pyyaml'],
    ['bs4', 'beautifulsoup4'],
    ['imblearn', 'imbalanced-learn'],
    ['mpl_toolkits.basemap', 'basemap'],
    ['google.protobuf.message', 'protobuf']
  ])('should give %s -> %s', (module, distribution) => {
    expect(distributionFor(module)).toBe(distribution);
  });

  it.each([
    ['a name nobody vetted', 'utils_of_the_author'],
    ['a namespace package that ships with another (matplotlib)', 'mpl_toolkits.mplot3d'],
    ['a submodule of a namespace no package owns', 'google.colab'],
    ["an Object prototype key", 'constructor']
  ])('should know nothing of %s', (_what, module) => {
    expect(distributionFor(module)).toBeUndefined();
  });
});

describe('fixMissingModule()', () => {
  it('should propose the vetted package for a known module', () => {
    const fix = fixMissingModule('import cv2\nimg = cv2.imread("a.png")\n', 'cv2');
    expect(fix).toEqual({
      source: '%pip install opencv-python-headless\nimport cv2\nimg = cv2.imread("a.png")\n',
      reason: expect.stringContaining('opencv-python-headless'),
      installs: 'opencv-python-headless'
    });
  });

  it("should propose nothing for a submodule gone from an installed package's release", () => {
    expect(fixMissingModule('from tensorflow.contrib import learn\n', 'tensorflow.contrib')).toBeNull();
    expect(missingModuleMessage('tensorflow.contrib')).toBe(
      'tensorflow is installed but has no module tensorflow.contrib: it was removed or moved in a newer release; there is nothing to install.'
    );
  });

  it('should propose a separately packaged submodule', () => {
    expect(fixMissingModule('from mpl_toolkits.basemap import Basemap\n', 'mpl_toolkits.basemap')?.installs).toBe('basemap');
  });

  it('should propose nothing for a module the map does not know', () => {
    expect(fixMissingModule('import kaggle_helpers\n', 'kaggle_helpers')).toBeNull();
  });

  it('should still remove a cosmetic module', () => {
    expect(fixMissingModule('%load_ext watermark\n%watermark -v\nx = 1\n', 'watermark')?.installs).toBeUndefined();
  });
});

describe('missingModuleMessage()', () => {
  it('should name the package that provides a known module', () => {
    expect(missingModuleMessage('bs4')).toBe('The module bs4 is not installed in this environment; the package beautifulsoup4 provides it.');
  });

  it('should say no install is proposed for an unknown module', () => {
    expect(missingModuleMessage('helpers')).toMatch(/no package is known to provide it: no install is proposed/);
  });
});
