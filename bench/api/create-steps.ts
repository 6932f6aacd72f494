import type { CoreV1Api } from '@kubernetes/client-node';
import { closedLoop, openLoop } from '../support/load.js';
import { LatencyRecorder } from '../support/stats.js';
import { coreClient, coreClients, type Transport } from './clients.js';
import { create, createNamespace, type Kind } from './objects.js';
import { failedRow, rowFrom, type Row } from './results.js';
import type { Settings } from './settings.js';

export interface Context {
  kubeconfigPath: string;
  settings: Settings;
  /** For setup (namespaces, fixtures), outside any measurement. */
  admin: CoreV1Api;
}

/** Closed-loop creates of one kind at each concurrency, each in a fresh namespace. */
export async function createClosedLoop(ctx: Context, kind: Kind, transport: Transport): Promise<Row[]> {
  const rows: Row[] = [];
  for (const c of ctx.settings.concurrency) {
    const step = `create ${kind} (closed loop, ${transport})`;
    const id = `create-${kind}-${transport}`;
    try {
      const namespace = await createNamespace(ctx.admin, `bench-create-${kind.toLowerCase()}-${transport}-c${c}`);
      const clients = await coreClients(ctx.kubeconfigPath, transport, c);
      const recorder = new LatencyRecorder();
      const { throughput } = await closedLoop(
        c,
        ctx.settings.closed,
        (w, seq) => create(clients[w], kind, namespace, `${kind.toLowerCase()}-${seq}`),
        recorder,
      );
      rows.push(rowFrom(id, step, c, throughput, recorder));
    } catch (error) {
      rows.push(failedRow(id, step, c, error));
    }
  }
  return rows;
}

/** The goal point: ConfigMap creates paced at a fixed rate (open loop), latency from each due time. */
export async function createPaced(ctx: Context, transport: Transport): Promise<Row> {
  const { rate, clients: count } = ctx.settings.paced;
  const step = `create ConfigMap paced ${rate}/s (open loop, ${transport})`;
  const id = `create-paced-${transport}`;
  try {
    const namespace = await createNamespace(ctx.admin, `bench-paced-${transport}`);
    const clients = await Promise.all(Array.from({ length: count }, () => coreClient(ctx.kubeconfigPath, transport)));
    const recorder = new LatencyRecorder();
    const result = await openLoop(
      rate,
      count,
      ctx.settings.paced,
      (w, seq) => create(clients[w], 'ConfigMap', namespace, `cm-${seq}`),
      recorder,
    );
    return {
      ...rowFrom(id, step, count, result.throughput, recorder),
      note: `at most ${result.maxInFlight} requests in flight`,
    };
  } catch (error) {
    return failedRow(id, step, count, error);
  }
}
