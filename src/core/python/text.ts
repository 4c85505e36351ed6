/**
 * Python read as plain text, where the syntax tree cannot help (Python 2
 * statements it does not parse, argument text a rule writes itself): the end
 * of a logical line, the parts between top-level commas.
 */

/**
 * End of the logical line a statement starts on: the first newline outside
 * brackets and strings (not after a backslash), a `;` or a comment at the
 * top level. Trailing white space is not included.
 */
export function statementEnd(text: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\' && text[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '"' || c === "'") {
      const triple = text.startsWith(c.repeat(3), i);
      const quote = triple ? c.repeat(3) : c;
      i += quote.length;
      while (i < text.length && !text.startsWith(quote, i)) {
        if (!triple && text[i] === '\n') {
          break;
        }
        i += text[i] === '\\' ? 2 : 1;
      }
      i += quote.length;
      continue;
    }
    if ('([{'.includes(c)) {
      depth++;
    } else if (')]}'.includes(c)) {
      depth--;
    } else if (depth <= 0 && (c === '\n' || c === '#' || c === ';')) {
      break;
    }
    i++;
  }
  let end = Math.min(i, text.length);
  while (end > from && /\s/.test(text[end - 1])) {
    end--;
  }
  return end;
}

/** The parts of a text between commas outside brackets and strings, untrimmed (so offsets can be recovered). */
export function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const triple = text.startsWith(c.repeat(3), i);
      const quote = triple ? c.repeat(3) : c;
      i += quote.length;
      while (i < text.length && !text.startsWith(quote, i)) {
        i += text[i] === '\\' ? 2 : 1;
      }
      i += quote.length - 1;
    } else if ('([{'.includes(c)) {
      depth++;
    } else if (')]}'.includes(c)) {
      depth--;
    } else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Offsets [from, to) of the comma-separated parts of text[from, to), outside brackets and strings. */
export function partRanges(text: string, from: number, to: number): [number, number][] {
  const ranges: [number, number][] = [];
  let offset = 0;
  for (const part of splitTopLevel(text.slice(from, to))) {
    ranges.push([from + offset, from + offset + part.length]);
    offset += part.length + 1;
  }
  return ranges;
}
