export * from './reconciler.js';
export * from './work-queue.js';
export * from './backoff-policy.js';
export * from './bull-work-queue-options.js';
export * from './bull-work-queue.js';
export * from './work-queue-metrics.js';
export * from './caught-up-informer.js';
export * from './expectations.js';
