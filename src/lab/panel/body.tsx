/**
 * The side panel's body: the run of the current notebook, live. Renders the
 * model; every action goes back through the model or a command.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import {
  Button,
  buildIcon,
  checkIcon,
  circleEmptyIcon,
  editIcon,
  fastForwardIcon,
  historyIcon,
  LabIcon,
  runIcon,
  stopIcon
} from '@jupyterlab/ui-components';
import * as React from 'react';
import type { IDiagnosis } from '../../core/diagnosis/diagnose';
import { failureCounts } from '../../core/diagnosis/outcome';
import type { IPatch } from '../../core/notebook/patch';
import type { ICellRecord, IPreflightFinding } from '../../core/run';
import { PROBED_PACKAGES } from '../../core/kernel';
import { Labels } from '../labels';
import { hasUsage } from '../../core/llm/cost';
import { LiveAnswer, UsageLine } from './answer';
import { cellList } from './celllist';
import { Drifts, StudyVerdictLine } from './scores';
import type { DisplayStatus } from '../labels';
import type { RunModel } from '../model';

export interface IRunBodyProps {
  model: RunModel | null;
  trans: TranslationBundle;
  /** Start, pause, stop, review...: the commands of the extension. */
  execute: (command: string, args?: Record<string, any>) => void;
  /** Scroll the notebook to the engine's cell `index` and select it. */
  showCell: (index: number) => void;
  commandIds: {
    run: string;
    pause: string;
    stop: string;
    openReview: string;
    acceptAllRules: string;
    saveReport: string;
    saveCopy: string;
  };
}

/** Re-render whenever the model says something changed. */
function useModel(model: RunModel | null): number {
  const [tick, setTick] = React.useState(0);
  React.useEffect(() => {
    if (!model) {
      return;
    }
    const onChange = () => setTick(t => t + 1);
    model.changed.connect(onChange);
    return () => {
      model.changed.disconnect(onChange);
    };
  }, [model]);
  return tick;
}

export function RunBody(props: IRunBodyProps): JSX.Element {
  const { model, trans } = props;
  useModel(model);
  if (!model) {
    return (
      <div className="jp-Modernizer-Empty">
        {trans.__('Open a notebook to modernize it.')}
      </div>
    );
  }
  const hasCode = model.cells.some(cell => cell.cellType === 'code');
  return (
    <div className="jp-Modernizer-Body">
      <RunHeader {...props} model={model} />
      {model.failure && <Failure model={model} trans={trans} />}
      {model.pending.length > 0 && <ReviewBanner {...props} model={model} />}
      {model.staleRefusals.map(patch => (
        <div key={patch.id} className="jp-Modernizer-Notice jp-mod-warning" role="alert">
          {trans.__(
            'Cell %1 was edited after its fix was proposed: the fix was not applied over your edit. Run Modernize again to get a fresh proposal.',
            (patch.target.kind === 'cell' ? patch.target.index : 0) + 1
          )}
        </div>
      ))}
      {model.report && <Summary {...props} model={model} />}
      {model.report && <Drifts report={model.report} trans={props.trans} showCell={props.showCell} />}
      {model.environment && <Environment model={model} trans={trans} />}
      {model.preflight.length > 0 && (
        <Preflight findings={model.preflight} trans={trans} showCell={props.showCell} />
      )}
      {hasCode && <Cells {...props} model={model} />}
      {model.status === 'idle' && (
        <p className="jp-Modernizer-Hint">
          {trans.__(
            'Modernize runs this notebook top to bottom in its kernel. When a cell fails, it tells you why and proposes a fix; nothing changes until you accept it.'
          )}
        </p>
      )}
    </div>
  );
}

