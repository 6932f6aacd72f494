// `npm run bench -- replicaset-scale [--quick]`: a ReplicaSet scaled 0 -> 1,000 on hollow nodes,
// the controller-manager (replicaset controller only) creating the pods and the scheduler binding
// them; pods never run. Writes the `## replicaset-scale` section of docs/benchmarks.md.
import type { KubeObject } from '#api';
import { logTail } from '../support/component.js';
import { writeBenchmarkSection } from '../support/docs-section.js';
import { startHollowCluster, type HollowCluster } from '../support/hollow-cluster.js';
import { PodWatch, createNamespace, epochMs, ratePerSecond, resourceType, smallPodSpec } from '../support/hollow.js';
import { describeMachine, machineLines } from '../support/machine.js';
import { machineLoadSince } from '../support/process-usage.js';
import { renderTable, rate } from '../support/table.js';

const quick = process.argv.includes('--quick');
const NODES = quick ? 100 : 1_000;
const REPLICAS = quick ? 100 : 1_000;
const TIMEOUT_MS = quick ? 60_000 : 300_000;
const namespace = 'bench-rs';
const replicaSets = resourceType('replicasets', 'apps');

const rows: (string | number)[][] = [];
const notes: string[] = [];
let timing: { allExist: number; allBound: number } | undefined;
let cluster: HollowCluster | undefined;
try {
  cluster = await startHollowCluster(NODES);
  const scheduler = cluster.start('scheduler', 'scheduler');
  const manager = cluster.start('controller-manager', 'controller-manager', { KUBENEST_CONTROLLERS: 'replicaset' });
  await createNamespace(cluster.client, namespace);
  const labels = { app: 'bench-rs' };
  await cluster.client.create(replicaSets, {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'bench-rs', namespace },
    spec: { replicas: 0, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: smallPodSpec() } },
  } as KubeObject);
  // Warm-up, not measured: both components started and the controller has synced the ReplicaSet at 0.
  const synced = await pollUntil(async () => {
    const rs = await cluster!.client.get<KubeObject>(replicaSets, namespace, 'bench-rs');
    return ((rs?.['status'] as { observedGeneration?: number } | undefined)?.observedGeneration ?? 0) >= 1;
  }, 60_000);
  if (!synced) throw new Error(`the replicaset controller never observed the ReplicaSet: ${logTail(manager.logPath)}`);

  const watch = new PodWatch(cluster.client, namespace);
  await watch.start();
  const before = { manager: manager.usage(), scheduler: scheduler.usage() };
  const load = machineLoadSince();
  const scaledAt = epochMs();
  await cluster.client.patch(replicaSets, namespace, 'bench-rs', { spec: { replicas: REPLICAS } }, 'merge');
  const done = await watch.until((t) => t.bound.size >= REPLICAS, TIMEOUT_MS);
  const machineLoad = load();
  const after = { manager: manager.usage(), scheduler: scheduler.usage() };
  await watch.stop();

  const seen = [...watch.times.seen.values()].sort((a, b) => a - b);
  const bound = [...watch.times.bound.values()].sort((a, b) => a - b);
  const allExist = seen.length >= REPLICAS ? seen[REPLICAS - 1] - scaledAt : NaN;
  const allBound = done ? bound[bound.length - 1] - scaledAt : NaN;
  timing = { allExist, allBound };
  const cpu = (b?: { cpuSeconds: number }, a?: { cpuSeconds: number }) =>
    a && b ? (a.cpuSeconds - b.cpuSeconds).toFixed(1) : '-';
  rows.push([
    `0 → ${REPLICAS}`,
    `${seen.length}`,
    `${bound.length}`,
    Number.isFinite(allExist) ? (allExist / 1000).toFixed(1) : '-',
    Number.isFinite(allBound) ? (allBound / 1000).toFixed(1) : '-',
    rate(ratePerSecond(seen).perSecond),
    rate(ratePerSecond(bound).perSecond),
    cpu(before.manager, after.manager),
    after.manager?.peakRssMiB.toFixed(0) ?? '-',
    cpu(before.scheduler, after.scheduler),
    machineLoad.busyPercent.toFixed(0),
    machineLoad.loadAverage1m.toFixed(2),
  ]);
  if (!done) notes.push(`only ${bound.length}/${REPLICAS} pods bound within ${TIMEOUT_MS / 1000} s`);
  if (seen.length > REPLICAS) notes.push(`${seen.length} pods were created for ${REPLICAS} replicas`);
  if (watch.errors.errors) notes.push(`watch: ${watch.errors.describeErrors()}`);
  if (cluster.nodeSetup.errors) notes.push(`node setup: ${cluster.nodeSetup.describeErrors()}`);
} catch (error) {
  notes.push(`stopped early: ${(error as Error).message}`);
  console.error(`bench replicaset-scale: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
} finally {
  await cluster?.stop();
}

async function pollUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

const table = renderTable(
  [
    'scale',
    'pods created',
    'pods bound',
    'all exist after, s',
    'all bound after, s',
    'creates/s (first→last)',
    'binds/s (first→last)',
    'controller-manager CPU s',
    'controller-manager peak RSS MiB',
    'scheduler CPU s',
    'machine busy %',
    'load avg 1m',
  ],
  rows,
);
console.log(table);
if (notes.length) console.log(notes.join('\n'));
const machine = describeMachine();
await writeBenchmarkSection(
  'replicaset-scale',
  [
    `Command: \`npm run bench -- replicaset-scale${quick ? ' --quick' : ''}\`${quick ? ' — **quick mode: smaller, figures are indicative only**' : ''}`,
    '',
    ...machineLines(machine),
    `- Cluster: startTestApiserver from #testing (real apiserver, its own Redis without AOF), ${NODES} hollow nodes (Ready, cpu 4 / memory 16Gi / pods 110; no node-lifecycle controller runs, so no Lease is needed), \`node dist/apps/controller-manager/src/main.js\` with KUBENEST_CONTROLLERS=replicaset and \`node dist/apps/scheduler/src/main.js\`, default settings.`,
    '',
    'Method:',
    '',
    `- A ReplicaSet of pods requesting 10m / 16Mi is created at replicas 0 and the benchmark waits until the controller has observed it (warm-up: start-up and informer sync are not measured). Then one merge patch sets replicas to ${REPLICAS}; times run from sending that patch to the benchmark's pod watch seeing the ${REPLICAS}th pod (exist) and its last binding (bound). Pods never run.`,
    '- CPU seconds are utime + stime from /proc/<pid>/stat over the same window; peak RSS is VmHWM since start. All processes share the machine with the benchmark itself.',
    '',
    '### Results',
    '',
    table,
    '',
    ...(notes.length ? ['Notes:', '', ...notes.map((n) => `- ${n}`), ''] : []),
    ...(timing && Number.isFinite(timing.allBound)
      ? [
          '### Reading',
          '',
          `- The controller had created all pods after ${(timing.allExist / 1000).toFixed(1)} s; the scheduler needed ${((timing.allBound - timing.allExist) / 1000).toFixed(1)} s more to bind them, so ${timing.allBound - timing.allExist > timing.allExist ? 'binding, not pod creation,' : 'pod creation, not binding,'} sets the time to a scaled-up ReplicaSet here (compare the \`## scheduler\` section).`,
        ]
      : []),
  ].join('\n'),
  machine,
);
console.error('bench replicaset-scale: wrote the `## replicaset-scale` section of docs/benchmarks.md');
