export { InlineSuggestions } from './manager';
export { SuggestionLine } from './line';
export { SuggestionReview } from './review';
export { errorOfOutput, importsBefore, suggestFix } from './suggest';
export type { IInlineSuggestion, InlineSuggestion } from './suggest';
export { lineDiff, withContext } from './linediff';
export type { IDiffLine } from './linediff';
export { inlineSuggestionsPlugin } from './plugin';
