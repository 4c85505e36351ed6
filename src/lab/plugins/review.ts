import type { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette, Notification } from '@jupyterlab/apputils';
import { IEditorLanguageRegistry } from '@jupyterlab/codemirror';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import type { Extension } from '@codemirror/state';
import { CommandIDs } from '../commands';
import type { RunModel } from '../model';
import { ReviewWidget } from '../review';
import { IModernizerRuns } from '../tokens';

/**
 * The diff review: opens when a fix waits for a decision, and the keyboard
 * flow (next proposal, accept, reject, accept all rule fixes).
 */
export const reviewPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-modernizer:review',
  description: 'Shows each proposed fix as a diff to accept, edit or reject, with keyboard commands.',
  autoStart: true,
  requires: [IModernizerRuns],
  optional: [ITranslator, IEditorLanguageRegistry, ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    runs: IModernizerRuns,
    translator: ITranslator | null,
    languages: IEditorLanguageRegistry | null,
    palette: ICommandPalette | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_modernizer');
    const { commands, shell } = app;
    const reviews = new Map<RunModel, ReviewWidget>();
    let python: Extension | undefined;
    void languages?.getLanguage('python').then(language => {
      python = language?.support;
      if (python) {
        reviews.forEach(review => review.setLanguage(python!));
      }
    });

    /** The review of a run, opened below its notebook when it is not open. */
    const open = (model: RunModel, activate: boolean): ReviewWidget => {
      let review = reviews.get(model);
      if (!review || review.isDisposed) {
        review = new ReviewWidget({ model, trans, language: python });
        reviews.set(model, review);
        review.disposed.connect(() => reviews.delete(model));
        shell.add(review, 'main', { mode: 'split-bottom', ref: model.panel.id, activate: false });
      }
      if (activate) {
        shell.activateById(review.id);
        review.node.focus();
      }
      return review;
    };

    const follow = (model: RunModel) => {
      // The first proposal of a run opens the review; later ones show in it.
      model.proposalAdded.connect(() => {
        const review = reviews.get(model);
        if (!review || review.isDisposed || !review.isVisible) {
          open(model, true);
        }
        refresh();
      });
      model.changed.connect(refresh);
      model.staleRefused.connect((_, patch) => {
        const cell = patch.target.kind === 'cell' ? patch.target.index + 1 : 0;
        Notification.warning(
          trans.__('The fix for cell %1 was refused: the cell was edited after it was proposed. Your edit is kept.', cell),
          { autoClose: 8000 }
        );
      });
    };
    runs.added.connect((_, model) => follow(model));
    if (runs.current) {
      follow(runs.current);
    }

    /** The run whose review is at hand: the focused review's, else the current notebook's. */
    const target = (): RunModel | null => {
      const current = shell.currentWidget;
      if (current instanceof ReviewWidget) {
        return current.model;
      }
      return runs.current;
    };
    const reviewOf = (model: RunModel | null) => (model ? reviews.get(model) ?? null : null);
    const hasProposal = () => (target()?.pending.length ?? 0) > 0;
    const noArgs = { args: { type: 'object', properties: {} } } as const;

    commands.addCommand(CommandIDs.openReview, {
      label: trans.__('Review the proposed fixes'),
      caption: trans.__('Open the diff review of the Modernize run'),
      describedBy: noArgs,
      isEnabled: () => runs.current !== null,
      execute: () => {
        if (runs.current) {
          open(runs.current, true);
        }
      }
    });

    commands.addCommand(CommandIDs.nextProposal, {
      label: trans.__('Next proposed fix'),
      caption: trans.__('Show the next fix waiting for review'),
      describedBy: noArgs,
      isEnabled: hasProposal,
      execute: () => {
        const model = target();
        if (!model) {
          return;
        }
        const review = reviewOf(model);
        const next = review?.isVisible ? model.nextProposal() : model.reviewing;
        if (next) {
          model.select(next.patch.id);
        }
        open(model, true);
      }
    });

    commands.addCommand(CommandIDs.accept, {
      label: trans.__('Accept the proposed fix'),
      caption: trans.__('Apply the fix shown in the review (with your edit, if any), re-run the cell and go on'),
      describedBy: noArgs,
      isEnabled: hasProposal,
      execute: () => {
        const model = target();
        const review = reviewOf(model);
        if (review && !review.isDisposed && review.proposal) {
          review.accept();
        } else if (model?.reviewing) {
          model.accept(model.reviewing.patch.id);
        }
      }
    });

    commands.addCommand(CommandIDs.reject, {
      label: trans.__('Reject the proposed fix'),
      caption: trans.__('Leave the cell as it is; the run goes on'),
      describedBy: noArgs,
      isEnabled: hasProposal,
      execute: () => {
        const model = target();
        const review = reviewOf(model);
        if (review && !review.isDisposed && review.proposal) {
          review.reject();
        } else if (model?.reviewing) {
          model.reject(model.reviewing.patch.id);
        }
      }
    });

    commands.addCommand(CommandIDs.acceptAllRules, {
      label: trans.__('Accept all rule fixes for this run'),
      caption: trans.__(
        'Apply every fix from the offline rules that carries no warning flag, now and for the rest of this run'
      ),
      describedBy: noArgs,
      isEnabled: () => {
        const model = target();
        return (model?.running ?? false) && !model!.acceptingRules;
      },
      execute: () => target()?.acceptAllRuleFixes()
    });

    const refresh = () => {
      for (const id of [CommandIDs.nextProposal, CommandIDs.accept, CommandIDs.reject, CommandIDs.acceptAllRules]) {
        commands.notifyCommandChanged(id);
      }
    };

    if (palette) {
      const category = trans.__('Notebook Modernizer');
      for (const command of [
        CommandIDs.openReview,
        CommandIDs.nextProposal,
        CommandIDs.accept,
        CommandIDs.reject,
        CommandIDs.acceptAllRules
      ]) {
        palette.addItem({ command, category });
      }
    }
  }
};
