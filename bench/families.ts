/**
 * Rule-engine time per failing cell with the whole knowledge base: what the
 * engine does for one failure (diagnose: propose, then advise) on real
 * notebook code, without a kernel. The failing cells are the code cells of
 * the corpus notebooks dev01..dev36 (never the validation set), each paired
 * with the real error texts of every family shape, as today's stack words
 * them. Prints figures; asserts nothing.
 *
 *   npx tsc -p tsconfig.cli.json && node dist/bench/families.js [--rounds N] [--facts PATH]
 */
import * as fs from 'fs';
import * as path from 'path';
import { diagnose } from '../src/core/diagnosis/diagnose';
import type { IExecutionResult } from '../src/core/kernel';
import { importAliases } from '../src/core/python/syntax';
import { RuleEngine, allRules } from '../src/core/rules';
import { kbFamilies } from '../src/core/rules/families';
import { KnowledgeBase } from '../src/core/rules/kb';
import type { IKbFile } from '../src/core/rules/kb';
import { CORPUS, REPO, corpusEntries, median, percentile, takeFlag } from './common';

/** One real error per family shape, and a few no rule knows. */
const ERRORS: [string, string][] = [
  ['AttributeError', "module 'numpy' has no attribute 'product'"],
  ['AttributeError', "module 'pandas' has no attribute 'scatter_matrix'"],
  ['AttributeError', "'DataFrame' object has no attribute 'as_matrix'"],
  ['AttributeError', "type object 'DataFrame' has no attribute 'from_items'"],
  ['AttributeError', "'list' object has no attribute 'shape'"],
  ['ImportError', "cannot import name 'Imputer' from 'sklearn.preprocessing' (/venv/sklearn/preprocessing/__init__.py)"],
  ['ModuleNotFoundError', "No module named 'sklearn.cross_validation'"],
  ['TypeError', "NDFrame.to_csv() got an unexpected keyword argument 'line_terminator'"],
  ['TypeError', "TSNE.__init__() got an unexpected keyword argument 'n_iter'"],
  ['TypeError', 'DataFrame.drop() takes from 1 to 2 positional arguments but 3 were given'],
  ['OptionError', "No such keys(s): 'display.height'"],
  ['KeyError', "\"'axes.color_cycle' is not a valid value for rcParam. Did you mean one of: 'axes.prop_cycle'?\""],
  ['InvalidParameterError', "The 'criterion' parameter of DecisionTreeRegressor must be a str among {'absolute_error', 'squared_error'}. Got 'mse' instead."],
  ['ValueError', 'Input X contains NaN.'],
  ['NameError', "name 'undefined_thing' is not defined"]
];

interface ICell {
  notebook: string;
  source: string;
  imports: Map<string, string>;
}

function corpusCells(): ICell[] {
  const cells: ICell[] = [];
  for (const entry of corpusEntries()) {
    const number = Number(/^dev(\d+)-/.exec(entry.id)?.[1]);
    if (!(number >= 1 && number <= 36)) {
      continue; // dev37..dev56 are the untouched validation set
    }
    const notebook = JSON.parse(fs.readFileSync(path.join(CORPUS, entry.notebook), 'utf8'));
    const sources: string[] = [];
    for (const cell of notebook.cells) {
      if (cell.cell_type !== 'code') {
        continue;
      }
      const source = Array.isArray(cell.source) ? cell.source.join('') : cell.source;
      cells.push({ notebook: entry.id, source, imports: importAliases(sources) });
      sources.push(source);
    }
  }
  return cells;
}

function failed(ename: string, evalue: string): IExecutionResult {
  return { status: 'error', outputs: [], error: { ename, evalue, traceback: [] }, stderr: '', durationMs: 0, executionCount: 1 };
}

function time(engine: RuleEngine, cells: ICell[], rounds: number): { ms: number[]; explained: number } {
  const ms: number[] = [];
  let explained = 0;
  for (let round = 0; round < rounds; round++) {
    for (const cell of cells) {
      for (const [ename, evalue] of ERRORS) {
        const started = process.hrtime.bigint();
        const diagnosis = diagnose(failed(ename, evalue), { rules: engine, source: cell.source, knownImports: cell.imports });
        ms.push(Number(process.hrtime.bigint() - started) / 1e6);
        explained += round === 0 && diagnosis.ruleId ? 1 : 0;
      }
    }
  }
  return { ms, explained };
}

/** What the pre-flight scan lists on the corpus cells that the hand rules do not: the base's own findings. */
function preflight(hand: RuleEngine, both: RuleEngine, cells: ICell[]): void {
  const extra = new Map<string, Set<string>>();
  let handFindings = 0;
  for (const cell of cells) {
    const handIds = new Set(hand.scan(cell.source, cell.imports).map(finding => finding.rule.id));
    handFindings += handIds.size;
    for (const finding of both.scan(cell.source, cell.imports)) {
      if (!handIds.has(finding.rule.id)) {
        extra.set(finding.rule.id, (extra.get(finding.rule.id) ?? new Set()).add(cell.notebook));
      }
    }
  }
  const notebooks = new Set([...extra.values()].flatMap(set => [...set]));
  console.log(`\npre-flight on dev01..dev36: ${handFindings} hand-rule findings; the base adds ${extra.size} facts in ${notebooks.size} notebooks:`);
  for (const [id, where] of [...extra].sort((a, b) => b[1].size - a[1].size)) {
    console.log(`  ${id}: ${[...where].sort().join(', ')}`);
  }
}

function main(): void {
  const args = process.argv.slice(2);
  const rounds = Number(takeFlag(args, '--rounds', '1'));
  const factsPath = takeFlag(args, '--facts', path.join(REPO, 'src', 'core', 'rules', 'kb', 'facts.json'));
  const loadStarted = process.hrtime.bigint();
  const base = new KnowledgeBase(JSON.parse(fs.readFileSync(factsPath, 'utf8')) as IKbFile);
  const loadMs = Number(process.hrtime.bigint() - loadStarted) / 1e6;
  const cells = corpusCells();
  console.log(`knowledge base: ${base.size} facts, parsed and indexed in ${loadMs.toFixed(1)} ms`);
  console.log(`failing cells: ${cells.length} code cells of dev01..dev36 x ${ERRORS.length} real error texts = ${cells.length * ERRORS.length} per round, ${rounds} round(s)`);
  const engines: [string, RuleEngine][] = [
    ['hand rules only', new RuleEngine(allRules)],
    ['hand rules + families (whole base)', new RuleEngine(allRules, kbFamilies(base))],
    ['families only (whole base)', new RuleEngine([], kbFamilies(base))]
  ];
  // Warm up the parser and the rule caches once, untimed.
  engines.forEach(([, engine]) => time(engine, cells.slice(0, 20), 1));
  console.log('| engine | failures timed | median ms | p95 ms | max ms | explained by a rule (round 1) |');
  console.log('|---|---|---|---|---|---|');
  for (const [label, engine] of engines) {
    const { ms, explained } = time(engine, cells, rounds);
    console.log(
      `| ${label} | ${ms.length} | ${median(ms).toFixed(3)} | ${percentile(ms, 95).toFixed(3)} | ${Math.max(...ms).toFixed(1)} | ${explained} |`
    );
  }
  preflight(engines[0][1], engines[1][1], cells);
}

main();
