export * from './decorators/index.js';
export * from './meta/index.js';
export * from './core/index.js';
export * from './apps/index.js';
export * from './coordination/index.js';
export * from './discovery/index.js';
export * from './kind-dtos.js';
export * from './authentication/index.js';
