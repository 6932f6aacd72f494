import { Pool, errors as undiciErrors, type Dispatcher } from 'undici';
import type { KubeList, KubeObject, ResourceType, WatchEvent } from '#api';
import type {
  ApiClient,
  ClusterConnection,
  DeleteQuery,
  ListQuery,
  PatchType,
  WatchQuery,
  WriteQuery,
} from './api-client.js';
import { apiErrorFromResponse } from './api-error-from-response.js';
import type { HttpApiClientOptions } from './http-api-client-options.js';
import { parseWatchStream } from './parse-watch-stream.js';
import { queryString } from './query-string.js';
import { resourcePath } from './resource-path.js';

const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
};

interface Call {
  verb: string;
  type: ResourceType;
  subresource?: string;
  method: string;
  path: string;
  body?: unknown;
  contentType?: string;
}

interface Reply {
  status: number;
  text: string;
}

/** Methods that may be sent again when the connection broke before any reply. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

type Response = Dispatcher.ResponseData;

/**
 * ApiClient on undici's connection pool: a component's requests share a handful of
 * keep-alive TLS connections instead of a handshake each, and each request costs the client
 * about half the CPU node:https takes (an informer, a binding or an Event write is made of
 * many small requests).
 */
export class HttpApiClient implements ApiClient {
  /** The connection pool; exposed so tests and diagnostics can observe it. */
  readonly pool: Pool;
  private readonly basePath: string;
  private readonly headers: Record<string, string>;
  private readonly requestTimeoutMs: number;

  constructor(
    connection: ClusterConnection,
    private readonly options: HttpApiClientOptions = {},
  ) {
    const url = new URL(connection.server);
    if (url.protocol !== 'https:') throw new Error(`apiserver must be https, got ${connection.server}`);
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
    // Idle connections are dropped after a minute, well before the apiserver's two-minute
    // keep-alive; TCP keep-alive probes find a peer that vanished under a silent watch.
    this.pool = new Pool(url.origin, {
      connections: options.maxSockets ?? 32,
      keepAliveTimeout: 60_000,
      keepAliveMaxTimeout: 60_000,
      connect: { ca: connection.caPem, keepAlive: true, keepAliveInitialDelay: 30_000 },
    });
    this.headers = {
      authorization: `Bearer ${connection.token}`,
      accept: 'application/json',
      'user-agent': options.userAgent ?? 'kubenest-client',
    };
  }

  async get<T extends KubeObject>(type: ResourceType, namespace: string | undefined, name: string) {
    const path = resourcePath(type, namespace, name);
    const reply = await this.call({ verb: 'get', type, method: 'GET', path }, [404]);
    return reply.status === 404 ? undefined : (JSON.parse(reply.text) as T);
  }

  async list<T extends KubeObject>(type: ResourceType, query: ListQuery = {}) {
    const path =
      resourcePath(type, query.namespace) +
      queryString({
        labelSelector: query.labelSelector,
        fieldSelector: query.fieldSelector,
        limit: query.limit,
        continue: query.continue,
        resourceVersion: query.resourceVersion,
      });
    return this.json<KubeList<T>>({ verb: 'list', type, method: 'GET', path });
  }

  create<T extends KubeObject>(type: ResourceType, obj: T, query: WriteQuery = {}) {
    const path = resourcePath(type, obj.metadata.namespace ?? 'default') + writeParams(query);
    return this.json<T>({ verb: 'create', type, method: 'POST', path, body: obj });
  }

  update<T extends KubeObject>(type: ResourceType, obj: T, query: WriteQuery = {}) {
    const { namespace, name = '' } = obj.metadata;
    const path = resourcePath(type, namespace ?? 'default', name, query.subresource) + writeParams(query);
    return this.json<T>({ verb: 'update', type, subresource: query.subresource, method: 'PUT', path, body: obj });
  }

  patch<T extends KubeObject>(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    patch: unknown,
    patchType: PatchType,
    query: WriteQuery = {},
  ) {
    const path = resourcePath(type, namespace, name, query.subresource) + writeParams(query);
    const contentType = PATCH_CONTENT_TYPES[patchType];
    const call = {
      verb: 'patch',
      type,
      subresource: query.subresource,
      method: 'PATCH',
      path,
      body: patch,
      contentType,
    };
    return this.json<T>(call);
  }

  async delete(type: ResourceType, namespace: string | undefined, name: string, query: DeleteQuery = {}) {
    const options = Object.keys(query).length ? { kind: 'DeleteOptions', apiVersion: 'v1', ...query } : undefined;
    const path = resourcePath(type, namespace, name);
    await this.call({ verb: 'delete', type, method: 'DELETE', path, body: options });
  }

