import { readFileSync } from 'node:fs';
import type { EngineKind } from './sink.js';

/** How to reach a cluster; the same for both backends. */
export interface SinkOptions {
  /** e.g. https://es.example.com:9200 */
  url: string;
  /** Skips detection (GET /) when set. */
  engine?: EngineKind;
  username?: string;
  password?: string;
  /** Elasticsearch API key (the base64 "id:key" form Kibana shows); sent as `Authorization: ApiKey ...`. */
  apiKey?: string;
  /** PEM file of the CA that signed the cluster's certificate. */
  caFile?: string;
  /** Per request; the sinks never retry on their own (BulkDelivery does). */
  requestTimeoutMs?: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** The CA certificate, read once; a missing file is a clear error at start, not a TLS failure later. */
export function readCa(options: SinkOptions): string | undefined {
  if (!options.caFile) return undefined;
  try {
    return readFileSync(options.caFile, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the search engine's CA file ${options.caFile}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** Basic auth when a username is given; a password without one is a configuration mistake. */
export function basicAuth(options: SinkOptions): { username: string; password: string } | undefined {
  if (options.password !== undefined && options.username === undefined) {
    throw new Error('a search engine password was given without a username (ELASTICSEARCH_USERNAME)');
  }
  return options.username === undefined ? undefined : { username: options.username, password: options.password ?? '' };
}