function RunHeader(props: IRunBodyProps & { model: RunModel }): JSX.Element {
  const { model, trans, execute, commandIds } = props;
  const code = model.cells.filter(cell => cell.cellType === 'code');
  const done = code.filter(cell => cell.status !== 'pending' && cell.status !== 'running').length;
  const counts = failureCounts(code);
  let line: string;
  switch (model.status) {
    case 'idle':
      line = trans.__('Not modernized yet.');
      break;
    case 'starting':
      line = trans.__('Starting: kernel, versions, pre-flight scan…');
      break;
    case 'running':
      line = model.pending.length > 0
        ? trans.__('Waiting for your review (%1 of %2 cells done).', done, code.length)
        : model.paused
          ? trans.__('Paused after %1 of %2 cells.', done, code.length)
          : trans.__('Running cell %1 (%2 of %3 cells done).', (model.runningCell ?? 0) + 1, done, code.length);
      break;
    case 'stopping':
      line = trans.__('Stopping…');
      break;
    case 'done':
      line = trans.__('Run finished.');
      break;
    case 'stopped':
      line = trans.__('Run stopped.');
      break;
    case 'failed':
      line = trans.__('The run could not go on.');
      break;
  }
  const running = model.running;
  return (
    <div className="jp-Modernizer-Header">
      <div className="jp-Modernizer-Notebook" title={model.panel.context.path}>
        {model.panel.context.localPath.split('/').pop()}
      </div>
      <div className="jp-Modernizer-StatusLine" aria-live="polite">
        {line}
      </div>
      {(counts.rootCauses > 0 || counts.consequences > 0) && (
        <div className="jp-Modernizer-RootCauseLine">
          <span>{trans._n('%1 root cause failing', '%1 root causes failing', counts.rootCauses)}</span>
          {counts.consequences > 0 && (
            <span>{trans._n('%1 cell failing only because of one', '%1 cells failing only because of one', counts.consequences)}</span>
          )}
        </div>
      )}
      <div className="jp-Modernizer-Actions">
        {!running && (
          <Button className="jp-mod-styled jp-mod-accept" onClick={() => execute(commandIds.run)}>
            {model.status === 'idle' ? trans.__('Modernize') : trans.__('Modernize again')}
          </Button>
        )}
        {running && (
          <Button
            className="jp-mod-styled jp-Modernizer-Secondary"
            disabled={model.status !== 'running'}
            onClick={() => execute(commandIds.pause)}
          >
            {model.paused ? trans.__('Resume') : trans.__('Pause')}
          </Button>
        )}
        {running && (
          <Button
            className="jp-mod-styled jp-mod-warn"
            disabled={model.status === 'stopping'}
            onClick={() => execute(commandIds.stop)}
          >
            {trans.__('Stop')}
          </Button>
        )}
      </div>
    </div>
  );
}

function Failure(props: { model: RunModel; trans: TranslationBundle }): JSX.Element {
  const { model, trans } = props;
  const failure = model.failure!;
  let text: string;
  switch (failure.kind) {
    case 'no-kernel':
      text = trans.__('This notebook has no running kernel. Select a Python kernel and try again.');
      break;
    case 'not-python':
      text = trans.__('This notebook runs on a %1 kernel; only Python notebooks can be modernized.', failure.detail ?? '');
      break;
    default:
      text = trans.__('The run broke off: %1', failure.detail ?? '');
  }
  return (
    <div className="jp-Modernizer-Notice jp-mod-error" role="alert">
      {text}
    </div>
  );
}

function ReviewBanner(props: IRunBodyProps & { model: RunModel }): JSX.Element {
  const { model, trans, execute, commandIds } = props;
  return (
    <div className="jp-Modernizer-Notice jp-mod-review">
      <div>
        {trans._n('%1 fix waits for your review.', '%1 fixes wait for your review.', model.pending.length)}
      </div>
      <div className="jp-Modernizer-Actions">
        <Button className="jp-mod-styled jp-mod-accept" onClick={() => execute(commandIds.openReview)}>
          {trans.__('Review')}
        </Button>
        {!model.acceptingRules && (
          <Button
            className="jp-mod-styled jp-Modernizer-Secondary"
            onClick={() => execute(commandIds.acceptAllRules)}
            title={trans.__('Apply every fix from the offline rules without a warning flag, now and for the rest of this run')}
          >
            {trans.__('Accept all rule fixes')}
          </Button>
        )}
      </div>
    </div>
  );
}

