export * from './resource-metrics.dto.js';
