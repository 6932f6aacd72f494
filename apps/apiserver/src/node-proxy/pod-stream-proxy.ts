import type { IncomingMessage } from 'node:http';
import { request } from 'node:https';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { ApiError, builtinResource } from '#api';
import type { Store } from '#store';
import type { TokenAuthenticator } from '../security/index.js';
import type { NodeAgentClient } from './node-agent-client.js';
import { nodeEndpointOf } from './node-endpoint.js';
import { containerOf } from './pod-container.js';

const PODS = builtinResource('pods');
const STREAM_PATH = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/(exec|attach|portforward)$/;
/** Hop-by-hop and identity headers that must not reach the node agent as the client sent them. */
const DROPPED_HEADERS = new Set(['host', 'authorization', 'content-length']);

/**
 * Upgraded (WebSocket) requests for pods/exec, pods/attach and pods/portforward: the
 * apiserver authenticates the client, finds the pod's node agent, and splices the client's
 * connection to the agent's /exec, /attach or /portForward, as kube-apiserver proxies them to
 * the kubelet. The streaming protocol (v5.channel.k8s.io ...) is between kubectl and the agent.
 */
export class PodStreamProxy {
  constructor(
    private readonly store: Store,
    private readonly authenticator: TokenAuthenticator,
    private readonly agents: NodeAgentClient,
    private readonly logger: Logger,
  ) {}

  async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'https://apiserver.invalid');
      const match = STREAM_PATH.exec(url.pathname);
      if (!match)
        throw new ApiError(
          404,
          'NotFound',
          `the server could not find the requested resource (path ${url.pathname})`,
          {},
        );
      if (!this.authenticator.authenticate(req.headers.authorization)) throw ApiError.unauthorized();
      const [, namespace, name, verb] = match.map(decodeURIComponent);
      const pod = await this.store.get(PODS.resource, namespace, name);
      if (!pod) throw ApiError.notFound({ kind: 'pods', name });
      const endpoint = await nodeEndpointOf(this.store, pod);
      const query = new URLSearchParams(url.searchParams);
      let path: string;
      if (verb === 'portforward') {
        path = `/portForward/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
      } else {
        const container = containerOf(pod, query.get('container'));
        query.delete('container');
        path = `/${verb}/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}/${encodeURIComponent(container)}`;
      }
      this.splice(req, socket, head, endpoint, `${path}?${query}`);
    } catch (error) {
      refuse(socket, error instanceof ApiError ? error : ApiError.internal((error as Error).message));
    }
  }

  private splice(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    endpoint: { host: string; port: number },
    path: string,
  ): void {
    const headers: Record<string, string | string[] | undefined> = {};
    for (const [key, value] of Object.entries(req.headers)) if (!DROPPED_HEADERS.has(key)) headers[key] = value;
    const upstream = request({
      host: endpoint.host,
      port: endpoint.port,
      method: req.method,
      path,
      headers: this.agents.headers(headers),
      ...this.agents.tlsOptions,
    });
    upstream.on('upgrade', (res, agentSocket, agentHead) => {
      const lines = [`HTTP/1.1 ${res.statusCode} ${res.statusMessage}`];
      for (let i = 0; i < res.rawHeaders.length; i += 2) lines.push(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}`);
      socket.write(lines.join('\r\n') + '\r\n\r\n');
      if (agentHead.length) socket.write(agentHead);
      if (head.length) agentSocket.write(head);
      agentSocket.pipe(socket).pipe(agentSocket);
      const close = () => {
        agentSocket.destroy();
        socket.destroy();
      };
      agentSocket.on('error', close);
      socket.on('error', close);
      agentSocket.on('close', close);
      socket.on('close', close);
    });
    upstream.on('response', (res) => {
      // The agent refused the upgrade: relay its answer as it is.
      const lines = [`HTTP/1.1 ${res.statusCode} ${res.statusMessage}`, 'Connection: close'];
      for (let i = 0; i < res.rawHeaders.length; i += 2) {
        if (!/^(connection|transfer-encoding)$/i.test(res.rawHeaders[i]))
          lines.push(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}`);
      }
      socket.write(lines.join('\r\n') + '\r\n\r\n');
      res.pipe(socket);
    });
    upstream.on('error', (error) => {
      this.logger.warn({ err: error, path }, 'node agent stream connection failed');
      refuse(socket, new ApiError(502, 'InternalError', `unable to reach the node agent: ${error.message}`));
    });
    upstream.end();
  }
}

/** Answers an upgrade request that will not be upgraded with a plain HTTP Status response. */
function refuse(socket: Duplex, error: ApiError): void {
  if (socket.destroyed) return;
  const body = JSON.stringify(error.toStatus());
  socket.end(
    `HTTP/1.1 ${error.code} ${error.reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
