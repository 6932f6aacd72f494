import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

/** A check's verdict: true, or the reason it fails (the body of the 503). */
export type CheckResult = true | string;

export interface HealthServerOptions {
  registry: Registry;
  port: number;
  host: string;
  /** /healthz: fails when the process should be restarted. Always passes when absent. */
  live?: () => CheckResult;
  /** /readyz: fails until the component can do its work. */
  ready: () => CheckResult;
}

/**
 * The plain-HTTP health port of a component (controller-manager, scheduler, node agent):
 * /healthz, /readyz and Prometheus /metrics, as Kubernetes components serve them.
 */
export function startHealthServer(options: HealthServerOptions): Promise<Server> {
  const { registry } = options;
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const answer = (result: CheckResult) => {
      res.statusCode = result === true ? 200 : 503;
      res.end(result === true ? 'ok' : result);
    };
    if (path === '/healthz' || path === '/livez') return answer(options.live?.() ?? true);
    if (path === '/readyz') return answer(options.ready());
    if (path === '/metrics') {
      registry.metrics().then(
        (body) => {
          res.setHeader('Content-Type', registry.contentType);
          res.end(body);
        },
        () => answer('metrics could not be collected'),
      );
      return;
    }
    res.statusCode = 404;
    res.end('not found');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve(server));
  });
}
