import { Watch, type V1ConfigMap } from '@kubernetes/client-node';
import { setTimeout as sleep } from 'node:timers/promises';
import { openLoop } from '../support/load.js';
import { LatencyRecorder } from '../support/stats.js';
import { coreClient, loadKubeConfig } from './clients.js';
import type { Context } from './create-steps.js';
import { MEASURED, SENT_AT, configMap, createNamespace, epochMs } from './objects.js';
import { failedRow, rowFrom, type Row } from './results.js';

/**
 * Watch delivery: `watchers` client-node Watches (each its own KubeConfig) on one namespace,
 * and a writer creating ConfigMaps at a steady rate, each stamped with its send time. Latency
 * is receive time minus stamp, over every (event, watcher) pair: it includes the create
 * request itself, as a user waiting for their change to show up would see it. Writer and
 * watchers share this process's clock. Events not delivered within drainMs count as errors.
 */
export async function watchStep(ctx: Context, watchers: number): Promise<Row> {
  const { rate, drainMs } = ctx.settings.watch;
  const step = `watch delivery (writer ${rate}/s, client-node)`;
  const stops: (() => void)[] = [];
  try {
    const namespace = await createNamespace(ctx.admin, `bench-watch-w${watchers}`);
    const { metadata } = await ctx.admin.listNamespacedConfigMap({ namespace });
    const delivery = new LatencyRecorder();
    let delivered = 0;
    let ended = 0;

    for (let i = 0; i < watchers; i++) {
      const watch = new Watch(loadKubeConfig(ctx.kubeconfigPath));
      let done = false;
      const controller = await watch.watch(
        `/api/v1/namespaces/${namespace}/configmaps`,
        { resourceVersion: metadata?.resourceVersion },
        (type: string, object: V1ConfigMap) => {
          const receivedAt = epochMs();
          const annotations = object?.metadata?.annotations ?? {};
          if (type !== 'ADDED' || annotations[MEASURED] !== 'true') return; // warm-up writes, bookmarks
          const stamp = Number(annotations[SENT_AT]);
          delivery.record(receivedAt - stamp);
          delivered++;
        },
        (error: unknown) => {
          // Only an end we did not ask for is a failure; the watch is not restarted on purpose.
          if (!done) {
            ended++;
            delivery.fail(error ?? new Error('watch closed by the server'));
          }
        },
      );
      stops.push(() => {
        done = true;
        controller.abort();
      });
    }

    const writer = await coreClient(ctx.kubeconfigPath, 'client-node');
    const writes = new LatencyRecorder();
    await openLoop(
      rate,
      1,
      ctx.settings.watch,
      async (_, seq, measured) => {
        const annotations = { [SENT_AT]: epochMs().toFixed(3), [MEASURED]: String(measured) };
        await writer.createNamespacedConfigMap({ namespace, body: configMap(`cm-${seq}`, annotations) });
      },
      writes,
    );

    const expected = writes.samples.length * watchers;
    const drainUntil = performance.now() + drainMs;
    while (delivered < expected && performance.now() < drainUntil && ended < watchers) await sleep(20);
    for (let missing = expected - delivered; missing > 0; missing--)
      delivery.fail(new Error(`not delivered within ${drainMs / 1000} s`));

    const row = rowFrom(
      `watch`,
      step,
      `${watchers} watchers`,
      delivered / (ctx.settings.watch.durationMs / 1000),
      delivery,
    );
    const writeErrors = writes.errors ? `writer: ${writes.describeErrors()}` : '';
    return { ...row, errors: [row.errors, writeErrors].filter(Boolean).join('; ') };
  } catch (error) {
    return failedRow('watch', step, `${watchers} watchers`, error);
  } finally {
    for (const stop of stops) stop();
  }
}
