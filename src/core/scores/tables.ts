/**
 * Tables as tables: a pandas DataFrame or Series in an output (its HTML, or
 * its text repr in a result or a print) read as cells named by row and
 * column label, so that two runs pair by label, not by line. The text left
 * around the tables is returned for line pairing.
 */
import type * as nbformat from '@jupyterlab/nbformat';
import { joined, plainText } from './parse';

export interface ITable {
  /** Column labels in order; a Series has one, ''. */
  columns: string[];
  /** Row labels in order; a repeated label gets ` (2)`, ` (3)`. */
  rows: string[];
  /** The cell text by row then column label. */
  cells: Map<string, Map<string, string>>;
}

/** An output split into its tables and the text around them. */
export interface ISplitOutput {
  tables: ITable[];
  text: string;
}

/** The tables of some outputs, in order, and the rest of their text. */
export function splitTables(outputs: readonly nbformat.IOutput[]): ISplitOutput {
  const tables: ITable[] = [];
  const texts: string[] = [];
  for (const output of outputs) {
    const html = (output as nbformat.IExecuteResult).data?.['text/html'];
    const fromHtml = html !== undefined ? htmlTables(joined(html)) : [];
    if (fromHtml.length > 0) {
      tables.push(...fromHtml);
      continue;
    }
    const text = plainText(output);
    if (text !== undefined) {
      const split = textTables(text);
      tables.push(...split.tables);
      texts.push(split.text);
    }
  }
  return { tables, text: texts.join('\n') };
}

/** pandas' HTML tables (`<table class="dataframe">`), header rows joined per column. */
export function htmlTables(html: string): ITable[] {
  const tables: ITable[] = [];
  for (const [, body] of html.matchAll(/<table\b[^>]*>([\s\S]*?)<\/table>/gi)) {
    const head = /<thead\b[^>]*>([\s\S]*?)<\/thead>/i.exec(body)?.[1] ?? '';
    const rest = head ? body.replace(/<thead\b[^>]*>[\s\S]*?<\/thead>/i, '') : body;
    const bodyRows = Private.htmlRows(rest);
    const headRows = Private.htmlRows(head);
    // Without a <thead>, leading rows of only <th> are the header.
    while (!head && bodyRows.length > 0 && bodyRows[0].every(cell => cell.header)) {
      headRows.push(bodyRows.shift()!);
    }
    const width = Math.max(0, ...bodyRows.map(row => row.filter(cell => !cell.header).length));
    if (width === 0) {
      continue;
    }
    const columns = Array.from({ length: width }, (_, j) =>
      headRows
        .map(row => Private.expand(row))
        .map(cells => cells[cells.length - width + j] ?? '')
        .filter(Boolean)
        .join(' / ')
    );
    const table = Private.newTable(columns.map((name, j) => name || String(j)));
    let labels: string[] = [];
    for (const row of bodyRows) {
      const heads = row.filter(cell => cell.header).map(cell => cell.text);
      const values = row.filter(cell => !cell.header).map(cell => cell.text);
      if (values.length !== width) {
        continue;
      }
      // A MultiIndex prints an outer label once (rowspan): later rows carry it over.
      labels = heads.length >= labels.length ? heads : [...labels.slice(0, labels.length - heads.length), ...heads];
      Private.addRow(table, labels.join(' / '), values);
    }
    if (table.rows.length > 0) {
      tables.push(table);
    }
  }
  return tables;
}

/**
 * DataFrames and Series in printed text. A DataFrame is a header line that
 * starts blank (the index column) with rows right-aligned under it; wide
 * ones continue in blocks after a trailing `\`. A Series is label–value
 * lines closed by its `dtype:` footer.
 */
export function textTables(text: string): ISplitOutput {
  const lines = text.split('\n');
  const used = new Set<number>();
  const tables: ITable[] = [];
  let frame: ITable | undefined;
  let noSeriesBefore = 0;
  for (let i = 0; i < lines.length; i++) {
    const series = i >= noSeriesBefore ? Private.seriesAt(lines, i) : undefined;
    if (typeof series === 'number') {
      // No footer closes these label-value lines: none of them starts a Series.
      noSeriesBefore = series;
    } else if (series) {
      tables.push(series.table);
      series.lines.forEach(line => used.add(line));
      frame = undefined;
      i = series.lines[series.lines.length - 1];
      continue;
    }
    const block = Private.frameBlockAt(lines, i);
    if (!block) {
      continue;
    }
    block.lines.forEach(line => used.add(line));
    // A continued block (the header before ended with `\`) adds columns to the same frame.
    const continues = frame !== undefined && /\\\s*$/.test(lines[Private.previousHeader(lines, i)] ?? '');
    if (continues && frame) {
      Private.mergeColumns(frame, block.table);
    } else {
      frame = block.table;
      tables.push(frame);
    }
    i = block.lines[block.lines.length - 1];
  }
  const rest = lines.filter((line, index) => !used.has(index) && !/^\[\d+ rows x \d+ columns\]$/.test(line.trim()));
  return { tables, text: rest.join('\n') };
}

namespace Private {
  interface IHtmlCell {
    header: boolean;
    text: string;
    span: number;
  }

