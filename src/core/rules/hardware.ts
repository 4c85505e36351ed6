/** hardware rules. */
import type { IRule } from './types';

export const hardwareRules: IRule[] = [];