function Summary(props: IRunBodyProps & { model: RunModel }): JSX.Element {
  const { model, trans, execute, commandIds } = props;
  const report = model.report!;
  const verdict =
    report.verdict === 'reproducible'
      ? trans.__('Reproducible: it runs today as it is.')
      : report.verdict === 'modernized'
        ? trans.__('Modernized: it runs today with the accepted fixes.')
        : trans.__('Still failing.');
  return (
    <section className={`jp-Modernizer-Summary jp-mod-${report.verdict}`} aria-label={trans.__('Summary')}>
      <h3 className="jp-Modernizer-SectionTitle">{trans.__('Summary')}</h3>
      <div className="jp-Modernizer-Verdict">{verdict}</div>
      <ul className="jp-Modernizer-Counts">
        <li>{trans._n('%1 cell ran clean', '%1 cells ran clean', report.summary.ranClean)}</li>
        <li>{trans._n('%1 cell fixed', '%1 cells fixed', report.summary.fixed)}</li>
        <li>{trans._n('%1 cell still failing', '%1 cells still failing', report.summary.failing)}</li>
        {report.summary.rootCauses !== undefined && report.summary.failing > 0 && (
          <li className="jp-Modernizer-RootCauseCount">
            {trans._n('%1 root cause to fix', '%1 root causes to fix', report.summary.rootCauses)}
          </li>
        )}
        {(report.summary.consequences ?? 0) > 0 && (
          <li className="jp-Modernizer-ConsequenceCount">
            {trans._n(
              '%1 cell fails only because of a root cause',
              '%1 cells fail only because of a root cause',
              report.summary.consequences ?? 0
            )}
          </li>
        )}
        {report.outcome && <li>{Labels.outcome(trans, report.outcome)}</li>}
        {report.summary.numbersPaired > 0 && (
          <li>
            {report.summary.numbersOff === 0
              ? trans._n(
                  '%1 printed number matches the stored output',
                  'All %1 printed numbers match the stored outputs',
                  report.summary.numbersPaired
                )
              : trans.__(
                  '%1 of %2 printed numbers differ from the stored outputs',
                  report.summary.numbersOff,
                  report.summary.numbersPaired
                )}
          </li>
        )}
        <StudyVerdictLine report={report} trans={trans} />
        {hasUsage(model.usage) && (
          <li>
            <UsageLine usage={model.usage} trans={trans} />
          </li>
        )}
      </ul>
      <div className="jp-Modernizer-Actions">
        <Button className="jp-mod-styled jp-Modernizer-Secondary" onClick={() => execute(commandIds.saveReport)}>
          {trans.__('Save report (JSON)')}
        </Button>
        <Button className="jp-mod-styled jp-Modernizer-Secondary" onClick={() => execute(commandIds.saveCopy)}>
          {trans.__('Save modernized copy')}
        </Button>
      </div>
      {model.savedCopy && (
        <div className="jp-Modernizer-Saved">{trans.__('Saved as %1', model.savedCopy)}</div>
      )}
    </section>
  );
}

