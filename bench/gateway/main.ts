// `npm run bench -- gateway [--quick]`: 1,000 socket.io clients subscribed to pods through one
// gateway while pods are created at 100/s; delivery latency (write accepted -> event at the
// client) p50/p99, the gateway's CPU and peak RSS, and in the same run the latency of a plain
// HTTP watch of the apiserver (what `kubectl get pods -w` opens). Writes `## gateway`.
import { request } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import type { KubeObject, Pod } from '#api';
import { parseWatchStream } from '#client';
import { startTestApiserver } from '#testing';
import { StreamClient } from '../../apps/gateway/src/testing/stream-client.js';
import { startTestGateway } from '../../apps/gateway/src/testing/test-gateway.js';
import { writeBenchmarkSection } from '../support/docs-section.js';
import { adminClient, createNamespace, resourceType, smallPod } from '../support/hollow.js';
import { describeMachine } from '../support/machine.js';
import { machineLoadSince, processUsage } from '../support/process-usage.js';
import { LatencyRecorder } from '../support/stats.js';
import { latencyCells, renderTable } from '../support/table.js';

const quick = process.argv.includes('--quick');
const CLIENTS = quick ? 100 : 1000;
const RATE = 100;
const SECONDS = quick ? 5 : 20;
const SENT_AT = 'bench.kubenest.io/sent-at';

const api = await startTestApiserver();
const gateway = await startTestGateway(api.kubeconfigPath, { KUBENEST_LOG_LEVEL: 'warn' });
const client = adminClient(api.kubeconfigPath);
const pods = resourceType('pods');
const clients: StreamClient[] = [];
const abortWatch = new AbortController();
try {
  await createNamespace(client, 'bench');
  const gatewayLatency = new LatencyRecorder();
  const watchLatency = new LatencyRecorder();
  const record = (recorder: LatencyRecorder, obj: KubeObject) => {
    const sent = Number(obj.metadata.annotations?.[SENT_AT]);
    if (sent) recorder.record(Date.now() - sent);
  };

  console.error(`bench gateway: connecting ${CLIENTS} socket.io clients`);
  for (let i = 0; i < CLIENTS; i++) {
    const c = await StreamClient.connect(gateway.url, api.token);
    // Only latencies are kept: a recorder per message instead of StreamClient's full history.
    c.received.push = () => 0;
    c.socket.on('changes', (payload: { events: { object: KubeObject }[] }) => {
      for (const event of payload.events) record(gatewayLatency, event.object);
    });
    const ack = await c.request<{ ok: boolean }>('watch', { id: 'pods', resource: 'pods', namespace: 'bench' });
    if (!ack.ok) throw new Error(`watch refused: ${JSON.stringify(ack)}`);
    clients.push(c);
  }

  // The peer: one plain HTTP watch of the apiserver, as kubectl get pods -w holds it.
  const list = await client.list(pods, { namespace: 'bench' });
  void (async () => {
    const response = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
      const url = new URL(
        `${api.url}/api/v1/namespaces/bench/pods?watch=true&resourceVersion=${list.metadata.resourceVersion}`,
      );
      const req = request(
        url,
        { ca: api.caPem, headers: { Authorization: `Bearer ${api.token}` }, signal: abortWatch.signal },
        resolve,
      );
      req.once('error', reject);
      req.end();
    });
    for await (const event of parseWatchStream<KubeObject>(response)) record(watchLatency, event.object);
  })().catch(() => undefined);
  await sleep(1000);

  console.error(`bench gateway: creating ${RATE} pods/s for ${SECONDS} s`);
  const before = processUsage(gateway.pid)!;
  const load = machineLoadSince();
  const started = performance.now();
  const writes: Promise<unknown>[] = [];
  for (let i = 0; i < RATE * SECONDS; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const pod = smallPod('bench', `p-${i}`) as Pod;
    pod.metadata.annotations = { [SENT_AT]: String(Date.now()) };
    writes.push(client.create(pods, pod));
  }
  await Promise.all(writes);
  const expected = RATE * SECONDS * CLIENTS;
  const deadline = Date.now() + 30_000;
  while (gatewayLatency.samples.length < expected && Date.now() < deadline) await sleep(100);
  const elapsedS = (performance.now() - started) / 1000;
  const after = processUsage(gateway.pid)!;
  const machineLoad = load();

  const g = gatewayLatency.summary();
  const w = watchLatency.summary();
  const table = renderTable(
    ['path', 'events received', 'p50 ms', 'p99 ms', 'max ms'],
    [
      [`gateway, socket.io, ${CLIENTS} clients`, ...latencyCells(g)],
      ['apiserver HTTP watch (kubectl -w), 1 client', ...latencyCells(w)],
    ],
  );
  const cpuPercent = ((after.cpuSeconds - before.cpuSeconds) / elapsedS) * 100;
  const usage = renderTable(
    ['gateway CPU (% of one core)', 'gateway peak RSS MiB', 'events missing', 'machine busy %', 'load 1m'],
    [
      [
        cpuPercent.toFixed(0),
        after.peakRssMiB.toFixed(0),
        expected - g.count,
        machineLoad.busyPercent.toFixed(0),
        machineLoad.loadAverage1m.toFixed(2),
      ],
    ],
  );
  console.log(table);
  console.log(usage);
  if (!quick) {
    await writeBenchmarkSection(
      'gateway',
      [
        `\`npm run bench -- gateway\` (${new Date().toISOString().slice(0, 10)}): ${CLIENTS} socket.io clients (websocket transport, one bench process) each subscribed to pods in one namespace through one gateway, while pods are created at ${RATE}/s for ${SECONDS} s through the API. Latency: from just before the create request to the event's arrival at the client (both clocks are this machine's). The peer in the same run: one plain HTTP watch of the apiserver, what \`kubectl get pods -w\` holds. Goal: p99 <= 100 ms at 1,000 clients.`,
        '',
        table,
        '',
        usage,
        '',
        `The gateway batches a subscription's changes at most every 50 ms (KUBENEST_GATEWAY_BATCH_INTERVAL_MS), which is part of its latency by design; the clients share one fan-out group, so each batch is filtered and serialised once for all of them. The clients, apiserver, Redis and gateway all run on this machine's 2 cores, so client-side parsing competes with the gateway for CPU.`,
      ].join('\n'),
      describeMachine(),
    );
    console.error('bench gateway: wrote the `## gateway` section of docs/benchmarks.md');
  }
} finally {
  abortWatch.abort();
  for (const c of clients) c.close();
  client.close();
  await gateway.stop();
  await api.stop();
}
