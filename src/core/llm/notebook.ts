/**
 * Repair with the whole notebook in view. When the failing cell's own
 * answers are spent, the cause may be in an earlier cell: the model sees the
 * code cells numbered, the failures so far, the versions, the data files and
 * the facts, and may answer with edits to several cells. The edits come back
 * checked (they parse, name real cells, change something) with the drift and
 * guard flags of each, for the engine to decide and apply as one patch set.
 */
import type { INotebookAnswer, INotebookRequest, ITokenUsage } from './patchagent';
import { driftFlags } from '../drift/flags';
import { guardFlags } from '../notebook/patch';
import type { IRuleError } from '../rules/types';
import { parsesAsPython } from './answer';
import { addUsage, priced } from './cost';
import type { PriceTable } from './cost';
import { ChatModelError } from './model';
import type { IAnswerSchema, IChatMessage, IChatModel } from './model';
import type { IRejectedAnswer } from './prompt';

export const NOTEBOOK_SCHEMA: IAnswerSchema = {
  name: 'notebook_patch',
  schema: {
    type: 'object',
    properties: {
      edits: {
        type: 'array',
        description: 'The cells to change, each with its complete new source.',
        items: {
          type: 'object',
          properties: {
            cell: { type: 'integer', description: 'The cell number as shown (### Cell N).' },
            source: { type: 'string', description: 'The complete new source of that cell.' }
          },
          required: ['cell', 'source'],
          additionalProperties: false
        }
      },
      rationale: { type: 'string', description: 'One or two sentences: where the cause was and what changed.' }
    },
    required: ['edits', 'rationale'],
    additionalProperties: false
  }
};

export const NOTEBOOK_PROMPT = [
  'You repair an old Jupyter notebook so that it runs in the Python environment described below.',
  'Repairs of the failing cell alone did not work: the cause may be in an earlier cell, or need changes in several cells.',
  'Change as few cells and lines as possible and keep what the code computes: the same model classes, hyperparameters, seeds, split sizes and data rows.',
  'Do not sample or truncate data, do not hard-code results, do not install packages, run shell commands, reach the network or delete files.',
  'Only the cells shown, up to the failing one, can change; changed cells run again from the first one changed.',
  'Reply with a JSON object with two fields: "edits", a list of {"cell": N, "source": the complete new source of cell N}, and "rationale", one or two sentences saying where the cause was and what changed.'
].join(' ');

/** How much of the notebook goes in. */
const LIMITS = { cellChars: 4000, totalChars: 24000, tracebackLines: 20, dataEntries: 30 };

export function buildNotebookMessages(request: INotebookRequest, dataFiles: string, rejected: readonly IRejectedAnswer[]): IChatMessage[] {
  const parts: string[] = [];
  const env = request.environment;
  if (env) {
    parts.push(`## Environment\nPython ${env.python}; ${Object.entries(env.packages).map(([name, version]) => `${name} ${version}`).join(', ')}`);
  }
  if (dataFiles) {
    parts.push(`## Data files beside the notebook\n${dataFiles}`);
  }
  if (request.facts.length > 0) {
    const facts = request.facts.map(fact => `- ${fact.library} ${fact.version}: ${fact.message} (${fact.source})`);
    parts.push(`## Known API changes matching the error\n${[...new Set(facts)].join('\n')}`);
  }
  parts.push(`## The notebook's code cells, up to the failing one\n${Private.cells(request)}`);
  const others = request.errors.filter(failure => failure.index !== request.cellIndex);
  if (others.length > 0) {
    parts.push(`## Other failures so far\n${others.map(failure => `- Cell ${failure.index + 1}: ${failure.error ? Private.errorLine(failure.error) : failure.message}`).join('\n')}`);
  }
  const error = request.diagnosis.error;
  parts.push(
    `## The failing cell: cell ${request.cellIndex + 1}\n` +
      (error ? `${Private.errorLine(error)}\n\nTraceback (last lines):\n${Private.fence(Private.tail(error), '')}\n\n` : '') +
      `Diagnosis: ${request.diagnosis.message}`
  );
  const current = request.cells.find(cell => cell.index === request.cellIndex)?.source.trim();
  const attempts = [
    ...request.previousAttempts.map(attempt =>
      // The latest answer is usually the failing cell as shown: say so rather than repeat it.
      attempt.source.trim() === current
        ? { title: `Cell ${request.cellIndex + 1} alone`, source: '', outcome: `It is cell ${request.cellIndex + 1} as shown above: it failed with the error above.` }
        : {
            title: `Cell ${request.cellIndex + 1} alone`,
            source: attempt.source,
            outcome: attempt.outcome ?? (attempt.error ? `It ran and failed: ${Private.errorLine(attempt.error)}` : 'It was not run.')
          }
    ),
    ...rejected.map(answer => ({ title: 'Your notebook answer', source: answer.source, outcome: answer.problem }))
  ];
  if (attempts.length > 0) {
    const shown = attempts.slice(-4).map((attempt, i) => `### Attempt ${i + 1} (${attempt.title})\n${attempt.source ? Private.fence(attempt.source) + '\n' : ''}${attempt.outcome}`);
    parts.push(`## What was tried, which did not work\n${shown.join('\n\n')}`);
  }
  return [
    { role: 'system', content: NOTEBOOK_PROMPT },
    { role: 'user', content: parts.join('\n\n') }
  ];
}

export interface IParsedNotebookAnswer {
  edits: { cell: number; source: string }[];
  rationale: string;
}