function Environment(props: { model: RunModel; trans: TranslationBundle }): JSX.Element {
  const { model, trans } = props;
  const env = model.environment!;
  const packages = PROBED_PACKAGES.filter(name => env.packages[name] && name !== 'ipykernel');
  return (
    <section className="jp-Modernizer-Section">
      <h3 className="jp-Modernizer-SectionTitle">{trans.__('Environment')}</h3>
      <ul className="jp-Modernizer-Versions">
        <li>
          <span className="jp-Modernizer-VersionName">Python</span> {env.python}
        </li>
        {packages.map(name => (
          <li key={name}>
            <span className="jp-Modernizer-VersionName">{name}</span> {env.packages[name]}
          </li>
        ))}
      </ul>
      {model.llmModel && (
        <div className="jp-Modernizer-Hint jp-Modernizer-LlmHint">
          {trans.__('LLM fixes by %1 when no rule fits.', model.llmModel)}
          {hasUsage(model.usage) && (
            <div className="jp-Modernizer-NotebookUsage">
              <span className="jp-Modernizer-UsageLabel">{trans.__('This notebook:')}</span>{' '}
              <UsageLine usage={model.usage} trans={trans} className="jp-Modernizer-Usage jp-mod-notebook" />
            </div>
          )}
        </div>
      )}
    </section>
  );
}

function Preflight(props: {
  findings: readonly IPreflightFinding[];
  trans: TranslationBundle;
  showCell: (index: number) => void;
}): JSX.Element {
  const { findings, trans } = props;
  return (
    <details className="jp-Modernizer-Section jp-Modernizer-Preflight" open={findings.length <= 6}>
      <summary className="jp-Modernizer-SectionTitle">
        {trans._n('Pre-flight: %1 finding', 'Pre-flight: %1 findings', findings.length)}
      </summary>
      <ul>
        {findings.map((finding, i) => (
          <li key={i}>
            <button className="jp-Modernizer-CellLink" onClick={() => props.showCell(finding.cellIndex)}>
              {trans.__('Cell %1, line %2', finding.cellIndex + 1, finding.line)}
            </button>{' '}
            {finding.message}
            {finding.fact && <FactLink fact={finding.fact} trans={trans} />}
          </li>
        ))}
      </ul>
    </details>
  );
}

function FactLink(props: { fact: { source: string; library: string; version: string }; trans: TranslationBundle }): JSX.Element | null {
  const { fact, trans } = props;
  if (!fact.source) {
    return null;
  }
  return (
    <>
      {' '}
      <a className="jp-Modernizer-Link" href={fact.source} target="_blank" rel="noopener noreferrer">
        {trans.__('%1 %2 notes', fact.library, fact.version)}
      </a>
    </>
  );
}

/** The cells with something to say, each a row that renders again only when its cell changed; a count of the rest. */
function Cells(props: IRunBodyProps & { model: RunModel }): JSX.Element {
  const { model, trans } = props;
  const { shown, hidden } = cellList(model.cells);
  // Consequences sit under the cell where their failure starts, not in the list of their own.
  const byCause = failureCounts(model.cells.filter(cell => cell.cellType === 'code')).byCause;
  const nested = new Set([...byCause.values()].flat());
  const consequencesOf = (index: number) => (byCause.get(index) ?? []).map(i => model.cells[i]);
  const quiet = [
    hidden.ok > 0 && trans._n('%1 ran clean', '%1 ran clean', hidden.ok),
    hidden.pending > 0 && trans._n('%1 not run yet', '%1 not run yet', hidden.pending),
    hidden.skipped > 0 && trans._n('%1 skipped', '%1 skipped', hidden.skipped)
  ].filter(Boolean);
  const hiddenCount = hidden.ok + hidden.pending + hidden.skipped;
  return (
    <section className="jp-Modernizer-Section">
      <h3 className="jp-Modernizer-SectionTitle">{trans.__('Cells')}</h3>
      <ul className="jp-Modernizer-CellList">
        {shown
          .filter(cell => !nested.has(cell.index))
          .map(cell => {
            const consequences = consequencesOf(cell.index);
            // A row changes with its cell and with the cells failing because of it.
            const version = [cell, ...consequences].map(c => `${c.index}:${model.cellVersion(c.index)}`).join(',');
            return <CellRow key={cell.index} {...props} model={model} cell={cell} consequences={consequences} version={version} />;
          })}
      </ul>
      {hiddenCount > 0 && (
        <div className="jp-Modernizer-QuietCells">
          {shown.length > 0
            ? trans._n('%1 other cell: %2.', '%1 other cells: %2.', hiddenCount, quiet.join(', '))
            : trans._n('%1 cell: %2.', '%1 cells: %2.', hiddenCount, quiet.join(', '))}
        </div>
      )}
    </section>
  );
}