  postSubresource(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    subresource: string,
    body: unknown,
  ): Promise<unknown> {
    const path = resourcePath(type, namespace, name, subresource);
    return this.json<unknown>({ verb: 'create', type, subresource, method: 'POST', path, body });
  }

  async *watch<T extends KubeObject>(
    type: ResourceType,
    query: WatchQuery,
    signal?: AbortSignal,
  ): AsyncIterable<WatchEvent<T>> {
    const path =
      resourcePath(type, query.namespace) +
      queryString({
        watch: 'true',
        resourceVersion: query.resourceVersion,
        allowWatchBookmarks: query.allowWatchBookmarks,
        timeoutSeconds: query.timeoutSeconds,
        labelSelector: query.labelSelector,
        fieldSelector: query.fieldSelector,
      });
    if (signal?.aborted) return;
    let response: Response;
    try {
      response = await this.openWatch({ verb: 'watch', type, method: 'GET', path }, signal);
    } catch (error) {
      if (signal?.aborted) return;
      throw error;
    }
    let complete = false;
    try {
      yield* parseWatchStream<T>(response.body, this.options.maxWatchLineBytes);
      complete = true;
    } catch (error) {
      if (signal?.aborted) return;
      throw error;
    } finally {
      // Ending early (abort, consumer break) drops this connection: its body is unfinished.
      if (!complete) response.body.destroy();
    }
  }

  close(): void {
    void this.pool.destroy().catch(() => undefined);
  }

  private async json<T>(call: Call): Promise<T> {
    const reply = await this.call(call);
    return (reply.text ? JSON.parse(reply.text) : undefined) as T;
  }

  /** Sends a request and reads the whole reply; non-2xx statuses not in `accept` throw ApiError. */
  private async call(call: Call, accept: number[] = []): Promise<Reply> {
    return this.retryingStaleConnection(call, undefined, async () => {
      const observe = this.observer(call);
      const response = await this.send(call, undefined, observe);
      const text = await response.body.text();
      observe(String(response.statusCode));
      if (isSuccess(response.statusCode) || accept.includes(response.statusCode)) {
        return { status: response.statusCode, text };
      }
      throw apiErrorFromResponse(response.statusCode, text);
    });
  }

  /** Resolves with a watch's response once its headers arrive with a 2xx; otherwise throws the Status as ApiError. */
  private openWatch(call: Call, signal?: AbortSignal): Promise<Response> {
    return this.retryingStaleConnection(call, signal, async () => {
      const observe = this.observer(call);
      const response = await this.send(call, signal, observe);
      observe(String(response.statusCode));
      if (isSuccess(response.statusCode)) return response;
      throw apiErrorFromResponse(response.statusCode, await response.body.text());
    });
  }

  /**
   * A pooled connection the server closed just as it was reused: the request never got a
   * reply, so an idempotent one is sent again (undici opens a fresh connection).
   */
  private async retryingStaleConnection<R>(call: Call, signal: AbortSignal | undefined, send: () => Promise<R>) {
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof undiciErrors.SocketError) || !IDEMPOTENT.has(call.method) || signal?.aborted) throw error;
      return send();
    }
  }

  private send(call: Call, signal: AbortSignal | undefined, observe: (code: string) => void): Promise<Response> {
    const payload = call.body === undefined ? undefined : JSON.stringify(call.body);
    const headers = payload
      ? { ...this.headers, 'content-type': call.contentType ?? 'application/json' }
      : this.headers;
    return this.pool
      .request({
        method: call.method as Dispatcher.HttpMethod,
        path: this.basePath + call.path,
        headers,
        body: payload,
        signal,
        // A watch may sit silent for minutes; any other reply must keep coming.
        headersTimeout: this.requestTimeoutMs,
        bodyTimeout: call.verb === 'watch' ? 0 : this.requestTimeoutMs,
      })
      .catch((error: unknown) => {
        observe('error');
        throw error;
      });
  }

  private observer(call: Call): (code: string) => void {
    const metrics = this.options.metrics;
    if (!metrics) return () => undefined;
    const started = performance.now();
    const resource = call.subresource ? `${call.type.resource}/${call.subresource}` : call.type.resource;
    return (code) => {
      metrics.requests.inc({ verb: call.verb, resource, code });
      metrics.requestDuration.observe({ verb: call.verb, resource }, (performance.now() - started) / 1000);
    };
  }
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

function writeParams(query: WriteQuery): string {
  return queryString({ dryRun: query.dryRun ? 'All' : undefined, fieldManager: query.fieldManager });
}
