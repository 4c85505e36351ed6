import { formatDuration, formatUsage, OUTCOME_LABELS } from '../report/summary';
import type { IBatchNotebook, IBatchSummary } from '../report/summary';

/**
 * Batch progress: on a terminal a live bar (done / failing / remaining / ETA)
 * under one line per finished notebook; elsewhere plain lines only.
 */
export class BatchProgress {
  constructor(
    private readonly _stream: NodeJS.WritableStream,
    options: { total: number; finishedBefore: number; jobs: number }
  ) {
    this._live = (_stream as NodeJS.WriteStream).isTTY === true;
    this._total = options.total;
    this._done = options.finishedBefore;
    this._startedAt = Date.now();
    const remaining = options.total - options.finishedBefore;
    this._line(
      `batch: ${options.total} notebooks, ${options.finishedBefore} already finished, ${remaining} to run, ${options.jobs} at a time\n`
    );
    if (this._live) {
      this._timer = setInterval(() => this._render(), 1000);
      this._timer.unref();
    }
  }

  started(rel: string): void {
    this._running.add(rel);
    this._render();
  }

  ended(rel: string, entry: IBatchNotebook | undefined): void {
    this._running.delete(rel);
    if (!entry) {
      this._render();
      return;
    }
    if (entry.verdict !== 'crashed') {
      this._done++;
      this._doneHere++;
    }
    if (entry.verdict !== 'reproducible' && entry.verdict !== 'modernized') {
      this._failing++;
    }
    const seconds = formatDuration(entry.durations.wallMs);
    const fixes = Object.values(entry.fixes.byRule).reduce((a, b) => a + b, 0);
    const causes = entry.rootCauses?.failing ?? 0;
    const consequences = entry.rootCauses?.consequences ?? 0;
    const failing = causes
      ? `, ${causes} root cause${causes > 1 ? 's' : ''} failing${consequences ? ` (+${consequences} consequence${consequences > 1 ? 's' : ''})` : ''}`
      : '';
    this._line(
      `[${this._done}/${this._total}] ${rel}: ${entry.verdict}, ${OUTCOME_LABELS[entry.outcome]}${failing}` +
        `${fixes ? `, ${fixes} fix${fixes > 1 ? 'es' : ''}` : ''}${entry.reason ? ` (${entry.reason})` : ''}, ${seconds}\n`
    );
  }

  close(): void {
    if (this._timer) {
      clearInterval(this._timer);
      this._timer = undefined;
    }
    if (this._live) {
      this._stream.write('\r\u001b[2K');
    }
  }

  done(summary: IBatchSummary, elapsedMs: number, unfinished: number, aborted: boolean, out: string): void {
    const by = summary.totals.byOutcome;
    this._stream.write(
      `${aborted ? 'interrupted' : 'done'} in ${formatDuration(elapsedMs)}: ` +
        Object.entries(by)
          .filter(([, n]) => n > 0)
          .map(([outcome, n]) => `${n} ${OUTCOME_LABELS[outcome as keyof typeof OUTCOME_LABELS]}`)
          .join(', ') +
        (unfinished ? `; ${unfinished} unfinished: run again with --out ${out} to finish them` : '') +
        '\n' +
        (summary.totals.llm ? `LLM: ${formatUsage(summary.totals.llm)}\n` : '')
    );
  }

  /** `[#####-----] 5/16 done · 2 failing · 11 left · 2 running · ETA 3 min 20 s` */
  bar(width = 24): string {
    const fraction = this._total ? this._done / this._total : 1;
    const filled = Math.round(fraction * width);
    const left = this._total - this._done;
    const elapsed = Date.now() - this._startedAt;
    const eta = this._doneHere > 0 && left > 0 ? formatDuration((elapsed / this._doneHere) * left) : '—';
    return (
      `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${this._done}/${this._total} done · ${this._failing} failing · ` +
      `${left} left · ${this._running.size} running · ETA ${eta}`
    );
  }

  private _render(): void {
    if (this._live) {
      const columns = (this._stream as NodeJS.WriteStream).columns ?? 100;
      this._stream.write(`\r\u001b[2K${this.bar().slice(0, columns - 1)}`);
    }
  }

  private _line(text: string): void {
    this._stream.write((this._live ? '\r\u001b[2K' : '') + text);
    this._render();
  }

  private _live: boolean;
  private _total: number;
  private _done: number;
  private _doneHere = 0;
  private _failing = 0;
  private _startedAt: number;
  private _running = new Set<string>();
  private _timer: NodeJS.Timeout | undefined;
}
