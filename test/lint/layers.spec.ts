/**
 * The layering rule of eslint.config.mjs: src/core imports no UI and nothing
 * of src/lab or src/cli. ESLint loads its config with import(), which jest's
 * module runtime refuses, so the texts are linted by a child node process.
 */
import { execFile } from 'child_process';
import * as path from 'path';
import { promisify } from 'util';

const REPO = path.resolve(__dirname, '..', '..');

interface ICase {
  filePath: string;
  text: string;
}

const LINT = `
const { ESLint } = require('eslint');
const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
(async () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const found = [];
  for (const { filePath, text } of cases) {
    const [result] = await eslint.lintText(text, { filePath });
    found.push(result.messages.map(m => ({ ruleId: m.ruleId, message: m.message })));
  }
  process.stdout.write(JSON.stringify(found));
})();
`;

async function lint(cases: ICase[]): Promise<{ ruleId: string | null; message: string }[][]> {
  const child = promisify(execFile)(process.execPath, ['-e', LINT], { cwd: REPO, maxBuffer: 1 << 20 });
  child.child.stdin!.end(JSON.stringify(cases));
  return JSON.parse((await child).stdout);
}

const forbidden: [string, string, string][] = [
  ['src/core/notebook/format.ts', "import type { NotebookPanel } from '@jupyterlab/notebook';", 'UI-free'],
  ['src/core/runner.ts', "import { showDialog } from '@jupyterlab/apputils';", 'UI-free'],
  ['src/core/notebook/patch.ts', "import { Widget } from '@lumino/widgets';", 'UI-free'],
  ['src/core/run/report.ts', "import * as React from 'react';", 'UI-free'],
  ['src/core/rules/engine.ts', "import { LabIcon } from '@jupyterlab/ui-components/lib/icon';", 'UI-free'],
  ['src/core/llm/agent.ts', "import { relayChatModel } from '../../lab/relay';", 'neither face'],
  ['src/core/kernel.ts', "import { runNotebook } from '../cli/run';", 'neither face'],
  ['src/core/scores/cell.ts', "export { batchMain } from '../../cli/batch';", 'neither face']
];

const allowed: [string, string][] = [
  ['src/core/kernel.ts', "import type { Kernel } from '@jupyterlab/services';\nimport { Signal } from '@lumino/signaling';"],
  ['src/core/llm/agent.ts', "import { OpenAIChatModel } from './openai';\nimport { parseNotebook } from '../notebook';"],
  ['src/lab/model.ts', "import type { NotebookPanel } from '@jupyterlab/notebook';\nimport { Widget } from '@lumino/widgets';"],
  ['src/cli/run.ts', "import { RunModel } from '../lab/model';"]
];

describe('eslint.config.mjs', () => {
  let forbiddenFound: { ruleId: string | null; message: string }[][];
  let allowedFound: { ruleId: string | null; message: string }[][];

  beforeAll(async () => {
    // Only the rule's own messages are looked at (the imports are unused, for one).
    const found = await lint([...forbidden, ...allowed].map(([filePath, text]) => ({ filePath, text })));
    forbiddenFound = found.slice(0, forbidden.length);
    allowedFound = found.slice(forbidden.length);
  }, 120000);

  describe('no-restricted-imports', () => {
    it.each(forbidden.map((entry, i) => [...entry, i] as const))('should report %s: %s', (_, __, says, i) => {
      const restricted = forbiddenFound[i].filter(m => m.ruleId === 'no-restricted-imports');
      expect(restricted).toHaveLength(1);
      expect(restricted[0].message).toContain(says);
    });

    it.each(allowed.map((entry, i) => [...entry, i] as const))('should let %s: %s', (_, __, i) => {
      expect(allowedFound[i].filter(m => m.ruleId === 'no-restricted-imports')).toEqual([]);
    });
  });
});
