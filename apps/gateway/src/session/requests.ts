import { ApiError } from '#api';
import type { LogsRequest, MetricsRequest, WatchRequest } from './request-types.js';

export type { LogsRequest, MetricsRequest, WatchRequest } from './request-types.js';

export interface IdRequest {
  id: string;
}

type Shape = Record<string, 'string' | 'number' | 'boolean' | readonly string[]>;

const SHAPES = {
  watch: {
    id: 'string',
    resource: 'string',
    group: 'string',
    version: 'string',
    namespace: 'string',
    labelSelector: 'string',
    fieldSelector: 'string',
    resourceVersion: 'string',
  },
  logs: {
    id: 'string',
    namespace: 'string',
    pod: 'string',
    container: 'string',
    tailLines: 'number',
    previous: 'boolean',
    follow: 'boolean',
  },
  metrics: { id: 'string', kind: ['nodes', 'pods'], namespace: 'string' },
  id: { id: 'string' },
} as const satisfies Record<string, Shape>;

const REQUIRED: Record<keyof typeof SHAPES, string[]> = {
  watch: ['id', 'resource'],
  logs: ['id', 'namespace', 'pod'],
  metrics: ['id', 'kind'],
  id: ['id'],
};

/**
 * Checks a request payload against its documented shape (docs/gateway-protocol.md) and
 * throws ApiError 400 naming every offending field, as the apiserver does for a bad body.
 */
export function parseRequest(kind: 'watch', payload: unknown): WatchRequest;
export function parseRequest(kind: 'logs', payload: unknown): LogsRequest;
export function parseRequest(kind: 'metrics', payload: unknown): MetricsRequest;
export function parseRequest(kind: 'id', payload: unknown): IdRequest;
export function parseRequest(kind: keyof typeof SHAPES, payload: unknown): unknown {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
    throw ApiError.badRequest('the request must be an object');
  const shape: Shape = SHAPES[kind];
  const body = payload as Record<string, unknown>;
  const problems: string[] = [];
  for (const field of REQUIRED[kind]) {
    if (body[field] === undefined || body[field] === '') problems.push(`${field}: Required value`);
  }
  for (const [field, value] of Object.entries(body)) {
    const expected = shape[field];
    if (expected === undefined) problems.push(`${field}: unknown field`);
    else if (value === undefined) continue;
    else if (Array.isArray(expected)) {
      if (!expected.includes(value as string))
        problems.push(
          `${field}: Unsupported value: ${JSON.stringify(value)}: supported values: ${expected.join(', ')}`,
        );
    } else if (typeof value !== expected) problems.push(`${field}: must be a ${expected}`);
    else if (expected === 'number' && (!Number.isInteger(value) || (value as number) < 0))
      problems.push(`${field}: must be a non-negative integer`);
  }
  if (problems.length)
    throw ApiError.badRequest(`invalid ${kind === 'id' ? '' : `${kind} `}request: ${problems.join('; ')}`);
  return body;
}
