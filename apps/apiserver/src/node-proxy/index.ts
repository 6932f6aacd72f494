export * from './node-endpoint.js';
export * from './pod-container.js';
export * from './node-agent-client.js';
export * from './pod-log-proxy.js';
export * from './pod-stream-proxy.js';
