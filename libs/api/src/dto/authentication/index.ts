export * from './token-review.dto.js';
