import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import type { Logger } from 'pino';
import { jsonSchemasForOpenApi, ResourceCatalog } from '#api';
import type { Store } from '#store';
import { DiscoveryDocuments } from './discovery/index.js';
import { OpenApiDocuments } from './openapi/index.js';
import { ApiController } from './http/api.controller.js';
import { ApiErrorFilter } from './http/api-error-filter.js';
import { ApiRequestHandler } from './http/api-request-handler.js';
import { BearerAuthGuard } from './http/bearer-auth.guard.js';
import { DiscoveryHandler } from './http/discovery-handler.js';
import { OpenApiController } from './http/openapi.controller.js';
import { ResourceHandler } from './http/resource-handler.js';
import { SystemController } from './http/system.controller.js';
import { HealthChecks } from './observability/health-checks.js';
import { RequestMetrics } from './observability/request-metrics.js';
import { TokenReviewer } from './authentication/token-review.js';
import { NodeAgentClient, PodLogProxy, PodStreamProxy, type NodeAgentCredentials } from './node-proxy/index.js';
import { LogSearch, type LogSearchBackend } from './log-search/log-search.js';
import { MetricsApi } from './metrics-api/metrics-api.js';
import { NodeSummaries } from './metrics-api/node-summaries.js';
import { NamespaceLifecycle } from './registry/namespace-lifecycle.js';
import { PodBinding } from './registry/pod-binding.js';
import { ResourceRegistry } from './registry/resource-registry.js';
import { ScaleSubresource } from './registry/scale-subresource.js';
import type { TokenAuthenticator } from './security/index.js';
import type { ServiceAllocator } from './registry/services/service-allocator.js';

export interface ApiserverDependencies {
  store: Store;
  authenticator: TokenAuthenticator;
  logger: Logger;
  maxRequestBodyBytes: number;
  /** A watch without timeoutSeconds ends after a random time between this and twice this. */
  minRequestTimeoutSeconds: number;
  eventTtlSeconds: number;
  /** How the apiserver reaches node agents (logs, exec, port-forward). */
  nodeAgents: NodeAgentCredentials;
  /** host:port clients use, announced in /api discovery. */
  serverAddress: string;
  /** Services' cluster IPs and node ports. */
  serviceAllocator: ServiceAllocator;
  catalog?: ResourceCatalog;
  /** The search engine container logs are shipped to; without it, log queries answer 503. */
  logSearch?: LogSearchBackend;
  /** The registry /metrics serves; a fresh one unless given (main.ts shares it with the search connection). */
  metrics?: RequestMetrics;
}

/**
 * The apiserver's object graph, wired by hand: the registry and handlers are plain
 * classes (testable without Nest); Nest only hosts the thin controllers, the guard and
 * the error filter.
 */
@Module({})
export class ApiserverModule {
  static forRoot(deps: ApiserverDependencies): DynamicModule {
    const catalog = deps.catalog ?? new ResourceCatalog();
    const registry = new ResourceRegistry(deps.store, new NamespaceLifecycle(deps.store), {
      eventTtlSeconds: deps.eventTtlSeconds,
      serviceAllocator: deps.serviceAllocator,
    });
    const metrics = deps.metrics ?? new RequestMetrics();
    const agents = new NodeAgentClient(deps.nodeAgents);
    const resources = new ResourceHandler(
      catalog,
      registry,
      new ScaleSubresource(registry),
      new PodBinding(registry),
      new PodLogProxy(deps.store, agents),
      new TokenReviewer(deps.authenticator),
      { maxRequestBodyBytes: deps.maxRequestBodyBytes, minRequestTimeoutSeconds: deps.minRequestTimeoutSeconds },
      new MetricsApi(
        registry,
        new NodeSummaries(agents, (node, err) => deps.logger.warn({ node, err }, 'no metrics from the node agent')),
      ),
      new LogSearch(deps.logSearch),
    );
    const discovery = new DiscoveryDocuments(catalog, { serverAddress: deps.serverAddress });
    const openapi = new OpenApiDocuments(catalog, jsonSchemasForOpenApi());
    if (openapi.missingDefinitions.length > 0) {
      deps.logger.warn(
        { missing: openapi.missingDefinitions },
        'OpenAPI definitions without a DTO are served as opaque objects',
      );
    }
    const handler = new ApiRequestHandler(new DiscoveryHandler(discovery), resources, metrics, deps.logger);
    return {
      module: ApiserverModule,
      controllers: [ApiController, OpenApiController, SystemController],
      providers: [
        { provide: ResourceRegistry, useValue: registry },
        { provide: ResourceCatalog, useValue: catalog },
        { provide: RequestMetrics, useValue: metrics },
        { provide: ApiRequestHandler, useValue: handler },
        { provide: HealthChecks, useValue: new HealthChecks(deps.store) },
        { provide: DiscoveryDocuments, useValue: discovery },
        { provide: OpenApiDocuments, useValue: openapi },
        { provide: PodStreamProxy, useValue: new PodStreamProxy(deps.store, deps.authenticator, agents, deps.logger) },
        { provide: APP_GUARD, useValue: new BearerAuthGuard(deps.authenticator) },
        { provide: APP_FILTER, useValue: new ApiErrorFilter(deps.logger) },
      ],
      exports: [ResourceRegistry, PodStreamProxy],
    };
  }
}
