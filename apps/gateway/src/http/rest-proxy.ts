import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { request } from 'node:https';
import type { ApiserverConnection } from '../upstream/apiserver-connection.js';

/** Hop-by-hop headers (RFC 9110 7.6.1) are the proxy's own business, never forwarded. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
]);

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const kept: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (!HOP_BY_HOP.has(name)) kept[name] = value;
  return kept;
}

/** Whether the gateway proxies this path: the Kubernetes API groups, /api/** and /apis/**. */
export function isApiPath(url: string): boolean {
  const path = url.split('?')[0];
  return path === '/api' || path === '/apis' || path.startsWith('/api/') || path.startsWith('/apis/');
}

/**
 * /api/** and /apis/** to the apiserver, as `kubectl proxy` forwards them but with the
 * caller's own Authorization header passed through unchanged (the gateway adds no identity
 * of its own). Bodies are piped both ways, so watches and `log?follow=true` stream, and a
 * client that goes away closes the upstream request.
 */
export function restProxy(apiserver: ApiserverConnection) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    if (!isApiPath(req.url ?? '/')) return next();
    const upstream = request(
      {
        agent: apiserver.agent,
        host: apiserver.host,
        port: apiserver.port,
        method: req.method,
        path: req.url,
        headers: endToEnd(req.headers),
      },
      (reply) => {
        res.writeHead(reply.statusCode ?? 502, endToEnd(reply.headers));
        // Streams (watch, follow) must reach the browser as they come, not when a buffer fills.
        res.flushHeaders();
        reply.pipe(res);
      },
    );
    upstream.once('error', (error) => {
      if (res.headersSent) return res.destroy(error);
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: `the gateway could not reach the apiserver: ${error.message}`,
          reason: 'ServiceUnavailable',
          code: 502,
        }),
      );
    });
    res.once('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  };
}