/** The answer's edits and rationale, or null when it holds none. */
export function parseNotebookAnswer(text: string): IParsedNotebookAnswer | null {
  const body = /^```(?:json)?\s*\n([\s\S]*?)\n?```$/i.exec(text.trim())?.[1] ?? text;
  const start = body.indexOf('{');
  const end = body.lastIndexOf('}');
  if (start < 0 || end <= start) {
    return null;
  }
  try {
    const value = JSON.parse(body.slice(start, end + 1));
    const edits = Array.isArray(value?.edits)
      ? value.edits
          .filter((edit: unknown): edit is { cell: number; source: string } => {
            const e = edit as { cell?: unknown; source?: unknown };
            return Number.isInteger(e?.cell) && typeof e?.source === 'string';
          })
          .map((edit: { cell: number; source: string }) => ({ cell: edit.cell, source: edit.source.replace(/\s+$/, '') }))
      : [];
    if (edits.length === 0) {
      return null;
    }
    const rationale = typeof value.rationale === 'string' && value.rationale.trim() ? value.rationale.replace(/\s+/g, ' ').trim().slice(0, 600) : 'The model gave no rationale.';
    return { edits, rationale };
  } catch {
    return null;
  }
}

/**
 * Ask for a notebook-level repair: up to `maxAttempts` answers, an unusable
 * one sent back with its problem. The model's errors become one sentence.
 */
export async function askNotebook(
  model: IChatModel,
  request: INotebookRequest,
  options: {
    maxAttempts: number;
    dataFiles: string;
    prices?: PriceTable;
    onExchange?: (exchange: { messages: IChatMessage[]; answer: string; usage: ITokenUsage; model: string; attempt: number; cached: boolean }) => void;
  }
): Promise<INotebookAnswer> {
  let usage: ITokenUsage = { calls: 0, inputTokens: 0, outputTokens: 0 };
  const rejected: IRejectedAnswer[] = [];
  const byNumber = new Map(request.cells.map(cell => [cell.index + 1, cell]));
  for (let attempt = 1; attempt <= options.maxAttempts; attempt++) {
    const messages = buildNotebookMessages(request, options.dataFiles, rejected);
    let response;
    try {
      response = await model.complete({ messages, schema: NOTEBOOK_SCHEMA, signal: request.signal });
    } catch (error) {
      const message = error instanceof ChatModelError ? error.message : `The LLM call failed: ${String((error as Error)?.message ?? error).slice(0, 200)}.`;
      return { usage, error: message };
    }
    const spent = priced(response.usage, options.prices, model.name);
    usage = addUsage(usage, spent);
    options.onExchange?.({ messages, answer: response.text, usage: spent, model: response.model, attempt, cached: response.cached === true });
    const parsed = parseNotebookAnswer(response.text);
    const problem = !parsed
      ? 'Your answer held no edits.'
      : parsed.edits.find(edit => !byNumber.has(edit.cell))
        ? `Cell ${parsed.edits.find(edit => !byNumber.has(edit.cell))!.cell} is not one of the cells shown.`
        : parsed.edits.find(edit => !parsesAsPython(edit.source))
          ? `The new cell ${parsed.edits.find(edit => !parsesAsPython(edit.source))!.cell} does not parse as Python 3.`
          : parsed.edits.every(edit => edit.source.trim() === byNumber.get(edit.cell)!.source.trim())
            ? 'It changes no cell.'
            : undefined;
    if (problem || !parsed) {
      rejected.push({ source: parsed ? parsed.edits.map(edit => `# cell ${edit.cell}\n${edit.source}`).join('\n') : '', problem: problem! });
      continue;
    }
    const edits = parsed.edits
      .filter(edit => edit.source.trim() !== byNumber.get(edit.cell)!.source.trim())
      .map(edit => {
        const cell = byNumber.get(edit.cell)!;
        return {
          index: cell.index,
          source: edit.source,
          flags: [...driftFlags(cell.originalSource, edit.source), ...guardFlags(cell.source, edit.source)]
        };
      })
      .sort((a, b) => a.index - b.index);
    return { proposal: { edits, rationale: parsed.rationale, origin: `llm:${model.name}` }, usage };
  }
  return { usage, error: `The model's notebook-level answers held no usable edits (${options.maxAttempts} of ${options.maxAttempts} attempts).` };
}

namespace Private {
  export function fence(text: string, language = 'python'): string {
    return '```' + language + '\n' + text.replace(/\s+$/, '') + '\n```';
  }

  export function errorLine(error: IRuleError): string {
    const value = error.evalue.length > 400 ? error.evalue.slice(0, 400) + '...' : error.evalue;
    return `${error.ename}: ${value}`;
  }

  export function tail(error: IRuleError): string {
    return error.traceback
      .join('\n')
      .split('\n')
      .filter(line => line.trim() !== '' && !/^-+$/.test(line.trim()))
      .map(line => (line.length > 300 ? line.slice(0, 300) + '...' : line))
      .slice(-LIMITS.tracebackLines)
      .join('\n');
  }

  /** The code cells numbered as in the notebook; long ones cut, the latest kept when over the total. */
  export function cells(request: INotebookRequest): string {
    const shown: string[] = [];
    let total = 0;
    for (const cell of [...request.cells].reverse()) {
      let source = cell.source.replace(/\s+$/, '');
      if (source.length > LIMITS.cellChars) {
        source = source.slice(0, LIMITS.cellChars) + '\n# ... (cut)';
      }
      if (total + source.length > LIMITS.totalChars) {
        shown.push(`(cells 1 to ${cell.index + 1} left out for length)`);
        break;
      }
      total += source.length;
      const failing = cell.index === request.cellIndex ? ' (fails)' : request.errors.some(failure => failure.index === cell.index) ? ' (failed)' : '';
      shown.push(`### Cell ${cell.index + 1}${failing}\n${fence(source)}`);
    }
    return shown.reverse().join('\n\n');
  }
}
