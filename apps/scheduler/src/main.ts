import { BUILTIN_RESOURCES, type Node, type Pod } from '#api';
import { connectionFromKubeconfig, createApiClient, EventRecorder, InformerFactory } from '#client';
import { createLogger, startHealthServer, exitOnSignals, runMain } from '#observability';
import { BullWorkQueue } from '#reconcile';
import { connectRedis } from '#store';
import { Registry } from 'prom-client';
import { loadSchedulerConfig } from './config/scheduler-config.js';
import { CapacityLedger } from './ledger/capacity-ledger.js';
import { resyncLedger } from './ledger/ledger-resync.js';
import { wireScheduler } from './wire-scheduler.js';

const logger = createLogger('scheduler');
const resource = (name: string) => BUILTIN_RESOURCES.find((t) => t.group === '' && t.resource === name)!;

async function main(): Promise<void> {
  const config = loadSchedulerConfig();
  const client = createApiClient(connectionFromKubeconfig(config.kubeconfigPath));
  const redis = await connectRedis(config.redisUrl, logger);
  redis.on('error', (err) => logger.warn({ err }, 'redis connection error'));
  const registry = new Registry();
  const informers = new InformerFactory(client);
  const pods = informers.informerFor<Pod>(resource('pods'));
  const nodes = informers.informerFor<Node>(resource('nodes'));
  // Its own connection, auto-pipelined: the reservations of concurrent cycles share round trips.
  const ledgerRedis = await connectRedis(config.redisUrl, logger, { enableAutoPipelining: true });
  ledgerRedis.on('error', (err) => logger.warn({ err }, 'redis connection error'));
  const ledger = new CapacityLedger(ledgerRedis);
  const events = new EventRecorder(client, { component: 'default-scheduler', logger });
  const queue = new BullWorkQueue({
    name: 'scheduler',
    connection: redis,
    registry,
    onReconcileError: (key, err) => logger.warn({ key, err }, 'scheduling failed; retrying with backoff'),
    onError: (err) => logger.error({ err }, 'work queue error'),
  });
  const { reconciler, cache } = wireScheduler({
    client,
    pods,
    nodes,
    queue,
    ledger,
    events,
    onError: (err) => logger.warn({ err }, 'queueing pods failed'),
  });

  const health = await startHealthServer({
    registry,
    port: config.port,
    host: config.bindAddress,
    ready: () => (pods.hasSynced() && nodes.hasSynced()) || 'informers not synced',
  });
  await informers.startAll();
  await queue.run(reconciler, { concurrency: config.concurrency });
  const resync = setInterval(() => {
    resyncLedger(ledger, nodes, pods)
      .then((counts) => counts && (counts.dropped || counts.charged) && logger.info(counts, 'ledger reconciled'))
      .catch((err: unknown) => logger.warn({ err }, 'ledger resync failed'));
  }, config.ledgerResyncMs);
  const expire = setInterval(() => {
    const expired = cache.cleanupExpired();
    if (expired) logger.warn({ expired }, 'assumed pods expired: their bindings never showed up in the informer');
  }, 1_000);
  logger.info({ address: `http://${config.bindAddress}:${config.port}` }, 'scheduler running');

  exitOnSignals(logger, async () => {
    clearInterval(resync);
    clearInterval(expire);
    await queue.close();
    informers.stopAll();
    await events.flush();
    client.close();
    redis.disconnect();
    ledgerRedis.disconnect();
    health.close();
  });
}

runMain(logger, 'scheduler', main);
