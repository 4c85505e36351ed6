import { fixDataPath } from '../../../src/core/fixers/datapaths';
import { Paths } from '../../../src/core/notebook/workspace';
import type { IWorkspace } from '../../../src/core/notebook/workspace';

/** A notebook folder holding these files (paths relative to it). */
function workspace(files: string[]): IWorkspace {
  const notebookDir = '/home/u/nb';
  const all = files.map(file => Paths.join(notebookDir, file));
  return {
    notebookDir,
    exists: async path => all.includes(Paths.normalize(path)),
    readText: async () => undefined,
    writeText: async () => undefined,
    findByName: async (dir, name) => all.filter(file => file.startsWith(dir + '/') && Paths.basename(file) === name)
  };
}

describe('fixDataPath() with Windows separators', () => {
  const files = workspace(['data/ex2data1.txt', 'data/train.csv']);

  it('rewrites the literal part of a joined path with /', async () => {
    // The kernel's error: os.getcwd() + '\data\ex2data1.txt', repr'd (backslashes doubled).
    const cell = "import os\npath = os.getcwd() + '\\data\\ex2data1.txt'\ndata = pd.read_csv(path)\n";
    const fix = await fixDataPath(cell, '/home/u/nb\\\\data\\\\ex2data1.txt', files);
    expect(fix?.source).toBe("import os\npath = os.getcwd() + '/data/ex2data1.txt'\ndata = pd.read_csv(path)\n");
  });

  it('reads escapes a Windows path meets by accident, and doubled or raw backslashes', async () => {
    // 'data\train.csv': \t is a tab in the value, `\t` in the error's repr.
    expect((await fixDataPath("df = pd.read_csv('data\\train.csv')\n", 'data\\train.csv', files))?.source).toBe("df = pd.read_csv('data/train.csv')\n");
    expect((await fixDataPath("df = pd.read_csv('data\\\\train.csv')\n", 'data\\\\train.csv', files))?.source).toBe("df = pd.read_csv('data/train.csv')\n");
    expect((await fixDataPath("df = pd.read_csv(r'data\\train.csv')\n", 'data\\\\train.csv', files))?.source).toBe("df = pd.read_csv(r'data/train.csv')\n");
  });

  it("finds an author's absolute Windows path near the notebook", async () => {
    const cell = "df = pd.read_csv(r'C:\\Users\\me\\kaggle\\train.csv')\n";
    expect((await fixDataPath(cell, 'C:\\\\Users\\\\me\\\\kaggle\\\\train.csv', files))?.source).toBe("df = pd.read_csv(r'data/train.csv')\n");
  });

  it('leaves literals that are not the missing path, and files found nowhere, alone', async () => {
    expect(await fixDataPath("df = pd.read_csv('data\\\\test.csv')\n", 'data\\\\test.csv', files)).toBeNull();
    expect(await fixDataPath("sep = '\\t'\ndf = pd.read_csv('data\\\\other.csv', sep=sep)\n", 'data\\\\other.csv', files)).toBeNull();
    // A joined path whose file exists under another folder is not guessed part by part.
    expect(await fixDataPath("p = base + '\\\\sub\\\\train.csv'\n", '/elsewhere\\\\sub\\\\train.csv', files)).toBeNull();
  });
});
