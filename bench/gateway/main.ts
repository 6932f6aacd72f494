// `npm run bench -- gateway [--quick]`: 1,000 socket.io clients subscribed to pods through one
// gateway while pods are created at 100/s; delivery latency (write accepted -> event at the
// client) p50/p99, the gateway's CPU and peak RSS, and in the same run the latency of a plain
// HTTP watch of the apiserver (what `kubectl get pods -w` opens). Writes `## gateway`.
import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pod } from '#api';
import { startTestApiserver } from '#testing';
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

const WORKERS = quick ? 1 : 4;

/** Starts a client process (client-worker.ts) and resolves once it has subscribed. */
async function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = fork(join(import.meta.dirname, 'client-worker.js'), { env: { ...process.env, ...env } });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`bench client process exited with ${code}`)));
  });
  return child;
}

/** Every latency sample a worker recorded; it exits after sending them. */
function collect(child: ChildProcess): Promise<number[]> {
  return new Promise((resolve) => {
    child.once('message', (message: { samples: number[] }) => resolve(message.samples));
    child.send('finish');
  });
}

const api = await startTestApiserver();
const gateway = await startTestGateway(api.kubeconfigPath, { KUBENEST_LOG_LEVEL: 'warn' });
const client = adminClient(api.kubeconfigPath);
const pods = resourceType('pods');
const workers: ChildProcess[] = [];
try {
  await createNamespace(client, 'bench');
  console.error(`bench gateway: connecting ${CLIENTS} socket.io clients in ${WORKERS} processes`);
  const gatewayWorkers = await Promise.all(
    Array.from({ length: WORKERS }, () =>
      startWorker({ GATEWAY_URL: gateway.url, TOKEN: api.token, CLIENTS: String(CLIENTS / WORKERS) }),
    ),
  );
  workers.push(...gatewayWorkers);
  // The peer: one plain HTTP watch of the apiserver, as kubectl get pods -w holds it, in its own process.
  const list = await client.list(pods, { namespace: 'bench' });
  const peer = await startWorker({
    PEER_WATCH: '1',
    API_URL: api.url,
    API_CA: api.caPem,
    TOKEN: api.token,
    FROM_RV: list.metadata.resourceVersion ?? '0',
  });
  workers.push(peer);
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
  const elapsedS = (performance.now() - started) / 1000;
  const after = processUsage(gateway.pid)!;
  const machineLoad = load();
  // Let the last events arrive (at most 10 s), then gather the samples.
  await sleep(quick ? 2000 : 10_000);
  const expected = RATE * SECONDS * CLIENTS;
  const gatewayLatency = new LatencyRecorder();
  for (const samples of await Promise.all(gatewayWorkers.map(collect)))
    for (const v of samples) gatewayLatency.record(v);
  const watchLatency = new LatencyRecorder();
  for (const v of await collect(peer)) watchLatency.record(v);

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
        `\`npm run bench -- gateway\` (${new Date().toISOString().slice(0, 10)}): ${CLIENTS} socket.io clients (websocket transport, in ${WORKERS} client processes) each subscribed to pods in one namespace through one gateway, while pods are created at ${RATE}/s for ${SECONDS} s through the API. Latency: from just before the create request to the event's arrival at the client (both clocks are this machine's). The peer in the same run: one plain HTTP watch of the apiserver, what \`kubectl get pods -w\` holds. Goal: p99 <= 100 ms at 1,000 clients.`,
        '',
        table,
        '',
        usage,
        '',
        `The gateway batches a subscription's changes at most every 50 ms (KUBENEST_GATEWAY_BATCH_INTERVAL_MS), which is part of its latency by design; the clients share one fan-out group, so each batch is filtered and serialised once for all of them. The clients, apiserver, Redis and gateway all run on this machine's 2 cores, so the clients' parsing (2 million events) competes with the gateway for CPU; the peer watch runs in its own process.`,
      ].join('\n'),
      describeMachine(),
    );
    console.error('bench gateway: wrote the `## gateway` section of docs/benchmarks.md');
  }
} finally {
  for (const worker of workers) if (worker.exitCode === null) worker.kill();
  client.close();
  await gateway.stop();
  await api.stop();
}
