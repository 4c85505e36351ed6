/** Per-cell progress on a terminal: one line per finished cell, a live line while one runs. */
import type { ICellRecord, Modernizer } from '../core/runner';

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
      } else if (cell.status !== 'ok' && cell.diagnosis) {
        detail = `${cell.diagnosis.category}: ${cell.diagnosis.message}`;
      }
      this._write(`${label} cell ${cell.index + 1} ${LABEL[cell.status].padEnd(7)} ${seconds}s ${detail}\n`);
    });
  }

  finish(modernizer: Modernizer): void {
    const code = modernizer.cells.filter(cell => cell.cellType === 'code');
    const count = (status: string) => code.filter(cell => cell.status === status).length;
    this._write(
      `${modernizer.verdict}: ${count('ok')} ran clean, ${count('fixed')} fixed, ` +
        `${code.length - count('ok') - count('fixed')} still failing\n`
    );
  }

  private _write(text: string): void {
    this._stream.write((this._live ? '\r\u001b[2K' : '') + text);
  }

  private _live: boolean;
  private _printed = new Map<number, string>();
}
