export * from './interfaces/store.js';
export * from './interfaces/watch.js';
export * from './redis-store.js';
export * from './store-keys.js';
export * from './store-logger.js';
export * from './continue-token.js';
export * from './connect-redis.js';
export * from './read-lua-script.js';
