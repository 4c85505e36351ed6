import type { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { Signal } from '@lumino/signaling';
import { ModernizerSettings, SETTINGS_ID } from '../settings';
import type { IModernizerSettings } from '../settings';
import { IModernizerConfig } from '../tokens';

/**
 * The settings of schema/plugin.json as a typed object, re-read on change.
 */
export const settingsPlugin: JupyterFrontEndPlugin<IModernizerConfig> = {
  id: SETTINGS_ID,
  description: 'Reads the Modernizer settings into a typed object and keeps it current.',
  autoStart: true,
  provides: IModernizerConfig,
  optional: [ISettingRegistry],
  activate: (_app: JupyterFrontEnd, registry: ISettingRegistry | null): IModernizerConfig => {
    const config = new Private.Config();
    if (registry) {
      // Not awaited: the defaults hold until the registry answers.
      registry
        .load(SETTINGS_ID)
        .then(settings => {
          config.set(ModernizerSettings.read(settings));
          settings.changed.connect(() => config.set(ModernizerSettings.read(settings)));
        })
        .catch(reason => console.error(`Modernizer: the settings could not be read: ${reason}`));
    }
    return config;
  }
};

namespace Private {
  export class Config implements IModernizerConfig {
    get settings(): IModernizerSettings {
      return this._settings;
    }

    get changed(): Signal<IModernizerConfig, IModernizerSettings> {
      return this._changed;
    }

    set(settings: IModernizerSettings): void {
      this._settings = settings;
      this._changed.emit(settings);
    }

    private _settings: IModernizerSettings = ModernizerSettings.DEFAULTS;
    private _changed = new Signal<IModernizerConfig, IModernizerSettings>(this);
  }
}
