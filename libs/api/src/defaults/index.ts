export * from './apply-defaults.js';
export { imageTag } from './pod-defaults.js';
