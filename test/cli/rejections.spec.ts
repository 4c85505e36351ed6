import { isCancelledKernelRequest } from '../../src/cli/rejections';

describe('rejections', () => {
  describe('#isCancelledKernelRequest()', () => {
    it.each([
      [new Error('Canceled future for kernel_info_request message before replies were done'), true],
      [new Error('Canceled future for execute_request message before replies were done'), true],
      [new Error('Kernel died'), false],
      ['Canceled future for kernel_info_request message before replies were done', false],
      [undefined, false]
    ])('should tell %p apart', (reason, expected) => {
      expect(isCancelledKernelRequest(reason)).toBe(expected);
    });
  });
});