/**
 * A cell's row, rendered again only when the model says that cell changed
 * (the engine updates its records in place: `version` counts the changes).
 */
const CellRow = React.memo(
  (props: IRunBodyProps & { model: RunModel; cell: ICellRecord; consequences: ICellRecord[]; version: string }) => (
    <CellEntry {...props} />
  ),
  (before, after) =>
    before.cell === after.cell && before.version === after.version && before.model === after.model && before.trans === after.trans
);

function displayStatus(cell: ICellRecord): DisplayStatus {
  return cell.patches.some(p => p.accepted === undefined && !p.stale) ? 'review' : cell.status;
}

const STATUS_ICONS: Record<DisplayStatus, LabIcon> = {
  pending: circleEmptyIcon,
  running: runIcon,
  ok: checkIcon,
  fixed: buildIcon,
  error: stopIcon,
  timeout: historyIcon,
  skipped: fastForwardIcon,
  review: editIcon
};

function CellEntry(props: IRunBodyProps & { model: RunModel; cell: ICellRecord; consequences?: ICellRecord[] }): JSX.Element {
  const { cell, trans, model } = props;
  const consequences = props.consequences ?? [];
  const status = displayStatus(cell);
  const Icon = STATUS_ICONS[status];
  const firstLine = cell.source.split('\n').find(line => line.trim()) ?? '';
  const showDiagnosis = cell.diagnosis && cell.status !== 'ok';
  return (
    <li className={`jp-Modernizer-Cell jp-mod-${status}`} data-cell-index={cell.index}>
      <button
        className="jp-Modernizer-CellRow"
        onClick={() => props.showCell(cell.index)}
        title={trans.__('Show cell %1 in the notebook', cell.index + 1)}
      >
        <Icon.react
          className="jp-Modernizer-StatusIcon"
          tag="span"
          title={Labels.status(trans, status)}
          aria-label={Labels.status(trans, status)}
        />
        <span className="jp-Modernizer-CellNumber">{Labels.cell(trans, cell.index)}</span>
        <code className="jp-Modernizer-CellSource">{firstLine}</code>
      </button>
      {showDiagnosis && <Diagnosis diagnosis={cell.diagnosis!} trans={trans} showCell={props.showCell} />}
      {model.agent && (
        <LiveAnswer agent={model.agent} cellIndex={cell.index} active={cell.status === 'running'} trans={trans} />
      )}
      {cell.agentError && (
        <div className="jp-Modernizer-Notice jp-mod-error jp-Modernizer-AgentError" role="alert">
          {trans.__('The LLM could not fix this cell: %1', cell.agentError)}
        </div>
      )}
      {hasUsage(cell.usage) && <UsageLine usage={cell.usage!} trans={trans} />}
      {cell.patches.length > 0 && (
        <ul className="jp-Modernizer-Patches">
          {cell.patches.map(patch => (
            <PatchLine key={patch.id} {...props} model={model} patch={patch} />
          ))}
        </ul>
      )}
      {consequences.length > 0 && (
        <Consequences cells={consequences} trans={trans} showCell={props.showCell} />
      )}
    </li>
  );
}

