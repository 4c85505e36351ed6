/** Every rule the engine knows, in trigger priority order. */
import { numpyRules } from './numpy';
import { pandasRules } from './pandas';
import { python2Rules } from './python2';
import { sklearnRules } from './sklearn';
import type { IRule } from './types';

export const allRules: readonly IRule[] = [
  ...python2Rules,
  ...numpyRules,
  ...pandasRules,
  ...sklearnRules
];
