import { Client } from '@opensearch-project/opensearch';
import { BULK_RESPONSE_FILTER, toBulkItemResults, toBulkOperations } from './bulk-body.js';
import { toIndexTemplateBody } from './index-template-body.js';
import { toSearchBody, toSearchResponse } from './search-body.js';
import type { BulkItem, BulkItemResult, IndexTemplate, SearchRequest, SearchResponse, SearchSink } from './sink.js';
import { toSinkRequestError } from './sink-errors.js';
import { DEFAULT_REQUEST_TIMEOUT_MS, basicAuth, readCa, type SinkOptions } from './sink-options.js';

/** SearchSink on OpenSearch (@opensearch-project/opensearch); the engine `kubenest up` runs for development. */
export class OpenSearchSink implements SearchSink {
  readonly engine = 'opensearch' as const;

  constructor(private readonly client: Client) {}

  static fromOptions(options: SinkOptions): OpenSearchSink {
    const ca = readCa(options);
    return new OpenSearchSink(
      new Client({
        node: options.url,
        auth: basicAuth(options),
        ...(options.apiKey ? { headers: { authorization: `ApiKey ${options.apiKey}` } } : {}),
        ...(ca ? { ssl: { ca } } : {}),
        requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
        // BulkDelivery owns retries, with backoff and Retry-After; the client must not add its own.
        maxRetries: 0,
      }),
    );
  }

  async bulk(items: BulkItem[]): Promise<BulkItemResult[]> {
    if (items.length === 0) return [];
    try {
      const { body } = await this.client.bulk({ body: toBulkOperations(items), filter_path: BULK_RESPONSE_FILTER });
      return toBulkItemResults(items, body.items);
    } catch (error) {
      throw toSinkRequestError(error, `bulk of ${items.length} documents`);
    }
  }

  async putIndexTemplate(name: string, template: IndexTemplate): Promise<void> {
    try {
      await this.client.indices.putIndexTemplate({
        name,
        body: toIndexTemplateBody(template),
      } as Parameters<Client['indices']['putIndexTemplate']>[0]);
    } catch (error) {
      throw toSinkRequestError(error, `installing the index template ${name}`);
    }
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    try {
      const { body } = await this.client.search({
        index: request.index,
        body: toSearchBody(request),
      } as Parameters<Client['search']>[0]);
      return toSearchResponse(body);
    } catch (error) {
      throw toSinkRequestError(error, `search in ${request.index}`);
    }
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
