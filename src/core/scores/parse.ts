/**
 * Numbers as people write them in printed output: `$12,345.67`, `89.47%`,
 * `1.5e-3`, inside tuples and dicts, and numpy arrays whose repr runs over
 * several lines. Each number gets the shape of its line (the template) that
 * pairs it across runs, and the vector (innermost bracket group) it stands
 * in, which the equivalences look at.
 */
import type * as nbformat from '@jupyterlab/nbformat';

export interface IShownNumber {
  value: number;
  /** As written: `0.8212`, `1e-3`, `$1,234.50`, `89%`. */
  text: string;
  /** The logical line with every number replaced by `#`: what pairs numbers across runs. */
  template: string;
  /** Which number of the template's line (0-based), and which occurrence of that template. */
  position: number;
  occurrence: number;
  /** The innermost bracket group (a row of an array) or the line: `<line>:<group>`. */
  vector: string;
}

/**
 * Lines whose numbers are not results: timings, memory, progress, addresses,
 * dates, paths, and matplotlib's `Text(x, y, 'label')` reprs (where a label
 * sits depends on the figure's layout).
 */
const NOISE =
  /\b(wall time|cpu times?|elapsed|seconds?|took|it\/s|s\/it|eta|[mk]?b\b|memory usage|warning|deprecat|epoch \d+\/|step|version|python|\d{4}-\d{2}-\d{2})|0x[0-9a-f]+|<[\w.]+ (object|at) |file |\/[\w.-]+\/|\bText\(-?[\d.e+-]+, -?[\d.e+-]+, /i;

/**
 * A number as written: sign, currency, digits with thousands separators or
 * plain, decimals, exponent, percent. Not part of a word (`float32`, `x_1`).
 */
export const NUMBER =
  /(?<![\w.])[-+−]?[$€£]?[-+]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?%?(?![\w.]|,\d{3}\b)/g;

/** The value of a number as written, or NaN. */
export function readNumber(text: string): number {
  const plain = text.replace(/[$€£,%]/g, '').replace('−', '-').replace(/^\+/, '').replace(/^([-+])\+?/, '$1');
  return plain === '' || plain === '-' ? NaN : Number(plain);
}

/** Integers are counts and labels; results carry decimals, an exponent, a percent, a currency or separators. */
export function isDecimal(text: string): boolean {
  return /[.eE%$€£,]/.test(text);
}

/** Text a person sees in an output: streams and text/plain results. */
export function outputText(outputs: readonly nbformat.IOutput[]): string {
  return outputs
    .map(plainText)
    .filter((text): text is string => text !== undefined)
    .join('\n');
}

/** One output's text, or undefined when it shows none (images, errors). */
export function plainText(output: nbformat.IOutput): string | undefined {
  if (output.output_type === 'stream' && (output as nbformat.IStream).name === 'stdout') {
    return joined((output as nbformat.IStream).text);
  }
  if (output.output_type === 'execute_result' || output.output_type === 'display_data') {
    const data = (output as nbformat.IExecuteResult).data ?? {};
    if (data['text/plain'] !== undefined && !data['image/png']) {
      return joined(data['text/plain'] as string | string[]);
    }
  }
  return undefined;
}

export function joined(text: string | string[] | unknown): string {
  return Array.isArray(text) ? text.join('') : String(text ?? '');
}

/**
 * Physical lines joined while brackets are open: a numpy array or a nested
 * list printed over many lines is one logical line, so its numbers pair by
 * position in the array whatever the line wrapping of either run.
 */
export function logicalLines(text: string): string[] {
  const lines: string[] = [];
  let current = '';
  let depth = 0;
  for (const line of text.split('\n')) {
    current = current ? `${current} ${line.trim()}` : line;
    depth += Private.bracketBalance(line);
    if (depth <= 0 || current.length > 50_000) {
      lines.push(current);
      current = '';
      depth = 0;
    }
  }
  if (current) {
    lines.push(current);
  }
  return lines;
}

/**
 * The same line as another library version prints it: numpy 2 scalar reprs
 * (`np.float64(0.5)`) unwrapped, spacing inside brackets dropped.
 */
export function normalizeLine(line: string): string {
  return line
    .replace(/\bnp\.(?:float|int|uint|complex)\d*\(([^()]*)\)/g, '$1')
    .replace(/\bnp\.str_\(([^()]*)\)/g, '$1')
    .replace(/\bnp\.(True|False)_\b/g, '$1')
    .replace(/\s+/g, ' ')
    .replace(/([[({]) /g, '$1')
    .replace(/ ([\])}])/g, '$1')
    .replace(/ ,/g, ',')
    .trim();
}

/** The numbers shown in some text, with what pairs them. */
export function numbersInText(text: string): IShownNumber[] {
  const numbers: IShownNumber[] = [];
  const seen = new Map<string, number>();
  logicalLines(text).forEach((rawLine, lineIndex) => {
    const line = normalizeLine(rawLine);
    if (!line || NOISE.test(line) || line.length > 50_000) {
      return;
    }
    const matches = [...line.matchAll(NUMBER)].filter(match => !Private.isLabel(line, match[0], match.index!));
    if (matches.length === 0) {
      return;
    }
    const template = line.replace(NUMBER, (found: string, offset: number) => (Private.isLabel(line, found, offset) ? found : '#'));
    const occurrence = seen.get(template) ?? 0;
    seen.set(template, occurrence + 1);
    const groups = Private.groupAt(line);
    matches.forEach((match, position) => {
      const value = readNumber(match[0]);
      if (Number.isFinite(value)) {
        numbers.push({ value, text: match[0], template, position, occurrence, vector: `${lineIndex}:${groups[match.index!]}` });
      }
    });
  });
  return numbers;
}

/** The numbers shown in outputs' text, with what pairs them. */
export function shownNumbers(outputs: readonly nbformat.IOutput[]): IShownNumber[] {
  return numbersInText(outputText(outputs));
}

namespace Private {
  /** Opened minus closed brackets, outside string literals. */
  export function bracketBalance(line: string): number {
    let balance = 0;
    let quote = '';
    for (let i = 0; i < line.length; i++) {
      const char = line[i];
      if (quote) {
        if (char === '\\') {
          i++;
        } else if (char === quote) {
          quote = '';
        }
      } else if (char === "'" || char === '"') {
        quote = char;
      } else if ('([{'.includes(char)) {
        balance++;
      } else if (')]}'.includes(char)) {
        balance--;
      }
    }
    // An unclosed quote is an apostrophe in prose, not a string: count the line as it is.
    return quote ? 0 : balance;
  }

  /** For each offset of the line, the id of the innermost bracket group it stands in (0: none). */
  export function groupAt(line: string): number[] {
    const ids: number[] = [];
    const stack: number[] = [0];
    let next = 1;
    for (let i = 0; i < line.length; i++) {
      const char = line[i];
      if ('([{'.includes(char)) {
        stack.push(next++);
      } else if (')]}'.includes(char) && stack.length > 1) {
        ids.push(stack.pop()!);
        continue;
      }
      ids.push(stack[stack.length - 1]);
    }
    return ids;
  }

  /** A whole number in parentheses names the line ("Critical Value (5%)", "Fold (3)"): it is not a result. */
  export function isLabel(line: string, text: string, offset: number): boolean {
    return /^\d+%?$/.test(text) && line[offset - 1] === '(' && /^%?\)/.test(line.slice(offset + text.length));
  }
}
