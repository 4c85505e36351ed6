/** keras rules. */
import type { IRule } from './types';

export const kerasRules: IRule[] = [];
