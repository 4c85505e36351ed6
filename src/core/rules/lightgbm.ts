/** lightgbm rules. */
import type { IRule } from './types';

export const lightgbmRules: IRule[] = [];
