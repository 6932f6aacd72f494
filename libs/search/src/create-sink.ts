import { Client } from '@opensearch-project/opensearch';
import { ElasticsearchSink } from './elasticsearch-sink.js';
import { OpenSearchSink } from './opensearch-sink.js';
import type { EngineKind, SearchSink } from './sink.js';
import { toSinkRequestError } from './sink-errors.js';
import { basicAuth, readCa, type SinkOptions } from './sink-options.js';

/**
 * The backend for `options.url`: the one named by `options.engine`, or else the one the
 * cluster says it is (see detectEngine).
 */
export async function createSink(options: SinkOptions): Promise<SearchSink> {
  const engine = options.engine ?? (await detectEngine(options));
  return engine === 'opensearch' ? OpenSearchSink.fromOptions(options) : ElasticsearchSink.fromOptions(options);
}

/**
 * GET / on the cluster: OpenSearch answers with version.distribution "opensearch"; anything
 * else is taken for Elasticsearch, whose client then verifies the x-elastic-product header
 * (sent by Elasticsearch 7.14 and later) on every response. Asked with the OpenSearch
 * client's transport, which has no product check, so either engine can answer.
 */
export async function detectEngine(options: SinkOptions): Promise<EngineKind> {
  const ca = readCa(options);
  const client = new Client({
    node: options.url,
    auth: basicAuth(options),
    ...(options.apiKey ? { headers: { authorization: `ApiKey ${options.apiKey}` } } : {}),
    ...(ca ? { ssl: { ca } } : {}),
    requestTimeout: options.requestTimeoutMs ?? 10_000,
    maxRetries: 0,
  });
  try {
    const { body } = await client.transport.request({ method: 'GET', path: '/' });
    const distribution = (body as { version?: { distribution?: string } }).version?.distribution;
    return distribution === 'opensearch' ? 'opensearch' : 'elasticsearch';
  } catch (error) {
    throw toSinkRequestError(error, `detecting the search engine at ${options.url} (set ELASTICSEARCH_ENGINE to skip)`);
  } finally {
    await client.close();
  }
}