/** The cells failing only because this one failed: listed under it, fixed with it. */
function Consequences(props: { cells: ICellRecord[]; trans: TranslationBundle; showCell: (index: number) => void }): JSX.Element {
  const { cells, trans } = props;
  return (
    <details className="jp-Modernizer-Consequences" open={cells.length <= 8}>
      <summary>
        {trans._n(
          '%1 later cell fails only because of this one',
          '%1 later cells fail only because of this one',
          cells.length
        )}
      </summary>
      <ul>
        {cells.map(cell => (
          <li key={cell.index} className="jp-Modernizer-Consequence" data-cell-index={cell.index}>
            <button
              className="jp-Modernizer-CellLink"
              onClick={() => props.showCell(cell.index)}
              title={trans.__('Show cell %1 in the notebook', cell.index + 1)}
            >
              {Labels.cell(trans, cell.index)}
            </button>{' '}
            <span className="jp-Modernizer-ConsequenceReason">{consequenceReason(cell.diagnosis)}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** What a consequence misses, without the "Consequence of cell N" its place in the list already says. */
function consequenceReason(diagnosis: IDiagnosis | undefined): string {
  const message = diagnosis?.message ?? '';
  return /^Consequence of cell \d+ \((.*)\)\.$/s.exec(message)?.[1] ?? message;
}

function Diagnosis(props: {
  diagnosis: IDiagnosis;
  trans: TranslationBundle;
  showCell: (index: number) => void;
}): JSX.Element {
  const { diagnosis, trans } = props;
  return (
    <div className="jp-Modernizer-Diagnosis">
      <span className={`jp-Modernizer-Category jp-mod-${diagnosis.category}`}>
        {Labels.category(trans, diagnosis.category)}
      </span>{' '}
      <span className="jp-Modernizer-Message">{diagnosis.message}</span>
      {diagnosis.fact && <FactLink fact={diagnosis.fact} trans={trans} />}
      {diagnosis.consequenceOf !== undefined && (
        <>
          {' '}
          <button className="jp-Modernizer-CellLink" onClick={() => props.showCell(diagnosis.consequenceOf!)}>
            {trans.__('Go to cell %1', diagnosis.consequenceOf + 1)}
          </button>
        </>
      )}
      {diagnosis.culprit && (
        <div className="jp-Modernizer-Culprit" title={trans.__('The line where it failed')}>
          <span className="jp-Modernizer-LineNumber">
            {diagnosis.file
              ? trans.__('%1, line %2', diagnosis.file, diagnosis.line ?? '?')
              : trans.__('line %1', diagnosis.line ?? '?')}
          </span>
          <code>{diagnosis.culprit}</code>
        </div>
      )}
    </div>
  );
}

function PatchLine(props: IRunBodyProps & { model: RunModel; patch: IPatch }): JSX.Element {
  const { patch, trans, model, execute, commandIds } = props;
  const waiting = patch.accepted === undefined && !patch.stale;
  const where = patch.target.kind === 'file' ? patch.target.path.split('/').pop() : null;
  // A part of a patch set: it follows a fix made elsewhere (a rename of what this cell uses).
  const lead = patch.setId && patch.setId !== patch.id ? model.cells.flatMap(c => c.patches).find(p => p.id === patch.setId) : undefined;
  return (
    <li className={`jp-Modernizer-Patch${patch.stale ? ' jp-mod-stale' : ''}`}>
      <span className="jp-Modernizer-Origin">{Labels.origin(trans, patch)}</span>
      {where && <span className="jp-Modernizer-Target"> → {where}</span>}
      {lead && (
        <span className="jp-Modernizer-SetPart" title={patch.reason}>
          {lead.target.kind === 'cell'
            ? trans.__('follows the fix of cell %1', lead.target.index + 1)
            : trans.__('follows the fix of %1', lead.target.path.split('/').pop() ?? '')}
        </span>
      )}
      {patch.flags.length > 0 && (
        <span className="jp-Modernizer-FlagCount" title={patch.flags.map(f => f.message).join('\n')}>
          {trans._n('%1 warning', '%1 warnings', patch.flags.length)}
        </span>
      )}
      <span className="jp-Modernizer-Decision">{Labels.decision(trans, patch)}</span>
      {waiting && (
        <Button
          small
          className="jp-mod-styled jp-mod-accept jp-Modernizer-ReviewButton"
          onClick={() => {
            model.select(patch.id);
            execute(commandIds.openReview);
          }}
        >
          {trans.__('Review fix')}
        </Button>
      )}
    </li>
  );
}
