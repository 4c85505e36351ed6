/**
 * The prompt for one failing cell: what the model needs to replace that
 * cell and nothing more. Stable parts (instructions, environment, data files)
 * come first so endpoints with prompt caching can reuse them across cells.
 */
import type { IAgentRequest } from './patchagent';
import type { IRuleError } from '../rules/types';
import { Paths } from '../notebook/workspace';
import type { IWorkspace } from '../notebook/workspace';
import { attemptsHeading, cellHeading, goalOf, goalSections, goalSystemPrompt } from './goals';
import type { IChatMessage } from './model';
import { UNTRUSTED_NOTE, fence, untrusted } from './untrusted';

/** How much context goes in; the trimmed limits are used after a context-length error. */
export interface IPromptLimits {
  /** Earlier cells that define names the failing cell uses. */
  definingCells: number;
  /** Characters of one earlier cell. */
  definingCellChars: number;
  /** Characters of all earlier cells together. */
  definingChars: number;
  /** Last lines of a traceback. */
  tracebackLines: number;
  /** Data-file lines. */
  dataEntries: number;
  /** Earlier attempts shown (the latest ones). */
  attempts: number;
}

export const FULL_LIMITS: IPromptLimits = {
  definingCells: 6,
  definingCellChars: 3000,
  definingChars: 8000,
  tracebackLines: 25,
  dataEntries: 30,
  attempts: 4
};

export const TRIMMED_LIMITS: IPromptLimits = {
  definingCells: 2,
  definingCellChars: 800,
  definingChars: 1600,
  tracebackLines: 6,
  dataEntries: 8,
  attempts: 1
};

/** An answer that never ran: it held no code or did not parse. */
export interface IRejectedAnswer {
  source: string;
  problem: string;
}

export const SYSTEM_PROMPT = [
  'You repair one cell of an old Jupyter notebook so that it runs in the Python environment described below.',
  'Change as little as possible and keep what the code computes: the same model classes, hyperparameters, seeds, split sizes and data rows.',
  'Do not sample or truncate data, do not hard-code results, do not install packages, run shell commands, reach the network or delete files.',
  'Only this cell can change; the earlier cells shown have already run.',
  UNTRUSTED_NOTE,
  'Reply with a JSON object with two fields: "source", the complete new source of the cell, and "rationale", one sentence saying what changed and why.'
].join(' ');

export function buildMessages(
  request: IAgentRequest,
  context: { dataFiles?: string; rejected?: IRejectedAnswer[]; limits?: IPromptLimits }
): IChatMessage[] {
  const limits = context.limits ?? FULL_LIMITS;
  const goal = goalOf(request);
  const parts: string[] = [];
  const env = request.environment;
  if (env) {
    const packages = Object.entries(env.packages)
      .map(([name, version]) => `${name} ${version}`)
      .join(', ');
    parts.push(`## Environment\nPython ${env.python}; ${packages}`);
  }
  if (context.dataFiles) {
    parts.push(`## Data files beside the notebook\n${untrusted(context.dataFiles)}`);
  }
  const defining = Private.definingCells(request, limits);
  if (defining) {
    parts.push(`## Earlier cells that define names this cell uses\n${defining}`);
  }
  if (request.facts.length > 0) {
    const facts = request.facts.map(fact => `- ${fact.library} ${fact.version}: ${fact.message} (${fact.source})`);
    parts.push(`## Known API changes matching this error\n${[...new Set(facts)].join('\n')}`);
  }
  parts.push(`${cellHeading(goal, request.cellIndex)}\n${fence(request.source)}`);
  parts.push(...goalSections(goal));
  const error = request.diagnosis.error;
  if (error) {
    const where = request.diagnosis.line ? ` at line ${request.diagnosis.line}${request.diagnosis.culprit ? `: ${request.diagnosis.culprit}` : ''}` : '';
    // The diagnosis often repeats a fact listed above: then it is left out.
    const diagnosis = request.facts.some(fact => fact.message === request.diagnosis.message) ? '' : `\n\nDiagnosis: ${request.diagnosis.message}`;
    parts.push(
      `## The error${where}\n${untrusted(Private.errorLine(error))}\n\nTraceback (last lines):\n${untrusted(Private.tail(error, limits.tracebackLines))}${diagnosis}`
    );
  }
  const current = request.source.trim();
  const attempts = [
    // The latest answer is usually the failing cell itself: say so rather than repeat it.
    ...request.previousAttempts.map(attempt => ({
      source: attempt.source.trim() === current ? '' : attempt.source,
      outcome: attempt.source.trim() === current
        ? attempt.outcome ?? (goal.kind === 'speed-up' ? 'It is the slow cell above: it was still over its budget.' : 'It is the failing cell above: it ran and failed with the error above.')
        : attempt.outcome
        ? attempt.outcome
        : attempt.error
        ? `It ran and failed:\n${untrusted(`${Private.errorLine(attempt.error)}\n${Private.tail(attempt.error, Math.min(limits.tracebackLines, 8))}`)}`
        : 'It was not run.'
    })),
    ...(context.rejected ?? []).map(answer => ({ source: answer.source, outcome: answer.problem }))
  ].slice(-limits.attempts);
  if (attempts.length > 0) {
    const shown = attempts.map((attempt, i) => `### Attempt ${i + 1}\n${attempt.source ? fence(attempt.source) + '\n' : ''}${attempt.outcome}`);
    const heading = attemptsHeading(goal);
    parts.push(`${heading.title}\n${shown.join('\n\n')}\n\n${heading.close}`);
  }
  return [
    { role: 'system', content: goalSystemPrompt(goal) ?? SYSTEM_PROMPT },
    { role: 'user', content: parts.join('\n\n') }
  ];
}

