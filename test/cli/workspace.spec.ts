import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { NodeWorkspace } from '../../src/cli/workspace';

describe('NodeWorkspace', () => {
  let root: string;
  let notebookDir: string;
  let outside: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'modernize-ws-'));
    notebookDir = path.join(root, 'nb');
    outside = path.join(root, 'input');
    fs.mkdirSync(notebookDir);
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'tools.py'), 'theirs');
  });

  describe('#writeText()', () => {
    it('should write a file inside the notebook folder', async () => {
      await new NodeWorkspace(notebookDir).writeText(path.join(notebookDir, 'a.py'), 'x');
      expect(fs.readFileSync(path.join(notebookDir, 'a.py'), 'utf8')).toBe('x');
    });

    it('should refuse to write through a symbolic link to a file', async () => {
      fs.symlinkSync(path.join(outside, 'tools.py'), path.join(notebookDir, 'tools.py'));
      await expect(new NodeWorkspace(notebookDir).writeText(path.join(notebookDir, 'tools.py'), 'mine')).rejects.toThrow(/symbolic link/);
      expect(fs.readFileSync(path.join(outside, 'tools.py'), 'utf8')).toBe('theirs');
    });

    it('should refuse to write into a linked folder that leads outside', async () => {
      fs.symlinkSync(outside, path.join(notebookDir, 'helpers'));
      await expect(new NodeWorkspace(notebookDir).writeText(path.join(notebookDir, 'helpers', 'tools.py'), 'mine')).rejects.toThrow(
        /outside the notebook's folder/
      );
      expect(fs.readFileSync(path.join(outside, 'tools.py'), 'utf8')).toBe('theirs');
    });

    it('should refuse a path that climbs out', async () => {
      await expect(new NodeWorkspace(notebookDir).writeText(path.join(notebookDir, '..', 'input', 'tools.py'), 'mine')).rejects.toThrow(/outside/);
      expect(fs.readFileSync(path.join(outside, 'tools.py'), 'utf8')).toBe('theirs');
    });

    it('should not replace an existing file when asked to create only', async () => {
      fs.writeFileSync(path.join(notebookDir, 'a.py.orig'), 'kept');
      await expect(new NodeWorkspace(notebookDir).writeText(path.join(notebookDir, 'a.py.orig'), 'new', { createOnly: true })).rejects.toThrow();
      expect(fs.readFileSync(path.join(notebookDir, 'a.py.orig'), 'utf8')).toBe('kept');
    });
  });
});
