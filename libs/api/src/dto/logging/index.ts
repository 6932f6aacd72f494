export * from './log-query.dto.js';
