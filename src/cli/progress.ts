/** Per-cell progress on a terminal: one line per finished cell, a live line while one runs. */
import { OUTCOME_LABELS, runOutcome } from '../core/diagnosis/outcome';
import { hasUsage, totalUsage } from '../core/llm/cost';
import type { ICellRecord, Modernizer } from '../core/run';
import { formatUsage } from './report/summary';

const LABEL: Record<string, string> = {
  ok: 'ok',
  fixed: 'fixed',
  error: 'FAILED',
  timeout: 'TIMEOUT',
  skipped: 'skipped'
};

export class ProgressPrinter {
  constructor(private readonly _stream: NodeJS.WritableStream) {
    this._live = (_stream as NodeJS.WriteStream).isTTY === true;
  }

  note(text: string): void {
    this._write(`note: ${text}\n`);
  }

  attach(modernizer: Modernizer, name: string): void {
    const total = modernizer.cells.filter(cell => cell.cellType === 'code').length;
    const position = new Map(
      modernizer.cells.filter(cell => cell.cellType === 'code').map((cell, i) => [cell.index, i + 1])
    );
    modernizer.prepared.connect(() => {
      const env = modernizer.environment!;
      const libs = Object.entries(env.packages)
        .filter(([name]) => ['pandas', 'numpy', 'scikit-learn'].includes(name))
        .map(([name, version]) => `${name} ${version}`)
        .join(', ');
      this._write(`${name}: ${total} code cells; Python ${env.python}; ${libs}\n`);
      for (const finding of modernizer.preflight) {
        this._write(`  pre-flight: cell ${finding.cellIndex + 1} line ${finding.line}: ${finding.message}\n`);
      }
    });
    modernizer.cellChanged.connect((_, cell: ICellRecord) => {
      const label = `[${String(position.get(cell.index)).padStart(String(total).length)}/${total}]`;
      if (cell.status === 'running') {
        if (this._live) {
          this._stream.write(`\r\u001b[2K${label} running cell ${cell.index + 1}…`);
        }
        return;
      }
      if (!(cell.status in LABEL) || this._printed.get(cell.index) === cell.runs + cell.status) {
        return;
      }
      this._printed.set(cell.index, cell.runs + cell.status);
      const seconds = (cell.durationMs / 1000).toFixed(1);
      const accepted = cell.patches.filter(p => p.accepted).map(p => p.origin);
      let detail = '';
      if (cell.status === 'fixed') {
        detail = cell.diagnosis?.causeCell !== undefined ? `cause fixed in cell ${cell.diagnosis.causeCell + 1}` : accepted.join(', ');
      } else if (cell.status !== 'ok' && cell.diagnosis?.category === 'consequence') {
        // Not a problem of its own: say where the cause is, not a category.
        detail = cell.diagnosis.message;
      } else if (cell.status !== 'ok' && cell.diagnosis) {
        detail = `${cell.diagnosis.category}: ${cell.diagnosis.message}`;
      }
      this._write(`${label} cell ${cell.index + 1} ${LABEL[cell.status].padEnd(7)} ${seconds}s ${detail}\n`);
    });
  }

  /** The last line: the verdict, what the run did, and the failing cells by root cause. */
  finish(modernizer: Modernizer): void {
    this._write(ProgressPrinter.lastLine(modernizer) + '\n');
    // What the LLM cost, per cell it was asked for and for the notebook.
    const asked = modernizer.cells.filter(cell => hasUsage(cell.usage));
    for (const cell of asked) {
      this._write(`  LLM, cell ${cell.index + 1}: ${formatUsage(cell.usage!)}\n`);
    }
    if (asked.length > 0) {
      this._write(`  LLM, notebook: ${formatUsage(totalUsage(asked.map(cell => cell.usage)))}\n`);
    }
  }

  /** `failing (some errors, numbers match): 4 ran clean, 1 fixed, 1 root cause failing (+3 consequences)` */
  static lastLine(modernizer: Modernizer): string {
    const code = modernizer.cells.filter(cell => cell.cellType === 'code');
    const count = (status: string) => code.filter(cell => cell.status === status).length;
    const { counts, outcome } = runOutcome(code, modernizer.failedConditions);
    const failing =
      `${counts.rootCauses} root cause${counts.rootCauses === 1 ? '' : 's'} failing` +
      (counts.consequences ? ` (+${counts.consequences} consequence${counts.consequences === 1 ? '' : 's'})` : '');
    const others = [
      counts.expected ? `${counts.expected} author's own error${counts.expected === 1 ? '' : 's'}` : '',
      counts.skipped ? `${counts.skipped} not run` : ''
    ].filter(Boolean);
    return (
      `${modernizer.verdict} (${OUTCOME_LABELS[outcome]}): ${count('ok')} ran clean, ${count('fixed')} fixed, ${failing}` +
      (others.length ? `, ${others.join(', ')}` : '')
    );
  }

  private _write(text: string): void {
    this._stream.write((this._live ? '\r\u001b[2K' : '') + text);
  }

  private _live: boolean;
  private _printed = new Map<number, string>();
}
