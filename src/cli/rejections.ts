/**
 * @jupyterlab/services sends a kernel_info_request of its own when a kernel
 * connection (re)opens and does not handle its rejection: when the server
 * restarts a kernel that died again (os._exit during a replay), that request
 * is cancelled and Node would end the whole process. That rejection says
 * nothing the engine does not already see through the kernel's status; any
 * other unhandled rejection still ends the process.
 */
const CANCELLED_KERNEL_REQUEST = /^Canceled future for \w+ message before replies were done/;

export function isCancelledKernelRequest(reason: unknown): boolean {
  return reason instanceof Error && CANCELLED_KERNEL_REQUEST.test(reason.message);
}

/** Install once per process: the CLI entry and the test setup. */
export function ignoreCancelledKernelRequests(): void {
  process.on('unhandledRejection', reason => {
    if (!isCancelledKernelRequest(reason)) {
      throw reason;
    }
  });
}
