// `npm run bench -- pod-startup [--quick]`: on `kubenest up --runtime docker` with the image already
// present, how long from create to Running for 50 bare pods created at once, and for a
// Deployment scaled 0 -> 50. Writes the `## pod-startup` section of docs/benchmarks.md.
import { join } from 'node:path';
import type { KubeObject, Node, Pod } from '#api';
import type { ApiClient } from '#client';
import { startTestCluster, type TestCluster } from '#testing';
import { writeBenchmarkSection } from '../support/docs-section.js';
import { dockerFloor } from './docker-floor.js';
import { syncTimings, syncTimingsTable } from './sync-timings.js';
import { PodWatch, adminClient, createNamespace, epochMs, resourceType, smallPodSpec } from '../support/hollow.js';
import { describeMachine, machineLines } from '../support/machine.js';
import { machineLoadSince, type MachineLoad } from '../support/process-usage.js';
import { LatencyRecorder } from '../support/stats.js';
import { ms, renderTable } from '../support/table.js';

const quick = process.argv.includes('--quick');
const PODS = quick ? 10 : 50;
const TIMEOUT_MS = 180_000;
const IMAGE = 'localhost:5000/microservice:1.0';
const PAUSE_IMAGE = 'localhost:5000/pause:3.10';
const pods = resourceType('pods');
const deployments = resourceType('deployments', 'apps');

interface Phase {
  name: string;
  /** From the create request (or the scale patch) to first seen Running. */
  toRunning: LatencyRecorder;
  toBound: LatencyRecorder;
  /** Seen bound -> seen Running: the node agent's share. */
  boundToRunning: LatencyRecorder;
  allRunningMs: number;
  load: MachineLoad;
  /** Per node-agent step (sync-timings.ts). */
  steps: string;
}