/**
 * A short tree of the data files beside the notebook (and in the data dir),
 * with the shape and columns of each CSV. Empty when the workspace cannot list.
 */
export async function describeDataFiles(workspace: IWorkspace, maxEntries = FULL_LIMITS.dataEntries): Promise<string> {
  if (!workspace.listDir) {
    return '';
  }
  const lines: string[] = [];
  const roots = [workspace.notebookDir];
  if (workspace.dataDir && !workspace.dataDir.startsWith(workspace.notebookDir + '/')) {
    roots.push(workspace.dataDir);
  }
  for (const root of roots) {
    const label = root === workspace.notebookDir ? './' : `${Paths.relative(workspace.notebookDir, root)}/ (data dir)`;
    const entries: string[] = [];
    await Private.walk(workspace, root, '  ', 0, entries, maxEntries);
    if (entries.length > 0) {
      lines.push(label, ...entries);
    }
  }
  return lines.slice(0, maxEntries + roots.length).join('\n');
}

namespace Private {
  const SKIPPED_DIRS = new Set(['node_modules', '__pycache__', '.ipynb_checkpoints', '.git', '.venv', 'venv']);
  /** CSV files read for their shape up to this size. */
  const MAX_CSV_BYTES = 20 * 1024 * 1024;

  export function errorLine(error: IRuleError): string {
    const value = error.evalue.length > 600 ? error.evalue.slice(0, 600) + '...' : error.evalue;
    return `${error.ename}: ${value}`;
  }

  export function tail(error: IRuleError, count: number): string {
    const lines = error.traceback
      .join('\n')
      .split('\n')
      // Blank lines and the rule of dashes IPython draws carry nothing.
      .filter(line => line.trim() !== '' && !/^-+$/.test(line.trim()))
      .map(line => (line.length > 300 ? line.slice(0, 300) + '...' : line));
    return lines.slice(-count).join('\n');
  }

  export function definingCells(request: IAgentRequest, limits: IPromptLimits): string {
    const shown: string[] = [];
    let total = 0;
    for (const cell of request.definingCells.slice(0, limits.definingCells)) {
      let source = cell.source.replace(/\s+$/, '');
      if (source.length > limits.definingCellChars) {
        source = source.slice(0, limits.definingCellChars) + '\n# ... (cut)';
      }
      if (total + source.length > limits.definingChars) {
        break;
      }
      total += source.length;
      shown.push(`### Cell ${cell.index + 1}\n${fence(source)}`);
    }
    // Nearest first in the request; shown in notebook order.
    return shown.reverse().join('\n\n');
  }

  export async function walk(
    workspace: IWorkspace,
    dir: string,
    indent: string,
    depth: number,
    out: string[],
    max: number
  ): Promise<void> {
    const entries = await workspace.listDir!(dir);
    for (const entry of entries) {
      if (out.length >= max) {
        out.push(`${indent}...`);
        return;
      }
      if (entry.name.startsWith('.')) {
        continue;
      }
      const full = Paths.join(dir, entry.name);
      if (entry.kind === 'directory') {
        if (SKIPPED_DIRS.has(entry.name)) {
          continue;
        }
        out.push(`${indent}${entry.name}/`);
        if (depth < 2) {
          await walk(workspace, full, indent + '  ', depth + 1, out, max);
        }
        continue;
      }
      if (/\.ipynb$|\.modernize\.json$|\.orig$/.test(entry.name)) {
        continue;
      }
      out.push(`${indent}${entry.name}${await describeFile(workspace, full, entry.size)}`);
    }
  }

  async function describeFile(workspace: IWorkspace, path: string, size?: number): Promise<string> {
    const bytes = size === undefined ? '' : size < 1024 ? `${size} B` : size < 1024 * 1024 ? `${Math.round(size / 1024)} KB` : `${(size / 1024 / 1024).toFixed(1)} MB`;
    if (!/\.(csv|tsv)$/i.test(path) || (size ?? 0) > MAX_CSV_BYTES) {
      return bytes ? `  (${bytes})` : '';
    }
    const text = await workspace.readText(path);
    if (text === undefined) {
      return bytes ? `  (${bytes})` : '';
    }
    const lines = text.split(/\r?\n/).filter(line => line.trim() !== '');
    const columns = splitRow(lines[0] ?? '', /\.tsv$/i.test(path) ? '\t' : ',');
    const named = columns.length > 30 ? [...columns.slice(0, 30), `... (+${columns.length - 30} more)`] : columns;
    return `  ${Math.max(lines.length - 1, 0)} rows x ${columns.length} columns: ${named.join(', ')}`;
  }

  /** One CSV row's fields, quotes honoured. */
  function splitRow(line: string, separator: string): string[] {
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const char = line[i];
      if (char === '"') {
        if (quoted && line[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = !quoted;
        }
      } else if (char === separator && !quoted) {
        fields.push(field.trim());
        field = '';
      } else {
        field += char;
      }
    }
    fields.push(field.trim());
    return fields;
  }
}
