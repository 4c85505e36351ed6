import { useTestKernel } from '../helpers/jupyter';

describe('KernelSession', () => {
  const shared = useTestKernel();

  describe('#execute()', () => {
    it('should collect outputs, the result and the duration', async () => {
      const result = await shared.kernel.session.execute('print("hi")\n1 + 1');
      expect(result.status).toBe('ok');
      expect(result.outputs[0]).toMatchObject({ output_type: 'stream', name: 'stdout', text: 'hi\n' });
      expect(result.outputs[1]).toMatchObject({ output_type: 'execute_result', data: { 'text/plain': '2' } });
      expect(result.durationMs).toBeGreaterThanOrEqual(0);
    });

    it('should report the error with a plain traceback', async () => {
      const result = await shared.kernel.session.execute('import numpy as np\nnp.float(1)');
      expect(result.status).toBe('error');
      expect(result.error?.ename).toBe('AttributeError');
      expect(result.error?.evalue).toContain("module 'numpy' has no attribute 'float'");
      expect(result.error?.traceback.join('\n')).not.toContain('\u001b[');
    });

    it('should collect stderr warnings', async () => {
      const result = await shared.kernel.session.execute('import warnings\nwarnings.warn("old API")');
      expect(result.status).toBe('ok');
      expect(result.stderr).toContain('old API');
    });

    it('should interrupt a cell that overruns its timeout and keep the kernel', async () => {
      await shared.kernel.session.execute('kept = 41');
      const result = await shared.kernel.session.execute('import time\nwhile True: time.sleep(0.1)', { timeoutMs: 1500 });
      expect(result.status).toBe('timeout');
      const after = await shared.kernel.session.execute('kept + 1');
      expect(after.outputs[0]).toMatchObject({ data: { 'text/plain': '42' } });
    });

    it('should report a kernel that dies under a cell', async () => {
      const result = await shared.kernel.session.execute('import os\nos._exit(1)', { timeoutMs: 60000 });
      expect(result.status).toBe('died');
      await shared.kernel.session.waitReady();
      const after = await shared.kernel.session.execute('"alive"');
      expect(after.status).toBe('ok');
    });
  });

  describe('#kernel', () => {
    it('should settle a kernel-info request cancelled by a kernel death as empty, not reject', async () => {
      // The request queues behind a cell that kills the kernel: the restart cancels it.
      const dying = shared.kernel.session.execute('import os, time\ntime.sleep(0.5)\nos._exit(1)', { timeoutMs: 60000 });
      const info = shared.kernel.session.kernel.requestKernelInfo();
      await expect(info).resolves.toBeUndefined();
      expect((await dying).status).toBe('died');
      await shared.kernel.session.waitReady();
      const reply = await shared.kernel.session.kernel.requestKernelInfo();
      expect(reply?.content.status).toBe('ok');
    });
  });

  describe('#evaluate()', () => {
    it('should evaluate without leaving names in the namespace', async () => {
      const values = await shared.kernel.session.evaluate({ v: "__import__('sys').version.split()[0]" });
      expect(values.v).toMatch(/^'3\.\d+/);
      const check = await shared.kernel.session.execute("'sys' in dir()");
      expect(check.outputs[0]).toMatchObject({ data: { 'text/plain': 'False' } });
    });
  });
});
