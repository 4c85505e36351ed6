/**
 * Several Jupyter servers (or Enterprise Gateways) working through one
 * queue of notebooks, N kernels each. A server that stops answering is left
 * out: the notebook it was running is stopped and goes back to the queue for
 * another server; when none is left, what remains is not run (a later batch
 * with the same OUTDIR finishes it).
 */
import type { IJupyterServer } from '../server';

export interface IPoolRun<T> {
  /** What each item's task returned, in the order they ended. */
  results: { item: string; server: string; result: T }[];
  /** Items taken back from a server that went away, and where they were. */
  retried: { item: string; from: string }[];
  /** Servers that went away during the run. */
  lost: string[];
  /** Items no server ran (all were lost, or the run was stopped). */
  notRun: string[];
}

/** Runs one item on one server; the signal stops it (the server went away, or the batch was stopped). */
export type PoolTask<T> = (item: string, server: IJupyterServer, signal: AbortSignal) => Promise<T>;

export class ServerPool {
  constructor(options: ServerPool.IOptions) {
    this._servers = options.servers;
    this._jobs = options.jobsPerServer;
    this._pingMs = options.pingMs ?? 2000;
    this._misses = options.missesBeforeLost ?? 2;
  }

  /** Run every item, `jobsPerServer` at a time on each server. */
  async run<T>(items: readonly string[], task: PoolTask<T>, signal?: AbortSignal): Promise<IPoolRun<T>> {
    const queue = [...items];
    const outcome: IPoolRun<T> = { results: [], retried: [], lost: [], notRun: [] };
    const lost = new Set<IJupyterServer>();
    let inFlight = 0;
    let wake: () => void = () => undefined;
    let changed = new Promise<void>(resolve => (wake = resolve));
    const notify = () => {
      wake();
      changed = new Promise<void>(resolve => (wake = resolve));
    };

    const worker = async (server: IJupyterServer) => {
      for (;;) {
        if (signal?.aborted || lost.has(server)) {
          return;
        }
        if (queue.length === 0) {
          // A notebook in flight elsewhere may come back if its server goes away.
          if (inFlight === 0) {
            return;
          }
          await changed;
          continue;
        }
        const item = queue.shift()!;
        inFlight++;
        const stop = new AbortController();
        const onAbort = () => stop.abort();
        signal?.addEventListener('abort', onAbort, { once: true });
        const watch = this._watch(server, () => {
          lost.add(server);
          stop.abort();
        });
        try {
          const result = await task(item, server, stop.signal);
          if (!lost.has(server) && !(await Private.answers(server))) {
            // It failed because the server went away between two pings.
            lost.add(server);
          }
          if (lost.has(server) && !signal?.aborted) {
            queue.unshift(item);
            outcome.retried.push({ item, from: server.url });
          } else {
            outcome.results.push({ item, server: server.url, result });
          }
        } finally {
          watch.stop();
          signal?.removeEventListener('abort', onAbort);
          inFlight--;
          if (lost.has(server) && !outcome.lost.includes(server.url)) {
            outcome.lost.push(server.url);
          }
          notify();
        }
      }
    };

    await Promise.all(this._servers.flatMap(server => Array.from({ length: this._jobs }, () => worker(server))));
    outcome.notRun = queue;
    return outcome;
  }

  /** Ping the server while a notebook runs; `onLost` after `missesBeforeLost` pings in a row go unanswered. */
  private _watch(server: IJupyterServer, onLost: () => void): { stop: () => void } {
    let misses = 0;
    let stopped = false;
    const timer = setInterval(async () => {
      if (stopped) {
        return;
      }
      misses = (await Private.answers(server)) ? 0 : misses + 1;
      if (misses >= this._misses && !stopped) {
        stopped = true;
        clearInterval(timer);
        onLost();
      }
    }, this._pingMs);
    timer.unref?.();
    return {
      stop: () => {
        stopped = true;
        clearInterval(timer);
      }
    };
  }

  private _servers: IJupyterServer[];
  private _jobs: number;
  private _pingMs: number;
  private _misses: number;
}

export namespace ServerPool {
  export interface IOptions {
    servers: IJupyterServer[];
    /** Kernels at a time on each server. */
    jobsPerServer: number;
    /** How often a server with a notebook running is pinged (default 2 s). */
    pingMs?: number;
    /** Unanswered pings in a row before the server counts as gone (default 2). */
    missesBeforeLost?: number;
  }
}

namespace Private {
  /** Whether the server answers its status endpoint within a few seconds. */
  export async function answers(server: IJupyterServer): Promise<boolean> {
    try {
      const response = await fetch(`${server.url.replace(/\/$/, '')}/api/kernelspecs`, {
        headers: { Authorization: `token ${server.token}` },
        signal: AbortSignal.timeout(5000)
      });
      return response.ok;
    } catch {
      return false;
    }
  }
}
