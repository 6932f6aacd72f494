import { Controller, Get, Header, Query, Req, Res } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HealthChecks } from '../observability/health-checks.js';
import { RequestMetrics } from '../observability/request-metrics.js';
import { DiscoveryDocuments } from '../discovery/index.js';
import { writeDocument } from './document-writer.js';

/** /version, health endpoints and Prometheus metrics. */
@Controller()
export class SystemController {
  constructor(
    private readonly health: HealthChecks,
    private readonly metrics: RequestMetrics,
    private readonly discovery: DiscoveryDocuments,
  ) {}

  @Get('version')
  version(@Req() req: IncomingMessage, @Res() res: ServerResponse): void {
    writeDocument(res, this.discovery.respond('/version', req.headers.accept, req.headers['if-none-match'])!);
  }

  @Get(['healthz', 'livez'])
  @Header('Content-Type', 'text/plain; charset=utf-8')
  live(): string {
    return 'ok';
  }

  /** kube-apiserver's format: "ok", or with ?verbose one line per check. */
  @Get('readyz')
  async ready(@Query('verbose') verbose: string | undefined, @Res() res: ServerResponse): Promise<void> {
    const results = await this.health.readiness();
    const healthy = results.every((r) => r.ok);
    const lines = results.map((r) => (r.ok ? `[+]${r.name} ok` : `[-]${r.name} failed: ${r.reason}`));
    const body =
      verbose !== undefined || !healthy ? `${lines.join('\n')}\nreadyz check ${healthy ? 'passed' : 'failed'}\n` : 'ok';
    res.writeHead(healthy ? 200 : 500, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(body);
  }

  @Get('metrics')
  async prometheus(@Res() res: ServerResponse): Promise<void> {
    const text = await this.metrics.registry.metrics();
    res.writeHead(200, { 'Content-Type': this.metrics.registry.contentType });
    res.end(text);
  }
}
