import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { Agent, request } from 'node:https';
import { apiErrorFromResponse, type ClusterConnection } from '#client';

export interface UpstreamRequest {
  method?: string;
  /** Path and query, e.g. /api/v1/pods?watch=true. */
  path: string;
  /** Whose bearer token to present; the gateway's own when absent. */
  token?: string;
  headers?: IncomingHttpHeaders;
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * The apiserver as the gateway reaches it: one keep-alive TLS pool, verified with the
 * cluster CA, shared by shared watches, token reviews, per-client streams and the REST proxy.
 */
export class ApiserverConnection {
  readonly agent: Agent;
  readonly host: string;
  readonly port: number;

  constructor(readonly cluster: ClusterConnection) {
    const url = new URL(cluster.server);
    if (url.protocol !== 'https:') throw new Error(`apiserver must be https, got ${cluster.server}`);
    this.host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    this.port = url.port ? Number(url.port) : 443;
    // Every subscriber's stream is its own long request: the pool must not cap them.
    this.agent = new Agent({ keepAlive: true, maxSockets: Infinity, ca: cluster.caPem, timeout: 60_000 });
  }

  /** The response once its headers arrive, whatever its status; network errors reject. */
  open(req: UpstreamRequest): Promise<IncomingMessage> {
    const payload = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body));
    const headers: IncomingHttpHeaders = {
      accept: 'application/json',
      'user-agent': 'kubenest-gateway',
      ...req.headers,
      authorization: `Bearer ${req.token ?? this.cluster.token}`,
    };
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(payload.length);
    }
    return new Promise((resolve, reject) => {
      const outgoing = request(
        {
          agent: this.agent,
          host: this.host,
          port: this.port,
          method: req.method ?? 'GET',
          path: req.path,
          headers,
          signal: req.signal,
        },
        resolve,
      );
      outgoing.once('error', reject);
      // Streams (watch, log follow) may idle for minutes; keep-alive probes find a vanished peer.
      outgoing.once('socket', (socket) => socket.setKeepAlive(true, 30_000));
      outgoing.end(payload);
    });
  }

  /** A 2xx response, or the ApiError its Status body describes. */
  async openOk(req: UpstreamRequest): Promise<IncomingMessage> {
    const response = await this.open(req);
    const status = response.statusCode ?? 0;
    if (status >= 200 && status < 300) return response;
    throw apiErrorFromResponse(status, await readText(response));
  }

  async json<T>(req: UpstreamRequest): Promise<T> {
    return JSON.parse(await readText(await this.openOk(req))) as T;
  }

  close(): void {
    this.agent.destroy();
  }
}

async function readText(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
