/**
 * Preloaded into a CLI run by the throughput bench (`node --require
 * dist/bench/rss.js …`): on exit, writes the process's own peak resident
 * memory (kernels and the Jupyter server are other processes) to
 * $BENCH_RSS_FILE.
 */
import * as fs from 'fs';

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    fs.writeFileSync(file, JSON.stringify({ maxRSSKiB: process.resourceUsage().maxRSS }) + '\n');
  });
}
