export * from './redis-server.js';
export * from './free-port.js';
export * from './https-client.js';
export * from './test-apiserver.js';
export * from './kubectl.js';
export * from './test-cluster.js';
export * from './test-node-agent.js';
export * from './use-test-redis.js';
