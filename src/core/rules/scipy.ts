/** scipy rules. */
import type { IRule } from './types';

export const scipyRules: IRule[] = [];
