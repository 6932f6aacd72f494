import type { ApiClient, ClusterConnection } from './api-client.js';
import { HttpApiClient } from './http-api-client.js';
import type { HttpApiClientOptions } from './http-api-client-options.js';

/** The ApiClient components use; tests may substitute any other ApiClient. */
export function createApiClient(connection: ClusterConnection, options: HttpApiClientOptions = {}): ApiClient {
  return new HttpApiClient(connection, options);
}
