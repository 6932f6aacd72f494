export * from './replica-set.dto.js';
export * from './deployment.dto.js';
