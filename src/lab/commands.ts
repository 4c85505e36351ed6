/**
 * Command ids of the extension, in one place.
 */
export namespace CommandIDs {
  /** Run the current notebook through the Modernizer. */
  export const run = 'modernizer:run';
  export const pause = 'modernizer:pause';
  export const stop = 'modernizer:stop';
  /** Show the next proposal waiting for review. */
  export const nextProposal = 'modernizer:next-proposal';
  export const accept = 'modernizer:accept';
  export const reject = 'modernizer:reject';
  export const acceptAllRules = 'modernizer:accept-all-rule-fixes';
  export const openReview = 'modernizer:open-review';
  export const saveReport = 'modernizer:save-report';
  export const saveCopy = 'modernizer:save-copy';
}
