/** scikit-learn 0.20-1.9 removals, renames and signature changes. */
import { movedModule } from './builders';
import type { IRule } from './types';

/** Where each name of the removed `sklearn.cross_validation` lives now. */
const crossValidation = movedModule({
  id: 'sklearn-cross_validation-module',
  fact: {
    library: 'scikit-learn',
    version: '0.20',
    message: 'sklearn.cross_validation was removed in scikit-learn 0.20; its contents moved to sklearn.model_selection.',
    source: 'https://scikit-learn.org/stable/whats_new/v0.20.html',
    catalogId: 'sklearn-cross_validation-module'
  },
  trigger: /No module named 'sklearn\.cross_validation'/,
  module: 'sklearn.cross_validation',
  to: 'sklearn.model_selection'
});

export const sklearnRules: IRule[] = [crossValidation];
