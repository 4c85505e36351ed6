import * as path from 'path';
import { attachJupyterServer, startJupyterServer } from '../server';
import type { IJupyterServer } from '../server';
import type { IBatchOptions } from './args';

/**
 * The servers of the batch: each --server (sharing this file system only
 * when --server-root says so; else each notebook's folder is copied to its
 * kernel), or one we start on the scratch folder.
 */
export async function openServers(options: IBatchOptions, work: string): Promise<IJupyterServer[]> {
  const servers = options.servers ?? [];
  if (servers.length === 0) {
    return [await startJupyterServer({ rootDir: work })];
  }
  const rootDir = options.serverRoot ? path.resolve(options.serverRoot) : undefined;
  return Promise.all(servers.map(async ({ url, token }) => ({ ...(await attachJupyterServer(url, token)), rootDir })));
}
