import { guardFlags, risksIn } from '../../../src/core/guards/risks';
import type { PatchFlagKind } from '../../../src/core/notebook/patch';

const kinds = (source: string) => [...new Set(risksIn(source).map(risk => risk.kind))].sort();

describe('risksIn()', () => {
  it.each<[string, PatchFlagKind[]]>([
    ['import os\nos.system("ls")', ['shell']],
    ['import os\nos.popen("ls").read()', ['shell']],
    ['import os as o\no.system("ls")', ['shell']],
    ['from os import system\nsystem("ls")', ['shell']],
    ['from os import system as run_it\nrun_it("ls")', ['shell']],
    ['import subprocess\nsubprocess.run(["ls"])', ['shell']],
    ['from subprocess import check_output\ncheck_output("ls")', ['shell']],
    ['import subprocess as sp\nsp.Popen("x")', ['shell']],
    ['os.execvp("ls", ["ls"])', ['shell']],
    ['get_ipython().system("ls")', ['shell']],
    ['get_ipython().getoutput("ls")', ['shell']],
    ['get_ipython().run_cell_magic("bash", "", "ls")', ['shell']],
    ['!ls -la', ['shell']],
    ['  !rm -rf /tmp/x', ['deletes-files', 'shell']],
    ['files = !ls', ['shell']],
    ['%%bash\nls', ['shell']],
    ['%%sh\nls', ['shell']],
    ['%%script bash\nls', ['shell']],
    ['%sx ls', ['shell']],
    ['%system ls', ['shell']],
    ['!pip install pandas==1.5', ['installs-package']],
    ['%pip install pandas', ['installs-package']],
    ['%conda install numpy', ['installs-package']],
    ['import subprocess\nsubprocess.check_call(["pip", "install", "x"])', ['installs-package', 'shell']],
    ['eval("1+1")', ['runs-code']],
    ['exec(code)', ['runs-code']],
    ['__import__("os")', ['runs-code']],
    ['import builtins\nbuiltins.exec("x")', ['runs-code']],
    ['importlib.import_module(name)', ['runs-code']],
    ['compile(text, "f", "exec")', ['runs-code']],
    ['import urllib.request\nurllib.request.urlopen("http://x")', ['network']],
    ['from urllib.request import urlretrieve\nurlretrieve(u, "f")', ['network']],
    ['import requests\nrequests.get(u)', ['network']],
    ['import requests as r\nr.post(u, data=d)', ['network']],
    ['import socket\ns = socket.socket()', ['network']],
    ['import httpx\nhttpx.get(u)', ['network']],
    ['pd.read_csv("https://example.com/data.csv")', ['network']],
    ['%load https://example.com/x.py', ['network']],
    ['import os\nos.remove("a.csv")', ['deletes-files']],
    ['os.unlink(p)', ['deletes-files']],
    ['os.rmdir(p)', ['deletes-files']],
    ['import shutil\nshutil.rmtree("out")', ['deletes-files']],
    ['from pathlib import Path\nPath("x").unlink()', ['deletes-files']],
    ['p.unlink(missing_ok=True)', ['deletes-files']],
    ['p.rmdir()', ['deletes-files']],
    ['open("/etc/passwd", "w")', ['writes-outside']],
    ['open("../secrets.txt", "a")', ['writes-outside']],
    ['open(file="../x", mode="wb")', ['writes-outside']],
    ['with open("~/x.txt", "w") as f:\n    f.write("x")', ['writes-outside']],
    ['df.to_csv("/tmp/out.csv")', ['writes-outside']],
    ['df.to_csv("../out.csv")', ['writes-outside']],
    ['Path("/etc/x").write_text("y")', ['writes-outside']],
    ['shutil.copy("a", "/usr/local/b")', ['writes-outside']]
  ])('should flag %p', (source, expected) => {
    expect(kinds(source)).toEqual(expected);
  });

  it.each([
    ['import numpy as np\nx = np.float64(3)'],
    ['print("os.system is a function")'],
    ['# os.system("ls")'],
    ['df = pd.read_csv("../input/train.csv")'],
    ['df = pd.read_csv("/kaggle/input/train.csv")'],
    ['with open("../input/x.txt") as f:\n    data = f.read()'],
    ['open("/etc/hosts")'],
    ['open("out.txt", "w")'],
    ['open("results/out.txt", "w")'],
    ['df.to_csv("submission.csv", index=False)'],
    ['model.evaluate(x, y)'],
    ['df.eval("a + b")'],
    ['df.query("a > 1")'],
    ['text.replace("!", "")'],
    ['x = a != b'],
    ['requests_per_second = 3'],
    ['url = "https://scikit-learn.org/stable/"'],
    ['plt.savefig("figure.png")'],
    ['%matplotlib inline'],
    ['%timeit f()'],
    ['model.fit(X, y)\nscore = model.score(X, y)'],
    ['df.drop(columns=["a"])'],
    ['mylist.remove(3)'],
    ['d.pop("k")']
  ])('should not flag %p', source => {
    expect(risksIn(source)).toEqual([]);
  });
});

describe('guardFlags()', () => {
  it('should flag only what the patch adds', () => {
    const before = 'import os\nos.system("ls")\nx = np.float(1)';
    expect(guardFlags(before, 'import os\nos.system("ls")\nx = float(1)')).toEqual([]);
    expect(guardFlags(before, 'import os\nos.system("ls")\nos.system("date")\nx = float(1)').map(flag => flag.kind)).toEqual(['shell']);
  });

  it('should name what it found in one message per kind', () => {
    const flags = guardFlags('x = 1', 'import os\nx = 1\nos.popen("id")\neval("2")');
    expect(flags).toEqual([
      { kind: 'shell', message: expect.stringContaining('os.popen') },
      { kind: 'runs-code', message: expect.stringContaining('eval') }
    ]);
  });

  it('should flag a risk moved into a new alias', () => {
    expect(guardFlags('import os\nos.system("a")', 'from os import popen as p\np("a")').map(flag => flag.kind)).toEqual(['shell']);
  });

  it('should flag code it cannot read rather than pass it', () => {
    expect(guardFlags('x = 1', 'x = 1\nexec(').map(flag => flag.kind)).toContain('runs-code');
  });
});