  export function htmlRows(html: string): IHtmlCell[][] {
    return [...html.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/gi)].map(([, row]) =>
      [...row.matchAll(/<(th|td)\b([^>]*)>([\s\S]*?)<\/\1>/gi)].map(([, tag, attributes, inner]) => ({
        header: tag.toLowerCase() === 'th',
        text: decode(inner.replace(/<[^>]+>/g, '')).trim(),
        span: Number(/colspan="?(\d+)/i.exec(attributes)?.[1] ?? 1)
      }))
    );
  }

  export function expand(row: IHtmlCell[]): string[] {
    return row.flatMap(cell => Array.from({ length: cell.span }, () => cell.text));
  }

  function decode(text: string): string {
    return text
      .replace(/&nbsp;/g, ' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
  }

  export function newTable(columns: string[]): ITable {
    return { columns, rows: [], cells: new Map() };
  }

  export function addRow(table: ITable, label: string, values: string[]): void {
    let key = label;
    for (let n = 2; table.cells.has(key); n++) {
      key = `${label} (${n})`;
    }
    table.rows.push(key);
    table.cells.set(key, new Map(table.columns.map((column, j) => [column, values[j]])));
  }

  export function mergeColumns(into: ITable, more: ITable): void {
    into.columns.push(...more.columns);
    for (const row of more.rows) {
      const cells = into.cells.get(row);
      if (cells) {
        more.cells.get(row)!.forEach((value, column) => cells.set(column, value));
      }
    }
  }

  const SERIES_FOOTER = /^(Freq: .*, )?(Name: .*, )?(Length: \d+, )?dtype: \w+$/;
  const SERIES_ROW = /^(\S.*?)\s{2,}(\S+)\s*$/;

  /** A Series whose footer is at or after line i and whose first row is line i. */
  export function seriesAt(lines: string[], i: number): { table: ITable; lines: number[] } | number | undefined {
    if (!SERIES_ROW.test(lines[i])) {
      return undefined;
    }
    let end = i;
    while (end < lines.length && SERIES_ROW.test(lines[end]) && !SERIES_FOOTER.test(lines[end].trim())) {
      end++;
    }
    if (end >= lines.length || !SERIES_FOOTER.test(lines[end].trim()) || end === i) {
      return end;
    }
    const table = newTable(['']);
    const used: number[] = [];
    for (let k = i; k <= end; k++) {
      used.push(k);
      const match = SERIES_ROW.exec(lines[k]);
      if (k < end && match && match[1].trim() !== '...') {
        addRow(table, match[1].trim(), [match[2]]);
      }
    }
    return { table, lines: used };
  }

  /** Right edges of the words of a line: where a non-space is followed by a space or the end. */
  function edges(line: string): number[] {
    const found: number[] = [];
    for (let p = 0; p < line.length; p++) {
      if (line[p] !== ' ' && (p + 1 === line.length || line[p + 1] === ' ')) {
        found.push(p);
      }
    }
    return found;
  }

  /** One block of a DataFrame's text repr starting at line i: header, optional index-name line, rows. */
  export function frameBlockAt(lines: string[], i: number): { table: ITable; lines: number[] } | undefined {
    const header = lines[i].replace(/\s*\\\s*$/, '');
    if (!/^ {2,}\S/.test(header)) {
      return undefined;
    }
    let first = i + 1;
    // The index's name, alone on a line under the header.
    if (first < lines.length && /^\S+\s*$/.test(lines[first]) && first + 1 < lines.length && /^\S/.test(lines[first + 1])) {
      first++;
    }
    const rows: number[] = [];
    for (let k = first; k < lines.length && /^\S/.test(lines[k]) && lines[k].trim() !== ''; k++) {
      rows.push(k);
    }
    if (rows.length === 0) {
      return undefined;
    }
    const rowEdges = rows.map(k => new Set(edges(lines[k].trimEnd())));
    // A header edge is a column's right edge when the rows' values end there too.
    const columnEdges = edges(header).filter(e => rowEdges.filter(set => set.has(e)).length >= Math.max(1, rows.length * 0.6));
    const lastEdge = columnEdges[columnEdges.length - 1];
    if (columnEdges.length === 0 || !rowEdges.every(set => Math.max(...set) === lastEdge)) {
      return undefined;
    }
    const columns = columnEdges.map((edge, j) => header.slice(j === 0 ? 0 : columnEdges[j - 1] + 1, edge + 1).trim());
    const table = newTable(columns);
    for (const k of rows) {
      const line = lines[k];
      const firstField = line.slice(0, columnEdges[0] + 1);
      const split = /^(.*?)\s*(\S+)$/.exec(firstField);
      if (!split || !split[1].trim()) {
        return undefined;
      }
      const values = [split[2], ...columnEdges.slice(1).map((edge, j) => line.slice(columnEdges[j] + 1, edge + 1).trim())];
      if (split[1].trim() !== '...') {
        addRow(table, split[1].trim(), values);
      }
    }
    return { table, lines: [i, ...(first > i + 1 ? [i + 1] : []), ...rows] };
  }

  /** The header line of the block before line i (blocks are separated by a blank line). */
  export function previousHeader(lines: string[], i: number): number {
    let k = i - 1;
    while (k >= 0 && lines[k].trim() === '') {
      k--;
    }
    while (k > 0 && lines[k - 1].trim() !== '') {
      k--;
    }
    return k;
  }
}
