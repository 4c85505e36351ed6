export * from './charts';
export * from './html';
export * from './markdown';
export * from './summary';
