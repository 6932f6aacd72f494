import type { Registry } from 'prom-client';
import { BulkDelivery, type BulkDeliveryOptions } from './bulk-delivery.js';
import { createSink } from './create-sink.js';
import { DEFAULT_INDEX_NAMING, prefixedIndexNaming, type IndexNaming } from './index-names.js';
import { installIndexTemplates, type TemplateOptions } from './index-templates.js';
import type { SearchSink } from './sink.js';
import { sinkOptionsFromEnv } from './sink-env.js';

export interface SearchPipeline {
  sink: SearchSink;
  delivery: BulkDelivery;
  naming: IndexNaming;
}

export interface SearchFromEnvOptions extends TemplateOptions {
  /** logs, metrics or events: labels the delivery metrics. */
  pipeline: string;
  registry?: Registry;
  onRetry?: BulkDeliveryOptions['onRetry'];
  env?: NodeJS.ProcessEnv;
}

/**
 * A component's whole connection to its search engine from the ELASTICSEARCH_* env vars: the
 * backend (detected unless ELASTICSEARCH_ENGINE says), kubenest's index templates installed
 * (idempotent, so every component may do it at start), and a BulkDelivery whose dead letters
 * go to the configured dead-letter index. Undefined when no engine is configured.
 */
export async function searchFromEnv(options: SearchFromEnvOptions): Promise<SearchPipeline | undefined> {
  const sinkOptions = sinkOptionsFromEnv(options.env);
  if (!sinkOptions) return undefined;
  // KUBENEST_INDEX_PREFIX: before every index and template name, for clusters (or tests) sharing one engine.
  const prefix = (options.env ?? process.env)['KUBENEST_INDEX_PREFIX'] ?? '';
  if (prefix !== prefix.toLowerCase()) throw new Error(`KUBENEST_INDEX_PREFIX must be lower case, not "${prefix}"`);
  const naming = prefixedIndexNaming(prefix, { ...DEFAULT_INDEX_NAMING, ...options.naming });
  const sink = await createSink(sinkOptions);
  try {
    await installIndexTemplates(sink, { ...options, naming, templateNamePrefix: options.templateNamePrefix ?? prefix });
  } catch (error) {
    await sink.close();
    throw error;
  }
  const delivery = new BulkDelivery({
    sink,
    pipeline: options.pipeline,
    deadLetterPrefix: naming.deadLetter,
    registry: options.registry,
    onRetry: options.onRetry,
  });
  return { sink, delivery, naming };
}
