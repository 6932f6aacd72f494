import { join } from 'node:path';
import { parseQuantity } from '#api';
import type { MultilineRule } from '../parse/multiline-joiner.js';

/** Container log shipping, from the node agent's environment (docs/logging.md lists every variable). */
export interface LoggingConfig {
  /** The kubelet's log root: pods/ and containers/ live under it. */
  logDir: string;
  /** Disk buffer chunks and the position file, under the agent's root dir. */
  stateDir: string;
  indexPrefix: string;
  jsonKey: string;
  jsonMaxBytes: number;
  maxRecordBytes: number;
  bufferLimitBytes: number;
  chunkLimitBytes: number;
  flushIntervalMs: number;
  /** Chunks in delivery at once (bulk requests in flight). */
  shipConcurrency: number;
  multiline?: MultilineRule;
  annotationMatch: RegExp[];
}

/** Bulk requests in flight by default: see docs/benchmarks.md (log-shipping) for the measurements behind it. */
export const DEFAULT_SHIP_CONCURRENCY = 4;

/**
 * The log root is /var/log, as a kubelet's, unless the agent was given a root dir of its own
 * (KUBENEST_NODE_AGENT_ROOT, or KUBENEST_DATA_DIR as `kubenest up` sets it): then <rootDir>/log,
 * so several clusters and nodes on one machine never share (or prune) each other's links.
 * KUBENEST_LOG_DIR overrides both.
 */
export function loadLoggingConfig(env: NodeJS.ProcessEnv, rootDir: string, errors: string[]): LoggingConfig {
  const bytes = (name: string, fallback: string) => {
    const raw = env[name] ?? fallback;
    try {
      const value = parseQuantity(raw).value();
      if (value > 0) return value;
    } catch {
      // reported below
    }
    errors.push(`${name} must be a positive byte quantity such as 64Mi, not "${raw}"`);
    return 0;
  };
  const seconds = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!(value > 0)) errors.push(`${name} must be a positive number of seconds, not "${env[name]}"`);
    return value * 1000;
  };
  const count = (name: string, fallback: number) => {
    const raw = env[name] ?? String(fallback);
    const value = Number(raw);
    if (Number.isInteger(value) && value >= 1 && value <= 64) return value;
    errors.push(`${name} must be a whole number from 1 to 64, not "${raw}"`);
    return fallback;
  };
  const regexp = (name: string, raw: string) => {
    try {
      return new RegExp(raw);
    } catch (error) {
      errors.push(`${name}: ${(error as Error).message}`);
      return /$^/;
    }
  };
  const maxRecordBytes = bytes('KUBENEST_LOG_MAX_RECORD_BYTES', '1Mi');
  const multilineStart = env['KUBENEST_LOG_MULTILINE_START'];
  const prefix = env['KUBENEST_LOG_INDEX_PREFIX'] ?? 'logstash';
  if (!/^[a-z0-9][a-z0-9_.-]*$/.test(prefix)) {
    errors.push(`KUBENEST_LOG_INDEX_PREFIX must be a lowercase index name prefix, not "${prefix}"`);
  }
  return {
    logDir:
      env['KUBENEST_LOG_DIR'] ??
      (env['KUBENEST_NODE_AGENT_ROOT'] || env['KUBENEST_DATA_DIR'] ? join(rootDir, 'log') : '/var/log'),
    stateDir: join(rootDir, 'logging'),
    indexPrefix: prefix,
    jsonKey: env['KUBENEST_LOG_JSON_KEY'] ?? 'json',
    jsonMaxBytes: bytes('KUBENEST_LOG_JSON_MAX_BYTES', '64Ki'),
    maxRecordBytes,
    bufferLimitBytes: bytes('KUBENEST_LOG_BUFFER_LIMIT', '256Mi'),
    chunkLimitBytes: bytes('KUBENEST_LOG_CHUNK_LIMIT', '2Mi'),
    flushIntervalMs: seconds('KUBENEST_LOG_FLUSH_SECONDS', 1),
    shipConcurrency: count('KUBENEST_LOG_SHIP_CONCURRENCY', DEFAULT_SHIP_CONCURRENCY),
    ...(multilineStart
      ? {
          multiline: {
            firstLine: regexp('KUBENEST_LOG_MULTILINE_START', multilineStart),
            flushMs: seconds('KUBENEST_LOG_MULTILINE_FLUSH_SECONDS', 2),
            maxBytes: maxRecordBytes,
          },
        }
      : {}),
    annotationMatch: (env['KUBENEST_LOG_ANNOTATION_MATCH'] ?? '')
      .split(',')
      .filter(Boolean)
      .map((raw) => regexp('KUBENEST_LOG_ANNOTATION_MATCH', raw)),
  };
}
