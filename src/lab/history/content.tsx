/**
 * The body of a cell's history: its changes, what of the record could not be
 * read, and the original source. The record comes from the notebook file, so
 * it is untrusted: text is rendered as text and only http(s) links are links.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

import { safeLink } from '../../core/notebook/provenance';
import type { IProvenance, IProvenanceChange } from '../../core/notebook/provenance';
import { lineDiff, withContext } from '../inline/linediff';

/** Every recorded change, oldest first. */
export function HistoryChanges(props: { provenance: IProvenance; trans: TranslationBundle }): JSX.Element {
  return (
    <ol className="jp-Modernizer-History-changes">
      {props.provenance.changes.map((change, index) => (
        <Change key={index} change={change} trans={props.trans} />
      ))}
    </ol>
  );
}

/** What of the record could not be read: said plainly rather than shown as if it were fine. */
export function HistoryProblems(props: { provenance: IProvenance; trans: TranslationBundle }): JSX.Element | null {
  const problems = props.provenance.problems ?? [];
  if (problems.length === 0) {
    return null;
  }
  return (
    <div className="jp-Modernizer-History-problems" role="note">
      {props.trans.__('Part of this history is malformed and is not shown as recorded:')}
      <ul>
        {problems.map((problem, index) => (
          <li key={index}>{props.trans.__(problem)}</li>
        ))}
      </ul>
    </div>
  );
}

/** Who made a change: a rule, a model, or something else the engine knows. */
export function author(change: IProvenanceChange, trans: TranslationBundle): string {
  const [kind, ...rest] = change.origin.split(':');
  const name = rest.join(':');
  if (kind === 'rule' && change.ruleIds.length > 0) {
    return trans._n('rule %2', 'rules %2', change.ruleIds.length, change.ruleIds.join(', '));
  }
  if (kind === 'rule') {
    return trans.__('rule %1', name);
  }
  if (kind === 'llm') {
    return trans.__('model %1', name);
  }
  return change.origin;
}

function Change(props: { change: IProvenanceChange; trans: TranslationBundle }): JSX.Element {
  const { change, trans } = props;
  const lines = withContext(lineDiff(change.before, change.after), 1);
  return (
    <li className="jp-Modernizer-History-change">
      <div className="jp-Modernizer-History-who">
        <span className="jp-Modernizer-History-author">{author(change, trans)}</span>
        <span className="jp-Modernizer-History-decided">
          {change.decidedBy === 'user' ? trans.__('accepted by you') : trans.__('applied by policy')}
        </span>
      </div>
      <div className="jp-Modernizer-History-reason">
        {change.reason}
        {change.sources.map((source, index) => (
          <React.Fragment key={`${source}-${index}`}>
            {' '}
            <Private.Link href={source} label={change.sources.length > 1 ? trans.__('Source %1', index + 1) : trans.__('Source')} />
          </React.Fragment>
        ))}
      </div>
      <pre className="jp-Modernizer-History-diff" aria-label={trans.__('What changed')}>
        {lines.map((line, index) =>
          line === null ? (
            <div key={index} className="jp-Modernizer-History-gap">
              {'⋯'}
            </div>
          ) : (
            <div key={index} className={`jp-Modernizer-History-line jp-mod-${line.kind}`}>
              <span className="jp-Modernizer-History-sign" aria-hidden="true">
                {line.kind === 'removed' ? '−' : line.kind === 'added' ? '+' : ' '}
              </span>
              {line.text || ' '}
            </div>
          )
        )}
      </pre>
    </li>
  );
}

/** The original source, collapsed: the whole cell as the author wrote it. */
export function OriginalSource(props: { provenance: IProvenance; trans: TranslationBundle }): JSX.Element {
  return (
    <details className="jp-Modernizer-History-original">
      <summary>{props.trans.__('Original source')}</summary>
      <pre>{props.provenance.original}</pre>
    </details>
  );
}

namespace Private {
  /** A link only for an http(s) address; anything else is plain text. */
  export function Link(props: { href: string; label: string }): JSX.Element {
    const href = safeLink(props.href);
    if (!href) {
      return <span className="jp-Modernizer-History-badLink">{props.label}</span>;
    }
    return (
      <a href={href} target="_blank" rel="noopener noreferrer" title={href}>
        {props.label}
      </a>
    );
  }
}
