import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import { createApiClient, EventRecorder, InformerFactory } from '#client';
import { createLogger } from '#observability';
import { BullWorkQueue, Expectations } from '#reconcile';
import type { TestApiserver } from '#testing';
import type { ControllerDefinition, ControllerSettings } from '../controller-context.js';

/** Starts one controller as controller-manager would, against a test apiserver and its Redis; returns its stop. */
export async function startTestController(
  api: TestApiserver,
  definition: ControllerDefinition,
  settings: Partial<ControllerSettings> = {},
): Promise<() => Promise<void>> {
  const client = createApiClient({ server: api.url, caPem: api.caPem, token: api.token });
  const redis = new Redis({ path: api.redis.socketPath, protocol: 2, maxRetriesPerRequest: null });
  const informers = new InformerFactory(client);
  const recorder = new EventRecorder(client, { component: definition.name });
  const running = await definition.start({
    client,
    informers,
    recorder,
    redis,
    metrics: new Registry(),
    logger: createLogger(definition.name),
    settings: {
      nodeMonitorGracePeriodSeconds: 40,
      defaultEvictionTolerationSeconds: 300,
      resyncPeriodMs: 0,
      concurrency: 2,
      ...settings,
    },
    queueFor: (name) => new BullWorkQueue({ name, connection: redis }),
    expectationsFor: (name) => new Expectations(redis, { name }),
  });
  return async () => {
    await running.stop();
    await recorder.flush();
    client.close();
    redis.disconnect();
  };
}
