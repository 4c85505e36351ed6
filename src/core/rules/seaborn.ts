/** seaborn rules. */
import type { IRule } from './types';

export const seabornRules: IRule[] = [];
