/** matplotlib rules. */
import type { IRule } from './types';

export const matplotlibRules: IRule[] = [];
