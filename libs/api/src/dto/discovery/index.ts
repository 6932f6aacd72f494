export * from './endpoint-slice.dto.js';
