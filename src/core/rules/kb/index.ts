export * from './types';
export { KnowledgeBase } from './knowledge';
export { sharedKnowledgeBase } from './shared';
