/**
 * The Modernizer side panel: one panel, the model of the current notebook.
 */
import type { ITranslator, TranslationBundle } from '@jupyterlab/translation';
import { ReactWidget, SidePanel } from '@jupyterlab/ui-components';
import { Widget } from '@lumino/widgets';
import * as React from 'react';
import { CommandIDs } from '../commands';
import { modernizeIcon } from '../icons';
import type { RunModel } from '../model';
import { RunBody } from './body';

export class ModernizerPanel extends SidePanel {
  constructor(options: ModernizerPanel.IOptions) {
    super({ translator: options.translator });
    const trans = options.trans;
    this.id = 'jp-modernizer-panel';
    this.addClass('jp-Modernizer-Panel');
    this.title.icon = modernizeIcon;
    this.title.caption = trans.__('Notebook Modernizer');
    this.header.addWidget(Private.header(trans.__('Modernizer')));
    this._options = options;
    this._body = ReactWidget.create(React.createElement(RunBody, this._props()));
    this._body.addClass('jp-Modernizer-BodyWidget');
    this.addWidget(this._body);
  }

  /** The run shown; null when no notebook is open. */
  get model(): RunModel | null {
    return this._model;
  }
  set model(model: RunModel | null) {
    if (model === this._model) {
      return;
    }
    this._model = model;
    this._render();
  }

  private _render(): void {
    // A fresh element per model: the body subscribes to that model alone.
    const body = ReactWidget.create(React.createElement(RunBody, this._props()));
    body.addClass('jp-Modernizer-BodyWidget');
    this._body.dispose();
    this._body = body;
    this.addWidget(body);
  }

  private _props(): React.ComponentProps<typeof RunBody> {
    return {
      model: this._model,
      trans: this._options.trans,
      execute: (command, args) => void this._options.commands.execute(command, args),
      showCell: index => {
        if (this._model) {
          this._options.showCell(this._model, index);
        }
      },
      commandIds: CommandIDs
    };
  }

  private _options: ModernizerPanel.IOptions;
  private _model: RunModel | null = null;
  private _body: ReactWidget;
}

export namespace ModernizerPanel {
  export interface IOptions {
    commands: { execute(command: string, args?: any): Promise<unknown> };
    translator: ITranslator;
    trans: TranslationBundle;
    /** Scroll the model's notebook to its cell `index` and select it. */
    showCell: (model: RunModel, index: number) => void;
  }
}

namespace Private {
  export function header(text: string): Widget {
    const widget = new Widget();
    widget.addClass('jp-Modernizer-Title');
    const h2 = document.createElement('h2');
    h2.textContent = text;
    widget.node.appendChild(h2);
    return widget;
  }
}
