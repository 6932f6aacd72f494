import type { CoreV1Api } from '@kubernetes/client-node';
import { closedLoop } from '../support/load.js';
import { LatencyRecorder } from '../support/stats.js';
import { coreClients, type Transport } from './clients.js';
import type { Context } from './create-steps.js';
import { createNamespace, fillConfigMaps } from './objects.js';
import { failedRow, rowFrom, type Row } from './results.js';

/** Namespaces holding exactly `size` ConfigMaps, filled once and shared by the get and list steps. */
export async function readFixtures(ctx: Context): Promise<Map<number, { namespace: string; names: string[] }>> {
  const fixtures = new Map<number, { namespace: string; names: string[] }>();
  const fillers = await coreClients(ctx.kubeconfigPath, 'keep-alive', 8);
  for (const size of ctx.settings.listSizes) {
    const namespace = await createNamespace(ctx.admin, `bench-list-${size}`);
    fixtures.set(size, { namespace, names: await fillConfigMaps(fillers, namespace, size) });
  }
  return fixtures;
}

type Fixtures = Awaited<ReturnType<typeof readFixtures>>;

/** GET of existing ConfigMaps, picked at random from the smallest fixture. */
export async function getSteps(ctx: Context, fixtures: Fixtures, transport: Transport): Promise<Row[]> {
  const [{ namespace, names }] = [...fixtures.values()];
  return perConcurrency(ctx, `get-${transport}`, `get ConfigMap (${transport})`, transport, (client) =>
    client.readNamespacedConfigMap({ namespace, name: names[Math.floor(Math.random() * names.length)] }),
  );
}

/** LIST of a whole namespace, once per fixture size. */
export async function listSteps(ctx: Context, fixtures: Fixtures, transport: Transport): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [size, { namespace }] of fixtures) {
    rows.push(
      ...(await perConcurrency(
        ctx,
        `list-${size}-${transport}`,
        `list ${size} ConfigMaps (${transport})`,
        transport,
        async (client) => {
          const list = await client.listNamespacedConfigMap({ namespace });
          // A short list would make the latency look better than it is: count it as an error.
          if (list.items.length !== size) throw new Error(`list returned ${list.items.length} items, expected ${size}`);
        },
      )),
    );
  }
  return rows;
}

async function perConcurrency(
  ctx: Context,
  id: string,
  step: string,
  transport: Transport,
  op: (client: CoreV1Api) => Promise<unknown>,
): Promise<Row[]> {
  const rows: Row[] = [];
  for (const c of ctx.settings.concurrency) {
    try {
      const clients = await coreClients(ctx.kubeconfigPath, transport, c);
      const recorder = new LatencyRecorder();
      const { throughput } = await closedLoop(
        c,
        ctx.settings.closed,
        async (w) => void (await op(clients[w])),
        recorder,
      );
      rows.push(rowFrom(id, step, c, throughput, recorder));
    } catch (error) {
      rows.push(failedRow(id, step, c, error));
    }
  }
  return rows;
}
