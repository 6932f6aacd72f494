export * from './reconciler.js';
export * from './work-queue.js';
