import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';

/** /healthz, /livez, /readyz and Prometheus /metrics on the gateway's own port. */
export function healthRoutes(registry: Registry, ready: () => true | string) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const path = (req.url ?? '/').split('?')[0];
    const answer = (result: true | string) => {
      res.writeHead(result === true ? 200 : 503, { 'content-type': 'text/plain', 'cache-control': 'no-store' });
      res.end(result === true ? 'ok' : result);
    };
    if (path === '/healthz' || path === '/livez') return answer(true);
    if (path === '/readyz') return answer(ready());
    if (path !== '/metrics') return next();
    registry.metrics().then(
      (body) => {
        res.writeHead(200, { 'content-type': registry.contentType });
        res.end(body);
      },
      () => answer('metrics could not be collected'),
    );
  };
}
