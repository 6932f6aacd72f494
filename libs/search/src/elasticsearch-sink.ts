import { Client, type estypes } from '@elastic/elasticsearch';
import { BULK_RESPONSE_FILTER, toBulkItemResults, toBulkOperations } from './bulk-body.js';
import { toIndexTemplateBody } from './index-template-body.js';
import { toSearchBody, toSearchResponse } from './search-body.js';
import type { BulkItem, BulkItemResult, IndexTemplate, SearchRequest, SearchResponse, SearchSink } from './sink.js';
import { toSinkRequestError } from './sink-errors.js';
import { DEFAULT_REQUEST_TIMEOUT_MS, basicAuth, readCa, type SinkOptions } from './sink-options.js';

/**
 * SearchSink on Elasticsearch (the official @elastic/elasticsearch 9 client), the production
 * default. The client checks the x-elastic-product header itself, so pointing it at something
 * that is not Elasticsearch fails with a clear error instead of odd responses.
 */
export class ElasticsearchSink implements SearchSink {
  readonly engine = 'elasticsearch' as const;

  constructor(private readonly client: Client) {}

  static fromOptions(options: SinkOptions, overrides: Partial<ConstructorParameters<typeof Client>[0]> = {}) {
    const ca = readCa(options);
    const auth = options.apiKey ? { apiKey: options.apiKey } : basicAuth(options);
    return new ElasticsearchSink(
      new Client({
        node: options.url,
        ...(auth ? { auth } : {}),
        ...(ca ? { tls: { ca } } : {}),
        requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
        // BulkDelivery owns retries, with backoff and Retry-After; the client must not add its own.
        maxRetries: 0,
        ...overrides,
      }),
    );
  }

  async bulk(items: BulkItem[]): Promise<BulkItemResult[]> {
    if (items.length === 0) return [];
    try {
      const response = await this.client.bulk({
        operations: toBulkOperations(items) as estypes.BulkOperationContainer[],
        filter_path: BULK_RESPONSE_FILTER,
      });
      return toBulkItemResults(items, response.items);
    } catch (error) {
      throw toSinkRequestError(error, `bulk of ${items.length} documents`);
    }
  }

  async putIndexTemplate(name: string, template: IndexTemplate): Promise<void> {
    try {
      await this.client.indices.putIndexTemplate({
        name,
        ...toIndexTemplateBody(template),
      } as estypes.IndicesPutIndexTemplateRequest);
    } catch (error) {
      throw toSinkRequestError(error, `installing the index template ${name}`);
    }
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    try {
      const body = await this.client.search({
        index: request.index,
        ...(toSearchBody(request) as Omit<estypes.SearchRequest, 'index'>),
      });
      return toSearchResponse(body);
    } catch (error) {
      throw toSinkRequestError(error, `search in ${request.index}`);
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
