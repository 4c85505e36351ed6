/** Every rule the engine knows, in trigger priority order. */
import { defaultRules } from './defaults';
import { hardwareRules } from './hardware';
import { kerasRules } from './keras';
import { lightgbmRules } from './lightgbm';
import { matplotlibRules } from './matplotlib';
import { numpyRules } from './numpy';
import { pandasRules } from './pandas';
import { python2Rules } from './python2';
import { runtimeRules } from './runtime';
import { scipyRules } from './scipy';
import { seabornRules } from './seaborn';
import { sklearnRules } from './sklearn';
import { statsmodelsRules } from './statsmodels';
import { xgboostRules } from './xgboost';
import type { IRule } from './types';

export const allRules: readonly IRule[] = [
  ...python2Rules,
  ...numpyRules,
  ...pandasRules,
  ...sklearnRules,
  ...scipyRules,
  ...statsmodelsRules,
  ...matplotlibRules,
  ...seabornRules,
  ...xgboostRules,
  ...lightgbmRules,
  ...kerasRules,
  ...hardwareRules,
  ...defaultRules,
  ...runtimeRules
];
