export { customRule } from './base';
export type { IRuleBase } from './base';
export { movedModule, renamedMember, renamedMethod, renamedName } from './names';
export { addedKeyword, keywordOnly, removedKeyword, renamedKeyword, renamedKeywordValue } from './keywords';
