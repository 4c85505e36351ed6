/**
 * Executes code in a running kernel and reports what a cell did: outputs,
 * error, stderr, duration. A cell that overruns its time is interrupted; a
 * kernel that dies under a cell is reported as such (the server restarts it;
 * restoring state is the runner's job).
 */
import type { Kernel, KernelMessage } from '@jupyterlab/services';
import type * as nbformat from '@jupyterlab/nbformat';
import { Signal } from '@lumino/signaling';
import type { ISignal } from '@lumino/signaling';
import type { IRuleError } from '../rules/types';
import { stripAnsi } from './ansi';
import type { ExecutionStatus, IExecuteOptions, IExecutionResult } from './types';

export class KernelSession {
  constructor(options: KernelSession.IOptions) {
    this._kernel = options.kernel;
    Private.settleCancelledKernelInfo(this._kernel);
    this._kernel.statusChanged.connect(this._onStatus, this);
  }

  get kernel(): Kernel.IKernelConnection {
    return this._kernel;
  }

  /** Emitted when the kernel died under a cell (and was restarted by the server). */
  get died(): ISignal<this, void> {
    return this._died;
  }

  /** Run code as a cell: recorded in history, outputs collected. */
  async execute(code: string, options: IExecuteOptions = {}): Promise<IExecutionResult> {
    let startedAt = Date.now();
    const outputs: nbformat.IOutput[] = [];
    let stderr = '';
    let error: IRuleError | undefined;
    let executionCount: number | null = null;

    const push = (output: nbformat.IOutput) => {
      outputs.push(output);
      options.onOutput?.(output);
    };

    const future = this._kernel.requestExecute({
      code,
      silent: false,
      store_history: true,
      allow_stdin: false,
      stop_on_error: true
    });
    // The kernel may still be busy with another client's cell (the user's, in JupyterLab): the
    // budget counts from when this execution starts, and only this execution is ever interrupted.
    let running = false;
    let startedNow = () => undefined as void;
    const start = new Promise<void>(resolve => (startedNow = resolve));
    future.onIOPub = (msg: KernelMessage.IIOPubMessage) => {
      const content = msg.content as any;
      if (!running && msg.header.msg_type !== 'status') {
        running = true;
        startedAt = Date.now();
        startedNow();
      }
      switch (msg.header.msg_type) {
        case 'stream':
          if (content.name === 'stderr') {
            stderr += content.text;
          }
          Private.appendStream(outputs, content.name, content.text, push);
          break;
        case 'display_data':
          push({ output_type: 'display_data', data: content.data, metadata: content.metadata ?? {} });
          break;
        case 'execute_result':
          executionCount = content.execution_count;
          push({
            output_type: 'execute_result',
            data: content.data,
            metadata: content.metadata ?? {},
            execution_count: content.execution_count
          });
          break;
        case 'error':
          error = { ename: content.ename, evalue: content.evalue, traceback: content.traceback.map(stripAnsi) };
          push({ output_type: 'error', ename: content.ename, evalue: content.evalue, traceback: content.traceback });
          break;
        case 'clear_output':
          outputs.length = 0;
          break;
      }
    };

    let outcome: 'done' | 'timeout' | 'died' | 'aborted' = 'done';
    const deadline = new Promise<'timeout'>(resolve => {
      if (options.timeoutMs !== undefined) {
        const timeoutMs = options.timeoutMs;
        let timer: ReturnType<typeof setTimeout> | undefined;
        void start.then(() => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
        void future.done.finally(() => clearTimeout(timer)).catch(() => undefined);
      }
    });
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<'aborted'>(resolve => {
      if (options.signal?.aborted) {
        resolve('aborted');
      }
      onAbort = () => resolve('aborted');
      options.signal?.addEventListener('abort', onAbort, { once: true });
    });
    const died = new Promise<'died'>(resolve => {
      this._deathWaiters.add(() => resolve('died'));
    });
    const done = future.done.then(
      reply => {
        executionCount = (reply.content as any).execution_count ?? executionCount;
        if (reply.content.status === 'aborted' && !error) {
          // Never ran: the kernel dropped it after an earlier execution failed (stop_on_error).
          error = { ename: 'ExecutionAborted', evalue: 'The kernel aborted this execution (an earlier one failed or was interrupted).', traceback: [] };
        }
        return 'done' as const;
      },
      () => 'died' as const
    );

    outcome = await Promise.race([done, deadline, aborted, died]);
    const queued = outcome === 'aborted' && !running;
    if (queued) {
      // Still queued behind another client's cell (the user's): that one is never interrupted;
      // this one is, when it starts, and the stop does not wait for it.
      void start.then(() => this._kernel.interrupt()).catch(() => undefined);
    } else if ((outcome === 'timeout' || outcome === 'aborted') && !(await Private.settledAlready(done))) {
      // Interrupt and let the cell finish with its KeyboardInterrupt.
      const settled = await this._interruptAndWait(done, died);
      if (settled === 'died') {
        outcome = 'died';
      }
    }
    this._deathWaiters.clear();
    if (onAbort) {
      options.signal?.removeEventListener('abort', onAbort);
    }
    if (queued) {
      void done.finally(() => future.dispose());
    } else {
      future.dispose();
    }

    let status: ExecutionStatus;
    if (outcome === 'died') {
      status = 'died';
    } else if (outcome === 'timeout' || outcome === 'aborted') {
      status = 'timeout';
    } else {
      status = error ? 'error' : 'ok';
    }
    return { status, outputs, error, stderr, durationMs: Date.now() - startedAt, executionCount };
  }

  /**
   * Evaluate Python expressions without running a cell: nothing enters the
   * user's namespace or history. Returns each expression's repr-free text
   * (`text/plain` of the result), or throws with the Python error.
   */
  async evaluate(expressions: Record<string, string>, options: { timeoutMs?: number } = {}): Promise<Record<string, string>> {
    const timeoutMs = options.timeoutMs ?? Private.EVALUATE_TIMEOUT_MS;
    let reply = await this._evaluateOnce(expressions, timeoutMs);
    if (reply.content.status === 'aborted') {
      // Dropped with the queue of an execution that failed just before: asked once more.
      reply = await this._evaluateOnce(expressions, timeoutMs);
    }
    const results: Record<string, string> = {};
    const values = (reply.content as any).user_expressions ?? {};
    for (const key of Object.keys(expressions)) {
      const value = values[key];
      if (!value || value.status !== 'ok') {
        throw new Error(`${value?.ename ?? 'Error'}: ${value?.evalue ?? 'no result'}`);
      }
      results[key] = value.data['text/plain'];
    }
    return results;
  }

  private async _evaluateOnce(expressions: Record<string, string>, timeoutMs: number): Promise<KernelMessage.IExecuteReplyMsg> {
    const future = this._kernel.requestExecute({
      code: '',
      silent: true,
      store_history: false,
      user_expressions: expressions
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`The kernel did not answer within ${Math.round(timeoutMs / 1000)} s.`)), timeoutMs);
    });
    try {
      return await Promise.race([future.done, late]);
    } finally {
      clearTimeout(timer);
      future.dispose();
    }
  }

  /** Restart the kernel, clearing all state. */
  async restart(): Promise<void> {
    this._restarting = true;
    try {
      await this._kernel.restart();
      await this._waitIdle();
    } finally {
      this._restarting = false;
    }
  }

  /** Wait until the kernel answers again (after the server restarted it). */
  async waitReady(timeoutMs = 60000): Promise<void> {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        const reply = await Promise.race([
          this._kernel.requestKernelInfo(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error('no answer')), 5000);
          })
        ]);
        if (reply) {
          return;
        }
        // Cancelled: the kernel died again before it answered.
        await new Promise(resolve => setTimeout(resolve, 500));
      } catch {
        await new Promise(resolve => setTimeout(resolve, 500));
      } finally {
        clearTimeout(timer);
      }
    }
    throw new Error('The kernel did not come back after it died.');
  }

  dispose(): void {
    this._kernel.statusChanged.disconnect(this._onStatus, this);
  }

  private async _interruptAndWait(done: Promise<string>, died: Promise<'died'>): Promise<string> {
    try {
      await this._kernel.interrupt();
    } catch {
      // A kernel that cannot be interrupted is restarted below.
    }
    const grace = new Promise<'stuck'>(resolve => setTimeout(() => resolve('stuck'), 10000));
    const settled = await Promise.race([done, died, grace]);
    if (settled === 'stuck') {
      // Interrupt was ignored (a C loop holding the GIL): a restart is the only way out.
      await this.restart();
      return 'died';
    }
    return settled;
  }

  private async _waitIdle(): Promise<void> {
    await this.waitReady();
  }

  private _onStatus(_: Kernel.IKernelConnection, status: Kernel.Status): void {
    if (this._restarting) {
      return;
    }
    if (status === 'autorestarting' || status === 'dead' || status === 'restarting') {
      for (const waiter of this._deathWaiters) {
        waiter();
      }
      this._deathWaiters.clear();
      this._died.emit();
    }
  }

  private _kernel: Kernel.IKernelConnection;
  private _died = new Signal<this, void>(this);
  private _deathWaiters = new Set<() => void>();
  private _restarting = false;
}

