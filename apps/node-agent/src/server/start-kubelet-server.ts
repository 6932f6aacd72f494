import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { createWebSocketStream, WebSocketServer } from 'ws';
import type { Pod } from '#api';
import type { ApiClient, ClusterConnection, Informer } from '#client';
import { RuntimeLabels, type ContainerRuntime } from '#runtime';
import type { NodeAgentConfig } from '../config/node-agent-config.js';
import { serveContainerLogs } from './container-logs.js';
import { runExecSession } from './exec-session.js';
import { findContainer, KubeletRequestError } from './find-container.js';
import { runPortForwardSession } from './port-forward-session.js';
import { servePortForwardOverSpdy, SPDY_TUNNEL_PROTOCOL } from './spdy-port-forward.js';
import { TokenAuthenticator } from './token-authenticator.js';
import { PROMETHEUS_TEXT, resourceMetricsText } from '../metrics/resource-metrics-text.js';
import type { Summary } from '../metrics/stats-summary.js';

export interface KubeletServerDeps {
  config: NodeAgentConfig;
  connection: ClusterConnection;
  client: ApiClient;
  runtime: ContainerRuntime;
  pods: Informer<Pod>;
  logger: Logger;
  /** The newest metrics sample, for /stats/summary and /metrics/resource. */
  metrics?: { latest(): Summary | undefined };
}

const EXEC_PROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
const PORT_FORWARD_PROTOCOLS = [SPDY_TUNNEL_PROTOCOL, 'portforward.k8s.io', 'v4.channel.k8s.io'];

/**
 * The kubelet's HTTPS API that the apiserver proxies to: GET /containerLogs/{ns}/{pod}/{c},
 * WebSocket /exec/{ns}/{pod}/{c} and /portForward/{ns}/{pod}, /healthz, and the resource
 * metrics: GET /stats/summary (JSON) and /metrics/resource (Prometheus text). Callers present a
 * bearer token (TokenReview, system:masters). Without a serving certificate it is not started.
 */
export async function startKubeletServer(deps: KubeletServerDeps): Promise<Server | undefined> {
  const { config, logger } = deps;
  if (!config.kubeletCertPath || !config.kubeletKeyPath) {
    logger.warn('KUBENEST_KUBELET_CERT/KEY not set: the kubelet API (logs, exec, port-forward) is not served');
    return undefined;
  }
  const auth = new TokenAuthenticator(deps.connection);
  const server = createServer({
    cert: readFileSync(config.kubeletCertPath),
    key: readFileSync(config.kubeletKeyPath),
  });
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => [...EXEC_PROTOCOLS, ...PORT_FORWARD_PROTOCOLS].find((p) => offered.has(p)) ?? false,
  });

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const denied = await auth.check(req.headers.authorization);
      if (denied) return fail(res, denied.code, denied.message);
      const url = new URL(req.url ?? '/', 'https://kubelet');
      const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      if (parts[0] === 'healthz') return void res.end('ok');
      if (url.pathname === '/metrics/resource' && req.method === 'GET') {
        res.writeHead(200, { 'Content-Type': PROMETHEUS_TEXT });
        return void res.end(resourceMetricsText(deps.metrics?.latest()));
      }
      if (url.pathname === '/stats/summary' && req.method === 'GET') {
        const summary = deps.metrics?.latest();
        if (!summary) return fail(res, 503, 'no metrics sample yet');
        res.writeHead(200, { 'Content-Type': 'application/json' });
        return void res.end(JSON.stringify(summary));
      }
      if (parts[0] === 'containerLogs' && parts.length === 4 && req.method === 'GET') {
        return serveContainerLogs(deps.pods, deps.runtime, parts.slice(1), url.searchParams, res);
      }
      fail(res, 404, 'not found');
    })().catch((error: unknown) => {
      const code = error instanceof KubeletRequestError ? error.code : 500;
      fail(res, code, (error as Error).message);
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    void (async () => {
      const denied = await auth.check(req.headers.authorization);
      if (denied) throw new KubeletRequestError(denied.code, denied.message);
      const url = new URL(req.url ?? '/', 'https://kubelet');
      const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
      if (parts[0] === 'exec' && parts.length === 4) {
        const { instances } = await findContainer(deps.pods, deps.runtime, parts[1], parts[2], parts[3]);
        if (instances.current?.state !== 'running') {
          throw new KubeletRequestError(400, `container ${parts[3]} is not running`);
        }
        const id = instances.current.id;
        wss.handleUpgrade(req, socket, head, (ws) => void runExecSession(ws, deps.runtime, id, url.searchParams));
        return;
      }
      if (parts[0] === 'portForward' && parts.length === 3) {
        const pod = deps.pods.get(parts[1], parts[2]);
        if (!pod) throw new KubeletRequestError(404, `pod ${parts[1]}/${parts[2]} not found`);
        const sandbox = (await deps.runtime.listSandboxes()).find(
          (s) => s.labels[RuntimeLabels.podUid] === pod.metadata.uid && s.state === 'ready',
        );
        if (!sandbox) throw new KubeletRequestError(400, `pod ${parts[2]} has no running sandbox`);
        // kubectl 1.31+ first tunnels SPDY through a WebSocket, and falls back to a plain SPDY/3.1
        // upgrade when that is refused; either way the ports are in SPDY stream headers.
        if (/^spdy\/3\.1$/i.test(req.headers.upgrade ?? '')) {
          socket.write(
            'HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n' +
              'X-Stream-Protocol-Version: portforward.k8s.io\r\n\r\n',
          );
          if (head.length) socket.unshift(head);
          servePortForwardOverSpdy(socket, deps.runtime, sandbox.id, parts[2]);
          return;
        }
        if (offeredProtocols(req).includes(SPDY_TUNNEL_PROTOCOL)) {
          wss.handleUpgrade(req, socket, head, (ws) =>
            servePortForwardOverSpdy(createWebSocketStream(ws), deps.runtime, sandbox.id, parts[2]),
          );
          return;
        }
        const ports = url.searchParams.getAll('port').map(Number);
        if (ports.length === 0 || ports.some((p) => !Number.isInteger(p) || p < 1 || p > 65535)) {
          throw new KubeletRequestError(400, 'query parameter "port" must name one or more ports');
        }
        wss.handleUpgrade(req, socket, head, (ws) => void runPortForwardSession(ws, deps.runtime, sandbox.id, ports));
        return;
      }
      throw new KubeletRequestError(404, 'not found');
    })().catch((error: unknown) => {
      const code = error instanceof KubeletRequestError ? error.code : 500;
      const message = (error as Error).message;
      socket.end(
        `HTTP/1.1 ${code} ${code === 404 ? 'Not Found' : 'Error'}\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(message)}\r\nConnection: close\r\n\r\n${message}`,
      );
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.kubeletPort, config.kubeletBindAddress, () => resolve());
  });
  logger.info({ address: `https://${config.kubeletBindAddress}:${config.kubeletPort}` }, 'kubelet API serving');
  return server;
}

function offeredProtocols(req: IncomingMessage): string[] {
  return (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
}

function fail(res: ServerResponse, code: number, message: string): void {
  if (res.headersSent) return void res.end();
  res.writeHead(code, { 'Content-Type': 'text/plain' });
  res.end(message);
}
