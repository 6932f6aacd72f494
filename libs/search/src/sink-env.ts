import type { EngineKind } from './sink.js';
import type { SinkOptions } from './sink-options.js';

/**
 * The env vars every kubenest component reads its search engine from; `kubenest up` sets them
 * for the engine it starts, or passes the operator's own on. The names are the ones
 * Elasticsearch tooling (Beats, Logstash, Kibana) uses.
 */
export const SEARCH_ENV = {
  url: 'ELASTICSEARCH_URL',
  username: 'ELASTICSEARCH_USERNAME',
  password: 'ELASTICSEARCH_PASSWORD',
  apiKey: 'ELASTICSEARCH_API_KEY',
  caFile: 'ELASTICSEARCH_CA_FILE',
  engine: 'ELASTICSEARCH_ENGINE',
} as const;

/** Also accepted for the URL, for OpenSearch users. */
export const OPENSEARCH_URL_ENV = 'OPENSEARCH_URL';

const ENGINES: readonly EngineKind[] = ['elasticsearch', 'opensearch'];

/**
 * SinkOptions from the environment, or undefined when no search engine is configured (the
 * pipeline is then off). Throws, naming the variable, on a value that cannot work.
 */
export function sinkOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): SinkOptions | undefined {
  const url = env[SEARCH_ENV.url] || env[OPENSEARCH_URL_ENV];
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${SEARCH_ENV.url} must be an http(s) URL such as https://es.example.com:9200, not "${url}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`${SEARCH_ENV.url} must be an http or https URL, not "${url}"`);
  }
  const engine = env[SEARCH_ENV.engine] || undefined;
  if (engine !== undefined && !ENGINES.includes(engine as EngineKind)) {
    throw new Error(`${SEARCH_ENV.engine} must be one of ${ENGINES.join(', ')}, not "${engine}"`);
  }
  return {
    url,
    engine: engine as EngineKind | undefined,
    username: env[SEARCH_ENV.username] || undefined,
    password: env[SEARCH_ENV.password] || undefined,
    apiKey: env[SEARCH_ENV.apiKey] || undefined,
    caFile: env[SEARCH_ENV.caFile] || undefined,
  };
}
