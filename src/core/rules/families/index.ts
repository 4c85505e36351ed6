export { kbFamilies } from './kb';
export { KB_RULE_PREFIX, factOf, kbRuleId, quote } from './fact';
export { KbFamily, KbRules } from './family';
export type { IKbRewrite, IKbShape } from './family';
