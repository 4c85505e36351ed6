/**
 * Public interfaces of the lab face and their tokens: other plugins (the
 * inline suggestions, the history view) require these instead of reaching
 * into each other's code.
 */
import type { NotebookPanel } from '@jupyterlab/notebook';
import { Token } from '@lumino/coreutils';
import type { ISignal } from '@lumino/signaling';
import type { RunModel } from './model';
import type { IModernizerSettings } from './settings';

/** The extension's settings as a typed object, kept current. */
export interface IModernizerConfig {
  readonly settings: IModernizerSettings;
  /** Emitted after the settings changed and were read again. */
  readonly changed: ISignal<IModernizerConfig, IModernizerSettings>;
}

export const IModernizerConfig = new Token<IModernizerConfig>(
  'jupyterlab-modernizer:IModernizerConfig',
  'The settings of jupyterlab-modernizer read into a typed object, re-read when they change.'
);

/** One run model per open notebook, and the one of the current notebook. */
export interface IModernizerRuns {
  /** The model of the current notebook, or null when no notebook is current. */
  readonly current: RunModel | null;
  readonly currentChanged: ISignal<IModernizerRuns, RunModel | null>;
  /** The model of a notebook panel (made on first use, disposed with the panel). */
  modelFor(panel: NotebookPanel): RunModel;
  /** Emitted when a model is made, so views can follow it. */
  readonly added: ISignal<IModernizerRuns, RunModel>;
}

export const IModernizerRuns = new Token<IModernizerRuns>(
  'jupyterlab-modernizer:IModernizerRuns',
  'The Modernize run models, one per notebook panel, and the current one.'
);