const phases: Phase[] = [];
const notes: string[] = [];
let cluster: TestCluster | undefined;
let client: ApiClient | undefined;
let floor: { latency: LatencyRecorder; allMs: number; load: MachineLoad } | undefined;
try {
  // Before the cluster starts, so Docker is as idle as it will be; one pod's worth first as warm-up.
  await dockerFloor(PAUSE_IMAGE, IMAGE, 1);
  const floorLoad = machineLoadSince();
  floor = { ...(await dockerFloor(PAUSE_IMAGE, IMAGE, PODS)), load: floorLoad() };
  console.error(`bench pod-startup: docker floor: p99 ${ms(floor.latency.summary().p99)} ms`);
  cluster = await startTestCluster();
  client = adminClient(cluster.kubeconfigPath);
  const c = client;
  const logDir = join(cluster.dataDir, 'logs');
  if (!(await pollUntil(async () => (await c.list<Node>(resourceType('nodes'))).items.some(isReady), 60_000)))
    throw new Error('no node became Ready in 60 s');
  // Warm-up, not measured: one pod through the whole path, so the image and the runtime's
  // first-use costs are behind us ("image already present").
  await createNamespace(client, 'bench-warm');
  const warm = await measure(client, 'bench-warm', 'warm-up', 1, (ns) => createPods(c, ns, 1, 'warm'), logDir);
  if (warm.toRunning.samples.length !== 1) throw new Error('the warm-up pod never ran');

  await createNamespace(client, 'bench-pods');
  phases.push(
    await measure(
      client,
      'bench-pods',
      `${PODS} pods created at once`,
      PODS,
      (ns) => createPods(c, ns, PODS, 'pod'),
      logDir,
    ),
  );
  await deleteAllPods(client, 'bench-pods');

  await createNamespace(client, 'bench-deploy');
  const labels = { app: 'bench-deploy' };
  await client.create(deployments, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'bench-deploy', namespace: 'bench-deploy' },
    spec: { replicas: 0, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: podSpec() } },
  } as KubeObject);
  phases.push(
    await measure(
      client,
      'bench-deploy',
      `Deployment scaled 0 → ${PODS}`,
      PODS,
      async (ns) => {
        const at = epochMs();
        await c.patch(deployments, ns, 'bench-deploy', { spec: { replicas: PODS } }, 'merge');
        // Every pod's clock starts at the scale request, as the user who scaled sees it.
        return () => at;
      },
      logDir,
    ),
  );
} catch (error) {
  notes.push(`stopped early: ${(error as Error).message}`);
  console.error(`bench pod-startup: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
} finally {
  client?.close();
  await cluster?.stop();
}

function podSpec(): NonNullable<Pod['spec']> {
  const spec = smallPodSpec(IMAGE);
  spec.containers[0].ports = [{ containerPort: 3000 }];
  return spec;
}

/** Creates `count` pods at once; returns each pod's send time. */
async function createPods(c: ApiClient, ns: string, count: number, prefix: string): Promise<(name: string) => number> {
  const sentAt = new Map<string, number>();
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const name = `${prefix}-${i}`;
      sentAt.set(name, epochMs());
      await c.create(pods, {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name, namespace: ns },
        spec: podSpec(),
      } as Pod);
    }),
  );
  return (name) => sentAt.get(name) ?? NaN;
}

async function measure(
  c: ApiClient,
  ns: string,
  name: string,
  count: number,
  start: (ns: string) => Promise<(pod: string) => number>,
  logDir: string,
): Promise<Phase> {
  const watch = new PodWatch(c, ns);
  await watch.start();
  const load = machineLoadSince();
  const began = epochMs();
  const startedAt = await start(ns);
  const done = await watch.until((t) => t.running.size >= count, TIMEOUT_MS);
  const phase: Phase = {
    name,
    toRunning: new LatencyRecorder(),
    toBound: new LatencyRecorder(),
    boundToRunning: new LatencyRecorder(),
    allRunningMs: done ? Math.max(...watch.times.running.values()) - began : NaN,
    load: load(),
    steps: '',
  };
  await watch.stop();
  // The agent logs a sync's timings just after its status write: give the log a moment to land.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  phase.steps = syncTimingsTable(name, syncTimings(logDir, ns));
  for (const pod of watch.times.seen.keys()) {
    const { bound, running } = { bound: watch.times.bound.get(pod), running: watch.times.running.get(pod) };
    if (bound !== undefined) phase.toBound.record(bound - startedAt(pod));
    if (running === undefined) phase.toRunning.fail(new Error(`not Running within ${TIMEOUT_MS / 1000} s`));
    else phase.toRunning.record(running - startedAt(pod));
    if (bound !== undefined && running !== undefined) phase.boundToRunning.record(running - bound);
  }
  for (let missing = count - watch.times.seen.size; missing > 0; missing--)
    phase.toRunning.fail(new Error('pod never created'));
  if (watch.errors.errors) notes.push(`${name}: watch ${watch.errors.describeErrors()}`);
  console.error(`bench pod-startup: ${name}: p99 ${ms(phase.toRunning.summary().p99)} ms`);
  return phase;
}

async function deleteAllPods(c: ApiClient, ns: string): Promise<void> {
  const { items } = await c.list<Pod>(pods, { namespace: ns });
  await Promise.all(items.map((p) => c.delete(pods, ns, p.metadata.name!, { gracePeriodSeconds: 0 })));
  // The next phase starts on a node as idle as this one was: the containers are gone too.
  if (!(await pollUntil(async () => (await c.list<Pod>(pods, { namespace: ns })).items.length === 0, 120_000)))
    notes.push(`${ns}: pods still listed 120 s after deletion; the next phase ran beside them`);
}

function isReady(node: Node): boolean {
  return !!node.status?.conditions?.some((cond) => cond.type === 'Ready' && cond.status === 'True');
}

async function pollUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

const table = renderTable(
  [
    'phase',
    'pods Running',
    'p50 ms',
    'p99 ms',
    'max ms',
    'all Running after, ms',
    'p50 to bound ms',
    'p50 bound→Running ms',
    'errors',
    'machine busy %',
    'load avg 1m',
  ],
  [
    ...(floor ? [floorRow(floor)] : []),
    ...phases.map((p) => {
      const s = p.toRunning.summary();
      return [
        p.name,
        s.count,
        ms(s.p50),
        ms(s.p99),
        ms(s.max),
        ms(p.allRunningMs),
        ms(p.toBound.summary().p50),
        ms(p.boundToRunning.summary().p50),
        s.errors,
        p.load.busyPercent.toFixed(0),
        p.load.loadAverage1m.toFixed(2),
      ];
    }),
  ],
);

function floorRow(f: NonNullable<typeof floor>): (string | number)[] {
  const s = f.latency.summary();
  return [
    `Docker alone: ${PODS} × (pause + app) via \`docker run -d\``,
    s.count,
    ms(s.p50),
    ms(s.p99),
    ms(s.max),
    ms(f.allMs),
    '-',
    '-',
    s.errors,
    f.load.busyPercent.toFixed(0),
    f.load.loadAverage1m.toFixed(2),
  ];
}
const stepTables = phases.map((p) => p.steps).join('\n\n');
console.log(table);
console.log(`\n${stepTables}`);
if (floor?.latency.errors) notes.push(`Docker alone: ${floor.latency.describeErrors()}`);
for (const p of phases) if (p.toRunning.errors) notes.push(`${p.name}: ${p.toRunning.describeErrors()}`);
if (notes.length) console.log(notes.join('\n'));
const machine = describeMachine();
const worst = Math.max(...phases.map((p) => p.toRunning.summary().p99));
await writeBenchmarkSection(
  'pod-startup',
  [
    `Command: \`npm run bench -- pod-startup${quick ? ' --quick' : ''}\`${quick ? ' — **quick mode: 10 pods, figures are indicative only**' : ''}`,
    '',
    ...machineLines(machine),
    '- Cluster: `kubenest up --runtime docker` via startTestCluster from #testing (every component, one node agent running containers in Docker, Redis with AOF); cleaned up after (containers removed, data dir deleted).',
    '',
    'Method:',
    '',
    `- Image ${IMAGE} already in the local Docker; one warm-up pod is run to Running first and not measured.`,
    `- Pods: one container (the microservice, port 3000, requests 10m / 16Mi). **Pods created at once**: ${PODS} creates sent concurrently; latency per pod from its create request to the benchmark's pod watch first seeing status.phase=Running with every container state running. The pods are then deleted (grace 0) and the next phase waits until they are gone.`,
    `- **Deployment scaled 0 → ${PODS}**: a Deployment created at 0 replicas, then one merge patch to ${PODS}; latency per pod from that patch, so the Deployment and ReplicaSet controllers' work is included.`,
    `- **Docker alone** is the floor, measured before the cluster starts: the same ${PODS} pods' containers (a ${PAUSE_IMAGE} sandbox on the pod network kubenest0, a user-defined bridge like the node agent's sandboxes, then the app container in its network namespace) started concurrently with the docker CLI, per pod from the first \`docker run -d\` to the second returning; one such pod first as warm-up; all removed after. It includes 2 × ${PODS} docker CLI processes, which the node agent (talking to the Engine API directly) does not pay, so it is an upper bound of the floor.`,
    '- "to bound" = until the watch shows spec.nodeName; "bound→Running" = the node agent and Docker. All processes (apiserver, Redis, controllers, scheduler, node agent, dockerd, the benchmark) share the machine.',
    '',
    '### Results',
    '',
    table,
    '',
    '### Where the node agent spends the time (per pod sync that started containers)',
    '',
    "From the node agent's `pod sync timings` log line: wall time per step of each sync that created a sandbox or started a container. Syncs of different pods run at the same time and wait on the same dockerd, so a step's time includes waiting for Docker while other pods' calls run.",
    '',
    stepTables,
    '',
    `Goals: Kubernetes' pod-startup SLO is p99 ≤ 5 s; kubenest's goal is p99 ≤ 2 s. Worst p99 here: ${ms(worst)} ms — ${worst <= 2000 ? 'within both' : worst <= 5000 ? 'within the SLO, **not** the 2 s goal' : '**misses both**'}.`,
    ...(floor && phases.length
      ? [
          '',
          ...phases.map(
            (p) =>
              `- ${p.name}: p99 ${ms(p.toRunning.summary().p99)} ms, ${(p.toRunning.summary().p99 / floor!.latency.summary().p99).toFixed(1)}× the Docker-alone p99 (${ms(floor!.latency.summary().p99)} ms) of this run.`,
          ),
        ]
      : []),
    '',
    ...(notes.length ? ['Notes:', '', ...notes.map((n) => `- ${n}`), ''] : []),
  ].join('\n'),
  machine,
);
console.error('bench pod-startup: wrote the `## pod-startup` section of docs/benchmarks.md');
