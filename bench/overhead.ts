/**
 * The engine's overhead against nbclient on notebooks that are already clean.
 *
 * First every candidate (the example notebook and the corpus notebooks) is
 * modernized once with the rules; those that end clean give their final
 * notebook (and patched helper files). Then, in one process and alternating
 * which goes first, each final notebook runs ROUNDS times through the engine
 * (`runNotebook`, diagnose only, on a shared server as `batch` does) and
 * ROUNDS times through nbclient, each from a fresh copy of its folder.
 * Prints wall and kernel time, both ways, and their ratios.
 *
 *   npm run bench:overhead [-- ID_SUBSTRING ...] [--rounds 3] [--cell-timeout S]
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runNotebook } from '../src/cli/run';
import { startJupyterServer } from '../src/cli/server';
import { corpusEntries, finish, median, nbclientRun, REPO, takeFlag, writableCopy } from './common';

interface ICandidate {
  id: string;
  /** Folder to copy and the notebook inside it. */
  folder: string;
  notebook: string;
}

interface ISample {
  engineWall: number[];
  engineKernel: number[];
  nbclientWall: number[];
  nbclientKernel: number[];
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const rounds = Number(takeFlag(args, '--rounds', '3'));
  const cellTimeoutSeconds = Number(takeFlag(args, '--cell-timeout', '300'));
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'modernizer-overhead-'));
  const candidates: ICandidate[] = [
    { id: 'example', folder: path.join(REPO, 'examples'), notebook: 'passenger-survival-2017.ipynb' },
    ...corpusEntries().map(entry => ({
      id: entry.id,
      folder: path.resolve(REPO, '..', 'shared', 'corpus', entry.id),
      notebook: path.relative(entry.id, entry.notebook)
    }))
  ].filter(c => args.length === 0 || args.some(arg => c.id.includes(arg)));

  const server = await startJupyterServer({ rootDir: root });
  const samples = new Map<string, ISample>();
  try {
    // 1. The final, clean notebook of each candidate.
    const prepared: ICandidate[] = [];
    for (const candidate of candidates) {
      const folder = path.join(root, 'prepared', candidate.id);
      writableCopy(candidate.folder, folder);
      const input = path.join(folder, candidate.notebook);
      const report = await runNotebook({ notebook: input, accept: 'rules', cellTimeoutSeconds }, { server });
      process.stderr.write(`${candidate.id}: ${report.verdict}\n`);
      if (report.verdict === 'failing') {
        continue;
      }
      // The final notebook replaces the input; patched helper files stay patched.
      fs.copyFileSync(report.output!, input);
      prepared.push({ ...candidate, folder });
    }

    // 2. Both ways, alternating, each from a fresh copy.
    for (let round = 0; round < rounds; round++) {
      for (const candidate of prepared) {
        const sample = samples.get(candidate.id) ?? { engineWall: [], engineKernel: [], nbclientWall: [], nbclientKernel: [] };
        samples.set(candidate.id, sample);
        const engine = async () => {
          const folder = path.join(root, 'engine', candidate.id);
          writableCopy(candidate.folder, folder);
          const started = Date.now();
          const report = await runNotebook(
            { notebook: path.join(folder, candidate.notebook), accept: 'none', cellTimeoutSeconds },
            { server }
          );
          sample.engineWall.push((Date.now() - started) / 1000);
          sample.engineKernel.push(report.summary.kernelMs / 1000);
          if (report.verdict === 'failing') {
            process.stderr.write(`  ${candidate.id}: the engine's re-run failed (${report.summary.failing} cells)\n`);
          }
        };
        const nbclient = () => {
          const folder = path.join(root, 'nbclient', candidate.id);
          writableCopy(candidate.folder, folder);
          const notebook = path.join(folder, candidate.notebook);
          const run = nbclientRun(notebook, path.dirname(notebook), cellTimeoutSeconds);
          sample.nbclientWall.push(run.wallSeconds);
          sample.nbclientKernel.push(run.kernelSeconds);
        };
        if ((round + prepared.indexOf(candidate)) % 2 === 0) {
          await engine();
          nbclient();
        } else {
          nbclient();
          await engine();
        }
      }
      process.stderr.write(`round ${round + 1}/${rounds} done\n`);
    }
  } finally {
    await server.stop();
  }

  const lines = [
    `engine (runNotebook, --accept none, shared server) vs nbclient on already-clean notebooks; median of ${rounds} alternating rounds`,
    '',
    '| notebook | engine wall s | nbclient wall s | wall ratio | engine kernel s | nbclient kernel s | kernel ratio |',
    '|---|---:|---:|---:|---:|---:|---:|'
  ];
  let engineWall = 0;
  let nbclientWall = 0;
  let engineKernel = 0;
  let nbclientKernel = 0;
  for (const [id, s] of samples) {
    const ew = median(s.engineWall);
    const nw = median(s.nbclientWall);
    const ek = median(s.engineKernel);
    const nk = median(s.nbclientKernel);
    engineWall += ew;
    nbclientWall += nw;
    engineKernel += ek;
    nbclientKernel += nk;
    lines.push(
      `| ${id} | ${ew.toFixed(2)} | ${nw.toFixed(2)} | ${(ew / nw).toFixed(2)} | ${ek.toFixed(2)} | ${nk.toFixed(2)} | ${(ek / nk).toFixed(2)} |`
    );
  }
  lines.push(
    `| **all ${samples.size}** | ${engineWall.toFixed(1)} | ${nbclientWall.toFixed(1)} | ${(engineWall / nbclientWall).toFixed(2)} | ` +
      `${engineKernel.toFixed(1)} | ${nbclientKernel.toFixed(1)} | ${(engineKernel / nbclientKernel).toFixed(2)} |`
  );
  process.stdout.write(lines.join('\n') + '\n');
  process.stdout.write(
    `\noverhead: engine wall / nbclient wall = ${(engineWall / nbclientWall).toFixed(2)}, ` +
      `extra ${((engineWall - nbclientWall) / samples.size).toFixed(2)} s per notebook ` +
      `(kernel start on a running server, environment probe, pre-flight scan, per-cell round trips)\n`
  );
}

finish(main());
