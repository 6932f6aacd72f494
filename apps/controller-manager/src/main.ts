import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { ClientMetrics, connectionFromKubeconfig, createApiClient, InformerFactory } from '#client';
import { createLogger, startHealthServer, exitOnSignals, runMain } from '#observability';
import { searchFromEnv } from '#search';
import { connectRedis } from '#store';
import { loadControllerManagerConfig } from './config/controller-manager-config.js';
import { ControllerManager } from './controller-manager.js';
import { CONTROLLERS } from './controllers/index.js';

const logger = createLogger('controller-manager');

async function main(): Promise<void> {
  const config = loadControllerManagerConfig(
    process.env,
    CONTROLLERS.map((c) => c.name),
  );
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const clientMetrics = ClientMetrics.for(registry);
  const client = createApiClient(connectionFromKubeconfig(config.kubeconfigPath), {
    metrics: clientMetrics,
    userAgent: 'kubenest-controller-manager',
  });
  // connectRedis refuses a Redis that may evict keys: BullMQ would silently lose queued keys.
  const redis = await connectRedis(config.redisUrl, logger);
  redis.on('error', (err) => logger.warn({ err }, 'redis connection error'));
  const informers = new InformerFactory(client, { metrics: clientMetrics, logger });
  // Connects in the background: controllers run whatever the engine's state; exports wait and catch up.
  const search = searchFromEnv({
    pipeline: 'events',
    registry,
    logger,
    onRetry: (event) => logger.warn(event, 'event export retrying'),
  });
  const manager = new ControllerManager({
    client,
    informers,
    redis,
    metrics: registry,
    logger,
    settings: config.settings,
    search: search && { delivery: search.delivery, eventsIndexPrefix: search.naming.events },
  });
  const health = await startHealthServer({
    registry,
    port: config.port,
    host: config.bindAddress,
    live: () => manager.healthy() || 'a work queue worker is not running',
    ready: () => manager.ready() || 'controllers not started',
  });

  const selected = CONTROLLERS.filter((c) => !config.controllers || config.controllers.includes(c.name));
  await manager.start(selected);
  logger.info(
    {
      controllers: selected.map((c) => c.name),
      address: `http://${config.bindAddress}:${(health.address() as AddressInfo).port}`,
    },
    'controller-manager running',
  );

  exitOnSignals(logger, async () => {
    await manager.stop();
    await search?.sink.close();
    client.close();
    redis.disconnect();
    health.close();
  });
}

runMain(logger, 'controller-manager', main);
