/**
 * The extension's settings (schema/plugin.json) as one typed object, read
 * once and read again whenever the user changes them.
 */
import type { ISettingRegistry } from '@jupyterlab/settingregistry';
import { readPriceTable } from '../core/llm/cost';
import type { PriceTable } from '../core/llm/cost';

/** The id of the settings shared by the extension's plugins. */
export const SETTINGS_ID = 'jupyterlab-modernizer:plugin';

export type AcceptPolicySetting = 'ask' | 'rules';

export interface IModernizerSettings {
  /** Interrupt a cell of a Modernize run after this long. */
  cellTimeoutMs: number;
  /** Ask to restart the kernel before a run. */
  restartBeforeRun: boolean;
  /** One-line fix suggestions under failing cells outside a run. */
  inlineSuggestions: boolean;
  /** Where Kaggle-style input files are looked for (a contents path), or ''. */
  dataDirectory: string;
  /** 'rules': unflagged rule fixes are applied without asking. */
  acceptPolicy: AcceptPolicySetting;
  checkRelayOnStartup: boolean;
  /** The LLM settings (the key is the server's; none of these is secret). */
  llm: ILlmSettings;
}

export interface ILlmSettings {
  /** The model to ask; '' for the server's MODERNIZER_MODEL. */
  model: string;
  temperature: number;
  maxAttemptsPerCell: number;
  maxOutputTokens: number;
  timeoutMs: number;
  /** USD per million tokens by model: costs are shown for the models it has. */
  prices: PriceTable;
}

export namespace ModernizerSettings {
  /** The schema's defaults, used until the registry answers (or when it cannot). */
  export const DEFAULTS: IModernizerSettings = {
    cellTimeoutMs: 300_000,
    restartBeforeRun: true,
    inlineSuggestions: true,
    dataDirectory: '',
    acceptPolicy: 'ask',
    checkRelayOnStartup: true,
    llm: { model: '', temperature: 0, maxAttemptsPerCell: 3, maxOutputTokens: 4096, timeoutMs: 120_000, prices: {} }
  };

  /** The composite settings as a typed object; wrong types fall back to the defaults. */
  export function read(settings: Pick<ISettingRegistry.ISettings, 'get'>): IModernizerSettings {
    const value = <T>(key: string, check: (v: unknown) => v is T, fallback: T): T => {
      const composite = settings.get(key).composite;
      return check(composite) ? composite : fallback;
    };
    const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;
    const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
    const isString = (v: unknown): v is string => typeof v === 'string';
    const isTemperature = (v: unknown): v is number => typeof v === 'number' && v >= 0 && v <= 2;
    const isCount = (v: unknown): v is number => isNumber(v) && Number.isInteger(v);
    const isPolicy = (v: unknown): v is AcceptPolicySetting => v === 'ask' || v === 'rules';
    return {
      cellTimeoutMs: value('cellTimeoutSeconds', isNumber, DEFAULTS.cellTimeoutMs / 1000) * 1000,
      restartBeforeRun: value('restartBeforeRun', isBoolean, DEFAULTS.restartBeforeRun),
      inlineSuggestions: value('inlineSuggestions', isBoolean, DEFAULTS.inlineSuggestions),
      dataDirectory: value('dataDirectory', isString, DEFAULTS.dataDirectory).trim().replace(/^\/+|\/+$/g, ''),
      acceptPolicy: value('acceptPolicy', isPolicy, DEFAULTS.acceptPolicy),
      checkRelayOnStartup: value('checkRelayOnStartup', isBoolean, DEFAULTS.checkRelayOnStartup),
      llm: {
        model: value('llmModel', isString, DEFAULTS.llm.model).trim(),
        temperature: value('llmTemperature', isTemperature, DEFAULTS.llm.temperature),
        maxAttemptsPerCell: value('llmMaxAttempts', isCount, DEFAULTS.llm.maxAttemptsPerCell),
        maxOutputTokens: value('llmMaxOutputTokens', isCount, DEFAULTS.llm.maxOutputTokens),
        timeoutMs: value('llmTimeoutSeconds', isNumber, DEFAULTS.llm.timeoutMs / 1000) * 1000,
        // Malformed entries are left out; the others still price their models.
        prices: readPriceTable(settings.get('llmPrices').composite).table
      }
    };
  }
}
