export * from './logger.js';
export * from './nest-logger.js';
export * from './health-server.js';
export * from './process-lifecycle.js';
