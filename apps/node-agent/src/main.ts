import { Registry, collectDefaultMetrics } from 'prom-client';
import { connectionFromKubeconfig, createApiClient } from '#client';
import { createLogger, startHealthServer, exitOnSignals, runMain } from '#observability';
import { searchFromEnv } from '#search';
import { createRuntime } from './config/create-runtime.js';
import { loadNodeAgentConfig } from './config/node-agent-config.js';
import { startLogShipping } from './logging/start-log-shipping.js';
import { startNodeMetrics } from './metrics/start-metrics.js';
import { NodeAgent } from './node-agent.js';
import { startKubeletServer } from './server/start-kubelet-server.js';

const logger = createLogger('node-agent');

async function main(): Promise<void> {
  const config = loadNodeAgentConfig();
  const connection = connectionFromKubeconfig(config.kubeconfigPath);
  const client = createApiClient(connection);
  const runtime = await createRuntime(config, logger);
  const agent = new NodeAgent(config, client, runtime, logger);
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const health = await startHealthServer({
    registry,
    port: config.healthPort,
    host: config.healthBindAddress,
    ready: () => agent.pods.hasSynced() || 'pod informer not synced',
  });
  await agent.start();
  const metrics = await startNodeMetrics({
    nodeName: config.nodeName,
    rootDir: config.rootDir,
    intervalSeconds: config.metricsIntervalSeconds,
    runtime,
    pods: agent.pods,
    registry,
    logger,
    // Connects in the background: pods run whatever the engine's state; samples wait in a bounded queue.
    search: searchFromEnv({
      pipeline: 'metrics',
      registry,
      logger,
      onRetry: (event) => logger.warn(event, 'metric delivery retrying'),
    }),
  });
  const logShipping = await startLogShipping({
    config: config.logging,
    nodeName: config.nodeName,
    pods: agent.pods,
    registry,
    logger,
  });
  const kubelet = await startKubeletServer({
    config,
    connection,
    client,
    runtime,
    pods: agent.pods,
    logger,
    metrics: metrics.sampler,
  });

  // The kubelet leaves containers running when it exits; a restarted agent adopts them.
  exitOnSignals(
    logger,
    async () => {
      kubelet?.close();
      await metrics.stop();
      await logShipping?.stop();
      await agent.stop();
      client.close();
      health.close();
    },
    'stopping the node agent; pods keep running',
  );
}

runMain(logger, 'node agent', main);
