import { DEFAULT_INDEX_NAMING, prefixedIndexNaming, type IndexNaming } from './index-names.js';
import { OpenSearchSink } from './opensearch-sink.js';
import type { EngineKind, SearchSink } from './sink.js';
import type { SinkOptions } from './sink-options.js';

/** Where a component ships to and searches in, from its environment; undefined when no engine is configured. */
export interface SearchSettings {
  sink: SinkOptions;
  naming: IndexNaming;
  /** KUBENEST_INDEX_PREFIX, also put before template names so installations sharing an engine keep their own. */
  prefix: string;
}

/**
 * ELASTICSEARCH_URL (or OPENSEARCH_URL), with ELASTICSEARCH_USERNAME / _PASSWORD / _API_KEY /
 * _CA_FILE / _ENGINE, and KUBENEST_INDEX_PREFIX in front of every index name (several
 * clusters, or tests, sharing one engine).
 */
export function searchSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): SearchSettings | undefined {
  const url = env['ELASTICSEARCH_URL'] || env['OPENSEARCH_URL'];
  if (!url) return undefined;
  const engine = env['ELASTICSEARCH_ENGINE'];
  if (engine !== undefined && engine !== 'opensearch' && engine !== 'elasticsearch') {
    throw new Error(`ELASTICSEARCH_ENGINE must be "elasticsearch" or "opensearch", not "${engine}"`);
  }
  const prefix = env['KUBENEST_INDEX_PREFIX'] ?? '';
  if (prefix !== prefix.toLowerCase()) throw new Error(`KUBENEST_INDEX_PREFIX must be lower case, not "${prefix}"`);
  return {
    sink: {
      url,
      engine: engine as EngineKind | undefined,
      username: env['ELASTICSEARCH_USERNAME'],
      password: env['ELASTICSEARCH_PASSWORD'],
      apiKey: env['ELASTICSEARCH_API_KEY'],
      caFile: env['ELASTICSEARCH_CA_FILE'],
    },
    naming: prefix ? prefixedIndexNaming(prefix) : DEFAULT_INDEX_NAMING,
    prefix,
  };
}

/** The sink for the settings (OpenSearch's client speaks the bulk and search APIs both engines share). */
export function sinkFor(settings: SearchSettings): SearchSink {
  return OpenSearchSink.fromOptions(settings.sink);
}
