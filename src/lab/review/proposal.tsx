/**
 * The words around a diff: which cell, who proposed the change and why, the
 * facts behind it, its warning flags, and the decision buttons.
 */
import type { TranslationBundle } from '@jupyterlab/translation';
import { Button } from '@jupyterlab/ui-components';
import * as React from 'react';
import type { IPatch } from '../../core/notebook/patch';
import type { IProposal } from '../decider';
import { Labels } from '../labels';

export interface IProposalHeaderProps {
  proposal: IProposal;
  /** 1-based position among the waiting proposals, and how many wait. */
  position: number;
  count: number;
  /** The cell was edited after the proposal: accepting will be refused. */
  stale: boolean;
  trans: TranslationBundle;
}

export function ProposalHeader(props: IProposalHeaderProps): JSX.Element {
  const { proposal, trans } = props;
  const patch = proposal.patch;
  const target =
    patch.target.kind === 'cell'
      ? Labels.cell(trans, patch.target.index)
      : trans.__('File %1', patch.target.path.split('/').pop() ?? patch.target.path);
  const llm = patch.origin.startsWith('llm:');
  const diagnosis = proposal.cell.diagnosis;
  const failure = diagnosis?.error
    ? `${diagnosis.error.ename}: ${diagnosis.error.evalue.split('\n')[0]}`
    : diagnosis?.message;
  return (
    <div className="jp-Modernizer-ProposalHeader">
      <div className="jp-Modernizer-ProposalTitle">
        <span className="jp-Modernizer-ProposalTarget">{target}</span>
        {diagnosis && (
          <span className="jp-Modernizer-Category">{Labels.category(trans, diagnosis.category)}</span>
        )}
        {failure && (
          <code className="jp-Modernizer-ProposalFailure" title={failure}>
            {failure}
          </code>
        )}
        <span className="jp-Modernizer-ProposalCount">
          {trans.__('Fix %1 of %2 waiting', props.position, props.count)}
        </span>
      </div>
      {patch.target.kind === 'cell' && patch.target.index !== proposal.cell.index && (
        <div className="jp-Modernizer-ProposalWhy">
          {trans.__('The failure of cell %1 comes from this earlier cell.', proposal.cell.index + 1)}
        </div>
      )}
      {patch.flags.length > 0 && (
        <div className="jp-Modernizer-Flags" role="alert">
          <strong>{trans.__('Look before you accept:')}</strong>
          <ul>
            {patch.flags.map((flag, i) => (
              // Several drift findings share a kind.
              <li key={i}>
                <span className="jp-Modernizer-FlagName">{Labels.flag(trans, flag.kind)}</span> {flag.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {props.stale && (
        <div className="jp-Modernizer-Notice jp-mod-warning" role="alert">
          {trans.__(
            'You edited this cell after the fix was proposed. Accepting will be refused: the fix is never applied over your edit.'
          )}
        </div>
      )}
      {llm ? (
        <div className="jp-Modernizer-Origin jp-mod-llm">
          <div>
            <span className="jp-Modernizer-OriginLabel">{trans.__('Proposed by the model')}</span>{' '}
            <span className="jp-Modernizer-OriginName">{patch.origin.slice('llm:'.length)}</span>
          </div>
          <div className="jp-Modernizer-Rationale">
            <span className="jp-Modernizer-OriginLabel">{trans.__('Rationale:')}</span>{' '}
            <span className="jp-Modernizer-Reason">{patch.reason}</span>
          </div>
        </div>
      ) : (
        <div className="jp-Modernizer-Origin">
          <span className="jp-Modernizer-OriginLabel">{trans.__('Proposed by')}</span>{' '}
          <span className="jp-Modernizer-OriginName">{Labels.origin(trans, patch)}</span>{' '}
          <Reason patch={patch} trans={trans} />
        </div>
      )}
    </div>
  );
}

function Reason(props: { patch: IPatch; trans: TranslationBundle }): JSX.Element {
  const { patch, trans } = props;
  if (patch.facts.length === 0) {
    return <span className="jp-Modernizer-Reason">{patch.reason}</span>;
  }
  return (
    <>
      {patch.facts.map((fact, i) => (
        <span key={i} className="jp-Modernizer-Fact">
          {fact.message}{' '}
          {fact.source && (
            <a className="jp-Modernizer-Link" href={fact.source} target="_blank" rel="noopener noreferrer">
              {trans.__('%1 %2 notes', fact.library, fact.version)}
            </a>
          )}{' '}
        </span>
      ))}
    </>
  );
}

export interface IDecisionBarProps {
  trans: TranslationBundle;
  editing: boolean;
  edited: boolean;
  /** More than one proposal waits. */
  hasNext: boolean;
  canAcceptAllRules: boolean;
  onAccept: () => void;
  onEdit: () => void;
  onReject: () => void;
  onNext: () => void;
  onAcceptAllRules: () => void;
}

export function DecisionBar(props: IDecisionBarProps): JSX.Element {
  const { trans } = props;
  return (
    <div className="jp-Modernizer-DecisionBar">
      <Button className="jp-mod-styled jp-mod-accept" onClick={props.onAccept} title={trans.__('Accept (Alt+Y)')}>
        {props.edited ? trans.__('Accept edited') : trans.__('Accept')}
      </Button>
      <Button
        className="jp-mod-styled jp-Modernizer-Secondary"
        onClick={props.onEdit}
        disabled={props.editing}
        title={trans.__('Edit the proposed source, then accept it')}
      >
        {trans.__('Edit')}
      </Button>
      <Button className="jp-mod-styled jp-mod-reject" onClick={props.onReject} title={trans.__('Reject (Alt+R)')}>
        {trans.__('Reject')}
      </Button>
      <span className="jp-Modernizer-Spacer" />
      {props.hasNext && (
        <Button className="jp-mod-styled jp-Modernizer-Secondary" onClick={props.onNext} title={trans.__('Next proposal (Alt+N)')}>
          {trans.__('Next')}
        </Button>
      )}
      {props.canAcceptAllRules && (
        <Button
          className="jp-mod-styled jp-Modernizer-Secondary"
          onClick={props.onAcceptAllRules}
          title={trans.__('Accept this and every later fix from the offline rules that carries no warning flag, for the rest of this run')}
        >
          {trans.__('Accept all rule fixes')}
        </Button>
      )}
    </div>
  );
}
