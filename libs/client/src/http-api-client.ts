import { Agent, request as httpsRequest, type RequestOptions } from 'node:https';
import type { IncomingMessage } from 'node:http';
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

/**
 * ApiClient over node:https with one keep-alive pool per client: a component's requests
 * share a handful of TLS connections instead of a handshake each.
 */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE']);

type StaleSocketError = NodeJS.ErrnoException & { staleSocket?: boolean };

export class HttpApiClient implements ApiClient {
  /** The connection pool; exposed so tests and diagnostics can observe it. */
  readonly agent: Agent;
  private readonly host: string;
  private readonly port: number;
  private readonly basePath: string;
  private readonly headers: Record<string, string>;

  constructor(
    connection: ClusterConnection,
    private readonly options: HttpApiClientOptions = {},
  ) {
    const url = new URL(connection.server);
    if (url.protocol !== 'https:') throw new Error(`apiserver must be https, got ${connection.server}`);
    this.host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    this.port = url.port ? Number(url.port) : 443;
    this.basePath = url.pathname.replace(/\/+$/, '');
    // Idle sockets are dropped after a minute, well before the apiserver's two-minute keep-alive.
    this.agent = new Agent({
      keepAlive: true,
      maxSockets: options.maxSockets ?? 32,
      ca: connection.caPem,
      timeout: 60_000,
    });
    this.headers = {
      Authorization: `Bearer ${connection.token}`,
      Accept: 'application/json',
      'User-Agent': options.userAgent ?? 'kubenest-client',
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
    let response: IncomingMessage;
    try {
      response = await this.open({ verb: 'watch', type, method: 'GET', path }, signal);
    } catch (error) {
      if (signal?.aborted) return;
      throw error;
    }
    try {
      yield* parseWatchStream<T>(response, this.options.maxWatchLineBytes);
    } catch (error) {
      if (signal?.aborted) return;
      throw error;
    } finally {
      // Ending early (abort, consumer break) drops this connection: its body is unfinished.
      if (!response.complete) response.destroy();
    }
  }

  close(): void {
    this.agent.destroy();
  }

  private async json<T>(call: Call): Promise<T> {
    const reply = await this.call(call);
    return (reply.text ? JSON.parse(reply.text) : undefined) as T;
  }

  /** Sends a request and reads the whole reply; non-2xx statuses not in `accept` throw ApiError. */
  private async call(call: Call, accept: number[] = []): Promise<Reply> {
    const response = await this.open(call, undefined, accept);
    const chunks: Buffer[] = [];
    for await (const chunk of response) chunks.push(chunk as Buffer);
    return { status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') };
  }

  /**
   * Resolves with the response once its headers arrive and the status is 2xx (or accepted);
   * otherwise reads the Status body and throws it as ApiError. Network errors reject as-is.
   */
  private async open(call: Call, signal?: AbortSignal, accept: number[] = []): Promise<IncomingMessage> {
    try {
      return await this.openOnce(call, signal, accept);
    } catch (error) {
      // A pooled socket the server closed as idle just as we reused it: the request never
      // reached the server, so an idempotent one is sent again on a fresh connection.
      if (!(error as StaleSocketError).staleSocket || !IDEMPOTENT.has(call.method)) throw error;
      return this.openOnce(call, signal, accept);
    }
  }

  private openOnce(call: Call, signal?: AbortSignal, accept: number[] = []): Promise<IncomingMessage> {
    const started = performance.now();
    const resource = call.subresource ? `${call.type.resource}/${call.subresource}` : call.type.resource;
    const metrics = this.options.metrics;
    const observe = (code: string) => {
      metrics?.requests.inc({ verb: call.verb, resource, code });
      metrics?.requestDuration.observe({ verb: call.verb, resource }, (performance.now() - started) / 1000);
    };
    const payload = call.body === undefined ? undefined : Buffer.from(JSON.stringify(call.body));
    const headers: Record<string, string | number> = { ...this.headers };
    if (payload) {
      headers['Content-Type'] = call.contentType ?? 'application/json';
      headers['Content-Length'] = payload.length;
    }
    const options: RequestOptions = {
      agent: this.agent,
      host: this.host,
      port: this.port,
      method: call.method,
      path: this.basePath + call.path,
      headers,
      signal,
    };
    return new Promise<IncomingMessage>((resolve, reject) => {
      const req = httpsRequest(options, (response) => {
        const status = response.statusCode ?? 0;
        if ((status >= 200 && status < 300) || accept.includes(status)) {
          if (call.verb === 'watch') observe(String(status));
          else response.once('end', () => observe(String(status)));
          resolve(response);
          return;
        }
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.once('end', () => {
          observe(String(status));
          reject(apiErrorFromResponse(status, Buffer.concat(chunks).toString('utf8')));
        });
        response.once('error', reject);
      });
      req.once('error', (error: StaleSocketError) => {
        observe('error');
        if (req.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) error.staleSocket = true;
        reject(error);
      });
      if (call.verb === 'watch') {
        // A watch may sit silent for minutes; TCP keep-alive probes find a peer that vanished.
        req.once('socket', (socket) => socket.setKeepAlive(true, 30_000));
      } else {
        const timeoutMs = this.options.requestTimeoutMs ?? 60_000;
        req.setTimeout(timeoutMs, () =>
          req.destroy(new Error(`${call.method} ${call.path}: no reply in ${timeoutMs} ms`)),
        );
      }
      req.end(payload);
    });
  }
}

function writeParams(query: WriteQuery): string {
  return queryString({ dryRun: query.dryRun ? 'All' : undefined, fieldManager: query.fieldManager });
}
