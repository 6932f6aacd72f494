export * from './lease.dto.js';
