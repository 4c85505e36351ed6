/** xgboost rules. */
import type { IRule } from './types';

export const xgboostRules: IRule[] = [];
