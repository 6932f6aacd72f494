import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

export interface HealthChecks {
  /** /healthz: false when the process should be restarted (a work queue's worker lost). */
  healthy(): boolean;
  /** /readyz: false until the controllers run. */
  ready(): boolean;
}

/** /healthz, /readyz and Prometheus /metrics on a small HTTP port (127.0.0.1 by default). */
export function startHealthServer(
  registry: Registry,
  checks: HealthChecks,
  port: number,
  host: string,
): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const answer = (ok: boolean, failure: string) => {
      res.statusCode = ok ? 200 : 503;
      res.end(ok ? 'ok' : failure);
    };
    if (path === '/healthz') return answer(checks.healthy(), 'a work queue worker is not running');
    if (path === '/readyz') return answer(checks.ready(), 'controllers not started');
    if (path === '/metrics') {
      registry
        .metrics()
        .then((body) => {
          res.setHeader('Content-Type', registry.contentType);
          res.end(body);
        })
        .catch(() => answer(false, 'metrics failed'));
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
