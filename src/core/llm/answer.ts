/**
 * The model's answer: a replacement for one cell and a rationale, read from
 * structured output (JSON) or, for endpoints without it, from a fenced
 * ```python block and the text around it; then checked to parse.
 */
import { isPythonCell, withoutMagics } from '../python/magics';
import { PythonSource } from '../python/syntax';
import type { IAnswerSchema } from './model';

export interface IParsedAnswer {
  source: string;
  rationale: string;
}

/** The JSON schema asked for (structured output). */
export const ANSWER_SCHEMA: IAnswerSchema = {
  name: 'cell_patch',
  schema: {
    type: 'object',
    properties: {
      source: { type: 'string', description: 'The complete new source of the cell.' },
      rationale: { type: 'string', description: 'One sentence: what changed and why.' }
    },
    required: ['source', 'rationale'],
    additionalProperties: false
  }
};

/** The answer's cell and rationale, or null when it holds no code. */
export function parseAnswer(text: string): IParsedAnswer | null {
  const trimmed = text.trim();
  const json = Private.parseJson(trimmed);
  if (json) {
    const source = Private.unfence(json.source);
    return source.trim() ? { source, rationale: Private.sentence(json.rationale) } : null;
  }
  const fence = /```[ \t]*(?:python3?|py|ipython)?[ \t]*\r?\n([\s\S]*?)```/i.exec(trimmed);
  if (!fence || !fence[1].trim()) {
    return null;
  }
  const rest = (trimmed.slice(0, fence.index) + ' ' + trimmed.slice(fence.index + fence[0].length)).trim();
  return { source: fence[1].replace(/\s+$/, ''), rationale: Private.sentence(rest) };
}

/** True when the cell parses as Python 3 (IPython magics and shell escapes aside). */
export function parsesAsPython(source: string): boolean {
  if (!isPythonCell(source)) {
    return true;
  }
  return !new PythonSource(withoutMagics(source)).hasSyntaxErrors;
}

namespace Private {
  export function parseJson(text: string): { source: string; rationale: string } | null {
    const body = /^```(?:json)?\s*\n([\s\S]*?)\n?```$/i.exec(text)?.[1] ?? text;
    const start = body.indexOf('{');
    const end = body.lastIndexOf('}');
    if (start < 0 || end <= start) {
      return null;
    }
    try {
      const value = JSON.parse(body.slice(start, end + 1));
      if (value && typeof value.source === 'string') {
        return { source: value.source, rationale: typeof value.rationale === 'string' ? value.rationale : '' };
      }
    } catch {
      // Not JSON: maybe a fenced block.
    }
    return null;
  }

  /** A source that came wrapped in a fence inside the JSON. */
  export function unfence(source: string): string {
    const match = /^\s*```[ \t]*(?:python3?|py)?[ \t]*\r?\n([\s\S]*?)\n?```\s*$/i.exec(source);
    return (match ? match[1] : source).replace(/\s+$/, '');
  }

  export function sentence(text: string): string {
    const plain = text.replace(/\s+/g, ' ').trim();
    return plain.length > 400 ? plain.slice(0, 397) + '...' : plain || 'The model gave no rationale.';
  }
}
