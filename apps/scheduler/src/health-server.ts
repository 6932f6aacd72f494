import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

/** /healthz (process alive), /readyz (`ready()`), /metrics (Prometheus) on a small HTTP port. */
export function startHealthServer(
  registry: Registry,
  ready: () => boolean,
  port: number,
  host: string,
): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') return void res.end('ok');
    if (path === '/readyz') {
      res.statusCode = ready() ? 200 : 503;
      return void res.end(res.statusCode === 200 ? 'ok' : 'informers not synced');
    }
    if (path === '/metrics') {
      registry
        .metrics()
        .then((body) => {
          res.setHeader('Content-Type', registry.contentType);
          res.end(body);
        })
        .catch(() => {
          res.statusCode = 500;
          res.end();
        });
      return;
    }
    res.statusCode = 404;
    res.end('not found');
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}
