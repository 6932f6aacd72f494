import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { connectionFromKubeconfig } from '#client';
import { createLogger, exitOnSignals, NestPinoLogger, runMain } from '#observability';
import { TokenReviewAuthenticator } from './auth/token-review-authenticator.js';
import { loadGatewayConfig } from './config/gateway-config.js';
import { GatewayModule } from './gateway.module.js';
import { serveDashboard } from './http/dashboard-files.js';
import { healthRoutes } from './http/health-routes.js';
import { restProxy } from './http/rest-proxy.js';
import { GatewayMetrics } from './observability/gateway-metrics.js';
import { SessionRegistry } from './session/session-registry.js';
import { ApiserverConnection } from './upstream/apiserver-connection.js';
import { ResourceResolver } from './upstream/resource-resolver.js';
import { FanoutRegistry } from './watch/fanout-registry.js';
import { SharedWatchPool } from './watch/shared-watch-pool.js';

const logger = createLogger('gateway');

/** An unused shared watch lingers this long, so clients that reconnect soon resume from memory. */
const SHARED_WATCH_LINGER_MS = 60_000;

async function main(): Promise<void> {
  const config = loadGatewayConfig();
  logger.level = config.logLevel;
  const apiserver = new ApiserverConnection(connectionFromKubeconfig(config.kubeconfigPath));
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const metrics = new GatewayMetrics(registry);
  const resolver = new ResourceResolver(apiserver);
  // Fails the start (exit 1, a clear message) when the apiserver cannot be reached or refuses us.
  await resolver.resolve({ resource: 'pods' });
  const pool = new SharedWatchPool(apiserver, {
    replayEvents: config.replayEvents,
    lingerMs: SHARED_WATCH_LINGER_MS,
    logger,
  });
  const sessions = new SessionRegistry({
    apiserver,
    resolver,
    pool,
    fanouts: new FanoutRegistry(config.batchIntervalMs, metrics.fanoutSeconds),
    metrics,
    logger,
    limits: { maxMessages: config.clientBufferMessages, maxBytes: config.clientBufferBytes },
    metricsIntervalMs: config.metricsIntervalSeconds * 1000,
  });
  const authenticator = new TokenReviewAuthenticator(apiserver, config.tokenCacheSeconds * 1000);

  const httpsOptions = config.tls && {
    cert: readFileSync(config.tls.certFile),
    key: readFileSync(config.tls.keyFile),
  };
  const app = await NestFactory.create<NestExpressApplication>(GatewayModule.forRoot({ sessions, authenticator }), {
    httpsOptions,
    bodyParser: false,
    logger: new NestPinoLogger(logger),
  });
  app.disable('x-powered-by');
  let stopping = false;
  app.use(healthRoutes(registry, () => (stopping ? 'shutting down' : true)));
  app.use(restProxy(apiserver));
  serveDashboard(app, config.dashboardDir);
  await app.listen(config.port, config.bindAddress);
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const host = config.bindAddress.includes(':') ? `[${config.bindAddress}]` : config.bindAddress;
  logger.info(
    { url: `${config.tls ? 'https' : 'http'}://${host}:${port}/`, dashboardDir: config.dashboardDir },
    'gateway listening',
  );

  exitOnSignals(logger, async () => {
    stopping = true;
    pool.stopAll();
    await app.close();
    apiserver.close();
  });
}

runMain(logger, 'gateway', main);
