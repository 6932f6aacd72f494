import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { RequestMetrics } from '../observability/request-metrics.js';
import type { DiscoveryHandler } from './discovery-handler.js';
import { toApiError } from './api-error-filter.js';
import { parseApiPath } from './request-info.js';
import type { ResourceHandler } from './resource-handler.js';
import { writeError } from './response-writer.js';

/** Everything under /api and /apis: discovery documents or resource requests, measured either way. */
export class ApiRequestHandler {
  constructor(
    private readonly discovery: DiscoveryHandler,
    private readonly resources: ResourceHandler,
    private readonly metrics: RequestMetrics,
    private readonly logger: Logger,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = process.hrtime.bigint();
    const labels = { verb: 'get', group: '', resource: '', subresource: '' };
    try {
      const url = new URL(req.url ?? '/', 'https://apiserver.invalid');
      const path = parseApiPath(url.pathname);
      if (path.kind === 'discovery') {
        this.discovery.handle(req, res, url.pathname);
      } else {
        const { info } = path;
        Object.assign(labels, {
          verb: this.resources.verbOf(req.method ?? 'GET', info, url.searchParams),
          group: info.group,
          resource: info.resource,
          subresource: info.subresource ?? '',
        });
        if (labels.verb === 'watch')
          await this.watch(info.group, info.resource, () => this.resources.handle(req, res, info, url.searchParams));
        else await this.resources.handle(req, res, info, url.searchParams);
      }
    } catch (error) {
      writeError(res, toApiError(error, this.logger));
    } finally {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      this.metrics.observe(labels, res.statusCode, seconds);
      this.logger.debug({ method: req.method, url: req.url, code: res.statusCode, seconds }, 'request');
    }
  }

  private async watch(group: string, resource: string, run: () => Promise<void>): Promise<void> {
    this.metrics.watchOpened(group, resource);
    try {
      await run();
    } finally {
      this.metrics.watchClosed(group, resource);
    }
  }
}