export namespace KernelSession {
  export interface IOptions {
    kernel: Kernel.IKernelConnection;
  }
}

namespace Private {
  const CANCELLED = /^Canceled future for \w+ message before replies were done/;
  const SETTLED = Symbol('modernizer.settledCancelledKernelInfo');

  /**
   * @jupyterlab/services sends a kernel_info_request of its own each time a
   * connection (re)opens, and leaves its rejection unhandled: when the kernel
   * dies again before answering (os._exit during a replay), the cancelled
   * request would end a Node process. A cancelled request resolves empty
   * instead, as the library's own request does when its connection is
   * disposed; other errors still reject.
   */
  export function settleCancelledKernelInfo(kernel: Kernel.IKernelConnection): void {
    const marked = kernel as Kernel.IKernelConnection & { [SETTLED]?: true };
    if (marked[SETTLED]) {
      return;
    }
    marked[SETTLED] = true;
    const request = kernel.requestKernelInfo.bind(kernel);
    kernel.requestKernelInfo = () =>
      request().catch((error: unknown) => {
        if (error instanceof Error && CANCELLED.test(error.message)) {
          return undefined;
        }
        throw error;
      });
  }

  /** Whether a promise has already settled (checked without waiting). */
  export async function settledAlready(promise: Promise<unknown>): Promise<boolean> {
    const pending = {};
    return (await Promise.race([promise.then(() => true, () => true), Promise.resolve(pending)])) !== pending;
  }

  /** How long a silent evaluation may wait for the kernel (it queues behind a running cell). */
  export const EVALUATE_TIMEOUT_MS = 30000;

  /** Consecutive stream messages of one stream join into one output, as in a notebook. */
  export function appendStream(
    outputs: nbformat.IOutput[],
    name: string,
    text: string,
    push: (output: nbformat.IOutput) => void
  ): void {
    const last = outputs[outputs.length - 1] as nbformat.IStream | undefined;
    if (last && last.output_type === 'stream' && last.name === name) {
      last.text = (Array.isArray(last.text) ? last.text.join('') : last.text) + text;
      return;
    }
    push({ output_type: 'stream', name: name as nbformat.StreamType, text });
  }
}
