export type * from './kinds.js';
