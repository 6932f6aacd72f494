import type { Registry } from 'prom-client';
import { BulkDelivery, type BulkDeliveryOptions } from './bulk-delivery.js';
import { DEFAULT_INDEX_NAMING, prefixedIndexNaming, type IndexNaming } from './index-names.js';
import { installIndexTemplates, type TemplateKind, type TemplateOptions } from './index-templates.js';
import { SearchConnection, type ConnectionLogger, type SearchConnectionOptions } from './search-connection.js';
import type { Delivery } from './sink.js';
import { sinkOptionsFromEnv } from './sink-env.js';
import { WaitingDelivery } from './waiting-delivery.js';

export interface SearchPipeline {
  /** Connects in the background; search() fails fast with a retryable error until it has. */
  sink: SearchConnection;
  /** Waits for the connection, then delivers exactly once (see BulkDelivery). */
  delivery: Delivery;
  naming: IndexNaming;
}

export interface SearchFromEnvOptions extends TemplateOptions {
  /** logs, metrics, events or search: labels the delivery and connection metrics. */
  pipeline: string;
  /** Which of kubenest's index templates to install; all by default. */
  templates?: readonly TemplateKind[];
  registry?: Registry;
  logger?: ConnectionLogger;
  onRetry?: BulkDeliveryOptions['onRetry'];
  env?: NodeJS.ProcessEnv;
  /** For tests: see SearchConnectionOptions. */
  connection?: Pick<SearchConnectionOptions, 'backoff' | 'createSink' | 'random' | 'wait'>;
}

/**
 * A component's whole connection to its search engine from the ELASTICSEARCH_* env vars,
 * returned at once whatever the engine's state: the backend is detected (unless
 * ELASTICSEARCH_ENGINE says) and kubenest's index templates installed (idempotent, so every
 * component may do it) in the background, retried until the engine answers; deliveries wait
 * for that, and dead letters go to the configured dead-letter index. Undefined when no engine
 * is configured; a setting that can never work throws.
 */
export function searchFromEnv(options: SearchFromEnvOptions): SearchPipeline | undefined {
  const sinkOptions = sinkOptionsFromEnv(options.env);
  if (!sinkOptions) return undefined;
  // KUBENEST_INDEX_PREFIX: before every index and template name, for clusters (or tests) sharing one engine.
  const prefix = (options.env ?? process.env)['KUBENEST_INDEX_PREFIX'] ?? '';
  if (prefix !== prefix.toLowerCase()) throw new Error(`KUBENEST_INDEX_PREFIX must be lower case, not "${prefix}"`);
  const naming = prefixedIndexNaming(prefix, { ...DEFAULT_INDEX_NAMING, ...options.naming });
  const templateOptions = { ...options, naming, templateNamePrefix: prefix + (options.templateNamePrefix ?? '') };
  const sink = new SearchConnection({
    ...options.connection,
    sinkOptions,
    pipeline: options.pipeline,
    registry: options.registry,
    logger: options.logger,
    prepare: (connected) => installIndexTemplates(connected, templateOptions, options.templates),
  });
  const delivery = new BulkDelivery({
    sink,
    pipeline: options.pipeline,
    deadLetterPrefix: naming.deadLetter,
    registry: options.registry,
    onRetry: options.onRetry,
  });
  return { sink, delivery: new WaitingDelivery(sink, delivery), naming };
}
