export * from './model';
export * from './openai';
export * from './answer';
export * from './prompt';
export * from './agent';
export * from './relay';
export * from './cost';
export * from './cache';
