import type { IPatch } from '../../../src/core/notebook/patch';
import { keepBackup, writeHelperPatch } from '../../../src/core/repairs/helperfile';
import { Paths } from '../../../src/core/notebook/workspace';
import type { IWorkspace } from '../../../src/core/notebook/workspace';

/** Files in memory; `refuse` makes writes to a path throw like a symbolic link would. */
function memoryWorkspace(files: Record<string, string>, refuse: string[] = []): IWorkspace & { files: Record<string, string> } {
  return {
    files,
    notebookDir: '/nb',
    exists: async path => path in files,
    readText: async path => files[path],
    writeText: async (path, text, options) => {
      if (refuse.includes(path)) {
        throw new Error('it is a symbolic link');
      }
      if (options?.createOnly && path in files) {
        throw new Error('exists');
      }
      files[path] = text;
    },
    findByName: async () => []
  };
}

const patch = (before: string, after: string): IPatch => ({
  id: 'p',
  target: { kind: 'file', path: '/nb/tools.py' },
  origin: 'rule:x',
  ruleIds: [],
  facts: [],
  reason: '',
  before,
  after,
  flags: []
});

describe('writeHelperPatch()', () => {
  it('should write the patch and keep the author text in .orig', async () => {
    const workspace = memoryWorkspace({ '/nb/tools.py': 'old' });
    expect(await writeHelperPatch(workspace, '/nb/tools.py', patch('old', 'new'), 'new', { backup: true })).toEqual({ written: true, backup: '/nb/tools.py.orig' });
    expect(workspace.files).toEqual({ '/nb/tools.py': 'new', '/nb/tools.py.orig': 'old' });
  });

  it('should refuse a file edited since the patch was made, and write nothing', async () => {
    const workspace = memoryWorkspace({ '/nb/tools.py': 'old + an edit' });
    const write = await writeHelperPatch(workspace, '/nb/tools.py', patch('old', 'new'), 'new', { backup: true });
    expect(write).toEqual({ written: false, reason: expect.stringMatching(/changed since the patch was made/) });
    expect(workspace.files).toEqual({ '/nb/tools.py': 'old + an edit' });
  });

  it('should refuse a file that is gone', async () => {
    const workspace = memoryWorkspace({});
    expect(await writeHelperPatch(workspace, '/nb/tools.py', patch('old', 'new'), 'new', { backup: true })).toMatchObject({ written: false });
    expect(workspace.files).toEqual({});
  });

  it('should report a write the workspace refuses (a symbolic link) as not written', async () => {
    const workspace = memoryWorkspace({ '/nb/tools.py': 'old' }, ['/nb/tools.py']);
    const write = await writeHelperPatch(workspace, '/nb/tools.py', patch('old', 'new'), 'new', { backup: false });
    expect(write).toEqual({ written: false, reason: expect.stringMatching(/symbolic link/) });
    expect(workspace.files['/nb/tools.py']).toBe('old');
  });

  it('should not back up again for a later patch of the same run', async () => {
    const workspace = memoryWorkspace({ '/nb/tools.py': 'v1', '/nb/tools.py.orig': 'v0' });
    await writeHelperPatch(workspace, '/nb/tools.py', patch('v1', 'v2'), 'v2', { backup: false });
    expect(workspace.files).toEqual({ '/nb/tools.py': 'v2', '/nb/tools.py.orig': 'v0' });
  });
});

describe('keepBackup()', () => {
  it('should reuse a backup that already holds the text', async () => {
    const workspace = memoryWorkspace({ '/nb/t.py.orig': 'same' });
    expect(await keepBackup(workspace, '/nb/t.py', 'same')).toBe('/nb/t.py.orig');
    expect(Object.keys(workspace.files)).toEqual(['/nb/t.py.orig']);
  });

  it('should never overwrite an older backup with other text: the next free name', async () => {
    const workspace = memoryWorkspace({ '/nb/t.py.orig': 'first run', '/nb/t.py.orig.1': 'second run' });
    expect(await keepBackup(workspace, '/nb/t.py', 'third run')).toBe('/nb/t.py.orig.2');
    expect(workspace.files).toEqual({ '/nb/t.py.orig': 'first run', '/nb/t.py.orig.1': 'second run', '/nb/t.py.orig.2': 'third run' });
  });
});

describe('Paths', () => {
  describe('.expandHome()', () => {
    it.each([
      ['~/proj/tools.py', '/home/ana', '/home/ana/proj/tools.py'],
      ['~', '/home/ana', '/home/ana'],
      ['~/../bob/x.py', '/home/ana', '/home/bob/x.py'],
      ['~bob/x.py', '/home/ana', '~bob/x.py'],
      ['/abs/x.py', '/home/ana', '/abs/x.py'],
      ['~/x.py', undefined, '~/x.py']
    ])('should read %s with home %s as %s', (path, home, expected) => {
      expect(Paths.expandHome(path, home)).toBe(expected);
    });
  });

  describe('.normalize()', () => {
    it.each([
      ['/a/b/../c', '/a/c'],
      ['/../x', '/x'],
      ['a/../../x', '../x'],
      ['./a//b/', 'a/b'],
      ['', '.']
    ])('should normalize %p to %p', (path, expected) => {
      expect(Paths.normalize(path)).toBe(expected);
    });
  });

  describe('.relative()', () => {
    it.each([
      ['/nb', '/nb/helpers/tools.py', 'helpers/tools.py'],
      ['/nb/sub', '/nb/data/x.csv', '../data/x.csv'],
      ['/nb', '/nb', '.']
    ])('should go from %s to %s as %s', (from, to, expected) => {
      expect(Paths.relative(from, to)).toBe(expected);
    });
  });
});
