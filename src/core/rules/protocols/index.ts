/**
 * Calling protocols that changed: APIs that did not just rename. An object
 * that was iterated now has a method to call (the old splitters), an
 * argument of a call became a method called on its result (`squeeze=True` ->
 * `.squeeze('columns')`), a result that was a list of records is now a dict
 * of arrays (`grid_scores_` -> `cv_results_`). Each family is one mechanism
 * over a table, in its own file; every row carries its fact (the mined one
 * where the knowledge base has it) and is picked by the error today's
 * library raises.
 */
import type { IRule } from '../types';
import { nestedRenamer } from './aggregation';
import { MOVED_ARGUMENTS, MOVED_TO_METHOD, movedArgument, movedToMethod } from './arguments';
import { KEPT_DIMENSIONS, RESHAPED_RESULTS, keptDimensions, reshapedResult } from './results';
import { OLD_SPLITTERS, splitterProtocol } from './splitters';

export const protocolRules: IRule[] = [
  splitterProtocol,
  ...MOVED_ARGUMENTS.map(movedArgument),
  ...MOVED_TO_METHOD.map(movedToMethod),
  nestedRenamer,
  ...RESHAPED_RESULTS.map(reshapedResult),
  ...KEPT_DIMENSIONS.map(keptDimensions)
];

/** For tests and reports: the tables behind the families. */
export const PROTOCOL_TABLES = { splitters: OLD_SPLITTERS, movedArguments: MOVED_ARGUMENTS, movedToMethod: MOVED_TO_METHOD, reshapedResults: RESHAPED_RESULTS, keptDimensions: KEPT_DIMENSIONS };
