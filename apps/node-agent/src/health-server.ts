import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

/** /healthz and /readyz (`ready()`), /metrics (Prometheus) on the agent's plain HTTP health port. */
export function startHealthServer(
  registry: Registry,
  ready: () => boolean,
  port: number,
  host: string,
): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz' || path === '/readyz') {
      res.statusCode = ready() ? 200 : 503;
      return void res.end(res.statusCode === 200 ? 'ok' : 'pod informer not synced');
    }
    if (path === '/metrics') {
      void registry.metrics().then(
        (body) => {
          res.setHeader('Content-Type', registry.contentType);
          res.end(body);
        },
        () => {
          res.statusCode = 500;
          res.end();
        },
      );
      return;
    }
    res.statusCode = 404;
    res.end('not found');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
