/** Every rule the engine knows, in trigger priority order, and the families of the mined knowledge base. */
import { defaultRules } from './defaults';
import { hardwareRules } from './hardware';
import { kerasRules } from './keras';
import { lightgbmRules } from './lightgbm';
import { matplotlibRules } from './matplotlib';
import { numpyRules } from './numpy';
import { pandasRules } from './pandas';
import { protocolRules } from './protocols';
import { python2Rules } from './python2';
import { runtimeRules } from './runtime';
import { scipyRules } from './scipy';
import { seabornRules } from './seaborn';
import { sklearnRules } from './sklearn';
import { statsmodelsRules } from './statsmodels';
import { torchRules } from './torch';
import { xgboostRules } from './xgboost';
import { kbFamilies } from './families/kb';
import { sharedKnowledgeBase } from './kb/shared';
import type { IRule, IRuleFamily } from './types';

export const allRules: readonly IRule[] = [
  ...python2Rules,
  ...numpyRules,
  ...pandasRules,
  ...sklearnRules,
  ...protocolRules,
  ...scipyRules,
  ...statsmodelsRules,
  ...matplotlibRules,
  ...seabornRules,
  ...xgboostRules,
  ...lightgbmRules,
  ...kerasRules,
  ...torchRules,
  ...hardwareRules,
  ...defaultRules,
  ...runtimeRules
];

/** The general families over the committed knowledge base (src/core/rules/kb/facts.json). */
export const allFamilies: readonly IRuleFamily[] = kbFamilies(sharedKnowledgeBase());
