/**
 * The numbers of a finished run in the panel: the published study's verdict
 * beside the strict one, and each drifting cell's output then and now side
 * by side with the paired numbers marked.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import type { ICellReport, IReport } from '../../core/run/report';
import { markNumbers } from '../../core/scores/highlight';
import type { ISegment } from '../../core/scores/highlight';

/** One line under the strict verdict: the study's verdict, the metric it was taken on, and why. */
export function StudyVerdictLine(props: { report: IReport; trans: TranslationBundle }): JSX.Element | null {
  const { report, trans } = props;
  const study = report.study;
  if (!study) {
    return null;
  }
  const label =
    study.verdict === 'reproduced'
      ? trans.__('Published study’s verdict: reproduced')
      : study.verdict === 'not-reproduced'
        ? trans.__('Published study’s verdict: not reproduced')
        : trans.__('Published study’s verdict: no final metric found');
  return (
    <li className={`jp-Modernizer-Study jp-mod-${study.verdict}`}>
      <b>{label}</b>
      {study.metric && (
        <div className="jp-Modernizer-StudyMetric">
          {trans.__(
            'Final metric (cell %1): %2 then, %3 now, %4% off.',
            study.metric.cell + 1,
            study.metric.originalText,
            study.metric.nowText,
            (study.metric.relativeChange * 100).toFixed(1)
          )}{' '}
          <span className="jp-Modernizer-StudyWhy">{trans.__('Taken as: %1.', study.metric.why)}</span>
        </div>
      )}
    </li>
  );
}

/** Cells whose numbers drift, vary or match through an equivalence, each shown then and now. */
export function Drifts(props: { report: IReport; trans: TranslationBundle; showCell: (index: number) => void }): JSX.Element | null {
  const { report, trans } = props;
  const cells = report.cells.filter(cell => cell.outputs);
  if (cells.length === 0) {
    return null;
  }
  return (
    <details className="jp-Modernizer-Section jp-Modernizer-Drifts" open={cells.length <= 3}>
      <summary className="jp-Modernizer-SectionTitle">
        {trans._n('Numbers: %1 cell to compare', 'Numbers: %1 cells to compare', cells.length)}
      </summary>
      {cells.map(cell => (
        <DriftEntry key={cell.index} cell={cell} trans={trans} showCell={props.showCell} />
      ))}
    </details>
  );
}

function DriftEntry(props: { cell: ICellReport; trans: TranslationBundle; showCell: (index: number) => void }): JSX.Element {
  const { cell, trans } = props;
  const off = cell.scores.filter(pair => !pair.withinTolerance).length;
  return (
    <div className="jp-Modernizer-Drift">
      <div className="jp-Modernizer-DriftHead">
        <button className="jp-Modernizer-CellLink" onClick={() => props.showCell(cell.index)}>
          {trans.__('Cell %1', cell.index + 1)}
        </button>{' '}
        {off > 0
          ? trans._n('%1 number off', '%1 numbers off', off)
          : trans.__('numbers match')}
      </div>
      {[...(cell.scoreNotes ?? []), ...(cell.equivalences ?? []).map(name => trans.__('Matched as equivalent: %1.', name))].map(
        (note, i) => (
          <div key={i} className="jp-Modernizer-DriftNote">
            {note}
          </div>
        )
      )}
      <div className="jp-Modernizer-SideBySide">
        <figure>
          <figcaption>{trans.__('Original')}</figcaption>
          <Marked segments={markNumbers(cell.outputs!.original, cell.scores, 'original')} />
        </figure>
        <figure>
          <figcaption>{trans.__('Now')}</figcaption>
          <Marked segments={markNumbers(cell.outputs!.current, cell.scores, 'current')} />
        </figure>
      </div>
    </div>
  );
}

function Marked(props: { segments: ISegment[] }): JSX.Element {
  return (
    <pre className="jp-Modernizer-DriftText">
      {props.segments.map((segment, i) =>
        segment.mark ? (
          <mark key={i} className={`jp-Modernizer-Mark jp-mod-${segment.mark}`}>
            {segment.text}
          </mark>
        ) : (
          <React.Fragment key={i}>{segment.text}</React.Fragment>
        )
      )}
    </pre>
  );
}
